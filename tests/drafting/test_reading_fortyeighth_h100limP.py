"""The forty-eighth reading, part h100-limP (docs/drafting.md, "Forty-eighth reading, part h100-limP"): platform numbers
the 编制说明's 三（三） did not list or give a reason for, and steps that left out what the criteria decide by:
AS-TRADE-004's 60 s margin and AS-TRADE-008's 1 s past the window, with the 7 days' source in the quote (b1);
IF-SES-002's 1 ms round trip, measured by no step and decided by no line (b3); the session check's 10 s time limit,
stated nowhere (bx1); DP-PRICE-001's 不适用 recorded by no step (bx2); IR-SYN-001 step 3 without the 「@」 of
RFC 3651 2.1's NAsegment (bx3). Each test fails on the draft as it was before (309a6112)."""

from __future__ import annotations

import re

from conformance.areas.interfaces.sessions import Plan
from conformance.drafting.limitnumbers import clauses
from conformance.drafting.testcases import case_for
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _rows

_FLAG = "附注未写明"
#: a clause of a session case speaking of a time limit: 「在时限内」, 「超时」, "in time", "times out", "within 10 s"
_TIME_LIMIT = re.compile(r"时限|超时|time limit|in time|times out|(?:open|opened|answered) within")


def _case(catalog, rid: str, lang: str = "zh"):
    w = Writer(catalog, lang)
    return case_for(catalog, catalog.requirements[rid], lang, w.data.procedures.get(rid), w.ics_prepended)


def test_each_platform_number_stands_in_its_row_with_its_reason(note):
    """b1, b3, bx1: the number is listed, and the quote gives its reason, not only 「自定」 or 「自己的规定」."""
    rows = _rows(note)
    wanted = {"AS-TRADE-004": ("60 s", "使测试无需等待整个冷静期"),
              "AS-TRADE-008": ("1 s", "刚越过冷静期的末端"),
              "IF-SES-002": ("1 ms", "其不到 150 ms 限值的 1%"),
              "IF-SES-001": ("10 s", "400 ms 的 25 倍"),
              "IF-SES-005": ("10 s", "400 ms 的 25 倍")}
    for rid, (number, reason) in wanted.items():
        limits, basis = rows[rid]
        assert number in limits.split("，"), (rid, limits)
        assert reason in basis and _FLAG not in basis, (rid, basis)
    # the 7 days' source stands in the clause the quote gives, not in the next one it cut
    assert "7 天是本文件自己的规定，取自《中华人民共和国消费者权益保护法》第二十五条" in rows["AS-TRADE-004"][1]


def test_the_margins_are_marked_as_this_documents(catalog):
    """b1: the steps setting the test clock mark the margin and the second past the window as this document's."""
    assert "604 800 s 减去本文件规定的余量 60 s" in _case(catalog, "AS-TRADE-004").steps[1]
    assert "604 800 s 再加本文件规定的 1 s" in _case(catalog, "AS-TRADE-008").steps[1]


def test_every_session_time_limit_names_the_checks_number(catalog):
    """bx1 as a class: every step and criteria clause of a session case speaking of a time limit names the 10 s the
    session check waits for a connection and an answer (``sessions.Plan.timeout_s``), in both languages."""
    limit = f"{Plan.__dataclass_fields__['timeout_s'].default:g} s"
    wrong, stated = [], set()
    for rid in (r for r in catalog.requirements if r.startswith("IF-SES-")):
        for lang in ("zh", "en"):
            case = _case(catalog, rid, lang)
            for line in [*case.steps, *case.criteria]:
                for clause in clauses(line) if lang == "zh" else re.split(r"(?<=[;.])\s", line):
                    if _TIME_LIMIT.search(clause):
                        (stated.add((rid, lang)) if limit in clause else wrong.append((rid, lang, clause)))
    assert not wrong
    assert {("IF-SES-001", "zh"), ("IF-SES-001", "en"), ("IF-SES-005", "zh"), ("IF-SES-005", "en")} <= stated
    assert "本文件规定的时限 10 s" in _case(catalog, "IF-SES-001").steps[2]


def test_a_bounded_round_trip_is_measured_and_decides(catalog):
    """b3 as a class: a case whose 前置条件 bounds the network's round trip has a step measuring it before the test and
    recording 不确定 at the bound, and its 不确定 line names the bound."""
    bounded, w = 0, Writer(catalog, "zh")
    for rid, req in catalog.requirements.items():
        if req.status != "stable" or (procedure := w.data.procedures.get(rid)) is None:
            continue
        case = case_for(catalog, req, "zh", procedure, w.ics_prepended)
        for line in case.conditions:
            if (m := re.search(r"往返时间小于 (\d+(?:\.\d+)? m?s)", line)) is None:
                continue
            bounded += 1
            bound = m.group(1)
            assert any("测量" in step and "往返时间" in step and f"本文件规定的 {bound} 时记录“不确定”" in step
                       for step in case.steps), rid
            inconclusive = next(line for line in case.criteria if line.startswith("不确定"))
            assert f"往返时间不小于 {bound}" in inconclusive, rid
    assert bounded >= 1


def test_the_steps_record_what_the_criteria_decide(catalog):
    """bx2: DP-PRICE-001's 不适用 ground has its step; bx3: IR-SYN-001 step 3 looks for the 「@」 its statement and
    criteria exclude, in both languages."""
    steps = _case(catalog, "DP-PRICE-001").steps
    assert any("未找到确定的支付金额时，记录“不适用”并结束本用例" in step for step in steps)
    assert any('record "not applicable" and stop' in step for step in _case(catalog, "DP-PRICE-001", "en").steps)
    assert "前缀的各段不含“@”" in _case(catalog, "IR-SYN-001").steps[2]
    assert 'no segment of the prefix holding "@"' in _case(catalog, "IR-SYN-001", "en").steps[2]
