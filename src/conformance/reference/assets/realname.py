"""The reference's real-name records and test clocks: what its age rules read (docs/assets.md,
"Anti-addiction").

A test identity asked for with ``{"birth_date": "YYYY-MM-DD"}`` at ``POST /test-identities``
stands for a user whose real-name verification (in production the NPPA's anti-addiction
real-name verification system) gave that birth date; ``{"age_band": ...}`` is what the user
declares about itself; ``{"real_name_verified": false}`` stands for a user who registered
without real-name verification (a guest), to whom no game service is given (the notice's
item 2). An identity asked for without it is a verified user whose birth date the test left
unstated: an adult. The verified birth date governs: the user's age is counted on the
platform's clock for that identity, which ``POST /test/clock`` (test environments only) sets
for the bearer token's identity alone, so that a test stands on a Friday evening or on New
Year's Day without waiting and without moving any other identity's time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta, timezone
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import clock as reference_clock
from .ledger import Refused

DEFECTS: dict[str, str] = {
    "minor-self-declared-age-trusted": "the age band a user declares wins over the birth date its real-name "
                                       "verification gave",
}
BEIJING = timezone(timedelta(hours=8))
CLOCK_PATH = "/test/clock"
#: Age bands an identity may declare (the CADPA reminder's ages: 8, 12, 16; adult from 18).
AGE_BANDS = {"under-8": 0, "8-11": 8, "12-15": 12, "16-17": 16, "adult": 18}


def years(born: date, on: date) -> int:
    """Full years of age on ``on`` (a birthday counts from its own day)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class RealNames:
    """DID -> verified birth date, and DID -> the instant its test clock stands at."""

    def __init__(self, defects: frozenset[str]) -> None:
        self.defects = defects
        self.births: dict[str, date] = {}
        self.clocks: dict[str, datetime] = {}
        self.unverified: set[str] = set()  # DIDs of users who registered without real-name verification

    def now(self, did: str) -> datetime:
        """The platform's clock for ``did``: its test clock when one is set, else the app's."""
        return self.clocks.get(did) or reference_clock.now()

    def age(self, did: str, bands: dict[str, str], *, verified: bool = True) -> int | None:
        """The identity's age: from its verified birth date on its clock (Beijing date), else the
        lowest age of the band it declared, None when neither is known. ``verified=False`` reads
        the declared band only."""
        band, born = bands.get(did), self.births.get(did) if verified else None
        if band is not None and (born is None or "minor-self-declared-age-trusted" in self.defects):
            return AGE_BANDS[band]
        if born is None:
            return None
        return years(born, self.now(did).astimezone(BEIJING).date())


def birth_date(asked: Any) -> date | None:
    """The ``birth_date`` of a provisioning request (None when absent); Refused 400 when it is no
    past calendar date."""
    value = asked.get("birth_date") if isinstance(asked, dict) else None
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise Refused(400, "bad-request", "birth_date must be a calendar date YYYY-MM-DD") from None


def verified(asked: Any) -> bool:
    """False when a provisioning request asks for a user without real-name verification
    (``{"real_name_verified": false}``); Refused 400 when the member is no boolean."""
    value = asked.get("real_name_verified", True) if isinstance(asked, dict) else True
    if not isinstance(value, bool):
        raise Refused(400, "bad-request", "real_name_verified must be true or false")
    return value


def routes(people: RealNames, authenticated: Callable[[Request], str], body: Callable[[Request], Awaitable[Any]],
           refused: Callable[[Refused], Response]) -> list[Route]:
    async def set_clock(request: Request) -> Response:
        try:
            did = authenticated(request)
            data = await body(request)
            at = data.get("at") if isinstance(data, dict) else None
            try:
                parsed = datetime.fromisoformat(str(at)) if isinstance(at, str) else None
            except ValueError:
                parsed = None
            if parsed is None or parsed.tzinfo is None:
                raise Refused(400, "bad-request", 'the body must be {"at": <an RFC 3339 date-time with its offset>}')
        except Refused as exc:
            return refused(exc)
        people.clocks[did] = parsed
        return JSONResponse({"identity": did, "at": parsed.isoformat()})

    return [Route(CLOCK_PATH, set_clock, methods=["POST"])]
