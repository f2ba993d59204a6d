"""Bounding volumes of 3D Tiles (box, region, sphere) and whether one encloses another.

OGC 3D Tiles 1.1, "Bounding volumes": a ``box`` is 12 numbers (centre, then the x, y and z
half-axes, each a vector), a ``sphere`` 4 (centre, radius), both in the tile's coordinate
system (the product of the ``transform`` matrices from the root down, column-major); a
``region`` is 6 numbers in EPSG:4979 (west, south, east, north in radians, minimum and
maximum height in metres) and no transform applies to it.

:func:`encloses` answers True, False, or None where the two kinds cannot be compared
without the ellipsoid (a region against a box or sphere): such a pair is never judged.
Box-in-box, sphere-in-box, box-in-sphere, sphere-in-sphere and region-in-region are exact
up to a relative tolerance of each extent (:data:`TOLERANCE`, for the rounding of exported
numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

#: The relative slack allowed (of the enclosing volume's size) before a point counts as outside.
TOLERANCE = 1e-6
IDENTITY = np.eye(4)

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Box:
    centre: Array
    axes: Array  # 3x3, one half-axis per row


@dataclass(frozen=True)
class Sphere:
    centre: Array
    radius: float


@dataclass(frozen=True)
class Region:
    west: float
    south: float
    east: float
    north: float
    low: float
    high: float


Volume = Box | Sphere | Region


def matrix(transform: Sequence[float] | None) -> Array:
    """A tile's ``transform`` (16 numbers, column-major) as a 4x4 matrix; identity if absent."""
    if transform is None:
        return IDENTITY
    return np.asarray(transform, dtype=np.float64).reshape(4, 4).T


def parse(volume: object, frame: Array) -> Volume | None:
    """A bounding volume object in the tileset frame (``frame`` maps the tile's coordinates
    into it); None for one that is not a well-formed box, region or sphere (the schema's
    finding) or that only an extension defines."""
    if not isinstance(volume, dict):
        return None
    for kind, size in (("box", 12), ("sphere", 4), ("region", 6)):
        values = volume.get(kind)
        if values is None:
            continue
        if (not isinstance(values, list) or len(values) != size
                or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)):
            return None
        numbers = np.asarray(values, dtype=np.float64)
        if not np.all(np.isfinite(numbers)):
            return None
        if kind == "region":
            return Region(*(float(v) for v in numbers))
        linear, shift = frame[:3, :3], frame[:3, 3]
        centre = linear @ numbers[:3] + shift
        if kind == "box":
            return Box(centre, (linear @ numbers[3:].reshape(3, 3).T).T)
        scale = float(np.max(np.linalg.norm(linear, axis=0)))
        return Sphere(centre, float(numbers[3]) * scale)
    return None


def _corners(box: Box) -> Array:
    signs = np.array([[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)], dtype=np.float64)
    return box.centre + signs @ box.axes


def _slack(lengths: Array, centre: Array) -> Array:
    """How far outside a volume a point may be and still count as inside: a relative share of
    each extent (:data:`TOLERANCE`) plus the rounding of the coordinates themselves (ECEF
    coordinates are millions of metres)."""
    return TOLERANCE * lengths + 1e-12 * max(float(np.abs(centre).max()), 1.0)


def _in_box(points: Array, radius: float, box: Box) -> bool:
    """Every point, grown by ``radius``, inside ``box`` (a box whose half-axes are not
    orthogonal is treated through its own axes' lengths)."""
    lengths = np.linalg.norm(box.axes, axis=1)
    slack = _slack(lengths, box.centre)
    if np.any(lengths == 0):  # a flat box: only its plane's points can be inside
        try:
            local = np.linalg.lstsq(box.axes.T, (points - box.centre).T, rcond=None)[0].T
        except np.linalg.LinAlgError:
            return False
        back = local @ box.axes + box.centre
        flat = float(_slack(np.array([float(lengths.max())]), box.centre)[0])
        return bool(np.all(np.abs(local) <= 1 + TOLERANCE) and np.allclose(back, points, atol=flat)
                    and radius <= flat)
    units = box.axes / lengths[:, None]
    along = np.abs((points - box.centre) @ units.T)
    return bool(np.all(along + radius <= lengths + slack))


def encloses(outer: Volume, inner: Volume) -> bool | None:
    """Whether ``outer`` encloses ``inner``; None where a region meets a box or sphere."""
    if isinstance(outer, Region) or isinstance(inner, Region):
        if not (isinstance(outer, Region) and isinstance(inner, Region)):
            return None
        angle = 1e-9
        height = TOLERANCE * max(abs(outer.high - outer.low), 1.0)
        return (inner.west >= outer.west - angle and inner.east <= outer.east + angle
                and inner.south >= outer.south - angle and inner.north <= outer.north + angle
                and inner.low >= outer.low - height and inner.high <= outer.high + height)
    if isinstance(outer, Sphere):
        slack = float(_slack(np.array([outer.radius]), outer.centre)[0])
        if isinstance(inner, Sphere):
            return float(np.linalg.norm(inner.centre - outer.centre)) + inner.radius <= outer.radius + slack
        return bool(np.all(np.linalg.norm(_corners(inner) - outer.centre, axis=1) <= outer.radius + slack))
    if isinstance(inner, Sphere):
        return _in_box(inner.centre[None, :], inner.radius, outer)
    return _in_box(_corners(inner), 0.0, outer)


def describe(volume: Volume) -> str:
    """A short text of a volume for evidence."""
    if isinstance(volume, Region):
        return f"region [{volume.west:.6g}, {volume.south:.6g}, {volume.east:.6g}, {volume.north:.6g}, " \
               f"{volume.low:.6g}, {volume.high:.6g}]"
    if isinstance(volume, Sphere):
        return f"sphere centre {np.round(volume.centre, 6).tolist()} radius {volume.radius:.6g}"
    return f"box centre {np.round(volume.centre, 6).tolist()} half-axes {np.round(volume.axes, 6).tolist()}"


#: WGS 84 (EPSG:4326/4978): semi-major axis in metres and first eccentricity squared
WGS84_A, WGS84_E2 = 6378137.0, 6.69437999014e-3


def geodetic(ecef: Array) -> tuple[float, float, float]:
    """Longitude and latitude in degrees and ellipsoidal height in metres of an ECEF point
    (EPSG:4978 to EPSG:4979), by fixed-point iteration on the latitude."""
    x, y, z = (float(v) for v in ecef)
    lon = np.arctan2(y, x)
    p = float(np.hypot(x, y))
    lat = float(np.arctan2(z, p * (1 - WGS84_E2)))
    height = 0.0
    for _ in range(8):
        n = WGS84_A / np.sqrt(1 - WGS84_E2 * np.sin(lat) ** 2)
        height = p / np.cos(lat) - n if abs(lat) < np.pi / 4 else z / np.sin(lat) - n * (1 - WGS84_E2)
        lat = float(np.arctan2(z, p * (1 - WGS84_E2 * n / (n + height))))
    return float(np.degrees(lon)), float(np.degrees(lat)), float(height)
