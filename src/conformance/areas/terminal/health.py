"""Rest reminders during use (TD-REST-001): what a device declares for the user's health,
against what a session shows.

The descriptor's ``health.rest_reminder_min`` is the longest stretch of use, in minutes,
after which the device reminds the user to rest. A ``session`` stream records the use as
events on the capture clock: ``session_start``, ``rest_reminder``, ``pause``, ``resume``,
``session_end``. Use runs from the capture's first frame (or a session_start or resume) to
its last (or a pause or session_end); within it, no stretch between one of these and the
next rest_reminder is longer than the declared interval.

- ``session_events`` (TD-REST-001), on the frames: every event one of the five;
- gathered per stream: the events as (t, code) pairs, a few per hour, so the suite measures
  the stretches once every stream's span is known (:func:`stretches`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from conformance import msg

from .chunk import Chunk, report
from .jsonread import object_of
from .model import CaptureAnalysis

if TYPE_CHECKING:
    from conformance.area import JsonValue

EVENTS = ("session_start", "rest_reminder", "pause", "resume", "session_end")
START, REMIND, PAUSE, RESUME, END = range(len(EVENTS))


@dataclass
class SessionState:
    times: list[np.ndarray] = field(default_factory=list)
    codes: list[np.ndarray] = field(default_factory=list)

    def events(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.times:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        return np.concatenate(self.times), np.concatenate(self.codes)


def check_session_frames(chunk: Chunk) -> None:
    stats = chunk.stats
    state: SessionState = stats.session if stats.session is not None else SessionState()
    stats.session = state
    events = list(map(attrgetter("event"), chunk.frames))
    stats.add_checked("session_events", len(events))
    code = np.fromiter((EVENTS.index(e) if e in EVENTS else -1 for e in events), np.int64, len(events))
    report(chunk, "session_events", code < 0, lambda r: (
        msg("terminal.session-event-unknown", event=repr(events[r])),
        {"pointer": "/event", "actual": events[r], "expected": list(EVENTS)}))
    known = code >= 0
    state.times.append(chunk.t[known].copy())
    state.codes.append(code[known])


def declared_minutes(analysis: CaptureAnalysis) -> JsonValue:
    return object_of(object_of(object_of(analysis.header).get("device")).get("health")).get("rest_reminder_min")


def stretches(t: np.ndarray, code: np.ndarray, first: int, last: int) -> np.ndarray:
    """(n, 2) start and end of each stretch of use without a reminder: use begins at
    ``first`` and at each session_start or resume, a reminder begins a new stretch, a pause
    or session_end (and ``last``) ends the open one."""
    order = np.argsort(t, kind="stable")
    t, code = t[order], code[order]
    found: list[tuple[int, int]] = []
    open_at: int | None = first
    for at, kind in zip(t.tolist(), code.tolist(), strict=True):  # a few events per hour of use
        if kind in (START, RESUME):
            open_at = at if open_at is None else open_at
        elif kind == REMIND:
            if open_at is not None:
                found.append((open_at, at))
            open_at = at
        elif open_at is not None:  # pause, session_end
            found.append((open_at, at))
            open_at = None
    if open_at is not None and last > open_at:
        found.append((open_at, last))
    return np.array(found, np.int64).reshape(-1, 2)
