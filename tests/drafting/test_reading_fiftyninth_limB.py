"""The fifty-ninth reading, part h117-limB (docs/drafting.md, "Fifty-ninth reading, part h117-limB"): a reference's frame
rate of at least 60 Hz had no reason (c5: TD-FACE-005, TD-HAND-006); TD-FACE-005's and TD-HAND-004's 250 ms each rested
on the other (d11); TD-AUD-005's precondition turned the head 30 degrees to each side while its check took 30 degrees
peak to peak (cx2); TD-FACE-004, TD-FACE-006, TD-BODY-003 and TD-BODY-006 said type A alone in their 测试设备 line and A and B
combined in their 判定准则 (cx3). Each test fails on the tree before (8de1ae535)."""

from __future__ import annotations

import re

#: the line naming the requirement a case tests, 「| 测试目的 | 验证被测对象满足要求 TD‑FACE‑005（……」
_ID = re.compile(r"^\| 测试目的 \| 验证被测对象满足要求 ([A-Z]{2}‑[A-Z]+‑\d{3})")
#: a frame rate's lower bound in a case, 「帧率不低于 60 Hz」, and the bracket giving this document's reason after it
_RATE = re.compile(r"帧率不低于 (\d+) Hz(（本文件自定：[^）]+）)?")
#: U's components in a decision rule's sentence: type A and B combined, without naming rules
_COMBINED = "依 ISO/IEC 指南 98-3:2008 由样本统计量的 A 类与仪器声明的 B 类合成"


def _cases(markdown: str) -> dict[str, list[str]]:
    """Each case's table lines, by the requirement it tests."""
    found: dict[str, list[str]] = {}
    case = ""
    for line in markdown.splitlines():
        if heading := _ID.match(line):
            case = heading.group(1)
        if case and line.startswith("| "):
            found.setdefault(case, []).append(line)
    return found


def _rows(note_md: str) -> dict[str, list[str]]:
    section = note_md[note_md.index("### （三）各项限值的确定依据"):note_md.index("### （四）")]
    return {line.split(" | ")[0].strip("| "): line.split(" | ")[1:3] for line in section.splitlines()
            if line.startswith("| ")}


def test_c5_every_frame_rate_minimum_gives_its_reason(zh_markdown, note_md):
    """A class test over the Chinese draft: each 「帧率不低于 N Hz」 of a case carries this document's reason, and the
    requirement's 三（三） row lists N Hz with a notes sentence saying it is this document's own and why."""
    rows, seen = _rows(note_md), []
    for rid, lines in _cases(zh_markdown).items():
        for m in _RATE.finditer("\n".join(lines)):
            seen.append(rid)
            assert m.group(2) and "帧间隔" in m.group(2), (rid, m.group(0))
            limits, basis = rows[rid]
            assert f"{m.group(1)} Hz" in limits.split("，"), (rid, limits)
            assert re.search(rf"{m.group(1)} Hz 为本文件自定：[^。]*帧间隔[^。]*约 16\.7 ms", basis), (rid, basis)
    assert {"TD‑FACE‑005", "TD‑HAND‑006"} <= set(seen), seen


def test_d11_the_250_ms_rest_on_their_own_reasons(note_md, zh_markdown):
    """TD-FACE-005's latency and TD-HAND-004's tolerance each give a reason of this document's own, neither pointing to
    the other, and both cases leave at least the 250 ms window between one cue's end and the next cue's start."""
    rows = _rows(note_md)
    face, hand = rows["TD‑FACE‑005"][1], rows["TD‑HAND‑004"][1]
    assert "回应的是下一个" not in face and "对下一个动作的应答" not in hand
    assert "与 TD‑FACE‑005" not in hand and "TD‑FACE‑005 对表情识别所容许的时延" not in hand
    # the sixtieth reading (h120-limT, d3): TD-FACE-005's latency rests on ITU-T G.114's 400 ms, no longer on frames
    assert "250 ms 在 30 Hz 下为 7 帧" in hand, hand
    assert "ITU-T G.114" in face and "400 ms" in face, face
    cases = _cases(zh_markdown)
    for rid in ("TD‑FACE‑005", "TD‑HAND‑004"):
        conditions = next(line for line in cases[rid] if line.startswith("| 前置条件 "))
        assert re.search(r"下一个提示开始之间留有不短于 250 ms 的(?:停顿|静止)", conditions), rid


def test_cx2_the_head_turn_is_checked_to_each_side(zh_markdown, en_markdown):
    """TD-AUD-005's step and inconclusive line check the turn to each side, as its precondition states it."""
    lines = "\n".join(_cases(zh_markdown)["TD‑AUD‑005"])
    assert "向两侧各转动不少于 30°" in lines
    assert "相对声源转动少于 30°" not in lines and "转动少于 30°" not in lines
    assert "任一侧少于 30°" in lines and "偏向头部左侧或右侧的侧向角未达到 30°" in lines
    assert "the head turned less than 30 degrees relative to the source" not in en_markdown


def test_cx3_each_case_states_one_u(zh_markdown):
    """A class test: a case whose 测试设备 line (or the case it takes its equipment from) leaves the instrument's
    uncertainty out of some rules' U does not state A and B combined for every rule in its 判定准则."""
    cases = _cases(zh_markdown)
    alone = {rid for rid, lines in cases.items()
             if any(line.startswith("| 前置条件 ") and "仅由 A 类评定" in line for line in lines)}
    assert {"TD‑FACE‑004", "TD‑BODY‑003"} <= alone, alone
    borrowing = {rid for rid, lines in cases.items() for other in alone
                 if any(line.startswith("| 前置条件 ") and f"测试设备及其准确度与测试环境均与 {other} 相同" in line
                        for line in lines)}
    assert {"TD‑FACE‑006", "TD‑BODY‑006"} <= borrowing, borrowing
    for rid in alone | borrowing:
        criteria = next(line for line in cases[rid] if line.startswith("| 判定准则 "))
        assert _COMBINED + "）" not in criteria, rid
        assert "仅由样本统计量的 A 类评定" in criteria, rid
    for rid in ("TD‑BODY‑003", "TD‑BODY‑006"):
        body = next(line for line in cases[rid] if line.startswith("| 判定准则 "))
        assert "对 R1、R2 由样本统计量的 A 类与仪器声明的 B 类合成；" in body and "对其余规则仅由样本统计量的 A 类评定" in body, rid


def test_d10_the_runtime_reports_are_compared_for_equality(zh_markdown, note_md):
    """TD-RUN-004 and TD-OLF-004 read what the runtime hands the device's driver and compare it with the command for
    equality: the 1 ms, 1 % and 0.01 rested on an assumed 1 kHz timer and a driver's grading no source gives. The
    commanded values are exact in binary32, so a runtime holding them in single precision reports them unchanged."""
    import numpy as np

    from conformance.areas.terminal import runtime_haptics as runtime, runtime_scents
    assert (runtime.DURATION_NS, runtime.FREQUENCY_RATIO, runtime.AMPLITUDE) == (0, 0.0, 0.0)
    assert (runtime_scents.DURATION_NS, runtime_scents.INTENSITY) == (0, 0.0)
    for value in [v for _, f, a in runtime.VIBRATIONS for v in (f, a)] + [i for _, i, _ in runtime_scents.SCENTS]:
        assert float(np.float32(value)) == value, value
    cases = _cases(zh_markdown)
    for rid in ("TD‑RUN‑004", "TD‑OLF‑004"):
        text = "\n".join(cases[rid])
        assert "均与指令相等" in text and "交给设备驱动程序" in text, rid
        assert not re.search(r"之差在 (?:1 ms|0\.01|1%) 以内", text), rid
    assert "1 kHz 计时器" not in note_md and "驱动器的分级时报告值的舍入" not in note_md
