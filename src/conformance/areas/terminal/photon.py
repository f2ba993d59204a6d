"""A near-eye display on the photon rig (TD-DISP-009): what two photodiodes at its eyepieces see while
a motion stage turns it.

The rig: the headset is clamped on a rotary stage whose angle encoder marks, on the capture clock,
each instant the stage turns past the trigger angle (a ``stage_trigger`` stream annotating the
display stream, ``measured_by`` the stage, values ``stage/enter`` and ``stage/leave``); the test application
draws a full-field white while the tracked head is past the trigger angle and black otherwise. A
photodiode faces each eyepiece (a ``photodiode`` stream annotating the display stream, declaring in
``photodiode`` its ``sample_rate_hz``, its ``eye`` and its ``instrument``: ``model`` and
``calibration`` at least); each frame is a block of samples, zero for dark.

Per photodiode, from its trace (:func:`pulses`): the dark and lit levels (the 5th and 99.5th
percentiles), the half-way threshold, and each crossing of it read between the two samples that
straddle it (linear interpolation); a pulse is a rise and the fall after it. Then (:func:`measure`):

- the motion-to-photon latency of each ``stage/enter``: its first rise after the mark, less the mark (the
  uncertainty the stage states of its marks' moments, ``measured_by.uncertainty``, kept for its type B);
- the lit windows: from that first rise to the last rise before the next ``stage/leave``; within
  them the persistence (each pulse's width, the median judged), the intervals between rises (one
  longer than 1.5 periods of the display stream's rate misses ``round(interval / period) - 1``
  frames, rounded half up), and the deviation of each other interval from the period (its 99th percentile, nearest
  rank, judged);
- the two eyes of one display (:func:`skews`): each rise of the left eye paired with the nearest rise
  of the right within half a period, and the largest difference judged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from .._shared.uncertainty import Declared, declared
from .bench_trace import Trace, instrument, keep_blocks, sample_rate, timed
from .chunk import Chunk
from .jsonread import object_of
from .model import CaptureAnalysis, StreamStats
from .timing import whole_periods

if TYPE_CHECKING:
    from conformance.area import JsonValue

#: a photodiode sampled slower than this reads an edge to worse than 0.1 ms (U, k = 2, of one edge:
#: 2 / (rate sqrt(12)) = 0.115 ms at 10 kHz), too coarse for a 1 ms skew bound; the catalog's own figure
MIN_RATE_HZ = 10_000.0
#: lit over dark: a trace whose 99.5th percentile is below this many times its 5th shows no pulses; the catalog's own
#: (TD-DISP-009's step 2 and notes): a display's full-field white is far brighter than this over its black in the dark
#: box, so levels closer together record no display lighting up and going dark
MIN_CONTRAST = 4.0
ENTER, LEAVE = "stage/enter", "stage/leave"
STAGE_KIND = "rotary_stage"


@dataclass
class Eye:
    """What one photodiode measured of its eyepiece."""

    sid: str
    display: str
    eye: str
    model: str
    rate_hz: float
    period_ms: float
    latencies_ms: list[tuple[int, float]] = field(default_factory=list)  # (mark t, latency) per stage/enter
    widths_ms: np.ndarray = field(default_factory=lambda: np.zeros(0))
    rises: np.ndarray = field(default_factory=lambda: np.zeros(0))  # ns, within the lit windows
    frames: int = 0  # refreshes the lit windows span
    missed: int = 0
    deviations_ms: np.ndarray = field(default_factory=lambda: np.zeros(0))
    unanswered: int = 0  # stage/enter marks with no rise before the next mark
    persistence_ms: float | None = None  # what the device declares (system.display.persistence_ms)
    stage_uncertainty: Declared | None = None  # what the stage states of its marks' moments (measured_by)

    @property
    def u_edge_ms(self) -> float:
        """The standard uncertainty of one edge read on the sample grid (rectangular over a sample)."""
        return 1e3 / self.rate_hz / math.sqrt(12)


def read_photodiodes(result: CaptureAnalysis) -> None:
    """Each photodiode stream annotating a display stream and declaring its sample rate keeps its trace."""
    for stats in result.streams_of("photodiode"):
        target = result.annotated(stats)
        rate = sample_rate(stats.spec, "photodiode")
        if target is not None and target.type == "display" and rate is not None:
            stats.photon = Trace(rate, target.id)


_PHOTODIODE = attrgetter("photodiode")


def check_photodiode_frames(chunk: Chunk) -> None:
    keep_blocks(chunk.stats.photon, chunk, _PHOTODIODE)


def crossings(times: np.ndarray, x: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """(rises, falls) through ``level``, in ns, each interpolated between the samples straddling it."""
    above = x > level
    edge = np.flatnonzero(above[1:] != above[:-1]) + 1
    before, after = x[edge - 1], x[edge]
    at = times[edge - 1] + (level - before) / (after - before) * (times[edge] - times[edge - 1])
    rising = above[edge]
    return at[rising], at[~rising]


def pulses(trace: Trace) -> tuple[np.ndarray, np.ndarray] | None:
    """(rise times, widths in ms) of the pulses of a trace; None when it shows none."""
    times, x = timed(trace)
    if len(x) < 3:
        return None
    dark, lit = np.percentile(x, [5, 99.5])
    if lit <= 0 or lit < MIN_CONTRAST * max(dark, 0.0) or lit - dark <= 0:
        return None
    rises, falls = crossings(times, x, dark + 0.5 * (lit - dark))
    if not len(rises):
        return None
    after = np.searchsorted(falls, rises)
    ok = after < len(falls)
    widths = np.full(len(rises), np.nan)
    widths[ok] = (falls[after[ok]] - rises[ok]) / 1e6
    return rises, widths


def declared_persistence(header: JsonValue) -> float | None:
    """The persistence the device declares (system.display.persistence_ms), if a number."""
    value: object = header
    for member in ("device", "system", "display", "persistence_ms"):
        value = value.get(member) if isinstance(value, dict) else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def stage_of(analysis: CaptureAnalysis, display: str) -> StreamStats | None:
    """The stage_trigger stream a motion stage's encoder wrote for ``display``, if the capture has one."""
    for stats in analysis.streams_of("stage_trigger"):
        by = stats.spec.get("measured_by")
        if stats.spec.get("annotates") == display and isinstance(by, dict) and by.get("kind") == STAGE_KIND:
            return stats
    return None


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Eye | tuple[str, dict[str, object]]:
    """One photodiode's measurement of its eyepiece; or why it is not judged, as (message key, values)."""
    spec = stats.spec
    display = analysis.annotated(stats)
    if display is None or display.type != "display" or not display.rate_hz:
        return "terminal.photon-no-display", {"annotates": repr(spec.get("annotates"))}
    model, trace = instrument(spec, "photodiode"), stats.photon
    if model is None:
        return "terminal.photon-no-instrument", {}
    if trace is None or trace.rate_hz < MIN_RATE_HZ:
        return "terminal.photon-slow", {"rate": trace.rate_hz if trace else 0.0, "floor": MIN_RATE_HZ}
    stage = stage_of(analysis, display.id)
    if stage is None or stage.markers is None:
        return "terminal.photon-no-stage", {"display": repr(display.id)}
    found = pulses(trace)
    if found is None:
        return "terminal.photon-dark", {}
    rises, widths = found
    side = str(object_of(spec.get("photodiode")).get("eye"))
    eye = Eye(stats.id, display.id, side, model, trace.rate_hz, 1e3 / display.rate_hz,
              persistence_ms=declared_persistence(analysis.header),
              stage_uncertainty=declared(stage.spec.get("measured_by")))
    _windows(eye, list(zip(stage.markers.t, stage.markers.values, strict=True)), rises, widths)
    return eye


def _windows(eye: Eye, marks: list[tuple[int, str]], rises: np.ndarray, widths: np.ndarray) -> None:
    """The latency of each stage/enter, and the pulses of the lit window that follows it."""
    marks.sort()
    period_ns = eye.period_ms * 1e6
    kept_rises, kept_widths, deviations = [], [], []
    for k, (t, value) in enumerate(marks):
        if value != ENTER:
            continue
        end = next((u for u, v in marks[k + 1:] if v == LEAVE), math.inf)
        following = marks[k + 1][0] if k + 1 < len(marks) else math.inf
        first = int(np.searchsorted(rises, t, side="right"))
        if first >= len(rises) or rises[first] >= following:
            eye.unanswered += 1
            continue
        eye.latencies_ms.append((t, float(rises[first] - t) / 1e6))
        last = int(np.searchsorted(rises, end))
        window = rises[first:last]
        if len(window) < 2:
            continue
        intervals = np.diff(window)
        steps = np.maximum(whole_periods(intervals / period_ns), 1)
        eye.frames += int(steps.sum()) + 1
        eye.missed += int((steps - 1)[intervals > 1.5 * period_ns].sum())
        deviations.append(np.abs(intervals[intervals <= 1.5 * period_ns] - period_ns) / 1e6)
        kept_rises.append(window)
        kept_widths.append(widths[first:last])
    if kept_rises:
        eye.rises = np.concatenate(kept_rises)
        eye.widths_ms = np.concatenate(kept_widths)
        eye.deviations_ms = np.concatenate(deviations)


def nearest_rank(values: np.ndarray, percent: float) -> float:
    """The nearest-rank percentile (the catalog's percentile, as TD-RATE-003's)."""
    ordered = np.sort(values)
    return float(ordered[max(math.ceil(percent / 100 * len(ordered)), 1) - 1])


def skews(left: Eye, right: Eye) -> np.ndarray:
    """|t_left - t_right| in ms of each left rise paired with the nearest right rise within half a period."""
    if not len(left.rises) or not len(right.rises):
        return np.zeros(0)
    at = np.clip(np.searchsorted(right.rises, left.rises), 1, len(right.rises) - 1) if len(right.rises) > 1 \
        else np.zeros(len(left.rises), dtype=np.int64)
    candidates = [right.rises[at]] + ([right.rises[at - 1]] if len(right.rises) > 1 else [])
    gap = np.min(np.abs(np.stack(candidates) - left.rises), axis=0) / 1e6
    return gap[gap <= left.period_ms / 2]
