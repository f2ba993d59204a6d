"""A haptic actuator's output measured with an accelerometer (TD-HAPT-003).

On a bench, a calibrated accelerometer fixed to the actuator records while the device plays
commanded vibrations. The commands are the haptic stream's own frames (XrHapticVibration:
``duration_ns``, ``frequency_hz``, ``amplitude``, ``t`` when the device received it, on the
capture clock); the measurement is an ``acceleration`` stream that ``annotates`` that haptic
stream and declares in ``accelerometer`` its ``sample_rate_hz`` and its ``instrument`` (``model``,
``calibration``: how and when it was calibrated; optionally ``sensitivity_mv_per_g``,
``mounting``). Each acceleration frame is a block of samples in m/s^2, ``t`` its first sample.

The reader keeps the commands (at most ``MAX_COMMANDS``) and the trace (at most
``bench_trace.MAX_TRACE_SAMPLES`` samples; what comes later is counted, not kept). After the
capture is read, :func:`measure` takes per command with a known duration, from the trace:

- the noise floor, the RMS of the ``PRE_S`` before the command;
- from the command to ``SEARCH_S`` after its end (or to the next command, if sooner), the
  magnitude of the acceleration less the floor's mean; the onset is the first sample where it
  reaches ``ONSET_FRACTION`` of its largest value and ``NOISE_FACTOR`` times the floor (a
  causal threshold crossing: it lags the start by at most a quarter period of the vibration); a
  largest value under ``NOISE_FACTOR`` times the floor is no vibration at all; the latency is the
  onset less the command's ``t``;
- the steady part, from a quarter to nine tenths of the commanded duration after the onset:
  its dominant frequency (the peak of the Hann-weighted, zero-padded spectrum above
  ``MIN_FREQUENCY_HZ``, refined by a parabola through the three bins) and its RMS acceleration.
  A steady part shorter than ``MIN_STEADY_CYCLES`` cycles or ``MIN_STEADY_S`` is not measured.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from . import bench_trace
from .bench_trace import MAX_COMMANDS, KeptCommands, keep_blocks, keep_rows, timed
from .chunk import Chunk
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

PRE_S = 0.05
SEARCH_S = 0.3
ONSET_FRACTION = 0.1
NOISE_FACTOR = 4.0
MIN_FREQUENCY_HZ = 10.0
MIN_STEADY_CYCLES = 4
MIN_STEADY_S = 0.02
#: the share of a command's window the trace must cover for it to be measured
MIN_COVERAGE = 0.9


@dataclass
class Commands(KeptCommands):
    """A haptic stream's frames kept for TD-HAPT-003: columns per chunk."""

    duration_ns: list[np.ndarray] = field(default_factory=list)
    frequency_hz: list[np.ndarray] = field(default_factory=list)
    amplitude: list[np.ndarray] = field(default_factory=list)


@dataclass
class Measured:
    """One command and what the accelerometer measured of it (None: not measured)."""

    t: int
    line: int
    duration_s: float
    frequency_hz: float  # commanded; 0 = unspecified
    amplitude: float
    latency_ms: float | None = None  # None: no vibration rose above the noise floor
    dominant_hz: float | None = None
    rms: float | None = None  # m/s^2


@dataclass
class Bench:
    """One accelerometer's trace against the haptic stream it measures."""

    haptic: str
    model: str
    measured: list[Measured]
    skipped: int  # commands of no known duration, or outside the trace
    unsteady: int  # commands whose steady part is too short for frequency and RMS


def instrument(spec: JsonObject) -> str | None:
    """The accelerometer's model when the stream names it and how it was calibrated; else None."""
    return bench_trace.instrument(spec, "accelerometer")


def sample_rate(spec: JsonObject) -> float | None:
    return bench_trace.sample_rate(spec, "accelerometer")


def read_accelerometers(result: CaptureAnalysis) -> None:
    """Each acceleration stream annotating a haptic stream: its trace kept, and the haptic
    stream's commands (a haptic stream nothing measures keeps nothing)."""
    bench_trace.read_benches(result, "acceleration", "haptic", "accelerometer", "vibration", "haptic_commands",
                             Commands)


def collect_commands(chunk: Chunk, duration: np.ndarray, frequency: np.ndarray, amplitude: np.ndarray) -> None:
    """A haptic chunk's commands, kept while fewer than MAX_COMMANDS are."""
    kept = chunk.stats.haptic_commands
    if kept is None:  # a haptic stream nothing measures keeps no commands
        return
    keep_rows(kept, chunk, [(kept.t, chunk.t), (kept.duration_ns, duration), (kept.frequency_hz, frequency),
                            (kept.amplitude, amplitude), (kept.lines, chunk.lines)], MAX_COMMANDS)


_ACCELERATION = attrgetter("acceleration")


def check_acceleration_frames(chunk: Chunk) -> None:
    """The chunk's blocks kept, while the trace holds fewer than MAX_TRACE_SAMPLES samples."""
    keep_blocks(chunk.stats.vibration, chunk, _ACCELERATION)


#: the grid dominant_frequency reads on is at most this fine (Hz); the frequency it gives carries that step's
#: resolution as a rectangular distribution (GUM 4.3.7), an upper bound of the refined peak's uncertainty
FREQUENCY_GRID_HZ = 0.25
U_FREQUENCY_HZ = FREQUENCY_GRID_HZ / 12 ** 0.5


def dominant_frequency(x: np.ndarray, rate_hz: float) -> float:
    """The frequency of the highest peak of the Hann-weighted spectrum above MIN_FREQUENCY_HZ, read
    on a grid of at most 0.25 Hz and refined by a parabola through the peak and its neighbours."""
    size = max(len(x), int(rate_hz / FREQUENCY_GRID_HZ))
    power = np.abs(np.fft.rfft((x - x.mean()) * np.hanning(len(x)), n=size))
    low = int(math.ceil(MIN_FREQUENCY_HZ * size / rate_hz))
    if low >= len(power) - 1:
        return 0.0
    k = low + int(np.argmax(power[low:]))
    shift = 0.0
    if 0 < k < len(power) - 1:
        a, b, c = power[k - 1], power[k], power[k + 1]
        denominator = a - 2 * b + c
        shift = 0.5 * (a - c) / denominator if denominator else 0.0
    return float((k + shift) * rate_hz / size)


def _one(times: np.ndarray, samples: np.ndarray, rate_hz: float, command: Measured,
         next_t: float) -> Measured | None:
    """What the trace shows of one command, looked for until the next command arrives; None when
    the trace does not cover its window."""
    t = float(command.t)
    lo, hi = t - PRE_S * 1e9, min(t + (command.duration_s + SEARCH_S) * 1e9, next_t)
    first, at, last = np.searchsorted(times, [lo, t, hi])
    if last - first < MIN_COVERAGE * (hi - lo) / 1e9 * rate_hz or at - first < 4 or last - at < 4:
        return None
    before = samples[first:at]
    floor = float(np.sqrt(np.mean((before - before.mean()) ** 2)))
    window = np.abs(samples[at:last] - before.mean())
    peak = float(window.max())
    if peak <= NOISE_FACTOR * floor:
        return command  # nothing rose above the noise: no onset, nothing measured
    onset = int(np.argmax(window >= max(ONSET_FRACTION * peak, NOISE_FACTOR * floor)))
    onset_t = float(times[at + onset])
    command.latency_ms = (onset_t - t) / 1e6
    begin, end = np.searchsorted(times, [onset_t + 0.25 * command.duration_s * 1e9,
                                         min(onset_t + 0.9 * command.duration_s * 1e9, hi)])
    steady = samples[begin:end]
    cycles = len(steady) / rate_hz * (command.frequency_hz or MIN_FREQUENCY_HZ)
    if len(steady) / rate_hz >= MIN_STEADY_S and cycles >= MIN_STEADY_CYCLES:
        command.dominant_hz = dominant_frequency(steady, rate_hz)
        command.rms = float(np.sqrt(np.mean((steady - steady.mean()) ** 2)))
    return command


def commands_of(kept: Commands) -> list[Measured]:
    if not kept.kept:
        return []
    columns = [np.concatenate(c) for c in (kept.t, kept.duration_ns, kept.frequency_hz, kept.amplitude, kept.lines)]
    return [Measured(int(t), int(line), float(d) / 1e9, float(f), float(a))
            for t, d, f, a, line in zip(*columns, strict=True)]


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Bench | tuple[str, dict[str, object]]:
    """An acceleration stream's trace against its haptic stream's commands; or why it is not
    judged, as (message key, values)."""
    model, trace = instrument(stats.spec), stats.vibration
    target = bench_trace.measured_stream(analysis, stats, "haptic", model, trace, (
        "terminal.haptic-output-no-target", "terminal.haptic-output-no-instrument"))
    if not isinstance(target, StreamStats):
        return target
    assert trace is not None  # measured_stream gives a stream only when the sensor kept a trace
    times, samples = timed(trace)
    measured, skipped = [], 0
    kept = target.haptic_commands
    commands = sorted(commands_of(kept), key=attrgetter("t")) if kept is not None else []
    for k, command in enumerate(commands):
        next_t = float(commands[k + 1].t) if k + 1 < len(commands) else math.inf
        got = _one(times, samples, trace.rate_hz, command, next_t) if command.duration_s > 0 else None
        if got is None:
            skipped += 1
        else:
            measured.append(got)
    if not measured:
        return "terminal.haptic-output-no-commands", {"haptic": repr(target.id), "skipped": skipped}
    unsteady = sum(m.latency_ms is not None and m.rms is None for m in measured)
    return Bench(target.id, str(model), measured, skipped, unsteady)


def amplitude_steps(measured: list[Measured], step_db: float) -> tuple[list[tuple[Measured, Measured, float]], int]:
    """R3's pairs: per commanded frequency, each commanded amplitude against the highest lower one at
    least twice ``step_db`` below it (medians of the RMS measured at each amplitude). Returns the pairs
    (lower, higher, measured rise in dB) and how many frequencies had such a pair."""
    groups: dict[float, dict[float, list[Measured]]] = {}
    for m in measured:
        if m.rms is not None and m.amplitude > 0:
            groups.setdefault(m.frequency_hz, {}).setdefault(m.amplitude, []).append(m)
    pairs: list[tuple[Measured, Measured, float]] = []
    judged = 0
    for levels in groups.values():
        amplitudes = sorted(levels)
        before = len(pairs)
        for j, high in enumerate(amplitudes):
            lower = [a for a in amplitudes[:j] if 20 * math.log10(high / a) >= 2 * step_db]
            if not lower:
                continue
            low = lower[-1]
            low_rms = float(np.median([m.rms for m in levels[low]]))
            high_rms = float(np.median([m.rms for m in levels[high]]))
            rise = 20 * math.log10(high_rms / low_rms) if low_rms > 0 and high_rms > 0 else \
                (math.inf if high_rms > 0 else -math.inf)
            pairs.append((levels[low][0], levels[high][0], rise))
        judged += len(pairs) > before
    return pairs, judged
