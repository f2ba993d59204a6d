"""The sixty-seventh reading of issue 76, part h130-term: terminal and twin-feed cases against their checks, and the
counts and bounds deciding them.

c1 (read67c, X): TD-MOT-001 to -003 judged every `pose` stream in their text; the check leaves out a stream declaring
``seated_mode`` (TD-ACC-005) or ``reference_hold`` (TD-PERF-003). Step 1, the pass and inconclusive lines say so (and the
check now leaves out a stream declaring an unusable seated mode too: tests/areas/terminal/test_motion.py).
c2 (read67c, X): SC-FEED-002 failed an ordered read of Observations not answered as a collection, a finding under no
rule; it is R5 now, stated by the statement, step 3 and the fail line (tests/areas/scenes/test_feed.py runs it).
c3 (read67c, X): TD-PERF-005's decision rule said every U combined type A and the instrument's type B; the check gives
the orientation drift none. A decision rule now names such quantities (``type_b_of``, ``type_a_of``); TD-PERF-004, whose
check does the same for its orientation and latencies, says so too.
d1 (read67d, K7): TD-BCI-007's 「少于两个周期」 decided 不确定 in Chinese numerals and stood in no row without a reason.
Class: a count or factor a comparison bounds is written in digits, and each stands in its row.
Doubtful (read67d) 1: TD-PERF-004's coverage thresholds (20°, 0.2 m, 780°/s) stood in its quote but not its cell.
Doubtful (read67d) 2: TD-BCI-007's 2 000 000 samples a span were cut silently and then called unrecorded; they are 5.1's
reading bound 「校准时段的样本数」 (tests/areas/terminal/test_calibration.py runs the cut).

Each test fails on the branch's base (a3e84674c)."""

from __future__ import annotations

import re

import pytest

from conformance._catalog.catalog import Catalog
from conformance._catalog.model import Requirement
from conformance.areas.terminal import calibration, poses
from conformance.areas.terminal.drift import MEMBER as HOLD
from conformance.drafting import boundtable
from conformance.drafting.decisions import criterion
from conformance.drafting.limitnumbers import per_second
from conformance.drafting.parity import text_problems
from tests.drafting.blocks import limit_rows
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

# c1 ---------------------------------------------------------------------------------------------------------------

MOTION = ("TD-MOT-001", "TD-MOT-002", "TD-MOT-003")


def test_c1_the_motion_cases_name_the_streams_their_check_leaves_out(zh_markdown, en_markdown):
    """Step 1 names both members the check's branches leave out of ``track_motion``, and the inconclusive line the run
    whose pose streams all declare one; the pass line speaks of the streams judged."""
    assert (poses.SEATED, HOLD) == ("seated_mode", "reference_hold")
    for rid in MOTION:
        zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
        step_zh = _row(zh, "测试步骤").split("<br>")[0]
        step_en = _row(en, "Test procedure").split("<br>")[0]
        for member in (poses.SEATED, HOLD):
            assert f"`{member}`" in step_zh and f"`{member}`" in step_en, (rid, member)
        assert "不予判定" in step_zh and "TD‑ACC‑005" in step_zh and "TD‑PERF‑003" in step_zh, rid
        assert "is not judged" in step_en, rid
        lines_zh, lines_en = _verdict_lines(zh, "zh"), _verdict_lines(en, "en")
        assert "所含 `pose` 数据流均声明 `seated_mode` 或 `reference_hold`" in lines_zh["不确定"], rid
        assert "every `pose` stream it holds declares `seated_mode` or `reference_hold`" in lines_en["Inconclusive"], rid
        assert "被判定的" in lines_zh["通过"] and "judged" in lines_en["Pass"], rid


# c2 ---------------------------------------------------------------------------------------------------------------


def test_c2_the_ordered_read_is_a_rule_its_steps_and_fail_line_state(catalog: Catalog, zh_markdown, en_markdown):
    """SC-FEED-002's R5 is the read SC-FEED-003 and SC-FEED-006 leave to it; step 3 and the fail line name it."""
    req = catalog.requirements["SC-FEED-002"]
    assert [r.id for r in req.rules] == ["R1", "R2", "R3", "R4", "R5"]
    assert "$orderby=phenomenonTime desc" in req.rules[4].en and "collection" in req.rules[4].en
    assert "ordered by phenomenonTime" in req.statement.en and "按 phenomenonTime 排序" in req.statement.zh
    zh, en = _cases(zh_markdown)["SC-FEED-002"], _cases(en_markdown)["SC-FEED-002"]
    step_zh = next(s for s in _row(zh, "测试步骤").split("<br>") if s.startswith("3."))
    step_en = next(s for s in _row(en, "Test procedure").split("<br>") if s.startswith("3."))
    assert "规则 R5" in step_zh and "rule R5" in step_en
    assert "R5" in _verdict_lines(zh, "zh")["不通过"] and "R5" in _verdict_lines(en, "en")["Fail"]
    assert "由 SC‑FEED‑002 判定" in _row(_cases(zh_markdown)["SC-FEED-003"], "测试步骤")


# c3 ---------------------------------------------------------------------------------------------------------------


def test_c3_the_decision_rule_names_the_u_of_type_a_alone(zh_markdown, en_markdown):
    """TD-PERF-005's orientation drift and TD-PERF-004's orientation and latencies take no type B (their checks pass
    no instrument for them); the criterion names them as TD-BODY-006's names its rules."""
    expected = {"TD-PERF-005": ("对位置漂移（R1）与各面位置误差（R2）由样本统计量的 A 类与仪器声明的 B 类合成，对朝向漂移（R1）仅由样本统计量的 A 类评定",
                                "for the position drift (R1) and the position error at each face (R2) combined"),
                "TD-PERF-004": ("对位置正确度与位置精密度（R1）由样本统计量的 A 类与仪器声明的 B 类合成，对朝向正确度与朝向精密度（R2）仅由",
                                "for the orientation trueness and precision (R2) of type A alone")}
    for rid, (zh, en) in expected.items():
        assert zh in _verdict_lines(_cases(zh_markdown)[rid], "zh")["不通过"], rid
        assert en in _verdict_lines(_cases(en_markdown)[rid], "en")["Fail"], rid


def test_c3_the_quantities_come_together_or_not_at_all(catalog: Catalog):
    """``type_b_of`` and ``type_a_of`` go together, with the instrument's type B; the sentence names both."""
    base = catalog.requirements["TD-PERF-005"].model_dump()
    rule = base["decision_rule"]
    with pytest.raises(ValueError, match="together"):
        Requirement.model_validate({**base, "decision_rule": {**rule, "type_a_of": None}})
    with pytest.raises(ValueError, match="together"):
        Requirement.model_validate({**base, "decision_rule": {**rule, "type_b": "none"}})
    planted = Requirement.model_validate({**base, "decision_rule": {**rule, "type_b_of": {"en": "X (R9)", "zh": "甲（R9）"},
                                                                   "type_a_of": {"en": "Y (R8)", "zh": "乙（R8）"}}})
    assert "对甲（R9）由样本统计量的 A 类与仪器声明的 B 类合成，对乙（R8）仅由样本统计量的 A 类评定" in criterion(planted, "zh")
    assert "for X (R9) combined" in criterion(planted, "en") and "for Y (R8) of type A alone" in criterion(planted, "en")


# d1 ---------------------------------------------------------------------------------------------------------------

_CMP = r"(?:不少于|不多于|不超过|不大于|不小于|不低于|不高于|未高于|未超过|不足|至少|至多|少于|多于|超过|高于|低于|大于|小于)"
#: a factor (「至少为另一条两倍」, 「超过本底四倍」), a number of cycles (「少于两个周期」) or a count of three or more (「至少有三个点」)
#: a comparison bounds, written in Chinese numerals; 两 before a count is the least a rate, an interval or a choice
#: needs (「少于两帧」, 「少于两个名称」), no number this document sets (forty-eighth reading, h101-numerals)
_NUMERALS = (re.compile(_CMP + r"[^，。；|<>]{0,20}?(?<![第每])[两二三四五六七八九十]+倍"),
             re.compile(_CMP + r"[两二三四五六七八九十]+个?周期"),
             re.compile(_CMP + r"有?[三四五六七八九十]+(?:个|帧|项|名|段|条|种|人|次|样本)"))


def test_d1_class_no_case_decides_by_a_count_in_chinese_numerals(zh_markdown):
    """Over every test case of the Chinese draft: none bounds a factor, a number of cycles or a count of three or
    more written in Chinese numerals (the base had 23, TD-BCI-007's 「少于两个周期」 among them)."""
    found = [(rid, m.group(0)) for rid, case in _cases(zh_markdown).items() for pattern in _NUMERALS
             for m in pattern.finditer(case)]
    assert not found, found


@pytest.mark.parametrize(("rid", "limit", "words"), [
    ("TD-BCI-007", "2 个周期", "正弦至少测量 2 个周期为本文件自定"),
    ("TD-OLF-003", "至少 2 倍", "R3 只比较强度相差至少 2 倍的指令对，为本文件自定"),
    ("TD-OLF-005", "2 倍", "强度相差至少 2 倍沿用 TD-OLF-003"),
    ("TD-FORCE-004", "4 倍", "测得变化量超过本底 4 倍的阶跃才予测量"),
    ("TD-HAPT-003", "4 倍", "本底 4 倍使起振时刻不由噪声触发"),
    ("IF-SES-002", "2 倍", "大于探针最大时延的 2 倍"),
])
def test_d1_each_count_written_in_digits_stands_in_its_row_with_its_reason(note, rid, limit, words):
    limits, basis = limit_rows(note)[rid]
    assert limit in limits.split("，"), (rid, limits)
    assert words in basis, (rid, basis[:300])


def test_d1_td_bci_007_writes_its_cycles_in_digits(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["TD-BCI-007"], _cases(en_markdown)["TD-BCI-007"]
    assert "少于 2 个周期" in _row(zh, "测试步骤") and "少于 2 个周期" in _verdict_lines(zh, "zh")["不确定"]
    assert "fewer than 2 cycles" in _row(en, "Test procedure") and "fewer than 2 cycles" in \
        _verdict_lines(en, "en")["Inconclusive"]
    assert calibration.MIN_CYCLES == 2.0


def test_d1_an_english_number_word_answers_the_chinese_digit():
    """``language-parity``: 「至少有 3 个点」 and "at least three points" state one number; a digit the English writes
    neither way is still named."""
    assert not list(text_problems("R1", "Every ring MUST have at least three points.", "每个环应至少有 3 个点。"))
    assert not list(text_problems("R3", "the one at least twice as intense", "强度至少为另一条 2 倍的"))
    assert list(text_problems("R1", "Every ring MUST have at least four points.", "每个环应至少有 3 个点。"))


# doubtful 1 --------------------------------------------------------------------------------------------------------


def test_doubtful_1_td_perf_004s_coverage_thresholds_stand_in_its_row(note, note_en):
    """Its step stops judging below 20°, 0.2 m or 780°/s (「停止判定」 decides as 「不予判定」 does); the rate written in
    words, 「每秒 780 度」, is one limit, not 780°."""
    limits = limit_rows(note)["TD-PERF-004"][0].split("，")
    assert {"20°", "0.2 m", "780°/s"} <= set(limits) and "780°" not in limits, limits
    assert "780°/s" in limit_rows(note_en)["TD-PERF-004"][0]
    assert per_second("或每秒 780 度时") == "或 780°/s 时" and per_second("米每秒") == "米每秒"


# doubtful 2 --------------------------------------------------------------------------------------------------------

_BOUND = "校准时段的样本数"


def test_doubtful_2_the_calibration_span_bound_is_5_1s_and_the_checks(zh_markdown, note_md):
    bound = next(b for b in boundtable.BOUNDS if b.name[0] == _BOUND)
    assert boundtable.spaced(calibration.MAX_SAMPLES) in bound.value[0] and not bound.sample
    general = zh_markdown[zh_markdown.index("### 5.1 通则"):zh_markdown.index("### 5.2")]
    row = next(line for line in general.split("\n") if line.startswith(f"| {_BOUND} |"))
    assert "TD‑BCI‑007" in row and "不确定" in row, row
    assert f"| {_BOUND} | {bound.value[0]} | 本文件自定：" in note_md
    case = _cases(zh_markdown)["TD-BCI-007"]
    assert f"读取界限“{_BOUND}”" in _row(case, "测试步骤") and f"读取界限“{_BOUND}”" in \
        _verdict_lines(case, "zh")["不确定"]


def test_doubtful_2_td_bci_007s_row_lists_the_bound(note):
    assert "2 000 000 个样本" in limit_rows(note)["TD-BCI-007"][0].split("，")
