"""What the ``http`` adapter reads from its manifest entry before it sends anything: the
credentials (each from the environment variable the manifest names) and the TLS trust (the
``ca_bundle``, ``verify_tls``, a client certificate). A configuration that cannot work is bad
input (:class:`~conformance.errors.HarnessInputError`), named by its place in the manifest."""

from __future__ import annotations

import hashlib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import HarnessInputError
from .auth import ClientCredentials, basic_credentials, ca_bundle_bytes, client_tls_context, default_trust, server_trust
from .credentials import from_environment


@dataclass
class HttpCredentials:
    """A target's credentials: bearer tokens by name (``default``, ``other``), HTTP Basic,
    OAuth 2.0 client credentials, extra headers; and, for reproducing commands, the
    environment variable each came from (token name -> variable, lower-case header -> variable)."""

    tokens: dict[str, str] = field(default_factory=dict)
    token_vars: dict[str, str] = field(default_factory=dict)
    #: HTTP Basic's Authorization value (auth.basic), and the secrets it carries
    basic: str | None = None
    basic_secrets: list[str] = field(default_factory=list)
    #: OAuth 2.0 client credentials (auth.oauth2): the token is fetched at pre-flight
    oauth: ClientCredentials | None = None
    token_place: str = ""
    extra_headers: dict[str, str] = field(default_factory=dict)
    header_vars: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, config: Mapping[str, Any], context: Any, role: str) -> HttpCredentials:
        found = cls()
        auth = config.get("auth", {})
        ways = [key for key in ("bearer_token_env", "basic", "oauth2") if key in auth]
        if len(ways) > 1:
            raise HarnessInputError(context.where(role, "auth"), f"names more than one way to authenticate: "
                                    f"{', '.join(ways)}", "keep the one the product takes")
        for key, name in (("bearer_token_env", "default"), ("other_bearer_token_env", "other")):
            if key in auth:
                found.tokens[name] = from_environment(context, role, ("auth", key), auth[key])
                found.token_vars[name] = str(auth[key])
        if "basic" in auth:
            basic = auth["basic"]
            user = from_environment(context, role, ("auth", "basic", "username_env"), basic["username_env"])
            password = from_environment(context, role, ("auth", "basic", "password_env"), basic["password_env"])
            found.basic = basic_credentials(user, password)
            found.basic_secrets = [password, found.basic.removeprefix("Basic ")]
        if "oauth2" in auth:
            oauth = auth["oauth2"]
            found.oauth = ClientCredentials(
                oauth, from_environment(context, role, ("auth", "oauth2", "client_id_env"), oauth["client_id_env"]),
                from_environment(context, role, ("auth", "oauth2", "client_secret_env"), oauth["client_secret_env"]),
                context.where(role, "auth", "oauth2", "token_url"))
        found.token_place = context.where(role, "auth", "oauth2", "token_url") if hasattr(context, "where") else ""
        for header, var in config.get("headers_env", {}).items():
            found.extra_headers[header] = from_environment(context, role, ("headers_env", header), var)
            found.header_vars[header.lower()] = str(var)
        return found


@dataclass(frozen=True)
class HttpTrust:
    """How a target's server is verified and the client presents itself: ``tls`` for the
    HTTP transport, ``client_verify`` for the client and connections the harness opens itself
    to the target's origin (a WebSocket)."""

    verify_tls: bool
    #: the trust anchors the manifest names (a PEM file), or None: the default anchors (auth.default_anchors_file)
    ca_bundle: Path | None
    #: the SHA-256 of the ca_bundle's bytes as read: a subject of the run, so a signed run binds
    #: the trust anchors its verdicts on TLS rest on
    ca_bundle_sha256: str | None
    tls: bool | ssl.SSLContext
    client_verify: bool | ssl.SSLContext

    @classmethod
    def read(cls, config: Mapping[str, Any], context: Any, role: str, scheme: str) -> HttpTrust:
        verify = bool(config.get("verify_tls", True))
        ca_bundle = context.base_dir / str(config["ca_bundle"]) if "ca_bundle" in config else None
        trust: bool | ssl.SSLContext = verify
        digest = None
        if ca_bundle is not None:
            where = context.where(role, "ca_bundle")
            pem = ca_bundle_bytes(ca_bundle, where)
            digest = hashlib.sha256(pem).hexdigest()
            trust = server_trust(ca_bundle, pem, verify, where)
        elif verify and scheme == "https":  # no ca_bundle: the named default anchors, not the machine's store
            trust = default_trust(shared="client_cert" not in config)  # a client certificate is loaded into its own
        # A plain-http target never starts TLS: every exchange stays on its origin, scheme
        # included (other origins are refused, redirects too). Its transport is given a
        # context that verifies but trusts no CA, instead of loading the CA bundle
        # (~15 ms a target, a tenth of a run's fixed cost): should TLS ever start, it fails closed.
        tls: bool | ssl.SSLContext = verify
        if verify and scheme == "http":
            tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        if isinstance(trust, ssl.SSLContext) and scheme == "https":
            tls = trust
        client_verify: bool | ssl.SSLContext = trust
        if "client_cert" in config:  # mutual TLS: the certificate presented, the server verified as told
            cert = config["client_cert"]
            key_password = (from_environment(context, role, ("client_cert", "key_password_env"),
                                             cert["key_password_env"]) if "key_password_env" in cert else None)
            tls = client_verify = client_tls_context(cert, trust, context.base_dir,
                                                     lambda key: context.where(role, "client_cert", key), key_password)
        return cls(verify, ca_bundle, digest, tls, client_verify)
