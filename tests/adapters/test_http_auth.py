"""Authentication beyond a bearer token: HTTP Basic, OAuth 2.0 client credentials, a client
certificate (mutual TLS); each read from the environment or a file, each secret redacted."""

from __future__ import annotations

import base64
import datetime
import http.server
import ssl
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import httpx
import pytest

from conformance._record.redaction import Redactor
from conformance.adapters import AdapterContext
from conformance.adapters.http import HttpAdapter
from conformance.errors import HarnessInputError, TargetUnreachable
from tests.servers import serving

TOKEN_URL = "http://auth.test/oauth/token"
ENV = {"AGENT_USER": "vendor", "AGENT_PASSWORD": "pw-3b9f1c77", "AGENT_CLIENT": "harness",
       "AGENT_SECRET": "cs-9a8e7d6c5b4a"}


class Server:
    """A target behind an OAuth token endpoint: each token it hands out is good ``lives`` times."""

    def __init__(self, lives: int = 100, token_status: int = 200, expires_in: int | None = None) -> None:
        self.lives, self.token_status, self.expires_in = lives, token_status, expires_in
        self.token_requests: list[httpx.Request] = []
        self.requests: list[httpx.Request] = []
        self.good: dict[str, int] = {}
        self.refuse = False  # no token works

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN_URL:
            self.token_requests.append(request)
            if self.token_status != 200:
                return httpx.Response(self.token_status, json={"error": "invalid_client"})
            token = f"at-{len(self.token_requests)}-5f0c2e9d"
            self.good[token] = self.lives
            answer = {"access_token": token, "token_type": "Bearer"}
            if self.expires_in is not None:
                answer["expires_in"] = self.expires_in
            return httpx.Response(200, json=answer)
        self.requests.append(request)
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if self.good.get(token, 0) > 0 and not self.refuse:
            self.good[token] -= 1
            return httpx.Response(200, json={"echo": request.headers.get("authorization")})
        return httpx.Response(401, json={"title": "unauthorized"})


def _adapter(tmp_path: Path, auth: dict | None = None, handler=None, env=ENV, **config) -> HttpAdapter:
    config = {"adapter": "http", "base_url": "http://agent.test", **config}
    if auth is not None:
        config["auth"] = auth
    transport = httpx.MockTransport(handler or (lambda r: httpx.Response(200, json={})))
    return HttpAdapter("api", config, AdapterContext(tmp_path / "m.yaml", env), transport=transport)


OAUTH = {"oauth2": {"token_url": TOKEN_URL, "client_id_env": "AGENT_CLIENT", "client_secret_env": "AGENT_SECRET",
                    "scope": "issue verify"}}


# -- HTTP Basic ------------------------------------------------------------------------------

def test_basic_credentials_are_sent_and_their_secrets_declared(tmp_path: Path):
    seen: list[httpx.Request] = []
    adapter = _adapter(tmp_path, {"basic": {"username_env": "AGENT_USER", "password_env": "AGENT_PASSWORD"}},
                       lambda r: seen.append(r) or httpx.Response(200, json={}))
    try:
        adapter.get("/x")
        adapter.get("/y", auth=None)
    finally:
        adapter.close()
    encoded = base64.b64encode(b"vendor:pw-3b9f1c77").decode()
    assert seen[0].headers["authorization"] == f"Basic {encoded}"
    assert "authorization" not in seen[1].headers
    assert {"pw-3b9f1c77", encoded} <= set(adapter.secrets())
    assert "vendor" not in adapter.secrets()  # a user name is no secret: redacting it would blank evidence


def test_basic_without_its_variable_is_one_line_naming_it(tmp_path: Path):
    with pytest.raises(HarnessInputError) as raised:
        _adapter(tmp_path, {"basic": {"username_env": "AGENT_USER", "password_env": "NO_SUCH_PASSWORD"}})
    assert "$.targets.api.auth.basic.password_env" in str(raised.value)
    assert "NO_SUCH_PASSWORD is not set" in str(raised.value)


def test_two_ways_to_authenticate_are_one_line(tmp_path: Path):
    with pytest.raises(HarnessInputError) as raised:
        _adapter(tmp_path, {"bearer_token_env": "AGENT_SECRET", **OAUTH})
    assert "$.targets.api.auth" in str(raised.value)
    assert "more than one way to authenticate: bearer_token_env, oauth2" in str(raised.value)


def test_the_schema_refuses_an_incomplete_oauth_configuration(catalog):
    config = {"adapter": "http", "base_url": "http://agent.test", "auth": {"oauth2": {"token_url": TOKEN_URL}}}
    with pytest.raises(HarnessInputError) as raised:
        catalog.schemas.require_valid(config, "https://metaverse-conformance.org/schemas/manifest/target-http.json",
                                      "m.yaml at $.targets.api", "see the schema")
    assert "client_id_env" in str(raised.value) and "\n" not in str(raised.value)


# -- OAuth 2.0 client credentials --------------------------------------------------------------

def test_the_token_is_fetched_once_at_preflight_and_sent_as_a_bearer_token(tmp_path: Path):
    server = Server()
    adapter = _adapter(tmp_path, OAUTH, server)
    learnt: list[list[str]] = []
    adapter.secret_listeners.append(learnt.append)
    try:
        adapter.preflight()
        first, second = adapter.get("/a"), adapter.post("/b", json={})
    finally:
        adapter.close()
    assert len(server.token_requests) == 1
    token_request = server.token_requests[0]
    assert parse_qs(token_request.content.decode()) == {"grant_type": ["client_credentials"], "scope": ["issue verify"]}
    assert token_request.headers["authorization"] == "Basic " + base64.b64encode(b"harness:cs-9a8e7d6c5b4a").decode()
    assert first.status == second.status == 200
    assert "authorization" not in server.requests[0].headers  # pre-flight: any answer will do
    assert {r.headers["authorization"] for r in server.requests[1:]} == {"Bearer at-1-5f0c2e9d"}
    assert learnt == [["at-1-5f0c2e9d"]]
    assert {"at-1-5f0c2e9d", "cs-9a8e7d6c5b4a"} <= set(adapter.secrets())


def test_the_target_headers_never_go_to_the_token_endpoint(tmp_path: Path):
    server = Server()
    env = {**ENV, "API_KEY": "k-1234567890"}
    adapter = _adapter(tmp_path, OAUTH, server, env=env, headers_env={"X-Api-Key": "API_KEY"})
    try:
        adapter.preflight()
    finally:
        adapter.close()
    assert "x-api-key" not in server.token_requests[0].headers


def test_a_401_fetches_the_token_again_once(tmp_path: Path):
    server = Server(lives=1)  # each token works once
    adapter = _adapter(tmp_path, OAUTH, server)
    try:
        adapter.preflight()
        assert adapter.get("/a").status == 200          # token 1
        assert adapter.get("/b").status == 200          # 401, token 2, sent again
        server.refuse = True                             # now no token works
        assert adapter.get("/c").status == 401          # 401, token 3, 401 again: no third try
    finally:
        adapter.close()
    assert len(server.token_requests) == 3  # pre-flight, after /b's 401, after /c's first 401
    assert [r.url.path for r in server.requests] == ["/", "/a", "/b", "/b", "/c", "/c"]  # pre-flight first


def test_an_unauthenticated_request_never_fetches_a_token(tmp_path: Path):
    server = Server()
    adapter = _adapter(tmp_path, OAUTH, server)
    try:
        adapter.preflight()
        assert adapter.get("/a", auth=None).status == 401
    finally:
        adapter.close()
    assert len(server.token_requests) == 1 and "authorization" not in server.requests[-1].headers


def test_an_expired_token_is_fetched_again(tmp_path: Path):
    server = Server(expires_in=10)  # within the margin: expired at once
    adapter = _adapter(tmp_path, OAUTH, server)
    try:
        adapter.preflight()
        adapter.get("/a")
    finally:
        adapter.close()
    assert len(server.token_requests) == 2


def test_client_secret_post_sends_the_client_in_the_form(tmp_path: Path):
    server = Server()
    auth = {"oauth2": {**OAUTH["oauth2"], "client_auth": "post"}}
    adapter = _adapter(tmp_path, auth, server)
    try:
        adapter.preflight()
    finally:
        adapter.close()
    form = parse_qs(server.token_requests[0].content.decode())
    assert form["client_id"] == ["harness"] and form["client_secret"] == ["cs-9a8e7d6c5b4a"]
    assert "authorization" not in server.token_requests[0].headers


def test_a_token_endpoint_refusing_the_client_makes_the_target_unusable(tmp_path: Path):
    server = Server(token_status=401)
    adapter = _adapter(tmp_path, OAUTH, server)
    try:
        with pytest.raises(TargetUnreachable) as raised:
            adapter.preflight()
        line = str(raised.value)
        assert "\n" not in line and "$.targets.api.auth.oauth2.token_url" in line
        assert "gave no access token: HTTP 401 (invalid_client)" in line
        assert "cs-9a8e7d6c5b4a" not in line
        with pytest.raises(TargetUnreachable):  # every later request fails at once
            adapter.get("/a")
    finally:
        adapter.close()


def test_an_unreachable_token_endpoint_is_one_line(tmp_path: Path):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "auth.test":
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        return httpx.Response(200)
    adapter = _adapter(tmp_path, OAUTH, handler)
    try:
        with pytest.raises(TargetUnreachable) as raised:
            adapter.preflight()
    finally:
        adapter.close()
    assert "the OAuth token endpoint http://auth.test/oauth/token cannot be reached" in str(raised.value)
    assert "$.targets.api.auth.oauth2.token_url" in str(raised.value)


def test_the_redactor_learns_a_secret_later():
    redactor = Redactor(["first-secret"])
    redactor.add(["later-token-123"])
    assert redactor.text("a first-secret and later-token-123") == "a *** and ***"


# -- a client certificate (mutual TLS) ------------------------------------------------------

def _certificates(folder: Path) -> dict[str, Path]:
    """A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test CA")])

    def issue(name: str, key, *, ca: bool = False, san=None):
        builder = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
                   .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(hours=1))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if san:
            builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
        return builder.sign(ca_key, hashes.SHA256())

    files: dict[str, Path] = {}

    def write(stem: str, cert, key) -> None:
        files[f"{stem}_cert"] = folder / f"{stem}.crt"
        files[f"{stem}_cert"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        if key is not None:
            files[f"{stem}_key"] = folder / f"{stem}.key"
            files[f"{stem}_key"].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                               serialization.PrivateFormat.PKCS8,
                                                               serialization.NoEncryption()))
    server_key, client_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    write("ca", issue("test CA", ca_key, ca=True), None)
    write("server", issue("127.0.0.1", server_key, san=[x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
          server_key)
    write("client", issue("harness", client_key), client_key)
    return files


@pytest.fixture
def mtls_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, Path]]]:
    """An HTTPS server on 127.0.0.1 (a free port) that answers only clients with a certificate of its CA."""
    files = _certificates(tmp_path)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            peer = self.connection.getpeercert()
            body = (dict(x[0] for x in peer["subject"])["commonName"] if peer else "none").encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(files["server_cert"], files["server_key"])
    context.load_verify_locations(files["ca_cert"])
    context.verify_mode = ssl.CERT_REQUIRED
    with serving(Handler, context) as url:
        yield url, files


def _tls_adapter(tmp_path: Path, url: str, client_cert: dict | None) -> HttpAdapter:
    config: dict = {"adapter": "http", "base_url": url, "verify_tls": False, "timeout_s": 5}
    if client_cert is not None:
        config["client_cert"] = client_cert
    return HttpAdapter("api", config, AdapterContext(tmp_path / "m.yaml", {}))


def test_a_client_certificate_is_presented(tmp_path: Path, mtls_server):
    url, files = mtls_server
    adapter = _tls_adapter(tmp_path, url, {"cert_file": files["client_cert"].name,
                                           "key_file": files["client_key"].name})
    try:
        adapter.preflight()
        assert adapter.get("/").text == "harness"
    finally:
        adapter.close()


def test_without_a_client_certificate_the_server_refuses(tmp_path: Path, mtls_server):
    url, _ = mtls_server
    adapter = _tls_adapter(tmp_path, url, None)
    try:
        with pytest.raises(TargetUnreachable):
            adapter.preflight()
    finally:
        adapter.close()


def test_a_certificate_that_does_not_load_is_one_line(tmp_path: Path):
    (tmp_path / "client.crt").write_text("-----BEGIN CERTIFICATE-----\nnot one\n-----END CERTIFICATE-----\n")
    with pytest.raises(HarnessInputError) as raised:
        _tls_adapter(tmp_path, "https://127.0.0.1:9", {"cert_file": "client.crt"})
    line = str(raised.value)
    assert "\n" not in line and "$.targets.api.client_cert.cert_file" in line
    assert "the client certificate does not load" in line


def test_a_certificate_file_that_is_missing_is_one_line(tmp_path: Path):
    with pytest.raises(HarnessInputError) as raised:
        _tls_adapter(tmp_path, "https://127.0.0.1:9", {"cert_file": "client.crt", "key_file": "client.key"})
    assert "$.targets.api.client_cert.cert_file" in str(raised.value) and "client.crt" in str(raised.value)
