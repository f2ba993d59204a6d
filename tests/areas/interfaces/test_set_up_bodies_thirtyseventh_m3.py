"""The thirty-seventh reading's leftovers, part m3: a set-up answer 200 whose body does not parse (a read
another requirement judges) leaves the input unjudged or the case inconclusive, naming who judges it; never
this case's fail (docs/drafting.md, "Leftovers of the thirty-seventh reading, part m3"). Each test failed
before the fix."""

from __future__ import annotations

from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for

NOT_JSON = b"<html>not json</html>"
DISCOVERY = "/.well-known/metaverse-interop"


def test_a_discovery_document_not_json_leaves_the_risk_case_inconclusive(run_manifest, catalog):
    """Before: IF-RISK-001 read the discovery document with `.json()` uncaught and failed."""
    ids = ["IF-RISK-001"]
    with serve_failing(lambda method, path, query: method == "GET" and path == DISCOVERY,
                       status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-risk-grade", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-RISK-001": "inconclusive"}
    assert "IF-DISC-001 judges that answer" in reasons(result, "IF-RISK-001")
    assert "answered 200 with a body that does not parse" in reasons(result, "IF-RISK-001")


def test_an_asset_state_not_json_leaves_the_refused_calls_case_inconclusive(run_manifest, catalog):
    """Before: IF-AUTH-003's snapshot of the probe asset raised the parse's finding and the case failed."""
    ids = ["IF-AUTH-003"]
    with serve_failing(lambda method, path, query: method == "GET" and path.startswith("/assets/")
                       and path.endswith("/state"), status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-robustness", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-AUTH-003": "inconclusive"}
    assert "AS-REG-001 judges that answer" in reasons(result, "IF-AUTH-003")


def test_a_history_not_json_is_unjudged_in_the_export_and_says_so(run_manifest, catalog):
    """Before: `history_events` raised the parse's finding and IF-UDP-001 failed."""
    ids = ["IF-UDP-001"]

    def picks(method: str, path: str, query: str) -> bool:
        return method == "GET" and path.startswith("/assets/") and path.endswith("/history")
    with serve_failing(picks, status=200, body=NOT_JSON) as url, serve_failing(picks, status=200, body=NOT_JSON) as b:
        result = run_manifest(manifest_for(catalog, "data-portability", base_urls={"api": url, "api_b": b}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-UDP-001": "inconclusive"}
    assert "answered 200 with a body that does not parse" in reasons(result, "IF-UDP-001")
    assert "AS-REG-001 judges that answer" in reasons(result, "IF-UDP-001")


def test_a_history_without_events_is_not_called_answered_200(run_manifest, catalog):
    """Before: a history answered 200 without `events` was named "answered 200", as if it were served."""
    ids = ["IF-UDP-001"]

    def picks(method: str, path: str, query: str) -> bool:
        return method == "GET" and path.startswith("/assets/") and path.endswith("/history")
    with serve_failing(picks, status=200, body=b"{}") as url, serve_failing(picks, status=200, body=b"{}") as b:
        result = run_manifest(manifest_for(catalog, "data-portability", base_urls={"api": url, "api_b": b}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-UDP-001": "inconclusive"}
    assert "answered 200 without events" in reasons(result, "IF-UDP-001")


def test_an_author_listing_not_json_leaves_the_withdrawal_case_inconclusive(run_manifest, catalog):
    """Before: IF-MOD-002 read the author's listing with `.json()` uncaught and failed."""
    ids = ["IF-MOD-002"]
    with serve_failing(lambda method, path, query: method == "GET" and path == "/assets" and "owner=" in query,
                       status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-MOD-002": "inconclusive"}
