"""Tracking on a motion programme a reference rig measures (TD-PERF-004).

A capture carries, beside the device's pose stream, a reference pose stream on the same clock and in the
same space: a pose stream that declares ``reference_system`` (what measured it: a motion stage or robot
arm's encoders, or an optical tracker, calibrated into the stage space) and, in ``annotates``, the id of
the device's pose stream it is the ground truth for. The rig moves the clamped device through the
programme the test case fixes: a tilt about a horizontal axis, a translation, a turn at two speeds, and a
fast turn at a published human peak head speed.

While the capture is read, the valid poses of both streams are held (float64, at most ``MAX_FRAMES``
frames a stream, 5.1's reading bound 「测量保留的读数」: a stream past it is counted and the pair is not judged,
sixty-ninth reading, c3/d1). Judged once both are read (:func:`measure`):

- Coverage (a precondition, measured on the reference, not declared): the reference tilts the device's
  +Y axis at least ``MIN_TILT_DEG`` from the vertical, moves it over at least ``MIN_TRAVEL_M`` (the
  largest distance between two of its positions), and turns it at a peak angular speed of at least
  ``MIN_PEAK_DEG_S``. A reference short of any is inconclusive, naming what it lacks: two laboratories
  then run programmes that exercise the same motions.
- Latency of position: the reference's positions, linearly interpolated between its frames (not across a
  gap longer than ``MAX_GAP_NS``), taken earlier by each shift of :mod:`.shifts`; the shift with the least
  root mean square of the differences about their mean is the position latency.
- Latency of orientation, apart from it: the reference's orientations, interpolated (nlerp, each pair on
  one hemisphere), taken earlier by each shift; per shift the error rotations e = q * conj(q_ref) folded as
  the 4 x 4 sum of e e^T (Markley et al. 2007); the shift with the largest eigenvalue (the errors nearest
  one rotation, their spread the least) is the orientation latency. A tracker predicting its orientation
  but not its position (or the reverse) shows two latencies.
- Position at its latency: the trueness (the length of the mean error vector) and the precision (the
  root mean square of the errors about their mean), as TD-PERF-001 takes them. Orientation at its latency:
  the trueness (the angle of the mean error rotation) and the precision (the root mean square of the
  errors' angles about it, from the eigenvalue), as TD-PERF-002 takes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from conformance import Message, msg

from .._shared.uncertainty import u_mean
from . import quaternions
from .chunk import Chunk
from .interface_log import reference_pairs
from .model import CaptureAnalysis, StreamStats
from .readings import Capped, hold_reference_tracks
from .shifts import SHIFTS_MS, best_shift

MAX_FRAMES = 200_000  # held a stream: 200 000 x (1 + 4 + 3) float64, 13 MB
MAX_GAP_NS = 100_000_000
SEARCH_FRAMES = 2_000
MIN_TILT_DEG, MIN_TRAVEL_M = 20.0, 0.2
MIN_PEAK_DEG_S = 780.0  # Grossman et al. (1988): the group median peak head speed in vigorous voluntary yaw


@dataclass
class PoseTrack(Capped):
    """The valid poses of one pose stream held for TD-PERF-004: times, (n, 4) orientations, (n, 3) positions; at
    most ``MAX_FRAMES``, the valid poses past it counted as dropped (the stream is then not judged)."""

    t: list[np.ndarray] = field(default_factory=list)
    q: list[np.ndarray] = field(default_factory=list)
    p: list[np.ndarray] = field(default_factory=list)

    def columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self.t:
            return np.empty(0), np.empty((0, 4)), np.empty((0, 3))
        t, first = np.unique(np.concatenate(self.t).astype(np.float64), return_index=True)
        q = np.concatenate(self.q)[first]
        return t, q / np.linalg.norm(q, axis=1, keepdims=True), np.concatenate(self.p)[first]


def read_pose_references(result: CaptureAnalysis) -> None:
    """Each pose stream declaring a reference system, and the pose stream it annotates, hold their poses."""
    hold_reference_tracks(result, "pose", "pose_track", PoseTrack)


def follow_pose(chunk: Chunk, q: np.ndarray, p: np.ndarray, valid: np.ndarray) -> None:
    """Hold one chunk's poses whose orientation and position are both valid."""
    track: PoseTrack = chunk.stats.pose_track
    usable = np.flatnonzero(valid)
    rows = usable[: track.take(MAX_FRAMES, len(usable))]
    if len(rows):
        track.t.append(chunk.t[rows].copy())
        track.q.append(q[rows].astype(np.float64))
        track.p.append(p[rows].astype(np.float64))


@dataclass(frozen=True)
class Coverage:
    """What the reference exercised: the largest tilt of the device's +Y from the vertical (degrees), the
    largest distance between two of its positions (m), its peak angular speed (deg/s)."""

    tilt_deg: float
    travel_m: float
    peak_deg_s: float

    def lacking(self) -> list[str]:
        return [f"{name} {value:.3g} < {least:g}" for name, value, least in (
            ("tilt_deg", self.tilt_deg, MIN_TILT_DEG), ("travel_m", self.travel_m, MIN_TRAVEL_M),
            ("peak_deg_s", self.peak_deg_s, MIN_PEAK_DEG_S)) if not value >= least]


@dataclass(frozen=True)
class Measured:
    """A tracked pose stream against its reference: what the reference covered; the position latency (ms)
    and trueness and precision (mm) at it; the orientation latency (ms) and trueness and precision (degrees)
    at it; the samples compared; type A standard uncertainties."""

    coverage: Coverage
    position_latency_ms: float
    position_trueness_mm: float
    position_precision_mm: float
    orientation_latency_ms: float
    orientation_trueness_deg: float
    orientation_precision_deg: float
    samples: int
    position_trueness_u: float = 0.0
    position_precision_u: float = 0.0
    orientation_trueness_u: float = 0.0
    orientation_precision_u: float = 0.0
    at_edge: bool = False


def capped_poses(stats: StreamStats) -> tuple[int, int] | None:
    """(kept, dropped) of a pose stream whose valid poses went past ``MAX_FRAMES``; None when none did."""
    track = stats.pose_track
    return (track.kept, track.dropped) if track is not None and track.dropped else None


def _conj(q: np.ndarray) -> np.ndarray:
    return q * np.array([-1.0, -1.0, -1.0, 1.0])


def _at(t: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each time in ``at``: the frame before it, its share of the way to the next, and whether usable."""
    k = np.clip(np.searchsorted(t, at, side="right") - 1, 0, len(t) - 2)
    span = t[k + 1] - t[k]
    ok = (at >= t[0]) & (at <= t[-1]) & (span <= MAX_GAP_NS)
    return k, (at - t[k]) / span, ok


def _positions_at(t: np.ndarray, p: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    k, w, ok = _at(t, at)
    return p[k] + (p[k + 1] - p[k]) * w[:, None], ok


def _turns_at(t: np.ndarray, q: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    k, w, ok = _at(t, at)
    a, b = q[k], q[k + 1]
    b = np.where(np.sum(a * b, axis=1, keepdims=True) < 0, -b, b)
    out = a + (b - a) * w[:, None]
    return out / np.linalg.norm(out, axis=1, keepdims=True), ok


def coverage(t: np.ndarray, q: np.ndarray, p: np.ndarray) -> Coverage:
    """What the reference poses exercise (measured on them, not declared)."""
    x, y, z, w = q.T
    up_y = 1 - 2 * (x * x + z * z)  # the world Y component of the device's +Y axis
    tilt = float(np.degrees(np.arccos(np.clip(up_y, -1.0, 1.0))).max()) if len(q) else 0.0
    centre = p.mean(axis=0) if len(p) else np.zeros(3)
    far = p[np.argmax(np.linalg.norm(p - centre, axis=1))] if len(p) else centre
    travel = float(np.linalg.norm(p - far, axis=1).max()) if len(p) else 0.0
    peak = 0.0
    if len(t) > 1:
        dots = np.abs(np.sum(q[1:] * q[:-1], axis=1))
        angle = np.degrees(2 * np.arccos(np.clip(dots, 0.0, 1.0)))
        dt = np.diff(t) / 1e9
        close = dt * 1e9 <= MAX_GAP_NS
        peak = float((angle[close] / dt[close]).max()) if close.any() else 0.0
    return Coverage(tilt, travel, peak)


def _markley(e: np.ndarray) -> tuple[np.ndarray, float]:
    """The mean of unit quaternions ``e`` (the eigenvector of the largest eigenvalue of sum e e^T) and that
    eigenvalue over their count."""
    values, vectors = np.linalg.eigh(e.T @ e)
    return vectors[:, -1], float(values[-1]) / len(e)


def measure(tracked: StreamStats, reference: StreamStats, fewest: int) -> Measured | Message:
    """The tracked stream measured against its reference, or why it cannot be (inconclusive, never a fail)."""
    said = {"sid": repr(tracked.id), "ref": repr(reference.id)}
    for stats in (tracked, reference):
        capped = capped_poses(stats)
        if capped is not None:
            return msg("terminal.programme-capped", **said, stream=repr(stats.id), kept=capped[0], dropped=capped[1])
    t, q, p = (tracked.pose_track or PoseTrack()).columns()
    t_ref, q_ref, p_ref = (reference.pose_track or PoseTrack()).columns()
    if len(t) == 0 or len(t_ref) < 2:
        return msg("terminal.programme-too-few", **said, count=0, fewest=fewest)
    covered = coverage(t_ref, q_ref, p_ref)
    if covered.lacking():
        return msg("terminal.programme-not-covered", **said, lacking=", ".join(covered.lacking()))
    pick = np.unique(np.linspace(0, len(t) - 1, min(len(t), SEARCH_FRAMES)).astype(np.int64))
    spreads, nearness = [], []
    for shift in SHIFTS_MS.astype(np.float64):
        at = t[pick] - shift * 1e6
        there, ok = _positions_at(t_ref, p_ref, at)
        d = p[pick][ok] - there[ok]
        spreads.append(float(np.sqrt(np.mean(np.sum((d - d.mean(axis=0)) ** 2, axis=1)))) if len(d) > 1 else np.inf)
        turned, ok = _turns_at(t_ref, q_ref, at)
        e = quaternions.product(q[pick][ok], _conj(turned[ok]))
        nearness.append(-_markley(e)[1] if len(e) > 1 else np.inf)  # the least is the nearest one rotation
    if not np.isfinite(spreads).any() or not np.isfinite(nearness).any():
        return msg("terminal.programme-too-few", **said, count=0, fewest=fewest)
    by_position, by_orientation = best_shift(np.array(spreads)), best_shift(np.array(nearness))
    there, ok_p = _positions_at(t_ref, p_ref, t - by_position.latency_ms * 1e6)
    turned, ok_q = _turns_at(t_ref, q_ref, t - by_orientation.latency_ms * 1e6)
    compared = int(min(np.count_nonzero(ok_p), np.count_nonzero(ok_q)))
    if compared < fewest:
        return msg("terminal.programme-too-few", **said, count=compared, fewest=fewest)
    d = (p[ok_p] - there[ok_p]) * 1e3
    mean = d.mean(axis=0)
    about = np.linalg.norm(d - mean, axis=1)
    e = quaternions.product(q[ok_q], _conj(turned[ok_q]))
    centre, share = _markley(e)
    trueness_deg = math.degrees(2 * math.atan2(float(np.linalg.norm(centre[:3])), abs(float(centre[3]))))
    from_mean = np.degrees(2 * np.arccos(np.clip(np.abs(e @ centre), 0.0, 1.0)))
    precision_deg = math.degrees(2 * math.asin(math.sqrt(max(0.0, 1.0 - share))))
    precision_mm = float(np.sqrt(np.mean(about ** 2)))
    return Measured(covered, by_position.latency_ms, float(np.linalg.norm(mean)), precision_mm,
                    by_orientation.latency_ms, trueness_deg, precision_deg, compared,
                    float(np.sqrt(np.sum(np.var(d, axis=0, ddof=1)) / len(d))), _u_rms(about, precision_mm),
                    u_mean(from_mean), _u_rms(from_mean, precision_deg), by_position.at_edge or by_orientation.at_edge)


def _u_rms(x: np.ndarray, rms: float) -> float:
    """The standard uncertainty of a root mean square ``rms`` of ``x`` (the delta method: s(x^2) / (2 rms sqrt n))."""
    return float(np.std(x ** 2, ddof=1) / (2 * rms * math.sqrt(len(x)))) if rms > 0 and len(x) > 1 else 0.0


def pairs(result: CaptureAnalysis) -> list[tuple[StreamStats, StreamStats | None]]:
    """Each pose stream declaring a reference system, with the pose stream it annotates (None: none such); a
    session's record holds only its windows: TD-PERF-005 reads it (session_tracking.py)."""
    return [(reference, tracked) for reference, tracked in reference_pairs(result, "pose")
            if "reference_session" not in reference.spec]
