"""Checks on verifiable credentials that a JSON Schema cannot express."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from conformance import Finding, NonConformance, msg

from . import vcjwt

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: (start, end) property pairs of VC 2.0 and VC 1.1.
VALIDITY_PAIRS = (("validFrom", "validUntil"), ("issuanceDate", "expirationDate"))


#: XML Schema 1.1 Part 2 3.3.7 (dateTime): an hour of 24, its minutes and seconds zero, is 00:00:00 of the next day
#: (VC 2.0's dateTimeStamp and VC 1.1's dateTime both allow it; Python's ``fromisoformat`` does not)
_END_OF_DAY = re.compile(r"(.+T)24:00:00(?:\.0+)?(Z|[+-][0-9]{2}:[0-9]{2})?")


def _instant(value: object) -> datetime | None:
    """The date-time a value denotes, None for one that cannot be read as a date-time; without a time zone offset a
    local time (VC 1.1's xsd:dateTime allows it; VC 2.0 reads it as UTC: ``_orders``)."""
    if not isinstance(value, str):
        return None
    end_of_day = _END_OF_DAY.fullmatch(value)
    text = f"{end_of_day[1]}00:00:00{end_of_day[2] or ''}" if end_of_day else value
    try:
        parsed = datetime.fromisoformat(text)
        return parsed + timedelta(days=1) if end_of_day else parsed
    except (ValueError, OverflowError):  # not a date-time, or one Python cannot hold (a leap second, year 10000)
        return None


def _stated(credential: object) -> list[tuple[str, str]]:
    """(start, end) of each validity period whose two ends a credential states (whether readable or not)."""
    if not isinstance(credential, dict):
        return []
    return [(start, end) for start, end in VALIDITY_PAIRS if start in credential and end in credential]


def states_both_ends(credential: object) -> bool:
    """Whether a credential states both ends of its validity period (VC 2.0's or VC 1.1's pair)."""
    return bool(_stated(credential))


def unreadable_ends(credential: object) -> list[tuple[str, str, str]]:
    """(start, end, the end unread) of each end of a stated period that cannot be read as a date-time: the
    period is not compared (ID-VC-002's 不确定, naming the credential and the value)."""
    if not isinstance(credential, dict):
        return []
    return [(start, end, name) for start, end in _stated(credential) for name in (start, end)
            if _instant(credential[name]) is None]


def credentials_in(document: object) -> list[tuple[str, JsonObject]]:
    """(pointer, credential) of a credential, or of each credential a presentation embeds as an
    object (ID-VC-002 judges "a credential" wherever it is given)."""
    if not isinstance(document, dict):
        return []
    kinds = document.get("type")
    if "VerifiablePresentation" not in (kinds if isinstance(kinds, list) else [kinds]):
        return [("", document)]
    embedded = document.get("verifiableCredential")
    if isinstance(embedded, list):
        return [(f"/verifiableCredential/{i}", c) for i, c in enumerate(embedded) if isinstance(c, dict)]
    return [("/verifiableCredential", embedded)] if isinstance(embedded, dict) else []


def validity_problems(credential: object) -> list[Finding]:
    """A finding when a credential's validity period ends before it starts, comparing
    instants (time zones taken into account)."""
    return [Finding(msg("identity.validity-inverted", end=end, end_value=credential[end], start=start,
                        start_value=credential[start]), pointer=f"/{end}")
            for start, end, before in _orders(credential) if before and isinstance(credential, dict)]


def incomparable_periods(credential: object) -> list[tuple[str, str]]:
    """(start, end) of each VC 1.1 period whose ends XML Schema leaves incomparable: one with a time zone offset, one
    without, less than 14 hours apart (ID-VC-002's 不确定)."""
    return [(start, end) for start, end, before in _orders(credential) if before is None]


#: XML Schema 1.1 Part 2 3.3.7.1: a dateTime without a time zone offset is ordered against one with it by imputing
#: both +14:00 and -14:00 to it; where the two give different orders the values are incomparable
_EXTREMES = (timezone(timedelta(hours=14)), timezone(timedelta(hours=-14)))


def _orders(credential: object) -> list[tuple[str, str, bool | None]]:
    """(start, end, whether the end is before the start: None where incomparable) of each period stated whole
    whose ends both read as date-times."""
    out: list[tuple[str, str, bool | None]] = []
    if not isinstance(credential, dict):
        return out
    for start, end in _stated(credential):
        begins, ends = _instant(credential[start]), _instant(credential[end])
        if begins is None or ends is None:
            continue  # unreadable_ends names it
        if start == "validFrom":  # VC 2.0 5.8: a value serialized without an offset is interpreted as UTC
            begins, ends = _zoned(begins, UTC), _zoned(ends, UTC)
        local = [v.tzinfo is None for v in (begins, ends)]
        if all(local) or not any(local):  # two local times are ordered as they stand (XML Schema 1.1 D.2.3)
            out.append((start, end, ends < begins))
            continue
        orders = {_zoned(ends, zone) < _zoned(begins, zone) for zone in _EXTREMES}
        out.append((start, end, orders.pop() if len(orders) == 1 else None))
    return out


def _zoned(value: datetime, zone: timezone) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def subjects(credential: object) -> list[tuple[str, JsonValue]]:
    """(pointer, subject) of each credential subject."""
    value = credential.get("credentialSubject") if isinstance(credential, dict) else None
    if isinstance(value, list):
        return [(f"/credentialSubject/{i}", s) for i, s in enumerate(value)]
    return [("/credentialSubject", value)] if value is not None else []


def _issuer(credential: JsonObject) -> object:
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def _kinds(data: object) -> list[object]:
    kinds = data.get("type") if isinstance(data, dict) else None
    return kinds if isinstance(kinds, list) else [kinds]


def issued_by(data: object) -> tuple[object, str] | None:
    """ID-VC-005: (issuer, pointer) of a credential the product issued, however it is given: a credential
    (VC 2.0 or 1.1, or a VC-JWT decoded to one), an SD-JWT (its ``iss``), or an enveloped
    credential whose data: URL carries a JWT or an SD-JWT (read as those are); ``("", why)`` for an
    enveloped credential the harness does not read (COSE); None for what is not a credential (a
    presentation's holder is a user, not the product: ID-VC-001 / ID-VP-001 judge what it is)."""
    if isinstance(data, vcjwt.JwtDocument) and data.form == "sd-jwt":
        return data.payload.get("iss"), "/iss"
    if not isinstance(data, dict):
        return None
    if "EnvelopedVerifiableCredential" in _kinds(data):
        url = data.get("id")
        url = url if isinstance(url, str) else ""
        head, _, token = url.partition(",")
        media = head.removeprefix("data:").split(";")[0].strip().lower()
        if not (media.endswith(("+jwt", "+sd-jwt")) and vcjwt.is_token(token.strip())):
            return "", media or "-"
        try:
            inner = vcjwt.decode(token.strip(), what="the enveloped credential")
        except NonConformance:
            return "", media  # ID-VC-001's finding: no issuer to read
        found = issued_by(inner)
        return (found[0], "/id") if found else ("", media)
    if "VerifiableCredential" in _kinds(data):
        return _issuer(data), "/issuer/id" if isinstance(data.get("issuer"), dict) else "/issuer"
    return None
