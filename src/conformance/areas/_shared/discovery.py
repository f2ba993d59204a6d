"""The discovery document (``/.well-known/metaverse-interop``): where a platform declares its
terms, which several areas read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import NonConformance, msg, reason

from .dependent import unreadable

if TYPE_CHECKING:
    from conformance import HttpTarget
    from conformance.area import JsonObject

DISCOVERY = "/.well-known/metaverse-interop"


def declared_terms(api: HttpTarget, members: tuple[str, ...], missing: str) -> JsonObject:
    """The object the discovery document declares at ``members`` (e.g. ``("minors",
    "playtime")``); inconclusive when the discovery document is not served or is not JSON (both
    IF-DISC-001's to judge, and named so); a non-conformance (the message key ``missing``) when it
    declares no such object."""
    declared = discovery_document(api)
    for member in members:
        declared = declared.get(member) if isinstance(declared, dict) else None
    if not isinstance(declared, dict):
        raise NonConformance(msg(missing, path=DISCOVERY), file=DISCOVERY, pointer="/" + "/".join(members))
    return declared


def discovery_document(api: HttpTarget) -> object:
    """The discovery document as JSON; inconclusive, naming the request and IF-DISC-001 (which
    judges how it is served), when it is not served or is not JSON: a requirement reading a
    declaration from it has nothing to read, and the product declared nothing only when it said so."""
    response = api.get(DISCOVERY)
    if response.status != 200:
        raise unreadable(msg("shared.discovery-read"), response.requested, response.status, "IF-DISC-001")
    try:
        return response.json()
    except NonConformance as exc:
        raise unreadable(msg("shared.discovery-read"), response.requested, reason(exc), "IF-DISC-001") from None
