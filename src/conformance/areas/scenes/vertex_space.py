"""A city model's vertices as the geometric checks (:mod:`.solids`, :mod:`.building_parts`) see
them: vertices closer than the snap tolerance are one vertex (val3dity's ``--snap_tol``, here by
rounding to a grid of that step), as val3dity merges them before validating. A :class:`Space`
holds the real-world vertices, each one's snapped identity and the point of each identity."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .boundaries import Indices, Points


@dataclass(frozen=True)
class Space:
    """The file's real-world vertices, each vertex's snapped identity and a point of each
    identity."""
    points: Points
    ids: Indices
    coords: Points  # a point of each identity, relative to the file's corner
    snapped: Points  # each vertex moved onto its identity's point, relative to the file's corner
    centre: Points  # the mean of every vertex (signed volumes are taken about it)
    clean: frozenset[tuple[int, ...]] = frozenset()  # single rings proven valid polygons (:mod:`.solids_fast`)
    #: with ``batched``, the shells (by id) of the geometries judged together proven free of
    #: topology errors (``closed``) and of self-intersection (``apart``): judged all at once
    batched: bool = False
    closed: frozenset[int] = frozenset()
    apart: frozenset[int] = frozenset()


def snapped_space(points: Points, snap: float) -> Space:
    """The :class:`Space` of ``points`` (n x 3, metres) snapped to a grid of ``snap`` metres."""
    if points.size == 0:
        # no vertex: no well-formed ring refers to one, so the centre is never used
        return Space(points, np.zeros(0, dtype=np.int64), points, points, np.zeros(3))
    low = points.min(axis=0)
    # the arithmetic of np.round((points - low) / snap), in place: a large model's vertices are
    # many, and each temporary as large as they are counts in the peak memory
    grid = points - low
    np.divide(grid, snap, out=grid)
    np.round(grid, out=grid)
    ids = row_ids(grid)
    del grid
    coords = np.zeros((int(ids.max()) + 1, 3))
    coords[ids] = points - low
    return Space(points, ids, coords, coords[ids], points.mean(axis=0))


def row_ids(grid: Points | Indices) -> Indices:
    """``np.unique(grid.astype(np.int64), axis=0, return_inverse=True)``'s inverse (each row's
    rank among the distinct rows, in lexicographic order) for rows of non-negative integral
    values: through one int64 a row where their ranges allow (the same order, a fraction of the
    time and memory of sorting rows), else by rows."""
    span = grid.max(axis=0).astype(np.int64) + 1 if len(grid) else np.ones(3, dtype=np.int64)
    if float(span[0]) * float(span[1]) * float(span[2]) < 2.0 ** 62:
        flat = grid[:, 0].astype(np.int64)
        flat *= span[1]
        flat += grid[:, 1].astype(np.int64)
        flat *= span[2]
        flat += grid[:, 2].astype(np.int64)
        return np.unique(flat, return_inverse=True)[1].reshape(-1)
    return np.unique(grid.astype(np.int64), axis=0, return_inverse=True)[1].reshape(-1)
