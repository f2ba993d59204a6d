"""A robot's joint motion as an external tracker measured it (RB-TRACK-002).

The trajectory controller's state (:mod:`.tracking`) is the robot's own account: its command and
what its joint sensors read. Here a laboratory's instrument outside the robot (a motion-capture
system solving each joint's angle or travel from markers on the links, a laser tracker) measures
the same motion on the same clock, and the robot is judged on what the instrument saw:

- the capture is JSON Lines in the format :data:`SCHEMA` defines (annex E renders it, so the text a
  laboratory reads and what is validated here cannot drift): its first line may declare the instrument,
  ``{"measured_by": {"kind", "model", "calibration", "uncertainty": [{"value", "unit", "k"}, ...]}}``
  (one stated expanded uncertainty of one reading per unit: ``rad`` for revolute and continuous
  joints, ``m`` for prismatic ones); each other line is one frame,
  ``{"header": {"stamp": {"sec", "nanosec"}}, "name": [...], "position": [...]}``;
- each joint whose recorded command is the catalog's test motion is judged over the controller's
  messages that the capture spans, the tracked position interpolated at each message's stamp.

The measures follow ISO 9283:1998's definitions (path accuracy, pose overshoot, drift of pose
characteristics, path velocity), taken per joint in joint space; their limits are this catalog's.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeGuard

import numpy as np

from conformance import Finding, Message, msg

from .._shared.uncertainty import (ONE_READING, DecisionRule, Declared, LimitKind, Measurement, declared,
                                   u_median, u_percentile)
from .jointstates import Capped, Recording, stamp
from .tracking import MOTION_CYCLES, MOTION_HZ, MIN_SAMPLES, StandardMotion, Track, lag_seconds

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

REQUIREMENT = "RB-TRACK-002"
SCHEMA = "https://metaverse-conformance.org/schemas/robots/tracker-capture.json"
#: the capture's two kinds of line, validated apart so that a frame's findings name what is wrong with it
#: (not only that it is neither kind)
DECLARATION, FRAME = SCHEMA + "#/$defs/declaration", SCHEMA + "#/$defs/frame"
#: a line judged against one of the capture's schemas (its ``$id`` with the fragment): the schema's findings
SchemaCheck = Callable[["JsonValue", str], Sequence[Finding]]
#: R4: the largest overshoot of a cycle's tracked excursion beyond the test motion's, a share of its amplitude
OVERSHOOT_SHARE = 0.10
#: R5: the largest change of the mean deviation from the command between the first and the last cycle,
#: a share of the test motion's amplitude
DRIFT_SHARE = 0.05
#: R7: the largest 95th percentile of |joint sensor - tracker| position, rad or m
SENSOR_AGREEMENT = 0.02
#: how many frames of a joint the tracker needs in each cycle of the test motion
MIN_FRAMES_PER_CYCLE = 20


@dataclass(slots=True)
class Capture:
    """One tracker capture: its declared instrument and each joint's frames."""

    instrument: JsonObject | None = None
    uncertainty: dict[str, Declared] = field(default_factory=dict)
    t: dict[str, list[float]] = field(default_factory=dict)
    position: dict[str, list[float]] = field(default_factory=dict)


def _number(v: object) -> TypeGuard[int | float]:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _frame(names: JsonValue, positions: JsonValue) -> list[tuple[str, float]] | None:
    """A frame's (joint, position) pairs; None unless its names are strings and its positions
    finite numbers, one per name."""
    if not isinstance(names, list) or not isinstance(positions, list) or len(names) != len(positions):
        return None
    pairs = [(n, float(p)) for n, p in zip(names, positions, strict=True) if isinstance(n, str) and _number(p)]
    return pairs if len(pairs) == len(names) else None


def read(recording: Recording, valid: SchemaCheck) -> tuple[list[Finding], Capture]:
    """R1: every line after the instrument's declaration a frame (:data:`FRAME`) with one finite position
    per name, its stamp after the previous frame's; returns the findings and the capture. A first line
    with ``measured_by`` is the declaration: an instrument that :data:`DECLARATION` rejects is none
    declared (the capture is then not judged)."""
    findings = Capped()
    capture = Capture()
    last: float | None = None
    for line, record, why in recording.lines():
        if why is not None:
            findings.add(Finding(msg("robots.line-not-json", error=why), line=line, rule="R1"))
            continue
        if isinstance(record, dict) and "measured_by" in record and capture.instrument is None and last is None:
            spec = record["measured_by"]
            if not valid(record, DECLARATION) and isinstance(spec, dict) and isinstance(spec["uncertainty"], list):
                capture.instrument = spec
                for one in spec["uncertainty"]:
                    found = declared({"uncertainty": one})
                    if found is not None:
                        capture.uncertainty.setdefault(found.unit, found)
            continue
        wrong = valid(record, FRAME)
        for f in wrong[:3]:
            findings.add(Finding(f.message, line=line, pointer=f.pointer, rule="R1"))
        t = stamp(record) if isinstance(record, dict) and not wrong else None
        frame = _frame(record.get("name"), record.get("position")) if isinstance(record, dict) and not wrong else None
        if not wrong and (t is None or frame is None):
            findings.add(Finding(msg("robots.tracker-frame"), line=line, rule="R1"))
        if t is None or frame is None:
            continue
        if last is not None and t <= last:
            findings.add(Finding(msg("robots.stamp-order", t=f"{t:.9f}", previous=f"{last:.9f}"), line=line,
                                 rule="R1"))
            continue
        last = t
        for name, p in frame:
            capture.t.setdefault(name, []).append(t)
            capture.position.setdefault(name, []).append(p)
    return findings.findings(), capture


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits the profile resolves (R2, R3, R6); the rest are this catalog's constants."""

    error: float
    lag_ms: float
    velocity: float


@dataclass(slots=True)
class Judged:
    """What judging one capture gave: findings, measurements, the joints judged and those not."""

    findings: list[Finding] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)
    joints: int = 0
    unjudged: list[tuple[str, Message]] = field(default_factory=list)


def judge(tracks: Mapping[str, Track], capture: Capture, motions: Mapping[str, StandardMotion | None],
          units: Mapping[str, str], limits: Limits, decision: DecisionRule) -> Judged:
    """R2 to R7 for each joint of ``tracks`` (its command the test motion, checked before) that the
    capture tracks; ``units``: each joint's unit (rad or m). A joint without a test motion or with fewer
    than :data:`MIN_SAMPLES` controller messages is named not judged, never passed over."""
    out = Judged()
    for name, track in tracks.items():
        motion = motions.get(name)
        if motion is None:
            out.unjudged.append((name, msg("robots.motion-undefined", joint=name)))
            continue
        if len(track.t) < MIN_SAMPLES:
            out.unjudged.append((name, msg("robots.commands-too-few", joint=name, count=len(track.t),
                                           minimum=MIN_SAMPLES)))
            continue
        if name not in capture.t:
            out.unjudged.append((name, msg("robots.tracker-missing-joint", joint=name)))
            continue
        unit = units.get(name, "rad")
        stated = capture.uncertainty.get(unit)
        u_b = stated.standard(0.0) if stated is not None else 0.0
        _judge_joint(out, name, track, capture, motion, unit, u_b, stated is not None, limits, decision)
    return out


def _trend(t: np.ndarray, gap: np.ndarray) -> tuple[float, float]:
    """The slope of ``gap`` over ``t`` (per second) fitted beside a constant and sinusoids at the
    motion's frequency and twice it, and its standard error."""
    w = 2 * np.pi * MOTION_HZ * t
    design = np.column_stack([np.ones_like(t), t, np.sin(w), np.cos(w), np.sin(2 * w), np.cos(2 * w)])
    coef, *_ = np.linalg.lstsq(design, gap, rcond=None)
    dof = max(len(t) - design.shape[1], 1)
    sigma2 = float(np.sum((gap - design @ coef) ** 2)) / dof
    cov = sigma2 * np.linalg.pinv(design.T @ design)
    return float(coef[1]), math.sqrt(max(float(cov[1, 1]), 0.0))


def _judge_joint(out: Judged, name: str, track: Track, capture: Capture, motion: StandardMotion, unit: str,
                 u_b: float, instrument: bool, limits: Limits, decision: DecisionRule) -> None:
    tt, tp = np.asarray(capture.t[name]), np.asarray(capture.position[name])
    t = np.asarray(track.t)
    inside = (t >= tt[0]) & (t <= tt[-1])
    period = 1 / MOTION_HZ
    frames_per_cycle = len(tt) / max((tt[-1] - tt[0]) / period, 1e-9)
    if inside.sum() < MIN_SAMPLES or np.any(np.diff(t) <= 0) or frames_per_cycle < MIN_FRAMES_PER_CYCLE:
        out.unjudged.append((name, msg("robots.tracker-short", joint=name, frames=len(tt),
                                       minimum=MIN_FRAMES_PER_CYCLE)))
        return
    out.joints += 1
    t = t[inside]
    commanded = np.asarray(track.commanded)[inside]
    sensed = np.asarray(track.measured)[inside]
    tracked = np.interp(t, tt, tp)

    def measure(rule: str, quantity: str, value: float, unit_: str, limit: float, u_a: float, ub: float,
                kind: LimitKind = "max") -> bool:
        m = Measurement(REQUIREMENT, rule, quantity, name, float(value), unit_, float(u_a), float(ub), instrument,
                        float(limit), kind, decision)
        out.measurements.append(m)
        return m.outcome == "pass"

    def fail(rule: str, key: str, value: float, limit: float, **args: object) -> None:
        text = msg(key, joint=name, value=f"{value:.4g}", limit=f"{limit:.4g}", **args)
        out.findings.append(Finding(text, actual=round(value, 6), expected=f"<= {limit:.4g}", rule=rule))

    # R2: path accuracy, the deviation of the tracked position from the command
    error = np.abs(commanded - tracked)
    p95 = float(np.percentile(error, 95))
    if not measure("R2", "tracking error p95", p95, unit, limits.error, u_percentile(error, 95), u_b):
        fail("R2", "robots.tracker-error", p95, limits.error, unit=unit)
    # R3: the lag of the tracked motion behind the command (resolution one message interval: a
    # rectangular distribution over it, GUM 4.3.7)
    lag = lag_seconds(t, commanded, tracked)
    if lag is not None:
        step_ms = float(np.median(np.diff(t))) * 1000
        if not measure("R3", "tracking lag", lag * 1000, "ms", limits.lag_ms, ONE_READING, step_ms / math.sqrt(12)):
            fail("R3", "robots.tracker-lag", lag * 1000, limits.lag_ms, unit="ms")
    # R4: cycle by cycle from the command's first message, the tracked excursion beyond the motion's
    start = float(t[0])
    overshoot = -np.inf
    for k in range(MOTION_CYCLES):
        in_frames = (tt >= start + k * period) & (tt < start + (k + 1) * period)
        if in_frames.sum() >= MIN_FRAMES_PER_CYCLE:
            overshoot = max(overshoot, float(np.ptp(tp[in_frames])) / 2 - motion.amplitude)
    if math.isfinite(overshoot):
        limit = OVERSHOOT_SHARE * motion.amplitude
        if not measure("R4", "overshoot", overshoot, unit, limit, ONE_READING, u_b * math.sqrt(2) / 2):
            fail("R4", "robots.tracker-overshoot", overshoot, limit, unit=unit)
    # R5: the drift, the trend of the deviation from the command over the motion (least squares, beside
    # the periodic deviation a lag or an overshoot leaves at the motion's frequency and its first
    # harmonic) as the change from the first cycle's mean to the last's; type A its standard error
    drift, u_drift = _trend(t - start, tracked - commanded)
    drift *= (MOTION_CYCLES - 1) * period
    u_drift *= (MOTION_CYCLES - 1) * period
    limit = DRIFT_SHARE * motion.amplitude
    if not measure("R5", "drift", abs(drift), unit, limit, u_drift, 0.0):
        fail("R5", "robots.tracker-drift", abs(drift), limit, unit=unit, cycles=MOTION_CYCLES)
    # R6: the velocity the robot reports against the tracked one
    reported = np.asarray(track.velocity)[inside]
    if np.all(np.isfinite(reported)):
        measured_v = np.interp(t, tt, np.gradient(tp, tt))
        gap = np.abs(reported - measured_v)
        median = float(np.median(gap))
        if not measure("R6", "velocity gap median", median, f"{unit}/s", limits.velocity, u_median(gap), 0.0):
            fail("R6", "robots.tracker-velocity", median, limits.velocity, unit=f"{unit}/s")
    # R7: the joint sensors against the tracker
    disagreement = np.abs(sensed - tracked)
    p95 = float(np.percentile(disagreement, 95))
    if not measure("R7", "sensor disagreement p95", p95, unit, SENSOR_AGREEMENT, u_percentile(disagreement, 95), u_b):
        fail("R7", "robots.tracker-sensors", p95, SENSOR_AGREEMENT, unit=unit)
