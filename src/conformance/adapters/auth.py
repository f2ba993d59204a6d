"""How the ``http`` adapter authenticates beyond a bearer token from the environment: HTTP
Basic (RFC 7617), OAuth 2.0 client credentials (RFC 6749 4.4) and a client certificate (mutual
TLS). Every value is read from an environment variable or a file the manifest names; what is a
secret is redacted from all evidence (the adapter's ``secrets()``).

OAuth's token comes from the token endpoint at pre-flight, through the adapter's own transport
(its deadline and size cap) but with none of the target's headers; it is fetched again once
when it expires or when the target answers 401 to it. A token endpoint that cannot be reached
or refuses the client makes the target unusable (exit 3, as an unreachable base URL); a
configuration that cannot work (a variable unset, a certificate that does not load) is bad
input (exit 2).
"""

from __future__ import annotations

import base64
import ssl
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import orjson

from ..errors import HarnessInputError

#: A token is fetched again this many seconds before the end of the lifetime it was given for.
EXPIRY_MARGIN_S = 30.0
#: Of a token endpoint's error answer, at most this much goes into the message.
ERROR_EXCERPT = 200


def basic_credentials(username: str, password: str) -> str:
    """The ``Authorization`` value of HTTP Basic (RFC 7617)."""
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


class ClientCredentials:
    """OAuth 2.0 client credentials (RFC 6749 4.4): the token request, and its answer read."""

    def __init__(self, config: Mapping[str, Any], client_id: str, client_secret: str, where: str) -> None:
        try:
            self.token_url = httpx.URL(str(config["token_url"]))
        except httpx.InvalidURL as exc:
            raise HarnessInputError(where, f"token_url is not a usable URL: {exc}", "give the token endpoint's URL") \
                from None
        self.client_id, self.client_secret = client_id, client_secret
        self.scope: str | None = config.get("scope")
        self.audience: str | None = config.get("audience")
        #: how the client authenticates to the token endpoint: HTTP Basic (RFC 6749 2.3.1), or in the form
        self.client_auth: str = config.get("client_auth", "basic")
        self.token: str | None = None
        self.expires: float | None = None
        #: every token fetched (all of them redacted from evidence)
        self.fetched: list[str] = []

    def secrets(self) -> list[str]:
        basic = f"{quote(self.client_id, safe='')}:{quote(self.client_secret, safe='')}"
        return [self.client_secret, base64.b64encode(basic.encode()).decode(), *self.fetched]

    def current(self) -> str | None:
        """The token, when there is one not about to expire."""
        if self.token is None or (self.expires is not None and time.monotonic() >= self.expires):
            return None
        return self.token

    def request(self, user_agent: str) -> httpx.Request:
        form = {"grant_type": "client_credentials"}
        if self.scope:
            form["scope"] = self.scope
        if self.audience:
            form["audience"] = self.audience
        headers = {"User-Agent": user_agent, "Accept": "application/json"}
        if self.client_auth == "post":
            form |= {"client_id": self.client_id, "client_secret": self.client_secret}
        else:  # RFC 6749 2.3.1: each form-urlencoded, then Basic
            headers["Authorization"] = basic_credentials(quote(self.client_id, safe=""),
                                                         quote(self.client_secret, safe=""))
        return httpx.Request("POST", self.token_url, headers=headers, data=form)

    def accept(self, status: int, body: bytes) -> str | None:
        """Keep the token of an answer; None, or why the endpoint gave none (never quoting a secret)."""
        try:
            answer = orjson.loads(body)
        except orjson.JSONDecodeError:
            answer = None
        if status != 200 or not isinstance(answer, dict):
            said = ""
            if isinstance(answer, dict):
                said = " ".join(str(answer.get(k, "")) for k in ("error", "error_description")).strip()
            return f"HTTP {status}" + (f" ({said[:ERROR_EXCERPT]})" if said else "")
        token, kind = answer.get("access_token"), str(answer.get("token_type", "bearer"))
        if not isinstance(token, str) or not token:
            return f"HTTP {status} without access_token"
        if kind.lower() != "bearer":
            return f"a token of type {kind[:40]!r}, not bearer"
        if any(ord(c) < 0x21 or ord(c) > 0x7E for c in token):
            return "a token that cannot be sent in a header"
        lifetime = answer.get("expires_in")
        self.token = token
        self.fetched.append(token)
        self.expires = (time.monotonic() + max(float(lifetime) - EXPIRY_MARGIN_S, 0.0)
                        if isinstance(lifetime, int | float) and not isinstance(lifetime, bool) else None)
        return None


#: The one verifying context of the default trust anchors in this process (loading the bundle costs 20-170 ms of CPU).
_DEFAULT_TRUST: list[ssl.SSLContext] = []

#: the list the default trust anchors are, as the run's environment names it (clause 5 of the draft names it so)
DEFAULT_ANCHORS_LIST = "Mozilla CA Certificate Program (certifi)"


def default_anchors_file() -> Path:
    """The trust anchors of an https target whose IXIT gives no ``ca_bundle``: the root certificates of the Mozilla CA
    Certificate Program as the certifi package distributes them (httpx's own default). Never the store of the machine
    the harness runs on, nor a bundle SSL_CERT_FILE or SSL_CERT_DIR names: those differ from one laboratory to
    another, so two laboratories would reach a server with a private CA differently (twenty-fourth reading, row 39)."""
    import certifi

    return Path(certifi.where())


def default_trust(shared: bool = True) -> ssl.SSLContext:
    """A verifying context trusting the default anchors alone (:func:`default_anchors_file`); ``shared``: the
    process's one context, else a new one its caller may change (a client certificate loaded into it)."""
    if not shared:
        return ssl.create_default_context(cafile=str(default_anchors_file()))
    if not _DEFAULT_TRUST:
        _DEFAULT_TRUST.append(ssl.create_default_context(cafile=str(default_anchors_file())))
    return _DEFAULT_TRUST[0]


def default_anchors() -> dict[str, str]:
    """What a run's environment records of the default trust anchors: the list, certifi's version and the SHA-256 of
    the bundle's bytes, so two reports show whether their laboratories trusted the same roots."""
    import hashlib

    import certifi

    return {"list": DEFAULT_ANCHORS_LIST, "version": str(certifi.__version__),
            "sha256": hashlib.sha256(default_anchors_file().read_bytes()).hexdigest()}


#: what a ca_bundle that cannot be used should be instead
_CA_BUNDLE_FIX = "give a PEM file of CA certificates, relative to the manifest's folder"


def ca_bundle_bytes(ca_bundle: Path, where: str) -> bytes:
    """The manifest's ``ca_bundle`` as read (its bytes are what the run trusts, and what a
    signed run binds); a file that cannot be read is one line naming its place."""
    from .._io.inputs import check_input_file

    try:
        check_input_file(ca_bundle)
        return ca_bundle.read_bytes()
    except HarnessInputError as exc:
        raise HarnessInputError(where, f"{ca_bundle}: {exc.problem}", _CA_BUNDLE_FIX) from None
    except OSError as exc:
        raise HarnessInputError(where, f"{ca_bundle}: cannot be read ({exc.strerror or exc})", _CA_BUNDLE_FIX) from None


def server_trust(ca_bundle: Path, pem: bytes, verify: bool, where: str) -> bool | ssl.SSLContext:
    """How the server's certificate is verified: against the manifest's ``ca_bundle`` alone
    (``pem``, its bytes as read: CA certificates) or not at all (``verify_tls: false``). A
    bundle that holds no CA certificate is one line naming its place."""
    if not verify:
        return False
    try:
        # PEM is ASCII; a bundle's comments may not be (an issuer's name): they are dropped,
        # as cadata bytes would be read as DER
        return ssl.create_default_context(cadata=pem.decode("ascii", "ignore"))
    except (ssl.SSLError, ValueError):
        raise HarnessInputError(where, f"{ca_bundle}: holds no PEM CA certificate", _CA_BUNDLE_FIX) from None


def client_tls_context(config: Mapping[str, Any], verify: bool | ssl.SSLContext, base_dir: Path, where: Any,
                       password: str | None) -> ssl.SSLContext:
    """A TLS context presenting the client certificate ``config`` names (``cert_file``, and
    ``key_file`` when the key is apart), verifying the server as ``verify`` says; a file that
    is missing or does not load is one line naming its place."""
    from .._io.inputs import check_input_file

    paths: dict[str, Path] = {}
    for key in ("cert_file", "key_file"):
        if key in config:
            path = base_dir / str(config[key])
            try:
                check_input_file(path)
            except HarnessInputError as exc:
                raise HarnessInputError(where(key), f"{config[key]}: {exc.problem}",
                                        "give a PEM file, relative to the manifest's folder") from None
            paths[key] = path
    context = verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=verify)
    try:
        context.load_cert_chain(paths["cert_file"], paths.get("key_file"), password)
    except (ssl.SSLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)
        raise HarnessInputError(
            where("cert_file"), f"the client certificate does not load ({reason})",
            "give the PEM certificate and its private key (key_file, key_password_env when encrypted)",
        ) from None
    return context
