"""A millimetre-wave radar's point data (TD-RADAR-001) and its range and angle to a corner reflector at known
places (TD-RADAR-002).

A ``radar`` stream declares in ``radar`` its horizontal field of view (``fov_deg``); each frame holds the points it
detected as two arrays of one length: ``range_m`` (m) and ``azimuth_deg`` (degrees, positive to the sensor's left,
0 on its boresight). While the frames are read, every point of a well-formed frame is kept as three columns (the
frame's time, range, azimuth; at most ``MAX_POINTS``).

A ``reflector`` stream ``annotates`` the radar stream: a trihedral corner reflector on a mast, its range and azimuth
from the radar measured by a calibrated laser distance meter and a calibrated rotary stage (its declaration's
``reflector.instrument`` and ``reflector.stage``); each frame carries ``distance_m`` and ``azimuth_deg``. After the
capture is read, :func:`measure` splits its readings into holds (the reflector still within ``MOVE_M`` and
``MOVE_DEG``, at least ``MIN_HOLD_S``) and, per hold, takes in each radar frame from ``STEADY_FROM`` to ``STEADY_TO``
of it the point nearest the reflector within the gate (``GATE_M``, ``GATE_DEG``): the medians of their range and
azimuth errors are judged (R1, R2) and the frames with no such point counted as misses (R3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from conformance import msg

from .chunk import Chunk, report
from .flicker import block_samples
from .jsonread import instrument_and_stage
from .model import CaptureAnalysis, StreamStats
from .readings import Capped, Readings, joined, keep, measuring_streams

if TYPE_CHECKING:
    from conformance.area import JsonObject

SENSOR, REFERENCE = "radar", "reflector"  # the stream types (and the sensor's header member: radar)
MOVE_M, MOVE_DEG = 0.005, 0.2  # the reflector is still within these of the hold's first reading
MIN_HOLD_S = 0.5
MIN_FRAMES = 10  # a hold covered by fewer radar frames is not judged
GATE_M, GATE_DEG = 0.5, 10.0  # a point farther from the reflector is another target (clutter), not it
STEADY_FROM, STEADY_TO = 0.2, 0.95
MAX_POINTS = 2_000_000


@dataclass
class Points(Capped):
    """A radar stream's points (and each frame's time), chunk by chunk."""

    half_fov: float
    t: list[np.ndarray] = field(default_factory=list)  # each point's frame time
    frames: list[np.ndarray] = field(default_factory=list)  # each well-formed frame's time
    range_m: list[np.ndarray] = field(default_factory=list)
    azimuth: list[np.ndarray] = field(default_factory=list)


def places(limit: int = MAX_POINTS) -> Readings:
    """What a stream placing a target by a distance meter and a rotary stage keeps (a reflector, a camera's
    calibration board, ``limit`` readings at most): its ``distance`` (m) and ``azimuth`` (deg)."""
    return Readings(limit=limit, read={"distance": attrgetter("distance_m"), "azimuth": attrgetter("azimuth_deg")})


@dataclass
class Hold:
    """One still place of the reflector and what the radar detected of it."""

    t: int
    line: int
    distance: float  # m, the distance meter's median
    azimuth: float  # deg, the stage's median
    range_error: float  # m, the median |detected - reference| range
    azimuth_error: float  # deg, the median |detected - reference| azimuth
    frames: int  # radar frames over the steady part of the hold
    missed: int  # of which with no point within the gate


@dataclass
class Ranging:
    sensor: str
    meter: str
    holds: list[Hold]
    uncovered: int


def field_of_view(spec: JsonObject) -> float | None:
    """Half the declared horizontal field of view (deg); None when the stream declares none usable."""
    held = spec.get("radar")
    fov = held.get("fov_deg") if isinstance(held, dict) else None
    if not isinstance(fov, int | float) or isinstance(fov, bool) or not 0 < fov <= 360:
        return None
    return float(fov) / 2


def read_radar(result: CaptureAnalysis) -> None:
    """Each radar stream declaring a field of view keeps its points; each reflector annotating one its readings."""
    sensors, references = measuring_streams(result, SENSOR, REFERENCE, field_of_view)
    for stats, half in sensors:
        stats.radar = Points(half)
    for stats in references:
        stats.reflector = places()


def check_radar_frames(chunk: Chunk) -> None:
    """TD-RADAR-001: each frame's ranges and azimuths pair up (R1), each range finite and positive and each azimuth
    within the declared field of view (R2); then the points."""
    points: Points | None = chunk.stats.radar
    if points is None or not len(chunk):
        return
    ranges, range_sizes, unread_r = block_samples([f.range_m for f in chunk.frames])
    azimuths, azimuth_sizes, unread_a = block_samples([f.azimuth_deg for f in chunk.frames])
    wrong = range_sizes != azimuth_sizes
    wrong[unread_r + unread_a] = True
    report(chunk, "radar_points", wrong, lambda row: (
        msg("terminal.radar-pairs", sid=repr(chunk.stats.id), ranges=int(range_sizes[row]),
            azimuths=int(azimuth_sizes[row])),
        {"rule": "R1", "pointer": "/azimuth_deg", "expected": int(range_sizes[row]),
         "actual": int(azimuth_sizes[row])}))
    chunk.stats.add_checked("radar_points", len(chunk))
    good = np.flatnonzero(~wrong)
    counts = range_sizes[good]
    row_of = np.repeat(good, counts)  # each point's frame
    offset = np.arange(len(row_of)) - np.repeat(np.cumsum(counts) - counts, counts)
    r = ranges[(np.cumsum(range_sizes) - range_sizes)[row_of] + offset]
    a = azimuths[(np.cumsum(azimuth_sizes) - azimuth_sizes)[row_of] + offset]
    invalid = ~np.isfinite(r) | (r <= 0) | ~np.isfinite(a) | (np.abs(a) > points.half_fov)
    bad = np.zeros(len(chunk), bool)
    bad[row_of[invalid]] = True
    first = {int(row): int(k) for k, row in zip(np.flatnonzero(invalid)[::-1].tolist(),
                                                  row_of[invalid][::-1].tolist(), strict=True)}
    report(chunk, "radar_points", bad, lambda row: (
        msg("terminal.radar-value", sid=repr(chunk.stats.id), range=float(r[first[row]]),
            azimuth=float(a[first[row]]), half=points.half_fov),
        {"rule": "R2", "pointer": "/range_m", "expected": f"> 0 m at |azimuth| <= {points.half_fov:g} deg",
         "actual": [float(r[first[row]]), float(a[first[row]])]}))
    kept_rows = ~wrong & ~bad
    keep_at = np.flatnonzero(kept_rows[row_of])
    past = bool(points.dropped)  # the cap was reached in an earlier chunk
    room = 0 if past else max(0, min(len(keep_at), MAX_POINTS - points.kept))
    if room < len(keep_at):  # the cap falls in this chunk: whole frames only, the one it falls in not kept
        cut = int(row_of[keep_at[room]])
        room = int(np.searchsorted(row_of[keep_at], cut))
        kept_rows[cut:] = False
    if past:
        kept_rows[:] = False
    # a frame past the cap is not measured (5.1's bound: its stream is unjudged), never a frame missing the reflector
    points.frames.append(np.asarray(chunk.t)[kept_rows])
    room = points.take(points.kept + room, len(keep_at))
    if room:
        keep_at = keep_at[:room]
        points.t.append(np.asarray(chunk.t)[row_of[keep_at]])
        points.range_m.append(r[keep_at])
        points.azimuth.append(a[keep_at])


def check_reflector_frames(chunk: Chunk) -> None:
    """The reflector's readings kept (a stream annotating no radar stream keeps none)."""
    keep(chunk.stats.reflector, chunk)


def _runs(distance: np.ndarray, azimuth: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of each run where the target stays within MOVE_M and MOVE_DEG of the run's first reading.
    Each run's end is searched in windows that double (a long hold costs a few array passes, a moving target's
    one-reading runs a small window each), not reading by reading in Python."""
    runs, start, n = [], 0, len(distance)
    while start < n:
        end, window = n, 64
        while True:
            stop = min(n, start + window)
            moved = np.flatnonzero((np.abs(distance[start + 1:stop] - distance[start]) > MOVE_M)
                                   | (np.abs(azimuth[start + 1:stop] - azimuth[start]) > MOVE_DEG))
            if len(moved):
                end = start + 1 + int(moved[0])
                break
            if stop == n:
                break
            window *= 2
        runs.append((start, end))
        start = end
    return runs


@dataclass
class Still:
    """One still place of a target: its first reading, the steady part of the hold (ns on the capture clock) and
    the medians of its distance (m) and azimuth (deg) over that part."""

    t: int
    line: int
    low: float
    high: float
    distance: float
    azimuth: float


def still_places(readings: Readings) -> list[Still]:
    """The holds of a placed target (still within MOVE_M and MOVE_DEG for at least MIN_HOLD_S), each with its
    steady part from STEADY_FROM to STEADY_TO of it (a target just placed, or about to move, is not read)."""
    t, distance, azimuth, lines = (readings.column("t"), readings.column("distance"), readings.column("azimuth"),
                                   readings.column("line"))
    order = np.argsort(t, kind="stable")
    t, distance, azimuth, lines = t[order], distance[order], azimuth[order], lines[order]
    stills = []
    for start, end in _runs(distance, azimuth):
        if (t[end - 1] - t[start]) / 1e9 < MIN_HOLD_S:
            continue
        low = t[start] + STEADY_FROM * (t[end - 1] - t[start])
        high = t[start] + STEADY_TO * (t[end - 1] - t[start])
        ref = (t >= low) & (t <= high)
        stills.append(Still(int(t[start]), int(lines[start]), float(low), float(high),
                            float(np.median(distance[ref])), float(np.median(azimuth[ref]))))
    return stills


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Ranging | tuple[str, dict[str, object]]:
    """The holds of a reflector against the radar stream it annotates; else why it cannot be judged."""
    target = analysis.annotated(stats)
    if target is None or target.type != SENSOR:
        return "terminal.reflector-no-radar", {"annotates": repr(stats.spec.get("annotates"))}
    meter, stage = instrument_and_stage(stats.spec, REFERENCE)
    if meter is None or stage is None:
        return "terminal.reflector-no-instrument", {}
    points: Points | None = target.radar
    if points is None:
        return "terminal.radar-no-fov", {"sid": repr(target.id)}
    pt, pr, pa, frames = joined(points.t), joined(points.range_m), joined(points.azimuth), joined(points.frames)
    holds: list[Hold] = []
    uncovered = 0
    for still in still_places(stats.reflector or places()):
        low, high = still.low, still.high
        frame_times = np.unique(frames[(frames >= low) & (frames <= high)])
        if len(frame_times) < MIN_FRAMES:
            uncovered += 1
            continue
        d, az = still.distance, still.azimuth
        inside = (pt >= low) & (pt <= high) & (np.abs(pr - d) <= GATE_M) & (np.abs(pa - az) <= GATE_DEG)
        r_err, a_err, their_t = np.abs(pr[inside] - d), np.abs(pa[inside] - az), pt[inside]
        order = np.lexsort((r_err, their_t))  # by frame, nearest first: each frame's first is its nearest point
        _, first = np.unique(their_t[order], return_index=True)
        best_r, best_a = r_err[order][first], a_err[order][first]
        found = len(best_r)
        holds.append(Hold(still.t, still.line, d, az,
                          float(np.median(best_r)) if found else float("inf"),
                          float(np.median(best_a)) if found else float("inf"), len(frame_times),
                          len(frame_times) - found))
    if not holds:  # nothing the rules measure: the stream is declared, so unjudged, never a pass (1.2)
        return "terminal.reflector-no-hold", {"uncovered": uncovered, "minimum": MIN_FRAMES}
    return Ranging(target.id, meter, holds, uncovered)
