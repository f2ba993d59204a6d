"""The seventy-fourth reading of issue 76, TD-PWR-001's 不适用 and two doubtful rows of the 编制说明 (part h139-pwr).

read74c c2 (K5): TD-PWR-001 permits one report, the battery level, the optional member `battery` of a `power` stream
(E.4), but its 不适用 line and its check keyed on the stream kind: a device reporting no battery level, tested with a
capture whose `power` streams hold only TD-PWR-002's thermometer or TD-PWR-003's power analyser readings, got 不确定.
Now only a stream giving battery levels counts as the report made (2.3): such a capture is not applicable (the known case
perf-rules/battery-cutoff.ndjson.gz, a power analyser and no `battery`), battery levels without a qualifying session stay
inconclusive, and the 不适用 line and step 2 say so. The class: no 可 case of the rendered draft keys its 不适用 on a
stream kind alone where the permitted report is one member of it.

read74d doubtful 3: the reason for 1.5 periods (TD-RATE-002, and TD-DISP-001 and TD-DISP-009 that borrow it) said an
interval counts dropped frames when its ratio to the period, rounded, is 2 or more; the statements and checks count an
interval strictly longer than 1.5 periods, which an interval of exactly 1.5 periods (rounding to 2) is not.

read74d doubtful 1: IF-RATE-001's row gave Stripe's rate-limit page in its older text (Files and Search APIs at 20 read
requests a second, 25 and 100 a second for the rest); the page now gives an account's global limit (100 live, 25 in a
sandbox), each endpoint's default of 25 requests a second and the Files API's 20 read requests a second.

Fails on db9559929."""

from __future__ import annotations

import re

import pytest

from tests.conftest import manifest_for, verdict_and_evidence
from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

RID = "TD-PWR-001"


def _battery_verdict(catalog, run_manifest, fixture: str) -> tuple[str, str]:
    manifest = manifest_for(catalog, "terminal-sensor-performance", files={"captures": [fixture]})
    return verdict_and_evidence(run_manifest(manifest, requirements=[RID]), RID)


# c2: the check


def test_c2_the_known_case_power_analyser_readings_and_no_battery_level_are_not_applicable(catalog, run_manifest):
    verdict, evidence = _battery_verdict(catalog, run_manifest, "perf-rules/battery-cutoff.ndjson.gz")
    assert verdict == "not_applicable", evidence


@pytest.mark.parametrize(("fixture", "expected"), [
    ("perf-rules/battery-drain.ndjson.gz", "fail"),  # battery levels given: still judged
    ("perf-rules/power-over-range.ndjson.gz", "fail"),
])
def test_c2_streams_giving_battery_levels_are_still_judged(catalog, run_manifest, fixture, expected):
    assert _battery_verdict(catalog, run_manifest, fixture)[0] == expected


# c2: the text


def test_c2_the_not_applicable_line_names_the_battery_level_not_the_stream_kind(zh_markdown, en_markdown):
    lines = _verdict_lines(_cases(zh_markdown)[RID], "zh")
    assert "不适用：所提供的采集文件中没有在 `battery` 中给出电量的 `power` 数据流（本要求允许而不要求该报告）" \
           in lines["不适用"], lines["不适用"]
    assert "均不含 `power` 数据流" not in lines["不适用"]
    assert "电量均在 0 至 1 之间（含两端），但" in lines["不确定"], lines["不确定"]  # kept
    lines = _verdict_lines(_cases(en_markdown)[RID], "en")
    assert "none of the captures supplied holds a `power` stream giving battery levels in `battery`" \
           in lines["Not applicable"], lines["Not applicable"]


def test_c2_step_2_reads_the_streams_giving_battery_levels(zh_markdown, en_markdown):
    step = _steps(_cases(zh_markdown)[RID], "zh")[1]
    assert step.startswith("2. 对每个给出电量的 `power` 数据流"), step
    step = _steps(_cases(en_markdown)[RID], "en")[1]
    assert step.startswith("2. For each `power` stream giving battery levels"), step


_MAY = re.compile(r"^### [\d.]+ ([A-Z]+-[A-Z]+-\d+) .*（可）$", re.M)


def test_c2_class_no_may_case_keys_its_not_applicable_on_a_stream_kind_alone(zh_markdown):
    """A 可 case permits a report; where its 不适用 line says the report was not made by the absence of a stream
    kind (「不含 `x` 数据流……（本要求允许而不要求……）」), a stream of that kind without the report is missed."""
    cases = _cases(zh_markdown)
    may = _MAY.findall(zh_markdown)
    assert RID in may and len(may) >= 8, may
    keyed = [rid for rid in may if re.search(r"不含 `[a-z_]+` 数据流（本要求允许而不要求",
                                              _verdict_lines(cases[rid], "zh")["不适用"])]
    assert not keyed, keyed


# doubtful 3: 1.5 periods


_PERIOD_ROWS = ("TD-RATE-002", "TD-DISP-001", "TD-DISP-009")


def _note_row(note: str, rid: str, word: str) -> str:
    """The requirement's row of 三（三） (its limits' reasons), the one of its rows that holds ``word``."""
    rows = [m.group(0) for m in re.finditer(rf"^\| {rid.replace('-', '‑')} \|.*$", note, re.M) if word in m.group(0)]
    assert len(rows) == 1, (rid, rows)
    return rows[0]


def test_d3_the_reason_for_1_5_periods_counts_a_ratio_above_it(note_md):
    for rid in _PERIOD_ROWS:
        row = _note_row(note_md, rid, "1.5 个")
        assert "之比大于 1.5、即更接近两个周期而非一个周期时才计为" in row, (rid, row)


def test_d3_class_no_text_counts_an_interval_rounded_to_2(note_md, zh_markdown):
    for text in (note_md, zh_markdown):
        assert "四舍五入取整后不小于 2" not in text


def test_d3_class_the_english_notes_say_the_same(en_markdown, note_md_en):
    for text in (en_markdown, note_md_en):
        assert "rounded it is 2 or more" not in text


# doubtful 1: Stripe's rate limits


def test_d1_the_rate_limit_row_gives_the_cited_pages_current_limits(note_md, note_md_en):
    row = _note_row(note_md, "IF-RATE-001", "Stripe")
    assert "其文件接口每秒 20 个读取请求；其余各端点除另有说明外每秒 25 个请求，账户总计的全局限额为正式模式每秒 100 个、" \
           "沙盒每秒 25 个" in row, row
    assert "文件与搜索接口" not in row and "其余接口测试模式" not in row
    assert "Files and Search APIs" not in note_md_en
