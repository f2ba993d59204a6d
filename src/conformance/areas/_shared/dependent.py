"""A value a requirement needs, read from an answer another requirement judges.

A requirement is judged on what it observed. When the request that would give it its input
(a query with an option, a discovery document, a set-up call) is refused or fails, that answer
is the finding of the requirement that judges the request, not of the one that needed the
value: the dependent requirement reads the value another conforming way when one exists, and
otherwise leaves the input (or itself) unjudged, naming what could not be read and which
requirement judges it. Never a fail, never a finding that states what was not observed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from conformance import Inconclusive, NonConformance, msg, precondition, reason

if TYPE_CHECKING:
    from conformance import Evidence
    from conformance.area import Response


def unread(evidence: Evidence, where: str, what: str, status: object, requirement: str, **data: object) -> None:
    """One input of a set left unjudged: ``what`` ("the newest Observation of Datastream d")
    could not be read, ``where`` ("GET <url>") answered ``status`` and ``requirement`` judges
    that answer. A test that otherwise passes is then inconclusive, naming it."""
    evidence.unjudged(where, msg("shared.unread", what=what, request=where, status=status,
                                 requirement=requirement), **data)


@contextmanager
def needs(what: str, requirement: str) -> Iterator[None]:
    """A read the whole requirement depends on (``what``, a message: "the Datastreams set
    read"): a finding
    recorded or an assertion failed within the block makes the test inconclusive, naming what
    could not be read and ``requirement``, which judges it; the findings are kept as notes."""
    with precondition(what, msg("shared.pre-fix-see", requirement=requirement)):
        yield


def unreadable(what: str, where: str, status: object, requirement: str) -> Inconclusive:
    """The verdict of a requirement whose one input could not be read (raise it): inconclusive,
    naming ``what``, the request ``where`` and its ``status``, and ``requirement``, which judges it."""
    return Inconclusive(msg("shared.unread", what=what, request=where, status=status, requirement=requirement))


def unparsed(exc: NonConformance, status: object = 200) -> str:
    """The state of an answer ``status`` (200 unless given) whose body does not parse, worded to follow "answered"."""
    return msg("shared.answered-unparsed", reason=reason(exc), status=status)


def served_body(answer: Response, ok: int | tuple[int, ...] = 200) -> tuple[object | None, object]:
    """The JSON body of a set-up answer another requirement judges, and the state to name when
    there is none: ``(None, status)`` when its status is not ``ok`` (200 unless given; a 201 for a
    creation), ``(None, state)`` when its body does not parse, the state naming the status it was
    answered with (how it is served is that requirement's finding, never the reader's)."""
    if answer.status not in (ok if isinstance(ok, tuple) else (ok,)):
        return None, answer.status
    try:
        return answer.json(), answer.status
    except NonConformance as exc:
        return None, unparsed(exc, answer.status)
