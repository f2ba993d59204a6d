"""Multiview (light-field, autostereoscopic, holographic) displays: the declaration in a device
descriptor (``system.display.light_field``) and a laboratory's angular luminance measurement.

The measurement follows the way IEC 62629-22-1 measures autostereoscopic displays: a luminance
meter at the optimal viewing distance is swept across the viewing zone, horizontally, through the
screen centre; at each angle it reads the screen with every view black (the black level) and with
one view white and all others black, for every view. A laboratory writes that as CSV, one row per
angle: ``angle_deg, black, view_0 .. view_<N-1>`` (cd/m²). Everything here works on those
columns with NumPy; nothing is read but the file the suite hands over.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from conformance import Message, msg

#: 65 mm, the interpupillary distance usually taken as the adult mean (IEC 62629 and the IDMS
#: use it for the designated eye positions); two eyes this far apart at the optimal distance
#: see different views only when the angular pitch of the views is smaller than they subtend.
IPD_M = 0.065
#: Bound on a measurement file: a sweep has tens to a few thousand angles. Columns are bounded
#: by the declaration (at most 1024 horizontal views, the descriptor schema's bound).
MAX_ROWS = 100_000
#: cd/m²: the sun's disc is about 1.6e9; anything brighter is not a display's luminance, and the
#: bound keeps every figure computed from it finite.
MAX_LUMINANCE = 1e10


POINTER = "/system/display/light_field"


def declared(descriptor: Any) -> tuple[bool, Any]:
    """(whether the descriptor declares a light_field, its value: any JSON value)."""
    system = descriptor.get("system") if isinstance(descriptor, dict) else None
    display = system.get("display") if isinstance(system, dict) else None
    if not isinstance(display, dict) or "light_field" not in display:
        return False, None
    return True, display["light_field"]


def pitch_deg(light_field: dict[str, Any]) -> float:
    """The angle between adjacent horizontal views: the cone shared among the views."""
    return float(light_field["view_cone_deg"]["horizontal"]) / int(light_field["views"]["horizontal"])


def eye_angle_deg(distance_m: float) -> float:
    """The angle two eyes IPD_M apart subtend at ``distance_m`` from the screen centre."""
    return math.degrees(2 * math.atan(IPD_M / 2 / distance_m))


def inconsistencies(light_field: dict[str, Any]) -> list[tuple[str, Message, str]]:
    """(rule, message, pointer below light_field) of a schema-valid declaration that does not
    hang together: R2, the quilt holds every view once and the vertical cone agrees with the
    vertical views; R3, the two eyes at the optimal distance fall in different views."""
    found: list[tuple[str, Message, str]] = []
    views, cone, quilt = light_field["views"], light_field["view_cone_deg"], light_field["quilt"]
    total, tiles = views["horizontal"] * views["vertical"], quilt["columns"] * quilt["rows"]
    if tiles != total:
        found.append(("R2", msg("terminal.lf-quilt-views", columns=quilt["columns"], rows=quilt["rows"],
                                tiles=tiles, views=total), "/quilt"))
    if (views["vertical"] > 1) != (cone["vertical"] > 0):
        found.append(("R2", msg("terminal.lf-vertical", views=views["vertical"], cone=cone["vertical"]),
                      "/view_cone_deg/vertical"))
    pitch, eyes = pitch_deg(light_field), eye_angle_deg(light_field["optimal_viewing_distance_m"])
    if pitch >= eyes:
        found.append(("R3", msg("terminal.lf-no-stereo", pitch=pitch, eyes=eyes,
                                distance=light_field["optimal_viewing_distance_m"]), "/view_cone_deg/horizontal"))
    return found


# -- the angular luminance measurement ----------------------------------------------------------

@dataclass
class Sweep:
    """A parsed measurement: angles (n,), black level (n,), luminance per view (n, views)."""

    angles: np.ndarray
    black: np.ndarray
    views: np.ndarray
    problems: list[tuple[Message, dict[str, object]]] = field(default_factory=list)


def _csv_rows(text: str, problems: list[tuple[Message, dict[str, object]]]) -> Iterator[list[str]]:
    """The rows of ``text``, read one at a time; where the csv module cannot go on (a field past
    its field limit), a problem is added and the rows end. ``newline=""``: a bare carriage return
    is a line end to the csv module, as its documentation asks, not an error."""
    try:
        yield from csv.reader(io.StringIO(text, newline=""))
    except csv.Error as error:
        problems.append((msg("terminal.lf-csv-unreadable", error=str(error)), {}))


def parse_sweep(data: bytes, expected_views: int) -> Sweep:
    """Read a measurement CSV; what makes it unusable is returned in ``problems`` (R1), never
    raised: the file is the target's output, judged with evidence."""
    empty = np.zeros(0)
    broken = Sweep(empty, empty, np.zeros((0, expected_views)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        broken.problems.append((msg("terminal.lf-csv-unreadable", error=str(error)), {}))
        return broken
    rows = _csv_rows(text, broken.problems)
    header = next(rows, None)
    if broken.problems:
        return broken
    wanted = ["angle_deg", "black", *(f"view_{i}" for i in range(expected_views))]
    if header is None or [h.strip() for h in header] != wanted:
        got = ", ".join(h.strip() for h in header[:8]) + (" ..." if header and len(header) > 8 else "") \
            if header else "nothing"
        broken.problems.append((msg("terminal.lf-csv-header", views=expected_views, last=expected_views - 1, got=got,
                                    columns=len(header or ())), {"line": 1}))
        return broken
    values: list[list[float]] = []
    for number, row in enumerate(rows, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(values) >= MAX_ROWS:
            broken.problems.append((msg("terminal.lf-csv-too-long", limit=MAX_ROWS), {"line": number}))
            return broken
        if len(row) != len(wanted):  # counted before anything is converted
            broken.problems.append((msg("terminal.lf-csv-not-number", columns=len(wanted)), {"line": number}))
            return broken
        try:
            parsed = [float(cell) for cell in row]
        except ValueError:
            broken.problems.append((msg("terminal.lf-csv-not-number", columns=len(wanted)), {"line": number}))
            return broken
        values.append(parsed)
    if broken.problems:  # the csv module stopped reading part-way
        return broken
    table = np.array(values, dtype=float).reshape(-1, len(wanted))
    sweep = Sweep(table[:, 0], table[:, 1], table[:, 2:])
    if len(table) < 3:
        sweep.problems.append((msg("terminal.lf-csv-too-short", rows=len(table)), {}))
        return sweep
    bad = ~np.isfinite(table).all(axis=1) | (table[:, 1:] < 0).any(axis=1) \
        | (table[:, 1:] > MAX_LUMINANCE).any(axis=1) | (np.abs(table[:, 0]) > 180)
    if bad.any():
        line = int(np.argmax(bad)) + 2  # the row's place among the values (blank lines aside)
        sweep.problems.append((msg("terminal.lf-csv-values"), {"line": line}))
    elif (np.diff(sweep.angles) <= 0).any():
        line = int(np.argmax(np.diff(sweep.angles) <= 0)) + 3
        sweep.problems.append((msg("terminal.lf-csv-angles"), {"line": line}))
    return sweep


@dataclass(frozen=True)
class Zones:
    """What the sweep shows of each view: where it peaks and its 3D crosstalk there."""

    peaks_deg: np.ndarray
    crosstalk_percent: np.ndarray  # 0 for a view never brighter than black (see ``unlit``)
    covered_deg: tuple[float, float]
    unlit: list[int]  # views never brighter than black anywhere in the sweep: no zone at all


def zones(sweep: Sweep) -> Zones:
    """Each view's peak angle and the crosstalk at it: the other views' luminance, each less the
    black level, over the view's own luminance less the black level (in per cent)."""
    lifted = np.clip(sweep.views - sweep.black[:, None], 0.0, None)
    peaks = np.argmax(lifted, axis=0)
    columns = np.arange(lifted.shape[1])
    own = lifted[peaks, columns]
    leak = lifted[peaks].sum(axis=1) - own
    lit = own > 0
    # finite figures only (a report is JSON, which has no infinity); an unlit view is judged by R3
    crosstalk = np.divide(100.0 * leak, own, out=np.zeros_like(own), where=lit)
    return Zones(sweep.angles[peaks], crosstalk, (float(sweep.angles[0]), float(sweep.angles[-1])),
                 [int(v) for v in np.flatnonzero(~lit)])


def zone_problems(found: Zones, cone_deg: float, tolerance: float) -> list[Message]:
    """R3: every view peaks inside the sweep, the peaks step one way with the view index (view 0
    the leftmost), and the cone they span (first to last peak plus one pitch) is the declared
    one within ``tolerance`` (a ratio)."""
    problems: list[Message] = []
    if found.unlit:
        return [msg("terminal.lf-zone-unlit", views=", ".join(map(str, found.unlit)), count=len(found.unlit))]
    low, high = found.covered_deg
    peaks = found.peaks_deg
    if low > -cone_deg / 2 or high < cone_deg / 2:
        problems.append(msg("terminal.lf-sweep-narrow", low=low, high=high, cone=cone_deg))
        return problems
    steps = np.diff(peaks)
    if (steps <= 0).any():
        first = int(np.argmax(steps <= 0))
        problems.append(msg("terminal.lf-zone-order", view=first + 1, angle=float(peaks[first + 1]),
                            before=first, before_angle=float(peaks[first])))
        return problems
    views = len(peaks)
    spanned = float(peaks[-1] - peaks[0]) * views / (views - 1)
    if abs(spanned - cone_deg) > tolerance * cone_deg:
        problems.append(msg("terminal.lf-zone-cone", spanned=spanned, cone=cone_deg, tolerance=tolerance * 100,
                            views=views))
    return problems
