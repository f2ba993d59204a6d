"""The sixtieth reading, part h119-term (docs/drafting.md, "Sixtieth reading, part h119-term"): the rows the
fifty-ninth reading left open in the terminal area. TD-DEPTH-002's 0.6 m board and 90 % reflectance had no reason
(row 1); the instruments' sampling-rate minima of the terminal cases (TD-FORCE-004's 1 kHz, TD-AUD-004's 48 kHz,
TD-HAPT-003's ten times the highest frequency) had none in 三（三） (row 2); annex A's strictest values of the head's
plausibility limits lay below published peaks of everyday head motion (row 3); the terminal area's messages, code and
tests said "reference face" for the reference facial capture and its subject (row 4); the 编制说明's instrument table
left out instruments the cases' preconditions name (row 5). Each test fails on the branch's base (14f17e141)."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pytest

from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line
from tests.drafting.test_reading_fiftyninth_limA import _INSTRUMENTS
from tests.drafting.test_reading_fiftysixth_h110cases56 import _requirement

ROOT = Path(__file__).resolve().parents[2]

#: an instrument's least sampling or frame rate as a terminal case's 前置条件 write it, and the figure 三（三） lists
_RATES = (
    (re.compile(r"(?:采样率|帧率)不低于 ?(\d+(?: \d{3})*(?:\.\d+)?) ?(kHz|Hz)"), "{0} {1}"),
    (re.compile(r"以不低于 ?(\d+(?: \d{3})*(?:\.\d+)?) ?(kHz|Hz) ?采样"), "{0} {1}"),
    (re.compile(r"每秒不少于 ?(\d+) ?帧"), "{0} 帧"),
    (re.compile(r"不低于所指令最高频率的 ?(\d+) ?倍"), "{0} 倍"),
)


def _limits_row(note_md: str, rid: str) -> str:
    key = f"| {rid.replace('-', chr(0x2011))} | "
    return next((line for line in note_md.splitlines() if line.startswith(key) and "附注" in line), "")


def _terminal_cases(markdown: str) -> list[str]:
    return sorted({m.replace("\u2011", "-") for m in re.findall(r"^### 14\.\d+ (TD-[A-Z]+-\d{3}) ", markdown, re.M)})


def test_row2_class_every_instrument_rate_minimum_has_its_reason_in_3_3(zh_markdown, note_md):
    """Over every terminal case: each least sampling or frame rate of an instrument its 前置条件 state stands in the
    requirement's 三（三） row (whose quoted notes give its reason), or the row's quoted notes name it."""
    missing = []
    ids = _terminal_cases(zh_markdown)
    assert len(ids) > 100
    for rid in ids:
        conditions = _line(_case(zh_markdown, rid), "前置条件")
        for pattern, form in _RATES:
            for m in pattern.finditer(conditions):
                figure = form.format(*m.groups())
                row = _limits_row(note_md, rid)
                listed, quoted = (row.split(" | ")[1], row.split(" | ", 2)[2]) if row else ("", "")
                # listed (三（三） quotes the notes sentence naming it), or named in the quoted notes (TD-MPLAT-004's
                # 100 frames: TD-MPLAT-001's, with its reason)
                if figure not in listed and figure not in quoted:
                    missing.append(f"{rid}: {figure}")
    assert not missing, missing


@pytest.mark.parametrize("rid, figure, zh, en", [
    ("TD-FORCE-004", "1 kHz", "采样率不低于 1 kHz 为本目录自定", "rate of at least 1 kHz is this catalog's own"),
    ("TD-AUD-004", "48 kHz", "不低于 48 kHz 采样为本目录自定", "48 kHz or more is this catalog's own"),
    ("TD-HAPT-003", "10 倍", "所指令最高频率的 10 倍为本目录自定",
     "10 times as fast as the highest frequency commanded is this catalog's own"),
])
def test_row2_the_named_rates_have_their_reasons(note_md, rid, figure, zh, en):
    notes = _requirement("terminal", rid)["notes"]
    assert zh in notes["zh"] and en in notes["en"], rid
    row = _limits_row(note_md, rid)
    assert figure in row.split(" | ")[1] and "本文件自定" in row, rid


def test_row1_the_depth_board_size_and_reflectance_have_reasons(note_md, note_md_en):
    """TD-DEPTH-002's board (0.6 m by 0.6 m) and its reflectance (about 90 %) stand in 三（三）'s table of conditions
    with why, and the requirement's notes say the same (en and zh)."""
    rows = [line for line in note_md.splitlines() if "（TD‑DEPTH‑002）" in line.split(" | ")[0]]
    assert any("0.6 m × 0.6 m" in r and "本文件自定" in r and "3 m" in r for r in rows), rows
    assert any("| 约 90% |" in r and "本文件自定" in r for r in rows), rows
    assert "0.6 m by 0.6 m" in note_md_en and "about 90 %" in note_md_en
    notes = _requirement("terminal", "TD-DEPTH-002")["notes"]
    assert "board's size of at least 0.6 m by 0.6 m is this catalog's own" in notes["en"]
    assert "reflectance of about 90 % at the sensor's wavelength is this catalog's own" in notes["en"]
    assert "参考靶不小于 0.6 米 × 0.6 米为本目录自定" in notes["zh"] and "反射率约 90% 亦为本目录自定" in notes["zh"]


def test_row3_class_the_head_limits_strictest_values_stay_above_everyday_peaks(catalog, note_md):
    """Annex A's strictest values of TD-MOT-002's and TD-MOT-003's head limits lie above the peaks of everyday head
    motion the cited review gives (12.8 rad/s, 15 g, 1375 rad/s²), so a plan tightening to them does not fail normal
    head motion; each reason, printed in 三（三）'s table, names its figure. Since the sixty-second reading (part
    h125-nums, d6, d7) they lie above the figures of vigorous motion too (Grossman's 780°/s, the head's angular speed
    now fixed; Funk's 31 g and 2888 rad/s²), which the reasons name instead of the review, whose authors no entry gave."""
    from conformance._catalog.parameters import strict_end

    params = catalog.profiles["terminal-hmd-6dof"].parameters
    floors = {"max_head_angular_speed_deg_s": (math.degrees(12.8), "780°/s"),
              "max_head_acceleration_m_s2": (15 * 9.80665, "31 g"),
              "max_head_angular_acceleration_deg_s2": (math.degrees(1375), "2888 rad/s²")}
    for name, (floor, figure) in floors.items():
        end = strict_end(params[name])
        assert end is not None and end > floor, (name, end, floor)
        row = next(line for line in note_md.splitlines() if f"| `{name}` |" in line)
        assert figure in row and ("本文件自定" in row or "不能改严" in row), name


def test_row4_no_reference_face_left_in_the_terminal_area():
    """The terminal area's messages, code docstrings and tests name the reference facial capture and its subject
    (受试者), as TD-FACE-004 to TD-FACE-007 do, never a "reference face" (en) nor 「参考面部」 without 捕捉 (zh)."""
    found = subprocess.run(["git", "grep", "-n", "-i", "-E", "reference face([^t]|$)|参考面部[^捕]", "--",
                            "src", "suites", "tests", "profiles", ":!suites/*/requirements.yaml",
                            ":!tests/drafting/test_reading_*"],
                           cwd=ROOT, capture_output=True, text=True).stdout
    assert not found.strip(), found[:2000]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_row5_class_the_instrument_table_lists_every_instrument_its_cases_name(lang, zh_markdown, en_markdown,
                                                                               note_md, note_md_en):
    """Over every group of the 编制说明's instrument table: each instrument of the vocabulary that a case of the
    group names in its 前置条件 (computed from the cases, so the table cannot drift from them) is in the group's
    instruments, in both languages."""
    markdown, note, pre, head, index = ((zh_markdown, note_md, "前置条件", "| 仪器组 |", 0) if lang == "zh" else
                                        (en_markdown, note_md_en, "Initial conditions", "| Group |", 1))
    start = note.index(head)
    body = note[start:note.index("\n\n", start)].splitlines()[2:]
    assert len(body) > 10
    missing = []
    for row in body:
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        ids = [i.strip().replace("\u2011", "-") for i in re.split("[、,]", cells[1])]
        for rid in ids:
            conditions = _line(_case(markdown, rid), pre)
            missing += [f"{cells[0]}: {rid} {pair[index]}" for pair in _INSTRUMENTS
                        if pair[index] in conditions and pair[index].lower() not in cells[2].lower()]
    assert not missing, missing
