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


def test_a_list_against_its_schema_fails_only_ir_syn_001(run_manifest, catalog):
    """The identifier list is IR-SYN-001's: one whose members break the list schema is its finding;
    the resolution requirements read the identifiers it gives and record none of it."""
    ids = ["IR-SYN-001", "IR-RES-001"]
    body = b'{"identifiers": [{"identifier": "88.100.1/xr.vr-headset", "kind": 7}]}'
    with serve_failing(lambda method, path, query: method == "GET" and path == "/identifiers", 200,
                       body=body) as url:
        result = run_manifest(manifest_for(catalog, "identifier-resolution", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IR-SYN-001": "fail", "IR-RES-001": "pass"}
