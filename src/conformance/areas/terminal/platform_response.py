"""A motion platform's achieved motion against the motion it was commanded (TD-MPLAT-003).

A motion_platform stream recorded on a test bench declares, in ``commanded_motion``, the
reference trajectory the host commanded: ``kind`` ``sinusoid``, per axis (surge, sway, heave in
metres; roll, pitch, yaw in radians) an ``amplitude``, a ``frequency_hz`` (at most 1 Hz) and a
``phase_rad`` at capture time ``t0`` (ns): commanded(t) = amplitude * sin(2 pi f (t - t0) + phase).
The stream's frames carry the displacement the platform achieved, as measured on its moving base.

Per commanded axis, for every candidate delay d from 0 to 500 ms in 1 ms steps, the sums of
achieved x commanded(t - d) and of commanded(t - d) squared are folded chunk by chunk, with the sum of
achieved squared (memory stays flat). The latency on the axis is the delay whose normalised
correlation, sum(achieved x commanded) / sqrt(sum(commanded squared)), is largest: the delay at which
the command, scaled by the best gain, leaves the least difference, so a platform that moves too
little or too much is not judged late for it, and a capture of part of a period is not biased. The
tracking error is the root mean square difference between achieved and commanded(t - latency),
unscaled, divided by the root mean square of commanded(t - latency) over the same frames. A
frequency of at most 1 Hz keeps the 500 ms window under half a period, so the latency is unambiguous.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .capture.frames import DOF6_AXES
from .chunk import Chunk

DELAYS_MS = np.arange(0, 501)  # candidate latencies
MAX_FREQUENCY_HZ = 1.0
_ROWS_AT_ONCE = 512  # rows x delays evaluated together (memory bound)


@dataclass(frozen=True)
class Sinusoid:
    amplitude: float
    frequency_hz: float
    phase_rad: float

    def at(self, seconds: np.ndarray) -> np.ndarray:
        return self.amplitude * np.sin(2 * np.pi * self.frequency_hz * seconds + self.phase_rad)


def commanded_of(spec: dict[str, Any]) -> tuple[float, dict[str, Sinusoid]] | None:
    """The stream's commanded motion: (t0 in ns, axis -> its sinusoid), or None when it declares
    none usable (the header schema says what is wrong)."""
    command = spec.get("commanded_motion")
    if not isinstance(command, dict) or command.get("kind") != "sinusoid":
        return None
    axes = command.get("axes")
    if not isinstance(axes, dict) or not axes:
        return None
    try:
        t0 = float(command["t0"])
        sinusoids = {axis: Sinusoid(float(axes[axis]["amplitude"]), float(axes[axis]["frequency_hz"]),
                                    float(axes[axis].get("phase_rad", 0.0))) for axis in axes}
    except (KeyError, TypeError, ValueError):
        return None
    if not math.isfinite(t0) or any(axis not in DOF6_AXES for axis in sinusoids):
        return None
    for s in sinusoids.values():
        if not (math.isfinite(s.amplitude) and math.isfinite(s.phase_rad) and s.amplitude > 0
                and 0 < s.frequency_hz <= MAX_FREQUENCY_HZ):
            return None
    return t0, sinusoids


@dataclass
class ResponseSums:
    """Per commanded axis, for each candidate delay: the sum of achieved x commanded and of commanded
    squared; and the sum of achieved squared."""

    count: int = 0
    cross: dict[str, np.ndarray] = field(default_factory=dict)
    power: dict[str, np.ndarray] = field(default_factory=dict)
    achieved: dict[str, float] = field(default_factory=dict)

    def response(self, axis: str) -> tuple[int, float]:
        """(latency in ms, tracking error as a ratio of the commanded root mean square) on ``axis``."""
        cross, power = self.cross[axis], self.power[axis]
        best = int(np.argmax(cross / np.sqrt(np.maximum(power, np.finfo(float).tiny))))
        squares = self.achieved[axis] - 2 * float(cross[best]) + float(power[best])
        error = math.sqrt(max(squares, 0.0) / float(power[best])) if power[best] > 0 else math.inf
        return int(DELAYS_MS[best]), error


def fold_response(chunk: Chunk, displacement: np.ndarray) -> None:
    """Add one chunk of achieved ``displacement`` ((n, 6), DOF6_AXES order) against the commanded
    motion at every candidate delay."""
    stats = chunk.stats
    command = commanded_of(stats.spec)
    if command is None:
        return
    t0, sinusoids = command
    sums: ResponseSums = stats.response if stats.response is not None else ResponseSums()
    stats.response = sums
    rows = np.flatnonzero(np.isfinite(displacement).all(axis=1))
    if not len(rows):
        return
    sums.count += len(rows)
    delays_s = DELAYS_MS / 1e3
    seconds = (chunk.t[rows].astype(np.float64) - t0) / 1e9
    for axis, sinusoid in sinusoids.items():
        cross = sums.cross.setdefault(axis, np.zeros(len(DELAYS_MS)))
        power = sums.power.setdefault(axis, np.zeros(len(DELAYS_MS)))
        achieved = displacement[rows, DOF6_AXES.index(axis)]
        sums.achieved[axis] = sums.achieved.get(axis, 0.0) + float(achieved @ achieved)
        for start in range(0, len(rows), _ROWS_AT_ONCE):
            part = slice(start, start + _ROWS_AT_ONCE)
            commanded = sinusoid.at(seconds[part, None] - delays_s[None, :])
            cross += achieved[part] @ commanded
            power += np.einsum("ij,ij->j", commanded, commanded)
