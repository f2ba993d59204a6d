"""A case's own read: the JSON body of an answer the calling requirement judges itself (its step
names a rule), after the caller judged its status. The set-up reads, of answers another
requirement judges, go through :func:`conformance.areas._shared.dependent.served_body`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import BeyondReadingBound, NonConformance, msg, reason

from .dependent import unparsed

if TYPE_CHECKING:
    from conformance import Evidence
    from conformance.area import Response


def own_json(response: Response, rule: str | None) -> object:
    """The JSON body of ``response``; one that does not parse raises the finding under ``rule`` (the
    caller's R-number stating the answer; None where the read is a set-up, whose precondition then names
    the requirement judging it), naming the request and the status it was answered with. Raised, as
    the case cannot go on without the body (the draft's 6.1: a record names its rule)."""
    try:
        return response.json()
    except NonConformance as exc:
        answered = msg("shared.own-unparsed", request=response.requested, answered=unparsed(exc, response.status))
        raise NonConformance(answered, **{**exc.evidence, "file": response.requested, "rule": rule}) from None


#: What :func:`own_json_or_finding` returns for a body that does not parse (a JSON ``null`` is None).
UNPARSED = object()


def own_json_or_finding(response: Response, rule: str | None, evidence: Evidence) -> object:
    """:func:`own_json`'s body, or :data:`UNPARSED` with its finding recorded: for a case that goes on to
    its other inputs (the next DID, the next identifier) after one answer whose body does not parse. An
    answer past a reading bound (5.1) is no finding: noted unjudged, the others still read."""
    try:
        return own_json(response, rule)
    except NonConformance as exc:
        evidence.finding(reason(exc), **exc.evidence)
    except BeyondReadingBound as exc:
        evidence.unjudged(response.requested, reason(exc))
    return UNPARSED
