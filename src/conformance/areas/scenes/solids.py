"""Geometric validity of a city model's surfaces, shells and solids (ISO 19107:2019), as
val3dity checks it (TU Delft's validator; its error codes are documented at
https://val3dity.readthedocs.io/en/latest/errors/).

val3dity validates hierarchically: the rings of a polygon (1xx), then the polygon (2xx), then
a shell whose polygons are all valid (3xx), then a solid whose shells are all valid (4xx).
This module follows the same order over a CityJSON file's geometries and decides the error
classes that can be decided exactly, with NumPy and, for the planar checks of a polygon
projected on its fitted plane, GEOS through shapely:

* 101 too few points, 102 consecutive points the same, 104 ring self-intersection;
* 201 rings intersecting, 202 duplicated rings, 203 non-planar polygon (distance to the
  least-squares plane above a tolerance), 205 disconnected interior, 206 inner ring outside,
  207 nested inner rings, 208 inner ring oriented as the exterior;
* 301 too few polygons, 302 shell not closed, 303 non-manifold edge or vertex, 305 several
  connected components, 307 polygons oriented inconsistently (an edge used twice in the
  same direction);
* 402 duplicated shells, 405 a shell's normals pointing the wrong way (signed volume).

Not decided here (geometric intersection tests in 3D): 204 normal deviation, 306 shell
self-intersection, 401/403/404 between shells, 5xx between solids. Vertices closer than the
snap tolerance are one vertex (:mod:`.vertex_space`), as val3dity merges them before validating.
The certificates of :mod:`.solids_fast`, below this module, spare the exact tests where they
prove there is no error.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, Generic, TypeGuard, TypeVar, cast

import numpy as np
import shapely

from . import intersections, solids_fast
from .boundaries import Points, Polygon, Ring, Shell, Solid
from .cityjson import real_vertices, snappable, template_geometries, template_vertices
from .formed import SURFACES, FormedGeometry, well_formed_geometries
from .val3dity import SKIPPED, Error, Report
from .vertex_space import Space, snapped_space

if TYPE_CHECKING:
    from .cityjson_lean import CityDocument


#: GEOS's reason for an invalid polygon -> val3dity's code (rings are already simple here)
GEOS_REASONS = (("Hole lies outside shell", 206), ("Holes are nested", 207), ("Nested holes", 207),
                ("Interior is disconnected", 205))
#: metres: how close two primitives must be to touch in the 3D intersection tests, which run on
#: the snapped vertices (as val3dity merges vertices, then tests exactly): far below the snap
#: tolerance, so a vertex 0.01 mm through a face crosses it
CONTACT = 1e-7
MAX_RING = 2000  # points of a ring compared pairwise at once (larger rings: by a grid of snap-sized cells)


@dataclass(frozen=True)
class Tolerances:
    snap: float = 0.001       # metres: vertices closer are one (val3dity --snap_tol)
    planarity: float = 0.01   # metres: a polygon's points from its fitted plane (--planarity_d2p_tol)
    normals: float = 20.0     # degrees: a triangle's normal from the first one's (--planarity_n_tol)


def _fitted(points: Points) -> tuple[Points, Points, Points]:
    """Centroid, in-plane basis (2 x 3) and normal of the least-squares plane of ``points``."""
    centre = points.mean(axis=0)
    _, _, vt = np.linalg.svd(points - centre)
    return centre, vt[:2], vt[2]


def _newell(ring: Points) -> Points:
    nxt = np.roll(ring, -1, axis=0)
    return np.cross(ring, nxt).sum(axis=0)


def _signed_area(xy: Points) -> float:
    x, y = xy[:, 0], xy[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)) / 2


def _folded(xy: Points, ring: Ring, space: Space, tol: Tolerances) -> bool:
    """Two distinct vertices of a ring projected on one place of the fitted plane (val3dity's
    104: a ring that cannot be projected without touching itself)."""
    ids = space.ids[ring]
    if len(ring) > MAX_RING:
        return solids_fast.folded_large(xy, ids, tol.snap)
    near = np.linalg.norm(xy[:, None, :] - xy[None, :, :], axis=2) < tol.snap
    return bool(np.any(near & (ids[:, None] != ids[None, :])))


def polygon_errors(rings: Polygon, space: Space, tol: Tolerances, pointer: str) -> list[Error]:
    """The 1xx and 2xx errors of one polygon (its exterior ring first, then its interior
    rings), in val3dity's order: a level with errors stops the polygon's validation."""
    errors = []
    for r, ring in enumerate(rings):
        where = f"{pointer}/{r}"
        if len(ring) < 3:
            errors.append(Error(101, where, f"{len(ring)}"))
            continue
        ids = space.ids[ring]
        same = np.flatnonzero(ids == np.roll(ids, -1))
        if same.size:
            errors.append(Error(102, where, f"{ring[int(same[0])]}"))
    if errors:
        return errors
    every = space.points[[i for ring in rings for i in ring]]
    centre, basis, normal = _fitted(every)
    outer = space.points[rings[0]] - centre
    if np.dot(_newell(outer), np.cross(basis[0], basis[1])) < 0:
        basis = basis[::-1]  # the exterior ring is counterclockwise in the plane's coordinates
    flat = [(space.points[ring] - centre) @ basis.T for ring in rings]
    for r, xy in enumerate(flat):
        if not shapely.LinearRing(xy).is_simple or abs(_signed_area(xy)) == 0 or _folded(xy, rings[r], space, tol):
            errors.append(Error(104, f"{pointer}/{r}"))
    if errors:
        return errors
    distance = float(np.abs((every - centre) @ normal).max())
    if distance > tol.planarity:
        return [Error(203, pointer, f"{distance:.4g}")]
    deviation = intersections.normals_deviation([space.points[ring] - centre for ring in rings])
    if deviation > tol.normals:
        return [Error(204, pointer, f"{deviation:.3g}")]
    keys = [frozenset(space.ids[ring].tolist()) for ring in rings]
    for r, key in enumerate(keys):
        if key in keys[:r]:
            errors.append(Error(202, f"{pointer}/{r}"))
    if errors:
        return errors
    if len(rings) > 1:
        # GEOS judges the snapped vertices themselves with the normal's largest axis dropped: an
        # affine map keeps every incidence exactly, where the fitted plane's rotation rounds a
        # vertex lying on another ring to either side of it (with GEOS 3.14.1 the fixture
        # solid-interior-disconnected's pinched interior then passed as connected)
        keep = [a for a in range(3) if a != int(np.argmax(np.abs(normal)))]
        plane = [space.snapped[ring][:, keep] for ring in rings]
        reason = shapely.is_valid_reason(shapely.Polygon(plane[0], plane[1:]))
        if reason != "Valid Geometry":
            code = next((c for text, c in GEOS_REASONS if reason.startswith(text)), 201)
            return [Error(code, pointer, reason)]
        for r, xy in enumerate(flat[1:], start=1):
            if _signed_area(xy) > 0:
                errors.append(Error(208, f"{pointer}/{r}"))
    return errors


_Item = TypeVar("_Item", bound=Hashable)
#: a polygon's ring at a vertex: (vertex, polygon, ring)
_Corner = tuple[int, int, int]


class _Sets(Generic[_Item]):
    """Union-find over hashable items (vertices, faces, corners)."""

    def __init__(self) -> None:
        self.parent: dict[_Item, _Item] = {}

    def find(self, x: _Item) -> _Item:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: _Item, b: _Item) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self, items: Iterable[_Item]) -> int:
        return len({self.find(x) for x in items})


def _topology_errors(shell: Shell, space: Space, pointer: str) -> list[Error]:
    """:func:`shell_errors`' 305, 303, 307 and 302, exactly (union-find over the snapped vertices)."""
    uses: dict[tuple[int, int], list[tuple[int, int, int]]] = {}  # undirected edge -> (face, ring, direction)
    parts: _Sets[tuple[str, int]] = _Sets()  # ("v", vertex) and ("f", polygon)
    for f, rings in enumerate(shell):
        for r, ring in enumerate(rings):
            ids = space.ids[ring].tolist()
            for a, b in zip(ids, ids[1:] + ids[:1], strict=True):
                uses.setdefault((min(a, b), max(a, b)), []).append((f, r, 1 if a < b else -1))
                parts.union(("v", a), ("f", f))
    count = parts.groups([("f", f) for f in range(len(shell))])
    if count > 1:
        return [Error(305, pointer, f"{count}")]
    errors = []
    shared = sum(1 for users in uses.values() if len(users) > 2)
    around: _Sets[_Corner] = _Sets()  # corners joined where their polygons share an edge at the vertex
    for (a, b), users in uses.items():
        for vertex in (a, b):
            for f, r, _ in users:
                around.union((vertex, users[0][0], users[0][1]), (vertex, f, r))
    umbrellas: dict[int, set[_Corner]] = {}
    for corner in list(around.parent):
        umbrellas.setdefault(corner[0], set()).add(around.find(corner))
    rims = {(vertex, around.find((vertex, f, r))) for (a, b), users in uses.items() if len(users) == 1
            for vertex in (a, b) for f, r, _ in users}  # fans left open by a hole (302, not 303)
    pinched = sum(1 for vertex, roots in umbrellas.items()
                  if len(roots) > 1 and any((vertex, root) not in rims for root in roots))
    if shared or pinched:
        errors.append(Error(303, pointer, f"{shared + pinched}"))
    flipped = sum(1 for users in uses.values() if len(users) == 2 and users[0][2] == users[1][2])
    if flipped:
        errors.append(Error(307, pointer, f"{flipped}"))
    if errors:
        return errors
    open_edges = sum(1 for users in uses.values() if len(users) == 1)
    return [Error(302, pointer, f"{open_edges}")] if open_edges else []


def shell_errors(shell: Shell, space: Space, pointer: str,
                 tol: Tolerances | None = None) -> list[Error]:
    """The 3xx errors of a shell whose polygons are valid, in val3dity's order: too few
    polygons; parts sharing no vertex; then its topology over snapped vertices (no edge used
    by more than two polygons, one umbrella of polygons around each vertex, unless every fan
    of the vertex borders a hole; each edge used twice in opposite directions); last, an
    edge used once (a hole)."""
    if len(shell) < 4:
        return [Error(301, pointer, f"{len(shell)}")]
    proven = FAST and (id(shell) in space.closed if space.batched else solids_fast.closed_manifold(shell, space.ids))
    if not proven:
        errors = _topology_errors(shell, space, pointer)
        if errors:
            return errors
    if tol is None:
        return []
    if FAST and len(shell) <= intersections.MAX_POLYGONS and (
            id(shell) in space.apart if space.batched else solids_fast.separated(shell, space.snapped, space.ids,
                                                                                 CONTACT)):
        return []
    met = intersections.self_intersections(shell, space.snapped, space.ids, space.coords, CONTACT)
    if met is None:
        return [Error(SKIPPED, pointer)]  # too many polygons for the pairwise test: counted as skipped
    if met:
        first = met[0]
        return [Error(306, pointer, f"{first.edge_face}, {first.face}")]
    return []


def signed_volume(shell: Shell, points: Points, centre: Points | None = None) -> float:
    """The volume a closed, consistently oriented shell encloses: positive when its
    polygons' normals point outwards (divergence theorem over a fan of each ring)."""
    centre = points.mean(axis=0) if centre is None else centre  # given: the file's, computed once
    total = 0.0
    for rings in shell:
        for ring in rings:
            p = points[ring] - centre
            total += float(np.sum(solids_fast.cross(p[1:-1], p[2:]) @ p[0]))
    return total / 6


def solid_errors(shells: Solid, space: Space, pointer: str, tol: Tolerances | None = None) -> list[Error]:
    """The 4xx errors of a solid whose shells are valid: no two shells the same, the outer
    shell's normals outwards and an inner shell's inwards; then, with ``tol`` and interior
    shells, no two shells crossing or sharing part of a face (401), no interior shell outside the
    exterior (403) and no loop of contacts cutting the interior in two (404)."""
    errors = []
    keys = [frozenset(frozenset(space.ids[rings[0]].tolist()) for rings in shell) for shell in shells]
    for s, key in enumerate(keys):
        if key in keys[:s]:
            errors.append(Error(402, f"{pointer}/{s}"))
    for s, shell in enumerate(shells):
        sign = solids_fast.volume_sign(shell, space.points, space.centre) if FAST else 0
        volume = sign or signed_volume(shell, space.points, space.centre)
        if (volume < 0) if s == 0 else (volume > 0):
            errors.append(Error(405, f"{pointer}/{s}", str(s)))
    if errors or tol is None or len(shells) < 2:
        return errors
    built = intersections.solid3d(shells, space.snapped, space.ids, space.coords, CONTACT)
    if built is None:
        return [Error(SKIPPED, pointer)]
    return [Error(code, f"{pointer}/{s}", detail)
            for code, s, detail in intersections.shell_relations(built, len(shells))]


def composite_errors(solids: list[Solid], space: Space, pointer: str, tol: Tolerances) -> list[Error]:
    """The 5xx errors of a CompositeSolid whose solids are valid: no two solids the same (502),
    no two solids' interiors overlapping (501), and the solids connected (503)."""
    keys = [frozenset(frozenset(space.ids[rings[0]].tolist()) for rings in solid[0]) for solid in solids]
    exteriors = [solid[0] for solid in solids]
    if FAST and len(set(keys)) == len(keys) and sum(len(shell) for shell in exteriors) <= intersections.MAX_POLYGONS:
        links = solids_fast.composite_links(exteriors, space.snapped, space.ids, CONTACT)
        if links is not None:  # apart but for their surfaces: only 503 is left to decide, as the exact test does
            joined = list(range(len(solids)))
            for (i, j), linked in sorted(links.items()):
                if linked:
                    a, b = joined[i], joined[j]
                    joined = [a if x == b else x for x in joined]
            return [Error(503, f"{pointer}/0", str(len(set(joined))))] if len(set(joined)) > 1 else []
    built = intersections.solid3d(exteriors, space.snapped, space.ids, space.coords, CONTACT)
    if built is None:
        return [Error(SKIPPED, pointer)]
    return [Error(code, f"{pointer}/{s}", detail)
            for code, s, detail in intersections.composite_relations(built, len(solids), keys)]


def validate(data: CityDocument, tol: Tolerances, upto: int = 5, budget_polygons: int | None = None) -> Report:
    """Validate every surface geometry of a CityJSON file up to level ``upto`` (2, 3, 4 or 5).
    Geometries whose boundaries are not well formed (SC-CITY-001/002's findings) are passed over.
    ``budget_polygons``: the polygons it may examine; geometries are judged in the file's order
    (the City Objects', then the templates') while their polygons together stay within it, and
    from the first that would exceed it on, none is (:attr:`Report.stopped`). A count of the
    model, not of time: two laboratories judge the same geometries of one model (issue 76)."""
    report = Report(budget_polygons=budget_polygons)
    points = real_vertices(data)
    if not _snappable(points, tol):
        return report  # vertices or transform not well formed (SC-CITY-001), or too far apart to snap in int64
    with np.errstate(all="ignore"):  # a degenerate polygon reads as one, not as a warning
        _validate(report, well_formed_geometries(data, len(points), report.malformed),
                  snapped_space(points, tol.snap), tol, upto)
        # the templates' geometries are geometries of the file too ("every polygon", "every shell"),
        # over their own vertices (CityJSON 2.0 geometry-templates); vertices that cannot be read
        # leave every template that indexes them unjudged (malformed), never passed over
        if next(template_geometries(data), None) is None:
            return report
        template_points = template_vertices(data)
        if _snappable(template_points, tol):
            formed = well_formed_geometries(data, len(template_points), report.malformed, templates=True)
            _validate(report, formed, snapped_space(template_points, tol.snap), tol, upto)
        else:
            # all malformed (no vertex to index): recorded as unjudged
            for _ in well_formed_geometries(data, 0, report.malformed, templates=True):
                pass

    return report


def _snappable(points: Points | None, tol: Tolerances) -> TypeGuard[Points]:
    return snappable(points, tol.snap)


def shared_report(files: object, path: object, data: CityDocument, tol: Tolerances,
                  budget_polygons: int | None = None) -> Report:
    """:func:`validate` of one city model up to level 5, once per run and tolerances: each
    level's requirement (SC-CITY-007/008/009/012) and SC-CITY-013 take their part of one
    report, kept with the run's file target (``files.derived``) as the parsed model is
    (:func:`conformance.areas.scenes.cityjson.city_models`). A level's errors and counts do not
    depend on how far above it the validation went."""
    derived = getattr(files, "derived", None)
    if derived is None:
        return validate(data, tol, budget_polygons=budget_polygons)
    key = ("city-solids", str(path), id(data), tol, budget_polygons)  # the parsed data lives as long as the key
    if key not in derived:
        derived[key] = validate(data, tol, budget_polygons=budget_polygons)
    return cast(Report, derived[key])


#: whether the certificates of :mod:`.solids_fast` may spare the exact tests (the same report
#: either way; tests turn them off to compare)
FAST = True


#: well-formed geometries judged at a time: their boundaries are the Python objects alive at once
#: (a lean model's City Objects are decoded a batch at a time), and the certificates of
#: :func:`.solids_fast.clean_rings` are taken over one batch (each ring's on its own)
BATCH = 1024


def _validate(report: Report, formed: Iterator[FormedGeometry], space: Space, tol: Tolerances, upto: int) -> None:
    while batch := list(islice(formed, BATCH)):
        left = report.stopped  # an earlier geometry was left: the judged set stays a prefix of the file
        report.geometries += len(batch)
        within = [] if left else _within_budget(report, batch)
        if within:
            _judge_batch(report, within, space, tol, upto)


def _within_budget(report: Report, batch: list[FormedGeometry]) -> list[FormedGeometry]:
    """The geometries of ``batch`` the budget leaves to judge: in order, while the polygons of
    those judged stay within it; once one would exceed it, neither it nor any later one (the
    geometries left are counted, not judged). Their polygons are added to ``report.polygons``."""
    within = []
    for geometry in batch:
        polygons = geometry.polygon_count()
        if report.budget_polygons is not None and report.polygons + polygons > report.budget_polygons:
            break
        report.polygons += polygons
        within.append(geometry)
    return within


def _judge_batch(report: Report, formed: list[FormedGeometry], space: Space, tol: Tolerances, upto: int) -> None:
    if FAST:
        single = [tuple(rings[0]) for geometry in formed for rings in geometry.polygons() if len(rings) == 1]
        shells = [shell for geometry in formed for solid in geometry.solids for shell in solid]
        closed = solids_fast.closed_manifolds(shells, space.ids)
        sound = [shell for shell, ok in zip(shells, closed, strict=True) if ok
                 and len(shell) <= intersections.MAX_POLYGONS]
        apart = solids_fast.separated_many(sound, space.snapped, space.ids, CONTACT)
        space = replace(space, clean=frozenset(solids_fast.clean_rings(
            single, space.points, space.ids, tol.snap, tol.planarity, tol.normals)), batched=True,
            closed=frozenset(id(shell) for shell, ok in zip(shells, closed, strict=True) if ok),
            apart=frozenset(id(shell) for shell, ok in zip(sound, apart, strict=True) if ok))
    for geometry in formed:
        report.geometries_judged += 1
        report.last = base = geometry.pointer
        if geometry.kind in SURFACES:
            _surfaces(report, geometry.surfaces, space, tol, base + "/boundaries")
            continue
        valid = [_solid(report, shells, space, tol, where, upto)
                 for where, shells in zip(geometry.solid_pointers(), geometry.solids, strict=True)]
        if geometry.kind == "CompositeSolid" and upto >= 5 and len(valid) > 1 and not all(valid):
            report.invalid_at[5].append(base)  # another level's finding (one solid: nothing to compare)
        elif geometry.kind == "CompositeSolid" and upto >= 5 and len(valid) > 1:
            report.judged[5] += 1
            for error in composite_errors(geometry.solids, space, base + "/boundaries", tol):
                report.add(5, error)


def _surfaces(report: Report, surfaces: list[Polygon], space: Space, tol: Tolerances, pointer: str) -> bool:
    valid = True
    for p, rings in enumerate(surfaces):
        report.judged[2] += 1
        if not rings:
            report.add(2, Error(101, f"{pointer}/{p}", "0"))
            valid = False
            continue
        if len(rings) == 1 and tuple(rings[0]) in space.clean:
            continue
        for error in polygon_errors(rings, space, tol, f"{pointer}/{p}"):
            report.add(2, error)
            valid = False
    return valid


def _solid(report: Report, shells: Solid, space: Space, tol: Tolerances, pointer: str, upto: int) -> bool:
    """Judge one solid level by level; whether it is valid at every level judged."""
    valid = True
    for s, shell in enumerate(shells):
        if not _surfaces(report, shell, space, tol, f"{pointer}/{s}"):
            valid = False
            report.invalid_at[3].extend([f"{pointer}/{s}"] if upto >= 3 else [])
            continue
        if upto < 3:
            continue
        report.judged[3] += 1
        errors = shell_errors(shell, space, f"{pointer}/{s}", tol)
        for error in errors:
            report.add(3, error)
        valid = valid and all(e.code == SKIPPED for e in errors)  # a shell too large to test goes on
    if valid and upto >= 4 and shells:
        report.judged[4] += 1
        errors = solid_errors(shells, space, pointer, tol)
        for error in errors:
            report.add(4, error)
        valid = all(e.code == SKIPPED for e in errors)
    elif upto >= 4 and shells:
        report.invalid_at[4].append(pointer)
    return valid
