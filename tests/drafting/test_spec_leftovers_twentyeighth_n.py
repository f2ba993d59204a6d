"""The twenty-eighth reading's rows a11, a12, a15, a17 (part n), read in the catalog's sources."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _reqs(area: str) -> dict:
    return {r["id"]: r for r in yaml.safe_load((ROOT / f"suites/{area}/requirements.yaml").read_text())["requirements"]}


def _cases(area: str) -> dict:
    return yaml.safe_load((ROOT / f"suites/{area}/procedures.yaml").read_text())["procedures"]


def test_snap_tolerance_is_a_grid_everywhere():  # a11
    profile = (ROOT / "profiles/scene-cityjson.yaml").read_text()
    reqs = _reqs("scenes")
    for text in (profile, reqs["SC-CITY-007"]["statement"]["zh"], reqs["SC-CITY-008"]["statement"]["zh"],
                 "\n".join(_cases("scenes")["SC-CITY-007"]["steps"]["zh"])):
        assert "相距小于" not in text
    for rid in ("SC-CITY-007", "SC-CITY-008"):
        assert "closer than" not in reqs[rid]["statement"]["en"]
        assert "grid of 0.001 m" in reqs[rid]["statement"]["en"]


def test_an_absent_stream_is_inconclusive_as_the_checks_record():  # a12
    cases = _cases("terminal")
    # TD-BCI-005's captures without a marker stream are not applicable since the forty-third reading (c3): the check too
    for rid, word in (("TD-POSE-001", "pose"),):
        lines = cases[rid]["criteria"]["zh"]
        assert word in next(line for line in lines if line.startswith("不确定")), rid
        assert word not in next(line for line in lines if line.startswith("不适用")), rid


def test_gaze_006_inconclusive_names_only_states_its_steps_reach():  # a15
    criteria = _cases("terminal")["TD-GAZE-006"]["criteria"]
    assert not any("运动台未声明" in line for line in criteria["zh"])
    assert not any("stage names no model" in line for line in criteria["en"])


def test_mplat_002_is_a_measuring_case():  # a17
    req = _reqs("terminal")["TD-MPLAT-002"]
    assert req.get("measures") == "instrument" and req.get("decision_rule")
    conditions = _cases("terminal")["TD-MPLAT-002"]["conditions"]
    assert any(line.startswith("测试设备：") for line in conditions["zh"])
    assert any(line.startswith("Apparatus:") for line in conditions["en"])
