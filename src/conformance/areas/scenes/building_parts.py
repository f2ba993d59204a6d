"""val3dity's City Object classes (6xx, https://val3dity.readthedocs.io/en/latest/errors/) for
CityJSON: 601 BUILDINGPARTS_OVERLAP, primitives of a Building or its BuildingParts whose
interiors overlap.

As val3dity does (its documentation's "Accepted input": a Building's BuildingParts are validated
together), a Building's own geometries and those of its BuildingPart children are grouped by LoD;
within one LoD no two Solid or CompositeSolid primitives may share interior volume. MultiSolids
and surfaces have no interior and are not compared. A Building with an invalid primitive (a
1xx-5xx error, SC-CITY-007..009 and -012) is not judged, as val3dity judges only valid ones.

val3dity's overlap tolerance (``--overlap_tol``: each solid eroded by that distance before the
test) is the parameter ``overlap``: a point counts as shared interior only if it lies deeper
than the tolerance inside both solids. The other 6xx class val3dity ever had, 609
CITYOBJECT_HAS_NO_GEOMETRY, was renamed 906 in 2023 and deleted in 2026 (val3dity commits
2c99ab6, bb2b899): CityJSON 2.0 makes a City Object's geometry optional (a Building often has
none, its parts have it), so it is counted, not judged.

How two solids are compared (on the snapped vertices of :mod:`.solids`, no exact arithmetic):
axis-aligned boxes first (solids sharing only a wall have a box intersection of no thickness and
are passed at once); then, with no tolerance, an edge of one piercing a polygon of the other
(:mod:`.intersections`); then sample points - a grid over the boxes' intersection and each
triangle's centre moved just inside its solid - whose winding numbers put them inside both and
whose distance to both surfaces exceeds the tolerance. The grid is sparse (:data:`GRID` points
a side over the boxes' intersection), so a thin slanted overlap without a piercing edge can be
missed: the agreement bench measures how often that matters on public files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from conformance import Finding, msg

from . import intersections, solids, val3dity
from .boundaries import Flags, Floats, Points, Polygon
from .cityjson import MAX_FINDINGS, city_objects, real_vertices, snappable
from .formed import formed_solid, formed_solids
from .pointers import city_object_pointer
from .vertex_space import Space, snapped_space

if TYPE_CHECKING:
    from conformance.area import JsonObject

MAX_PAIRS = 200  # pairs of solids (after the box test) compared in 3D per file; the rest are counted as skipped
GRID = 12  # sample points a side of the grid over two solids' shared box
SPLIT = 4  # each triangle sampled at the centres of its SPLIT x SPLIT sub-triangles
INSET = 1e-4  # metres: how far a triangle's centre is moved inside its solid to sample the interior
BATCH = 512  # sample points judged at a time
CHUNK = 200_000  # point x triangle pairs per NumPy step (bounds memory)
KINDS = ("Solid", "CompositeSolid")


@dataclass(frozen=True)
class Primitive:
    pointer: str
    lod: str
    polygons: list[Polygon]  # every polygon (rings of vertex indices) of every shell of every solid


#: a Building with two or more solids at one LoD: its key, its members' keys (itself and its
#: BuildingParts), its primitives grouped by LoD
Candidate = tuple[str, list[str], list[list[Primitive]]]


@dataclass
class PartsReport:

    """601 errors of one file; ``judged``: Buildings with two or more solids at one LoD compared;
    ``skipped``: pairs not compared (too many pairs or polygons), ``skipped_at`` the Buildings
    they belong to (pointers, each once); ``no_geometry``: City Objects without geometry
    (val3dity's former 609, not an error)."""
    errors: list[val3dity.Error] = field(default_factory=list)
    judged: int = 0
    skipped: int = 0
    skipped_at: list[str] = field(default_factory=list)
    no_geometry: int = 0
    invalid_at: list[str] = field(default_factory=list)  # Buildings left out for an invalid primitive
    #: Buildings left out because a geometry of theirs lies past the geometric validation's budget
    #: (geometry_budget_polygons): their primitives were not all judged valid, so they are not compared
    past_budget_at: list[str] = field(default_factory=list)

    def skip(self, building: str) -> None:
        """A pair of ``building``'s solids not compared: the Building is not judged."""
        self.skipped += 1
        if building not in self.skipped_at:
            self.skipped_at.append(building)

    def findings(self) -> list[Finding]:
        found = [e.finding() for e in self.errors[:MAX_FINDINGS]]
        if len(self.errors) > MAX_FINDINGS:
            found.append(Finding.of(msg("scenes.cityjson-more", count=len(self.errors) - MAX_FINDINGS)))
        return found


def _invalid_geometries(data: JsonObject, tol: solids.Tolerances, report: val3dity.Report | None) -> set[str]:
    """Pointers of the geometries with a 1xx-5xx error (object IDs are escaped, so the first
    ``/boundaries`` ends the geometry's pointer); ``report``: the file's solids already judged."""
    if report is None:
        report = solids.validate(data, tol, upto=5)
    return {e.pointer.split("/boundaries")[0] for errors in report.errors.values() for e in errors}


def _within_budget(objects: Mapping[str, object], report: val3dity.Report | None) -> Callable[[str], bool] | None:
    """Whether every geometry of a City Object (its key) lies within those the budget let
    :func:`solids.validate` judge, a prefix of the file's order (the City Objects' geometries in
    order, then the templates', up to ``report.last``); None when the report judged them all."""
    if report is None or not report.stopped or report.last.startswith("/geometry-templates/"):
        return None  # all judged, or the cut fell among the templates: every City Object's geometry was
    order = {city_object_pointer(key): i for i, key in enumerate(objects)}
    last_object, _, last_index = report.last.rpartition("/geometry/")
    upto = (order[last_object], int(last_index)) if last_object in order else (-1, 0)

    def within(key: str) -> bool:
        obj = objects.get(key)
        geometry = obj.get("geometry") if isinstance(obj, dict) else None
        count = len(geometry) if isinstance(geometry, list) else 0
        return count == 0 or (order[city_object_pointer(key)], count - 1) <= upto
    return within


def _primitives(key: str, obj: object, count: int) -> tuple[list[Primitive], bool]:
    """The Solids and CompositeSolids of one City Object, and whether all its geometries'
    boundaries are well formed (else SC-CITY-001/002's finding: the Building is not judged)."""
    found: list[Primitive] = []
    formed = True
    geometry = obj.get("geometry") if isinstance(obj, dict) else None
    for g, geom in enumerate(geometry if isinstance(geometry, list) else []):
        if not isinstance(geom, dict) or geom.get("type") not in KINDS:
            continue
        kind, boundaries = geom.get("type"), geom.get("boundaries")
        if kind == "Solid" and formed_solid(boundaries, count):
            shells = boundaries
        elif kind == "CompositeSolid" and formed_solids(boundaries, count):
            shells = [shell for solid in boundaries for shell in solid]
        else:
            formed = False
            continue
        found.append(Primitive(f"{city_object_pointer(key)}/geometry/{g}", str(geom.get("lod")),
                               [polygon for shell in shells for polygon in shell]))
    return found, formed


def _is_part(obj: object) -> bool:
    return isinstance(obj, dict) and obj.get("type") == "BuildingPart"


def _box(prim: Primitive, snapped: Points) -> Floats:

    every = snapped[[v for polygon in prim.polygons for ring in polygon for v in ring]]
    return np.array([every.min(axis=0), every.max(axis=0)])


def shared_box(first: Primitive, second: Primitive, snapped: Points, overlap: float) -> Floats | None:
    """The intersection of two solids' boxes, each side moved in by ``overlap``; None when it
    has no thickness (solids apart, or meeting on a wall or a floor)."""
    a, b = _box(first, snapped), _box(second, snapped)
    box = np.array([np.maximum(a[0], b[0]) + overlap, np.minimum(a[1], b[1]) - overlap])
    return None if np.any(box[1] - box[0] <= solids.CONTACT) else box


def _winding(points: Points, tri: Floats) -> Floats:
    """Generalised winding numbers of many points around a closed triangulated surface."""
    out = np.zeros(len(points))
    step = max(1, CHUNK // max(1, len(tri)))
    for start in range(0, len(points), step):
        p = points[start:start + step, None, None, :]
        a, b, c = (tri[None, :, i, :] - p[:, :, 0, :] for i in range(3))
        la, lb, lc = (np.linalg.norm(v, axis=2) for v in (a, b, c))
        det = np.einsum("pij,pij->pi", a, np.cross(b, c))
        div = la * lb * lc + np.einsum("pij,pij->pi", a, b) * lc + np.einsum("pij,pij->pi", b, c) * la \
            + np.einsum("pij,pij->pi", c, a) * lb
        out[start:start + step] = np.sum(2 * np.arctan2(det, div), axis=1) / (4 * np.pi)
    return out


def _segment_distance(p: Points, s: Points, e: Points) -> Floats:
    d = e - s
    length = np.einsum("ij,ij->i", d, d)
    t = np.clip(np.einsum("pij,ij->pi", p[:, None, :] - s[None], d) / np.where(length > 0, length, 1.0), 0, 1)
    closest = s[None] + t[..., None] * d[None]
    return np.linalg.norm(p[:, None, :] - closest, axis=2)


def _distance(points: Points, f: intersections.Faces) -> Floats:
    """Each point's distance to the nearest triangle (exact: to the plane when the point projects
    inside the triangle, else to the nearest side)."""
    tri, normal, side, ok = f.tri, f.tri_normal, f.tri_side, f.tri_ok
    out = np.full(len(points), np.inf)
    step = max(1, CHUNK // max(1, len(tri)))
    for start in range(0, len(points), step):
        p = points[start:start + step]
        rel = p[:, None, :] - tri[None, :, 0, :]
        plane = np.abs(np.einsum("pij,ij->pi", rel, normal))
        inside = np.repeat(ok[None, :], len(p), axis=0)
        for k in range(3):
            inside &= np.einsum("pij,ij->pi", p[:, None, :] - tri[None, :, k, :], side[:, k, :]) >= 0
        edges = np.min(np.stack([_segment_distance(p, tri[:, k], tri[:, (k + 1) % 3]) for k in range(3)]), axis=0)
        out[start:start + step] = np.min(np.where(inside, plane, edges), axis=1)
    return out


def _subdivision(n: int) -> Floats:
    """Barycentric coordinates (k, 3) of the centres of the n x n sub-triangles of a triangle."""
    found = []
    for a in range(n):
        for b in range(n - a):
            found.append(((a + 1 / 3) / n, (b + 1 / 3) / n))
            if a + b < n - 1:
                found.append(((a + 2 / 3) / n, (b + 2 / 3) / n))
    ab = np.array(found)
    return np.column_stack([ab, 1 - ab.sum(axis=1)])


SUBDIVISION = _subdivision(SPLIT)


def _samples(box: Floats, f: intersections.Faces, depth: float) -> Points:
    """Cell centres of a grid over ``box``, and points spread over each triangle (the centres of
    its SPLIT x SPLIT sub-triangles) moved ``depth`` inside its solid (the normals of a valid
    solid's exterior shell point outwards, an interior shell's inwards): those in ``box``."""
    axes = [lo + (np.arange(GRID) + 0.5) * (hi - lo) / GRID for lo, hi in zip(box[0], box[1], strict=True)]
    grid = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, 3)
    tri, normal = f.tri[f.tri_ok], f.tri_normal[f.tri_ok]
    spread = np.einsum("kc,tcd->tkd", SUBDIVISION, tri) - depth * normal[:, None, :]
    spread = spread.reshape(-1, 3)
    keep = np.all((spread >= box[0]) & (spread <= box[1]), axis=1)
    return np.concatenate([grid, spread[keep]])


def overlaps(first: Primitive, second: Primitive, space: Space, overlap: float, box: Floats) -> bool | None:
    """Whether the interiors of two valid solids share volume deeper than ``overlap`` (``box``:
    their :func:`shared_box`); None when they have too many polygons to compare."""
    built = intersections.solid3d([first.polygons, second.polygons], space.snapped, space.ids, space.coords,
                                  solids.CONTACT)
    if built is None:
        return None
    if overlap == 0 and any(c.piercing for c in built.contacts):
        return True
    shell = np.array(built.f.face_shell)[built.f.tri_face]
    parts = [_part(built.f, shell == s) for s in (0, 1)]
    points = np.concatenate([_samples(box, part, overlap + INSET) for part in parts])
    for start in range(0, len(points), BATCH):  # most overlaps show in the first batch: stop there
        batch = points[start:start + BATCH]
        for part in parts:
            batch = batch[_winding(batch, part.tri) > 0.5]
        for part in parts:
            batch = batch[_distance(batch, part) > overlap + solids.CONTACT]
        if len(batch):
            return True
    return False


def _part(f: intersections.Faces, mask: Flags) -> intersections.Faces:
    return intersections.Faces(f.tri[mask], f.tri_face[mask], f.edge[:0], f.edge_ids[:0], f.edge_face[:0])


def validate(data: JsonObject, tol: solids.Tolerances, overlap: float = 0.0,
             solid_report: val3dity.Report | None = None) -> PartsReport:
    """val3dity's 601 over every Building of a CityJSON file (its own and its BuildingParts'
    solids, LoD by LoD) whose primitives are all valid; ``solid_report``: :func:`solids.validate`'s
    report of the file at ``tol`` (up to level 5) where the run has it already."""
    report = PartsReport()
    objects = city_objects(data)
    report.no_geometry = sum(1 for obj in objects.values() if isinstance(obj, dict) and not obj.get("geometry"))
    points = real_vertices(data)
    if not snappable(points, tol.snap):
        return report  # as solids.validate: the case records the file not judged (cityjson.unplaced)
    space = snapped_space(points, tol.snap)

    def candidates() -> Iterator[Candidate]:

        """(key, members, groups) of each Building with two or more solids at one LoD."""
        for key, obj in objects.items():
            if not isinstance(obj, dict) or obj.get("type") != "Building":
                continue
            children = obj.get("children")
            children = children if isinstance(children, list) else []
            members = [key] + [c for c in children if isinstance(c, str) and _is_part(objects.get(c))]
            prims: list[Primitive] = []
            formed = True
            for member in members:
                found, ok = _primitives(member, objects[member], len(points))
                prims, formed = prims + found, formed and ok
            by_lod: dict[str, list[Primitive]] = {}
            for prim in prims:
                by_lod.setdefault(prim.lod, []).append(prim)
            groups = [group for group in by_lod.values() if len(group) > 1]
            if formed and groups:
                yield key, members, groups

    if solid_report is not None:
        # the whole file's report names the invalid geometries: the Buildings are judged as they
        # come, one Building's solids held at a time (a lean model's City Objects are not all held)
        invalid = _invalid_geometries(data, tol, solid_report)
        buildings: Iterable[Candidate] = candidates()
    else:
        buildings = list(candidates())
        # only the Buildings with something to compare are validated level by level (1xx-5xx)
        subset = {member: objects[member] for _, members, _ in buildings for member in members}
        invalid = set() if not subset else _invalid_geometries({**data, "CityObjects": subset}, tol, None)
    budget = MAX_PAIRS
    within = _within_budget(objects, solid_report)
    with np.errstate(all="ignore"):
        for key, members, groups in buildings:
            if within is not None and not all(within(member) for member in members):
                # a geometry past the budget was not judged valid: the Building is not compared (recorded)
                report.past_budget_at.append(city_object_pointer(key))
                continue
            bases = [f"{city_object_pointer(member)}/geometry/" for member in members]
            if any(p.startswith(base) for p in invalid for base in bases):
                # val3dity judges 601 only where every primitive is valid: SC-CITY-007..012's
                # finding leaves this Building unjudged here (recorded, not passed over)
                report.invalid_at.append(city_object_pointer(key))
                continue
            report.judged += 1
            for group in groups:
                for i, first in enumerate(group):
                    for second in group[i + 1:]:
                        box = shared_box(first, second, space.snapped, overlap)
                        if box is None:
                            continue
                        if budget <= 0:
                            report.skip(city_object_pointer(key))
                            continue
                        budget -= 1
                        met = overlaps(first, second, space, overlap, box)
                        if met is None:
                            report.skip(city_object_pointer(key))
                        elif met:
                            report.errors.append(val3dity.Error(
                                601, city_object_pointer(key),
                                f"{first.pointer} & {second.pointer} (LoD {first.lod})"))
    return report
