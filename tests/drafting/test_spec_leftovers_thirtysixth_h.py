"""The leftovers of the thirty-sixth reading of issue 76, part h (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part h"): TD-BODY-003 R5 and TD-FACE-004 R4 judged on a declared rate_hz, a declared rate never measured
inconclusive (c11); TD-AUD-007's Chinese names the PannerNode members as the English does (c17); TD-FACE-004 and
TD-BODY-003 say which of their rules' U is type A alone, and TD-FACE-004's apparatus no longer asks a declared
uncertainty the verdict never uses (c20). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_RATE = {"TD-BODY-003": "R5", "TD-FACE-004": "R4"}


@pytest.mark.parametrize("case", sorted(_RATE))
def test_a_declared_rate_never_measured_is_no_pass(case, zh_markdown, en_markdown):
    """c11: the pass lines let R5 / R4 stand unjudged when a third yielded no latency, though `rate_hz` was
    declared; only "no `rate_hz` declared" stays out of the pass condition, the other state is 不确定."""
    rule = _RATE[case]
    zh = _verdict_lines(_cases(zh_markdown)[case], "zh")
    assert "某段未测得时延" not in zh["通过"] and f"仅未声明 `rate_hz` 时 {rule} 不予判定" in zh["通过"]
    assert f"声明了 `rate_hz` 而其帧的前三分之一或后三分之一未测得时延，致使 {rule} 无法作出判定" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)[case], "en")
    assert "no latency on a third" not in en["Pass"] and f"only with no declared `rate_hz` is {rule} not judged" in en["Pass"]
    assert f"declares `rate_hz` and no latency is found on the first or the last third" in en["Inconclusive"]
    steps = _row(_cases(zh_markdown)[case], "测试步骤")
    assert f"该数据流的 {rule} 无法作出判定" in steps


def test_the_distance_model_names_its_members_in_chinese(zh_markdown, en_markdown):
    """c17: the English marks the distance model's members; the Chinese only translated them. Since the sixtieth
    reading (part h120-caseT, a2) the members are annex E's (`ref_distance_m`, ...), not Web Audio's attributes."""
    zh, en = _cases(zh_markdown)["TD-AUD-007"], _cases(en_markdown)["TD-AUD-007"]
    for member in ("ref_distance_m", "max_distance_m", "rolloff_factor"):
        assert (f"`{member}`" in en) <= (f"`{member}`" in zh), member
    purpose = _row(zh, "测试目的")
    assert "参考距离（`ref_distance_m`）、最大距离（`max_distance_m`）与衰减系数（`rolloff_factor`）" in purpose
    assert "参考距离（`ref_distance_m`）" in _row(zh, "测试步骤")


def test_the_type_a_alone_rules_are_said_and_no_unused_declaration_is_asked(zh_markdown, en_markdown):
    """c20: the apparatus asked the reference system to declare an uncertainty of weights (face) that the check
    never uses, and neither case said which rules' U is type A alone."""
    face_zh = _row(_cases(zh_markdown)["TD-FACE-004"], "前置条件")
    assert "及所给出的不确定度" not in face_zh and "R1 至 R4 的 *U* 仅由 A 类评定" in face_zh
    face_en = _row(_cases(en_markdown)["TD-FACE-004"], "Initial conditions")
    assert "its stated uncertainty, in" not in face_en and "the *U* of R1 to R4 is type A alone" in face_en
    body_zh = _row(_cases(zh_markdown)["TD-BODY-003"], "前置条件")
    assert "作为 R1 与 R2 的 B 类" in body_zh and "R3 至 R5 的 *U* 仅由 A 类评定" in body_zh
    body_en = _row(_cases(en_markdown)["TD-BODY-003"], "Initial conditions")
    assert "giving R1's and R2's type B" in body_en and "the *U* of R3 to R5 is type A alone" in body_en
