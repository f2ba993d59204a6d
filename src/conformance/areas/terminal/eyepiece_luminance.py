"""A near-eye display's luminance and its uniformity over the field, as a luminance meter at an eyepiece measures it
(TD-DISP-011).

An ``eyepiece_luminance`` stream is a calibrated spot luminance meter (or an imaging photometer read at points) at
the eye position of one eyepiece of a headset showing full-field white at its highest brightness, aimed in turn at
field points given as (horizontal, vertical) angles in degrees from the optical axis. Its declaration's
``eyepiece_luminance`` names the eye, the ``points_deg`` and the ``instrument`` (model, calibration; optionally serial
and the expanded uncertainty of one reading, in %); each frame's ``luminance_cd_m2`` holds one reading (cd/m^2) per
declared point, in their order. The catalog fixes the points judged (:data:`POINTS`): the centre and eight at
(horizontal, vertical) angles of (+-15, 0), (0, +-15) and (+-15, +-15) degrees (the diagonal ones about 21 degrees
from the centre), so two laboratories read the same field. A point the display cannot show is not read: the field of
view the capture's device description declares (``device.system.display.fov_deg``, centred on the optical axis) holds
a point within half the horizontal and half the vertical field of view. The header's device description is the
measurement's own record of the device measured, so the check believes it over any other descriptor. With a point
outside the declared field the uniformity (over all nine) is not judged; without a declared field all nine are read.
While the frames are read, each reading becomes two numbers (columns, memory flat): the centre's luminance and the
uniformity, the least over the points read divided by the greatest; a reading whose values at the points read are not
finite and positive is counted as unusable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from .._shared.uncertainty import u_median
from .chunk import Chunk
from .flicker import block_samples
from .jsonread import calibrated_model
from .model import CaptureAnalysis, StreamStats
from .readings import Capped, joined

if TYPE_CHECKING:
    from conformance.area import JsonObject

KIND = "eyepiece_luminance"
#: the field points judged, (horizontal, vertical) degrees from the optical axis, the centre first: this catalog's own
POINTS = ((0.0, 0.0), (-15.0, 0.0), (15.0, 0.0), (0.0, -15.0), (0.0, 15.0),
          (-15.0, -15.0), (15.0, -15.0), (-15.0, 15.0), (15.0, 15.0))
POINT_TOLERANCE_DEG = 0.5  # a declared point this close to one of POINTS is taken for it
MIN_FRAMES = 5
MAX_FRAMES = 200_000


@dataclass
class Readings(Capped):
    """An eyepiece_luminance stream's per-reading centre luminance and uniformity, chunk by chunk."""

    columns: list[int] = field(default_factory=list)  # where each of POINTS the display shows sits in a reading
    centre: list[np.ndarray] = field(default_factory=list)
    uniformity: list[np.ndarray] = field(default_factory=list)
    unusable: int = 0  # readings without a finite, positive value at each of the points read


@dataclass
class Field:
    sensor: str
    eye: str
    model: str
    centre: float  # cd/m^2, the median over the readings
    u_centre: float  # its standard uncertainty (type A)
    uniformity: float  # least over greatest of the points read, the median over the readings
    u_uniformity: float
    frames: int
    unusable: int
    outside: tuple[tuple[float, float], ...] = ()  # POINTS outside the declared field of view: R2 not judged
    fov: tuple[float, float] | None = None  # the declared (horizontal, vertical) field of view, degrees


def field_of_view(header: Any) -> tuple[float, float] | None:
    """The (horizontal, vertical) field of view in degrees the capture's device description declares
    (device.system.display.fov_deg); None when it declares none usable."""
    value: object = header
    for member in ("device", "system", "display", "fov_deg"):
        value = value.get(member) if isinstance(value, dict) else None
    if not isinstance(value, dict):
        return None
    sides = [value.get("horizontal"), value.get("vertical")]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and v > 0 for v in sides):
        return None
    return float(sides[0]), float(sides[1])  # type: ignore[arg-type]


def shown(fov: tuple[float, float] | None) -> tuple[tuple[float, float], ...]:
    """The POINTS a display of field of view ``fov`` (centred on the optical axis) shows: all when none declared."""
    if fov is None:
        return POINTS
    return tuple(p for p in POINTS if abs(p[0]) <= fov[0] / 2 and abs(p[1]) <= fov[1] / 2)


def declaration(spec: JsonObject, points_shown: tuple[tuple[float, float], ...] = POINTS
                ) -> tuple[list[int], str, str] | None:
    """(the column of each of ``points_shown``, eye, instrument model) a stream declares; None when it declares none
    usable (a point outside the display's field of view need not be declared)."""
    held = spec.get(KIND)
    if not isinstance(held, dict):
        return None
    eye, points, model = held.get("eye"), held.get("points_deg"), calibrated_model(held.get("instrument"))
    if model is None or eye not in ("left", "right") or not isinstance(points, list):
        return None
    declared = [p for p in points if isinstance(p, list) and len(p) == 2
                and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in p)]
    if len(declared) != len(points):
        return None
    at = np.array(declared, dtype=np.float64).reshape(-1, 2)
    columns = []
    for point in points_shown:
        near = np.flatnonzero(np.hypot(*(at - np.array(point)).T) <= POINT_TOLERANCE_DEG)
        if not len(near):
            return None
        columns.append(int(near[0]))
    return columns, str(eye), model


def read_eyepiece_luminance(result: CaptureAnalysis) -> None:
    """Each eyepiece_luminance stream declaring the points the display shows and a calibrated instrument keeps its
    readings."""
    points_shown = shown(field_of_view(result.header))
    for stats in result.streams_of(KIND):
        held = declaration(stats.spec, points_shown)
        if held is not None:
            stats.eyepiece_luminance = Readings(columns=held[0])


def check_eyepiece_luminance_frames(chunk: Chunk) -> None:
    """Each reading's centre luminance and uniformity kept; one without a finite, positive value at each of the points
    read is counted as unusable instead."""
    readings: Readings | None = chunk.stats.eyepiece_luminance
    if readings is None or not len(chunk):
        return
    samples, sizes, unread = block_samples([f.luminance_cd_m2 for f in chunk.frames])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    columns = np.array(readings.columns)
    centre, uniformity = np.full(len(chunk), np.nan), np.full(len(chunk), np.nan)
    if len(sizes) and (sizes == sizes[0]).all() and sizes[0] > columns.max():  # a meter's readings: one width
        at = samples.reshape(len(sizes), int(sizes[0]))[:, columns]
        good = np.flatnonzero((np.isfinite(at) & (at > 0)).all(axis=1))
        centre[good], uniformity[good] = at[good, 0], at[good].min(axis=1) / at[good].max(axis=1)
    else:
        for row, (start, count) in enumerate(zip(starts.tolist(), sizes.tolist(), strict=True)):
            if count <= columns.max():
                continue
            v = samples[start:start + count][columns]
            if np.isfinite(v).all() and (v > 0).all():
                centre[row], uniformity[row] = v[0], v.min() / v.max()
    centre[unread] = np.nan
    usable = np.flatnonzero(~np.isnan(centre))
    readings.unusable += len(chunk) - len(usable)
    room = readings.take(MAX_FRAMES, len(usable))
    if room:
        readings.centre.append(centre[usable[:room]])
        readings.uniformity.append(uniformity[usable[:room]])


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Field | tuple[str, dict[str, object]]:
    """An eyepiece_luminance stream's median centre luminance and uniformity; else why it cannot be judged."""
    fov = field_of_view(analysis.header)
    points_shown = shown(fov)
    held = declaration(stats.spec, points_shown)
    readings: Readings | None = stats.eyepiece_luminance
    if held is None or readings is None:
        return "terminal.eyepiece-luminance-undeclared", {}
    centre = joined(readings.centre)
    if len(centre) < MIN_FRAMES:
        return "terminal.eyepiece-luminance-too-few", {"count": len(centre), "minimum": MIN_FRAMES,
                                                       "unusable": readings.unusable}
    uniformity = np.concatenate(readings.uniformity)
    return Field(stats.id, held[1], held[2], float(np.median(centre)), u_median(centre),
                 float(np.median(uniformity)), u_median(uniformity), len(centre), readings.unusable,
                 tuple(p for p in POINTS if p not in points_shown), fov)
