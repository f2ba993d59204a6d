"""Magnification observed working (TD-ACC-006): the rendered size of a reference letter, measured at the eyepiece.

The capture records no rendered image; a laboratory measures one and records what it measured. A ``view_scale``
stream is a calibrated camera at an eyepiece of a headset showing the test application's reference target, a
non-accented capital H drawn at ``view_scale.target.height_deg`` (the angle its height subtends at the eye without
magnification, fixed by the test case); each frame's ``height_deg`` is the angle the letter's height subtends as the
camera sees it (its image height in pixels times the camera's calibrated degrees per pixel). While it records, the
laboratory switches the device's magnification on, at ``view_scale.magnification.switched_on_t`` (capture clock,
ns). The readings in the ``WINDOW_S`` before the switch and those from ``SETTLE_S`` after it for ``WINDOW_S`` give
the letter's size without and with magnification: R1 the size with it (EN 301 549 5.1.4's 0.7 degrees), R2 their
ratio (WCAG 2.x 1.4.4's 200 percent). The camera's stated uncertainty (``view_scale.instrument.uncertainty``, in
deg) is each mean's type B part; the readings' scatter its type A part. At most ``MAX_READINGS`` readings are kept: a
stream past it is not judged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from .chunk import Chunk
from .model import CaptureAnalysis
from .readings import Readings, keep

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: the windows averaged before the switch, and after it once the view has settled (s)
WINDOW_S, SETTLE_S = 1.0, 1.0
#: 5.1's reading bound 「测量保留的读数」: a stream past it is not judged (sixty-ninth reading, read69d doubtful 1;
#: 100 000 before, what lay past it dropped while the windows were judged on what was kept)
MAX_READINGS = 200_000
TYPE = "view_scale"


@dataclass
class ViewReadings(Readings):
    """A view_scale stream's switch time and its readings (``t`` in ns, ``height``: the letter's angular height
    in deg)."""

    switched_on_t: int = field(kw_only=True)


def view_readings(switched_on_t: int) -> ViewReadings:
    return ViewReadings(limit=MAX_READINGS, read={"height": attrgetter("height_deg")}, switched_on_t=switched_on_t)


@dataclass(frozen=True)
class Window:
    """The readings of one window: their count, mean (deg) and the mean's standard uncertainty (type A, deg)."""

    n: int
    mean: float
    u_a: float


def switched_on(spec: JsonObject) -> int | None:
    """The capture-clock time (ns) a view_scale stream declares the magnification switched on, else None."""
    held = spec.get(TYPE)
    magnification = held.get("magnification") if isinstance(held, dict) else None
    on = magnification.get("switched_on_t") if isinstance(magnification, dict) else None
    return on if type(on) is int else None


def read_view_scale(result: CaptureAnalysis) -> None:
    """Each view_scale stream declaring when magnification was switched on keeps its readings."""
    for stats in result.streams_of(TYPE):
        on = switched_on(stats.spec)
        stats.view = view_readings(on) if on is not None else None


def check_view_scale_frames(chunk: Chunk) -> None:
    """The camera's readings kept (a stream declaring no switch keeps none)."""
    keep(chunk.stats.view, chunk)


def windows(readings: ViewReadings) -> tuple[Window, Window]:
    """The letter's size without magnification (the second before the switch) and with it (the second from
    ``SETTLE_S`` after), each from its finite readings."""
    t, h = readings.column("t"), readings.column("height")
    on = readings.switched_on_t
    spans = ((on - WINDOW_S * 1e9, on), (on + SETTLE_S * 1e9, on + (SETTLE_S + WINDOW_S) * 1e9))
    out = []
    for lo, hi in spans:
        inside = h[(t >= lo) & (t < hi) & np.isfinite(h)]
        n = len(inside)
        mean = float(inside.mean()) if n else math.nan
        u_a = float(inside.std(ddof=1) / math.sqrt(n)) if n > 1 else math.inf
        out.append(Window(n, mean, u_a))
    return out[0], out[1]


def ratio(off: Window, on: Window, u_b: float) -> tuple[float, float]:
    """The magnification on / off and its standard uncertainty (GUM 5.1.2, the two means' relative
    uncertainties added in quadrature, each mean's type A and the camera's type B)."""
    value = on.mean / off.mean
    rel = math.hypot(math.hypot(on.u_a, u_b) / on.mean, math.hypot(off.u_a, u_b) / off.mean)
    return value, abs(value) * rel
