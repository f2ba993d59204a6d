"""How closely a robot follows commanded joint motion, from its trajectory controller's state.

ros2_control's joint trajectory controller publishes ``control_msgs/JointTrajectoryControllerState``:
per message, ``joint_names`` and, as ``trajectory_msgs/JointTrajectoryPoint``\\ s, the
``reference`` (the commanded trajectory sampled now) and the ``feedback`` (the measured state);
older releases call them ``desired`` and ``actual``. Recorded as JSON Lines like joint states
(:mod:`.jointstates`), the pair gives, per joint, the tracking error at each message and, by
cross-correlating the two velocity series, how far the measured motion lags the command.

The command is not the product's to choose: every joint the controller commands runs the test
motion this catalog fixes (:class:`StandardMotion`, from the joint's described range and velocity
limit), so two laboratories exercise the same motion; a joint whose recorded command is another
motion is not judged (:func:`off_motion`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NotRequired, TypeGuard, TypedDict

import numpy as np

from conformance import Finding, Message, msg

from .jointstates import Capped, Recording, Validator, stamp

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

SCHEMA = "https://metaverse-conformance.org/schemas/robots/controller-state.json"
#: messages a joint needs before its tracking is judged (this catalog's own figure, RB-TRACK-001 step 4;
#: a joint with fewer is named unjudged by the check, never passed)
MIN_SAMPLES = 50
#: a commanded motion smaller than this (rad or m, peak to peak) says nothing about lag (a fifth of R2's 0.05 limit)
MIN_MOTION = 0.01
#: the longest lag looked for, in seconds
MAX_LAG_SEARCHED = 2.0

# RB-TRACK-001's test motion (this catalog's own figures, stated in its statement and notes):
# per joint one sinusoid about the middle of its range, so that a lag shows as a shift of a
# known shape, slow enough for a telepresence robot's joints and fast enough to show 100 ms.
#: the sinusoid's frequency (Hz) and the whole cycles the recording covers (3 cycles: 6 s)
MOTION_HZ = 0.5
MOTION_CYCLES = 3
#: the amplitude: the peak speed this share of the joint's velocity limit ...
MOTION_SPEED_SHARE = 0.5
#: ... unless that exceeds this share of the joint's range (an amplitude, so half the range swept)
MOTION_RANGE_SHARE = 0.25
#: how far the recorded command may depart from the test motion, as a share of its amplitude:
#: the fitted amplitude, the fitted centre and the RMS residual of the fit each
MOTION_TOLERANCE = 0.05


@dataclass(slots=True)
class Track:
    lines: list[int] = field(default_factory=list)
    t: list[float] = field(default_factory=list)
    commanded: list[float] = field(default_factory=list)
    measured: list[float] = field(default_factory=list)
    #: the measured velocities the controller reported (NaN where a message gave none)
    velocity: list[float] = field(default_factory=list)


class Point(TypedDict):
    """A trajectory point its schema found valid: positions, and velocities where given."""

    positions: list[float]
    velocities: NotRequired[list[float]]


class ControllerState(TypedDict):
    """A controller state its schema found valid (:data:`SCHEMA`): the members :func:`tracks`
    reads (the point pair by :func:`_pair`)."""

    header: JsonObject
    joint_names: list[str]
    reference: NotRequired[Point]
    feedback: NotRequired[Point]
    desired: NotRequired[Point]
    actual: NotRequired[Point]


def _schema_valid(record: JsonValue, findings: Sequence[Finding]) -> TypeGuard[ControllerState]:
    """Whether ``record`` is a controller state: its schema's ``findings`` are none."""
    return not findings and isinstance(record, dict)


def _pair(record: ControllerState) -> tuple[Point, Point] | None:
    """The (commanded, measured) points of a controller state: ``reference`` and ``feedback``
    (ROS 2 Humble and later), else ``desired`` and ``actual`` (Foxy and ROS 1)."""
    if "reference" in record and "feedback" in record:
        return record["reference"], record["feedback"]
    if "desired" in record and "actual" in record:
        return record["desired"], record["actual"]
    return None


def tracks(recording: Recording, valid: Validator) -> tuple[list[Finding], dict[str, Track]]:
    """R1: each line a controller state with one commanded and one measured position per
    joint; returns the findings and each joint's track over the messages fit to judge."""
    findings = Capped()
    joints: dict[str, Track] = {}
    for line, record, why in recording.lines():
        if why is not None:
            findings.add(Finding(msg("robots.line-not-json", error=why), line=line, rule="R1"))
            continue
        found = valid(record)
        if not _schema_valid(record, found) or (pair := _pair(record)) is None:
            for f in found[:3]:
                findings.add(Finding(f.message, line=line, pointer=f.pointer, rule="R1"))
            if not found:
                findings.add(Finding(msg("robots.no-command-pair"), line=line, rule="R1"))
            continue
        names = record["joint_names"]
        commanded, measured = (point["positions"] for point in pair)
        velocities = pair[1].get("velocities", [])
        if len(velocities) != len(names):
            velocities = [float("nan")] * len(names)
        if len(commanded) != len(names) or len(measured) != len(names):
            findings.add(Finding(msg("robots.track-sizes", names=len(names), commanded=len(commanded),
                                     measured=len(measured)), line=line, rule="R1"))
            continue
        t = stamp(record)
        assert t is not None  # the schema requires a stamp
        for name, c, m, v in zip(names, commanded, measured, velocities, strict=True):
            track = joints.setdefault(name, Track())
            track.lines.append(line)
            track.t.append(t)
            track.commanded.append(float(c))
            track.measured.append(float(m))
            track.velocity.append(float(v))
    return findings.findings(), joints


@dataclass(frozen=True, slots=True)
class StandardMotion:
    """A joint's test motion: ``centre + amplitude * sin(2 pi MOTION_HZ t)`` from its start;
    ``centre`` None for a continuous joint (no range: any centre)."""


    centre: float | None
    amplitude: float

    @property
    def seconds(self) -> float:
        return MOTION_CYCLES / MOTION_HZ

    def position(self, t: float) -> float:
        """The commanded position ``t`` seconds after the motion starts (centre 0 if free)."""
        return (self.centre or 0.0) + self.amplitude * float(np.sin(2 * np.pi * MOTION_HZ * t))


def standard_motion(kind: str, lower: float | None, upper: float | None,
                    velocity: float | None) -> StandardMotion | None:
    """The test motion of a joint of ``kind`` with the described limits; None where the
    description gives it none to run (a fixed joint, no positive velocity limit, a revolute or
    prismatic joint without a range)."""
    if kind == "fixed" or not velocity or velocity <= 0:
        return None
    amplitude = MOTION_SPEED_SHARE * velocity / (2 * np.pi * MOTION_HZ)
    if kind == "continuous":
        return StandardMotion(None, amplitude)
    if lower is None or upper is None or upper <= lower:
        return None
    return StandardMotion((lower + upper) / 2, min(amplitude, MOTION_RANGE_SHARE * (upper - lower)))


def off_motion(track: Track, motion: StandardMotion) -> Message | None:
    """Why ``track``'s recorded command is not ``motion`` (None when it is): it covers fewer
    than its seconds, or a least-squares fit of the motion's sinusoid (any phase: the motion
    may start before the first message) leaves an amplitude, a centre or a residual more than
    :data:`MOTION_TOLERANCE` of the amplitude away."""
    t, commanded = np.asarray(track.t, dtype=float), np.asarray(track.commanded, dtype=float)
    span = float(t[-1] - t[0]) if t.size else 0.0
    step = float(np.median(np.diff(t))) if t.size > 1 else 0.0
    if span + step < motion.seconds:
        return msg("robots.motion-short", seconds=f"{span:.3g}", needed=f"{motion.seconds:g}")
    phase = 2 * np.pi * MOTION_HZ * (t - t[0])
    design = np.column_stack([np.ones_like(t), np.sin(phase), np.cos(phase)])
    (centre, a, b), *_ = np.linalg.lstsq(design, commanded, rcond=None)
    amplitude = float(np.hypot(a, b))
    residual = float(np.sqrt(np.mean((design @ np.array([centre, a, b]) - commanded) ** 2)))
    allowed = MOTION_TOLERANCE * motion.amplitude
    if (abs(amplitude - motion.amplitude) > allowed or residual > allowed
            or (motion.centre is not None and abs(float(centre) - motion.centre) > allowed)):
        return msg("robots.motion-other", amplitude=f"{amplitude:.4g}", expected=f"{motion.amplitude:.4g}",
                   centre=f"{float(centre):.4g}", middle="–" if motion.centre is None else f"{motion.centre:.4g}",
                   residual=f"{residual:.2g}", hz=MOTION_HZ)
    return None


def on_motion(joints: dict[str, Track], motions: Mapping[str, StandardMotion | None]
              ) -> tuple[dict[str, Track], list[tuple[str, Message]]]:
    """The joints whose recorded command is their test motion (``motions``: by joint name, from
    the description), and each other joint with why it is not judged: a joint the description
    gives no test motion, or whose command is another motion. Joints with too few messages to
    judge are kept (:func:`judge` passes over them)."""
    kept: dict[str, Track] = {}
    off: list[tuple[str, Message]] = []
    for name, track in joints.items():
        motion = motions.get(name)
        if len(track.t) < MIN_SAMPLES:
            why = None
        elif motion is None:
            why = msg("robots.motion-undefined", joint=name)
        else:
            why = off_motion(track, motion)
        if why is None:
            kept[name] = track
        else:
            off.append((name, why))
    return kept, off


def lag_seconds(t: np.ndarray, commanded: np.ndarray, measured: np.ndarray) -> float | None:
    """How far the measured motion trails the commanded one: the shift whose Pearson
    correlation between the two velocity series is highest, both resampled on the median
    message interval (each shift correlates only the samples the two series then share, so
    longer shifts are not penalised for their shorter overlap); None where the stamps do not
    increase or the command barely moves."""
    dt = np.diff(t)
    if np.any(dt <= 0) or float(np.ptp(commanded)) < MIN_MOTION:
        return None
    step = float(np.median(dt))
    grid = np.arange(t[0], t[-1], step)
    a = np.diff(np.interp(grid, t, commanded))
    b = np.diff(np.interp(grid, t, measured))
    best, best_score = 0, -np.inf
    for k in range(0, min(int(MAX_LAG_SEARCHED / step), len(a) // 2) + 1):
        x, y = a[: len(a) - k], b[k:]
        x, y = x - x.mean(), y - y.mean()
        norm = float(np.linalg.norm(x) * np.linalg.norm(y))
        score = float(np.dot(x, y)) / norm if norm > 0 else -np.inf
        if score > best_score:
            best, best_score = k, score
    return best * step


def judge(joints: dict[str, Track], max_error: float, max_lag_ms: float) -> tuple[list[Finding], int, list[str]]:
    """R2: the 95th percentile of |commanded - measured| at most ``max_error``; R3: the lag at
    most ``max_lag_ms``. Joints with fewer than :data:`MIN_SAMPLES` messages are not judged.
    Returns the findings, the number of joints judged, and the joints whose lag could not be
    judged because their stamps do not increase or their command moves less than :data:`MIN_MOTION`
    (no velocity to align: R3 unjudged, not passed; RB-TRACK-001 1.6.0)."""
    findings: list[Finding] = []
    judged, unjudged = 0, []
    for name, track in joints.items():
        if len(track.t) < MIN_SAMPLES:
            continue
        judged += 1
        t, commanded, measured = (np.asarray(v, dtype=float) for v in (track.t, track.commanded, track.measured))
        error = np.abs(commanded - measured)
        p95 = float(np.percentile(error, 95))
        if p95 > max_error:
            worst = int(np.argmax(error))
            findings.append(Finding(msg("robots.tracking-error", joint=name, p95=f"{p95:.4g}", limit=max_error,
                                        count=len(error)), line=track.lines[worst], actual=p95,
                                    expected=max_error, rule="R2"))
        lag = lag_seconds(t, commanded, measured)
        if lag is None:  # stamps that do not increase, or a command too small to align: R3 unjudged, not passed
            unjudged.append(name)
            continue
        if lag * 1000 > max_lag_ms:
            findings.append(Finding(msg("robots.tracking-lag", joint=name, lag=round(lag * 1000), limit=max_lag_ms),
                                    actual=round(lag * 1000), expected=max_lag_ms, rule="R3"))
    return findings, judged, unjudged
