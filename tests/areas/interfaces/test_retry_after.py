"""IF-RATE-001's Retry-After: delay-seconds or an HTTP-date of RFC 9110 5.6.7, nothing a general
e-mail date parser takes besides (issue 59, the statement audit)."""

from __future__ import annotations

import pytest

from conformance.areas.interfaces.retry_after import is_http_date, is_retry_after


@pytest.mark.parametrize("value", [
    "0", "120", " 120 ",
    "Sun, 06 Nov 1994 08:49:37 GMT",  # IMF-fixdate
    "Sunday, 06-Nov-94 08:49:37 GMT",  # rfc850-date (obsolete; a recipient accepts it)
    "Sun Nov  6 08:49:37 1994",  # asctime-date (obsolete)
    "Thu, 30 Jun 2016 23:59:60 GMT",  # a leap second
])
def test_delay_seconds_and_the_three_forms_of_http_date(value):
    assert is_retry_after(value)


@pytest.mark.parametrize("value", [
    "", "-1", "1.5", "1e3", "\u00b2", "\u0661\u0662",  # not 1*DIGIT (str.isdigit took the last two)
    "Wed, 25 Nov 2026 20:00:00 +0800",  # a numeric zone: email.utils reads it, HTTP-date is GMT only
    "25 Nov 2026 20:00:00 GMT",  # no day name
    "Wed, 25 Nov 2026 20:00 GMT",  # no seconds
    "wed, 25 nov 2026 20:00:00 GMT",  # names are case-sensitive
    "Wed, 31 Feb 2026 20:00:00 GMT", "Wed, 25 Nov 2026 24:00:00 GMT",  # no such instant
    "Wed, 25 Nov 2026 20:00:00 UTC", "Sun Nov 6 08:49:37 1994",  # asctime pads the day with a space
])
def test_anything_else_is_no_retry_after(value):
    assert not is_retry_after(value)


def test_the_reference_defect_sends_a_date_a_lenient_parser_takes():
    from email.utils import parsedate_to_datetime

    from conformance.reference.faults import ZONED_DATE

    assert parsedate_to_datetime(ZONED_DATE) is not None and not is_http_date(ZONED_DATE)
