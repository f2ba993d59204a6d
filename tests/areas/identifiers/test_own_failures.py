"""Issue 71: how a listed identifier resolves is IR-RES-001's to judge. A fake platform (the
reference answering 500 to every resolution) fails IR-RES-001; IR-RES-003, which only compares a
resolution result with what it describes, is inconclusive naming IR-RES-001 (before: it failed
with IR-RES-001's "did not resolve" findings)."""

from __future__ import annotations

from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for


def test_a_resolver_answering_500_fails_only_ir_res_001(run_manifest, catalog):
    ids = ["IR-RES-001", "IR-RES-003"]
    with serve_failing(lambda method, path, query: method == "GET" and path.endswith("/resolve")) as url:
        result = run_manifest(manifest_for(catalog, "identifier-resolution", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IR-RES-001": "fail", "IR-RES-003": "inconclusive"}
    text = reasons(result, "IR-RES-003")
    assert "IR-RES-001 judges that answer" in text and "did not resolve" not in text
