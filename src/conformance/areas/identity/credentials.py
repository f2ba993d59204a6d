"""Checks on verifiable credentials that a JSON Schema cannot express."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from conformance import Finding, msg

#: (start, end) property pairs of VC 2.0 and VC 1.1.
VALIDITY_PAIRS = (("validFrom", "validUntil"), ("issuanceDate", "expirationDate"))


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed  # without a time zone (VC 1.1's xsd:dateTime allows it): a local time


def states_both_ends(credential: Any) -> bool:
    """Whether a credential states both ends of its validity period (VC 2.0's or VC 1.1's pair)."""
    return isinstance(credential, dict) and any(
        _instant(credential.get(start)) is not None and _instant(credential.get(end)) is not None
        for start, end in VALIDITY_PAIRS)


def credentials_in(document: Any) -> list[tuple[str, Any]]:
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


def validity_problems(credential: Any) -> list[Finding]:
    """A finding when a credential's validity period ends before it starts, comparing
    instants (time zones taken into account)."""
    found: list[Finding] = []
    if not isinstance(credential, dict):
        return found
    for start, end in VALIDITY_PAIRS:
        begins, ends = _instant(credential.get(start)), _instant(credential.get(end))
        # VC 2.0 dates without a time zone are the data model's finding; VC 1.1's xsd:dateTime
        # allows them, and two local times are ordered (XML Schema 1.1 D.2.3), not a local one and an instant
        local = [v is not None and v.tzinfo is None for v in (begins, ends)]
        comparable = begins is not None and ends is not None and (
            not any(local) or all(local) and start == "issuanceDate")
        if comparable and ends < begins:
            found.append(Finding(msg("identity.validity-inverted", end=end, end_value=credential[end], start=start,
                                     start_value=credential[start]),
                                 pointer=f"/{end}"))
    return found


def subjects(credential: Any) -> list[tuple[str, Any]]:
    """(pointer, subject) of each credential subject."""
    value = credential.get("credentialSubject") if isinstance(credential, dict) else None
    if isinstance(value, list):
        return [(f"/credentialSubject/{i}", s) for i, s in enumerate(value)]
    return [("/credentialSubject", value)] if value is not None else []
