"""The reference's play-time limits for minors, modelled on the NPPA's 2021 notice on
preventing minors' addiction to online games (国新出发〔2021〕14号): minors are served only
on Fridays, Saturdays, Sundays and public holidays, from 20:00 to 21:00 Beijing time, one
hour a day (docs/assets.md, "Play-time limits").

``POST /play-sessions`` as an identity starts a session: 201 ``{"session_id", "started_at",
"ends_at"}`` (``ends_at`` null when nothing limits it), or 403 (``playtime-restricted``) for
a minor outside the declared windows. ``POST /play-sessions/{id}/heartbeat`` keeps it going:
200 ``{"remaining_s"}`` until ``ends_at``, then 403 (``playtime-over``). Both take ``{"at":
"<RFC 3339>"}``: in a test environment the platform's clock for that request (:data:`TERMS`
``request_time``), so that a test can stand inside and outside the windows without waiting;
without it, the identity's test clock (``POST /test/clock``, realname.py) or the app's clock.
A minor is an identity whose verified birth date makes it under 18 on that clock, else one
that declared a minor's age band.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .ledger import Refused

DEFECTS: dict[str, str] = {
    "playtime-window-ignored": "a minor's play session is started outside the declared windows",
    "playtime-ends-late": "a minor's session is given an end an hour after the window closes",
    "playtime-heartbeat-after-end": "a minor's session keeps going after its end",
    "playtime-adults-restricted": "the play-time windows are applied to identities that declare no minor's band",
    "playtime-holiday-refused": "minors are refused on statutory holidays that fall on no Friday, Saturday or Sunday",
    "playtime-unverified-served": "a user without real-name verification is served play sessions as an adult",
    "playtime-lunar-holiday-refused": "minors are refused on the statutory holidays of a lunar date (only the "
                                      "fixed-date ones are counted)",
    "playtime-working-saturday-refused": "minors are refused on a Saturday the State Council made a working day",
    "playtime-terms-malformed": "the declared play-time terms give the daily limit as words, not seconds",
}
#: The statutory holidays with a fixed calendar date (《全国年节及纪念日放假办法》 art. 2: New Year's
#: Day, Labour Day, National Day), MM-DD.
FIXED_HOLIDAYS = ("01-01", "05-01", "05-02", "10-01", "10-02", "10-03")
#: Those of a lunar date, which the reference does not compute: the year's arrangement the State
#: Council publishes dates them (2026: 国办发明电〔2025〕7号; the Spring Festival's 除夕 and 正月初一
#: to 初三, art. 2, are 16 to 19 February). Other years and the other lunar holidays are not kept.
DATED_HOLIDAYS = ("2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19")
#: The Saturdays that arrangement makes working days: still Saturdays of the NPPA's notice.
WORKING_SATURDAYS = ("2026-02-14", "2026-02-28")
BEIJING = timezone(timedelta(hours=8))
#: annex D's fixed path of `startPlaySession` (the terms name no path of their own)
PLAY_SESSIONS = "/play-sessions"
TERMS: dict[str, Any] = {
    "basis": "NPPA 2021 notice on preventing minors' addiction to online games (国新出发〔2021〕14号)",
    "utc_offset": "+08:00",
    "days": ["fri", "sat", "sun"],
    "holidays": [],  # dates (YYYY-MM-DD) of the public holidays the platform serves minors on as well
    "windows": [{"start": "20:00", "end": "21:00"}],
    "daily_limit_s": 3600,
    "request_time": True,  # the session calls take {"at": <RFC 3339>} as the platform's clock
}
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def terms(defects: frozenset[str] | set[str]) -> dict[str, Any]:
    """The play-time terms the discovery document declares (:data:`TERMS`, or the planted
    ``playtime-terms-malformed`` declaration the playtime-terms schema refuses)."""
    if "playtime-terms-malformed" in defects:
        return {**TERMS, "daily_limit_s": "one hour"}
    return TERMS


@dataclass
class Session:
    session_id: str
    did: str
    started_at: datetime
    ends_at: datetime | None


def window_end(at: datetime, defects: frozenset[str] = frozenset()) -> datetime | None:
    """The end of the declared window ``at`` lies in (Beijing time), None outside every window."""
    local = at.astimezone(BEIJING)
    day = local.date().isoformat()
    holiday = day in TERMS["holidays"] or (
        local.strftime("%m-%d") in FIXED_HOLIDAYS and "playtime-holiday-refused" not in defects) or (
        day in DATED_HOLIDAYS and "playtime-lunar-holiday-refused" not in defects)
    if _DAYS[local.weekday()] not in TERMS["days"] and not holiday:
        return None
    if day in WORKING_SATURDAYS and "playtime-working-saturday-refused" in defects:
        return None
    for window in TERMS["windows"]:
        start, end = (datetime.combine(local.date(), time.fromisoformat(window[k]), BEIJING) for k in ("start", "end"))
        if start <= local < end:
            return end
    return None


def routes(band_of: Callable[[Request], tuple[str, int | None]], now: Callable[[str], datetime],
           body: Callable[[Request], Awaitable[Any]], refused: Callable[[Refused], Response],
           defects: frozenset[str], unverified: Callable[[str], bool] = lambda did: False) -> list[Route]:
    """``unverified(did)``: whether the identity registered without real-name verification (it is
    refused every session, the NPPA's 2021 notice, item 2); ``band_of(request)``: the caller's DID and its age (raises Refused 401 without a valid
    token); ``now(did)``: the platform's clock for that identity (its test clock, realname.py);
    ``body`` and ``refused`` are the registry's."""
    sessions: dict[str, Session] = {}

    async def clock(request: Request, did: str) -> datetime:
        data = await body(request) if await request.body() else {}
        at = data.get("at") if isinstance(data, dict) else None
        if at is None:
            return now(did).astimezone(BEIJING)
        try:
            parsed = datetime.fromisoformat(str(at))
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise Refused(400, "bad-request", '"at" must be an RFC 3339 date-time with its offset')
        return parsed

    def limited(age: int | None) -> bool:
        return (age is not None and age < 18) or "playtime-adults-restricted" in defects

    async def start(request: Request) -> Response:
        try:
            did, age = band_of(request)
            at = await clock(request, did)
            if unverified(did) and "playtime-unverified-served" not in defects:
                raise Refused(403, "real-name-required", "no game service without real-name verification")
            ends = window_end(at, defects) if limited(age) else None
            if limited(age):
                if ends is None and "playtime-window-ignored" not in defects:
                    raise Refused(403, "playtime-restricted", "minors are served only within the declared windows")
                ends = min(ends or at + timedelta(hours=1), at + timedelta(seconds=TERMS["daily_limit_s"]))
                if "playtime-ends-late" in defects:
                    ends += timedelta(hours=1)
        except Refused as exc:
            return refused(exc)
        session = Session(f"play-{len(sessions) + 1:06d}", did, at, ends)
        sessions[session.session_id] = session
        return JSONResponse({"session_id": session.session_id, "started_at": at.isoformat(),
                             "ends_at": ends.isoformat() if ends else None}, status_code=201)

    async def heartbeat(request: Request) -> Response:
        try:
            did, _ = band_of(request)
            session = sessions.get(request.path_params["session_id"])
            if session is None or session.did != did:
                raise Refused(404, "session-not-found", "no such play session of this identity")
            at = await clock(request, did)
            if session.ends_at and at >= session.ends_at and "playtime-heartbeat-after-end" not in defects:
                raise Refused(403, "playtime-over", "the session's play time is over")
        except Refused as exc:
            return refused(exc)
        remaining = int((session.ends_at - at).total_seconds()) if session.ends_at else None
        return JSONResponse({"session_id": session.session_id, "remaining_s": remaining})

    return [Route(PLAY_SESSIONS, start, methods=["POST"]),
            Route(PLAY_SESSIONS + "/{session_id}/heartbeat", heartbeat, methods=["POST"])]
