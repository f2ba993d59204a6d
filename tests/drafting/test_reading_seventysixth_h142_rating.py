"""The seventy-sixth reading of issue 76, part h142-rating.

b1 (= d1): AS-RATING-003's notes, the 编制说明's row for it and its check's comment said noon Beijing time falls on one
calendar date from UTC-11:00 to UTC+12:00, so the zone a platform counts ages in does not matter. Noon at UTC+08:00 is
04:00 UTC, one date only from UTC-04:00 to UTC+14:00 (the range given was noon UTC's), and a platform counting ages in
a zone west of UTC-04:00 failed R2. The reads are now made at 18:30 Beijing time (10:30 UTC), one date from UTC-10:00
to UTC+13:00 (every zone in use in January 2026 but UTC-11:00, UTC+13:45 and UTC+14:00, which span 25 hours), and the
initial conditions bound the case to a platform counting ages in that range. The class: every time-zone range any
requirement's text, test case, check module or the rendered texts state is read; one said to fall on one calendar date
is recomputed from the instant it names, and any other is one of the few that state no such claim.

Doubtful 1: AS-RATING-003's step 3 named no operation, so the 编制说明's table of operations left it out of
``GET /assets/{asset_id}``, the operation its check reads with; the step names it.

Doubtful 2: eight test cases' 不确定 line (IF-SES-001..006, IF-CODE-009, IF-CODE-010) said 「原因中指明该步骤；」 and then
went on with one more case (a message over 256 KiB); the cases come first, the reason's clause last.

Fails on a76c0fb19."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.drafting.test_spec_sixteenth_reading import _cases

ROOT = Path(__file__).resolve().parents[2]
SUITES = ROOT / "suites"

_ZONE = r"`?UTC([+-])(\d{2}):(\d{2})`?"
#: a range of zones: 「UTC-10:00 至 UTC+13:00」, "UTC-10:00 to UTC+13:00"
RANGE = re.compile(_ZONE + r"\s*(?:至|to)\s*" + _ZONE)
#: a range said to fall on one calendar date: after it in Chinese, before it in English
SAME_DATE_ZH = re.compile(r"\s*之间都?落在同一日历日")
SAME_DATE_EN = re.compile(r"(?:the same|one) calendar date\s+(?:only\s+)?(?:at every offset\s+)?from\s*$")
#: the zones a case's initial conditions bound a platform to: 「平台按 UTC-10:00 至 UTC+13:00 之间某一时区……」
BOUND_ZH = re.compile(r"\s*之间某一时区")
BOUND_EN = re.compile(r"of a zone from\s*$")
#: the instants a sentence names, each (hour, minute, offset in hours)
INSTANTS = [
    (re.compile(r"北京时间正午|noon Beijing time"), lambda m: (12, 0, 8)),
    (re.compile(r"北京时间[^，。；（(`A-Z]*?(?<![+\-\d])(\d{1,2}):(\d{2})"), lambda m: (int(m[1]), int(m[2]), 8)),
    (re.compile(r"(\d{1,2}):(\d{2}) Beijing time"), lambda m: (int(m[1]), int(m[2]), 8)),
    (re.compile(r"UTC (\d{1,2}):(\d{2})"), lambda m: (int(m[1]), int(m[2]), 0)),
    (re.compile(r"(\d{1,2}):(\d{2}) UTC\b"), lambda m: (int(m[1]), int(m[2]), 0)),
]
#: ranges stated that claim no calendar date: the span of the zones in use, and the wrong range a version note names
NOT_CLAIMS = {("-11:00", "+14:00"), ("-11:00", "+12:00")}


def _offset(sign: str, hours: str, minutes: str) -> timedelta:
    return (-1 if sign == "-" else 1) * timedelta(hours=int(hours), minutes=int(minutes))


def _instant_before(text: str, end: int) -> tuple[int, int, int] | None:
    """The last instant named in the sentence before ``end``."""
    start = max(text.rfind("。", 0, end), text.rfind(". ", 0, end), text.rfind("\n\n", 0, end)) + 1
    found: list[tuple[int, tuple[int, int, int]]] = []
    for pattern, read in INSTANTS:
        found += [(m.end(), read(m)) for m in pattern.finditer(text, start, end)]
    return max(found)[1] if found else None


def _dates(hour: int, minute: int, offset: int, low: timedelta, high: timedelta) -> set[date]:
    """The calendar dates the instant falls on at every quarter hour's offset from ``low`` to ``high``."""
    at = datetime(2026, 1, 3, hour, minute, tzinfo=timezone(timedelta(hours=offset)))
    steps = int((high - low) / timedelta(minutes=15))
    return {at.astimezone(timezone(low + i * timedelta(minutes=15))).date() for i in range(steps + 1)}


def ranges(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """What is wrong with the text's same-date claims, and the ranges it states that make no such claim."""
    wrong, others = [], []
    flat = re.sub(r"\s*\n\s*(?:#:?\s*)?", " ", text)  # a comment's or a folded line's break
    for m in RANGE.finditer(flat):
        low, high = _offset(*m.group(1, 2, 3)), _offset(*m.group(4, 5, 6))
        bounds = (f"{m[1]}{m[2]}:{m[3]}", f"{m[4]}{m[5]}:{m[6]}")
        if BOUND_ZH.match(flat, m.end()) or BOUND_EN.search(flat, 0, m.start()):
            continue  # the zones an initial condition bounds a case to (its instants are read against it below)
        if not (SAME_DATE_ZH.match(flat, m.end()) or SAME_DATE_EN.search(flat, 0, m.start())):
            others.append(bounds)
            continue
        instant = _instant_before(flat, m.start())
        if instant is None:
            wrong.append(f"{flat[max(0, m.start() - 80):m.end() + 20]!r}: no instant named")
        elif len(dates := _dates(*instant, low, high)) != 1:
            wrong.append(f"{flat[max(0, m.start() - 80):m.end() + 20]!r}: {instant} falls on {sorted(dates)}")
    return wrong, others


def _sources() -> dict[str, str]:
    files = sorted(SUITES.glob("*/requirements.yaml")) + sorted(SUITES.glob("*/procedures.yaml")) + sorted(
        SUITES.glob("*/test_*.py")) + sorted((ROOT / "src/conformance/areas").rglob("*.py")) + [
        SUITES / "explanatory.yaml"]
    return {str(f.relative_to(ROOT)): f.read_text(encoding="utf-8") for f in files}


def test_b1_the_old_claim_is_found_wrong():
    """The class test's reading of the old text: noon Beijing time is not one date from UTC-11:00 to UTC+12:00."""
    wrong, _ = ranges("北京时间正午在 UTC-11:00 至 UTC+12:00 之间都落在同一日历日")
    assert wrong
    wrong, _ = ranges("noon Beijing time falls on the same calendar date from UTC-11:00 to UTC+12:00")
    assert wrong
    assert not ranges("北京时间正午在 UTC-04:00 至 UTC+14:00 之间都落在同一日历日")[0]


def test_b1_every_same_date_range_in_the_sources_holds():
    claims, wrong, others = 0, [], set()
    for name, text in _sources().items():
        bad, other = ranges(text)
        claims += len(RANGE.findall(text)) - len(other)
        wrong += [f"{name}: {w}" for w in bad]
        others |= set(other)
    assert not wrong, wrong
    assert others <= NOT_CLAIMS, others
    assert claims >= 5, claims  # the notes (en, zh, and their version notes) and the check's comment


def test_b1_every_same_date_range_in_the_rendered_texts_holds(zh_markdown, note_md):
    for text in (zh_markdown, note_md):
        wrong, others = ranges(text)
        assert not wrong, wrong
        assert set(others) <= NOT_CLAIMS, others
    assert "均取北京时间 18:30，该时刻在 `UTC-10:00` 至 `UTC+13:00` 之间都落在同一日历日" in note_md


@pytest.fixture(scope="module")
def cases(zh_markdown: str) -> dict[str, str]:
    return {k.replace("‑", "-"): v for k, v in _cases(zh_markdown).items()}


def _row(case: str, head: str) -> str:
    found = re.search(rf"\| {head} \| (.*?) \|\n", case)
    assert found, head
    return found[1]


def test_b1_the_check_reads_at_the_instant_the_steps_and_the_conditions_give(cases):
    """The check's reading time on each day read is the one step 2 states, and falls on that day at both ends of
    the range the initial conditions bound the case to, and on another day one hour beyond either end."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_h142_test_minors", SUITES / "assets/test_minors.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    case = cases["AS-RATING-003"]
    steps, conditions = _row(case, "测试步骤"), _row(case, "前置条件")
    at = module.READ_AT
    assert f"北京时间 2026 年 1 月 2 日 {at:%H:%M}" in steps and f"1 月 3 日 {at:%H:%M}" in steps, steps
    bound = RANGE.search(conditions)
    assert bound and "计算年龄" in conditions, conditions
    low, high = _offset(*bound.group(1, 2, 3)), _offset(*bound.group(4, 5, 6))
    for day in (2, 3):
        instant = datetime(2026, 1, day, at.hour, at.minute, tzinfo=module.NOON_ZONE)
        assert _dates(at.hour, at.minute, 8, low, high) == {date(2026, 1, 3)}
        for zone in (low, high, timedelta(hours=8), timedelta(0)):
            assert instant.astimezone(timezone(zone)).date() == date(2026, 1, day)
        for zone in (low - timedelta(hours=1), high + timedelta(hours=1)):
            assert instant.astimezone(timezone(zone)).date() != date(2026, 1, day)


def test_doubtful_1_step_3_names_the_operation_the_check_reads_with(cases, note_md):
    assert "以 `GET` 请求 `/assets/{asset_id}` 读取相应探测内容的元数据" in _row(cases["AS-RATING-003"], "测试步骤")
    row = next(line for line in note_md.splitlines() if line.startswith("| `GET /assets/{asset_id}` |"))
    assert "AS‑RATING‑003" in row, row


def test_doubtful_2_no_inconclusive_line_goes_on_after_the_reason_names_the_step(zh_markdown, en_markdown):
    """Before: eight cases said 「原因中指明该步骤；或平台发送的一条消息超过 256 KiB……」."""
    assert not re.findall(r"原因中指明该步骤；(?:测量无效时[^；]*；)?或", zh_markdown)
    assert not re.findall(r"(?:the reason names the step|the reason and the step are recorded); (?:where[^;]*; )?or ",
                          en_markdown, re.IGNORECASE)
    said = re.findall(r"其后的运行未予判定。原因中指明该步骤", zh_markdown)
    assert len(said) == 8, len(said)
