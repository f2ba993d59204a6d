"""Face tracking against a reference facial capture of the same face (TD-FACE-004).

A capture carries, beside the device's face stream, a reference stream of the same person on the
same clock, recorded while the test application cues a fixed sequence of expressions: a face
stream that declares ``reference_system`` (what measured it: optical markers on the face, solved
to the same expression set) and, in ``annotates``, the id of the device's face stream it is the
ground truth for. Both carry the weights of one set, indexed as the set defines (TD-FACE-001).

While the capture is read, the weights of the valid frames of both streams are held (float32, at
most ``MAX_FRAMES`` frames a stream). Judged once both are read (:func:`measure`):

- The expressions the reference moves (its weight spans at least ``MIN_SPAN`` between the 5th and
  95th percentiles of its frames) are the performed ones.
- Latency: the reference, interpolated linearly between its frames (not across a gap longer than
  ``MAX_GAP_NS``), is taken earlier by each shift of :data:`.shifts.LEAD_SHIFTS_MS` (-200 to 500 ms,
  reaching past the lead limit); the shift with the least root mean square of the performed
  expressions' differences, about each expression's mean difference (as TD-BODY-003: a constant
  offset is the accuracy's to judge, not the latency's), is the latency.
  Its resolution is about half a reference frame: the interpolation lowers the reference's peaks
  between its frames, so a tracker showing an expression at another scale can lean the best shift
  by a few milliseconds (an expression at half its weight, 60 Hz: -4 ms).
- At that latency, per expression: while it is performed (reference weight at least ``PERFORMED``)
  the mean absolute difference from the reference (R1); at rest (reference weight at most
  ``AT_REST``) the device's mean weight (R2: an expression shown that the face does not make).
  Means over the frames of the whole sequence would hide both: an expression is performed in a
  few of them.

A reference with no performed expression, of another set, or fewer frames compared than the fewest
the profile asks is inconclusive, never a fail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from conformance import Evidence, Message, msg

from .._shared.uncertainty import u_mean
from .chunk import Chunk
from .model import CaptureAnalysis, StreamStats
from .interface_log import reference_pairs
from .readings import Capped, hold_reference_tracks, interpolated
from .shifts import LEAD_SHIFTS_MS, best_shift, rate_on_reference_clock

MAX_FRAMES = 40_000  # held a stream: 40 000 x 70 weights float32, 11 MB
MAX_GAP_NS = 100_000_000  # the reference is not interpolated across a longer gap
SEARCH_FRAMES = 2_000
MIN_SPAN = 0.3  # a performed expression's reference weight spans at least this (5th to 95th percentile)
PERFORMED = 0.25  # a reference weight at least this: the expression is being made
AT_REST = 0.05  # a reference weight at most this: the expression is not being made



@dataclass
class FaceTrack(Capped):
    """The weights of one face stream's valid frames held for TD-FACE-004: times and (n, size) weights
    of the first set size seen (frames of another size are left out: TD-FACE-001 judges them)."""

    t: list[np.ndarray] = field(default_factory=list)
    w: list[np.ndarray] = field(default_factory=list)
    size: int | None = None
    set: str | None = None

    def columns(self) -> tuple[np.ndarray, np.ndarray]:
        """(t, w) in time order, one frame per time."""
        if not self.t:
            return np.empty(0), np.empty((0, self.size or 0), np.float32)
        t, first = np.unique(np.concatenate(self.t).astype(np.float64), return_index=True)
        return t, np.concatenate(self.w)[first]


def read_face_references(result: CaptureAnalysis) -> None:
    """Each face stream declaring a reference system, and the face stream it annotates, hold their weights."""
    hold_reference_tracks(result, "face", "face_track", FaceTrack)


def follow_face(chunk: Chunk, rows: np.ndarray, w: np.ndarray, valid: np.ndarray, sets: list[str]) -> None:
    """Hold one chunk's weights: ``w`` row k is frame ``rows[k]``; frames not valid are left out."""
    track: FaceTrack = chunk.stats.face_track
    if track.size is None and len(rows):
        track.size, track.set = int(w.shape[1]), sets[int(rows[0])]
    keep = valid[rows] if w.shape[1] == track.size else np.zeros(len(rows), bool)
    room = track.take(MAX_FRAMES, int(np.count_nonzero(keep)))
    if room:
        track.t.append(chunk.t[rows[keep][:room]].copy())
        track.w.append(w[keep][:room].astype(np.float32))


@dataclass(frozen=True)
class Measured:
    """A tracked face stream against its reference: the latency (ms) and whether it is the last shift
    searched; per performed expression (its index) the mean absolute error while performed; per
    expression the mean weight at rest; the frames compared; the type A standard uncertainties
    (s / sqrt(n) over the frames: successive frames are correlated, so a lower bound)."""

    latency_ms: float
    at_edge: bool
    error: dict[int, float]
    rest: dict[int, float]
    frames: int
    error_u: dict[int, float] = field(default_factory=dict)
    rest_u: dict[int, float] = field(default_factory=dict)
    #: per expression, the frames its error while performed and its weight at rest are means over
    error_n: dict[int, int] = field(default_factory=dict)
    rest_n: dict[int, int] = field(default_factory=dict)
    #: (R4, 1.1) the device's rate on the reference clock (Hz; None: a third of the frames found no latency) and its
    #: standard uncertainty (Hz)
    rate_hz: float | None = None
    rate_u: float = 0.0


def _interpolated(t: np.ndarray, x: np.ndarray, at: np.ndarray) -> np.ndarray:
    """:func:`.readings.interpolated` across gaps of at most ``MAX_GAP_NS``."""
    return interpolated(t, x, at, MAX_GAP_NS)


def _spread(d: np.ndarray) -> float:
    """The root mean square of (frames, expressions) differences about each expression's mean (inf: none)."""
    rows = np.isfinite(d).all(axis=1)
    if np.count_nonzero(rows) < 2:
        return math.inf
    d = d[rows]
    return float(np.sqrt(np.mean((d - d.mean(axis=0)) ** 2)))


def measure(tracked: StreamStats, reference: StreamStats, fewest: int) -> Measured | Message:
    """The tracked stream measured against its reference, or why it cannot be (inconclusive, never a fail)."""
    said = {"sid": repr(tracked.id), "ref": repr(reference.id)}
    mine, theirs = tracked.face_track or FaceTrack(), reference.face_track or FaceTrack()
    if mine.size is None or theirs.size is None or mine.set != theirs.set or mine.size != theirs.size:
        return msg("terminal.face-sets-differ", **said, set=str(mine.set), ref_set=str(theirs.set))
    t, w = mine.columns()
    t_ref, w_ref = theirs.columns()
    if len(t_ref) < 2:
        return msg("terminal.face-too-few", **said, count=0, fewest=fewest)
    w, w_ref = w.astype(np.float64), w_ref.astype(np.float64)
    low, high = np.percentile(w_ref, [5, 95], axis=0)
    performed = np.flatnonzero(high - low >= MIN_SPAN)
    if not len(performed):
        return msg("terminal.face-reference-still", **said, least=MIN_SPAN)
    reach = (t >= t_ref[0] + LEAD_SHIFTS_MS[0] * 1e6) & (t <= t_ref[-1] + LEAD_SHIFTS_MS[-1] * 1e6)
    if np.count_nonzero(reach) < fewest:
        return msg("terminal.face-too-few", **said, count=int(np.count_nonzero((t >= t_ref[0]) & (t <= t_ref[-1]))),
                   fewest=fewest)
    pick = np.unique(np.linspace(0, len(t) - 1, min(len(t), SEARCH_FRAMES)).astype(np.int64))
    moving, tracked_moving, at = w_ref[:, performed], w[np.ix_(pick, performed)], t[pick]
    rms = np.array([_spread(tracked_moving - _interpolated(t_ref, moving, at - shift * 1e6))
                    for shift in LEAD_SHIFTS_MS.astype(np.float64)])
    if not np.isfinite(rms).any():
        return msg("terminal.face-too-few", **said, count=0, fewest=fewest)
    found = best_shift(rms, LEAD_SHIFTS_MS)
    ref_at = _interpolated(t_ref, w_ref, t - found.latency_ms * 1e6)
    compared = np.isfinite(ref_at).all(axis=1)
    if np.count_nonzero(compared) < fewest:
        return msg("terminal.face-too-few", **said, count=int(np.count_nonzero(compared)), fewest=fewest)
    mine_c, ref_c = w[compared], ref_at[compared]
    error: dict[int, float] = {}
    rest: dict[int, float] = {}
    error_u: dict[int, float] = {}
    rest_u: dict[int, float] = {}
    error_n: dict[int, int] = {}
    rest_n: dict[int, int] = {}
    for k in performed.tolist():
        made = ref_c[:, k] >= PERFORMED
        if np.count_nonzero(made):
            column = np.abs(mine_c[made, k] - ref_c[made, k])
            error[k], error_u[k], error_n[k] = float(column.mean()), u_mean(column), len(column)
    for k in range(w.shape[1]):
        still = ref_c[:, k] <= AT_REST
        if np.count_nonzero(still):
            column = mine_c[still, k]
            rest[k], rest_u[k], rest_n[k] = float(column.mean()), u_mean(column), len(column)
    rate, rate_u = _rate_on_reference_clock(t, w[:, performed], t_ref, moving, reach)
    return Measured(found.latency_ms, found.at_edge, error, rest, int(np.count_nonzero(compared)), error_u, rest_u,
                    error_n, rest_n, rate, rate_u)


def _rate_on_reference_clock(t: np.ndarray, w: np.ndarray, t_ref: np.ndarray, w_ref: np.ndarray,
                              reach: np.ndarray) -> tuple[float | None, float]:
    """(R4) The device's frames counted against the reference's clock as TD-BODY-003 R5 counts them
    (:func:`.shifts.rate_on_reference_clock`), the performed expressions' weights (``w``, ``w_ref``) compared."""
    return rate_on_reference_clock(t, reach, SEARCH_FRAMES // 2, lambda part, shift: float(_spread(
        w[part] - _interpolated(t_ref, w_ref, t[part] - shift * 1e6))), LEAD_SHIFTS_MS)


def pairs(result: CaptureAnalysis) -> list[tuple[StreamStats, StreamStats | None]]:
    """Each face stream declaring a reference system, with the face stream it annotates (None: none such)."""
    return reference_pairs(result, "face")


def in_scope(evidence: Evidence, name: str, reference: StreamStats, tracked: StreamStats | None) -> bool:
    """Whether a reference facial capture's stream has a device face stream with frames to judge against; if not, it
    is in
    scope and recorded unjudged (TD-FACE-005 and -007, as TD-FACE-004 records the missing device stream)."""
    if tracked is None:
        evidence.unjudged(name, msg("terminal.binaural-unjudged", file=name, reason=msg(
            "terminal.face-no-tracked", ref=repr(reference.id), target=repr(reference.spec["annotates"]))))
        return False
    if tracked.first_t is None or tracked.last_t is None:
        evidence.unjudged(name, msg("terminal.face-tracked-empty", file=name, sid=repr(tracked.id),
                                    ref=repr(reference.id)))
        return False
    return True
