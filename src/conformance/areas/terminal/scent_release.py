"""The scents an olfactory device releases, measured with a photoionization detector on a bench (TD-OLF-003).

On a bench, a calibrated photoionization detector (PID) samples the air in front of the device's outlet while
the device plays commanded scents. The commands are the olfactory stream's own frames (``scent``,
``intensity`` 0..1, ``duration_ns``, ``t`` when the device received it, on the capture clock); the measurement
is a ``gas_sensor`` stream that ``annotates`` that stream and declares in ``gas_sensor`` its ``sample_rate_hz``
and its ``instrument`` (``model``, ``calibration``: the zero and span gases and when; optionally
``response_t90_s``). Each frame is a block of samples in ppm of the calibration gas's equivalent, ``t`` its
first sample.

The reader keeps the commands (at most ``MAX_COMMANDS``) and the trace (at most
``bench_trace.MAX_TRACE_SAMPLES`` samples). After the capture is read, :func:`measure` takes per command of
positive intensity and a duration of at least ``MIN_DURATION_S``, from the trace:

- the baseline, the median of the ``PRE_S`` before the command, and the noise floor, the RMS about its mean;
- from the command to ``SEARCH_S`` after its end (or to the next command, if sooner), the concentration less
  the baseline; its largest value (of a three-sample running median, so one spike is not a release) is the
  release's rise; a rise under ``NOISE_FACTOR`` times the floor, or under ``MIN_RISE_PPM``, is no release;
- the latency, from the command to the first sample reaching ``ONSET_FRACTION`` of the rise;
- the release's duration, from the first to the last sample at or above half the rise (its full width at
  half maximum: a detector's and the air's first-order lags shift both edges alike).

Pairs of commands of one scent and one duration, the one at least ``INTENSITY_STEP`` times the other's
intensity, give the ratio of their rises (R3).
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
from .jsonread import is_finite
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

SENSOR = "gas_sensor"  # the stream type and its header member
PRE_S = 1.0
SEARCH_S = 6.0
ONSET_FRACTION = 0.1
NOISE_FACTOR = 5.0
MIN_RISE_PPM = 0.05
MIN_DURATION_S = 1.0
INTENSITY_STEP = 2.0
#: the share of a command's window the trace must cover for it to be measured
MIN_COVERAGE = 0.9


@dataclass
class Commands(KeptCommands):
    """An olfactory stream's frames kept for TD-OLF-003: columns per chunk."""

    scent: list[np.ndarray] = field(default_factory=list)
    intensity: list[np.ndarray] = field(default_factory=list)
    duration_ns: list[np.ndarray] = field(default_factory=list)


@dataclass
class Release:
    """One command and what the detector measured of it."""

    t: int
    line: int
    scent: str
    intensity: float
    duration_s: float
    rise_ppm: float = 0.0  # above the baseline
    floor_ppm: float = 0.0  # the RMS noise before the command
    latency_s: float | None = None  # None: nothing released above the noise
    released_s: float | None = None  # the release's full width at half its rise


@dataclass
class Bench:
    """One detector's trace against the olfactory stream it measures."""

    olfactory: str
    model: str
    period_s: float  # the trace's sample period
    t90_s: float | None  # the detector's declared response time
    measured: list[Release]
    skipped: int  # commands of no intensity, shorter than MIN_DURATION_S, or outside the trace
    #: of those, commands the case measures whose window the trace covers too little (MIN_COVERAGE): unjudged
    uncovered: int = 0


def instrument(spec: JsonObject) -> str | None:
    """The detector's model when the stream names it and how it was calibrated; else None."""
    return bench_trace.instrument(spec, SENSOR)


def response_time(spec: JsonObject) -> float | None:
    value = bench_trace.declaration(spec, SENSOR).get("instrument")
    t90 = value.get("response_t90_s") if isinstance(value, dict) else None
    return float(t90) if is_finite(t90) and t90 > 0 else None


def read_gas_sensors(result: CaptureAnalysis) -> None:
    """Each gas_sensor stream annotating an olfactory stream: its trace kept, and that stream's commands (an
    olfactory stream nothing measures keeps nothing)."""
    bench_trace.read_benches(result, SENSOR, "olfactory", SENSOR, "release", "scent_commands", Commands)


def collect_scent_commands(chunk: Chunk, intensity: np.ndarray, duration: np.ndarray) -> None:
    """An olfactory chunk's commands, kept while fewer than MAX_COMMANDS are."""
    kept = chunk.stats.scent_commands
    if kept is None:  # an olfactory stream nothing measures keeps no commands
        return
    scents = np.array([f.scent for f in chunk.frames], dtype=object)
    keep_rows(kept, chunk, [(kept.t, chunk.t), (kept.scent, scents), (kept.intensity, intensity),
                            (kept.duration_ns, duration), (kept.lines, chunk.lines)], MAX_COMMANDS)


_CONCENTRATION = attrgetter("concentration_ppm")


def check_gas_sensor_frames(chunk: Chunk) -> None:
    """The chunk's blocks kept, while the trace holds fewer than MAX_TRACE_SAMPLES samples."""
    keep_blocks(chunk.stats.release, chunk, _CONCENTRATION)


def _median3(x: np.ndarray) -> np.ndarray:
    """A running median of three samples (the ends kept)."""
    if len(x) < 3:
        return x
    middle = np.median(np.stack([x[:-2], x[1:-1], x[2:]]), axis=0)
    return np.concatenate(([x[0]], middle, [x[-1]]))


def measure_release(times: np.ndarray, samples: np.ndarray, rate_hz: float, release: Release,
                    until: float) -> Release | None:
    """What the trace shows of one command, up to ``until`` (ns, the next command); None when the trace
    does not cover it."""
    t = float(release.t)
    lo, hi = t - PRE_S * 1e9, min(t + (release.duration_s + SEARCH_S) * 1e9, until)
    first, at, last = np.searchsorted(times, [lo, t, hi])
    if last - first < MIN_COVERAGE * (hi - lo) / 1e9 * rate_hz or at - first < 4 or last - at < 4:
        return None
    pre = samples[first:at]
    base = float(np.median(pre))
    release.floor_ppm = float(np.sqrt(np.mean((pre - pre.mean()) ** 2)))
    rel, rel_t = _median3(samples[at:last] - base), times[at:last]
    release.rise_ppm = float(rel.max())
    if release.rise_ppm <= max(NOISE_FACTOR * release.floor_ppm, MIN_RISE_PPM):
        return release  # nothing released above the noise
    release.latency_s = (float(rel_t[int(np.argmax(rel >= ONSET_FRACTION * release.rise_ppm))]) - t) / 1e9
    above = np.flatnonzero(rel >= 0.5 * release.rise_ppm)
    release.released_s = (float(rel_t[above[-1]]) - float(rel_t[above[0]])) / 1e9 + 1.0 / rate_hz
    return release


def intensity_pairs(measured: list[Release]) -> list[tuple[Release, Release, float]]:
    """(the weaker, the stronger, the ratio of their rises) of each pair of released commands of one scent and
    one duration whose intensities differ by a factor of at least INTENSITY_STEP."""
    pairs = []
    released = [m for m in measured if m.latency_s is not None]
    for k, low in enumerate(released):
        for high in released[k + 1:] + released[:k]:
            if (high.scent, high.duration_s) == (low.scent, low.duration_s) \
                    and high.intensity >= INTENSITY_STEP * low.intensity:
                pairs.append((low, high, high.rise_ppm / low.rise_ppm))
    return sorted(pairs, key=lambda pair: (pair[1].t, pair[0].t))


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Bench | tuple[str, dict[str, object]]:
    """A gas_sensor stream's trace against its olfactory stream's commands; or why it is not judged, as
    (message key, values)."""
    model, trace = instrument(stats.spec), stats.release
    target = bench_trace.measured_stream(analysis, stats, "olfactory", model, trace, (
        "terminal.scent-release-no-target", "terminal.scent-release-no-instrument"))
    if not isinstance(target, StreamStats):
        return target
    assert trace is not None  # measured_stream gives a stream only when the sensor kept a trace
    times, samples = timed(trace)
    kept: Commands | None = target.scent_commands
    if kept is None or not kept.kept:
        return "terminal.scent-release-no-commands", {"olfactory": repr(target.id)}
    t, scent, intensity, duration, lines = (np.concatenate(c) for c in (
        kept.t, kept.scent, kept.intensity, kept.duration_ns, kept.lines))
    order = np.argsort(t, kind="stable")
    measured: list[Release] = []
    skipped = uncovered = 0
    for rank, i in enumerate(order):
        release = Release(int(t[i]), int(lines[i]), str(scent[i]), float(intensity[i]), float(duration[i]) / 1e9)
        if not release.intensity > 0 or not release.duration_s >= MIN_DURATION_S:
            skipped += 1
            continue
        until = float(t[order[rank + 1]]) if rank + 1 < len(order) else math.inf
        got = measure_release(times, samples, trace.rate_hz, release, until)
        if got is None:
            skipped += 1
            uncovered += 1
        else:
            measured.append(got)
    if not measured:
        return "terminal.scent-release-none-measured", {"olfactory": repr(target.id), "skipped": skipped}
    return Bench(target.id, str(model), 1.0 / trace.rate_hz, response_time(stats.spec), measured, skipped, uncovered)
