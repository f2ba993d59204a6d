"""The sixty-eighth reading of issue 76, part h131-ttext: terminal cases against their checks, and the numbers their
set-ups and steps decide by.

c6 (read68c, K7): TD-PERF-004's motion programme (1.2 s, 1.5 s, 0.6 s, 90°) stood in no 三（三） row, though it sets the
motions the case holds its coverage thresholds against. Class: a number with a unit that a TD, RB or SC case's set-up
or step measures by stands in the 三（三） text of its case (its limits row, or the conditions table naming it), or of
the case it says it takes the value from; TD-AUD-005's speed of sound (343 m/s) was the other instance.
c4 (read68c, X): TD-DISP-009 took a trace whose lit level is below 4 times its dark level for one with no lit pulses
(photon.py's ``MIN_CONTRAST``), which no step, verdict line or row said.
c7 (read68c, X): TD-GAZE-006 judged R2 over the valid and tracked answers alone (tests/areas/terminal/
test_gaze_interface.py runs the check); doubtful 6: ``SETTLE_MS``'s comment gave a 50 ms annex A does not fix.
Doubtful 2: TD-MPLAT-002 called the streams its check only notes 「记录为未判定」. Doubtful 3: TD-RUN-005 said
fewer than two display times leave R3 unjudged, which one time judges. Doubtful 5: TD-PERF-005 counted a placement up
to 1 mm outside the volume, which its step did not say.

Each test fails on the branch's base (ffa3fd452)."""

from __future__ import annotations

import inspect
import re

from conformance.areas.terminal import gaze_interface, photon, session_tracking
from tests.drafting.blocks import limit_rows
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

# c6 ---------------------------------------------------------------------------------------------------------------

_ID = re.compile(r"(?:RB|SC|TD)[‑-][A-Z0-9]+[‑-]\d+")
_UNIT = (r"(?:°/s|m/s²|m/s|rad/s|rad|mm|cm|ms|μs|ns|s|Hz|kHz|dB|°|%|N|m|px|像素|Pa|lx|W|h|min|V|μV|K|MiB|GiB|KiB"
         r"|g|mN|kg|℃)")
#: a number with its unit, not part of another (「n/60 s」 is a rate in a formula, 「1 × 10⁻⁹」 a product)
_NUMBER = re.compile(r"(?<![\w.\-‑×/])(\d+(?:[ \u2009]\d{3})*(?:\.\d+)?)\s*(" + _UNIT + r")(?![A-Za-z²/·])")
#: an example the set-up gives, which fixes nothing: 「（例如离地 1.2 m……）」, 「（如 0.25 s 至 0.65 s）」
_EXAMPLE = re.compile(r"（(?:例如|如)[^（）]*）|例如[^，；。）]*")
#: a range a row gives, 「1 m 至 4 m」, which covers each number of its unit within it
_RANGE = re.compile(r"(\d+(?:\.\d+)?) ?(" + _UNIT + r")? ?至 ?(\d+(?:\.\d+)?) ?(" + _UNIT + r")")
#: the lines out of the class: the apparatus (5.9's calibration rule, table 9), the environment (the conditions
#: table) and the parameters (annex A) have their reasons where they are stated
_OUT = ("测试设备：", "测试环境：", "测试参数取")
#: numbers a set-up asks for that no check reads and no verdict line names: the pace of a procedure, left as the
#: reading found them (reported with the sixty-eighth reading's part h131-ttext)
PACES = {("TD-BODY-003", "4 s"), ("TD-BODY-005", "4 s"), ("TD-HAND-005", "4 s"), ("TD-FACE-004", "0.5 s")}


def _squeeze(text: str) -> str:
    return re.sub(r"[ \u2009\u202f]", "", text)


def _rows_naming(note_md: str) -> dict[str, str]:
    """The 编制说明's table rows whose first cell names a case (the limits row, a conditions row), joined by case."""
    out: dict[str, list[str]] = {}
    for line in note_md.splitlines():
        if line.startswith("| ") and line.count(" | ") >= 2:
            for rid in _ID.findall(line.split(" | ")[0]):
                out.setdefault(rid.replace("‑", "-"), []).append(line)
    return {rid: "".join(lines) for rid, lines in out.items()}


def _bound_rows(note_md: str) -> dict[str, str]:
    """The 编制说明's rows of 5.1's reading bounds, by the bound's name (its first cell)."""
    return {line.split(" | ")[0].lstrip("| ").strip(): line for line in note_md.splitlines()
            if line.startswith("| ") and line.count(" | ") >= 2}


def _in_range(number: str, unit: str, text: str) -> bool:
    return any((m.group(2) or m.group(4)) == unit == m.group(4)
               and float(m.group(1)) <= float(number) <= float(m.group(3)) for m in _RANGE.finditer(text))


def unstated_numbers(zh_markdown: str, note_md: str) -> set[tuple[str, str]]:
    """(case, number) of each number with a unit a TD, RB or SC case's set-up or step measures by that the 三（三）
    text of neither the case nor a case its line names gives: not an example, not a value only recorded (「只作记录」,
    「同时记录……」), not one derived from others and said so (「350 ms，即……」)."""
    rows, bounds = _rows_naming(note_md), _bound_rows(note_md)
    missed = set()
    for rid, case in _cases(zh_markdown).items():
        if not rid.startswith(("TD-", "RB-", "SC-")):
            continue
        for line in (_row(case, "前置条件") + "<br>" + _row(case, "测试步骤")).split("<br>"):
            if line.startswith(_OUT):
                continue
            named = {rid, *(other.replace("‑", "-") for other in _ID.findall(line))}
            given = "".join(rows.get(x, "") for x in named)
            for clause in re.split(r"(?<=[；。])", _EXAMPLE.sub("", re.sub(r"^\d+\. ", "", line))):
                if "只作记录" in clause or re.match(r"(?:同时)?记录", clause):
                    continue
                # a 5.1 reading bound the clause names has its reason in 三（三）'s bounds table
                given_here = given + "".join(bounds.get(name, "") for name in re.findall(r"读取界限“([^”]+)”", clause))
                for m in _NUMBER.finditer(clause):
                    if clause[m.end():].startswith("，即") or _squeeze(m.group(0)) in _squeeze(given_here) \
                            or _in_range(m.group(1), m.group(2), given_here):
                        continue
                    missed.add((rid, m.group(0)))
    return missed


def test_c6_class_every_number_a_case_measures_by_stands_in_its_row(zh_markdown, note_md):
    """TD-PERF-004's 1.2 s, 1.5 s, 0.6 s and 90° and TD-AUD-005's 343 m/s were the instances; what is left are the
    paces of a procedure no check reads (``PACES``)."""
    assert unstated_numbers(zh_markdown, note_md) == PACES


def test_c6_the_motion_programme_stands_in_its_row_with_a_reason_each(note, note_en):
    limits, basis = limit_rows(note)["TD-PERF-004"]
    assert {"25°", "1.2 s", "0.15 m", "1.5 s", "30°/s", "0.6 s", "120°/s", "0.18 s", "90°"} <= set(limits.split("，"))
    assert "倾斜一周 1.2 s 与平移一周 1.5 s 为本文件自定" in basis
    assert "转动的每种速度各保持 0.6 s 亦为本文件自定" in basis
    assert "快速转动的转角 90°（两种速度所转过的 18°与 72°之和）亦为本文件自定" in basis
    limits_en, basis_en = limit_rows(note_en)["TD-PERF-004"]
    assert {"1.2 s", "1.5 s", "0.6 s", "90°"} <= set(limits_en.split(", "))
    assert "The tilt's cycle of 1.2 s and the sway's of 1.5 s are this document's own" in basis_en
    limits, basis = limit_rows(note)["TD-AUD-005"]
    assert "343 m/s" in limits.split("，") and "半径 8.75 cm、声速 343 m/s 的头部模型均沿用 TD-AUD-004" in basis


# c4 ---------------------------------------------------------------------------------------------------------------


def test_c4_the_photon_case_states_when_a_trace_shows_no_lit_pulses(zh_markdown, en_markdown, note):
    factor = int(photon.MIN_CONTRAST)
    assert photon.MIN_CONTRAST == factor == 4
    zh, en = _cases(zh_markdown)["TD-DISP-009"], _cases(en_markdown)["TD-DISP-009"]
    step = _row(zh, "测试步骤").split("<br>")[1]
    assert f"亮电平不大于零或低于暗电平的 {factor} 倍（本文件规定的亮暗之比下限），" \
        "或迹线没有越过中间电平的上升沿时" in step
    assert f"below {factor} times the dark level" in _row(en, "Test procedure").split("<br>")[1]
    assert f"亮电平不大于零或低于暗电平的 {factor} 倍" in _verdict_lines(zh, "zh")["不确定"]
    assert f"below {factor} times its dark level" in _verdict_lines(en, "en")["Inconclusive"]
    limits, basis = limit_rows(note)["TD-DISP-009"]
    assert f"{factor} 倍" in limits.split("，") and f"{factor} 倍为本文件自定" in basis


# c7 ---------------------------------------------------------------------------------------------------------------


def test_c7_the_gaze_read_case_judges_r2_over_every_answer(zh_markdown, en_markdown, catalog):
    """Step 4 (R2) reads every answer logged, as the check now does; step 3 (R1) the valid and tracked ones."""
    steps = _row(_cases(zh_markdown)["TD-GAZE-006"], "测试步骤").split("<br>")
    assert "取朝向有效且已跟踪的应答" in steps[2] and "（规则 R1）" in steps[2]
    assert "对所记录的每个应答（无论其朝向是否有效、是否已跟踪）" in steps[3] and "（规则 R2）" in steps[3]
    assert "over every answer logged (whether or not its orientation is valid and tracked)" in \
        _row(_cases(en_markdown)["TD-GAZE-006"], "Test procedure").split("<br>")[3]
    # doubtful 6: the settling time's comment names the mean latency annex A fixes, which it is over three times
    latency = catalog.profiles["terminal-eye-gaze"].parameters["max_gaze_latency_ms"].default
    assert 3 * latency < gaze_interface.SETTLE_MS
    source = inspect.getsource(gaze_interface)
    comment = source[:source.index("SETTLE_MS = ")].rsplit("\n\n", 1)[-1]
    assert f"over three times the mean\n#: latency TD-GAZE-003 allows, max_gaze_latency_ms {latency:g}" in comment
    assert "twice" not in comment and "50" not in comment


# doubtful 2, 3, 5 ---------------------------------------------------------------------------------------------------


def test_d2_the_platform_case_says_which_streams_are_outside_it(zh_markdown, en_markdown):
    zh = _row(_cases(zh_markdown)["TD-MPLAT-002"], "测试步骤").split("<br>")[1]
    en = _row(_cases(en_markdown)["TD-MPLAT-002"], "Test procedure").split("<br>")[1]
    assert "记录为未判定" not in zh and "记录原因，不属本测试" in zh and "不影响对其余数据流的判定" in zh
    assert "as not judged" not in en and "record why: such a stream is outside this test" in en


def test_d3_fewer_than_2_display_times_leave_r1_unjudged_and_r3_only_with_none(zh_markdown, en_markdown, note):
    zh, en = _cases(zh_markdown)["TD-RUN-005"], _cases(en_markdown)["TD-RUN-005"]
    assert "少于两个" not in zh and "R1 与 R3 无法作出判定" not in zh and "R1 and R3 cannot be judged" not in en
    assert "应答的预测显示时间少于 2 个时，R1 无法作出判定（一个也没有时 R3 亦然）" in _row(zh, "测试步骤")
    assert "少于 2 个（R1 无法作出判定，一个也没有时 R3 亦然）" in _verdict_lines(zh, "zh")["不确定"]
    assert "通过：至少 2 个预测显示时间得到比较" in _verdict_lines(zh, "zh")["通过"]
    assert "fewer than 2 predicted display times are answered (R1 cannot be judged, nor R3 with none)" in \
        _verdict_lines(en, "en")["Inconclusive"]
    limits, basis = limit_rows(note)["TD-RUN-005"]
    assert "至少 2 个" in limits.split("，") and "至少 2 个预测显示时间为本文件自定的取舍条件" in basis


def test_d5_a_placement_just_outside_the_volume_counts_as_the_step_says(zh_markdown, en_markdown, note):
    outside_mm = f"{session_tracking.OUTSIDE_M * 1000:g}"
    assert outside_mm == "1"
    step = _row(_cases(zh_markdown)["TD-PERF-005"], "测试步骤").split("<br>")[3]
    assert f"参考平均位置在范围之外超过 {outside_mm} mm 或距该面超过 5 cm 的放置不计" in step
    assert f"more than {outside_mm} mm outside the volume" in \
        _row(_cases(en_markdown)["TD-PERF-005"], "Test procedure").split("<br>")[3]
    limits, basis = limit_rows(note)["TD-PERF-005"]
    assert f"{outside_mm} mm" in limits.split("，") and f"{outside_mm} mm 为本文件自定" in basis
