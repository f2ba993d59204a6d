"""An eye tracker's latency and sampling rate against an artificial eye a stage steps (TD-GAZE-003).

An ``eye_gaze`` stream recorded while a stage turns an artificial eye (one the tracker sees as it
sees a person's) from one direction to the next declares it in ``reference_eye``: the stage that
turned it (``instrument``, with the expanded uncertainty of a step's time) and each ``step``: when the
stage completed it (``t``, on the capture clock, from the stage's encoder) and the direction the eye
looks along from then on (``direction``, a unit vector in the stream's space). The first step is where
the eye starts; each later one is a jump the tracker must follow. The schedule is the test's, not the
tracker's: it is the ground truth the gaze is held to.

While the capture is read, the valid and tracked samples of such a stream are held (time, gaze direction,
frame index in the stream; at most ``MAX_SAMPLES``); a stream logging what an interface answered (``read_through``,
TD-GAZE-006) also holds every answer's time and frame index, whatever its flags, for the order of all it logged, at
most ``MAX_SAMPLES`` too. ``MAX_SAMPLES`` is 5.1's reading bound 「试验台记录保留的样本数」: samples or answers past it
are counted and the stream is not judged (sixty-ninth reading, c3/d1; before, they were dropped uncounted).
Judged once read (:func:`measure`), for each jump
from direction ``a`` to ``b``:

- the crossing: the first pair of successive samples (frames next to each other in the stream) between
  which the gaze passes half-way, from nearer ``a`` to nearer ``b`` (the difference of its angles to
  the two changes sign), at or after ``EARLIEST_MS`` before the step and before the next step; its time
  and its frame index, each interpolated linearly between the pair;
- its latency: the crossing's time less the step's (R1 judges the mean over the jumps);
- the window, from ``EARLIEST_MS`` before the step to the next step, is the one both the crossing is looked
  for in and the valid samples are counted over, against the samples the whole window holds at the declared
  rate (seventy-first reading, c1: the expected count was taken from the step, a lower threshold);
- a jump the gaze does not cross in its window, while at least half the samples the window holds at the
  declared rate are valid and its last valid sample there is still nearer ``a``, is one the tracker did not
  follow (R1, a fail, named); with fewer valid samples it is left unjudged (``SPARSE``), and so is one whose
  gaze ends the window nearer ``b`` with no crossing between adjacent frames (``UNSEEN``: it crossed over a
  dropped frame, or was there before the window), each named.

The effective sampling rate against the reference clock (R2) is the frames the stream delivered between
the first and the last crossing (a count, whatever the frames' own times say) over the time the stage
took between those two steps (its encoder's clock): the latency is the same at both ends, so it cancels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from conformance import Message, msg

from .._shared.uncertainty import u_mean
from .chunk import Chunk
from .gaze import TRACKED_BITS, VALID_BITS, angles_deg, directions
from .jsonread import vector
from .model import CaptureAnalysis, StreamStats
from .readings import Capped

if TYPE_CHECKING:
    from conformance.area import JsonObject

MEMBER = "reference_eye"
MAX_SAMPLES = 2_000_000  # held a stream: (t, 3 directions, frame) 40 bytes a sample, 80 MB
EARLIEST_MS = 100  # a crossing this long before its step is looked for (a tracker predicting ahead)
MIN_JUMP_DEG = 2.0  # a step turning the eye less than this is not a jump the crossing can tell
SPARSE = "sparse"  # a jump unjudged: fewer valid samples than half its window holds at the declared rate
UNSEEN = "unseen"  # a jump unjudged: its gaze ends nearer the new direction, no crossing of adjacent frames seen


@dataclass(frozen=True)
class Step:
    """One declared step: its index, when the stage completed it (ns) and the eye's direction from then."""

    index: int
    t: int
    direction: np.ndarray


@dataclass
class StepTrack(Capped):
    """An eye-gaze stream declaring a reference eye: its usable steps and the samples held, at most ``MAX_SAMPLES``
    (its own counts: kept, and valid samples past the cap dropped, after which the stream is not judged)."""

    steps: list[Step]
    t: list[np.ndarray] = field(default_factory=list)
    d: list[np.ndarray] = field(default_factory=list)
    frame: list[np.ndarray] = field(default_factory=list)
    #: a log of an interface's answers (``read_through``): every answer's time and frame, valid or not, are held too,
    #: at most ``MAX_SAMPLES`` of them (``answers`` counts them as the track counts its samples)
    logs_answers: bool = False
    answer_t: list[np.ndarray] = field(default_factory=list)
    answer_frame: list[np.ndarray] = field(default_factory=list)
    answers: Capped = field(default_factory=Capped)

    def capped(self) -> tuple[int, int] | None:
        """(kept, dropped) of the samples, or else of the answers, that went past ``MAX_SAMPLES``; None: none did."""
        for counts in (self, self.answers):
            if counts.dropped:
                return counts.kept, counts.dropped
        return None

    def columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(t, directions, frame indices) in frame order."""
        if not self.t:
            return np.empty(0), np.empty((0, 3)), np.empty(0)
        frame = np.concatenate(self.frame)
        order = np.argsort(frame, kind="stable")
        return np.concatenate(self.t)[order].astype(np.float64), np.concatenate(self.d)[order], frame[order]

    def answer_times(self) -> np.ndarray:
        """Every answer's time (int64 ns) in the order logged, whatever its flags; empty when the stream logs no
        interface's answers."""
        if not self.answer_t:
            return np.empty(0, np.int64)
        frame = np.concatenate(self.answer_frame)
        return np.concatenate(self.answer_t)[np.argsort(frame, kind="stable")].astype(np.int64)


@dataclass(frozen=True)
class Jump:
    """One step measured: its index, the angle jumped (degrees), its latency (ms; None: not followed or
    not seen), whether the tracker failed to follow it (valid samples and no crossing), the crossing's
    fractional frame index, why a jump neither followed nor missed is unjudged (``SPARSE``, ``UNSEEN``) and the
    samples its window holds at the declared rate."""

    index: int
    angle_deg: float
    latency_ms: float | None
    missed: bool = False
    frame: float | None = None
    unjudged: str | None = None
    window_samples: float = 0.0


@dataclass(frozen=True)
class Measured:
    """A stream's jumps, the mean latency over those followed and its type A standard uncertainty, the
    effective sampling rate against the reference clock (Hz; None with fewer than two crossings) and
    its type A standard uncertainty."""

    jumps: list[Jump]
    latency_ms: float
    latency_u: float
    rate_hz: float | None
    rate_u: float
    followed: int


def declared_steps(spec: JsonObject) -> list[Step] | None:
    """The stream's reference-eye steps in time order; None when it declares none, an empty list when no
    step can be read (an integer t and a non-zero direction)."""
    declared = spec.get(MEMBER)
    if not isinstance(declared, dict):
        return None
    items = declared.get("steps")
    steps = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        t, direction = item.get("t"), vector(item.get("direction"), "xyz")
        if not isinstance(t, int) or isinstance(t, bool) or direction is None:
            continue
        norm = float(np.linalg.norm(direction))
        if norm > 0 and math.isfinite(norm):
            steps.append(Step(index, t, direction / norm))
    return sorted(steps, key=lambda s: s.t)


def read_reference_eyes(result: CaptureAnalysis) -> None:
    """Every eye-gaze stream declaring a reference eye holds its samples while the capture is read."""
    for stats in result.streams_of("eye_gaze"):
        steps = declared_steps(stats.spec)
        if steps is not None:
            stats.gaze_steps = StepTrack(steps, logs_answers=isinstance(stats.spec.get("read_through"), dict))


def fold_steps(chunk: Chunk, q: np.ndarray, flags: np.ndarray) -> None:
    """Hold one chunk's valid and tracked samples, as TD-GAZE-002's; of a log of an interface's answers, every
    answer's time and frame as well."""
    track: StepTrack = chunk.stats.gaze_steps
    if track.logs_answers and (room := track.answers.take(MAX_SAMPLES, len(chunk.t))):
        track.answer_t.append(chunk.t[:room].copy())
        track.answer_frame.append(chunk.base + chunk.index[:room])
    usable = np.flatnonzero((flags & (VALID_BITS | TRACKED_BITS)) == (VALID_BITS | TRACKED_BITS))
    rows = usable[: track.take(MAX_SAMPLES, len(usable))]
    if len(rows):
        track.t.append(chunk.t[rows].copy())
        track.d.append(directions(q[rows]))
        track.frame.append(chunk.base + chunk.index[rows])


def _jump(step: Step, before: Step, until: float, t: np.ndarray, d: np.ndarray, frame: np.ndarray,
          rate_hz: float | None) -> Jump:
    angle = float(angles_deg(before.direction[None], step.direction[None])[0])
    start = step.t - EARLIEST_MS * 1e6  # the window: the crossing is looked for and the samples counted over it
    rows = np.flatnonzero((t >= start) & (t < until))
    expected = (until - start) / 1e9 * rate_hz if rate_hz else 0.0
    if len(rows) < 2:
        return Jump(step.index, angle, None, unjudged=SPARSE, window_samples=expected)
    lean = angles_deg(d[rows], np.broadcast_to(before.direction, (len(rows), 3))) \
        - angles_deg(d[rows], np.broadcast_to(step.direction, (len(rows), 3)))  # > 0: nearer the new direction
    crossed = np.flatnonzero((lean[:-1] <= 0) & (lean[1:] > 0) & (np.diff(frame[rows]) == 1))
    if not len(crossed):
        if len(rows) < 0.5 * expected:
            return Jump(step.index, angle, None, unjudged=SPARSE, window_samples=expected)
        if lean[-1] > 0:  # nearer the new direction with no crossing of adjacent frames: not seen, not missed
            return Jump(step.index, angle, None, unjudged=UNSEEN, window_samples=expected)
        return Jump(step.index, angle, None, missed=True)
    j = int(crossed[0])
    share = float(-lean[j] / (lean[j + 1] - lean[j]))
    a, b = rows[j], rows[j + 1]
    when = float(t[a] + (t[b] - t[a]) * share)
    return Jump(step.index, angle, (when - step.t) / 1e6, frame=float(frame[a]) + share)


def measure(stats: StreamStats, fewest: int) -> Measured | Message:
    """The stream's jumps measured, or why they cannot be (inconclusive, never a fail)."""
    track: StepTrack = stats.gaze_steps
    sid = repr(stats.id)
    capped = track.capped()
    if capped is not None:
        return msg("terminal.gaze-samples-capped", sid=sid, kept=capped[0], dropped=capped[1])
    t, d, frame = track.columns()
    steps = track.steps
    jumps = []
    for k in range(1, len(steps)):
        until = steps[k + 1].t if k + 1 < len(steps) else (t[-1] + 1 if len(t) else steps[k].t)
        jump = _jump(steps[k], steps[k - 1], until, t, d, frame, stats.rate_hz)
        if jump.angle_deg >= MIN_JUMP_DEG:
            jumps.append(jump)
    followed = [j for j in jumps if j.latency_ms is not None]
    if len(followed) + sum(j.missed for j in jumps) < fewest:
        return msg("terminal.gaze-steps-too-few", sid=sid, count=len(followed), steps=len(jumps), fewest=fewest)
    latencies = np.array([j.latency_ms for j in followed], dtype=np.float64)
    rate, rate_u = None, 0.0
    if len(followed) >= 2:
        first, last = followed[0], followed[-1]
        span_s = (steps_by_index(steps)[last.index].t - steps_by_index(steps)[first.index].t) / 1e9
        if span_s > 0 and first.frame is not None and last.frame is not None:
            rate = float(last.frame - first.frame) / span_s
            spread = float(np.std(latencies, ddof=1)) / 1e3 if len(latencies) > 1 else 0.0
            rate_u = rate * math.sqrt(2) * spread / span_s  # each end's crossing scatters as the latency does
    return Measured(jumps, float(latencies.mean()) if len(latencies) else math.nan, u_mean(latencies), rate,
                    rate_u, len(followed))


def steps_by_index(steps: list[Step]) -> dict[int, Step]:
    return {s.index: s for s in steps}
