"""Issue 72, item 5: a plain 404 is an answer. Where a specification says what a route must
answer a bad input (DID Resolution's invalidDid and notFound, RFC 9457), a plain 404 or 400 from
a route that serves a known-good input is judged; "nothing answers" only when that route answers
nothing the profile knows. The reference's defects resolve-plain-404 and not-found-html (known-bad
cases of ID-RES-002, ID-RES-004, IF-ERR-001) show the fail; these show the other side."""

from __future__ import annotations

import http.server
import json

import httpx
import pytest

from conformance import Inconclusive
from conformance.adapters.response import Response
from conformance.areas._shared.answers import require_route_serves, route_serves
from tests.conftest import manifest_for, verdicts
from tests.servers import NoRoutes, serving

KNOWN = "did:web:example.com:alice"


def _answer(status: int, media_type: str, body: bytes = b"") -> Response:
    return Response(method="GET", url="https://product.test/x", status=status,
                    headers=httpx.Headers({"content-type": media_type}), content=body, elapsed_s=0.0)


@pytest.mark.parametrize(("status", "media_type", "body", "serves"), [
    (200, "application/did+json", b"{}", True),
    (404, "application/problem+json", b'{"type": "about:blank", "title": "Not Found", "status": 404}', True),
    (404, "text/plain", b"Not Found", False),   # a server's page: no route
    (405, "text/html", b"<p>no</p>", False),
    (401, "application/problem+json", b"{}", False),  # the credentials refused: says nothing of the route
    (502, "application/problem+json", b"{}", False),
])
def test_what_shows_a_route_serving(status, media_type, body, serves):
    assert route_serves(_answer(status, media_type, body)) is serves


def test_a_plain_404_is_judged_only_once_the_route_served_a_known_good_input():
    plain = _answer(404, "text/plain", b"Not Found")
    asked = []

    def known_good(answer):
        return lambda: asked.append(answer) or answer

    require_route_serves([_answer(400, "application/problem+json", b"{}")], known_good(plain))
    assert not asked  # no plain answer: nothing more is asked
    require_route_serves([plain], known_good(_answer(200, "application/did+json", b"{}")))
    assert len(asked) == 1  # served: the plain 404 is the product's answer, judged
    with pytest.raises(Inconclusive, match="nothing answers at GET https://product.test/x"):
        require_route_serves([plain], known_good(plain))
    # another answer of the same route is its own (a 422): the route serves, nothing more is asked
    require_route_serves([_answer(422, "application/json", b'{"detail": "x"}'), plain], known_good(plain))
    assert len(asked) == 2


class DiscoveryOnly(NoRoutes):
    """A product whose discovery document lists a DID, and no resolver: a plain 404 elsewhere."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server protocol
        if self.path != "/.well-known/metaverse-interop":
            self._nothing(404)
            return
        body = json.dumps({"example_dids": [KNOWN]}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.slow  # whole engine runs
def test_a_resolver_that_resolves_nothing_is_not_failed_for_its_plain_404s(catalog, run_manifest):
    # The discovery document answers (so not every answer says no route), the resolver route
    # answers its known DID a plain 404 too: nothing answers there, inconclusive, never a fail.
    with serving(DiscoveryOnly) as url:
        result = run_manifest(manifest_for(catalog, "identity-resolver", base_urls={"api": url}),
                              requirements=["ID-RES-002", "ID-RES-004"])
    found = verdicts(result)
    assert found == {"ID-RES-002": "inconclusive", "ID-RES-004": "inconclusive"}, found
    messages = [r.message for r in result.report.requirements]
    assert all(f"nothing answers at GET {url}/1.0/identifiers/" in m for m in messages), messages


@pytest.mark.slow
def test_an_api_that_answers_nothing_leaves_its_error_format_unjudged(catalog, run_manifest):
    with serving(NoRoutes) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-core", base_urls={"api": url}),
                              requirements=["IF-ERR-001"])
    assert verdicts(result) == {"IF-ERR-001": "inconclusive"}
    assert "nothing answers at" in result.report.requirements[0].message


def test_a_response_says_no_route_only_for_a_plain_404_or_405():
    assert _answer(404, "text/html").says_no_route
    assert not _answer(404, "application/problem+json", b"{}").says_no_route
    assert not _answer(400, "text/plain").says_no_route  # judged as any answer is
