"""The force a force-feedback device renders, measured with a force sensor on a bench (TD-FORCE-004).

On a bench, a calibrated force sensor (a load cell) at the device's end effector records while the
device plays commanded forces. The commands are the force_feedback stream's own frames (``force``, a
vector in newtons, ``t`` when the device received it, on the capture clock); the measurement is a
``force_sensor`` stream that ``annotates`` that stream and declares in ``force_sensor`` its
``sample_rate_hz`` and its ``instrument`` (``model``, ``calibration``; optionally ``capacity_n``,
``mounting``). Its axis lies along the commanded force, reading positive for the force the device
applies; each frame is a block of samples in newtons, ``t`` its first sample.

The commands form steps: a run of frames whose force magnitude changes by no more than
``STEP_EPS_N`` from frame to frame and spans no more than that, held until the next run. Per step
held at least ``MIN_HOLD_S`` and covered by the trace (``MIN_COVERAGE`` of it, from ``PRE_S``
before), after the capture is read, :func:`measure` takes:

- before: the median of the ``PRE_S`` before the step; its RMS about its mean is the noise floor;
- steady: the median from ``STEADY_FROM`` to ``STEADY_TO`` of the hold (what the device settled at);
- where the measured change (steady less before) exceeds ``NOISE_FACTOR`` times the floor: the
  latency, the first sample covering half of it (the step response's delay time), the rise time
  from 10 % to 90 % of it, and the overshoot, the largest excursion beyond steady in the step's
  direction as a share of the change;
- the peak, the largest force magnitude measured during the hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from .._shared.uncertainty import u_median
from . import bench_trace
from .bench_trace import MAX_COMMANDS, KeptCommands, keep_blocks, keep_rows, timed
from .chunk import Chunk
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

STEP_EPS_N = 1e-3
MIN_HOLD_S = 0.2
PRE_S = 0.05
STEADY_FROM, STEADY_TO = 0.6, 0.95
NOISE_FACTOR = 4.0
MIN_COVERAGE = 0.9
SENSOR = "force_sensor"  # the stream type and its header member


@dataclass
class Commands(KeptCommands):
    """A force_feedback stream's commanded force magnitudes kept for TD-FORCE-004, per chunk."""

    force_n: list[np.ndarray] = field(default_factory=list)


@dataclass
class Step:
    """One held command and what the force sensor measured of it (None: not measured)."""

    t: int
    line: int
    commanded: float  # N
    hold_s: float
    steady: float | None = None  # N
    steady_u: float = 0.0  # N, the standard uncertainty (type A) of the steady median
    latency_ms: float | None = None  # None: the measured change does not rise above the noise
    rise_ms: float | None = None
    overshoot: float | None = None  # a share of the measured change
    peak: float | None = None  # N, the largest magnitude during the hold


@dataclass
class Bench:
    """One force sensor's trace against the force_feedback stream it measures."""

    feedback: str
    model: str
    steps: list[Step]
    skipped: int  # held steps outside the trace
    unheld: int  # runs of commands held shorter than MIN_HOLD_S, or not constant


def instrument(spec: JsonObject) -> str | None:
    """The force sensor's model when the stream names it and how it was calibrated; else None."""
    return bench_trace.instrument(spec, SENSOR)


def sample_rate(spec: JsonObject) -> float | None:
    return bench_trace.sample_rate(spec, SENSOR)


def read_force_sensors(result: CaptureAnalysis) -> None:
    """Each force_sensor stream annotating a force_feedback stream: its trace kept, and that stream's
    commands (a force_feedback stream nothing measures keeps nothing)."""
    bench_trace.read_benches(result, SENSOR, "force_feedback", SENSOR, "rendering", "force_commands", Commands)


def collect_force_commands(chunk: Chunk, force: np.ndarray) -> None:
    """A force_feedback chunk's force magnitudes (NaN: no force), kept while fewer than MAX_COMMANDS are."""
    kept = chunk.stats.force_commands
    if kept is None:  # a force_feedback stream nothing measures keeps no commands
        return
    keep_rows(kept, chunk, [(kept.t, chunk.t), (kept.force_n, force), (kept.lines, chunk.lines)], MAX_COMMANDS)


_FORCE_N = attrgetter("force_n")


def check_force_sensor_frames(chunk: Chunk) -> None:
    """The chunk's blocks kept, while the trace holds fewer than MAX_TRACE_SAMPLES samples."""
    keep_blocks(chunk.stats.rendering, chunk, _FORCE_N)


def steps_of(kept: Commands) -> tuple[list[Step], int]:
    """The held steps of the commands, and how many runs were held too briefly or drifted."""
    if not kept.kept:
        return [], 0
    t, force, lines = (np.concatenate(c) for c in (kept.t, kept.force_n, kept.lines))
    order = np.argsort(t, kind="stable")
    t, force, lines = t[order], force[order], lines[order]
    given = ~np.isnan(force)
    t, force, lines = t[given], force[given], lines[given]
    if not len(t):
        return [], 0
    starts = np.concatenate(([0], np.flatnonzero(np.abs(np.diff(force)) > STEP_EPS_N) + 1))
    spread = np.maximum.reduceat(force, starts) - np.minimum.reduceat(force, starts)
    ends = np.append(starts[1:], len(t) - 1)  # a run holds until the next begins (the last: its last frame)
    steps, unheld = [], 0
    for start, end, width in zip(starts, ends, spread, strict=True):
        hold = (float(t[end]) - float(t[start])) / 1e9
        if hold < MIN_HOLD_S or width > STEP_EPS_N:
            unheld += 1
            continue
        steps.append(Step(int(t[start]), int(lines[start]), float(force[start]), hold))
    return steps, unheld


def _crossing(x: np.ndarray, times: np.ndarray, level: float) -> float:
    """The time of the first sample of ``x`` (oriented so the step rises) reaching ``level``."""
    return float(times[int(np.argmax(x >= level))])


def measure_step(times: np.ndarray, samples: np.ndarray, rate_hz: float, step: Step) -> Step | None:
    """What the trace shows of one held step; None when the trace does not cover it."""
    t = float(step.t)
    lo, hi = t - PRE_S * 1e9, t + step.hold_s * 1e9
    first, at, last = np.searchsorted(times, [lo, t, hi])
    if last - first < MIN_COVERAGE * (hi - lo) / 1e9 * rate_hz or at - first < 4:
        return None
    pre = samples[first:at]
    before = float(np.median(pre))
    floor = float(np.sqrt(np.mean((pre - pre.mean()) ** 2)))
    held, held_t = samples[at:last], times[at:last]
    a, b = np.searchsorted(held_t, [t + STEADY_FROM * step.hold_s * 1e9, t + STEADY_TO * step.hold_s * 1e9])
    if b - a < 4:
        return None
    step.steady = float(np.median(held[a:b]))
    step.steady_u = u_median(held[a:b])
    step.peak = float(np.abs(held).max())
    change = step.steady - before
    if abs(change) <= NOISE_FACTOR * floor or change == 0:
        return step  # no change above the noise: no timing to measure
    rising = (held - before) * math.copysign(1.0, change)  # the step made to rise from 0 to |change|
    size = abs(change)
    step.latency_ms = (_crossing(rising, held_t, 0.5 * size) - t) / 1e6
    step.rise_ms = (_crossing(rising, held_t, 0.9 * size) - _crossing(rising, held_t, 0.1 * size)) / 1e6
    step.overshoot = max(0.0, float(rising.max()) - size) / size
    return step


def force_bench(analysis: CaptureAnalysis, stats: StreamStats) -> StreamStats | tuple[str, dict[str, object]]:
    """The force_feedback stream a force_sensor stream measures (TD-FORCE-004 and TD-FORCE-005 read one
    bench), when the sensor names it, its calibrated model and a trace; else why not, as (message key, values)."""
    return bench_trace.measured_stream(analysis, stats, "force_feedback", instrument(stats.spec), stats.rendering, (
        "terminal.force-output-no-target", "terminal.force-output-no-instrument"))


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Bench | tuple[str, dict[str, object]]:
    """A force_sensor stream's trace against its force_feedback stream's commands; or why it is not
    judged, as (message key, values)."""
    model, trace = instrument(stats.spec), stats.rendering
    target = force_bench(analysis, stats)
    if not isinstance(target, StreamStats):
        return target
    assert trace is not None  # measured_stream gives a stream only when the sensor kept a trace
    times, samples = timed(trace)
    steps, unheld = steps_of(target.force_commands) if target.force_commands is not None else ([], 0)
    measured = [m for m in (measure_step(times, samples, trace.rate_hz, s) for s in steps) if m is not None]
    if not measured:
        return "terminal.force-output-no-steps", {"feedback": repr(target.id), "unheld": unheld,
                                                  "hold": 1000 * MIN_HOLD_S}
    return Bench(target.id, str(model), measured, len(steps) - len(measured), unheld)
