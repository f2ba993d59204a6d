"""The identity cases' own reads: the JSON body of an answer whose status the caller has judged, read
under the rule of the caller's that states the answer (the draft's 6.1: a record names its rule)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import NonConformance

if TYPE_CHECKING:
    from conformance.area import Response


def ruled_json(response: Response, rule: str | None) -> object:
    """``response.json()``; a body that does not parse raises the adapter's NonConformance under
    ``rule`` (the caller's R-number stating the read; None where the read is a set-up, whose
    precondition then names the requirement that judges it)."""
    try:
        return response.json()
    except NonConformance as exc:
        if rule is not None:
            exc.evidence.setdefault("rule", rule)
        raise
