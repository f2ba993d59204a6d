"""A depth sensor's frames (TD-DEPTH-001) and its range to a flat reference target (TD-DEPTH-002).

A ``depth`` stream is an infrared (time-of-flight or structured-light) depth sensor: its declaration's
``depth_region`` gives the ``rows`` and ``columns`` of the pixels it reports of the region where the reference
target lies (the centre of its field of view); each frame's ``depth_m`` holds one range (m) per pixel, row after
row. While the frames are read, each frame becomes one number (columns, memory flat): the median of its region.

A ``range_target`` stream ``annotates`` the depth stream: a flat, diffuse target board facing the sensor on a
rail, its distance from the sensor's reference plane measured by a calibrated distance meter (its declaration's
``range_target.instrument``: model, calibration, uncertainty); each frame carries ``distance_m``. Its readings are
kept (at most ``MAX_READINGS``). After the capture is read, :func:`measure` splits them into holds (runs where the
distance stays within ``MOVE_M``, held at least ``MIN_HOLD_S``) and, per hold, takes the sensor's frames from
``STEADY_FROM`` to ``STEADY_TO`` of it: the median of their region medians (R1: against the reference) and their
standard deviation (R2: the temporal noise).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from conformance import msg

from .._shared.uncertainty import u_median
from .chunk import Chunk, report
from .flicker import block_samples
from .jsonread import calibrated_model, object_of
from .model import CaptureAnalysis, StreamStats
from .readings import Capped, Readings, joined, keep, measuring_streams

if TYPE_CHECKING:
    from conformance.area import JsonObject

SENSOR, REFERENCE = "depth", "range_target"  # the stream types (and their header members: depth_region, range_target)
MOVE_M = 0.001  # the target is still while its distance stays within 1 mm of the hold's first reading
MIN_HOLD_S = 0.5
MIN_FRAMES = 10  # a hold covered by fewer sensor frames is not judged (too few for a standard deviation)
STEADY_FROM, STEADY_TO = 0.2, 0.95
MAX_READINGS = 2_000_000


@dataclass
class RegionColumns(Capped):
    """A depth stream's per-frame region median, chunk by chunk."""

    count: int  # pixels per frame
    t: list[np.ndarray] = field(default_factory=list)
    median: list[np.ndarray] = field(default_factory=list)


def distances() -> Readings:
    """What a range_target stream keeps: the distance meter's readings (m)."""
    return Readings(limit=MAX_READINGS, read={"distance": attrgetter("distance_m")})


@dataclass
class Hold:
    """One still position of the target and what the sensor read of it."""

    t: int
    line: int
    distance: float  # m, the distance meter's median
    read: float  # m, the median of the sensor's region medians
    read_u: float  # m, the standard uncertainty (type A) of that median
    noise: float  # m, the standard deviation of the region medians over the hold
    frames: int


@dataclass
class Ranging:
    """A range target's holds against the depth stream it annotates."""

    sensor: str
    meter: str
    holds: list[Hold]
    uncovered: int  # holds the sensor's frames do not cover


def region(spec: JsonObject) -> int | None:
    """The number of pixels the stream declares per frame; None when it declares no usable region."""
    held = spec.get("depth_region")
    if not isinstance(held, dict):
        return None
    rows, columns = held.get("rows"), held.get("columns")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in (rows, columns)):
        return None
    return int(rows) * int(columns)  # type: ignore[arg-type]


def meter(spec: JsonObject) -> str | None:
    """The distance meter's model a range_target stream names, when it names how it was calibrated."""
    held = spec.get(REFERENCE)
    return calibrated_model(object_of(held).get("instrument"))


def read_depth(result: CaptureAnalysis) -> None:
    """Each depth stream declaring a region keeps its columns; each range_target annotating one its readings."""
    sensors, references = measuring_streams(result, SENSOR, REFERENCE, region)
    for stats, count in sensors:
        stats.depth = RegionColumns(count)
    for stats in references:
        stats.range_target = distances()


def check_depth_frames(chunk: Chunk) -> None:
    """TD-DEPTH-001: each frame one finite, positive range per declared pixel (R1, R2); then the columns."""
    columns: RegionColumns | None = chunk.stats.depth
    if columns is None or not len(chunk):
        return
    samples, sizes, unread = block_samples([f.depth_m for f in chunk.frames])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    wrong = sizes != columns.count
    wrong[unread] = True
    report(chunk, "depth_region", wrong, lambda row: (
        msg("terminal.depth-count", sid=repr(chunk.stats.id), count=int(sizes[row]), expected=columns.count),
        {"rule": "R1", "pointer": "/depth_m", "expected": columns.count,
         "actual": int(sizes[row])}))
    good = np.flatnonzero(~wrong)
    chunk.stats.add_checked("depth_region", len(chunk))
    if not len(good):
        return
    values = samples[starts[good][:, None] + np.arange(columns.count)[None, :]]  # (frames, pixels)
    invalid = ~np.isfinite(values) | (values <= 0)
    bad_rows = invalid.any(axis=1)
    if bad_rows.any():
        first = invalid.argmax(axis=1)
        mask = np.zeros(len(chunk), bool)
        mask[good[bad_rows]] = True
        where = dict(zip(good.tolist(), first.tolist(), strict=True))
        report(chunk, "depth_region", mask, lambda row: (
            msg("terminal.depth-value", sid=repr(chunk.stats.id), pixel=where[row],
                value=float(samples[starts[row] + where[row]])),
            {"rule": "R2", "pointer": f"/depth_m/{where[row]}", "expected": "> 0 m, finite",
             "actual": float(samples[starts[row] + where[row]])}))
    rows, values = good[~bad_rows], values[~bad_rows]
    room = columns.take(MAX_READINGS, len(rows))
    if not room:
        return
    columns.t.append(np.asarray(chunk.t[rows[:room]]))
    columns.median.append(np.median(values[:room], axis=1))


def check_range_target_frames(chunk: Chunk) -> None:
    """The distance meter's readings kept (a stream annotating no depth stream keeps none)."""
    keep(chunk.stats.range_target, chunk)


def _runs(distance: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of each run where the target stays within MOVE_M of the run's first reading."""
    if not len(distance):
        return []
    runs, start = [], 0
    for i in range(1, len(distance)):
        if abs(distance[i] - distance[start]) > MOVE_M:
            runs.append((start, i))
            start = i
    runs.append((start, len(distance)))
    return runs


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Ranging | tuple[str, dict[str, object]]:
    """The holds of a range target against the depth stream it annotates; else why it cannot be judged."""
    target = analysis.annotated(stats)
    if target is None or target.type != SENSOR:
        return "terminal.range-target-no-sensor", {"annotates": repr(stats.spec.get("annotates"))}
    model = meter(stats.spec)
    if model is None:
        return "terminal.range-target-no-instrument", {}
    columns: RegionColumns | None = target.depth
    if columns is None:
        return "terminal.depth-no-region", {"sid": repr(target.id)}
    readings = stats.range_target or distances()  # the reader keeps them for every range target it reaches here
    t, distance, lines = readings.column("t"), readings.column("distance"), readings.column("line")
    order = np.argsort(t, kind="stable")
    t, distance, lines = t[order], distance[order], lines[order]
    at = joined(columns.t)
    arr = np.argsort(at, kind="stable")
    at, median = at[arr], joined(columns.median)[arr]
    holds: list[Hold] = []
    uncovered = 0
    for start, end in _runs(distance):
        if (t[end - 1] - t[start]) / 1e9 < MIN_HOLD_S:
            continue
        low = t[start] + STEADY_FROM * (t[end - 1] - t[start])
        high = t[start] + STEADY_TO * (t[end - 1] - t[start])
        inside = median[(at >= low) & (at <= high)]
        if len(inside) < MIN_FRAMES:
            uncovered += 1
            continue
        ref = distance[(t >= low) & (t <= high)]
        holds.append(Hold(int(t[start]), int(lines[start]), float(np.median(ref)), float(np.median(inside)),
                          u_median(inside), float(np.std(inside, ddof=1)), len(inside)))
    if not holds:  # nothing the rules measure: the stream is declared, so unjudged, never a pass (1.2)
        return "terminal.range-target-no-hold", {"uncovered": uncovered, "minimum": MIN_FRAMES}
    return Ranging(target.id, model, holds, uncovered)
