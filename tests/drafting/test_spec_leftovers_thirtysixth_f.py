"""The thirty-sixth reading's leftovers of issue 76, part f (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part f"): rows c9 (TD-CAM-002 with no place measured), c10 (TD-FORCE-002 on a stream its descriptor does
not offer), c13 (TD-OLF-005 on a planned scent the record does not cover) and c16 (TD-TACT-001 without a pitch).
The steps and verdict lines say what the changed checks do, each a minor step with a note line in both languages.
Each test fails on the draft as it was before (5bb48482); the checks' change is tested in
tests/areas/terminal/test_streams_unjudged_thirtysixth_f.py."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

STEPS = {"TD-CAM-002": "1.2.0", "TD-FORCE-002": "2.3", "TD-OLF-005": "1.2.0", "TD-TACT-001": "1.1.0"}


def _lines(zh_markdown: str, en_markdown: str, rid: str) -> tuple[dict[str, str], dict[str, str]]:
    return _verdict_lines(_cases(zh_markdown)[rid], "zh"), _verdict_lines(_cases(en_markdown)[rid], "en")


def test_c9_a_board_with_no_place_measured_is_unjudged_per_stream(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, en_markdown, "TD-CAM-002")
    # seventy-third reading, c3 (h137-cam): the line goes on to a place whose measurement part has too few frames,
    # so the stream with no measurable place is one of two conditions before the 「即使」
    assert "其没有可测量的保持段或某个保持段的测量段" in zh["不确定"] and "（即使另有数据流得到判定）" in zh["不确定"], zh
    assert "no place of it can be measured" in en["Inconclusive"] and "even beside a stream judged" in en["Inconclusive"], en
    steps = _steps(_cases(zh_markdown)["TD-CAM-002"], "zh")
    assert any("没有保持段得到测量的标定板数据流记录原因并不予判定" in s for s in steps), steps


def test_c10_a_stream_its_descriptor_does_not_offer_is_unjudged(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, en_markdown, "TD-FORCE-002")
    assert "每个力反馈数据流所属的提供项均能找到" in zh["通过"], zh
    assert "the offer of every `force_feedback` stream is found" in en["Pass"], en
    assert "无可比对的限值（即使另有数据流得到判定；另见 TD\u2011DESC\u2011002）" in zh["不确定"], zh
    assert "(even beside a stream judged; see also TD\u2011DESC\u2011002)" in en["Inconclusive"], en


def test_c13_a_planned_scent_not_measured_is_inconclusive(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, en_markdown, "TD-OLF-005")
    assert "测试计划的每个气味均得到测量并满足 R1 与 R2" in zh["通过"], zh
    assert "every scent of the test schedule is measured and meets R1 and R2" in en["Pass"], en
    assert "或测试计划的任一气味因其记录覆盖不足而未能测量" in zh["不确定"], zh
    assert "a scent of the test schedule cannot be measured because its trace does not cover it" in en["Inconclusive"]


def test_c16_the_tactile_step_needs_rows_and_columns_only(zh_markdown, en_markdown):
    zh = " ".join(_steps(_cases(zh_markdown)["TD-TACT-001"], "zh"))
    en = " ".join(_steps(_cases(en_markdown)["TD-TACT-001"], "en"))
    assert "声明了 `rows` 与 `columns` 的 `tactile` 数据流（本用例不需要 `pitch_mm`）" in zh, zh
    assert "declares `rows` and `columns` (this case needs no `pitch_mm`)" in en, en


@pytest.mark.parametrize("rid", sorted(STEPS))
def test_the_changed_check_has_its_note_line(rid, catalog):
    requirement = catalog.requirement(rid)
    # a later step (the thirty-ninth reading's c14 for TD-FORCE-002, TD-TACT-001) keeps this step's note line
    assert tuple(map(int, requirement.version.split("."))) >= tuple(map(int, STEPS[rid].split("."))), \
        requirement.version
    # TD-TACT-001's step joins this note and part d's (the lead's merge)
    assert (f"{STEPS[rid]} (issue 76, thirty-sixth reading's leftovers, part f): " in requirement.notes.en
            or f"{STEPS[rid]} (issue 76, thirty-sixth reading's leftovers, parts f and d): " in requirement.notes.en)
    assert (f"{STEPS[rid]} 版（议题 76，第三十六次审读遗留问题，第 f 部分）：" in requirement.notes.zh
            or f"{STEPS[rid]} 版（议题 76，第三十六次审读遗留问题，第 f、d 部分）：" in requirement.notes.zh)
    assert "(a changed check)" in requirement.notes.en and "（检查变更）" in requirement.notes.zh
