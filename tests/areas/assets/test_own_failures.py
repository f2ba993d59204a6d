"""Issue 71: an asset's history or state not served is AS-REG-001's to judge. A fake registry (the
reference failing every GET of a history) fails AS-REG-001; the trading and lock requirements,
which read the history to see their record, are inconclusive naming AS-REG-001, not failed."""

from __future__ import annotations

from conformance.cli.manifests import automated_features
from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for


def _history(method, path, query):
    return method == "GET" and path.startswith("/assets/") and path.endswith("/history")


def test_a_history_not_served_fails_only_as_reg_001(run_manifest, catalog):
    readers = ["AS-TRADE-001", "AS-TRADE-002", "AS-TRADE-003", "AS-REG-006"]
    ids = ["AS-REG-001", *readers]
    with serve_failing(_history) as url:
        manifest = manifest_for(catalog, "asset-trading", base_urls={"api": url})
        manifest["profiles"].append({"id": "asset-registry", "features": automated_features(
            catalog, catalog.profile("asset-registry"))})
        result = run_manifest(manifest, requirements=ids)
    assert verdicts(result, ids) == {**dict.fromkeys(readers, "inconclusive"), "AS-REG-001": "fail"}
    for requirement in readers:
        text = reasons(result, requirement)
        assert "AS-REG-001 judges that answer" in text and "the history of" in text, requirement


def test_a_lock_not_taken_leaves_the_locked_order_case_unjudged(run_manifest, catalog):
    """AS-TRADE-006's lifecycle-lock case locks the asset first (AS-REG-006's to judge): a 500 to the
    lock fails AS-REG-006 and leaves that case of AS-TRADE-006 unjudged, naming it."""
    ids = ["AS-REG-006", "AS-TRADE-006"]
    with serve_failing(lambda method, path, query: method == "POST" and path.endswith("/lock")) as url:
        manifest = manifest_for(catalog, "asset-trading", base_urls={"api": url})
        result = run_manifest(manifest, requirements=ids)
    assert verdicts(result, ids) == {"AS-REG-006": "fail", "AS-TRADE-006": "inconclusive"}
    assert "AS-REG-006 judges that answer" in reasons(result, "AS-TRADE-006")



def test_a_history_not_served_leaves_the_market_machine_unjudged(run_manifest, catalog):
    """AS-TRADE-007 reads each touched asset's history after every step; a 500 to it (AS-REG-001
    judges how a history is served) said the market departed from its model. Now inconclusive,
    naming the read and AS-REG-001."""
    ids = ["AS-TRADE-007"]
    with serve_failing(_history) as url:
        result = run_manifest(manifest_for(catalog, "asset-trading", base_urls={"api": url}), requirements=ids)
    assert verdicts(result, ids) == {"AS-TRADE-007": "inconclusive"}
    text = reasons(result, "AS-TRADE-007")
    assert "AS-REG-001 judges that answer" in text and "the history of" in text
    assert "stateful-history-status" not in text and "without an events array" not in text


def test_a_state_or_listing_not_served_leaves_the_ledger_machine_unjudged(run_manifest, catalog):
    """AS-REG-005 (whose machine AS-TRADE-007 extends) reads states and listings after every step:
    a 500 to either is AS-REG-001's to judge, not a departure from the model."""
    ids = ["AS-REG-005"]
    for picks, what in ((lambda method, path, query: method == "GET" and path.endswith("/state"), "the state of"),
                        (lambda method, path, query: method == "GET" and path == "/assets"
                         and query.startswith("owner="), "the listing of")):
        with serve_failing(picks) as url:
            manifest = manifest_for(catalog, "asset-registry", base_urls={"api": url})
            result = run_manifest(manifest, requirements=ids)
        assert verdicts(result, ids) == {"AS-REG-005": "inconclusive"}, what
        text = reasons(result, "AS-REG-005")
        assert "AS-REG-001 judges that answer" in text and what in text, text[:400]
