"""How closely a robot follows commanded joint motion, from its trajectory controller's state.

ros2_control's joint trajectory controller publishes ``control_msgs/JointTrajectoryControllerState``:
per message, ``joint_names`` and, as ``trajectory_msgs/JointTrajectoryPoint``\\ s, the
``reference`` (the commanded trajectory sampled now) and the ``feedback`` (the measured state);
older releases call them ``desired`` and ``actual``. Recorded as JSON Lines like joint states
(:mod:`.jointstates`), the pair gives, per joint, the tracking error at each message and, by
cross-correlating the two velocity series, how far the measured motion lags the command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from conformance import Finding, msg

from .jointstates import Capped, Recording, stamp

SCHEMA = "https://metaverse-conformance.org/schemas/robots/controller-state.json"
#: (commanded, measured) member names: ROS 2 Humble and later, then Foxy and ROS 1
PAIRS = (("reference", "feedback"), ("desired", "actual"))
#: messages a joint needs before its tracking is judged
MIN_SAMPLES = 50
#: a commanded motion smaller than this (rad or m, peak to peak) says nothing about lag
MIN_MOTION = 0.01
#: the longest lag looked for, in seconds
MAX_LAG_SEARCHED = 2.0


@dataclass(slots=True)
class Track:
    lines: list[int] = field(default_factory=list)
    t: list[float] = field(default_factory=list)
    commanded: list[float] = field(default_factory=list)
    measured: list[float] = field(default_factory=list)


def _pair(record: dict[str, Any]) -> tuple[str, str] | None:
    return next((pair for pair in PAIRS if all(isinstance(record.get(k), dict) for k in pair)), None)


def tracks(recording: Recording, valid: Any) -> tuple[list[Finding], dict[str, Track]]:
    """R1: each line a controller state with one commanded and one measured position per
    joint; returns the findings and each joint's track over the messages fit to judge."""
    findings = Capped()
    joints: dict[str, Track] = {}
    for line, record, why in recording.lines():
        if why is not None:
            findings.add(Finding(msg("robots.line-not-json", error=why), line=line, rule="R1"))
            continue
        found = valid(record)
        pair = _pair(record) if not found else None
        if found or pair is None:
            for f in found[:3]:
                findings.add(Finding(f.message, line=line, pointer=f.pointer, rule="R1"))
            if not found:
                findings.add(Finding(msg("robots.no-command-pair"), line=line, rule="R1"))
            continue
        names = record["joint_names"]
        commanded, measured = (record[k].get("positions", []) for k in pair)
        if len(commanded) != len(names) or len(measured) != len(names):
            findings.add(Finding(msg("robots.track-sizes", names=len(names), commanded=len(commanded),
                                     measured=len(measured)), line=line, rule="R1"))
            continue
        t = stamp(record)
        assert t is not None  # the schema requires a stamp
        for name, c, m in zip(names, commanded, measured, strict=True):
            track = joints.setdefault(name, Track())
            track.lines.append(line)
            track.t.append(t)
            track.commanded.append(float(c))
            track.measured.append(float(m))
    return findings.findings(), joints


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
    judged because their stamps do not increase (no velocity to align: R3 unjudged, not passed)."""
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
        if np.any(np.diff(t) <= 0):
            unjudged.append(name)
            continue
        lag = lag_seconds(t, commanded, measured)
        if lag is not None and lag * 1000 > max_lag_ms:
            findings.append(Finding(msg("robots.tracking-lag", joint=name, lag=round(lag * 1000), limit=max_lag_ms),
                                    actual=round(lag * 1000), expected=max_lag_ms, rule="R3"))
    return findings, judged, unjudged
