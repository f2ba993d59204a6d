"""The seventy-second reading of issue 76 (read72c), TD-VOICE-004's speech_start bound (part h136-voice).

c1 (X): R4 and the statement said each phrase's speech_start lies within 300 ms of its onset (read on both sides),
while step 6 and the check look for the start only from 0.25 s before the onset, so a start 250 ms to 300 ms early,
which R4's words allowed, was recorded as none and failed; the notes (the 三（三） row of the 编制说明) called the
300 ms 「开始后 300 ms」. Now R4 states both sides, from 0.25 s before the onset to 300 ms after it, and the statement,
the step, the expected result, the 不通过 line, the notes and the check (which judges the signed lateness against
max_vad_onset_ms, tests/areas/terminal/test_recognition.py) say the same; a phrase whose only start is earlier than
0.25 s before its onset has none and fails R4.

The class test: every sentence of the rendered draft and 编制说明 that bounds TD-VOICE-004's speech_start by 300 ms
states the 0.25 s before the onset too, so no text reads the bound as 300 ms on either side.

Fails on fa16bf1e1."""

from __future__ import annotations

import re

RID = "TD-VOICE-004"
BOTH_SIDES = "开始时刻之前 0.25 s 至之后 300 ms 之间"


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
    row = next((line for line in note_md.splitlines() if re.match(r"\| TD.VOICE.004 \| 10%", line)), None)
    assert row is not None
    return row


def test_c1_the_statement_r4_and_the_expected_result_state_both_sides(zh_markdown):
    case = _case(zh_markdown, RID)
    purpose = _row(case, "测试目的")
    assert purpose.count(BOTH_SIDES) == 2, purpose  # the statement and R4
    assert "R4：每个语句的 `speech_start` 应位于其" + BOTH_SIDES in purpose, purpose
    assert BOTH_SIDES in _row(case, "预期结果")


def test_c1_the_step_and_the_fail_line_say_what_an_earlier_start_is(zh_markdown, en_markdown):
    case = _case(zh_markdown, RID)
    step = _row(case, "测试步骤")
    assert "查看起点是否不晚于语句开始时刻之后 300 ms" in step, step
    assert "起点仅早于开始前 0.25 s 的语句视为缺少 `speech_start`" in step, step
    verdict = _row(case, "判定准则")
    assert "某语句缺少 `speech_start`（其开始前 0.25 s 至其结束之间没有）" in verdict, verdict
    assert "`speech_start` 晚于开始时刻超过 300 ms" in verdict, verdict
    en = _case(en_markdown, RID)
    assert "from 0.25 s before its onset to 300 ms after it" in en
    assert "a phrase whose only start is earlier than 0.25 s before its onset lacks its `speech_start`" in en


def test_c1_the_note_row_no_longer_reads_the_300_ms_as_the_only_side(note_md):
    row = _note_row(note_md)
    assert "0.25 s 短于 R4 所允许的开始后 300 ms" not in row, row
    assert "R4 对起点的时限在开始时刻两侧不同，之前 0.25 s，之后 300 ms" in row, row
    assert "故 R4 在开始前一侧以该窗口为限，而非开始后所允许的 300 ms" in row, row


def test_every_300_ms_bound_on_the_start_states_its_early_side(zh_markdown, note_md):
    """Class test: a sentence bounding TD-VOICE-004's speech_start by 300 ms names the 0.25 s before the onset."""
    texts = [_case(zh_markdown, RID), _note_row(note_md)]
    offenders = []
    for text in texts:
        for sentence in re.split(r"[。；]|<br>", text):
            if "speech_start" in sentence and "300 ms" in sentence and "0.25 s" not in sentence:
                offenders.append(sentence.strip())
    assert not offenders, offenders
