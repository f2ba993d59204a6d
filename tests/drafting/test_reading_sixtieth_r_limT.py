"""The sixtieth reading, part h120-limT (docs/drafting.md, "Sixtieth reading, part h120-limT"): the set-up values of
the terminal cases (TD-PWR-003's workload, TD-BCI-008's call rate, the values TD-OLF-004 and TD-RUN-004 apply, the
plans of TD-HAPT-004 and TD-OLF-005, TD-ACC-004's test sources, TD-TACT-004's programme) stood in no row of the
编制说明's 三（三） or in one without a reason (c2-c9, d5); TD-FACE-005's 250 ms reason was circular (d3), TD-HAND-004's
90 % reason contradicted its own arithmetic (d4). Each test fails on the draft as it was before (6bd5f93b)."""

from __future__ import annotations

import math
import re

import pytest

from conformance.drafting.testcases import case_for
from conformance.drafting.wording import unit_symbols
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows

#: a set-up line of a case: a workload or programme, a plan sent, values applied through an interface, test sources
#: played, a rate the test equipment calls an interface at
_SET_UP = re.compile(r"^(?:试验工作负载|试验程序)：|(?:测试计划|指令计划)：|以 `[^`]+` 施加|播放测试声源（|每秒至少(?:调用|读取) ?\d+ ?次")
#: a workload or reference set-up given in a bracket of a line saying more (the environment, an apparatus bound)
_BRACKET = re.compile(r"试验工作负载（[^（）]*）|（参考设置：[^（）]*）")
#: a value with its unit, as the case writes it
_VALUE = re.compile(r"[−-]?\d+(?:\.\d+)? ?(?:ms|kHz|Hz|dB FS|N|mm|m|%|°|s)(?![\w/])")
#: an amplitude or intensity commanded, a share of the output's maximum
_COMMANDED = re.compile(r"(?:幅度|强度) ?(\d+(?:\.\d+)?(?:(?:、| ?与 ?)\d+(?:\.\d+)?)*)(?![\d.%·])")
_FLAG = "起草组补充"


def _set_up_values(w: Writer, rid: str) -> tuple[list[str], list[str]]:
    """The values with a unit and the bare commanded values a terminal case's set-up lines give."""
    req = w.catalog.requirement(rid)
    case = case_for(w.catalog, req, "zh", w.data.procedures.get(rid), w.ics_prepended)
    lines = [re.sub(r"^\d+\. ", "", line) for line in [*case.conditions, *case.steps] if _SET_UP.search(line)]
    lines += [m.group(0) for line in case.conditions for m in _BRACKET.finditer(line)]
    text = unit_symbols("\n".join(lines))
    counts = [f"{m.group(1)} 次" for m in re.finditer(r"每秒至少(?:调用|读取) ?(\d+) ?次", text)]
    return ([m.group(0).replace("-", "−") for m in _VALUE.finditer(text)] + counts,
            [v for m in _COMMANDED.finditer(text) for v in re.split(r" ?[、与] ?", m.group(1))])


def test_class_every_set_up_value_of_a_terminal_case_has_its_row_and_reason(catalog, note):
    """c2-c9, d5, over every terminal case: each value its set-up lines give (a workload, a programme, a plan, values
    applied, test sources, a call rate, commanded amplitudes) stands in its 三（三） row, and no row of them is flagged
    for the drafting group to add (TD-OLF-004 and TD-RUN-004 had no row; TD-PWR-003's 50 %, TD-HAPT-004's 150 ms and
    frequencies, TD-TACT-004's loads and durations, TD-ACC-004's sources stood in none)."""
    w = Writer(catalog, "zh")
    rows = limit_rows(note)
    missing, flagged, seen = [], [], set()
    for rid in sorted(r for r in catalog.requirements if r.startswith("TD-")):
        with_unit, bare = _set_up_values(w, rid)
        if not with_unit and not bare:
            continue
        seen.add(rid)
        limits, basis = rows.get(rid, ("", ""))
        cells = [unit_symbols(cell).replace("-", "−") for cell in limits.split("，")]
        missing += [f"{rid}: {v}" for v in with_unit if not any(cell.endswith(v) for cell in cells)]
        missing += [f"{rid}: {v}" for v in bare if v not in cells]
        if _FLAG in basis:
            flagged.append(rid)
    assert {"TD-PWR-003", "TD-BCI-008", "TD-OLF-004", "TD-RUN-004", "TD-HAPT-004", "TD-ACC-004", "TD-TACT-004",
            "TD-OLF-005", "TD-PWR-001"} <= seen, seen
    assert not missing, missing
    assert not flagged, flagged


@pytest.mark.parametrize(("rid", "words"), [
    ("TD-PWR-003", ("调节范围的 50%", "−20 dB FS 亦为本文件自定", "1 kHz 音调亦为本文件自定")),
    ("TD-PWR-001", ("亮度 50% 与音量 50% 为本文件自定",)),
    ("TD-BCI-008", ("每秒至少调用 10 次为本文件自定", "0.1 s")),
    ("TD-OLF-004", ("所指令的数值为本文件自定", "1 s 与 2 s")),
    ("TD-RUN-004", ("所指令的数值为本文件自定", "100 ms 与 200 ms")),
    ("TD-HAPT-004", ("150 ms 使每条振动的稳态段", "80 Hz、170 Hz 与 250 Hz", "幅度 0.25、0.5 与 1.0 亦为本文件自定")),
    ("TD-OLF-005", ("测试计划的强度与时长为本文件自定", "4 s")),
    ("TD-ACC-004", ("50 ms 的脉冲亦为本文件自定", "1.5 m", "−90°至 135°")),
    ("TD-TACT-004", ("试验程序的数值为本文件自定", "0.6 s", "0.8 s", "0.3 s", "20 mm/s 亦为本文件自定")),
])
def test_the_rows_quote_each_set_up_values_reason(note, rid, words):
    """c2-c9: the row quotes the sentence giving each set-up value its reason, not only 「本文件自定」."""
    basis = limit_rows(note)[rid][1]
    for word in words:
        assert word in basis, (rid, word, basis)


def test_the_english_rows_of_the_set_up_values_are_not_flagged(note_en):
    rows = limit_rows(note_en)
    for rid in ("TD-PWR-003", "TD-BCI-008", "TD-OLF-004", "TD-RUN-004", "TD-HAPT-004", "TD-ACC-004", "TD-TACT-004"):
        limits, basis = rows[rid]
        assert "drafting group" not in basis and "this document's own" in basis, (rid, basis)


def test_the_plans_arithmetic_holds(note):
    """c7, c8: TD-HAPT-004's steady segment (a quarter to nine tenths of 150 ms) at 80 Hz and 40 Hz, its frequencies
    apart by more than 20 %, its 6 dB amplitude steps; TD-ACC-004's 50 ms burst's level spread (1/√(BT), B 20 kHz)."""
    hapt = limit_rows(note)["TD-HAPT-004"][1]
    steady = 150 * (0.9 - 0.25)
    assert f"{steady:g} ms" in hapt and f"{steady * 80 / 1000:.1f} 个周期" in hapt and f"{steady * 40 / 1000:.1f} 个" in hapt
    assert f"{math.ceil(4 / 80 * 1000 / 0.65)} ms" in hapt
    assert f"{round((170 / 80 - 1) * 100)}%" in hapt and f"{round((250 / 170 - 1) * 100)}%" in hapt
    assert f"{20 * math.log10(2):.1f} dB" in hapt
    acc = limit_rows(note)["TD-ACC-004"][1]
    assert f"{10 * math.log10(1 + 1 / math.sqrt(20_000 * 0.050)):.2f} dB" in acc
    assert f"{10 * math.log10(1 + 1 / math.sqrt(20_000 * 0.005)):.1f} dB" in acc


def _at_most(k: int, n: int, p: float) -> float:
    return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(k + 1))


def test_d4_the_90_percent_has_a_reason_its_arithmetic_keeps(note):
    """d4: TD-HAND-004's 90 % no longer rests on 「会使用户重复与撤销多于交互」 (two misses in ten still leave eight
    interactions succeed); its reason's numbers are the binomial ones over the 20 trials and 1/0.9 attempts."""
    basis = limit_rows(note)["TD-HAND-004"][1]
    assert "重复与撤销多于交互" not in basis
    assert "90% 的准确率为本文件自定" in basis and "TD-VOICE-004" in basis
    assert f"{1 / 0.9:.2f} 次尝试" in basis and f"{1 / 0.8:.2f} 次" in basis
    assert f"约 {round(_at_most(18, 20, 0.95) * 100)}%" in basis
    assert f"约 {_at_most(17, 20, 0.95) * 100:.1f}%" in basis
    for rid in ("TD-FACE-005", "TD-FACE-007"):  # they take the 90 % from TD-HAND-004, whose reason no longer says so
        assert "重复与撤销多于交互" not in limit_rows(note)[rid][1]


def test_d3_the_250_ms_latency_rests_on_a_budget_not_on_itself(note):
    """d3: TD-FACE-005's 250 ms no longer rests on frame counts derived from 250 ms (「所需的若干帧即该时延取这一
    长度……的理由」): with IF-SES-002's 150 ms it fills ITU-T G.114's 400 ms, and the row says why not longer or
    shorter."""
    basis = limit_rows(note)["TD-FACE-005"][1]
    assert "所需的若干帧即该时延" not in basis
    assert "150 ms" in basis and "400 ms" in basis and "ITU-T G.114" in basis and 250 + 150 == 400
    assert "更长的时延" in basis and "更短的时延" in basis
