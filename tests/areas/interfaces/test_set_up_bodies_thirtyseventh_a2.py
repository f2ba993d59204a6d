"""The thirty-seventh reading's leftovers, part a2: an answer a case reads but does not judge (a set-up, a read
another requirement judges) is taken or leaves the input unjudged, naming who judges it; never this case's fail
(docs/drafting.md, "Leftovers of the thirty-seventh reading, part a2"). Each test failed before the fix."""

from __future__ import annotations

from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for

NOT_JSON = b"<html>not json</html>"


def test_a15_an_export_answered_200_not_json_leaves_the_export_case_inconclusive(run_manifest, catalog):
    """Before: `judged_export` raised the parse's NonConformance, and IF-UDP-002 failed under no rule."""
    ids = ["IF-UDP-002"]

    def picks(method: str, path: str, query: str) -> bool:
        return method == "GET" and path.endswith("/export") and not path.startswith("/assets/")
    with serve_failing(picks, status=200, body=NOT_JSON) as url, serve_failing(picks, status=200, body=NOT_JSON) as b:
        result = run_manifest(manifest_for(catalog, "data-portability", base_urls={"api": url, "api_b": b}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-UDP-002": "inconclusive"}
    assert "IF-UDP-001" in reasons(result, "IF-UDP-002")


def test_a11_no_history_served_leaves_the_asset_interop_inconclusive(run_manifest, catalog):
    """Before: neither platform serving a history compared equal (None == None) and IF-IOP-002 passed."""
    ids = ["IF-IOP-002"]

    def picks(method: str, path: str, query: str) -> bool:
        return method == "GET" and path.startswith("/assets/") and path.endswith("/history")
    with serve_failing(picks) as url, serve_failing(picks) as b:
        result = run_manifest(manifest_for(catalog, "interop-pair", base_urls={"api": url, "api_b": b}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-IOP-002": "inconclusive"}
    assert "AS-REG-001 judges that answer" in reasons(result, "IF-IOP-002")


def test_a14_a_refused_provisioning_leaves_the_robustness_case_inconclusive(run_manifest, catalog):
    """Before: IF-ROB-002 provisioned under judgement and a refused provisioning failed it."""
    ids = ["IF-ROB-002"]
    with serve_failing(lambda method, path, query: method == "POST" and path == "/test-identities", status=400) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-robustness", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-ROB-002": "inconclusive"}


def test_a8_a_resolver_answer_not_json_is_unjudged(run_manifest, catalog):
    """Before: a 200 whose body is not JSON failed ID-PRIV-002, with no key material found."""
    ids = ["ID-PRIV-002"]
    with serve_failing(lambda method, path, query: method == "GET" and path.startswith("/1.0/identifiers/"),
                       status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "identity-resolver", base_urls={"api": url}), requirements=ids)
    assert verdicts(result, ids) == {"ID-PRIV-002": "inconclusive"}
    assert "ID-RES-001 judges that answer" in reasons(result, "ID-PRIV-002")
