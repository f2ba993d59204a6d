"""A tactile sensor array's frames (TD-TACT-001) and its accuracy against a reference indenter (TD-TACT-002).

A ``tactile`` stream is a flexible array of force-sensing elements (taxels): its declaration's ``taxels``
gives ``rows`` and ``columns``, the centre-to-centre ``pitch_mm`` and the ``unit`` of a reading (``N``); each
frame's ``forces`` holds one reading per taxel, row after row, taxel (0, 0) at x = y = 0 mm, columns along x,
rows along y. While the frames are read, each frame becomes four numbers (columns, memory flat): the total
force, the force-weighted centroid (x, y, mm) and the largest reading of a taxel farther than ``FAR_MM`` from
that centroid (what leaks across the array: crosstalk).

An ``indenter`` stream ``annotates`` the tactile stream: a calibrated load cell on a positioning stage presses a
round tip onto the array; its declaration's ``indenter`` names the load cell (``instrument``) and the stage
(``stage``), each with model and calibration; each frame carries ``load_n`` (the load cell's reading) and
``position_mm`` ([x, y] of the tip's centre in the array's frame). Its readings are kept (at most
``MAX_READINGS``). After the capture is read, :func:`measure` splits them into holds (runs where the tip stays
within ``MOVE_MM`` and the load within ``LOAD_TOLERANCE`` of the run's first reading, held at least
``MIN_HOLD_S``) and, per hold with a load of at least ``MIN_LOAD_N``, takes the medians from ``STEADY_FROM``
to ``STEADY_TO`` of the hold of the reference and of the array's columns. Per hold reached by a step of the load
(at least ``MIN_STEP`` of it), the time the array's total takes, from the load cell's first reading of the new
load, to come within ``SETTLED`` of the step of its steady value (its response time); per hold of at least
``DRIFT_HOLD_S``, the change of the array's total against the load cell's from ``DRIFT_FROM_S`` after the load
was reached to the hold's end (its drift under a held load; against the load cell, so a load that relaxes while
the stage holds its position is not taken for the array's drift).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from conformance import msg

from .._shared.uncertainty import u_median
from .chunk import Chunk, report
from .flicker import block_samples
from .jsonread import instrument_and_stage
from .model import CaptureAnalysis, StreamStats
from .readings import Capped, Readings, joined, keep, measuring_streams

if TYPE_CHECKING:
    from conformance.area import JsonObject

SENSOR, REFERENCE = "tactile", "indenter"  # the stream types (and their header members: taxels, indenter)
FAR_MM = 10.0  # crosstalk: a taxel whose centre is farther than this from the contact's centroid
MIN_LOAD_N = 0.5  # holds with a lighter load are not judged (the array's reading near its threshold)
MOVE_MM = 0.1
LOAD_TOLERANCE = 0.05  # a share of the run's first load (or 0.02 N, whichever is larger)
MIN_HOLD_S = 0.2
STEADY_FROM, STEADY_TO = 0.6, 0.95
MAX_READINGS = 2_000_000
#: the response time (R5): steps of at least this share of the new load, settled within this share of the step
MIN_STEP, SETTLED = 0.2, 0.1
#: the drift under a held load (R6): holds this long; the total over DRIFT_WINDOW_S from DRIFT_FROM_S after the
#: load was reached against the total over the hold's last DRIFT_WINDOW_S
DRIFT_HOLD_S, DRIFT_FROM_S, DRIFT_WINDOW_S = 5.0, 1.0, 0.5


@dataclass
class Layout:
    rows: int
    columns: int
    pitch_mm: float | None  # None: declared unusably; R1 and R2 need none, TD-TACT-002's centroid does

    @property
    def count(self) -> int:
        return self.rows * self.columns


@dataclass
class ArrayColumns(Capped):
    """A tactile stream's per-frame total, centroid and farthest reading, chunk by chunk."""

    layout: Layout
    t: list[np.ndarray] = field(default_factory=list)
    total: list[np.ndarray] = field(default_factory=list)
    cx: list[np.ndarray] = field(default_factory=list)
    cy: list[np.ndarray] = field(default_factory=list)
    far: list[np.ndarray] = field(default_factory=list)
    digest: list[np.ndarray] = field(default_factory=list)  # each frame's readings as one number (:func:`digest`)


def indentations() -> Readings:
    """What an indenter stream keeps: the load cell's ``load`` (N) and the tip's ``x`` and ``y`` (mm)."""
    return Readings(limit=MAX_READINGS, read={"load": lambda f: f.load_n, "x": lambda f: f.position_mm[0],
                                              "y": lambda f: f.position_mm[1]})


@dataclass
class Hold:
    """One held indentation and what the array read of it."""

    t: int
    line: int
    x: float  # mm, the tip's position
    y: float
    load: float  # N, the load cell's median
    loading: bool  # reached from a lighter load at the same place (False: unloading)
    total: float  # N, the array's median total
    total_u: float  # N, the standard uncertainty (type A) of that median
    error_mm: float  # the centroid's distance from the tip
    error_u: float
    far: float  # N, the median of the largest reading farther than FAR_MM from the centroid
    response_ms: float | None = None  # from the load cell's first reading of the new load (None: no step timed)
    response_u: float = 0.0  # ms, the standard uncertainty the two streams' frame periods give it
    drift: float | None = None  # the change of total / load under the held load (None: shorter than DRIFT_HOLD_S)
    drift_u: float = 0.0


@dataclass
class Indentation:
    """An indenter's holds against the tactile stream it presses on."""

    sensor: str
    load_cell: str
    holds: list[Hold]
    light: int  # holds lighter than MIN_LOAD_N
    uncovered: int  # holds the array's frames do not cover

    @property
    def timed(self) -> list[Hold]:
        return [h for h in self.holds if h.response_ms is not None]

    @property
    def held(self) -> list[Hold]:
        return [h for h in self.holds if h.drift is not None]


def layout(spec: JsonObject) -> Layout | None:
    """The array's declared layout; None without usable rows and columns (the header schema says why). A pitch
    that is missing or not positive is None: TD-TACT-001 judges the frames on rows times columns alone (1.1.0)."""
    taxels = spec.get("taxels")
    if not isinstance(taxels, dict):
        return None
    rows, columns, pitch = taxels.get("rows"), taxels.get("columns"), taxels.get("pitch_mm")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in (rows, columns)):
        return None
    usable = isinstance(pitch, int | float) and not isinstance(pitch, bool) and pitch > 0
    return Layout(int(rows), int(columns), float(pitch) if usable else None)  # type: ignore[arg-type]


def read_tactile(result: CaptureAnalysis) -> None:
    """Each tactile stream declaring a layout keeps its columns; each indenter stream annotating one keeps
    its readings."""
    sensors, references = measuring_streams(result, SENSOR, REFERENCE, layout)
    for stats, found in sensors:
        stats.tactile = ArrayColumns(found)
    for stats in references:
        stats.indenter = indentations()


def check_tactile_frames(chunk: Chunk) -> None:
    """TD-TACT-001: each frame one finite, non-negative reading per declared taxel; then the columns."""
    columns: ArrayColumns | None = chunk.stats.tactile
    if columns is None or not len(chunk):
        return
    shape = columns.layout
    samples, sizes, unread = block_samples([f.forces for f in chunk.frames])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    wrong = sizes != shape.count
    wrong[unread] = True
    report(chunk, "tactile_layout", wrong, lambda row: (
        msg("terminal.tactile-count", sid=repr(chunk.stats.id), count=int(sizes[row]), rows=shape.rows,
            columns=shape.columns),
        {"rule": "R1", "pointer": "/forces", "expected": shape.count, "actual": int(sizes[row])}))
    good = np.flatnonzero(~wrong)
    chunk.stats.add_checked("tactile_layout", len(chunk))
    if not len(good):
        return
    if len(good) == len(chunk):  # every frame of the layout (the usual case): the samples are the rows
        values = samples.reshape(len(chunk), shape.count)
    else:
        values = samples[starts[good][:, None] + np.arange(shape.count)[None, :]]  # (frames, taxels)
    # the smallest reading at least 0 and the sum of the frames' totals finite (the usual case): no reading is
    # negative, NaN or infinite
    with np.errstate(over="ignore", invalid="ignore"):
        total = values.sum(axis=1)
        readable = bool(values.min() >= 0) and math.isfinite(total.sum())
    invalid = None if readable else ~np.isfinite(values) | (values < 0)
    bad_rows = np.zeros(len(values), bool) if invalid is None else invalid.any(axis=1)
    if invalid is not None and bad_rows.any():
        first = invalid.argmax(axis=1)
        mask = np.zeros(len(chunk), bool)
        mask[good[bad_rows]] = True
        where = dict(zip(good.tolist(), first.tolist(), strict=True))
        report(chunk, "tactile_layout", mask, lambda row: (
            msg("terminal.tactile-value", sid=repr(chunk.stats.id), taxel=where[row],
                value=float(samples[starts[row] + where[row]])),
            {"rule": "R2", "pointer": f"/forces/{where[row]}", "expected": ">= 0 N, finite",
             "actual": float(samples[starts[row] + where[row]])}))
    if invalid is not None:
        rows, values, total = good[~bad_rows], values[~bad_rows], total[~bad_rows]
    else:
        rows = good
    pitch = shape.pitch_mm
    if pitch is None:  # no centroid without a pitch: TD-TACT-002's measure says the stream is not judged
        return
    room = columns.take(MAX_READINGS, len(rows))
    if not room:
        return
    rows, values, total = rows[:room], values[:room], total[:room]
    column_x, row_y = np.arange(shape.columns) * pitch, np.arange(shape.rows) * pitch
    xs, ys = np.tile(column_x, shape.rows), np.repeat(row_y, shape.columns)
    safe = np.where(total > 0, total, 1.0)
    cx, cy = values @ xs / safe, values @ ys / safe
    far = _crosstalk(values, column_x[None, :] - cx[:, None], row_y[None, :] - cy[:, None])
    for kept, got in ((columns.t, chunk.t[rows]), (columns.total, total), (columns.cx, cx), (columns.cy, cy),
                      (columns.far, far), (columns.digest, digest(values))):
        kept.append(np.asarray(got))


def digest(values: np.ndarray) -> np.ndarray:
    """Each frame's readings (frames, taxels) folded into one 64-bit number: a frame read again gives the same
    number, another reading another number but for a chance of about 2**-64 (TD-TACT-005's R3 tells a re-read
    of the previous frame from a new reading stamped with its time)."""
    bits = np.ascontiguousarray(values, dtype=np.float64).view(np.uint64)
    drawn = np.random.default_rng(bits.shape[1]).integers(1, 2**63, bits.shape[1], dtype=np.uint64)
    weights = np.asarray(drawn, dtype=np.uint64) | np.uint64(1)
    with np.errstate(over="ignore"):
        return (bits * weights[None, :]).sum(axis=1, dtype=np.uint64)


#: frames whose crosstalk is found at once (a block of a 6 x 6 array's frames: 37 KB an array; 128 measured
#: quicker than 64, 256 or a chunk's 2 900 at once, bench/README.md)
CROSSTALK_FRAMES = 128
#: squared distances within this share of the limit's square are decided by np.hypot itself: beyond it the sum of
#: squares (a few units in the last place off) decides as hypot (within one) does
_UNSURE = 1e-9


def _farther(dx: np.ndarray, dy: np.ndarray, limit: float) -> np.ndarray:
    """Per frame and taxel (row after row), ``np.hypot(dx, dy) > limit`` of its column's ``dx`` (frames, columns) and
    its row's ``dy`` (frames, rows) from the centroid, at a fraction of hypot's cost: from the sum of squares where
    it is far from ``limit``'s square, from hypot where it is near."""
    n, rows, columns = len(dx), dy.shape[1], dx.shape[1]
    squared = np.add((dy * dy)[:, :, None], (dx * dx)[:, None, :]).reshape(n, rows * columns)
    far = squared > limit * limit * (1 + _UNSURE)
    unsure = np.flatnonzero(~(squared < limit * limit * (1 - _UNSURE)) != far)  # NaN (inf + NaN) too: hypot's inf
    if len(unsure):
        frame, taxel = np.divmod(unsure, rows * columns)
        far.reshape(-1)[unsure] = np.hypot(dx[frame, taxel % columns], dy[frame, taxel // columns]) > limit
    return far


def _crosstalk(values: np.ndarray, dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Per frame, the largest reading of a taxel farther than FAR_MM from the centroid (0 where none is), a block
    of CROSSTALK_FRAMES frames at a time: their arrays stay in the CPU's cache between the passes."""
    far = np.empty(len(values))
    with np.errstate(over="ignore"):  # a centroid beyond 1e154 mm: its squares are inf, farther as hypot says
        for at in range(0, len(values), CROSSTALK_FRAMES):
            block = slice(at, at + CROSSTALK_FRAMES)
            far[block] = np.where(_farther(dx[block], dy[block], FAR_MM), values[block], 0.0).max(axis=1)
    return far


def check_indenter_frames(chunk: Chunk) -> None:
    """The indenter's readings kept (a stream annotating no tactile stream keeps none)."""
    keep(chunk.stats.indenter, chunk)


def _runs(t: np.ndarray, load: np.ndarray, x: np.ndarray, y: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of each run where the tip stays put and the load steady."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(t) + 1):
        if i < len(t):
            tolerance = max(0.02, LOAD_TOLERANCE * abs(load[start]))
            if abs(load[i] - load[start]) <= tolerance and math.hypot(x[i] - x[start], y[i] - y[start]) <= MOVE_MM:
                continue
        runs.append((start, i))
        start = i
    return runs


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Indentation | tuple[str, dict[str, object]]:
    """The holds of an indenter stream against the tactile stream it annotates; else why it cannot be
    judged (message key, values)."""
    target = analysis.annotated(stats)
    if target is None or target.type != SENSOR:
        return "terminal.indenter-no-array", {"annotates": repr(stats.spec.get("annotates"))}
    load_cell, stage = instrument_and_stage(stats.spec, REFERENCE)
    if load_cell is None or stage is None:
        return "terminal.indenter-no-instrument", {}
    columns: ArrayColumns | None = target.tactile
    readings = stats.indenter or indentations()  # the reader keeps them for every indenter it reaches here
    if columns is None or columns.layout.pitch_mm is None:
        return "terminal.tactile-no-layout", {"sid": repr(target.id)}
    t, load = readings.column("t"), readings.column("load")
    x, y, lines = readings.column("x"), readings.column("y"), readings.column("line")
    order = np.argsort(t, kind="stable")
    t, load, x, y, lines = t[order], load[order], x[order], y[order], lines[order]
    at = joined(columns.t)
    arr = np.argsort(at, kind="stable")
    at, total = at[arr], joined(columns.total)[arr]
    cx, cy, far = joined(columns.cx)[arr], joined(columns.cy)[arr], joined(columns.far)[arr]
    holds: list[Hold] = []
    light = uncovered = 0
    last_load: dict[tuple[float, float], float] = {}
    before: tuple[float, float] | None = None  # the last run's load and the array's steady total under it
    period = math.hypot(_period(at), _period(t))  # ns: a step is timed to the next frame of either stream
    for start, end in _runs(t, load, x, y):
        hold_s = (t[end - 1] - t[start]) / 1e9
        previous = before
        if hold_s >= MIN_HOLD_S:  # a step is timed from the last held load (a ramp's short runs between them)
            before = _steady(t[start], t[end - 1], at, total, float(np.median(load[start:end])))
        place = (round(float(np.median(x[start:end])), 1), round(float(np.median(y[start:end])), 1))
        level = float(np.median(load[start:end]))
        lighter = last_load.get(place, 0.0)
        last_load[place] = level
        if hold_s < MIN_HOLD_S:
            continue
        if level < MIN_LOAD_N * (1 - LOAD_TOLERANCE):
            light += 1
            continue
        low = t[start] + STEADY_FROM * (t[end - 1] - t[start])
        high = t[start] + STEADY_TO * (t[end - 1] - t[start])
        inside = (at >= low) & (at <= high)
        if inside.sum() < 3:
            uncovered += 1
            continue
        ref = (t >= low) & (t <= high)
        tip_x, tip_y = float(np.median(x[ref])), float(np.median(y[ref]))
        errors = np.hypot(cx[inside] - tip_x, cy[inside] - tip_y)
        hold = Hold(int(t[start]), int(lines[start]), tip_x, tip_y, float(np.median(load[ref])), level > lighter,
                    float(np.median(total[inside])), u_median(total[inside]), float(np.median(errors)),
                    u_median(errors), float(np.median(far[inside])))
        hold.response_ms = _response(previous, hold, int(t[start]), int(t[end - 1]), at, total)
        hold.response_u = period / math.sqrt(12) / 1e6  # each frame period a uniform distribution (GUM 4.3.7)
        if hold_s >= DRIFT_HOLD_S:
            hold.drift, hold.drift_u = _drift(int(t[start]), int(t[end - 1]), (at, total), (t, load))
        holds.append(hold)
    return Indentation(target.id, load_cell, holds, light, uncovered)


def _period(t: np.ndarray) -> float:
    """A stream's median frame period in ns (0 with fewer than two frames)."""
    return float(np.median(np.diff(t))) if len(t) > 1 else 0.0


def _steady(first: int, last: int, at: np.ndarray, total: np.ndarray, load: float) -> tuple[float, float] | None:
    """(the load, the array's median total over the steady part of a run) or None when its frames miss it."""
    inside = (at >= first + STEADY_FROM * (last - first)) & (at <= first + STEADY_TO * (last - first))
    return (load, float(np.median(total[inside]))) if inside.sum() >= 3 else None


def _response(previous: tuple[float, float] | None, hold: Hold, first: int, last: int, at: np.ndarray,
              total: np.ndarray) -> float | None:
    """The ms from the load cell's first reading of the hold's load until the array's total first comes within
    SETTLED of the step of its steady value; the hold's length when it never does; None when the hold was not
    reached by a step of at least MIN_STEP of its load from a run the array's frames cover."""
    if previous is None or abs(hold.load - previous[0]) < MIN_STEP * hold.load:
        return None
    step = abs(hold.total - previous[1])
    after = np.flatnonzero((at >= first) & (at <= last) & (np.abs(total - hold.total) <= SETTLED * step))
    return float((at[after[0]] if len(after) else last) - first) / 1e6


def _drift(first: int, last: int, array: tuple[np.ndarray, np.ndarray],
           cell: tuple[np.ndarray, np.ndarray]) -> tuple[float | None, float]:
    """(the array's median total over the load cell's median load in the hold's last DRIFT_WINDOW_S less the same
    ratio over DRIFT_WINDOW_S from DRIFT_FROM_S after its start, its standard uncertainty); None when a window
    holds fewer than 3 frames of either stream."""
    early_from = first + DRIFT_FROM_S * 1e9
    windows = ((early_from, early_from + DRIFT_WINDOW_S * 1e9), (last - DRIFT_WINDOW_S * 1e9, last))
    ratios: list[tuple[float, float]] = []
    for low, high in windows:
        read = array[1][(array[0] >= low) & (array[0] <= high)]
        held = cell[1][(cell[0] >= low) & (cell[0] <= high)]
        if len(read) < 3 or len(held) < 3:
            return None, 0.0
        load = float(np.median(held))
        ratios.append((float(np.median(read)) / load, math.hypot(u_median(read), u_median(held)) / load))
    (early, u_early), (late, u_late) = ratios
    return late - early, math.hypot(u_early, u_late)


def hysteresis(holds: list[Hold]) -> list[tuple[Hold, Hold, float]]:
    """(the loading hold, the unloading hold at the same place and load, the place's largest load) of each
    pair the protocol gives: the same tip position within MOVE_MM, loads within LOAD_TOLERANCE."""
    places: dict[tuple[int, int], list[Hold]] = {}
    for h in holds:  # grouped by place on a grid of MOVE_MM, so the pairing stays linear in the holds
        places.setdefault((round(h.x / MOVE_MM), round(h.y / MOVE_MM)), []).append(h)
    pairs = []
    for same in places.values():
        full = max(h.load for h in same)
        for down in (h for h in same if not h.loading):
            up = next((h for h in same if h.loading and h.t < down.t
                       and abs(h.load - down.load) <= LOAD_TOLERANCE * max(h.load, down.load)), None)
            if up is not None:
                pairs.append((up, down, full))
    return sorted(pairs, key=lambda pair: pair[1].t)
