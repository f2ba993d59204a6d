"""Retry-After (RFC 9110 10.2.3): delay-seconds (1*DIGIT) or an HTTP-date (RFC 9110 5.6.7).

An HTTP-date is one of three fixed forms, always in GMT: the preferred IMF-fixdate
(``Sun, 06 Nov 1994 08:49:37 GMT``) and the obsolete rfc850-date
(``Sunday, 06-Nov-94 08:49:37 GMT``) and asctime-date (``Sun Nov  6 08:49:37 1994``), which a
recipient must also accept. A general e-mail date parser takes more (numeric zones, no day
name, one-digit days), so the grammar is held here.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_DAY_LONG = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH = f"(?P<month>{'|'.join(_MONTHS)})"
_TIME = "(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
_FORMS = (
    re.compile(rf"{_DAY}, (?P<day>[0-9]{{2}}) {_MONTH} (?P<year>[0-9]{{4}}) {_TIME} GMT"),  # IMF-fixdate
    re.compile(rf"{_DAY_LONG}, (?P<day>[0-9]{{2}})-{_MONTH}-(?P<year>[0-9]{{2}}) {_TIME} GMT"),  # rfc850-date
    re.compile(rf"{_DAY} {_MONTH} (?P<day>[0-9]{{2}}| [0-9]) {_TIME} (?P<year>[0-9]{{4}})"),  # asctime-date
)
_DELAY_SECONDS = re.compile(r"[0-9]+")


def is_http_date(value: str) -> bool:
    """Whether ``value`` is an HTTP-date of one of the three forms, naming a real instant."""
    for form in _FORMS:
        match = form.fullmatch(value)
        if match is None:
            continue
        year = int(match["year"])
        if len(match["year"]) == 2:  # rfc850-date: a year more than 50 years ahead is the last past one
            now = datetime.now(UTC).year  # HTTP-dates are GMT: not the laboratory's time zone
            year += now - now % 100
            year -= 100 if year > now + 50 else 0
        try:
            datetime(year, _MONTHS.index(match["month"]) + 1, int(match["day"]), int(match["hour"]),
                     int(match["minute"]), min(int(match["second"]), 59))  # 60: a leap second
        except ValueError:
            return False
        return int(match["second"]) <= 60
    return False


def is_retry_after(value: str) -> bool:
    """Whether a Retry-After field value (its surrounding whitespace aside) is delay-seconds or an
    HTTP-date."""
    value = value.strip(" \t")
    return bool(_DELAY_SECONDS.fullmatch(value)) or is_http_date(value)
