"""Orientation trueness and precision, and latency, of tracking on a known reference motion (TD-PERF-002).

The rotary stage of TD-PERF-001 (:mod:`.performance`, whose reading of ``reference_motion`` this
shares) turns the clamped device about the stage space's vertical (+Y) axis. A ``reference_motion``
that also declares ``orientation``, the device's orientation in stage space at ``t0`` (a unit
quaternion x, y, z, w, measured when it was clamped), gives the reference orientation at every t:
that orientation turned with the stage, by minus the stage's angle since t0 about +Y (the angle
runs from +X towards +Z, a negative turn about +Y). Declared, not fitted: a fixed rotation fitted
to the data would swallow exactly the constant bias the trueness is there to find.

- Latency. The stage turns at a constant rate, so a late tracker's positions lie behind the
  reference along the circle. The squared distance of each tracked position from the reference
  position at t - s folds, for every shift s at once, into three sums (the circle's closed form:
  with d the position from the centre, theta the stage's angle at t and w its rate,
  |d|^2 - 2 r (d_x cos(theta - w s) + d_z sin(theta - w s)) + r^2); the shift of :mod:`.shifts`
  (TD-AUD-005's search) with the least root-mean-square distance is the latency. Positions, not
  orientations: at a constant rate a late orientation is the same as a constant yaw offset, but a
  late position is no constant offset (a bias is a translation, the lag a turn about the axis).
- Orientation. Per frame the error is the tracked orientation times the conjugate of the reference
  one (world axes), folded as the 4 x 4 sum of e e^T, blind to the sign of each quaternion. The mean
  error is the eigenvector of its largest eigenvalue lambda (Markley et al. 2007, the rotation
  nearest all errors); taking out the latency turns the reference by w times it about +Y, which
  right-multiplies every error by one rotation: the mean error follows it and lambda stays. The
  trueness is the mean error's angle after that turn, 2 atan2(|xyz|, |w|); the precision the angle
  whose half-angle sine squared is the mean of the errors' about the mean, 2 asin sqrt(1 - lambda / n):
  the root mean square of the angles from the mean error, to 0.01 % for errors of a few degrees.

Memory stays flat: a 4 x 4 matrix and a few sums a stream.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from conformance import Message, msg

from .capture.frames import NORM_TOLERANCE
from .chunk import Chunk
from .jsonread import vector
from .model import StreamStats
from .performance import reference_angles, reference_of
from .plausibility import relative_rotations
from .shifts import SHIFTS_MS, BestShift, best_shift


def declared_orientation(stats: StreamStats) -> np.ndarray | None:
    """The reference motion's orientation at t0 as a unit quaternion (x, y, z, w), or None when it
    declares none usable."""
    ref = stats.spec.get("reference_motion")
    given = ref.get("orientation") if isinstance(ref, dict) else None
    if not isinstance(given, dict):
        return None
    q = vector(given, "xyzw")
    if q is None:
        return None  # the header schema says what is wrong
    norm = float(np.linalg.norm(q))
    if abs(norm - 1.0) > NORM_TOLERANCE:
        return None
    return q / norm


def stage_turned(start: np.ndarray, turned: np.ndarray) -> np.ndarray:
    """(4, n) orientations: ``start`` turned by each angle of ``turned`` (radians, from +X towards +Z)
    about +Y, that is the quaternion (0, sin(-a / 2), 0, cos(-a / 2)) times ``start``."""
    s, c = np.sin(-turned / 2), np.cos(-turned / 2)
    x, y, z, w = start
    return np.vstack((c * x + s * z, c * y + s * w, c * z - s * x, c * w - s * y))


@dataclass
class OrientationSums:
    """What a pose stream on a reference motion with a declared orientation carries across chunks."""

    oriented: int = 0  # frames whose orientation was compared
    scatter: np.ndarray = field(default_factory=lambda: np.zeros((4, 4)))  # sum of e e^T
    located: int = 0  # frames whose position was compared
    squares: float = 0.0  # sum of |d|^2, d the position from the stage's centre (m^2)
    along: float = 0.0  # sum of d_x cos theta + d_z sin theta
    across: float = 0.0  # sum of d_x sin theta - d_z cos theta

    def latency(self, ref: dict[str, float]) -> BestShift:
        """The shift of SHIFTS_MS that brings the reference nearest the tracked positions (residual in m)."""
        turn = 2 * math.pi * SHIFTS_MS * 1e-3 / ref["period"]
        squared = self.squares - 2 * ref["r"] * (self.along * np.cos(turn) + self.across * np.sin(turn)) \
            + self.located * ref["r"] ** 2
        return best_shift(np.sqrt(np.maximum(squared, 0.0) / self.located))

    def _mean(self) -> tuple[np.ndarray, float]:
        values, vectors = np.linalg.eigh(self.scatter)
        return vectors[:, -1], float(values[-1])

    def trueness_deg(self, ref: dict[str, float], latency_ms: float) -> float:
        """The mean error's angle, once the reference is taken ``latency_ms`` earlier."""
        mean, _ = self._mean()
        # the reference taken earlier is turned back by w times the latency (+Y): each error times its conjugate
        turned_back = -2 * math.pi * latency_ms * 1e-3 / ref["period"]
        back = stage_turned(np.array([0.0, 0.0, 0.0, 1.0]), np.array([turned_back]))
        xyz, w = relative_rotations(back, mean[:, None])
        return math.degrees(2 * math.atan2(float(np.linalg.norm(xyz)), abs(float(w[0]))))

    def precision_deg(self) -> float:
        _, largest = self._mean()
        return math.degrees(2 * math.asin(math.sqrt(min(max(1.0 - largest / self.oriented, 0.0), 1.0))))


def fold_orientation(chunk: Chunk, q: np.ndarray, p: np.ndarray, orientation_ok: np.ndarray,
                     position_ok: np.ndarray) -> None:
    """Add one chunk's orientation errors and latency sums (rows flagged valid, finite, unit)."""
    stats = chunk.stats
    ref, start = reference_of(stats), declared_orientation(stats)
    if ref is None or start is None:
        return
    sums: OrientationSums = stats.rig_orientation if stats.rig_orientation is not None else OrientationSums()
    stats.rig_orientation = sums
    angles = reference_angles(ref, chunk.t)
    norms = np.linalg.norm(q, axis=1)
    rows = np.flatnonzero(orientation_ok & (np.abs(norms - 1.0) <= NORM_TOLERANCE))  # NaN-safe
    if len(rows):
        tracked = (q[rows] / norms[rows, None]).T
        xyz, w = relative_rotations(stage_turned(start, angles[rows] - ref["phase"]), tracked)
        error = np.vstack((xyz, w))
        sums.scatter += error @ error.T
        sums.oriented += len(rows)
    rows = np.flatnonzero(position_ok & np.isfinite(p).all(axis=1))
    if len(rows):
        dx, dz = p[rows, 0] - ref["cx"], p[rows, 2] - ref["cz"]
        cos, sin = np.cos(angles[rows]), np.sin(angles[rows])
        sums.located += len(rows)
        sums.squares += float(np.sum(dx * dx + (p[rows, 1] - ref["cy"]) ** 2 + dz * dz))
        sums.along += float(np.sum(dx * cos + dz * sin))
        sums.across += float(np.sum(dx * sin - dz * cos))


@dataclass(frozen=True)
class Measured:
    """A stream's orientation trueness and precision (degrees) over ``oriented`` frames, its latency (ms)
    over ``located`` frames, and whether the latency is the last one searched (it may be longer)."""

    trueness_deg: float
    precision_deg: float
    latency_ms: float
    at_edge: bool
    oriented: int
    located: int


def measure(stats: StreamStats, fewest: int) -> Measured | Message:
    """A pose stream on a reference motion measured, or why it cannot be (inconclusive, never a fail)."""
    ref = reference_of(stats)
    said = {"sid": repr(stats.id)}
    if ref is None or declared_orientation(stats) is None:
        return msg("terminal.rig-no-orientation", **said)
    span_ms = float(SHIFTS_MS[-1] - SHIFTS_MS[0])
    if ref["period"] * 1e3 <= span_ms:  # two shifts a turn apart would fit the reference alike
        return msg("terminal.rig-turns-fast", **said, period=ref["period"], span=span_ms)
    sums: OrientationSums | None = stats.rig_orientation
    oriented, located = (0, 0) if sums is None else (sums.oriented, sums.located)
    if sums is None or min(oriented, located) < fewest:
        return msg("terminal.rig-too-few", **said, oriented=oriented, located=located, fewest=fewest)
    found = sums.latency(ref)
    return Measured(sums.trueness_deg(ref, found.latency_ms), sums.precision_deg(), found.latency_ms,
                    found.at_edge, oriented, located)
