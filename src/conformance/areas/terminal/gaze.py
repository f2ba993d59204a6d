"""Eye-gaze accuracy and precision against declared fixation targets (TD-GAZE-002).

An ``eye_gaze`` stream recorded during a validation sequence declares it in ``fixation_targets``: how
long after a target appears the gaze is given to settle on it (``settle_ms``), and each target the test
showed: when (``t`` on the capture clock, ``duration_ms``) and where, as a point in the stream's space
(``position``, metres: the target's direction is taken from each sample's gaze origin) or as a
direction (``direction``, a target at optical infinity). That is the ground truth the gaze is held to.

A gaze pose looks along its -Z axis (XR_EXT_eye_gaze_interaction: +Y up, +X right, -Z forward). A
sample counts when its orientation and position are valid and tracked (a nominal gaze pose; a frame
without flags holds all four bits, :data:`.poses.NO_FLAGS`); the others (blinks, lost tracking, sub-nominal poses) are left out.
Over each target's window, from ``settle_ms`` after it appears to its end, per Holmqvist, Nystrom and
Mulvey (2012) and Tobii's test method (2011, 3.1 and 3.2):

- accuracy: the mean angular offset between each sample's gaze direction and the target's direction;
- precision: the root mean square of the angular distances between successive samples (RMS-S2S; only
  pairs of valid samples next to each other in the stream), and, recorded, the standard deviation of
  the samples' directions about their mean direction.

A window with too few valid samples (fewer than ``MIN_VALID_SAMPLES``, or than ``MIN_VALID_SHARE`` of
what it holds at the stream's rate) is not measured: that target is named and left unjudged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .._shared.uncertainty import u_mean, u_rms
from .chunk import Chunk
from .jsonread import is_finite, vector
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: XrSpaceLocationFlagBits: orientation and position valid; orientation and position tracked
VALID_BITS, TRACKED_BITS = 0x3, 0xC
#: a target's window is measured with at least this many valid samples, and this share of the
#: samples the window holds at the stream's declared rate (the catalog's choice, see TD-GAZE-002's notes)
MIN_VALID_SAMPLES, MIN_VALID_SHARE = 10, 0.5
LONGEST_TARGET_MS = 60_000.0


@dataclass(frozen=True)
class Target:
    """One declared fixation target: its index, when it is shown (ns on the capture clock), when its
    samples start counting, and where it is (a point in the stream's space, or a unit direction)."""

    index: int
    onset: int
    start: int
    end: int
    position: np.ndarray | None
    direction: np.ndarray | None


@dataclass
class Window:
    """What one target's window gathered, chunk by chunk: gaze and target directions (unit, (n, 3)),
    which samples count, each sample's frame index in the stream, where the window's first frame is."""

    gaze: list[np.ndarray] = field(default_factory=list)
    aim: list[np.ndarray] = field(default_factory=list)
    usable: list[np.ndarray] = field(default_factory=list)
    frames: list[np.ndarray] = field(default_factory=list)
    first: dict[str, object] | None = None


@dataclass
class GazeState:
    """An eye-gaze stream declaring fixation targets: the usable targets (empty: none could be read)
    and each one's window."""

    targets: list[Target]
    windows: dict[int, Window] = field(default_factory=dict)


@dataclass(frozen=True)
class Measured:
    """One target's window measured: samples in it and valid, the fewest valid it needs, and in degrees
    the accuracy, the precision (RMS-S2S over ``pairs`` successive pairs) and the standard deviation
    (None when too few valid samples)."""

    target: Target
    total: int
    valid: int
    fewest: int
    accuracy_deg: float | None = None
    rms_s2s_deg: float | None = None
    std_deg: float | None = None
    pairs: int = 0
    where: dict[str, object] = field(default_factory=dict)
    #: the type A standard uncertainties (degrees) of the accuracy (a mean of offsets) and the precision (an RMS)
    accuracy_u: float = 0.0
    rms_s2s_u: float = 0.0


def declared_targets(spec: JsonObject) -> list[Target] | None:
    """The stream's fixation targets in declaration order; None when it declares none, an empty list
    when it declares them without a usable ``settle_ms`` or target."""
    declared = spec.get("fixation_targets")
    if not isinstance(declared, dict):
        return None
    settle, items = declared.get("settle_ms"), declared.get("targets")
    if not is_finite(settle) or settle < 0 or not isinstance(items, list):
        return []
    targets = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        onset = item.get("t")
        if type(onset) is not int:
            continue
        duration = item.get("duration_ms")
        position, direction = vector(item.get("position"), "xyz"), vector(item.get("direction"), "xyz")
        if not is_finite(duration) or not 0 < duration <= LONGEST_TARGET_MS or settle >= duration:
            continue
        if direction is not None:
            norm = float(np.linalg.norm(direction))
            direction = direction / norm if norm > 0 else None
        if (position is None) == (direction is None):
            continue  # neither, or both: where the target is cannot be told
        targets.append(Target(index, onset, onset + round(settle * 1e6), onset + round(duration * 1e6), position,
                              direction))
    return targets


def read_fixation_targets(result: CaptureAnalysis) -> None:
    """Set up the windows of every eye-gaze stream that declares fixation targets."""
    for stats in result.streams_of("eye_gaze"):
        targets = declared_targets(stats.spec)
        if targets is not None:
            stats.gaze = GazeState(targets)


def directions(q: np.ndarray) -> np.ndarray:
    """The unit direction each orientation (x, y, z, w) looks along: its -Z axis (NaN for a zero quaternion)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        q = q / np.linalg.norm(q, axis=1, keepdims=True)
    x, y, z, w = q.T
    return np.stack((-2 * (x * z + w * y), -2 * (y * z - w * x), -(1 - 2 * (x * x + y * y))), axis=1)


def angles_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The angle between unit vectors row by row, in degrees (atan2 of the cross and dot products: exact
    near 0 as well as near 180)."""
    return np.degrees(np.arctan2(np.linalg.norm(np.cross(a, b), axis=1), np.einsum("ij,ij->i", a, b)))


def fold_gaze(chunk: Chunk, q: np.ndarray, p: np.ndarray, flags: np.ndarray) -> None:
    """Add one chunk's samples to the windows of the targets shown during it."""
    state = chunk.stats.gaze
    if state is not None:  # poses.py folds only the streams that declared fixation targets
        fold_windows(state, chunk, q, p, flags)


def fold_windows(state: GazeState, chunk: Chunk, q: np.ndarray, p: np.ndarray, flags: np.ndarray) -> None:
    """Add one chunk's samples to the windows of ``state``'s targets shown during it (TD-GAZE-002, and the
    validations of a session, TD-GAZE-004)."""
    t = chunk.t
    live = [g for g in state.targets if g.start <= t.max() and g.end > t.min()]
    if not live:
        return
    gaze = directions(q)
    usable = (flags & (VALID_BITS | TRACKED_BITS)) == (VALID_BITS | TRACKED_BITS)
    for target in live:
        rows = np.flatnonzero((t >= target.start) & (t < target.end))
        if not len(rows):
            continue
        if target.direction is not None:
            aim = np.broadcast_to(target.direction, (len(rows), 3))
        else:
            offset = target.position - p[rows]
            with np.errstate(invalid="ignore", divide="ignore"):
                aim = offset / np.linalg.norm(offset, axis=1, keepdims=True)
        window = state.windows.setdefault(target.index, Window())
        if window.first is None:
            window.first = chunk.where(int(rows[0]), "/pose/orientation")
        finite = np.isfinite(gaze[rows]).all(axis=1) & np.isfinite(aim).all(axis=1)
        window.gaze.append(gaze[rows])
        window.aim.append(np.array(aim))
        window.usable.append(usable[rows] & finite)
        window.frames.append(chunk.base + chunk.index[rows])


def measure(target: Target, window: Window | None, rate_hz: float | None) -> Measured:
    """Accuracy and precision over ``target``'s window (none when it has too few valid samples)."""
    expected = (target.end - target.start) / 1e9 * rate_hz if rate_hz else 0.0
    fewest = max(MIN_VALID_SAMPLES, math.ceil(MIN_VALID_SHARE * expected))
    if window is None:
        return Measured(target, 0, 0, fewest)
    usable = np.concatenate(window.usable)
    order = np.argsort(np.concatenate(window.frames)[usable], kind="stable")
    frames = np.concatenate(window.frames)[usable][order]
    gaze, aim = np.concatenate(window.gaze)[usable][order], np.concatenate(window.aim)[usable][order]
    counted = Measured(target, len(usable), len(gaze), fewest, where=window.first or {})
    successive = np.flatnonzero(np.diff(frames) == 1)
    if len(gaze) < fewest or not len(successive):
        return counted
    steps = angles_deg(gaze[successive], gaze[successive + 1])
    mean = gaze.sum(axis=0)
    spread = angles_deg(gaze, np.broadcast_to(mean / np.linalg.norm(mean), gaze.shape))
    offsets = angles_deg(gaze, aim)
    return Measured(target, counted.total, counted.valid, fewest, accuracy_deg=float(offsets.mean()),
                    rms_s2s_deg=float(np.sqrt(np.mean(steps**2))), std_deg=float(np.sqrt(np.mean(spread**2))),
                    pairs=len(successive), where=counted.where, accuracy_u=u_mean(offsets), rms_s2s_u=u_rms(steps))


def measured_targets(stats: StreamStats) -> list[Measured]:
    """Every declared target of an eye-gaze stream measured, in declaration order."""
    state = stats.gaze
    if state is None:  # a stream declaring no fixation targets measures none
        return []
    return [measure(target, state.windows.get(target.index), stats.rate_hz) for target in state.targets]
