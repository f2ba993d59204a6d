"""OpenID Connect sign-in (issue 78, fourth round) against a tiny provider served on 127.0.0.1
in this process (tests/servers.py): its discovery document, an authorisation endpoint that
approves at once, a token endpoint that checks the client's secret and the PKCE verifier and
signs an ID token (ES256, joserfc), and its key set. A first sign-in makes the subject's account
and organisation, a second finds them; a callback of another browser, a replayed one, and ID
tokens with another nonce, audience or key are refused; the client's secret is in no page."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import secrets
import time
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from tests.servers import serving
from tests.service.test_service import client

pytest.importorskip("authlib", reason="the service extra's authlib is the OpenID Connect client")
from joserfc import jwt  # noqa: E402
from joserfc.jwk import ECKey  # noqa: E402

SECRET = "oidc-client-secret-5f1d"
CLIENT = "conformance-service"


class Provider(http.server.BaseHTTPRequestHandler):
    """The provider; ``tamper`` (a class attribute) spoils the next ID token's claim or key."""

    key = ECKey.generate_key("P-256", parameters={"kid": "k1"})
    codes: dict[str, dict[str, str]] = {}
    tamper: dict[str, object] = {}
    issuer = ""

    def log_message(self, *_: object) -> None:
        pass

    def _json(self, value: object, status: int = 200) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path, _, query = self.path.partition("?")
        if path == "/.well-known/openid-configuration":
            self._json({"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                        "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks"})
        elif path == "/jwks":
            self._json({"keys": [self.key.as_dict(private=False)]})
        elif path == "/authorize":
            asked = {k: v[0] for k, v in parse_qs(query).items()}
            assert asked["client_id"] == CLIENT and asked["code_challenge_method"] == "S256", asked
            code = secrets.token_urlsafe(16)
            Provider.codes[code] = asked
            self.send_response(302)
            back = urlencode({"code": code, "state": asked["state"]})
            self.send_header("location", f"{asked['redirect_uri']}?{back}")
            self.send_header("content-length", "0")
            self.end_headers()
        elif path == "/favicon.ico":  # a browser passing through asks for it (a 404 would be a console error)
            self.send_response(204)
            self.end_headers()
        else:
            self._json({"error": "not_found"}, 404)

    def do_POST(self) -> None:  # noqa: N802
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["content-length"])).decode()).items()}
        asked = Provider.codes.pop(form.get("code", ""), None)
        basic = base64.b64decode(self.headers.get("authorization", "Basic ").split(" ", 1)[1]).decode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
        if asked is None or basic != f"{CLIENT}:{SECRET}" or challenge.rstrip(b"=").decode() != asked["code_challenge"]:
            self._json({"error": "invalid_grant"}, 400)
            return
        claims = {"iss": self.issuer, "aud": CLIENT, "sub": "user-7", "nonce": asked["nonce"], "iat": int(time.time()),
                  "exp": int(time.time()) + 300, "email": "signed-in@example.org", "email_verified": True}
        key = self.key
        if "key" in Provider.tamper:
            key = ECKey.generate_key("P-256", parameters={"kid": "k1"})
        claims.update({k: v for k, v in Provider.tamper.items() if k != "key"})
        Provider.tamper = {}
        token = jwt.encode({"alg": "ES256", "kid": "k1"}, claims, key)
        self._json({"access_token": "a", "token_type": "Bearer", "expires_in": 300, "id_token": token})


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from conformance.service.app import create_app
    from conformance.service.config import OIDC_SECRET_ENV, load_config

    with serving(Provider) as issuer, pytest.MonkeyPatch.context() as patch:
        Provider.issuer = issuer
        patch.setenv(OIDC_SECRET_ENV, SECRET)
        yield create_app(load_config(tmp_path_factory.mktemp("oidc"), secure_cookies=False, oidc_issuer=issuer,
                                     oidc_client_id=CLIENT))


def through_provider(browser) -> str:
    """The browser's way to the provider and back: the callback's path and query."""
    begun = browser.get("/signin/oidc")
    assert begun.status_code == 303, begun.text
    back = httpx.get(begun.headers["location"], follow_redirects=False)
    assert back.status_code == 302
    url = urlsplit(back.headers["location"])
    return f"{url.path}?{url.query}"


def test_a_subject_signs_in_and_signs_in_again_to_the_same_account(app):
    browser = client(app)
    assert 'href="/signin/oidc"' in browser.get("/signin").text
    done = browser.get(through_provider(browser))
    assert done.status_code == 303 and done.headers["location"] == "/products", done.text
    assert browser.get("/organisation").text.count("signed-in@example.org") == 1
    again = client(app)
    assert again.get(through_provider(again)).status_code == 303
    assert "signed-in@example.org" in again.get("/organisation").text
    with app.state.service.sessions() as db:
        from sqlalchemy import func, select

        from conformance.service.models import OidcSubject, Organisation

        assert db.scalar(select(func.count()).select_from(OidcSubject)) == 1
        assert db.scalar(select(func.count()).select_from(Organisation)) == 1
    pages = [browser.get(p).text for p in ("/signin", "/products", "/organisation")]
    assert not any(SECRET in page for page in pages) and SECRET not in repr(app.state.service.oidc)


def test_a_callback_of_another_browser_or_replayed_is_refused(app):
    browser, other = client(app), client(app)
    callback = through_provider(browser)
    other.get("/signin")
    assert other.get(callback).status_code == 400  # another browser's state: a login CSRF refused
    assert browser.get(callback).status_code == 303
    assert client(app).get(callback).status_code == 400 and browser.get(callback).status_code == 400  # used once


@pytest.mark.parametrize("tamper", [{"nonce": "another"}, {"aud": "another-client"}, {"key": True},
                                    {"exp": 1}, {"iss": "https://evil.example"}],
                         ids=["nonce", "audience", "key", "expired", "issuer"])
def test_an_id_token_that_does_not_hold_signs_no_one_in(app, tamper, caplog):
    browser = client(app)
    callback = through_provider(browser)
    Provider.tamper = tamper
    caplog.set_level("WARNING", logger="conformance.service.accounts")
    refused = browser.get(callback)
    assert refused.status_code == 400 and browser.get("/products").headers["location"] == "/signin"
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and said[0].startswith("OpenID Connect sign-in refused: ") and SECRET not in said[0], said


def test_half_a_provider_or_no_secret_is_bad_input(tmp_path, monkeypatch):
    from conformance.errors import HarnessInputError
    from conformance.service.config import OIDC_SECRET_ENV, load_config

    monkeypatch.delenv(OIDC_SECRET_ENV, raising=False)
    for options, where in (({"oidc_issuer": "https://id.example"}, "--oidc-client-id"),
                           ({"oidc_issuer": "http://id.example", "oidc_client_id": "c"}, "--oidc-issuer"),
                           ({"oidc_issuer": "https://id.example", "oidc_client_id": "c"}, OIDC_SECRET_ENV)):
        with pytest.raises(HarnessInputError) as raised:
            load_config(tmp_path / "s", **options)
        assert where in raised.value.line()
