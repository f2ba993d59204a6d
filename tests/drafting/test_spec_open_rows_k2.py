"""The thirty-fifth reading's open rows of issue 76, part k2 (docs/drafting.md, "Open rows of the thirty-fifth
reading, part k2"): TD-HAND-004 on a hand stream without frames, TD-DEPTH-002 and TD-RADAR-002 on a stream with no
hold measured. The verdict lines say such a stream is unjudged (per stream), and each changed check is a minor step
with a note line in both languages. Each test fails on the catalog as it was before (5bb48482); the checks' change
is tested in tests/areas/terminal/test_streams_unjudged.py."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.drafting.versions import not_earlier

STEPS = {"TD-HAND-004": "1.5", "TD-DEPTH-002": "1.2.0", "TD-RADAR-002": "1.2.0"}


def test_td_hand_004_names_a_hand_stream_without_frames(zh_markdown, en_markdown):
    zh = _verdict_lines(_cases(zh_markdown)["TD-HAND-004"], "zh")
    en = _verdict_lines(_cases(en_markdown)["TD-HAND-004"], "en")
    assert "所标注的手部数据流没有帧" in zh["不确定"], zh
    assert "a `hand` stream without frames" in en["Inconclusive"], en


@pytest.mark.parametrize(("rid", "what_zh", "what_en"), [("TD-DEPTH-002", "靶位", "target position"),
                                                         ("TD-RADAR-002", "位置", "place")])
def test_a_stream_with_no_hold_is_unjudged_per_stream(rid, what_zh, what_en, zh_markdown, en_markdown):
    zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
    en = _verdict_lines(_cases(en_markdown)[rid], "en")
    # the thirty-eighth reading's c11 (part cT2) withdrew "at least one measured": every hold is measured
    assert "其每个保持段均得到测量" in zh["通过"] and what_zh in zh["通过"], zh
    assert "each of its holds is measured" in en["Pass"] and what_en in en["Pass"], en
    assert "其中没有可测量的保持段或某个保持段" in zh["不确定"] and "（即使另有数据流得到判定）" in zh["不确定"], zh
    assert "can be measured or a hold is covered" in en["Inconclusive"], en


@pytest.mark.parametrize("rid", sorted(STEPS))
def test_the_changed_check_has_its_note_line(rid, catalog):
    requirement = catalog.requirement(rid)
    assert not_earlier(requirement.version, STEPS[rid]), requirement.version
    assert f"{STEPS[rid]} (issue 76, thirty-fifth reading's open rows, part k2): " in requirement.notes.en
    assert f"{STEPS[rid]} 版（议题 76，第三十五次审读的未决问题，第 k2 部分）：" in requirement.notes.zh
    assert "(a changed check)" in requirement.notes.en and "（检查变更）" in requirement.notes.zh
