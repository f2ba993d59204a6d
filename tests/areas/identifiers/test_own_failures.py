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


def test_a_list_of_malformed_identifiers_leaves_resolution_inconclusive(run_manifest, catalog):
    """The thirty-seventh reading's a16: a list whose identifiers are all malformed gave IR-RES-001
    a pass with no resolution sent; now it is inconclusive (nothing to resolve), IR-SYN-001 failing."""
    ids = ["IR-SYN-001", "IR-RES-001", "IR-RES-003"]
    body = b'{"identifiers": [{"identifier": "88.100.1/", "kind": "device"}]}'
    with serve_failing(lambda method, path, query: method == "GET" and path == "/identifiers", 200,
                       body=body) as url:
        result = run_manifest(manifest_for(catalog, "identifier-resolution", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IR-SYN-001": "fail", "IR-RES-001": "inconclusive",
                                     "IR-RES-003": "inconclusive"}
    assert "none of the 1 identifiers" in reasons(result, "IR-RES-001")


def test_a_list_that_is_not_json_fails_only_ir_syn_001(run_manifest, catalog):
    """The thirty-seventh reading's a16 (a15's class): a list answered 200 that is not JSON is
    IR-SYN-001's finding; the resolution requirements have nothing to read (inconclusive)."""
    ids = ["IR-SYN-001", "IR-RES-001", "IR-RES-002", "IR-RES-003"]
    with serve_failing(lambda method, path, query: method == "GET" and path == "/identifiers", 200,
                       body=b'{"identifiers": [') as url:
        result = run_manifest(manifest_for(catalog, "identifier-resolution", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IR-SYN-001": "fail", "IR-RES-001": "inconclusive",
                                     "IR-RES-002": "inconclusive", "IR-RES-003": "inconclusive"}
