"""The assets checks' findings name the rule they fail (issue 76, the thirty-seventh reading's a4,
part m1): planted known-bad cases of AS-VRM-001, AS-MINOR-001/-002/-003, AS-REG-007, AS-TRADE-002, -004,
-006, -010 and AS-API-001 run, and every finding of the case's requirement carries an R-number,
the case's own rule among them on the finding the case names (the report's 规则 column)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import manifest_for
from tests.e2e.interlab import known_bad_cases

#: (requirement, the case's index in suites/assets/known_bad.yaml): VRM one case a rule, the
#: reference's defects every case of the rows part m1 gave rules to
CASES = [("AS-VRM-001", i) for i in (0, 1, 2, 3, 11, 8, 9, 26)] + [
    ("AS-MINOR-001", 0), ("AS-MINOR-001", 1),
    ("AS-MINOR-002", 0), ("AS-MINOR-002", 1), ("AS-MINOR-002", 2), ("AS-MINOR-002", 3),
    *[("AS-MINOR-003", i) for i in range(6)],
    ("AS-REG-007", 0), ("AS-REG-007", 1), ("AS-REG-007", 2), ("AS-REG-007", 3),
    ("AS-TRADE-002", 0), ("AS-TRADE-002", 1),
    ("AS-TRADE-004", 0), ("AS-TRADE-004", 1), ("AS-TRADE-004", 2), ("AS-TRADE-004", 3),
    ("AS-TRADE-006", 0), ("AS-TRADE-006", 1),
    ("AS-TRADE-010", 0), ("AS-TRADE-010", 2),
    ("AS-API-001", 1),
]


def _case(requirement: str, index: int) -> dict[str, Any]:
    area, case = known_bad_cases()[requirement][index]
    assert area == "assets"
    return case


@pytest.mark.parametrize(("requirement", "index"), CASES, ids=[f"{r}#{i}" for r, i in CASES])
def test_a_planted_defect_is_recorded_under_its_rule(catalog, serve_reference, run_manifest, requirement, index):
    case = _case(requirement, index)
    base_urls = {"api": serve_reference(case["defects"])} if case.get("defects") else None
    manifest = manifest_for(catalog, case["profile"], base_urls=base_urls, files=case.get("files"),
                            features=case.get("features"))
    if case.get("parameters"):
        manifest["profiles"][0]["parameters"] = case["parameters"]
    result = run_manifest(manifest, requirements=[requirement])
    (record,) = [r for r in result.report.requirements if r.requirement == requirement]
    assert record.verdict.value == "fail", record.message
    findings = [item for item in record.evidence if item.get("kind") == "finding"]
    assert [f["message"] for f in findings if not f.get("rule")] == [], findings
    if "finding" in case:  # the finding the case names, under the case's rule alone
        named = [f for f in findings if case["finding"] in f["message"]]
        assert named and {f["rule"] for f in named} == {case["rule"]}, findings
    else:  # a fixture may break more than one rule: the case's is among them
        assert case["rule"] in {f["rule"] for f in findings}, findings
