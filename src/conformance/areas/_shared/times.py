"""Times as RFC 3339 (5.6) writes them, the form every time member of the contracts takes."""

from __future__ import annotations

from datetime import datetime

from rfc3339_validator import validate_rfc3339


def rfc3339_instant(text: object) -> datetime | None:
    """An RFC 3339 date-time with its offset, else None. The RFC 3339 form is checked first:
    ``datetime.fromisoformat`` also reads ISO 8601 forms RFC 3339 excludes (basic format, week
    dates, hours alone, an offset without its colon); RFC 3339 5.6 allows a lower-case t and z."""
    if not isinstance(text, str) or not validate_rfc3339(text.upper()):
        return None
    try:
        moment = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
