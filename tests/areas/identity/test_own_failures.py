"""Issue 71: a registered DID that does not resolve is ID-REG-001's to judge. A fake registrar
(the reference answering 500 to every resolution) fails ID-REG-001 and ID-REG-004 (whose statement
is the resolution's answer after deactivation); ID-REG-002 and ID-REG-003, which only read the
resolved document to see that a refused request changed nothing, are inconclusive naming ID-REG-001."""

from __future__ import annotations

from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for


def _resolution(method, path, query):
    return method == "GET" and "/identifiers/" in path


def test_a_resolver_answering_500_fails_only_the_requirements_judging_resolution(run_manifest, catalog):
    ids = ["ID-REG-001", "ID-REG-002", "ID-REG-003", "ID-REG-004"]
    with serve_failing(_resolution) as url:
        result = run_manifest(manifest_for(catalog, "identity-registrar", base_urls={"api": url}), requirements=ids)
    assert verdicts(result, ids) == {"ID-REG-001": "fail", "ID-REG-002": "inconclusive",
                                     "ID-REG-003": "inconclusive", "ID-REG-004": "fail"}
    for requirement in ("ID-REG-002", "ID-REG-003"):
        text = reasons(result, requirement)
        assert "ID-REG-001 judges that answer" in text and "does not resolve" not in text, requirement


def test_a_challenge_not_issued_fails_only_id_auth_001(run_manifest, catalog):
    """Issuing a challenge is ID-AUTH-001's; ID-AUTH-003 judges its expiry: a 500 from the
    challenges endpoint leaves it inconclusive, naming ID-AUTH-001 (before: "no challenge was issued")."""
    ids = ["ID-AUTH-001", "ID-AUTH-003"]
    with serve_failing(lambda method, path, query: method == "POST" and path.endswith("/auth/challenges")) as url:
        result = run_manifest(manifest_for(catalog, "identity-auth", base_urls={"api": url}), requirements=ids)
    assert verdicts(result, ids) == {"ID-AUTH-001": "fail", "ID-AUTH-003": "inconclusive"}
    assert "ID-AUTH-001, which judges it" in reasons(result, "ID-AUTH-003")


def test_a_challenge_without_a_usable_expiry_fails_only_id_auth_001(run_manifest, catalog):
    """The thirty-seventh reading's a7: `expires` as an RFC 3339 date-time with an offset is ID-AUTH-001's R1; a
    challenge without one failed ID-AUTH-003 under no line of its own. Now ID-AUTH-001 fails (R1) and ID-AUTH-003,
    with no expiry to judge or wait for, is inconclusive naming ID-AUTH-001."""
    ids = ["ID-AUTH-001", "ID-AUTH-003"]
    body = b'{"challenge": "c0ffee-c0ffee-c0ffee-c0ffee", "expires": "2026-11-29T03:40:00"}'
    with serve_failing(lambda method, path, query: method == "POST" and path.endswith("/auth/challenges"), 201,
                       body=body) as url:
        result = run_manifest(manifest_for(catalog, "identity-auth", base_urls={"api": url}), requirements=ids)
    assert verdicts(result, ids) == {"ID-AUTH-001": "fail", "ID-AUTH-003": "inconclusive"}
    assert "ID-AUTH-001 judges it" in reasons(result, "ID-AUTH-003")
    found = next(r for r in result.report.requirements if r.requirement == "ID-AUTH-001")
    assert any(f.get("rule") == "R1" and f.get("pointer") == "/expires" for f in found.evidence), found.evidence
