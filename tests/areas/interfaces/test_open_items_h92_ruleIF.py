"""Issue 76's open items, part h92-ruleIF (docs/drafting.md, "Open items of issue 76, part h92-ruleIF"): findings
no rule stated in the interfaces area, and own-operation answers that are not JSON. Each test failed on the sources
before the fix (c0dd8477), checked once against a copy of the old files."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.areas.failing_query import reasons, serve_failing, verdicts
from tests.conftest import manifest_for

NOT_JSON = b"<html>not json</html>"
SUITE = Path(__file__).resolve().parents[3] / "suites" / "interfaces"


def _findings(result: Any, requirement: str) -> list[dict[str, Any]]:
    record = next(r for r in result.report.requirements if r.requirement == requirement)
    return [item for item in record.evidence if item.get("kind") == "finding"]


def _rules(result: Any, requirement: str) -> set[object]:
    return {found.get("rule") for found in _findings(result, requirement)}


def test_a_risk_grade_listing_no_measures_fails_r7(run_manifest, serve_reference, catalog):
    """Item 1: `interfaces.risk-no-measures` was recorded under no rule; R7 now states the statement's first clause."""
    rules = {rule.id: rule for rule in catalog.requirement("IF-RISK-001").rules}
    assert "risk_grade.measures" in str(rules["R7"].en)
    url = serve_reference(["discovery-risk-grade-without-scheme"])
    result = run_manifest(manifest_for(catalog, "interfaces-risk-grade", base_urls={"api": url}),
                          requirements=["IF-RISK-001"])
    assert verdicts(result, ["IF-RISK-001"]) == {"IF-RISK-001": "fail"}
    assert _rules(result, "IF-RISK-001") == {"R7"}


def _risk_module() -> Any:
    spec = importlib.util.spec_from_file_location("h92_test_risk", SUITE / "test_risk.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Evidence:
    def __init__(self) -> None:
        self.findings: list[dict[str, Any]] = []

    def finding(self, message: object, **data: Any) -> None:
        self.findings.append({"message": message, **data})

    def note(self, *args: object, **data: object) -> None:
        pass

    def unjudged(self, *args: object, **data: object) -> None:
        pass


def test_the_observed_grade_judges_only_the_measures_its_rules_state(monkeypatch):
    """Item 2: a measure required at high (never observed under the fixed table) was exercised and recorded under no
    rule; the check now follows R1 and R2 and records every finding under one of them."""
    risk = _risk_module()
    exercised: list[str] = []

    def broken(name: str) -> Any:
        return lambda platform: exercised.append(name) or "broken"
    monkeypatch.setattr(risk, "_discovered", lambda api: {})
    monkeypatch.setattr(risk.Method, "of", staticmethod(lambda *args: None))
    monkeypatch.setattr(risk, "Platform", lambda *args: None)
    monkeypatch.setattr(risk, "observed", lambda platform: {})
    monkeypatch.setattr(risk, "grade_of", lambda features, method: ("high", 3))
    monkeypatch.setattr(risk, "MEASURES", {name: broken(name) for name in risk.MEASURES})
    required = {"high": ["misconduct-reporting", "content-review", "minors-age-gate", "minors-trading-refused",
                         "playtime-limits"]}
    params = SimpleNamespace(required_measures=required, identity_path="/test-identities", risk_inputs={},
                             risk_fields={}, risk_grade_levels={}, large_user_base_users=1)
    evidence = _Evidence()
    risk.test_the_measures_required_at_the_grade_observed_are_in_force({"api": None}, evidence, params)
    assert exercised == ["misconduct-reporting", "content-review"]
    assert [found["rule"] for found in evidence.findings] == ["R1", "R2"]


def test_an_inbox_not_json_is_r5s_finding_and_leaves_the_rules_reading_it_unjudged(run_manifest, serve_reference,
                                                                                  catalog):
    """Item 4 (m3.6): the inbox answered 200 not JSON failed IF-COMM-001 under no rule; now R5's finding, and R2 to
    R4 (which read the inbox) are not judged on a list never read."""
    url = serve_reference(["community-inbox-not-json"])
    result = run_manifest(manifest_for(catalog, "interfaces-sessions", base_urls={"api": url}),
                          requirements=["IF-COMM-001"])
    assert verdicts(result, ["IF-COMM-001"]) == {"IF-COMM-001": "fail"}
    assert _rules(result, "IF-COMM-001") == {"R5"}
    text = reasons(result, "IF-COMM-001")
    for rule in ("R2", "R3", "R4"):
        assert f"rule {rule}" in text


def test_recommendations_not_json_are_r4s_finding(run_manifest, serve_reference, catalog):
    """Item 4 (m3.6): IF-UDP-013's recommendations answered 200 not JSON failed under no rule; now R4's finding,
    R1 to R3 unjudged at that platform."""
    a, b = serve_reference(), serve_reference(["recommendations-not-json"])
    manifest = manifest_for(catalog, "data-portability", base_urls={"api": a, "api_b": b},
                            features=["recommendations"])
    result = run_manifest(manifest, requirements=["IF-UDP-013"])
    assert verdicts(result, ["IF-UDP-013"]) == {"IF-UDP-013": "fail"}
    assert _rules(result, "IF-UDP-013") == {"R4"}
    assert "rule R1 at api_b" in reasons(result, "IF-UDP-013")


def test_the_paging_case_names_a_body_that_is_not_json(catalog):
    """Item 4 (m3.6): IF-PAGE-001's steps and fail line named no body that does not parse, which the check fails."""
    text = (SUITE / "procedures.yaml").read_text("utf-8")
    case = text[text.index("  IF-PAGE-001:\n"):text.index("  IF-RATE-001:\n")]
    assert case.count("（响应体不是 JSON 即不含该列表）") == 3
    assert case.count("(a body that is not JSON holds none)") == 3


def test_a_standing_not_json_fails_its_rule(run_manifest, catalog):
    """Item 3: IF-CODE-002's own read of the standing, answered 200 not JSON, failed under no rule; now R1/R2's."""
    ids = ["IF-CODE-002"]
    with serve_failing(lambda method, path, query: method == "GET" and path.endswith("/standing"),
                       status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                              requirements=ids)
    assert verdicts(result, ids) == {"IF-CODE-002": "fail"}
    assert _rules(result, "IF-CODE-002") == {"R1", "R2"}


@pytest.mark.parametrize("requirement", ["IF-CODE-005", "IF-CODE-006"])
def test_a_code_of_conduct_not_json_leaves_the_sanction_cases_inconclusive(run_manifest, catalog, requirement):
    """Item 3: the code of conduct, a set-up IF-CODE-001 judges, answered 200 not JSON failed these cases under no
    rule; now inconclusive naming IF-CODE-001, as their lines say."""
    with serve_failing(lambda method, path, query: method == "GET" and path == "/conduct-rules",
                       status=200, body=NOT_JSON) as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                              requirements=[requirement])
    assert verdicts(result, [requirement]) == {requirement: "inconclusive"}
    assert "IF-CODE-001" in reasons(result, requirement)


def test_a_refusal_without_a_problem_names_the_refusals_rule(run_manifest, catalog):
    """Item 3: IF-CODE-006's refusal judged by `check_problem` recorded its problem findings under no rule."""
    ids = ["IF-CODE-006"]

    def picks(method: str, path: str, query: str) -> bool:  # every read of an item: a 403 that is no problem
        return method == "GET" and path.startswith("/assets/")
    with serve_failing(picks, status=403, body=b'{"error": "banned"}') as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                              requirements=ids)
    rules = _rules(result, "IF-CODE-006")
    assert rules and None not in rules


def test_a_sanction_refused_without_a_problem_names_each_identity_s_rule(run_manifest, catalog):
    """The thirty-ninth reading's a3 (the lead): IF-CODE-008's sanctioned publication, refused 403 without problem
    details, recorded the problem findings under no rule though R1 and R2 each state the 403 problem details."""
    ids = ["IF-CODE-008"]
    posts = iter(range(1_000))

    def picks(method: str, path: str, query: str) -> bool:  # the two publications after the conduct
        # the set-up's publication and the three violating ones go through; the two after them get a bare 403
        return method == "POST" and path == "/assets" and next(posts) >= 4
    with serve_failing(picks, status=403, body=b'{"error": "banned"}') as url:
        result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url},
                                           features=["linked-identities"]), requirements=ids)
    assert verdicts(result, ids) == {"IF-CODE-008": "fail"}
    assert _rules(result, "IF-CODE-008") == {"R1", "R2"}
