"""Selections by gaze against the schedule of fixations a test made (TD-GAZE-005).

A ``gaze_selection`` stream declaring ``selection_schedule`` holds, as its values, the targets a device reported
selected by gaze, each at the time it reported it. The schedule is the ground truth the test supplies: the
menu's targets (place and angular radius, degrees), the fixations (the target, the start on the capture clock as
the stage that turned the eye timed it, the duration) and the dwell the device declares for a selection.

Each fixation is a trial, its window from its start to its end (or the next fixation's start, when that comes
first). The trial's selection is the first event within its window naming its target; the time from the
fixation's start to that selection is its selection time. Any event naming another target than the one fixated
when it came, or coming within no fixation's window, is a false selection: a target selected that was not
fixated. A repeated selection of the fixated target within its window is neither.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TypeGuard

import numpy as np

from .decoding import MarkerEvents

MEMBER = "selection_schedule"
MAX_MS = 60_000  # the header schema's bound on a fixation's duration_ms


@dataclass(frozen=True)
class Schedule:
    dwell_ms: float
    radius_deg: dict[str, float]  # target id -> its angular radius
    starts: np.ndarray  # ns, in time order
    ends: np.ndarray  # ns: the fixation's end, or the next one's start when earlier
    targets: tuple[str, ...]
    skipped: int  # fixations naming no declared target, or without a usable t or duration


@dataclass(frozen=True)
class Measured:
    fixations: int
    selected: int  # fixations whose first selection of their target came within their window
    times_ms: list[tuple[int, float]]  # (fixation index, ms from its start to its selection)
    false: list[tuple[int, str, str | None]]  # (event time ns, target selected, target fixated then or None)

    @property
    def share(self) -> float:
        return self.selected / self.fixations if self.fixations else 0.0


def declared_schedule(spec: dict[str, object]) -> Schedule | None:
    """The schedule a selection stream declares, or None when it declares none usable (no dwell, fewer than two
    targets, no list of fixations; the header schema says what is wrong)."""
    declared = spec.get(MEMBER)
    if not isinstance(declared, dict):
        return None
    dwell, targets, fixations = declared.get("dwell_ms"), declared.get("targets"), declared.get("fixations")
    if not _number(dwell) or not isinstance(targets, list) or not isinstance(fixations, list):
        return None
    radius = {t["id"]: float(t["radius_deg"]) for t in targets
              if isinstance(t, dict) and isinstance(t.get("id"), str) and _number(t.get("radius_deg"))}
    if len(radius) < 2:
        return None
    usable = sorted((f["t"], f["t"] + round(f["duration_ms"] * 1e6), f["target"]) for f in fixations
                    if _usable(f, radius))
    starts = np.array([f[0] for f in usable], np.int64)
    ends = np.array([f[1] for f in usable], np.int64)
    if len(usable) > 1:
        ends[:-1] = np.minimum(ends[:-1], starts[1:])
    return Schedule(float(dwell), radius, starts, ends, tuple(f[2] for f in usable), len(fixations) - len(usable))


def _number(value: object) -> TypeGuard[int | float]:
    """A finite, positive number (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def _usable(fixation: object, radius: dict[str, float]) -> bool:
    """A fixation naming a declared target, with a t and a duration (at most the schema's 60 s) whose end fits
    the capture clock's int64 nanoseconds."""
    if not isinstance(fixation, dict) or fixation.get("target") not in radius:
        return False
    t, duration = fixation.get("t"), fixation.get("duration_ms")
    return isinstance(t, int) and not isinstance(t, bool) and _number(duration) and duration <= MAX_MS and -(2**63) <= t < 2**63 - MAX_MS * 10**6


def measure(schedule: Schedule, events: MarkerEvents) -> Measured:
    """Each fixation's selection and its time, and the false selections (:mod:`gaze_select`'s reading)."""
    times: list[tuple[int, float]] = []
    false: list[tuple[int, str, str | None]] = []
    for t, value in sorted(zip(events.t, events.values, strict=True)):
        k = int(np.searchsorted(schedule.starts, t, side="right")) - 1
        fixated = schedule.targets[k] if k >= 0 and t < schedule.ends[k] else None
        if value != fixated:
            false.append((t, value, fixated))
        elif not times or times[-1][0] != k:
            times.append((k, (t - int(schedule.starts[k])) / 1e6))
    return Measured(len(schedule.targets), len(times), times, false)
