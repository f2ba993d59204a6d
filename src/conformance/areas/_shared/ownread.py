"""A case's own read: the JSON body of an answer the calling requirement judges itself (its step
names a rule), after the caller judged its status. The set-up reads, of answers another
requirement judges, go through :func:`conformance.areas._shared.dependent.served_body`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import NonConformance, msg

from .dependent import unparsed

if TYPE_CHECKING:
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
