"""The seventieth reading of issue 76, row c4, redone in part h136-c4 (the first fix, part h134-t70, was reverted
because older tests pinned the old texts).

c4 (X): TD-DEPTH-002 and TD-RADAR-002 said a hold covered by fewer than 10 sensor frames is not measured; their checks
(terminal/depth.py, terminal/radar.py) count only the frames inside the hold's 20 %–95 % measurement part, as
TD-CAM-002 says. TD-TACT-002 and TD-TACT-005 (terminal/tactile.py, its 60 %–95 % part) said so in their steps but
not in their 不确定 lines. The class: every clause of a terminal case that leaves a hold with too few frames (or
answers) unmeasured names the part they are counted in, and each case whose check counts them says so in its steps
and, where its 不确定 line names such a hold, there too. The older pins are kept (tests/drafting/
test_spec_leftovers_thirtyseventh_c2.py, _thirtyeighth_cT2.py, test_spec_open_rows_k2.py) or follow the new words
(test_spec_leftovers_thirtyfourth_o.py).

Fails on 4685fd300."""

from __future__ import annotations

import re

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: the cases whose check counts a hold's frames (or answers) in a measurement part, with that part's start
_COUNTED = {"TD-DEPTH-002": 20, "TD-RADAR-002": 20, "TD-CAM-002": 20, "TD-TACT-002": 60, "TD-TACT-005": 60}
#: those whose 不确定 line names such a hold (TD-CAM-002's names only a stream with no hold measured)
_IN_VERDICT = ("TD-DEPTH-002", "TD-RADAR-002", "TD-TACT-002", "TD-TACT-005")


def _hold_clauses(text: str, zh: bool) -> list[str]:
    """The clauses that leave a hold with too few frames (or answers) unmeasured."""
    if zh:
        parts = re.split(r"；|。|、|<br>|\|", text)
        return [p for p in parts if "保持段" in p and re.search(r"少于[^，]*?(?:帧|应答)", p)]
    parts = re.split(r"; |\. |<br>|\|", text)
    return [p for p in parts if re.search(r"\bhold (?:with|has|is covered by|covered by) fewer than (?:the )?\d+", p)]


def _names_part(clause: str, zh: bool, start: int | None = None) -> bool:
    low = str(start) if start is not None else r"\d+"
    return bool(re.search(rf"{low}% 至 95% 段" if zh else rf"from {low} % to 95 % of it", clause))


def test_every_terminal_hold_with_too_few_frames_names_the_part_they_are_counted_in(zh_markdown, en_markdown):
    for markdown, zh in ((zh_markdown, True), (en_markdown, False)):
        cases = {rid: text for rid, text in _cases(markdown).items() if rid.startswith("TD-")}
        clauses = [(rid, c) for rid, text in cases.items() for c in _hold_clauses(text, zh)]
        assert len(clauses) >= 9, clauses
        assert {rid for rid, _ in clauses} >= set(_COUNTED), sorted({rid for rid, _ in clauses})
        loose = [(rid, c) for rid, c in clauses if not _names_part(c, zh)]
        assert loose == [], loose
    # the whole-hold wording the reading found is gone
    for gone in ("某个保持段被传感器少于 10 帧覆盖", "某个保持段被雷达少于 10 帧覆盖", "；被传感器少于 10 帧覆盖的保持段",
                 "；被雷达少于 10 帧覆盖的保持段"):
        assert gone not in zh_markdown, gone


@pytest.mark.parametrize("rid", sorted(_COUNTED))
def test_each_counting_case_says_so_in_its_steps_and_inconclusive_line(rid, zh_markdown, en_markdown):
    start = _COUNTED[rid]
    for markdown, zh in ((zh_markdown, True), (en_markdown, False)):
        case = _cases(markdown)[rid]
        steps = _row(case, "测试步骤" if zh else "Test procedure")
        assert any(_names_part(c, zh, start) for c in _hold_clauses(steps, zh)), (rid, steps)
        if rid in _IN_VERDICT:
            line = _verdict_lines(case, "zh" if zh else "en")["不确定" if zh else "Inconclusive"]
            assert any(_names_part(c, zh, start) for c in _hold_clauses(line, zh)), (rid, line)


def test_the_range_benches_name_the_step_that_takes_the_part(zh_markdown, en_markdown):
    """The rendered steps are one further down (the ICS step first): the part is the draft's step 5."""
    for rid, by in (("TD-DEPTH-002", "传感器"), ("TD-RADAR-002", "雷达")):
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
        assert f"某个保持段的测量段（第 5 步的 20% 至 95% 段）被{by}少于 10 帧覆盖而无法测量" in zh, zh
        steps = _row(_cases(zh_markdown)[rid], "测试步骤")
        assert f"其测量段（第 5 步的 20% 至 95% 段）被{by}少于 10 帧覆盖的保持段不予测量" in steps
        assert "5. 对每个保持段" in steps
        en = _verdict_lines(_cases(en_markdown)[rid], "en")["Inconclusive"]
        assert "from 20 % to 95 % of it (its measurement part, step 5) and cannot be measured" in en, en
    for rid, what in (("TD-TACT-002", "帧"), ("TD-TACT-005", "应答")):
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
        assert re.search(rf"无法测量（只计其测量段，即第 \d 步的 60% 至 95% 段内的{what}）", zh), zh
