"""A run whose target takes OAuth 2.0 client credentials: the token endpoint is asked at
pre-flight, the token is sent and never written; an endpoint that cannot be reached stops only
that target's profiles (exit 3), in one line."""

from __future__ import annotations

import http.server
import json
from collections.abc import Iterator

import pytest

from tests.conftest import manifest_for
from tests.servers import serving

TOKEN = "oauth-at-4d2f8a1b9c3e-never-written"
SECRET = "client-secret-77aa55cc"


@pytest.fixture
def token_endpoint() -> Iterator[tuple[str, list[str]]]:
    """An OAuth token endpoint on 127.0.0.1 (a free port), and the forms it was sent."""
    forms: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            forms.append(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode())
            body = json.dumps({"access_token": TOKEN, "token_type": "bearer", "expires_in": 3600}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    with serving(Handler) as url:
        yield f"{url}/oauth/token", forms


def _manifest(catalog, reference_url: str, token_url: str) -> dict:
    manifest = manifest_for(catalog, "interfaces-core", base_urls={"api": reference_url})
    manifest["targets"]["api"]["auth"] = {"oauth2": {"token_url": token_url, "client_id_env": "ACME_CLIENT",
                                                     "client_secret_env": "ACME_SECRET", "scope": "conformance"}}
    return manifest


def test_the_oauth_token_is_sent_but_never_written(catalog, reference_tls_url, run_manifest, token_endpoint):
    token_url, forms = token_endpoint
    result = run_manifest(_manifest(catalog, reference_tls_url, token_url),
                          environ={"ACME_CLIENT": "acme", "ACME_SECRET": SECRET}, formats=["json", "junit", "html"])
    assert result.exit_code == 0
    # fetched at pre-flight, and again once after each 401 (the reference answers some requests 401)
    assert forms and set(forms) == {"grant_type=client_credentials&scope=conformance"}
    exchanges = [e for r in result.report.requirements for e in r.evidence if e["kind"] == "http"]
    assert exchanges and all(e["request"]["headers"].get("Authorization") == "***" for e in exchanges
                             if "Authorization" in e["request"]["headers"])
    for written in result.files:
        text = written.read_text(encoding="utf-8")
        assert TOKEN not in text and SECRET not in text


def test_an_unreachable_token_endpoint_stops_the_run_in_one_line(catalog, reference_tls_url, run_manifest):
    result = run_manifest(_manifest(catalog, reference_tls_url, "http://127.0.0.1:9/oauth/token"),
                          environ={"ACME_CLIENT": "acme", "ACME_SECRET": SECRET})
    assert result.exit_code == 3
    notes = [n for n in result.report.notes if "OAuth token endpoint" in n]
    assert len(notes) == 1 and "\n" not in notes[0]
    assert "$.targets.api.auth.oauth2.token_url" in notes[0] and "cannot be reached" in notes[0]
    assert SECRET not in notes[0]
