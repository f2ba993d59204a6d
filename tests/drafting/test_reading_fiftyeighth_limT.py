"""Fifty-eighth reading, parts h114-limT and h116-limT: the party issuing commands has one name (c4); TD-MPLAT-004's
median is over enough cycles for its reason to hold (c5); SC-FEED-006's 10 s is named and justified for what it
measures (c6); fixed reading rates have their reasons in 三（三） (c7). The h116 tests fail on 8de1ae535."""

from __future__ import annotations

import re
from pathlib import Path

from conformance.areas.terminal.platform_corners import MIN_CYCLES
from tests.drafting.test_reading_fiftyfirst_h105contract import _case, _line
from tests.drafting.test_reading_fiftyeighth_limA import _rows

ROOT = Path(__file__).resolve().parents[2]


def test_c4_commanding_party_is_the_test_bench_not_an_undefined_host() -> None:
    # 主机 is defined nowhere in clause 3; the motion platform cases name the test bench (试验台).
    for name in ("requirements.yaml", "procedures.yaml"):
        text = (ROOT / "suites" / "terminal" / name).read_text(encoding="utf-8")
        assert "主机" not in text, name
        assert "the host commands" not in text and "the host's" not in text, name


def test_c7_face_reading_rate_has_a_reason_in_the_notes() -> None:
    text = (ROOT / "suites" / "terminal" / "requirements.yaml").read_text(encoding="utf-8")
    assert "读取方至少每 50 ms 调用一次为本文件自定" in text
    assert "Reading at least every 50 ms is this document's own figure" in text


def test_c5_the_median_of_the_complete_cycles_is_never_the_mean_of_two(zh_markdown, note_md) -> None:
    """With first and last cycles left out, the recorded cycles the precondition asks leave at least MIN_CYCLES
    complete ones, MIN_CYCLES is at least 3 (a median of 2 is their mean, which one spike moves), and the case, the
    statement of the reason in 三（三） and the check say the same count."""
    assert MIN_CYCLES >= 3
    case = _case(zh_markdown, "TD-MPLAT-004")
    recorded = int(re.search(r"每轴至少覆盖 (\d+) 个指令周期", case).group(1))
    fewest = {int(n) for n in re.findall(r"完整周期少于 (\d+) 个", case)}
    assert recorded - 2 >= MIN_CYCLES and fewest == {MIN_CYCLES}, (recorded, fewest)
    row = _rows(note_md)["TD-MPLAT-004"]
    assert f"完整周期不少于 {MIN_CYCLES} 个" in row and "单个" in row
    assert not re.search(r"完整周期不少于 [12] 个", row)


def test_c6_the_creation_deadline_is_not_called_a_push_and_has_its_own_reason(zh_markdown, note_md) -> None:
    """SC-FEED-006 pushes nothing: its 10 s is the creation time; each MQTT feed case's row gives the 10 s a reason of
    its own (the forwarding of an Observation to subscribers is SC-FEED-005's alone)."""
    case = _case(zh_markdown, "SC-FEED-006")
    assert "推送时限" not in case and "创建时限" in case
    rows = _rows(note_md)
    reasons = {}
    for rid in ("SC-FEED-005", "SC-FEED-006", "SC-FEED-007"):
        basis = rows[rid].split(" | ")[2]
        reasons[rid] = next(s for s in re.split(r"(?<=。)", basis) if "10 s" in s and "本文件自定" in s)
    assert len(set(reasons.values())) == 3, reasons
    assert "转发给订阅者" not in reasons["SC-FEED-006"] and "HTTP" in reasons["SC-FEED-006"]
    assert "观测" not in reasons["SC-FEED-007"].split("：", 1)[1].split("超出")[0], reasons["SC-FEED-007"]


#: a fixed reading rate a case sets: 「至少每 50 ms 调用一次」, 「每秒至少读取 100 次」
_RATE = re.compile(r"至少每 (\d+) ms 调用一次|每秒至少读取 (\d+) 次")


def test_c7_every_fixed_reading_rate_of_a_case_has_its_reason_in_its_row(zh_markdown, note_md) -> None:
    rows = _rows(note_md)
    seen = set()
    for rid in re.findall(r"^### \d+\.\d+ ([A-Z]+-[A-Z]+-\d{3}) ", zh_markdown.replace("‑", "-"), re.M):
        case = _case(zh_markdown, rid)
        for m in _RATE.finditer(case):
            number = m.group(1) or m.group(2)
            seen.add(rid)
            assert rid in rows, (rid, m.group(0))
            assert re.search(rf"(?<!\d){number} (?:ms|次)", rows[rid].split(" | ")[2]), (rid, number)
    assert {"TD-FACE-007", "TD-TACT-005"} <= seen, seen


#: a bound the statement writes as a closed interval or a negative number, 「位于 [0, 1]」, 「不小于 -1」
_INTERVAL_OR_NEGATIVE = re.compile(r"位于 ?(\[-?\d+(?:\.\d+)?, ?\d+(?:\.\d+)?\])|(?:不小于|不大于|不低于|不超过|至少|至多) ?([-−]\d+)(?![\d.]|\s?[A-Za-z%°\u4e00-\u9fff])")


def test_d1_every_interval_and_negative_bound_of_a_statement_has_its_row(catalog, note_md) -> None:
    """TD-OLF-001's and TD-HAPT-001's [0, 1] and -1 decide the verdict as any bound does: every stable requirement
    stating such a bound has a row listing it, quoted from notes that give its source or reason (no gap flagged)."""
    rows = _rows(note_md)
    seen = set()
    for req in catalog.requirements.values():
        if req.status != "stable":
            continue
        for m in _INTERVAL_OR_NEGATIVE.finditer(req.statement.zh):
            bound = (m.group(1) or m.group(2)).replace("-", "−")
            seen.add(req.id)
            assert req.id in rows, (req.id, bound)
            limits, basis = rows[req.id].split(" | ")[1:3]
            assert bound in limits.replace("-", "−"), (req.id, bound, limits)
            assert "起草组补充" not in basis, (req.id, basis)
    assert {"TD-OLF-001", "TD-HAPT-001"} <= seen, seen


def test_d4_the_least_eyepiece_luminance_is_tied_to_a_cited_figure(note_md) -> None:
    """TD-DISP-011's 50 cd/m² is ten times the top of mesopic vision (about 5 cd/m², ANSI/IES RP-16-17), in the clause
    the row quotes, and the source stands in the 参考文献 through the requirement's sources."""
    row = _rows(note_md)["TD-DISP-011"]
    clause = next(c for c in row.split(" | ")[2].split("；") if "50 cd/m²" in c)
    assert "5 cd/m²" in clause and "十倍" in clause and "RP-16-17" in clause, clause
