"""Plausible motion of tracked poses (TD-MOT-*), gathered in the one streaming pass.

Real recordings show what a schema cannot: a controller holding one pose to the last bit
for minutes while its flags say tracked (tracking lost, not flagged), or a head that jumps
half a metre between two frames. For each ``pose`` stream the pass keeps, across chunks,
the last frame and the current run of identical poses, and for each measure the worst
value seen and where (:class:`Extreme`):

- ``frozen_ms``: the longest stretch over which the parts of the pose flagged valid and
  tracked (all of it, for frames without flags, which hold all four bits) stayed bit-identical,
  in milliseconds; a part flagged valid but not tracked is OpenXR's last-known or inferred
  one and may hold still;
- ``linear_speed`` (m/s) and ``angular_speed`` (deg/s): between consecutive frames whose
  position (orientation) is valid, distance (rotation angle) over the time between them;
- ``linear_acceleration`` (m/s^2): the change of the velocity vector between consecutive
  intervals over the mean of their durations; ``angular_acceleration`` (deg/s^2) the change
  of the angular velocity vector likewise (the rotation between two frames, as a rotation
  vector in stage axes, over the time between them).

Nothing is judged here: the limits are profile parameters, applied by the suite
(suites/terminal/test_motion.py) to the worst values, so one pass serves every profile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .model import StreamStats

VALID = 0x1 | 0x2  # XrSpaceLocationFlags: orientation and position valid
TRACKED = 0x4 | 0x8  # orientation and position tracked
MEASURES = ("frozen_ms", "linear_speed", "angular_speed", "linear_acceleration", "angular_acceleration")
HEAD_PATH = "/user/head"


@dataclass
class Extreme:
    """The largest value of one measure over a stream, where it was, and how many values."""

    value: float = 0.0
    where: dict[str, object] | None = None
    count: int = 0

    def offer(self, values: np.ndarray, locate: Callable[[int], dict[str, object]]) -> None:
        if not len(values):
            return
        self.count += len(values)
        values = np.nan_to_num(values, nan=np.inf)
        k = int(np.argmax(values))
        if values[k] > self.value:
            self.value, self.where = float(values[k]), locate(k)


@dataclass
class MotionState:
    """What must survive a chunk boundary: the stream's last frame and the extremes so far."""

    t: int = 0
    pose: np.ndarray = field(default_factory=lambda: np.zeros(7))  # orientation x, y, z, w; position
    flags: int = 0
    run_start_t: int = 0  # t of the first frame of the run of identical poses the last frame ends
    velocity: np.ndarray = field(default_factory=lambda: np.full(3, np.nan))  # m/s over the last interval
    spin: np.ndarray = field(default_factory=lambda: np.full(3, np.nan))  # deg/s likewise
    linear_ok: bool = False  # whether those are measured (both ends valid, time forward)
    angular_ok: bool = False
    dt: float = 0.0  # s, that interval
    extremes: dict[str, Extreme] = field(default_factory=lambda: {m: Extreme() for m in MEASURES})


def relative_rotations(before: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The quaternions ``after * conjugate(before)`` ((4, n): x, y, z, w rows in), world axes: the
    rotations taking each orientation of ``before`` to that of ``after``, as (3, n) x, y, z and (n,) w."""
    ax, ay, az, aw = before
    bx, by, bz, bw = after
    xyz = np.empty((3, before.shape[1]))
    xyz[0] = aw * bx - bw * ax - by * az + bz * ay
    xyz[1] = aw * by - bw * ay - bz * ax + bx * az
    xyz[2] = aw * bz - bw * az - bx * ay + by * ax
    return xyz, bw * aw + bx * ax + by * ay + bz * az


def rotation_vectors(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """(3, n) rotation vectors in degrees, world axes, of the rotations taking each
    orientation of ``before`` to that of ``after`` ((4, n): x, y, z, w rows): ``after *
    conjugate(before)``, the shorter way round. Neither is normalised: the angle,
    2 atan2(|xyz|, |w|), and the axis do not depend on the quaternions' lengths."""
    xyz, w = relative_rotations(before, after)
    sine = np.sqrt(np.einsum("ij,ij->j", xyz, xyz))
    with np.errstate(all="ignore"):
        scale = np.degrees(2 * np.arctan2(sine, np.abs(w))) / sine
    scale[sine == 0] = 0.0
    np.negative(scale, out=scale, where=w < 0)
    xyz *= scale
    return xyz


def is_head(stats: StreamStats) -> bool:
    return stats.spec.get("path") == HEAD_PATH


def _offer(extreme: Extreme, squared: np.ndarray, ok: np.ndarray, locate: Callable[[int], dict[str, object]],
           root: bool = True) -> None:
    """Fold the largest of ``squared`` (squared magnitudes; with ``root=False`` plain values,
    never negative) where ``ok`` holds into ``extreme``; NaN counts as infinite."""
    if not len(squared):
        return
    if ok.all():
        extreme.count += len(squared)
    else:
        extreme.count += int(np.count_nonzero(ok))
        squared = np.where(ok, squared, -1.0)
    k = int(np.argmax(squared))
    value = float(squared[k])
    if value < 0:
        return
    value = np.inf if value != value else (value ** 0.5 if root else value)
    if value > extreme.value:
        extreme.value, extreme.where = value, locate(k)


def track_motion(stats: StreamStats, t: np.ndarray, q: np.ndarray, p: np.ndarray, flags: np.ndarray,
                 locate: Callable[[int], dict[str, object]]) -> None:
    """Fold one chunk of a pose stream (rows in time order, as read) into ``stats.motion``.
    ``locate(row)`` gives a row's location for a finding. Columns are laid out as rows of
    contiguous arrays, the previous chunk's last frame first, so every step is one pass."""
    state: MotionState | None = stats.motion
    first = state is None
    if state is None:
        state = stats.motion = MotionState()
    shift = 0 if first else 1  # array column k is chunk row k - shift
    m = len(t) + shift
    pose = np.empty((7, m))
    pose[:4, shift:], pose[4:, shift:] = q.T, p.T
    tt, ff = np.empty(m, np.int64), np.empty(m, np.int64)
    tt[shift:], ff[shift:] = t, flags
    if not first:
        pose[:, 0], tt[0], ff[0] = state.pose, state.t, state.flags
    extremes = state.extremes

    def at(column: int) -> dict[str, object]:
        return locate(max(column - shift, 0))

    # frozen: runs of frames claiming the same parts tracked (orientation 1, position 2), each bit-identical
    claims = ((ff & 0x5) == 0x5).astype(np.int8) | (((ff & 0xA) == 0xA).astype(np.int8) << 1)
    later = claims[1:]
    same = np.zeros(m, dtype=bool)
    same[1:] = (later != 0) & (later == claims[:-1]) \
        & (((later & 1) == 0) | (pose[:4, 1:] == pose[:4, :-1]).all(axis=0)) \
        & (((later & 2) == 0) | (pose[4:, 1:] == pose[4:, :-1]).all(axis=0))
    if same.any():
        starts = np.maximum.accumulate(np.where(same, 0, np.arange(m)))
        run_start_t = tt[starts]
        if not first:
            run_start_t[starts == 0] = state.run_start_t
        frozen_ms = (tt - run_start_t)[shift:] / 1e6
        _offer(extremes["frozen_ms"], frozen_ms, np.ones(len(frozen_ms), dtype=bool),
               lambda k: {**at(k + shift), "since_t": int(run_start_t[k + shift])}, root=False)
        state.run_start_t = int(run_start_t[-1])
    else:
        extremes["frozen_ms"].count += m - shift
        state.run_start_t = int(tt[-1])

    # speeds over each interval between consecutive columns, with the previous chunk's last interval first
    dt = np.empty(m)
    dt[0] = state.dt
    dt[1:] = np.diff(tt) / 1e9
    position_ok, orientation_ok = (ff & 0x2) != 0, (ff & 0x1) != 0
    forward = dt[1:] > 0  # reversed or repeated stamps are TD-CAP-002's
    linear_ok, angular_ok = np.empty(m, dtype=bool), np.empty(m, dtype=bool)
    linear_ok[0], angular_ok[0] = state.linear_ok and not first, state.angular_ok and not first
    linear_ok[1:] = forward & position_ok[1:] & position_ok[:-1]
    angular_ok[1:] = forward & orientation_ok[1:] & orientation_ok[:-1]
    velocity, spin = np.empty((3, m)), np.empty((3, m))
    velocity[:, 0], spin[:, 0] = state.velocity, state.spin
    with np.errstate(all="ignore"):
        np.divide(np.diff(pose[4:], axis=1), dt[1:], out=velocity[:, 1:])
        np.divide(rotation_vectors(pose[:4, :-1], pose[:4, 1:]), dt[1:], out=spin[:, 1:])
        _offer(extremes["linear_speed"], np.einsum("ij,ij->j", velocity[:, 1:], velocity[:, 1:]), linear_ok[1:],
               lambda k: at(k + 1))
        _offer(extremes["angular_speed"], np.einsum("ij,ij->j", spin[:, 1:], spin[:, 1:]), angular_ok[1:],
               lambda k: at(k + 1))
        # accelerations over each pair of consecutive intervals: interval k ends at column k
        mean_dt = (dt[1:] + dt[:-1]) / 2
        for name, vectors, ok in (("linear_acceleration", velocity, linear_ok),
                                  ("angular_acceleration", spin, angular_ok)):
            change = np.diff(vectors, axis=1)
            _offer(extremes[name], np.einsum("ij,ij->j", change, change) / (mean_dt * mean_dt), ok[1:] & ok[:-1],
                   lambda k: at(k + 1))

    # what the next chunk starts from
    state.t, state.pose, state.flags = int(tt[-1]), pose[:, -1].copy(), int(ff[-1])
    state.velocity, state.spin, state.dt = velocity[:, -1].copy(), spin[:, -1].copy(), float(dt[-1])
    state.linear_ok, state.angular_ok = bool(linear_ok[-1]), bool(angular_ok[-1])
