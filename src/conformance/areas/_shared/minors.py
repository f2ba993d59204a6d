"""Identities of minors, known by their age band only (AS-MINOR-001, AS-RATING-002) or by the birth
date their real-name verification gave, on the platform's test clock (AS-MINOR-003, AS-RATING-003)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, NotRequired, TypedDict

from conformance import NonConformance, discarding, msg

from .dependent import served_body
from .registry import Identity
from .requestbodies import clock_request, provision_request

if TYPE_CHECKING:
    from conformance import HttpTarget

MINOR_BAND = "12-15"
#: Where a play session starts: annex D's `startPlaySession`, at its fixed path (the play-time terms name no path).
PLAY_SESSIONS = "/play-sessions"
#: The lowest age of each band an identity may claim (the CADPA reminder's ages 8, 12, 16; adult from 18).
BAND_AGES = {"under-8": 0, "8-11": 8, "12-15": 12, "16-17": 16, "adult": 18}


def minor_identity(api: HttpTarget, path: str, band: str = MINOR_BAND) -> tuple[Identity, list[str]]:
    """A test identity provisioned with an age band, and the members its answer has."""
    with discarding():  # the answer holds a token: not evidence
        response = api.post(path, json=provision_request(band), auth=None)
    body, state = served_body(response, ok=(200, 201))  # a set-up: the state names a body that does not parse
    if not isinstance(body, dict) or not isinstance(body.get("did"), str) or not isinstance(body.get("token"), str):
        raise NonConformance(msg("shared.minor-not-provisioned", path=path, status=state))
    return Identity("M", body["did"], body["token"]), sorted(k for k in body if k != "token")


def verified_identity(api: HttpTarget, path: str, birth_date: date, band: str | None = None) -> Identity:
    """A test identity whose real-name verification gave ``birth_date`` (and, with ``band``, that
    declares that age band about itself); NonConformance when none is provisioned."""
    with discarding():  # the answer holds a token: not evidence
        response = api.post(path, json=provision_request(band, birth_date.isoformat()), auth=None)
    body, state = served_body(response, ok=(200, 201))  # a set-up: the state names a body that does not parse
    if not isinstance(body, dict) or not isinstance(body.get("did"), str) or not isinstance(body.get("token"), str):
        raise NonConformance(msg("shared.verified-not-provisioned", path=path, born=birth_date.isoformat(),
                                 status=state))
    return Identity(f"born {birth_date.isoformat()}", body["did"], body["token"])


def unverified_identity(api: HttpTarget, path: str, band: str | None = None) -> Identity | None:
    """A test identity of a user who registered without real-name verification (declaring
    ``band`` about itself, when given); None when the platform refuses to register it (a 4xx),
    NonConformance when it answers otherwise without one."""
    with discarding():  # the answer holds a token: not evidence
        response = api.post(path, json=provision_request(band, verified=False), auth=None)
    if 400 <= response.status < 500:
        return None
    body, state = served_body(response, ok=(200, 201))  # a set-up: the state names a body that does not parse
    if not isinstance(body, dict) or not isinstance(body.get("did"), str) or not isinstance(body.get("token"), str):
        raise NonConformance(msg("shared.unverified-not-provisioned", path=path, status=state))
    return Identity(f"unverified{', declaring ' + band if band else ''}", body["did"], body["token"])


def set_clock(api: HttpTarget, path: str, who: Identity, at: datetime) -> None:
    """Stands the platform's test clock for ``who`` at ``at``; NonConformance when it does not."""
    response = api.request("POST", path, headers={"Authorization": f"Bearer {who.token}"},
                           json=clock_request(at.isoformat()), auth=None)
    if response.status != 200:
        raise NonConformance(msg("shared.clock-not-set", path=path, at=at.isoformat(), status=response.status))


# -- play-time limits (AS-MINOR-002) -------------------------------------------------

PLAYTIME_SCHEMA = "https://metaverse-conformance.org/schemas/assets/playtime-terms.json"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONDAY = date(2026, 11, 16)  # any week: the probe times are placed in it


@dataclass(frozen=True)
class PlayProbes:
    """Instants the harness asks for sessions at, from the declared windows."""

    inside: datetime  # into the first window of the first declared day (ten minutes, or a third of a shorter window)
    window_end: datetime  # the end of that window (the next day's clock for a window past midnight)
    other_hour: datetime | None  # the same day, outside every window
    other_day: datetime | None  # a day minors are not served on, at the same time as ``inside``
    #: whether the terms let a minor play at all (a served day and a daily limit above 0): without,
    #: there is no session to start inside a window
    playable: bool = True


class PlaytimeWindow(TypedDict):
    start: str
    end: str


class PlaytimeTerms(TypedDict):
    """Declared play-time terms that schemas/assets/playtime-terms.json found valid: the members
    :func:`play_probes` reads."""

    utc_offset: str
    days: list[str]
    windows: list[PlaytimeWindow]
    daily_limit_s: int
    holidays: NotRequired[list[str]]


def _clock(value: str) -> time:
    return time.fromisoformat(value)


def play_probes(terms: PlaytimeTerms) -> PlayProbes:
    """The probe instants of valid declared terms (schemas/assets/playtime-terms.json)."""
    sign = -1 if terms["utc_offset"].startswith("-") else 1
    hours, minutes = terms["utc_offset"][1:].split(":")
    zone = timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    windows = [(_clock(w["start"]), _clock(w["end"])) for w in terms["windows"]]
    holidays = set(terms.get("holidays") or [])
    served = [MONDAY + timedelta(days=DAYS.index(d)) for d in DAYS if d in terms["days"]]
    day = served[0] if served else MONDAY
    start, end = windows[0]
    begin = datetime.combine(day, start, zone)
    window_end = datetime.combine(day, end, zone)
    if window_end <= begin:  # a window past midnight ends on the next day's clock
        window_end += timedelta(days=1)
    inside = begin + min(timedelta(minutes=10), (window_end - begin) / 3)

    def in_window(at: datetime) -> bool:
        clock = at.timetz().replace(tzinfo=None)
        return any(a <= clock < b if a < b else (clock >= a or clock < b) for a, b in windows)

    hours_outside = [datetime.combine(day, time(h, 30), zone) for h in range(24)]
    other_hour = next((at for at in hours_outside if not in_window(at)), None)
    unserved = [MONDAY + timedelta(days=i) for i, d in enumerate(DAYS) if d not in terms["days"]
                and (MONDAY + timedelta(days=i)).isoformat() not in holidays]
    other_day = datetime.combine(unserved[0], inside.timetz()) if unserved else None
    return PlayProbes(inside, window_end, other_hour, other_day, playable=bool(served) and terms["daily_limit_s"] > 0)
