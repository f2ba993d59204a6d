"""``stable-ready``: what makes a requirement fit to be ``stable``, the status whose test cases
the specification prints as normative text (docs/drafting.md, "When a requirement is stable").

A stable requirement is decided the same way by anyone who reads the specification:

- it is tested: ``automated``, or ``manual`` with a test case written by hand (numbered
  ``steps`` and an ``expected`` result in both languages, ``suites/<area>/procedures.yaml``);
  an ``untestable`` requirement is never stable;
- a profile selects it, so a claim of conformance can include it;
- no topic of the seed table names it in ``missing:`` (the part of a topic left untested); a
  manual requirement may be named there as assessed by hand rather than by a run (TD-SAFE-001),
  its written test case is what makes it testable;
- its notes hold no open drafting marker (TODO, TBD, FIXME, 待定, 待补充, 待确认).

The other criteria are rules of their own, which a release holds to for every requirement:
each rule has a known-bad case naming it (``rules``), an automated requirement without rules
has at least one (``keys``), its source cites a policy clause of the clause table (the
requirements schema and ``policy-key``) and a standard by its canonical name or says why none
applies (``standard``), and the statement passes the statement rules (``modal-*``,
``statement-length``, ``rules-related``, ``repo-path``, ``bundled``, ``whitespace``); so the
lint is clean only when a stable requirement meets them all, and this rule does not report
them a second time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .._catalog.model import Requirement, Testing
from .tables import Tables

#: an open drafting marker left in a requirement's notes
OPEN_MARKER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|待定|待补充|待确认")
_REQ_ID = re.compile(r"[A-Z]{2}-[A-Z0-9]+-\d{3}")


def written(procedure: dict[str, Any] | None) -> list[str]:
    """The parts a hand-written test case still lacks: ``steps`` and ``expected`` in ``zh`` and ``en``."""
    lacking = []
    for part in ("steps", "expected"):
        texts = (procedure or {}).get(part) or {}
        lacking += [f"{part}.{lang}" for lang in ("zh", "en") if not texts.get(lang)]
    return lacking


def untested_in(tables: Tables) -> dict[str, list[str]]:
    """Requirement ID -> the topics whose ``missing:`` names it as an untested part."""
    named: dict[str, list[str]] = {}
    for topic in tables.topics.values():
        for req_id in dict.fromkeys(_REQ_ID.findall(topic.missing)):
            named.setdefault(req_id, []).append(topic.key)
    return named


def stability_problems(req: Requirement, *, profiled: set[str], untested: dict[str, list[str]],
                       procedures: dict[str, dict[str, object]]) -> Iterator[tuple[str, str]]:
    """(problem, fix) for each criterion a ``stable`` requirement does not meet."""
    if req.status != "stable":
        return
    if req.testing is Testing.UNTESTABLE:
        yield "is stable but untestable", "state it so it can be tested, or keep it candidate"
    elif req.testing is Testing.MANUAL:
        lacking = written(procedures.get(req.id))
        if lacking:
            yield (f"is stable and tested manually but its hand-written test case lacks {', '.join(lacking)}",
                   f"write numbered steps and the expected result in suites/{req.area}/procedures.yaml")
    if req.id not in profiled:
        yield "is stable but no profile selects it", "add it to a profile, or keep it candidate"
    for topic in untested.get(req.id, []) if req.testing is Testing.AUTOMATED else []:
        yield (f"is stable but topic {topic} names it in missing: as untested",
               "test what the topic says is missing, or keep it candidate")
    notes = f"{req.notes.en} {req.notes.zh}" if req.notes else ""
    marker = OPEN_MARKER.search(notes)
    if marker:
        yield (f"is stable but its notes hold the open marker {marker.group(0)!r}",
               "settle it and remove the marker, or keep it candidate")
