"""The thirty-ninth reading's a1 in the interfaces siblings, part mIF (docs/drafting.md, "Leftovers of the
thirty-ninth reading, part mIF"): a read answered 200 whose body does not parse, done with ``.json()`` after a
status test, raised out of the check (a fail under no rule). Now a set-up read (the report read back through
``reporting.reported_outcomes`` and IF-CODE-001's outcome read, IF-CODE-007's code of conduct) leaves the case
inconclusive as its line says (IF-CODE-010's acknowledgement and read-back leave R1/R2
unchecked), and a case's own read (IF-CODE-007's standing, IF-IOP-001's token) is the finding of
the rule reading it. Each test failed on c0dd8477's sources (checked once against a copy of the old files)."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.reference import create_app
from conformance.reference.server import serve
from tests.areas.failing_query import Failing, reasons, serve_failing, verdicts
from tests.conftest import manifest_for

NOT_JSON = b"<html>not json</html>"


def _report_read(method: str, path: str, query: str) -> bool:
    return method == "GET" and path.startswith("/reports/")


def _findings(result: Any, requirement: str) -> list[dict[str, Any]]:
    record = next(r for r in result.report.requirements if r.requirement == requirement)
    return [item for item in record.evidence if item.get("kind") == "finding"]


@pytest.mark.parametrize("requirement", ["IF-CODE-001", "IF-CODE-002", "IF-CODE-003", "IF-CODE-007"])
def test_a_report_read_back_not_json_leaves_the_case_inconclusive(run_manifest, catalog, requirement):
    """Before: `shown.json()` in `reported_outcomes` / `_judge_outcomes` raised: the case failed under no rule."""
    with serve_failing(_report_read, status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                              requirements=[requirement])
    assert verdicts(result, [requirement]) == {requirement: "inconclusive"}, reasons(result, requirement)


def test_if_code_007_a_code_of_conduct_not_json_is_inconclusive(run_manifest, catalog):
    """Before: `code_of` read the code (a set-up IF-CODE-001 judges) with `.json()`: a fail under no rule."""
    with serve_failing(lambda method, path, query: method == "GET" and path == "/conduct-rules",
                       status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                              requirements=["IF-CODE-007"])
    assert verdicts(result, ["IF-CODE-007"]) == {"IF-CODE-007": "inconclusive"}
    assert "IF-CODE-001" in reasons(result, "IF-CODE-007")


def test_if_code_007_a_standing_not_json_fails_r4(run_manifest, catalog):
    """Before: the standing (R4's own read) answered 200 not JSON raised: a fail under no rule."""
    with serve_failing(lambda method, path, query: method == "GET" and path.endswith("/standing"),
                       status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                              requirements=["IF-CODE-007"])
    assert verdicts(result, ["IF-CODE-007"]) == {"IF-CODE-007": "fail"}
    assert {found.get("rule") for found in _findings(result, "IF-CODE-007")} == {"R4"}


def test_if_iop_001_a_token_not_json_fails_each_directions_cell(run_manifest, catalog):
    """Before: `answer.json()` of the proof's answer raised out of the test: no cell, the other direction untried."""
    ids = ["IF-IOP-001"]
    with serve_failing(lambda method, path, query: method == "POST" and path == "/1.0/auth/proofs",
                       status=200, body=NOT_JSON) as a, \
            serve_failing(lambda method, path, query: method == "POST" and path == "/1.0/auth/proofs",
                          status=200, body=NOT_JSON) as b:
        result = run_manifest(manifest_for(catalog, "interop-pair", base_urls={"api": a, "api_b": b}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-IOP-001": "fail"}
    text = reasons(result, "IF-IOP-001")
    assert text.count("/1.0/auth/proofs answered 200 with a body that does not parse") >= 2, text


@pytest.mark.parametrize(("picks", "status"), [
    (lambda method, path, query: method == "POST" and path == "/reports", 201),
    (_report_read, 200)])
def test_if_code_010_a_report_not_parsing_leaves_its_rule_unchecked(run_manifest, catalog, picks, status):
    """Before: `filed.json()` / `.json()` of the read-back raised out of IF-CODE-010: a fail under no rule."""
    ids = ["IF-CODE-010"]
    with serve(Failing(create_app(()), picks, status, NOT_JSON), tls=True) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-sessions", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-CODE-010": "inconclusive"}, reasons(result, "IF-CODE-010")
    assert "does not parse" in reasons(result, "IF-CODE-010")


def test_if_code_007_a_removal_notice_not_json_fails_r1(run_manifest, catalog):
    """Before: `direct.json()` of the removed item's 404/410 raised, and `check_problem` named no rule."""
    with serve_failing(lambda method, path, query: method == "GET" and path.startswith("/assets/")
                       and path.count("/") == 2, status=410, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                              requirements=["IF-CODE-007"])
    assert verdicts(result, ["IF-CODE-007"]) == {"IF-CODE-007": "fail"}, reasons(result, "IF-CODE-007")
    assert "R1" in {found.get("rule") for found in _findings(result, "IF-CODE-007")}
    assert None not in {found.get("rule") for found in _findings(result, "IF-CODE-007")}
