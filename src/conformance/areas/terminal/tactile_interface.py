"""A tactile array read through the runtime test interface while the reference indenter presses it (TD-TACT-005).

TD-TACT-003 holds each answer of annex D's ``test.readTactile`` to the declared layout; TD-TACT-002 holds the
array's own record to a reference indenter. Here the answers are held to the indenter: the laboratory's test
application reads the array through the interface while TD-TACT-002's load cell and stage press its schedule, and
logs each answer as a ``tactile`` stream that declares ``read_through`` (``method`` ``test.readTactile``,
``clock`` ``XrTime``: the runtime's clock, which the capture's clock is), one frame per answer, ``t`` the frame
time the answer carries. The ``indenter`` stream ``annotates`` that stream, so a runtime that delays, scales,
moves or invents a force between the array and the interface is measured. The holds are :func:`tactile.measure`'s
(R1 the total force, R2 the centroid); :func:`order` counts the answers whose frame time is before the previous
answer's, or equal to it with other readings (R3); :func:`idle` takes each run of the load cell at no load (R4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from . import interface_log, tactile
from .model import CaptureAnalysis, StreamStats
from .readings import joined
from .tactile import ArrayColumns, Indentation

if TYPE_CHECKING:
    from conformance.area import JsonObject

METHOD = "test.readTactile"
#: the load cell at no load: a run whose median load is below this (the 0.02 N TD-TACT-002's holds tolerate)
NO_LOAD_N = 0.02
#: R4: the largest total force an answer may read at no load, N (the catalog's own: a tenth of the 0.5 N below which
#: TD-TACT-002 judges no hold)
IDLE_FLOOR_N = 0.05


@dataclass
class Idle:
    """One run of the load cell at no load and the largest total the interface answered during it."""

    t: int
    line: int
    largest: float  # N, the largest total of an answer from STEADY_FROM to STEADY_TO of the run
    reads: int


@dataclass
class Reads:
    """What the interface answered against the indenter."""

    indentation: Indentation
    reads: int
    stale: list[tuple[int, int]]  # (t, t of the previous answer) of each answer R3 fails (:func:`order`)
    idle: list[Idle]


def read_through(spec: JsonObject) -> JsonObject | None:
    """A tactile stream's declaration that it logs what test.readTactile answered on the runtime's clock; None
    when it declares none or another."""
    return interface_log.read_through(spec, METHOD)


def order(columns: ArrayColumns) -> tuple[int, list[tuple[int, int]]]:
    """(how many answers, each (t, the previous t) of an answer whose frame time is before the previous
    answer's, or the same with other readings), in the order the answers were logged. An answer at the previous
    answer's time with the same readings is the previous frame read again (R3 accepts it, as TD-TACT-003's R3
    does: test.readTactile answers the array's latest frame, and reads at least 100 a second may fall between
    two of an array's frames 10 ms apart)."""
    t = joined(columns.t).astype(np.int64)
    return len(t), interface_log.out_of_order(t, joined(columns.digest).astype(np.uint64))


def idle(stats: StreamStats, columns: ArrayColumns) -> list[Idle]:
    """Each run of at least tactile.MIN_HOLD_S of the load cell below NO_LOAD_N, with the largest total the
    interface answered from STEADY_FROM to STEADY_TO of it (the array having followed the lift-off)."""
    readings = stats.indenter or tactile.indentations()
    t, load, lines = readings.column("t"), readings.column("load"), readings.column("line")
    order_ = np.argsort(t, kind="stable")
    t, load, lines = t[order_], load[order_], lines[order_]
    at, total = joined(columns.t), joined(columns.total)
    found: list[Idle] = []
    still = load < NO_LOAD_N
    edges = np.flatnonzero(np.diff(np.concatenate(([0], still.astype(np.int8), [0]))))
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        first, last = t[start], t[end - 1]
        if (last - first) / 1e9 < tactile.MIN_HOLD_S:
            continue
        inside = (at >= first + tactile.STEADY_FROM * (last - first)) & (at <= first + tactile.STEADY_TO * (last - first))
        if inside.any():
            found.append(Idle(int(first), int(lines[start]), float(total[inside].max()), int(inside.sum())))
    return found


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Reads | tuple[str, dict[str, object]]:
    """An indenter stream's holds against the answers of test.readTactile logged in the tactile stream it
    annotates; or why it is not judged, as (message key, values)."""
    target = analysis.annotated(stats)
    if target is None or target.type != tactile.SENSOR or read_through(target.spec) is None:
        return "terminal.tactile-interface-not-read", {"annotates": repr(stats.spec.get("annotates"))}
    got = tactile.measure(analysis, stats)
    if not isinstance(got, Indentation):
        return got
    columns: ArrayColumns = target.tactile  # tactile.measure returned holds: the columns are there
    count, stale = order(columns)
    return Reads(got, count, stale, idle(stats, columns))
