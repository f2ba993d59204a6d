"""A motion platform's achieved motion against the motion it was commanded (TD-MPLAT-003).

A motion_platform stream recorded on a test bench declares, in ``commanded_motion``, the
reference trajectory the host commanded: ``kind`` ``sinusoid``, per axis (surge, sway, heave in
metres; roll, pitch, yaw in radians) an ``amplitude``, a ``frequency_hz`` (at most 5 Hz) and a
``phase_rad`` at capture time ``t0`` (ns): commanded(t) = amplitude * sin(2 pi f (t - t0) + phase).
The stream's frames carry the displacement the platform achieved, as measured on its moving base.

Per commanded axis, for every candidate delay d from 0 to 500 ms in 1 ms steps, the sums of
achieved x commanded(t - d) and of commanded(t - d) squared are needed, with the sum of achieved
squared; a sinusoid's shift is a rotation of its sine and cosine, so six running sums per axis,
folded chunk by chunk, give them all (:class:`AxisSums`): memory and the cost per frame stay flat.
The latency on the axis is the delay whose normalised correlation, sum(achieved x commanded) /
sqrt(sum(commanded squared)), is largest: the delay at which the command, scaled by the best gain,
leaves the least difference, so a platform that moves too little or too much is not judged late
for it, and a capture of part of a period is not biased. The tracking error is the root mean square
difference between achieved and commanded(t - latency), unscaled, divided by the root mean square of
commanded(t - latency) over the same frames. A frequency of at most 1 Hz keeps the 500 ms window
under half a period, so the latency is unambiguous: TD-MPLAT-003 judges the axes commanded at
LATENCY_MAX_FREQUENCY_HZ or less. The header admits up to MAX_FREQUENCY_HZ, so that TD-MPLAT-004 can
command a velocity bound within the platform's stroke (f = velocity / (2 pi displacement) above 1 Hz).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from conformance import msg

from .capture.frames import DOF6_AXES
from .chunk import Chunk
from .jsonread import finite, object_of

if TYPE_CHECKING:
    from conformance import Evidence
    from conformance.area import JsonObject

    from .model import StreamStats

DELAYS_MS = np.arange(0, 501)  # candidate latencies
#: a latency found on that 1 ms grid: its resolution as a rectangular distribution (GUM 4.3.7), step / sqrt(12)
U_DELAY_MS = float(DELAYS_MS[1] - DELAYS_MS[0]) / 12 ** 0.5
#: the capture header's bound on a commanded sinusoid's frequency (capture-header.json, commanded_motion)
MAX_FREQUENCY_HZ = 5.0
#: the highest frequency whose latency the 0 to 500 ms window finds unambiguously (under half a period)
LATENCY_MAX_FREQUENCY_HZ = 1.0

#: a stream's bench state (ResponseSums, platform_corners.CyclePeaks)
S = TypeVar("S")


@dataclass(frozen=True)
class Sinusoid:
    amplitude: float
    frequency_hz: float
    phase_rad: float

    def at(self, seconds: np.ndarray) -> np.ndarray:
        return self.amplitude * np.sin(2 * np.pi * self.frequency_hz * seconds + self.phase_rad)


def commanded_of(spec: JsonObject) -> tuple[float, dict[str, Sinusoid]] | None:
    """The stream's commanded motion: (t0 in ns, axis -> its sinusoid), or None when it declares
    none usable (the header schema says what is wrong)."""
    command = spec.get("commanded_motion")
    if not isinstance(command, dict) or command.get("kind") != "sinusoid":
        return None
    axes = command.get("axes")
    if not isinstance(axes, dict) or not axes:
        return None
    t0 = finite(command.get("t0"))
    sinusoids: dict[str, Sinusoid] = {}
    for axis, declared in axes.items():
        motion = object_of(declared)
        amplitude, frequency = finite(motion.get("amplitude")), finite(motion.get("frequency_hz"))
        phase = finite(motion.get("phase_rad", 0.0))
        if amplitude is None or frequency is None or phase is None:
            return None
        sinusoids[axis] = Sinusoid(amplitude, frequency, phase)
    if t0 is None or any(axis not in DOF6_AXES for axis in sinusoids):
        return None
    for s in sinusoids.values():
        if not (math.isfinite(s.amplitude) and math.isfinite(s.phase_rad) and s.amplitude > 0
                and 0 < s.frequency_hz <= MAX_FREQUENCY_HZ):
            return None
    return t0, sinusoids


@dataclass
class AxisSums:
    """One commanded axis's running sums. With theta = 2 pi f (t - t0) + phase, S = sin theta and
    C = cos theta, the command d earlier is amplitude (S cos wd - C sin wd): so the sums of
    achieved x commanded(t - d) and of commanded(t - d) squared, for every d, follow from these
    six sums, and each frame costs the same whatever the number of candidate delays."""

    aa: float = 0.0
    a_s: float = 0.0
    a_c: float = 0.0
    ss: float = 0.0
    cc: float = 0.0
    sc: float = 0.0

    def add(self, achieved: np.ndarray, theta: np.ndarray) -> None:
        sin, cos = np.sin(theta), np.cos(theta)
        self.aa += float(achieved @ achieved)
        self.a_s += float(achieved @ sin)
        self.a_c += float(achieved @ cos)
        self.ss += float(sin @ sin)
        self.cc += float(cos @ cos)
        self.sc += float(sin @ cos)

    def at_delays(self, wave: Sinusoid) -> tuple[np.ndarray, np.ndarray]:
        """(sum of achieved x commanded, sum of commanded squared) for each of DELAYS_MS."""
        wd = 2 * np.pi * wave.frequency_hz * DELAYS_MS / 1e3
        cos, sin = np.cos(wd), np.sin(wd)
        cross = wave.amplitude * (cos * self.a_s - sin * self.a_c)
        power = wave.amplitude**2 * (cos**2 * self.ss - 2 * cos * sin * self.sc + sin**2 * self.cc)
        return cross, power


@dataclass
class ResponseSums:
    """The frames folded, and each commanded axis's sums."""

    count: int = 0
    axes: dict[str, AxisSums] = field(default_factory=dict)

    def response(self, axis: str, wave: Sinusoid) -> tuple[int, float]:
        """(latency in ms, tracking error as a ratio of the commanded root mean square) on ``axis``."""
        sums = self.axes[axis]
        cross, power = sums.at_delays(wave)
        best = int(np.argmax(cross / np.sqrt(np.maximum(power, np.finfo(float).tiny))))
        squares = sums.aa - 2 * float(cross[best]) + float(power[best])
        error = math.sqrt(max(squares, 0.0) / float(power[best])) if power[best] > 0 else math.inf
        return int(DELAYS_MS[best]), error


def on_bench(chunk: Chunk, member: str, make: Callable[[], S]) -> tuple[S, float, dict[str, Sinusoid]] | None:
    """(the stream's state kept in ``member`` of its stats, made by ``make`` the first time; t0 in ns;
    axis -> its commanded sinusoid), or None when the stream declares no usable commanded motion."""
    command = commanded_of(chunk.stats.spec)
    if command is None:
        return None
    if getattr(chunk.stats, member) is None:
        setattr(chunk.stats, member, make())
    state: S = getattr(chunk.stats, member)
    return state, *command


def fold_response(chunk: Chunk, displacement: np.ndarray) -> None:
    """Add one chunk of achieved ``displacement`` ((n, 6), DOF6_AXES order) to the sums against
    the commanded motion."""
    bench = on_bench(chunk, "response", ResponseSums)
    if bench is None:
        return
    sums, t0, sinusoids = bench
    rows = np.flatnonzero(np.isfinite(displacement).all(axis=1))
    if not len(rows):
        return
    sums.count += len(rows)
    seconds = (chunk.t[rows].astype(np.float64) - t0) / 1e9
    for axis, wave in sinusoids.items():
        theta = 2 * np.pi * wave.frequency_hz * seconds + wave.phase_rad
        sums.axes.setdefault(axis, AxisSums()).add(displacement[rows, DOF6_AXES.index(axis)], theta)


def record_unusable_command(evidence: Evidence, name: str, stats: StreamStats) -> bool:
    """Record unjudged a stream declaring a commanded motion the checks cannot use (above 5 Hz, an amplitude not
    positive, an axis not of the six; TD-CAP-001 fails its header): a declared stream is never passed over."""
    if "commanded_motion" not in stats.spec or commanded_of(stats.spec) is not None:
        return False
    evidence.unjudged(name, msg("terminal.bench-command-unusable", file=name, sid=repr(stats.id),
                                most=MAX_FREQUENCY_HZ))
    return True
