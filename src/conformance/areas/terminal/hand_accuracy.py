"""Hand tracking against a reference capture of the same hand (TD-HAND-005).

A capture carries, beside the device's hand stream, a reference stream of the same hand on the same
clock and in the same space: a hand stream that declares ``reference_system`` (what measured it: an
optical marker-based motion capture of the hand, solved to OpenXR's 26 joints, or a calibrated
hand model moved by a stage) and, in ``annotates``, the id of the device's hand stream it is the
ground truth for. Both carry XR_EXT_hand_tracking's 26 joints (TD-HAND-001).

While the capture is read, the joint positions of every active frame whose joints all have a valid
position are held (float32, at most ``MAX_FRAMES`` frames a stream). Judged once both are read
(:func:`measure`):

- Latency: the reference, linearly interpolated between its frames (not across a gap longer than
  ``MAX_GAP_NS``), is taken earlier by each shift of :mod:`.shifts`; the shift with the least root
  mean square of the 26 joints' differences, about each joint's mean difference, is the latency
  (about the mean, as TD-BODY-003: a constant offset is the accuracy's to judge, not the latency's).
  The joints' places in the space, not only their places in the hand, decide it: a hand moved
  through the space shows a late tracker more clearly than its fingers curling.
- At that latency: each joint's position relative to the wrist (XR_HAND_JOINT_WRIST_EXT), on both
  streams, and its mean distance from the reference's (R1: the hand's shape, as MPJPE takes joints
  relative to a root); the wrist's own mean distance from the reference's in the capture's space
  (R2: where the hand is, what a user reaches with). Both are means over the frames compared.

A reference whose joints hardly move (RMS about their mean below ``MIN_SWING_MM``) shows no latency;
it, no frame where both streams hold a hand, and fewer frames compared than the fewest the profile
asks are inconclusive, never a fail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from conformance import Message, msg

from .._shared.uncertainty import u_mean
from .capture.frames import HAND_JOINT_COUNT
from .chunk import Chunk
from .interface_log import reference_pairs
from .model import CaptureAnalysis, StreamStats
from .readings import Capped, hold_reference_tracks, interpolated
from .shifts import SHIFTS_MS, best_shift

WRIST = 1  # XR_HAND_JOINT_WRIST_EXT
MAX_FRAMES = 40_000  # held a stream: 40 000 x 26 joints x 3 float32, 12 MB
MAX_GAP_NS = 100_000_000  # the reference is not interpolated across a longer gap
SEARCH_FRAMES = 2_000
MIN_SWING_MM = 20.0


@dataclass
class HandTrack(Capped):
    """The joint positions of one hand stream held for TD-HAND-005: times and (n, 26, 3) positions of the
    frames whose hand is active with every joint's position valid."""

    t: list[np.ndarray] = field(default_factory=list)
    p: list[np.ndarray] = field(default_factory=list)

    def columns(self) -> tuple[np.ndarray, np.ndarray]:
        """(t, p) in time order, one frame per time."""
        if not self.t:
            return np.empty(0), np.empty((0, HAND_JOINT_COUNT, 3), np.float32)
        t, first = np.unique(np.concatenate(self.t).astype(np.float64), return_index=True)
        return t, np.concatenate(self.p)[first]


def read_hand_references(result: CaptureAnalysis) -> None:
    """Each hand stream declaring a reference system, and the hand stream it annotates, hold their joints."""
    hold_reference_tracks(result, "hand", "hand_track", HandTrack)


def follow_hand(chunk: Chunk, p: np.ndarray, located: np.ndarray) -> None:
    """Hold one chunk's joint positions (``p`` (n, 26, 3)) of the frames ``located`` marks usable."""
    track: HandTrack = chunk.stats.hand_track
    rows = np.flatnonzero(located)
    rows = rows[: track.take(MAX_FRAMES, len(rows))]
    if len(rows):
        track.t.append(chunk.t[rows].copy())
        track.p.append(p[rows].astype(np.float32))


@dataclass(frozen=True)
class Measured:
    """A tracked hand stream against its reference: the latency (ms) and whether it is the last shift searched;
    per joint (its index, the wrist left out) the mean wrist-relative position error (mm); the wrist's mean
    position error in the capture's space (mm); the frames compared; the type A standard uncertainties
    (s / sqrt(n) over the frames: successive frames are correlated, so a lower bound)."""

    latency_ms: float
    at_edge: bool
    per_joint_mm: dict[int, float]
    wrist_mm: float
    frames: int
    per_joint_u: dict[int, float] = field(default_factory=dict)
    wrist_u: float = 0.0


def _interpolated(t: np.ndarray, x: np.ndarray, at: np.ndarray) -> np.ndarray:
    """:func:`.readings.interpolated` across gaps of at most ``MAX_GAP_NS``."""
    return interpolated(t, x, at, MAX_GAP_NS)


def _spread(d: np.ndarray) -> float:
    """The root mean square of (frames, joints, 3) differences about each joint's mean (inf: too few)."""
    rows = np.isfinite(d).all(axis=(1, 2))
    if np.count_nonzero(rows) < 2:
        return math.inf
    d = d[rows]
    return float(np.sqrt(np.mean(np.sum((d - d.mean(axis=0)) ** 2, axis=2))))


def measure(tracked: StreamStats, reference: StreamStats, fewest: int) -> Measured | Message:
    """The tracked stream measured against its reference, or why it cannot be (inconclusive, never a fail)."""
    said = {"sid": repr(tracked.id), "ref": repr(reference.id)}
    t, p = (tracked.hand_track or HandTrack()).columns()
    t_ref, p_ref = (reference.hand_track or HandTrack()).columns()
    if len(t) == 0 or len(t_ref) < 2:
        return msg("terminal.hand-ref-too-few", **said, count=0, fewest=fewest)
    p, p_ref = p.astype(np.float64), p_ref.astype(np.float64)
    swing = float(np.sqrt(np.mean(np.sum((p_ref - p_ref.mean(axis=0)) ** 2, axis=2)))) * 1e3
    if not swing >= MIN_SWING_MM:
        return msg("terminal.hand-reference-still", **said, swing=swing, least=MIN_SWING_MM)
    reach = (t >= t_ref[0] + SHIFTS_MS[0] * 1e6) & (t <= t_ref[-1] + SHIFTS_MS[-1] * 1e6)
    if np.count_nonzero(reach) < fewest:
        return msg("terminal.hand-ref-too-few", **said,
                   count=int(np.count_nonzero((t >= t_ref[0]) & (t <= t_ref[-1]))), fewest=fewest)
    pick = np.unique(np.linspace(0, len(t) - 1, min(len(t), SEARCH_FRAMES)).astype(np.int64))
    mine, at = p[pick], t[pick]
    rms = np.array([_spread(mine - _interpolated(t_ref, p_ref, at - shift * 1e6))
                    for shift in SHIFTS_MS.astype(np.float64)])
    if not np.isfinite(rms).any():
        return msg("terminal.hand-ref-too-few", **said, count=0, fewest=fewest)
    found = best_shift(rms)
    ref_at = _interpolated(t_ref, p_ref, t - found.latency_ms * 1e6)
    compared = np.isfinite(ref_at).all(axis=(1, 2))
    if np.count_nonzero(compared) < fewest:
        return msg("terminal.hand-ref-too-few", **said, count=int(np.count_nonzero(compared)), fewest=fewest)
    mine_c, ref_c = p[compared], ref_at[compared]
    shape = np.linalg.norm((mine_c - mine_c[:, WRIST:WRIST + 1]) - (ref_c - ref_c[:, WRIST:WRIST + 1]), axis=2) * 1e3
    wrist = np.linalg.norm(mine_c[:, WRIST] - ref_c[:, WRIST], axis=1) * 1e3
    joints = [k for k in range(HAND_JOINT_COUNT) if k != WRIST]
    return Measured(found.latency_ms, found.at_edge, {k: float(shape[:, k].mean()) for k in joints},
                    float(wrist.mean()), int(np.count_nonzero(compared)),
                    {k: u_mean(shape[:, k]) for k in joints}, u_mean(wrist))


def pairs(result: CaptureAnalysis) -> list[tuple[StreamStats, StreamStats | None]]:
    """Each hand stream declaring a reference system, with the hand stream it annotates (None: none such)."""
    return reference_pairs(result, "hand")
