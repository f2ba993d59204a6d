"""The probes of AS-MINOR-003 and AS-RATING-003: the instants and the test identities' birth
dates, from the play windows the standard fixes (profile parameter ``play_windows``: the NPPA's
2021 notice, 国新出发〔2021〕14号, item 1), never from what a platform declares.

Every probe lies in one week, Thursday 1 January 2026 (New Year's Day, a statutory holiday
with a fixed date that falls on no Friday, Saturday or Sunday) to Wednesday 7 January, so that
each band's age holds the whole week and the holiday is a day of its own. The ages are the
catalog's: one identity inside each minor's band (7, 10, 14, and 17 with an 18th birthday the
day after the week), an adult, and one who turns 18 in the week (docs/assets.md,
"Anti-addiction").

Two days of February 2026 stand beside the week: a statutory holiday with a lunar date, dated
by the year's arrangement the State Council publishes (the parameter's holidays written
YYYY-MM-DD), and a Saturday that arrangement makes a working day, still a Saturday of the
notice's item 1. A band whose identity is 18 by then is not probed on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TypedDict

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEK = [date(2026, 1, 1) + timedelta(days=i) for i in range(7)]  # Thursday 1 January to Wednesday 7 January

#: Minors' birth dates, one per band: ages 7, 10, 14 and 17 all week (the last turns 18 on 8 January).
MINORS = {"under-8": date(2018, 6, 1), "8-11": date(2015, 6, 1), "12-15": date(2011, 6, 1),
          "16-17": date(2008, 1, 8)}
ADULT = date(1990, 5, 1)
#: Turns 18 on Monday 5 January 2026: an adult from that day.
COMING_OF_AGE = date(2008, 1, 5)
#: The Saturdays the State Council's arrangement of 2026's holidays (国办发明电〔2025〕7号, item 2)
#: makes working days: 14 February. The NPPA's 2021 notice serves minors on every Saturday and
#: excepts none, so a minor is served in its window (AS-MINOR-003 R2).
WORKING_SATURDAYS = (date(2026, 2, 14),)
#: Why a probe is inside a window on a day the State Council's arrangement dates (AS-MINOR-003 R6, not R2)
LUNAR_HOLIDAY, WORKING_SATURDAY = "holiday of a lunar date", "Saturday made a working day"


def years(born: date, on: date) -> int:
    """Full years of age on ``on`` (a birthday counts from its own day; 29 February from 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True)
class Probe:
    at: datetime
    why: str  # what makes the instant inside or outside: "holiday", "window start", ...


@dataclass(frozen=True)
class Probes:
    inside: list[Probe]  # a minor is served
    outside: list[Probe]  # a minor is refused
    adult: list[Probe]  # outside the windows: an adult is served
    latest_end: dict[datetime, datetime]  # an inside probe -> the end of its window


def _zone(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


class PlayWindows(TypedDict):
    """The profile's ``play_windows`` parameter (its declaration fixes these members and types)."""

    utc_offset: str
    days: list[str]
    holidays: list[str]
    start: str
    end: str


def probes(windows: PlayWindows) -> Probes:
    """The probe instants of ``play_windows`` ({utc_offset, days, holidays (MM-DD, every year, or
    YYYY-MM-DD, a lunar date of one year), start, end})."""
    zone = _zone(windows["utc_offset"])
    start, end = time.fromisoformat(windows["start"]), time.fromisoformat(windows["end"])
    holidays = [d for d in WEEK if d.strftime("%m-%d") in windows["holidays"]
                and DAYS[d.weekday()] not in windows["days"]]
    served = [d for d in WEEK if DAYS[d.weekday()] in windows["days"]]
    unserved = [d for d in WEEK if d not in served and d not in holidays]
    minute = timedelta(minutes=1)

    def at(day: date, clock: time, shift: timedelta = timedelta()) -> datetime:
        return datetime.combine(day, clock, zone) + shift

    middle = (datetime.combine(WEEK[0], end) - datetime.combine(WEEK[0], start)) / 2
    inside = [Probe(at(d, start, middle), "holiday") for d in holidays[:1]]
    dated = sorted(date.fromisoformat(h) for h in windows["holidays"] if len(h) == len("YYYY-MM-DD"))
    inside += [Probe(at(d, start, middle), LUNAR_HOLIDAY) for d in dated
               if DAYS[d.weekday()] not in windows["days"]][:1]
    inside += [Probe(at(d, start, middle), WORKING_SATURDAY) for d in WORKING_SATURDAYS]
    if served:
        inside += [Probe(at(served[0], start), "window start"), Probe(at(served[-1], end, -minute), "window end")]
    outside = [Probe(at(d, start, middle), "weekday") for d in unserved[:2]]
    if served:
        outside += [Probe(at(served[0], start, -minute), "before the window"),
                    Probe(at(served[1 % len(served)], end), "window closed")]
    adult = [Probe(at(d, time(10, 0)), "morning") for d in unserved[:1]]
    adult += [Probe(at(d, start, middle), "weekday") for d in unserved[:1]]
    return Probes(inside, outside, adult, {p.at: at(p.at.date(), end) for p in inside})
