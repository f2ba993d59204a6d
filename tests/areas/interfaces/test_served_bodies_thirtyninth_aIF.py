"""The thirty-ninth reading's leftovers, part aIF (a1, a2, a3): an enrolment answered 201 whose body does not
parse leaves IF-BIO-001 inconclusive as its line says, not a fail under no rule (a1); an interactive report
answered 200 not JSON fails its own direction's cell of IF-SCN-002 and the other direction is still tried (a2);
a refusal without problem details is recorded under the rule stating it (a3) (docs/drafting.md, "Leftovers of
the thirty-ninth reading, part aIF"). Each test failed before the fix."""

from __future__ import annotations

import json

from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for

NOT_JSON = b"<html>not json</html>"


def _nth_enrolment(n: int):
    """A pick of the ``n``-th biometric enrolment (``POST /users/{did}/biometrics``) only."""
    seen = [0]

    def picks(method: str, path: str, query: str) -> bool:
        if method == "POST" and path.startswith("/users/") and path.endswith("/biometrics"):
            seen[0] += 1
            return seen[0] == n
        return False
    return picks


def _bio(catalog, run_manifest, url: str, b: str):
    manifest = manifest_for(catalog, "data-portability", base_urls={"api": url, "api_b": b},
                            features=["biometric-data"])
    return run_manifest(manifest, requirements=["IF-BIO-001"])


def test_a1_an_enrolment_answered_201_not_json_leaves_if_bio_001_inconclusive(catalog, run_manifest,
                                                                               serve_reference):
    """Before: `accepted.json()` raised the parse's NonConformance: IF-BIO-001 failed under no rule."""
    with serve_failing(_nth_enrolment(2), status=201, body=NOT_JSON) as url:
        result = _bio(catalog, run_manifest, url, serve_reference([]))
    assert verdicts(result, ["IF-BIO-001"]) == {"IF-BIO-001": "inconclusive"}
    assert "201 with a body that does not parse" in reasons(result, "IF-BIO-001")


def test_a3_a_refusal_without_problem_details_is_recorded_under_r1(catalog, run_manifest, serve_reference):
    """Before: `check_problem` was called without `rule`: the finding named no rule though R1 states it."""
    with serve_failing(_nth_enrolment(1), status=403, body=b'{"error": "no consent"}') as url:
        result = _bio(catalog, run_manifest, url, serve_reference([]))
    assert verdicts(result, ["IF-BIO-001"]) == {"IF-BIO-001": "fail"}
    (record,) = [r for r in result.report.requirements if r.requirement == "IF-BIO-001"]
    findings = [dict(item) for item in record.evidence]
    problem = [f for f in findings if f.get("kind") == "finding" and "problem" in json.dumps(f).lower()]
    assert problem and all(f.get("rule") == "R1" for f in problem), findings


def test_a2_an_interactive_report_answered_200_not_json_fails_its_direction_and_records_both(run_manifest, catalog):
    """Before: the parse's NonConformance ended the case with no cell recorded and the other direction untried."""
    ids = ["IF-SCN-002"]
    with serve_failing(lambda method, path, query: method == "GET" and path.endswith("/interactive"), status=200,
                       body=NOT_JSON) as url, serve_failing(lambda *_: False) as b:
        result = run_manifest(manifest_for(catalog, "shared-scenes", base_urls={"api": url, "api_b": b}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-SCN-002": "fail"}
    text = reasons(result, "IF-SCN-002")
    assert text.count("the interactive nodes of the scene at api answered 200") >= 2, text
