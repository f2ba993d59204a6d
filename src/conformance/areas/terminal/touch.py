"""Touch recognition (触感识别, TD-TACT-004): the contacts a device recognises from its tactile array, against
a reference indenter the test drives.

A ``touch`` stream carries, per frame, the contacts the device recognises (``contacts``: each a centre
``position_mm`` [x, y] in the array's frame and a ``force_n``; none while nothing touches). A
``touch_indenter`` stream ``annotates`` it: a calibrated load cell on a positioning stage presses one tip, or a
bar of two tips a fixed distance apart, onto the array and slides one tip along a line; its declaration's
``indenter`` names the load cell and the stage as TD-TACT-002's does; each frame carries ``load_n`` and
``tips_mm`` (each tip's centre), on the capture clock (the stage's).

Each device frame is set against the indenter's latest frame at or before it: the indenter touches while its
load is at least ``TOUCH_N``, with as many contacts as it has tips. A frame less than the response limit after
the indenter touched down, lifted off or changed its tips is settling and judged by no rule. A touch (a run of
touching indenter frames with one count of tips) is a press when its tips move less than ``SLIDE_MM`` over it,
else a slide. Kept: at most ``MAX_READINGS`` frames of each stream, two contacts of each frame (a third is
counted, not placed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

import numpy as np

from .._shared.uncertainty import u_median
from .jsonread import instrument_and_stage
from .readings import Readings, keep
from .tactile import REFERENCE as INDENTER

if TYPE_CHECKING:
    from .capture.frames import TouchFrame, TouchIndenterFrame
    from .chunk import Chunk
    from .model import CaptureAnalysis, StreamStats

SENSOR, REFERENCE = "touch", "touch_indenter"
TOUCH_N = 0.05  # the indenter touches the array while its load cell reads at least this
SLIDE_MM = 1.0  # a touch whose tips move farther than this is a slide
PATH_SHARE = 0.95  # a slide's path: this share of its frames' distances from the tip (the 95th percentile)
MAX_READINGS = 2_000_000
_NAN = float("nan")


def _contact(frame: TouchFrame, i: int, part: int) -> float:
    """Coordinate ``part`` of contact ``i`` of a touch frame (NaN when it has no such contact)."""
    return float(frame.contacts[i].position_mm[part]) if len(frame.contacts) > i else _NAN


def _tip(frame: TouchIndenterFrame, i: int, part: int) -> float:
    """Coordinate ``part`` of tip ``i`` of a touch_indenter frame (NaN when it has no such tip)."""
    return float(frame.tips_mm[i][part]) if len(frame.tips_mm) > i else _NAN


def _count(frame: TouchFrame) -> float:
    return float(len(frame.contacts))


def _total(frame: TouchFrame) -> float:
    return float(sum(c.force_n for c in frame.contacts))


def _load(frame: TouchIndenterFrame) -> float:
    return frame.load_n


def _tips(frame: TouchIndenterFrame) -> float:
    return float(len(frame.tips_mm))


def contacts() -> Readings:
    """What a touch stream keeps: the count of contacts, the first two's places (mm) and their total force."""
    read: dict[str, Callable[..., float]] = {"count": _count, "total": _total}
    for i in (0, 1):
        read[f"x{i}"], read[f"y{i}"] = partial(_contact, i=i, part=0), partial(_contact, i=i, part=1)
    return Readings(limit=MAX_READINGS, read=read)


def tips() -> Readings:
    """What a touch_indenter stream keeps: the load (N), the count of tips and the first two's places (mm)."""
    read: dict[str, Callable[..., float]] = {"load": _load, "tips": _tips}
    for i in (0, 1):
        read[f"x{i}"], read[f"y{i}"] = partial(_tip, i=i, part=0), partial(_tip, i=i, part=1)
    return Readings(limit=MAX_READINGS, read=read)


def read_touch(result: CaptureAnalysis) -> None:
    """Each touch_indenter stream annotating a touch stream, and that stream, keep their readings."""
    for stats in result.streams_of(REFERENCE):
        target = result.annotated(stats)
        if target is None or target.type != SENSOR:
            continue
        stats.touch = tips()
        if target.touch is None:
            target.touch = contacts()


def keep_touch_frames(chunk: Chunk) -> None:
    """A chunk of a touch or touch_indenter stream kept (one the reader gave nothing to keep keeps none)."""
    keep(chunk.stats.touch, chunk)


@dataclass
class Touch:
    """One touch of the indenter and what the device recognised of it."""

    t: int
    line: int
    tips: int
    slide: bool
    load: float  # N, the load cell's median over the touch's judged frames
    frames: int  # judged frames (not settling) with the right count of contacts
    place_mm: float = _NAN  # a press: the median of each frame's largest distance of a tip from its contact
    place_u: float = 0.0
    force: float = _NAN  # a press: the median of |contacts' total - load| / load
    force_u: float = 0.0
    path_mm: float = _NAN  # a slide: the PATH_SHARE quantile of the contact's distance from the tip


@dataclass
class Recognition:
    """A touch_indenter stream's touches against the touch stream it annotates."""

    sensor: str
    load_cell: str
    judged: int  # device frames judged for the count (not settling, under an indenter frame)
    right: int  # of which with as many contacts as the indenter has tips on the array
    settling: int
    ghosts: list[tuple[int, int]] = field(default_factory=list)  # (t, line) of contacts reported while off
    touches: list[Touch] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.judged if self.judged else _NAN


def _columns(readings: Readings, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    order = np.argsort(readings.column("t"), kind="stable")
    return {name: readings.column(name)[order] for name in ("t", "line", *names)}


def matched(expected: int, tip: np.ndarray, got: np.ndarray) -> np.ndarray:
    """Per frame, the largest distance (mm) of a tip from the contact paired with it (two tips: the pairing
    with the smaller sum). ``tip`` and ``got``: (frames, 2 contacts, 2 coordinates)."""
    d = np.hypot(*(tip[:, 0, :] - got[:, 0, :]).T)
    if expected == 1:
        return d
    straight = np.maximum(d, np.hypot(*(tip[:, 1, :] - got[:, 1, :]).T))
    crossed = np.maximum(np.hypot(*(tip[:, 0, :] - got[:, 1, :]).T), np.hypot(*(tip[:, 1, :] - got[:, 0, :]).T))
    sums = (np.hypot(*(tip[:, 0, :] - got[:, 0, :]).T) + np.hypot(*(tip[:, 1, :] - got[:, 1, :]).T),
            np.hypot(*(tip[:, 0, :] - got[:, 1, :]).T) + np.hypot(*(tip[:, 1, :] - got[:, 0, :]).T))
    return np.where(sums[0] <= sums[1], straight, crossed)


def measure(analysis: CaptureAnalysis, stats: StreamStats,
            response_ms: float) -> Recognition | tuple[str, dict[str, object]]:
    """The touches of a touch_indenter stream against the touch stream it annotates, with frames less than
    ``response_ms`` after a change of the indenter's contact settling; else why it cannot be judged."""
    target = analysis.annotated(stats)
    if target is None or target.type != SENSOR:
        return "terminal.touch-no-sensor", {"annotates": repr(stats.spec.get("annotates"))}
    load_cell, stage = instrument_and_stage(stats.spec, INDENTER)  # declared as a tactile indenter's
    if load_cell is None or stage is None:
        return "terminal.indenter-no-instrument", {}
    ref = _columns(stats.touch or tips(), ("load", "tips", "x0", "y0", "x1", "y1"))
    dev = _columns(target.touch or contacts(), ("count", "total", "x0", "y0", "x1", "y1"))
    if not len(ref["t"]) or not len(dev["t"]):
        return "terminal.touch-no-frames", {"sid": repr(target.id)}
    expected = np.where(ref["load"] >= TOUCH_N, ref["tips"], 0).astype(int)
    changed = np.flatnonzero(np.diff(expected, prepend=expected[0] - 1 if len(expected) else 0) != 0)
    at = np.searchsorted(ref["t"], dev["t"], side="right") - 1
    under = at >= 0
    dev = {k: v[under] for k, v in dev.items()}
    at = at[under]
    last_change = ref["t"][changed[np.searchsorted(ref["t"][changed], dev["t"], side="right") - 1]]
    settling = (dev["t"] - last_change) < response_ms * 1e6
    want = expected[at]
    count = dev["count"].astype(int)
    judged = ~settling
    right = judged & (count == want)
    got = Recognition(target.id, load_cell, int(judged.sum()), int(right.sum()), int(settling.sum()))
    ghost = judged & (want == 0) & (count > 0)
    got.ghosts = list(zip(dev["t"][ghost].tolist(), dev["line"][ghost].astype(int).tolist(), strict=True))
    bounds = [*changed.tolist(), len(expected)]
    for first, end in zip(bounds, bounds[1:], strict=False):
        n = int(expected[first])
        if n == 0 or n > 2:
            continue
        tip_xy = np.stack([np.stack([ref[f"x{i}"], ref[f"y{i}"]], axis=-1) for i in (0, 1)], axis=1)
        moved = float(np.max(np.hypot(*(tip_xy[first:end, 0, :] - tip_xy[first, 0, :]).T)))
        mine = right & (at >= first) & (at < end)
        touch = Touch(int(ref["t"][first]), int(ref["line"][first]), n, moved > SLIDE_MM,
                      float(np.median(ref["load"][at[mine]])) if mine.any() else float(ref["load"][first]),
                      int(mine.sum()))
        got.touches.append(touch)
        if touch.frames < 3:
            continue
        contact_xy = np.stack([np.stack([dev[f"x{i}"][mine], dev[f"y{i}"][mine]], axis=-1) for i in (0, 1)], axis=1)
        errors = matched(n, tip_xy[at[mine]], contact_xy)
        if touch.slide:
            touch.path_mm = float(np.quantile(errors, PATH_SHARE))
            continue
        touch.place_mm, touch.place_u = float(np.median(errors)), u_median(errors)
        load = ref["load"][at[mine]]
        share = np.abs(dev["total"][mine] - load) / load
        touch.force, touch.force_u = float(np.median(share)), u_median(share)
    return got

