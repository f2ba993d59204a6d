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
