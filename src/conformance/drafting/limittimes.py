"""The times the 编制说明's limits table reads as limits (moved out of :mod:`.limitbasis`, which the house holds under
450 lines): a statement's windows and times of day, the instants a step sets the test clock to and a rule's period
counted from a turn, 「第一个小时内」 (fifty-ninth reading, part h117-note, b5: AS-MINOR-004's 2026-01-31 23:30 and
2026-02-01 00:30, which decide its rules R3 and R5, and its R5's first hour stood in no row, nor their reason)."""

from __future__ import annotations

import re

#: a time of day a statement limits (leftovers of the eighteenth reading, part d: AS-MINOR-003's window, 「20 时至 21 时」,
#: 「20:00 以前」, stood in no row): a window with its two ends, or a time alone in the form HH:MM (never an offset,
#: 「UTC+08:00」, nor 「N 时」 alone, which is also 「当……时」)
_HOUR = r"(?:[01]?\d|2[0-4])(?::[0-5]\d| ?时)"
WINDOW = re.compile(rf"(?<![\w.+:\-])({_HOUR}) ?至 ?({_HOUR})(?![\d:])")
CLOCK = re.compile(r"(?<![\w.+:\-])((?:[01]?\d|2[0-4]):[0-5]\d)(?![\d:])")
#: an instant as a step writes it, 「2026 年 1 月 31 日 23:30」, 「2 月 1 日 00:30」 (its year that of the step's first)
_INSTANT = re.compile(r"(?:(\d{4}) ?年 ?)?(\d{1,2}) ?月 ?(\d{1,2}) ?日(?:（[^）]*）)? ?((?:[01]\d|2[0-3]):[0-5]\d)(?![\d:])")
#: an instant as a step writes it in RFC 3339, `2026-01-01T20:30:00+08:00` (sixtieth reading: AS-MINOR-003's probe
#: instants, each with the offset of the time it is read in)
_RFC3339 = re.compile(r"(?<![\w\-])(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)(?::\d\d(?:\.\d+)?)?"
                      r"(?:Z|[+\-]\d\d:\d\d)(?![\d:])")
#: a step setting a test clock (3.19)
_SETS_CLOCK = re.compile(r"测试时钟[^。；]{0,30}设(?:置)?为")
#: an instant as the deciding text holds it, 2026-01-31T23:30 (no count, unit or time of day is read in it)
ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)")
#: an instant as the table lists it
INSTANT = re.compile(r"(\d{4}) 年 (\d{1,2}) 月 (\d{1,2}) 日 (\d\d:\d\d)")
#: a rule's period counted from a turn, 「于下一自然月的第一个小时内」
FIRST = re.compile(r"第一个(小时|分钟)(?=内)")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def clock_instants(step: str) -> list[str]:
    """The instants a step sets a test clock to, each as ISO 8601 (a date without a year takes the step's year),
    written 「2026 年 1 月 31 日 23:30」 or in RFC 3339 (its offset the step's own: read as the step writes it)."""
    if not _SETS_CLOCK.search(step):
        return []
    out, year = [], ""
    for m in _INSTANT.finditer(step):
        year = m.group(1) or year
        if year:
            out.append(f"{year}-{int(m.group(2)):02d}-{int(m.group(3)):02d}T{m.group(4)}")
    out += [f"{m.group(1)}-{m.group(2)}-{m.group(3)}T{m.group(4)}" for m in _RFC3339.finditer(step)]
    return list(dict.fromkeys(out))


def _clock(text: str) -> str:
    """「20 时」 or 「20:00」 as 「20:00」."""
    hour, _, minute = re.sub(r" ?时$", "", text).partition(":")
    return f"{int(hour):02d}:{minute or '00'}"


def times(text: str) -> list[str]:
    """The windows of a statement, 「20:00 至 21:00」, then each time of day standing in none of them, each instant a step
    sets the test clock to, 「2026 年 1 月 31 日 23:30」, and each period counted from a turn, 「第一个小时」."""
    windows = [(_clock(m.group(1)), _clock(m.group(2))) for m in WINDOW.finditer(text)]
    ends = {end for window in windows for end in window}
    alone = [t for t in dict.fromkeys(_clock(m.group(1)) for m in CLOCK.finditer(text)) if t not in ends]
    instants = [f"{m.group(1)} 年 {int(m.group(2))} 月 {int(m.group(3))} 日 {m.group(4)}" for m in ISO.finditer(text)]
    first = [m.group(0) for m in FIRST.finditer(text)]
    return [f"{a} 至 {b}" for a, b in dict.fromkeys(windows)] + alone + list(dict.fromkeys(instants + first))


def names_time(sentence: str, number: str) -> bool | None:
    """Whether a notes sentence gives a time the table lists: a time of day as the notes write it (「20 时」, 「20:00」),
    an instant by its day and time (the year may stand elsewhere), a period by its words; None for any other limit."""
    if CLOCK.fullmatch(number):
        hour, minute = number.split(":")
        whole = "| ?时" if minute == "00" else ""
        return bool(re.search(rf"(?<![\d:+])0?{int(hour)}(?::{minute}{whole})(?![\d:])", sentence))
    if instant := INSTANT.fullmatch(number):
        _, month, day, time = instant.groups()
        return bool(re.search(rf"(?<!\d){month} ?月 ?{day} ?日[^。；]{{0,12}}?(?<![\d:]){time}(?![\d:])", sentence))
    if FIRST.match(number + "内"):
        return number in sentence
    return None


def times_en(limit: str) -> str | None:
    """A time the table lists, in English: "20:00 to 21:00", "31 January 2026 23:30", "the first hour"; None for any
    other limit."""
    if CLOCK.match(limit):
        return limit.replace(" 至 ", " to ")
    if instant := INSTANT.fullmatch(limit):
        year, month, day, time = instant.groups()
        return f"{int(day)} {_MONTHS[int(month) - 1]} {year} {time}"
    if first := FIRST.match(limit + "内"):
        return f"the first {'hour' if first.group(1) == '小时' else 'minute'}"
    return None
