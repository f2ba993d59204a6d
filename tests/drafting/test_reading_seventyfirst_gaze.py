"""The seventy-first reading of issue 76 (read71c), TD-GAZE-003's window (part h135-gaze).

c1 (X): step 2 sets each jump's window from 100 ms before the step to the next step, and step 3 counts a jump with
no crossing while at least half the samples the window holds at the declared rate are valid as not followed. The
check counted the valid samples over that window but the samples it holds from the step on (a lower threshold:
25 of 50 at 100 Hz and 0.5 s between jumps, where the window's half is 30 of 60), and left unjudged, unsaid, a jump
whose gaze reaches the new direction across a dropped frame (no pair of adjacent frames crossing). Now one window
for both (tests/areas/terminal/test_gaze_steps.py tests the check), and step 3, the 不确定 line and the notes (the
三（三） row of the 编制说明 among them) say which jumps are unjudged and why, in Chinese and English.

The class test: every sentence of the rendered draft and 编制说明 that holds a count of valid samples to half of
what a window holds says at the declared rate (按声明采样率), so no window's share is left to be read as the samples
actually there.

Fails on 37a439bb4."""

from __future__ import annotations

import re

import pytest

RID = "TD-GAZE-003"


def _case(markdown: str, rid: str) -> str:
    head = re.search(rf"^### [\d.]+ {re.escape(rid)} .*$", markdown, re.M)
    assert head is not None, rid
    rest = markdown[head.end():]
    nxt = re.search(r"^#{2,3} ", rest, re.M)
    return rest[:nxt.start()] if nxt else rest


def _row(markdown: str, label: str) -> str:
    row = next((line for line in markdown.splitlines() if line.startswith(f"| {label} |")), None)
    assert row is not None, label
    return row


def _note_row(note_md: str) -> str:
    row = next((line for line in note_md.splitlines() if re.match(r"\| TD.GAZE.003 \| 30 ms", line)), None)
    assert row is not None
    return row


def test_c1_step_3_counts_over_the_whole_window_and_names_a_crossing_over_a_dropped_frame(zh_markdown, en_markdown):
    zh = _row(_case(zh_markdown, RID), "测试步骤")
    step = zh[zh.index("窗口内无越过"):]
    step = step[:step.index("<br>")]
    assert "整个窗口（自跳变前 100 ms 起）按声明采样率所含样本数的一半" in step, step
    assert "仍更接近原方向" in step and "缺失的帧" in step and "不予判定" in step, step
    en = _row(_case(en_markdown, RID), "Test steps") if "| Test steps |" in en_markdown else \
        next(line for line in _case(en_markdown, RID).splitlines() if "no crossing in its window" in line)
    step = en[en.index("A jump with no crossing in its window"):]
    step = step[:step.index("<br>")]
    assert "the whole window (from 100 ms before the step) holds at the declared rate" in step, step
    assert "still nearer the old direction" in step and "dropped frame" in step and "not judged" in step, step


def test_c1_the_inconclusive_line_says_which_jumps_are_not_judged(zh_markdown, en_markdown):
    zh = _case(zh_markdown, RID)
    line = zh[zh.index("不确定："):]
    line = line[:line.index("<br>") if "<br>" in line else line.index("\n")]
    assert "缺失的帧" in line and "按声明采样率所含样本数一半" in line, line
    en = _case(en_markdown, RID)
    line = en[en.index("Inconclusive:"):]
    line = line[:line.index("<br>") if "<br>" in line else line.index("\n")]
    assert "dropped frame" in line and "half its window holds at the declared rate" in line, line


def test_c1_the_note_row_states_the_same_window_and_when_no_crossing_is_a_fail(note_md, note_md_en):
    """The 三（三） row gives the basis of the numbers; the jump unjudged for a crossing over a dropped frame has none
    and is in step 3 and the 不确定 line (above)."""
    zh = _note_row(note_md)
    assert "有效样本不少于窗口所含样本数的一半" not in zh
    assert "有效样本不少于窗口按声明采样率所含样本数的一半" in zh
    assert "视线在窗口末仍更接近原方向、有效样本不少于一半时，窗口内无越过即是跟踪器未跟随该次跳变" in zh
    en = next(line for line in note_md_en.splitlines() if re.match(r"\| TD.GAZE.003 \| 30 ms", line))
    assert "the gaze still nearer the old direction at the window's end" in en


@pytest.mark.parametrize("which", ["draft", "note"])
def test_every_share_of_a_window_counts_at_the_declared_rate(which, zh_markdown, note_md):
    """Class: a count of valid samples held to half of what a window holds says at the declared rate."""
    text = zh_markdown if which == "draft" else note_md
    loose = [m.group(0) for m in re.finditer(r".{0,40}窗口(?!按声明采样率)[^，；。|]{0,12}所含样本数.{0,20}", text)
             if "按声明采样率" not in m.group(0)]
    assert not loose, loose
