"""The discovery document (``/.well-known/metaverse-interop``): where a platform declares its
terms, which several areas read."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from conformance import Inconclusive, NonConformance, msg

from .dependent import served_body, unreadable

if TYPE_CHECKING:
    from conformance import HttpTarget
    from conformance.area import JsonObject

DISCOVERY = "/.well-known/metaverse-interop"


def declared_terms(api: HttpTarget, members: tuple[str, ...], missing: str) -> JsonObject:
    """The object the discovery document declares at ``members`` (e.g. ``("minors",
    "playtime")``); inconclusive when the discovery document is not served or is not JSON (both
    IF-DISC-001's to judge, and named so); a non-conformance (the message key ``missing``) when it
    declares no such object."""
    return declared_member(api, members, msg(missing, path=DISCOVERY))


def _always(_declared: JsonObject) -> bool:
    return True


def declared_member(api: HttpTarget, members: tuple[str, ...], message: str, *,
                    holds: Callable[[JsonObject], bool] = _always, pointer: str | None = None,
                    rule: str | None = None, file: str = DISCOVERY, undecided: bool = False) -> JsonObject:
    """The object the discovery document declares at ``members`` (``("sessions",)``), once ``holds`` finds in
    it what the caller reads (a join path, three paths); otherwise ``message``, as a non-conformance of ``rule``
    naming ``pointer`` (default: the members' own) in ``file`` (a platform of a pair names its role), since a
    product claiming a profile offers its capability and declares where (one verdict for one situation: the
    twenty-second reading's part e), or, with ``undecided``, as an inconclusive verdict, for a caller whose
    requirement the declaration does not decide. The discovery document unserved or not JSON is inconclusive
    either way (:func:`discovery_document`). The one read of a declaration every area makes."""
    declared = discovery_document(api)
    for member in members:
        declared = declared.get(member) if isinstance(declared, dict) else None
    if isinstance(declared, dict) and holds(declared):
        return declared
    if undecided:
        raise Inconclusive(message)
    raise NonConformance(message, file=file, pointer=pointer or "/" + "/".join(members), rule=rule)


def discovery_document(api: HttpTarget) -> object:
    """The discovery document as JSON; inconclusive, naming the request and IF-DISC-001 (which
    judges how it is served), when it is not served or is not JSON: a requirement reading a
    declaration from it has nothing to read, and the product declared nothing only when it said so."""
    response = api.get(DISCOVERY)
    body, state = served_body(response)
    if body is None and state != 200:  # not served, or not JSON (a JSON null is read as it is)
        raise unreadable(msg("shared.discovery-read"), response.requested, state, "IF-DISC-001")
    return body


def served_declarations(api: HttpTarget) -> object:
    """The discovery document as JSON, or None when it is not served or is not JSON (IF-DISC-001 judges that): for a
    caller that decides by what is declared and records a document it could not read (which operations of annex D the
    platform offers, :mod:`conformance.areas.interfaces.offers`)."""
    try:
        return discovery_document(api)
    except Inconclusive:
        return None
