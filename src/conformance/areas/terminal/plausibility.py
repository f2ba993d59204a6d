"""Plausible motion of tracked poses (TD-MOT-*), gathered in the one streaming pass.

Real recordings show what a schema cannot: a controller holding one pose to the last bit
for minutes while its flags say tracked (tracking lost, not flagged), or a head that jumps
half a metre between two frames. For each ``pose`` stream the pass keeps, across chunks,
the last frame and the current run of identical poses, and for each measure the worst
value seen and where (:class:`Extreme`):

- ``frozen_ms``: the longest stretch over which the parts of the pose flagged valid and
  tracked (or all of it, for frames without flags, which say valid) stayed bit-identical,
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
from typing import Any

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
    where: dict[str, Any] | None = None
    count: int = 0

    def offer(self, values: np.ndarray, locate: Callable[[int], dict[str, Any]]) -> None:
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
    q: np.ndarray = field(default_factory=lambda: np.zeros(4))
    p: np.ndarray = field(default_factory=lambda: np.zeros(3))
    flags: int = 0
    claims: int = 0  # the parts it claims tracked: 1 orientation, 2 position (valid and tracked, or no flags)
    run_start_t: int = 0  # t of the first frame of the run of identical poses the last frame ends
    velocity: np.ndarray | None = None  # m/s over the interval ending at the last frame (None: not valid)
    angular: np.ndarray | None = None  # deg/s, the angular velocity likewise
    dt: float = 0.0  # s, that interval
    extremes: dict[str, Extreme] = field(default_factory=lambda: {m: Extreme() for m in MEASURES})


def rotation_vectors(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """(n, 3) rotation vectors in degrees, world axes, of the rotations taking each
    orientation of ``before`` to that of ``after`` (quaternions x, y, z, w, normalised here):
    ``after * conjugate(before)``, the shorter way round."""
    with np.errstate(all="ignore"):
        a = before / np.linalg.norm(before, axis=1, keepdims=True)
        b = after / np.linalg.norm(after, axis=1, keepdims=True)
    ax, ay, az, aw = -a[:, 0], -a[:, 1], -a[:, 2], a[:, 3]  # the conjugate of before
    bx, by, bz, bw = b.T
    x = bw * ax + bx * aw + by * az - bz * ay
    y = bw * ay - bx * az + by * aw + bz * ax
    z = bw * az + bx * ay - by * ax + bz * aw
    w = bw * aw - bx * ax - by * ay - bz * az
    sign = np.where(w < 0, -1.0, 1.0)
    xyz = np.stack((x, y, z), axis=1) * sign[:, None]
    sine = np.linalg.norm(xyz, axis=1)
    with np.errstate(all="ignore"):
        angle = 2 * np.arctan2(sine, w * sign)
        scale = np.where(sine > 0, np.degrees(angle) / sine, 0.0)
    return xyz * scale[:, None]


def is_head(stats: StreamStats) -> bool:
    return stats.spec.get("path") == HEAD_PATH


def track_motion(stats: StreamStats, t: np.ndarray, q: np.ndarray, p: np.ndarray, flags: np.ndarray,
                 absent: np.ndarray | None, locate: Callable[[int], dict[str, Any]]) -> None:
    """Fold one chunk of a pose stream (rows in time order, as read) into ``stats.motion``.
    ``absent`` marks frames without flags (counted valid, and tracked for the frozen rule);
    ``locate(row)`` gives a row's location for a finding."""
    state: MotionState | None = stats.motion
    first = state is None
    bare = absent if absent is not None else np.zeros(len(t), dtype=bool)
    # what each frame claims tracked: orientation (bit 0) and position (bit 1), valid and tracked or no flags
    claims = (((flags & 0x1) != 0) & (((flags & 0x4) != 0) | bare)).astype(np.int64) \
        | ((((flags & 0x2) != 0) & (((flags & 0x8) != 0) | bare)).astype(np.int64) << 1)
    if state is None:
        state = stats.motion = MotionState()
    else:  # the previous chunk's last frame as row -1
        t = np.concatenate(([state.t], t))
        q = np.concatenate((state.q[None, :], q))
        p = np.concatenate((state.p[None, :], p))
        flags = np.concatenate(([state.flags], flags))
        claims = np.concatenate(([state.claims], claims))
    shift = 0 if first else 1  # row k of the arrays is row k - shift of the chunk
    n = len(t)

    def at(k: int) -> dict[str, Any]:
        return locate(max(k - shift, 0))

    # frozen: runs of frames claiming the same parts tracked, each such part bit-identical to the last
    same = np.zeros(n, dtype=bool)
    claimed = claims[1:]
    same[1:] = (claimed != 0) & (claimed == claims[:-1]) \
        & (((claimed & 1) == 0) | np.all(q[1:] == q[:-1], axis=1)) \
        & (((claimed & 2) == 0) | np.all(p[1:] == p[:-1], axis=1))
    starts = np.maximum.accumulate(np.where(same, 0, np.arange(n)))
    run_start_t = t[starts].astype(np.int64)
    if not first:
        run_start_t[starts == 0] = state.run_start_t
    frozen_ms = (t - run_start_t) / 1e6
    extremes = state.extremes
    extremes["frozen_ms"].offer(frozen_ms[shift:], lambda k: {**at(k + shift), "since_t": int(run_start_t[k + shift])})

    # speeds over each interval between consecutive frames
    dt = np.diff(t).astype(np.float64) / 1e9
    forward = dt > 0  # reversed or repeated stamps are TD-CAP-002's
    position_ok = ((flags & 0x2) != 0)
    orientation_ok = ((flags & 0x1) != 0)
    linear_ok = forward & position_ok[1:] & position_ok[:-1]
    angular_ok = forward & orientation_ok[1:] & orientation_ok[:-1]
    with np.errstate(all="ignore"):
        velocity = np.diff(p, axis=0) / dt[:, None]
        speed = np.sqrt(np.einsum("ij,ij->i", velocity, velocity))
        spin = rotation_vectors(q[:-1], q[1:]) / dt[:, None]  # deg/s, world frame
        angular = np.sqrt(np.einsum("ij,ij->i", spin, spin))
    rows = np.flatnonzero(linear_ok)
    extremes["linear_speed"].offer(speed[rows], lambda k: at(int(rows[k]) + 1))
    rows_a = np.flatnonzero(angular_ok)
    extremes["angular_speed"].offer(angular[rows_a], lambda k: at(int(rows_a[k]) + 1))

    # accelerations over each pair of consecutive intervals, the previous chunk's last one included
    prev_v = np.vstack(([state.velocity if state.velocity is not None else np.full(3, np.nan)], velocity[:-1])) \
        if not first else velocity[:-1]
    prev_ok = np.concatenate(([state.velocity is not None], linear_ok[:-1])) if not first else linear_ok[:-1]
    prev_w = np.vstack(([state.angular if state.angular is not None else np.full(3, np.nan)], spin[:-1])) \
        if not first else spin[:-1]
    prev_w_ok = np.concatenate(([state.angular is not None], angular_ok[:-1])) if not first else angular_ok[:-1]
    prev_dt = np.concatenate(([state.dt], dt[:-1])) if not first else dt[:-1]
    cur_v, cur_ok, cur_w, cur_w_ok, cur_dt = (
        (velocity, linear_ok, spin, angular_ok, dt) if not first else
        (velocity[1:], linear_ok[1:], spin[1:], angular_ok[1:], dt[1:]))
    offset = 1 if first else 0  # interval k of cur_* ends at array row k + 1 + offset
    with np.errstate(all="ignore"):
        mean_dt = (prev_dt + cur_dt) / 2
        change = cur_v - prev_v
        acceleration = np.sqrt(np.einsum("ij,ij->i", change, change)) / mean_dt
        turn = cur_w - prev_w
        angular_acceleration = np.sqrt(np.einsum("ij,ij->i", turn, turn)) / mean_dt
    rows_l = np.flatnonzero(cur_ok & prev_ok)
    extremes["linear_acceleration"].offer(acceleration[rows_l], lambda k: at(int(rows_l[k]) + 1 + offset))
    rows_w = np.flatnonzero(cur_w_ok & prev_w_ok)
    extremes["angular_acceleration"].offer(angular_acceleration[rows_w],
                                           lambda k: at(int(rows_w[k]) + 1 + offset))

    # what the next chunk starts from
    state.t, state.q, state.p, state.flags = int(t[-1]), q[-1].copy(), p[-1].copy(), int(flags[-1])
    state.claims, state.run_start_t = int(claims[-1]), int(run_start_t[-1])
    if len(dt):
        state.velocity = velocity[-1].copy() if linear_ok[-1] else None
        state.angular = spin[-1].copy() if angular_ok[-1] else None
        state.dt = float(dt[-1])
    else:  # a chunk of one frame, the stream's first
        state.velocity = state.angular = None
