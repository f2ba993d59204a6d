"""Recognised facial expressions against the subject's cued schedule (TD-FACE-005).

The test cues the subject (the person of TD-FACE-004's reference facial capture) to a fixed schedule of
expressions; a ``gesture`` stream annotating the device's face stream carries, as its values, the names of the
expressions the device's recogniser recognised, and declares the schedule in ``gesture_schedule`` (vocabulary,
each cue's expression, start and duration) as TD-HAND-004's gesture streams do. Trials, windows, accuracy, the
chance bound and false recognitions are :mod:`.gestures`' (one scoring for both recognisers).

The onset of a cued expression is read on the reference facial capture (a face stream declaring
``reference_system`` and annotating the same face stream): the first reference frame at or after the cue's start
at which a weight that was below ``face_accuracy.PERFORMED`` in the last frame before the cue reaches it, i.e. an
expression the face begins to make. No name table is needed: the face makes one expression a cue, so any weight
rising is the cued one, whatever set the reference carries. The recognition latency is a correct recognition's
time less that onset; a correct trial whose onset the reference does not show (no weight rising within the
window) has none and is counted, not judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .decoding import MarkerEvents
from .face_accuracy import PERFORMED
from .gestures import Schedule, trials


@dataclass
class Onsets:
    """Per correct trial, the recognition's latency (ms) after the expression's onset on the reference."""

    latencies_ms: list[float] = field(default_factory=list)
    unseen: int = 0  # correct trials whose onset the reference does not show

    @property
    def worst_ms(self) -> float:
        return max(self.latencies_ms) if self.latencies_ms else 0.0


def onset_ns(t: np.ndarray, w: np.ndarray, start: int, close: int) -> float | None:
    """The expression's onset within [start, close): the first reference frame a weight below PERFORMED just
    before ``start`` reaches it (None: none rises)."""
    k = int(np.searchsorted(t, start, side="left"))
    end = int(np.searchsorted(t, close, side="left"))
    if k >= end:
        return None
    before = w[k - 1] if k > 0 else w[k]
    rising = (w[k:end] >= PERFORMED) & (before < PERFORMED)
    hits = np.flatnonzero(rising.any(axis=1))
    return float(t[k + hits[0]]) if len(hits) else None


def latencies(schedule: Schedule, events: MarkerEvents, tolerance_ns: int, reference: tuple[np.ndarray, np.ndarray],
              recording: tuple[int, int]) -> Onsets:
    """For each cue within ``recording`` whose first recognition in its window names it, the recognition's time
    less the expression's onset on ``reference`` ((t, weights) of its frames)."""
    t_ref, w_ref = reference
    on = trials(schedule, events, tolerance_ns, recording)
    out = Onsets()
    for k, e in enumerate(on.first_events()):
        if not on.answered(k, int(e)) or on.values[e] != on.cued[k]:
            continue
        onset = onset_ns(t_ref, w_ref, int(on.starts[k]), int(on.closes[k]))
        if onset is None:
            out.unseen += 1
        else:
            out.latencies_ms.append((int(on.t[e]) - onset) / 1e6)
    return out

