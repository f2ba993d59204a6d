"""A pinch recogniser against a reference capture of the same hand (TD-HAND-006).

A capture carries the device's hand stream, a reference stream of the same hand (a hand stream declaring
``reference_system`` and annotating the device's: the joints TD-HAND-005 holds, :mod:`.hand_accuracy`) and a
``gesture`` stream annotating the device's hand stream whose events report a continuous gesture as an interval:
``<gesture>/begin`` when the recogniser recognises it, ``<gesture>/end`` when it sees it released (as
XR_FB_hand_tracking_aim's pinching flags set and clear). Only ``index_pinch`` is judged: its moment is told from
the joints alone (the thumb and index tips within the contact distance).

- The reference's pinches: the intervals its thumb and index tips (XR_HAND_JOINT_THUMB_TIP_EXT,
  XR_HAND_JOINT_INDEX_TIP_EXT) are within the contact distance, the crossings interpolated linearly between
  frames; a pinch not begun and ended within the reference's recording is left out.
- The recognised pinches: each begin paired with the next end (a begin without one runs to the recording's end).
- A recognised pinch answers a reference pinch when it overlaps it (its release widened by the release limit).
  R1: every reference pinch is answered, and every recognised pinch answers one. R2: the onset latency, the
  first answering begin less the reference's touch. R3: the release latency, the last answering end less the
  reference's parting. R4: one unbroken interval per pinch (a pinch held is recognised held). R5: at each
  recognised begin, the device's own hand data (its last frame at or before the begin) shows the tips within
  the contact distance: what was recognised is what was collected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .decoding import MarkerEvents
from .hand_accuracy import HandTrack

THUMB_TIP, INDEX_TIP = 5, 10  # XR_HAND_JOINT_THUMB_TIP_EXT, XR_HAND_JOINT_INDEX_TIP_EXT
GESTURE = "index_pinch"
BEGIN, END = f"{GESTURE}/begin", f"{GESTURE}/end"


@dataclass(frozen=True)
class Tips:
    """A hand stream's frame times (ns) and the distance (m) between its thumb and index tips in each."""

    t: np.ndarray
    d: np.ndarray

    @classmethod
    def of(cls, track: HandTrack | None) -> Tips:
        t, p = (track or HandTrack()).columns()
        return cls(t, np.linalg.norm(p[:, THUMB_TIP].astype(np.float64) - p[:, INDEX_TIP], axis=1))

    def pinches(self, contact_m: float) -> list[tuple[float, float]]:
        """(touch, part) in ns of each interval the tips are within ``contact_m``, begun and ended in the recording."""
        inside = self.d <= contact_m
        edges = np.flatnonzero(np.diff(inside.astype(np.int8)))
        out, touch = [], None
        for k in edges:  # between frames k and k + 1
            share = (contact_m - self.d[k]) / (self.d[k + 1] - self.d[k])
            at = float(self.t[k] + share * (self.t[k + 1] - self.t[k]))
            if inside[k + 1]:
                touch = at
            elif touch is not None:
                out.append((touch, at))
                touch = None
        return out

    def at(self, t_ns: float) -> float | None:
        """The tips' distance in the last frame at or before ``t_ns`` (None: before the first)."""
        k = int(np.searchsorted(self.t, t_ns, side="right")) - 1
        return float(self.d[k]) if k >= 0 else None


def recognised(events: MarkerEvents, last_ns: float) -> list[tuple[float, float]]:
    """(begin, end) in ns of each recognised pinch: a begin paired with the next end; other values ignored."""
    order = np.argsort(np.asarray(events.t, np.int64), kind="stable")
    out, begun = [], None
    for i in order:
        value, t = events.values[i], float(events.t[i])
        if value == BEGIN and begun is None:
            begun = t
        elif value == END and begun is not None:
            out.append((begun, t))
            begun = None
    if begun is not None:
        out.append((begun, max(begun, last_ns)))
    return out


@dataclass
class PinchResult:
    """The reference's pinches against the recognised ones."""

    pinches: int = 0
    missed: list[float] = field(default_factory=list)  # touches (ns) of reference pinches none answers
    phantom: list[float] = field(default_factory=list)  # begins (ns) of recognised pinches answering none
    onset_ms: list[float] = field(default_factory=list)  # per answered pinch
    release_ms: list[float] = field(default_factory=list)
    broken: list[float] = field(default_factory=list)  # touches of pinches answered by more than one interval
    unsupported: list[tuple[float, float]] = field(default_factory=list)  # (begin ns, tips' distance m)

    @staticmethod
    def worst(values: list[float]) -> float:
        """The value furthest from zero (0 when none)."""
        return max(values, key=abs) if values else 0.0


def judge_pinches(reference: Tips, tracked: Tips, events: MarkerEvents, contact_m: float,
                  release_limit_ms: float) -> PinchResult:
    result = PinchResult()
    truth = reference.pinches(contact_m)
    spans = recognised(events, float(tracked.t[-1]) if len(tracked.t) else 0.0)
    result.pinches = len(truth)
    widen = release_limit_ms * 1e6
    used = [False] * len(spans)
    for touch, part in truth:
        answers = [k for k, (b, e) in enumerate(spans) if b <= part + widen and e >= touch]
        if not answers:
            result.missed.append(touch)
            continue
        for k in answers:
            used[k] = True
        result.onset_ms.append((spans[answers[0]][0] - touch) / 1e6)
        result.release_ms.append((spans[answers[-1]][1] - part) / 1e6)
        if len(answers) > 1:
            result.broken.append(touch)
    first, last = (reference.t[0], reference.t[-1]) if len(reference.t) else (0.0, -1.0)
    for k, (b, _) in enumerate(spans):
        if not used[k] and first <= b <= last:  # beyond the reference's recording nothing tells it
            result.phantom.append(b)
        distance = tracked.at(b)
        if distance is not None and distance > contact_m:
            result.unsupported.append((b, distance))
    return result
