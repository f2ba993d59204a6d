"""The leftovers of the thirty-fifth reading of issue 76, part g (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part g"): the robots cases. A missing description is 不确定 in text and check (row c1, the check's tests in
tests/areas/robots/test_verdict_states.py); RB-JOINT-003's 不确定 line names a recording with no joint judged over
10 intervals (row c2); RB-URDF-002's rules and steps judge the axis of every joint that uses one and say what is
judged of a continuous joint's `<limit>` (row c6); RB-URDF-001 R5 lists every element its check judges (row c21).
Each test fails on the catalog as it was before these fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

SIX = ("RB-URDF-001", "RB-URDF-002", "RB-URDF-003", "RB-JOINT-001", "RB-JOINT-002", "RB-JOINT-003")


def _rule(catalog, rid: str, rule: str, lang: str) -> str:
    return next(getattr(r, lang) for r in catalog.requirements[rid].rules if r.id == rule)


def test_the_six_cases_say_a_missing_description_is_inconclusive(catalog, zh_markdown, en_markdown):
    """Row c1: the check gave 不适用 without a `.urdf`; each case's notes now say it is 不确定, as its line does."""
    for rid in SIX:
        assert "缺失或无法取得（访问被拒）" in _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
        notes = catalog.requirements[rid].notes
        assert "part g): until" in notes.en and "a missing robot description" in notes.en
        assert "机器人描述缺失" in notes.zh and "检查现亦如此" in notes.zh


def test_rb_joint_003_names_a_recording_too_short_as_inconclusive(zh_markdown, en_markdown):
    """Row c2: no joint over 10 intervals was 不适用, a state neither line named."""
    zh = _verdict_lines(_cases(zh_markdown)["RB-JOINT-003"], "zh")["不确定"]
    assert "或没有关节在至少 10 个区间内同时报告位置与速度" in zh
    en = _verdict_lines(_cases(en_markdown)["RB-JOINT-003"], "en")["Inconclusive"]
    assert "or no joint reports position and velocity over at least 10 intervals" in en


def test_rb_urdf_002_judges_every_axis_and_a_continuous_joints_limit_as_its_text_says(catalog, zh_markdown,
                                                                                       en_markdown):
    """Row c6: R2 and step 3 now name the joints whose axis is judged (planar and a continuous joint without
    `<limit>` included, fixed and floating not); R1 and step 2 say what is judged of a continuous joint's `<limit>`."""
    assert "planar" in _rule(catalog, "RB-URDF-002", "R2", "en") and "fixed and floating" in \
        _rule(catalog, "RB-URDF-002", "R2", "en")
    assert "planar" in _rule(catalog, "RB-URDF-002", "R2", "zh")
    assert "continuous 关节所给出的 <limit>" in _rule(catalog, "RB-URDF-002", "R1", "zh")
    assert "a continuous joint's `<limit>`" in _rule(catalog, "RB-URDF-002", "R1", "en")
    zh = _row(_cases(zh_markdown)["RB-URDF-002"], "测试步骤")
    assert "关节可不给出）" in zh and "planar` 关节（无论有无 `limit`）" in zh
    en = _row(_cases(en_markdown)["RB-URDF-002"], "Test procedure")
    assert "joint may give none)" in en and "joint with an `axis` (with a `limit` or not)" in en


def test_rb_urdf_001_r5_lists_every_element_its_check_judges(catalog, zh_markdown, en_markdown):
    """Row c21: `urdf.NUMERIC` holds calibration, safety_controller and mimic, which R5's closed list left out."""
    from conformance.areas.robots.urdf import NUMERIC

    for element in NUMERIC:
        if element in ("box", "cylinder", "sphere", "mesh", "color"):  # 几何体 / geometry, 颜色 / colour
            continue
        assert element in _rule(catalog, "RB-URDF-001", "R5", "en")
        assert element in _rule(catalog, "RB-URDF-001", "R5", "zh")
        assert f"`{element}`" in _row(_cases(zh_markdown)["RB-URDF-001"], "测试步骤")
        assert f"`{element}`" in _row(_cases(en_markdown)["RB-URDF-001"], "Test procedure")
