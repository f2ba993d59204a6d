"""Cases: a requirement runs once per distinct set of its parameters' values among the
claimed profiles, and each profile's verdict is its own case's, whatever the claim order."""

from __future__ import annotations

from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance._catalog.catalog import Catalog
from conformance._catalog.model import Report, Verdict
from conformance._catalog.parameters import Parameters, UndeclaredParameter
from conformance._run.engine import run
from conformance._run.plan import expand_cases, make_plan
from conformance.reference import SAMPLES


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _captures_manifest(claims: list[dict[str, Any]]) -> dict[str, Any]:
    return {"product": {"name": "order", "version": "1"}, "profiles": claims,
            "targets": {"captures": {"adapter": "file", "paths": [str(SAMPLES / "captures" / "*")]}}}


#: Three terminal profiles that share TD-POSE-002 and TD-RATE-00x, each tightening differently.
CLAIMS = {
    "terminal-body": {"id": "terminal-body", "parameters": {"max_jitter_p99_ms": 0.5}},
    "terminal-hmd-6dof": {"id": "terminal-hmd-6dof",
                          "parameters": {"require_tracking_volume": True, "max_jitter_p99_ms": 1.0}},
    "terminal-hand-tracking": {"id": "terminal-hand-tracking"},
}


def _verdicts(report: Report) -> dict[tuple[str, str], str]:
    """(profile, requirement) -> the verdict that profile's outcome was judged with."""
    out: dict[tuple[str, str], str] = {}
    for result in report.requirements:
        for profile in result.profiles:
            chosen = [c.verdict for c in result.cases if profile in c.profiles]
            out[profile, result.requirement] = (chosen[0] if chosen else result.verdict).value
    return out


def test_identical_parameter_sets_merge_and_different_ones_split(tmp_path: Path, catalog: Catalog) -> None:
    manifest = _write(tmp_path, "m.yaml", _captures_manifest(list(CLAIMS.values())))
    plan = make_plan(manifest, catalog)
    pose = plan.cases("TD-POSE-002")
    # hmd requires the tracking volume, body and hand tracking do not: two cases
    assert [c.profiles for c in pose] == [("terminal-body", "terminal-hand-tracking"), ("terminal-hmd-6dof",)]
    assert [dict(c.parameters) for c in pose] == [{"require_tracking_volume": False},
                                                 {"require_tracking_volume": True}]
    # three different jitter limits: three cases
    assert [dict(c.parameters)["max_jitter_p99_ms"] for c in plan.cases("TD-RATE-003")] == [0.5, 2.0, 1.0]
    # a requirement that takes no parameters has one case for every profile
    assert [c.profiles for c in plan.cases("TD-CAP-001")] == [tuple(sorted(CLAIMS))]


def test_cases_do_not_depend_on_the_claim_order(tmp_path: Path, catalog: Catalog) -> None:
    seen = set()
    for order in permutations(CLAIMS):
        manifest = _write(tmp_path, "m.yaml", _captures_manifest([CLAIMS[p] for p in order]))
        plan = make_plan(manifest, catalog)
        seen.add(tuple((r, c.profiles, tuple(c.parameters.items()))
                       for r in sorted(plan.selected) for c in plan.cases(r)))
    assert len(seen) == 1


def test_a_case_gives_only_its_requirements_parameters(catalog: Catalog) -> None:
    requirement = catalog.requirements["TD-RATE-003"]
    planned = [type("P", (), {"profile": catalog.profile("terminal-body"),
                              "parameters": Parameters("terminal-body", {"max_jitter_p99_ms": 2.0,
                                                                         "rate_tolerance": 0.05})})()]
    (case,) = expand_cases(requirement, planned)  # type: ignore[arg-type]
    assert dict(case.parameters) == {"max_jitter_p99_ms": 2.0}
    with pytest.raises(UndeclaredParameter, match="requirement TD-RATE-003 does not take parameter 'rate_tolerance'"):
        _ = case.parameters.rate_tolerance


@pytest.mark.slow
def test_claim_order_never_changes_a_verdict_over_a_capture(tmp_path: Path, catalog: Catalog) -> None:
    reports = []
    for index, order in enumerate(permutations(CLAIMS)):
        manifest = _write(tmp_path, f"m{index}.yaml", _captures_manifest([CLAIMS[p] for p in order]))
        reports.append(run(manifest, catalog=catalog, out_dir=tmp_path / f"out{index}", formats=["json"]).report)
    first = _verdicts(reports[0])
    for report in reports[1:]:
        assert _verdicts(report) == first
        assert {p.id: p.outcome for p in report.profiles} == {p.id: p.outcome for p in reports[0].profiles}
    # the plan's require_tracking_volume decides hmd's TD-POSE-002 only: the sample headset
    # session declares no volume, so hmd fails it while body and hand tracking do not
    assert first["terminal-hmd-6dof", "TD-POSE-002"] == "fail"
    assert first["terminal-body", "TD-POSE-002"] != "fail"
    pose = next(r for r in reports[0].requirements if r.requirement == "TD-POSE-002")
    assert {tuple(c.profiles): c.parameters for c in pose.cases} == {
        ("terminal-body", "terminal-hand-tracking"): {"require_tracking_volume": False},
        ("terminal-hmd-6dof",): {"require_tracking_volume": True},
    }
    # each case's tests ran under its own parameters, and say so
    jitter = [t for t in reports[0].tests if t.requirements == ["TD-RATE-003"]]
    assert sorted((t.profiles[0], t.parameters["max_jitter_p99_ms"]) for t in jitter) == [
        ("terminal-body", 0.5), ("terminal-hand-tracking", 2.0), ("terminal-hmd-6dof", 1.0)]
    assert all(t.nodeid.endswith(f"[{'+'.join(t.profiles)}]") for t in jitter)


@pytest.mark.slow
def test_claim_order_never_changes_a_verdict_over_a_reference_target(
    tmp_path: Path, catalog: Catalog, reference_url: str
) -> None:
    """identity-document and identity-resolver share ID-PRIV-001, which takes known_did."""
    from conformance.reference.identity.routes import example_dids

    known = example_dids()
    claims = {
        "identity-document": {"id": "identity-document", "parameters": {"known_did": known[0]}},
        "identity-resolver": {"id": "identity-resolver", "parameters": {"known_did": known[-1]}},
    }
    reports = []
    for index, order in enumerate(permutations(claims)):
        manifest = _write(tmp_path, f"m{index}.yaml", {
            "product": {"name": "order", "version": "1"}, "profiles": [claims[p] for p in order],
            "targets": {"api": {"adapter": "http", "base_url": reference_url},
                        "did_documents": {"adapter": "file", "paths": [str(SAMPLES / "did_documents" / "*")]}}})
        reports.append(run(manifest, catalog=catalog, out_dir=tmp_path / f"out{index}", formats=["json"]).report)
    assert _verdicts(reports[0]) == _verdicts(reports[1])
    privacy = next(r for r in reports[0].requirements if r.requirement == "ID-PRIV-001")
    assert {tuple(c.profiles): c.parameters["known_did"] for c in privacy.cases} == {
        ("identity-document",): known[0], ("identity-resolver",): known[-1]}
    assert all(c.verdict is Verdict.PASS for c in privacy.cases)


@pytest.mark.slow
@pytest.mark.parametrize("first", ["terminal-body", "terminal-hmd-6dof"])
def test_a_certification_plans_parameter_holds_whichever_profile_is_claimed_first(
    tmp_path: Path, catalog: Catalog, first: str
) -> None:
    """A participant cannot shed a plan's stricter setting by claiming another profile that
    shares the requirement first (issue: certification against a dishonest participant)."""
    plan = _write(tmp_path, "plan.yaml", {
        "id": "p", "program": "test", "catalog_digest": catalog.digest,
        "profiles": {"terminal-hmd-6dof": {"parameters": {"require_tracking_volume": True}}},
    })
    order = [first, *sorted({"terminal-body", "terminal-hmd-6dof"} - {first})]
    manifest = _write(tmp_path, "m.yaml", _captures_manifest([{"id": p} for p in order]))
    report = run(manifest, catalog=catalog, out_dir=tmp_path / "out", formats=["json"], certification=plan).report
    outcomes = {p.id: p.outcome.value for p in report.profiles}
    assert outcomes["terminal-hmd-6dof"] == "not_conformant"
    assert outcomes["terminal-body"] == "conformant"
    pose = next(r for r in report.requirements if r.requirement == "TD-POSE-002")
    assert {tuple(c.profiles): c.parameters["require_tracking_volume"] for c in pose.cases} == {
        ("terminal-body",): False, ("terminal-hmd-6dof",): True}
    _assert_junit_counts_and_case_verdicts(report)


def _assert_junit_counts_and_case_verdicts(report: Report) -> None:
    """JUnit: a requirement shared by two profiles is a testcase in each suite with that
    profile's own verdict, and every count (root and suite) agrees with the testcases."""
    import xml.etree.ElementTree as ET

    from conformance.report.junit import render_junit

    root = ET.fromstring(render_junit(report))
    cases = root.findall("testsuite/testcase")
    assert int(root.get("tests", "-1")) == len(cases)
    for count, element in (("failures", "failure"), ("errors", "error"), ("skipped", "skipped")):
        assert int(root.get(count, "-1")) == len(root.findall(f"testsuite/testcase/{element}"))
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests", "-1")) == len(suite.findall("testcase"))
        assert int(suite.get("failures", "-1")) == len(suite.findall("testcase/failure"))
    pose = {s.get("name"): s.find("testcase[@name='TD-POSE-002']") for s in root.findall("testsuite")}
    assert pose["terminal-hmd-6dof"].find("failure") is not None
    assert pose["terminal-body"].find("failure") is None


def test_a_plan_parameter_that_is_not_a_finite_number_is_bad_input(tmp_path: Path, catalog: Catalog) -> None:
    from conformance.certification.plans import load_plan
    from conformance.errors import HarnessInputError

    path = tmp_path / "plan.yaml"
    path.write_text(f"id: p\nprogram: test\ncatalog_digest: '{catalog.digest}'\n"
                    "profiles:\n  terminal-hand-tracking:\n    parameters: {bone_tolerance_m: .nan}\n")
    with pytest.raises(HarnessInputError, match=r"plan\.yaml.*bone_tolerance_m"):
        load_plan(path, catalog)
