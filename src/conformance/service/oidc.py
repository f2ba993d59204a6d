"""OpenID Connect sign-in against the configured provider (OpenID Connect Core 1.0, the
authorisation code flow): authlib's OAuth 2.0 client builds the authorisation request (with
PKCE, RFC 7636, S256) and redeems the code at the token endpoint (the client's secret by HTTP
Basic); joserfc, authlib's JOSE library, checks the ID token's signature against the provider's
published keys and its claims (issuer, audience, expiry, the nonce this sign-in sent). The
provider's metadata comes from its discovery document (OpenID Connect Discovery 1.0), whose
``issuer`` must be the configured one. Every answer read is bounded; a provider's failure is
a refused sign-in, never a crash."""

from __future__ import annotations

import threading
import warnings
from typing import TYPE_CHECKING

import httpx

from .config import OidcProvider

if TYPE_CHECKING:
    from authlib.integrations.httpx_client import OAuth2Client

#: the ID token's signature algorithms taken (OpenID Connect Core 15.1: RS256 at least)
ALGORITHMS = ["RS256", "ES256", "EdDSA"]
#: the largest discovery document or key set read (both are a few KiB)
MAX_DOCUMENT_BYTES = 256 * 1024
TIMEOUT_S = 10.0


class Refused(Exception):
    """The provider's answer does not sign anyone in: why (for the log, never the page)."""


class OidcClient:
    """The provider's client (authlib and joserfc imported when a sign-in needs them: a service
    without ``--oidc-issuer`` never loads them)."""

    def __init__(self, provider: OidcProvider) -> None:
        self.provider = provider
        self._metadata: dict[str, object] | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never the client's secret, in a log or a traceback
        return f"OidcClient({self.provider.issuer!r})"

    def _get_json(self, url: str) -> dict[str, object]:
        with httpx.Client(timeout=TIMEOUT_S, follow_redirects=False) as http, http.stream("GET", url) as answer:
            body = bytearray()
            for chunk in answer.iter_bytes():
                body += chunk
                if len(body) > MAX_DOCUMENT_BYTES:
                    raise Refused(f"{url}: more than {MAX_DOCUMENT_BYTES} bytes")
            if answer.status_code != 200:
                raise Refused(f"{url}: HTTP {answer.status_code}")
        found = httpx.Response(200, content=bytes(body)).json()
        if not isinstance(found, dict):
            raise Refused(f"{url}: not a JSON object")
        return found

    def metadata(self) -> dict[str, object]:
        """The provider's discovery document (read once), its issuer the configured one."""
        with self._lock:
            if self._metadata is None:
                found = self._get_json(f"{self.provider.issuer}/.well-known/openid-configuration")
                if found.get("issuer") != self.provider.issuer:
                    raise Refused(f"the discovery document names issuer {found.get('issuer')!r}")
                if not all(isinstance(found.get(k), str) for k in ("authorization_endpoint", "token_endpoint",
                                                                     "jwks_uri")):
                    raise Refused("the discovery document lacks an endpoint")
                self._metadata = found
            return self._metadata

    def _client(self, redirect_uri: str) -> OAuth2Client:
        with warnings.catch_warnings():  # authlib 1.9 names httpx2 the future; the harness's client is httpx
            # authlib.deprecate sets an "always" filter for its warnings when first imported: import it
            # before the filter that silences the one about httpx, or that filter is overridden
            from authlib.deprecate import AuthlibDeprecationWarning

            warnings.filterwarnings("ignore", "The httpx module is deprecated", AuthlibDeprecationWarning)
            from authlib.integrations.httpx_client import OAuth2Client
        return OAuth2Client(self.provider.client_id, self.provider.client_secret, scope="openid email",
                            redirect_uri=redirect_uri, code_challenge_method="S256",
                            token_endpoint_auth_method="client_secret_basic", timeout=TIMEOUT_S,
                            follow_redirects=False)

    def authorisation_url(self, redirect_uri: str, state: str, nonce: str, verifier: str) -> str:
        with self._client(redirect_uri) as client:
            url, _ = client.create_authorization_url(str(self.metadata()["authorization_endpoint"]), state=state,
                                                     code_verifier=verifier, nonce=nonce)
        return str(url)

    def claims_for(self, code: str, redirect_uri: str, verifier: str, nonce: str) -> dict[str, object]:
        """The ID token's claims for ``code``, checked (signature, issuer, audience, expiry, nonce)."""
        from authlib.common.errors import AuthlibBaseError
        from joserfc import jwt
        from joserfc.errors import JoseError
        from joserfc.jwk import KeySet

        metadata = self.metadata()
        try:
            with self._client(redirect_uri) as client:
                token = client.fetch_token(str(metadata["token_endpoint"]), code=code, code_verifier=verifier)
            published = self._get_json(str(metadata["jwks_uri"]))
            keys = KeySet.import_key_set(published)  # type: ignore[arg-type, unused-ignore]
            decoded = jwt.decode(str(token.get("id_token", "")), keys, algorithms=ALGORITHMS)
            jwt.JWTClaimsRegistry(iss={"essential": True, "value": self.provider.issuer},
                                  aud={"essential": True, "value": self.provider.client_id},
                                  nonce={"essential": True, "value": nonce}, sub={"essential": True},
                                  exp={"essential": True}).validate(decoded.claims)
        except (AuthlibBaseError, JoseError, httpx.HTTPError, ValueError, KeyError, TypeError) as failed:
            raise Refused(f"{type(failed).__name__}: {failed}") from None
        claims = dict(decoded.claims)
        if not isinstance(claims.get("sub"), str) or not 0 < len(claims["sub"]) <= 255:
            raise Refused("the ID token's sub is not 1 to 255 characters")
        return claims
