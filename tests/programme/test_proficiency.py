"""``conformance proficiency pack | compare``: a round packed with its inputs and digest, the
laboratories' results compared as ISO/IEC 17043 does, a disagreeing laboratory named."""

from __future__ import annotations

import json

import pytest
import yaml

from conformance.cli import main
from conformance.programme.proficiency import rate_en, rate_z
from tests.paths import ROOT

EXAMPLE = ROOT / "examples" / "proficiency"


@pytest.fixture
def packed(tmp_path):
    assert main(["proficiency", "pack", str(EXAMPLE / "round.yaml"), "--out", str(tmp_path / "r1")]) == 0
    return tmp_path / "r1" / "round.json"


def test_pack_writes_the_cases_inputs_assigned_values_and_digest(packed):
    document = json.loads(packed.read_text(encoding="utf-8"))
    assert document["round"] == "pt-2026-1" and document["digest"].startswith("sha256:")
    assert document["catalog_digest"].startswith("sha256:")
    tracking = document["cases"][0]
    (entry,) = tracking["files"]
    assert (packed.parent / entry["name"]).stat().st_size == entry["size"] and len(entry["sha256"]) == 64
    assert tracking["assigned"]["values"][0] == {"quantity": "trueness", "subject": "rig", "unit": "mm",
                                                 "value": 0.58, "uncertainty": 0.11, "sigma_pt": 0.15}
    assert document["cases"][1]["measure"].startswith("The reference implementation")


def test_laboratories_that_agree_exit_0(packed, capsys):
    assert main(["proficiency", "compare", str(packed), str(EXAMPLE / "lab-a.json"), str(EXAMPLE / "lab-b.json")]) == 0
    assert "all 2 laboratories agree on all 2 case(s)" in capsys.readouterr().out


def test_a_disagreeing_laboratory_and_case_are_named(packed, tmp_path, capsys):
    out = tmp_path / "comparison.json"
    code = main(["proficiency", "compare", str(packed), *(str(EXAMPLE / f"lab-{x}.json") for x in "abc"),
                 "--json", str(out)])
    assert code == 1
    printed = capsys.readouterr().out
    assert "disagrees: lab-c on contract-1 (IF-CON-001): verdict" in printed
    assert "disagrees: lab-c on tracking-1 (TD-PERF-001): trueness@rig z = 3.67" in printed
    result = json.loads(out.read_text(encoding="utf-8"))
    assert not result["agree"]
    assert {(d["laboratory"], d["case"]) for d in result["disagreeing"]} == {("lab-c", "contract-1"),
                                                                            ("lab-c", "tracking-1")}
    (lab_b,) = [r for r in result["rows"] if r["laboratory"] == "lab-b" and r["case"] == "tracking-1"]
    assert lab_b["values"][0]["z"] == pytest.approx((0.93 - 0.58) / 0.15, abs=1e-3)


def test_a_questionable_z_is_named_as_a_warning_not_a_disagreement(packed, tmp_path, capsys):
    """ISO 13528 9.4: 2 < |z| < 3 is a warning signal; lab-b's z = 2.33 is shown, and lab-b agrees."""
    out = tmp_path / "comparison.json"
    assert main(["proficiency", "compare", str(packed), str(EXAMPLE / "lab-a.json"), str(EXAMPLE / "lab-b.json"),
                 "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "questionable: lab-b on tracking-1 (TD-PERF-001): trueness@rig z = 2.33" in printed
    assert "all 2 laboratories agree on all 2 case(s)" in printed
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["agree"] and result["warnings"] == [{"laboratory": "lab-b", "case": "tracking-1",
                                                       "requirement": "TD-PERF-001",
                                                       "signals": ["trueness@rig z = 2.33"]}]


def _round(tmp_path, cases):
    spec = tmp_path / "round.yaml"
    spec.write_text(yaml.safe_dump({"round": "pt-x", "cases": cases}), encoding="utf-8")
    assert main(["proficiency", "pack", str(spec), "--out", str(tmp_path / "packed")]) == 0
    return tmp_path / "packed" / "round.json"


def _item(value, subject="rig", unit="mm"):
    """A measurement evidence item as TD-PERF-001 writes it (interface 2 of issue 70; the shape and
    members of the one a run of h70-uncertainty wrote for the tracking-rig sample, 2026-11-26)."""
    return {"kind": "measurement", "requirement": "TD-PERF-001", "rule": "R1", "quantity": "trueness",
            "subject": subject, "value": value, "unit": unit, "uncertainty": 0.1, "k": 2.0, "limit": 2.0,
            "limit_kind": "max", "decision_rule": "guarded", "guard_band": 0.1, "outcome": "pass", "u_a": 0.05,
            "u_b": 0.0, "basis": "type A only", "file": "tracking-rig.ndjson.gz",
            "test": "suites/terminal/test_performance.py::test_tracking_meets_its_claimed_accuracy_on_a_reference_motion"}


def _report(folder, verdict, measured=None, *, items=None):
    """A run's report.json as the harness writes it: a verdict per requirement, and (interface 2)
    measurement evidence items when the requirement is measured."""
    evidence = items if items is not None else [_item(measured)] if measured is not None else []
    folder.mkdir()
    (folder / "report.json").write_text(json.dumps({"requirements": [
        {"requirement": "TD-PERF-001", "verdict": verdict, "evidence": evidence}]}), encoding="utf-8")
    return folder / "report.json"


def test_reports_compare_by_en_numbers_and_without_measurements(tmp_path, capsys):
    packed = _round(tmp_path, [{"case": "c1", "requirement": "TD-PERF-001", "assigned": {
        "verdict": "pass", "values": [{"quantity": "trueness", "value": 0.8, "uncertainty": 0.1}]}}])
    near, far = _report(tmp_path / "near", "pass", 0.9), _report(tmp_path / "far", "pass", 1.2)
    bare = _report(tmp_path / "bare", "pass")  # no measurement items: compared by its verdict alone
    out = tmp_path / "c.json"
    assert main(["proficiency", "compare", str(packed), str(near), f"lab-far={far}", str(bare), "--json", str(out)]) == 1
    rows = {r["laboratory"]: r for r in json.loads(out.read_text(encoding="utf-8"))["rows"]}
    assert rows["near"]["agrees"] and rows["bare"]["agrees"]
    assert rows["near"]["values"][0]["en"] == pytest.approx(0.1 / (2 ** 0.5 * 0.1), abs=1e-3)
    assert rows["bare"]["values"][0]["evaluation"] == "not scored"
    assert not rows["lab-far"]["agrees"] and rows["lab-far"]["values"][0]["evaluation"] == "unsatisfactory"
    assert "disagrees: lab-far on c1 (TD-PERF-001)" in capsys.readouterr().out


def test_several_subjects_of_a_quantity_are_matched_by_the_subject_the_round_names(tmp_path):
    """A report with the trueness of two streams: a round naming no subject cannot say which one to
    score (not scored, saying why; never one picked silently), a round naming the subject scores it."""
    two = [_item(0.9, "head"), _item(1.6, "hand")]
    out = tmp_path / "c.json"
    for name, value in (("bare", {"quantity": "trueness", "value": 0.8, "sigma_pt": 0.1}),
                        ("named", {"quantity": "trueness", "subject": "head", "value": 0.8, "sigma_pt": 0.1})):
        folder = tmp_path / name
        folder.mkdir()
        packed = _round(folder, [{"case": "c1", "requirement": "TD-PERF-001",
                                  "assigned": {"verdict": "pass", "values": [value]}}])
        report = _report(folder / "lab", "pass", items=two)
        assert main(["proficiency", "compare", str(packed), str(report), "--json", str(out)]) == 0
        (scored,) = json.loads(out.read_text(encoding="utf-8"))["rows"][0]["values"]
        if name == "bare":
            assert scored["evaluation"] == "not scored" and scored["score"] == "several subjects (hand, head): name one"
        else:
            assert scored["quantity"] == "trueness@head" and scored["z"] == pytest.approx(1.0)


def test_a_value_in_another_unit_is_not_scored(tmp_path):
    packed = _round(tmp_path, [{"case": "c1", "requirement": "TD-PERF-001", "assigned": {
        "verdict": "pass", "values": [{"quantity": "trueness", "unit": "mm", "value": 0.8, "sigma_pt": 0.1}]}}])
    report = _report(tmp_path / "lab", "pass", items=[_item(0.0008, unit="m")])
    out = tmp_path / "c.json"
    assert main(["proficiency", "compare", str(packed), str(report), "--json", str(out)]) == 0
    (scored,) = json.loads(out.read_text(encoding="utf-8"))["rows"][0]["values"]
    assert scored["evaluation"] == "not scored" and scored["score"] == "unit m, not mm"


def test_without_an_assigned_verdict_the_consensus_decides(tmp_path, capsys):
    packed = _round(tmp_path, [{"case": "c1", "requirement": "TD-PERF-001"}])
    reports = [_report(tmp_path / name, verdict) for name, verdict in (("a", "fail"), ("b", "fail"), ("c", "pass"))]
    assert main(["proficiency", "compare", str(packed), *map(str, reports)]) == 1
    assert "disagrees: c on c1 (TD-PERF-001): verdict" in capsys.readouterr().out


def test_z_and_en_limits_are_iso_13528s():
    assert [rate_z(z) for z in (2.0, -2.01, 2.99, 3.0, -3.5)] == [
        "satisfactory", "questionable", "questionable", "unsatisfactory", "unsatisfactory"]
    assert [rate_en(en) for en in (1.0, -1.0, 1.01)] == ["satisfactory", "satisfactory", "unsatisfactory"]


@pytest.mark.parametrize("damage", ["digest", "round", "requirement", "not-json"])
def test_bad_input_is_one_line_and_exit_2(packed, tmp_path, capsys, damage):
    results = [str(EXAMPLE / "lab-a.json")]
    if damage == "digest":
        document = json.loads(packed.read_text(encoding="utf-8"))
        document["cases"][0]["assigned"]["verdict"] = "fail"  # changed after packing
        packed.write_text(json.dumps(document), encoding="utf-8")
    elif damage == "round":
        other = tmp_path / "other.json"
        other.write_text(json.dumps({"round": "pt-other", "laboratory": "x", "results": []}), encoding="utf-8")
        results = [str(other)]
    elif damage == "requirement":
        spec = tmp_path / "bad.yaml"
        spec.write_text(yaml.safe_dump({"round": "r", "cases": [{"case": "c", "requirement": "XX-NONE-001"}]}),
                        encoding="utf-8")
        assert main(["proficiency", "pack", str(spec), "--out", str(tmp_path / "o")]) == 2
        assert "XX-NONE-001 is no requirement" in capsys.readouterr().err
        return
    else:
        broken = tmp_path / "broken.json"
        broken.write_text("{not json", encoding="utf-8")
        results = [str(broken)]
    assert main(["proficiency", "compare", str(packed), *results]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
