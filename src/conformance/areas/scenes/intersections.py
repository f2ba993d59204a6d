"""3D intersection tests between the polygons of shells and solids, for val3dity's classes
that need them (https://val3dity.readthedocs.io/en/latest/errors/):

* 306 SHELL_SELF_INTERSECTION: two polygons of one shell meet other than along the edges and
  vertices they share;
* 401 INTERSECTION_SHELLS: two shells of a solid cross, or share (part of) a face;
* 403 INNER_SHELL_OUTSIDE: an interior shell lies completely outside the exterior shell;
* 404 SOLID_INTERIOR_DISCONNECTED: interior shells touch the exterior shell or each other along
  a closed loop, which cuts the solid's interior in two;
* 501 INTERSECTION_SOLIDS, 502 DUPLICATED_SOLIDS, 503 DISCONNECTED_SOLIDS between the solids of
  a CompositeSolid.

Everything is decided on the snapped vertices (:mod:`.solids`) with NumPy, exactly up to a
length tolerance (the snap tolerance): each polygon is triangulated in its fitted plane
(constrained Delaunay triangulation of GEOS through shapely, no new vertices), and every edge of
one polygon is tested against the triangles of another. A contact is a point where an edge
meets a triangle. Contacts at vertices both polygons share are the shell's topology, not an
intersection. Two polygons that share no vertex must have no contact at all.

Pair tests are quadratic, so every test first compares axis-aligned bounding boxes, and a shell
or solid with more than :data:`MAX_POLYGONS` polygons is not tested (the evidence says so): a
pathological file is a finding of size, not a hang.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

from .boundaries import Flags, Floats, Indices, Points, Shell


MAX_POLYGONS = 1000  # polygons of a shell (or of all shells of a solid) tested pairwise: about 2 s of CPU at worst


@dataclass
class Faces:
    """The polygons of one or more shells as triangles and edges, with bounding boxes.

    ``tri`` (t, 3, 3) triangle corners; ``tri_face`` the polygon of each triangle; ``edge``
    (e, 2, 3) the rings' edges and ``edge_ids`` (e, 2) their snapped vertex ids;
    ``edge_face`` the polygon of each edge; ``face_ids`` each polygon's snapped vertex ids;
    ``face_shell`` the shell of each polygon."""
    tri: Floats
    tri_face: Indices
    edge: Floats
    edge_ids: Indices
    edge_face: Indices
    face_ids: list[frozenset[int]] = field(default_factory=list)
    face_shell: list[int] = field(default_factory=list)
    face_box: Floats = field(default_factory=lambda: np.zeros((0, 2, 3)))
    tri_normal: Floats = field(init=False)  # unit normal of each triangle
    tri_side: Floats = field(init=False)  # (t, 3, 3): unit in-plane normals of each triangle's sides, pointing inwards
    tri_ok: Flags = field(init=False)  # the triangle has an area

    def __post_init__(self) -> None:
        a, b, c = self.tri[:, 0], self.tri[:, 1], self.tri[:, 2]
        normal = np.cross(b - a, c - a)
        size = np.linalg.norm(normal, axis=1)
        self.tri_ok = size > 0
        self.tri_normal = normal / np.where(self.tri_ok, size, 1.0)[:, None]
        sides = []
        for s, e in ((a, b), (b, c), (c, a)):
            side = np.cross(self.tri_normal, e - s)
            length = np.linalg.norm(side, axis=1)
            sides.append(side / np.where(length > 0, length, 1.0)[:, None])
        self.tri_side = np.stack(sides, axis=1)


def _triangles(points: object, rings: list[Points]) -> list[Points]:
    """Triangles (as 3 x 3 corner arrays) of one valid polygon: a constrained Delaunay
    triangulation of the polygon projected on its least-squares plane, lifted back to the
    polygon's own 3D vertices. (The triangles' corners are read from GEOS at once and matched
    as plain floats: per-triangle geometry objects cost more than the triangulation.)"""
    every = np.concatenate(rings)
    centre = every.mean(axis=0)
    _, _, vt = np.linalg.svd(every - centre)
    flat = [(ring - centre) @ vt[:2].T for ring in rings]
    # the last ring vertex at a projected place wins, as a dict built vertex by vertex keeps it
    index = {key: i for i, key in enumerate((round(x, 9), round(y, 9)) for x, y in np.concatenate(flat).tolist())}
    polygon = shapely.Polygon(flat[0], flat[1:])
    outer = rings[0]
    facing = np.cross(outer, np.roll(outer, -1, axis=0)).sum(axis=0)  # Newell: the polygon's orientation
    try:
        triangulated = shapely.constrained_delaunay_triangles(polygon)
    except shapely.errors.GEOSException:  # rings GEOS cannot join (the 2xx checks say why)
        return []
    corners = shapely.get_coordinates(triangulated).tolist()
    found: list[Points] = []
    for t in range(0, len(corners), 4):  # each triangle's closed ring: 4 coordinates
        lifted = [index.get((round(x, 9), round(y, 9))) for x, y in corners[t:t + 3]]
        if all(i is not None for i in lifted):
            a, b, c = (every[i] for i in lifted)
            # keep the polygon's orientation (the winding number and 405 depend on it)
            found.append(np.array([a, b, c] if np.dot(np.cross(b - a, c - a), facing) >= 0 else [a, c, b]))
    return found


def normals_deviation(rings: list[Points]) -> float:
    """val3dity's 204 measure: the largest angle (degrees) between the normal of the first
    triangle of the polygon's triangulation and that of any other (0 when it has one triangle or
    cannot be triangulated). Small folds within the planarity distance show here."""
    normals = []
    for a, b, c in _triangles(None, rings):
        n = np.cross(b - a, c - a)
        size = float(np.linalg.norm(n))
        if size > 0:
            normals.append(n / size)
    if len(normals) < 2:
        return 0.0
    first, rest = normals[0], np.array(normals[1:])
    angles = np.arctan2(np.linalg.norm(np.cross(first, rest), axis=1), rest @ first)
    return float(np.degrees(angles.max()))


def faces(shells: list[Shell], points: Points, ids: Indices) -> Faces | None:
    """:class:`Faces` of the shells (lists of polygons of rings of vertex indices), or None when
    they have more than :data:`MAX_POLYGONS` polygons."""
    if sum(len(shell) for shell in shells) > MAX_POLYGONS:
        return None
    tri: list[Points] = []
    tri_face: list[int] = []
    face_ids: list[frozenset[int]] = []
    face_shell: list[int] = []
    starts: list[int] = []  # each edge's first vertex, then (below) its second, ring by ring
    ends: list[int] = []
    edge_face: list[int] = []
    boxes: list[list[Floats]] = []
    for s, shell in enumerate(shells):
        for rings in shell:
            f = len(face_ids)
            every = [v for ring in rings for v in ring]
            face_ids.append(frozenset(ids[every].tolist()))
            face_shell.append(s)
            corners = points[every]
            boxes.append([corners.min(axis=0), corners.max(axis=0)])
            for triangle in _triangles(points, [points[ring] for ring in rings]):
                tri.append(triangle)
                tri_face.append(f)
            for ring in rings:
                starts.extend(ring)
                ends.extend(ring[1:] + ring[:1])
                edge_face.extend([f] * len(ring))
    tri_a = np.array(tri).reshape(-1, 3, 3)
    edge = np.stack([points[starts], points[ends]], axis=1).reshape(-1, 2, 3)
    edge_ids = np.stack([ids[starts], ids[ends]], axis=1).astype(np.int64).reshape(-1, 2)
    return Faces(tri_a, np.array(tri_face, dtype=np.int64), edge, edge_ids, np.array(edge_face, dtype=np.int64),
                 face_ids, face_shell, np.array(boxes).reshape(-1, 2, 3))


@dataclass(frozen=True)
class Contact:
    """Where an edge of polygon ``edge_face`` meets a triangle of polygon ``face``: a point, or
    the two ends of the part of the edge lying in the triangle (``in_plane``). ``piercing``: the
    edge passes through the triangle's inside, away from the edge's ends and the triangle's sides."""
    edge: int
    edge_face: int
    face: int
    points: tuple[Floats, ...]
    in_plane: bool
    piercing: bool


def _in_plane_overlap(p: Floats, q: Floats, tri: Floats, normal: Floats) -> list[Floats]:
    """The ends of the part of segment pq (lying in the triangle's plane) inside the triangle."""
    a = tri[0]
    u = (tri[1] - a) / np.linalg.norm(tri[1] - a)
    v = np.cross(normal, u)
    frame = np.array([u, v]).T
    flat = shapely.Polygon([tuple((corner - a) @ frame) for corner in tri])
    part = flat.intersection(shapely.LineString([tuple((p - a) @ frame), tuple((q - a) @ frame)]))
    coords = [xy for g in shapely.get_parts(part) for xy in getattr(g, "coords", [])]
    return [a + x * u + y * v for x, y in coords]


EDGE_BLOCK = 256  # edges tested against all triangles at once (a block's arrays: edges x triangles)


def contacts(f: Faces, pairs: Flags, tol: float, coords: Points) -> list[Contact]:
    """Contacts of every edge with the triangles of the polygons ``pairs`` (a boolean matrix of
    polygon pairs) allows, except where the two polygons meet at a vertex or along an edge they
    share (``coords``: a point of each snapped vertex id). The box, plane and side tests run on
    every (edge, triangle) candidate of a block of edges at once, each row with the arithmetic of
    one edge against one triangle; only the few that meet are looked at one by one, edge by edge
    and triangle by triangle in order."""
    found: list[Contact] = []
    if not len(f.edge) or not len(f.tri):
        return found
    lo_t, hi_t = f.tri.min(axis=1), f.tri.max(axis=1)  # each triangle's own box
    a_all = f.tri[:, 0]
    allowed = pairs[:, f.tri_face] & f.tri_ok  # polygon -> the triangles its edges are tested against
    for first in range(0, len(f.edge), EDGE_BLOCK):
        block = slice(first, first + EDGE_BLOCK)
        p_e, q_e = f.edge[block, 0], f.edge[block, 1]
        lo, hi = np.minimum(p_e, q_e) - tol, np.maximum(p_e, q_e) + tol
        near = allowed[f.edge_face[block]]
        for k in range(3):
            near &= (lo_t[None, :, k] <= hi[:, None, k]) & (hi_t[None, :, k] >= lo[:, None, k])
        rows, tris = np.nonzero(near)
        if not rows.size:
            continue
        p, q = p_e[rows], q_e[rows]
        tri, normal = f.tri[tris], f.tri_normal[tris]
        dp = np.einsum("ij,ij->i", p - a_all[tris], normal)
        dq = np.einsum("ij,ij->i", q - a_all[tris], normal)
        apart = ((dp > tol) & (dq > tol)) | ((dp < -tol) & (dq < -tol))
        flat = (np.abs(dp) <= tol) & (np.abs(dq) <= tol)
        cross = ~apart & ~flat
        denom = np.where(cross, dp - dq, 1.0)
        t = np.clip(np.where(cross, dp / denom, 0.0), 0.0, 1.0)
        x = p + t[:, None] * (q - p)
        margin = np.min(np.stack([np.einsum("ij,ij->i", x - tri[:, k], f.tri_side[tris, k]) for k in range(3)]),
                        axis=0)
        cross &= margin >= -tol
        lengths: dict[int, float] = {}
        for k in map(int, np.flatnonzero(cross | flat)):
            e, h = first + int(rows[k]), int(f.tri_face[tris[k]])
            g = int(f.edge_face[e])
            shared = f.face_ids[g] & f.face_ids[h]
            if int(f.edge_ids[e, 0]) in shared and int(f.edge_ids[e, 1]) in shared:
                continue  # an edge the two polygons share
            if e not in lengths:
                lengths[e] = float(np.linalg.norm(f.edge[e, 1] - f.edge[e, 0]))
            piercing = bool(cross[k]) and min(t[k], 1 - t[k]) * lengths[e] > tol and margin[k] > tol
            points = _in_plane_overlap(p[k], q[k], tri[k], normal[k]) if flat[k] else [x[k]]
            at_shared = [coords[v] for v in shared]
            points = [y for y in points if not any(np.linalg.norm(y - c) <= 2 * tol for c in at_shared)]
            if points:
                found.append(Contact(e, g, h, tuple(points), bool(flat[k]), piercing))
    return found


def box_pairs(boxes: Floats, tol: float) -> Flags:
    """Polygon pairs whose bounding boxes overlap (within ``tol``), a boolean matrix (one axis at
    a time: 4 MB for 2000 polygons)."""
    lo, hi = boxes[:, 0], boxes[:, 1]
    pairs = np.ones((len(boxes), len(boxes)), dtype=bool)
    for k in range(3):
        pairs &= (lo[:, None, k] <= hi[None, :, k] + tol) & (hi[:, None, k] >= lo[None, :, k] - tol)
    return pairs


def winding(point: Floats, tri: Floats) -> float:
    """The generalised winding number of a closed triangulated surface around ``point``: about 1
    inside a shell whose normals point outwards, 0 outside (sum of signed solid angles / 4 pi)."""
    a, b, c = (tri[:, i] - point for i in range(3))
    la, lb, lc = (np.linalg.norm(v, axis=1) for v in (a, b, c))
    det = np.einsum("ij,ij->i", a, np.cross(b, c))
    div = la * lb * lc + np.einsum("ij,ij->i", a, b) * lc + np.einsum("ij,ij->i", b, c) * la \
        + np.einsum("ij,ij->i", c, a) * lb
    return float(np.sum(2 * np.arctan2(det, div)) / (4 * np.pi))


def on_surface(x: Floats, tri: Floats, tol: float) -> bool:
    """``x`` lies on one of the triangles (within ``tol``)."""
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    normal = np.cross(b - a, c - a)
    size = np.linalg.norm(normal, axis=1)
    ok = size > 0
    normal[ok] /= size[ok, None]
    close = ok & (np.abs(np.einsum("ij,ij->i", x - a, normal)) <= tol)
    for s, e in ((a, b), (b, c), (c, a)):
        side = np.cross(normal, e - s)
        length = np.linalg.norm(side, axis=1)
        length[length == 0] = 1
        close &= np.einsum("ij,ij->i", x - s, side / length[:, None]) >= -tol
    return bool(np.any(close))


def place(x: Floats, tri: Floats, tol: float) -> str:
    """``on`` the closed surface of triangles ``tri``, ``inside`` or ``outside`` it (by the
    winding number, whatever the surface's orientation)."""
    if on_surface(x, tri, tol):
        return "on"
    return "inside" if abs(winding(x, tri)) > 0.5 else "outside"


@dataclass
class Solid3D:
    """The triangles, edges and contacts of a solid's shells (or of a CompositeSolid's solids:
    then each "shell" is a solid's exterior shell)."""
    f: Faces
    contacts: list[Contact]
    tol: float

    def tris(self, s: int) -> Floats:
        return self.f.tri[np.array(self.f.face_shell)[self.f.tri_face] == s]

    def samples(self, s: int) -> Floats:
        """Points of part ``s`` that are not on its own boundary curves: its triangles' centroids."""
        return self.tris(s).mean(axis=1)

    def between(self, s: int, t: int) -> list[Contact]:
        shell = self.f.face_shell
        return [c for c in self.contacts if {shell[c.edge_face], shell[c.face]} == {s, t}]

    def places(self, s: int, t: int) -> set[str]:
        """Where the samples of part ``s`` are relative to part ``t``."""
        tri = self.tris(t)
        return {place(x, tri, self.tol) for x in self.samples(s)}


def solid3d(parts: list[Shell], points: Points, ids: Indices, coords: Points, tol: float) -> Solid3D | None:
    """Contacts between different parts (shells) only; None when too many polygons."""
    f = faces(parts, points, ids)
    if f is None:
        return None
    shell = np.array(f.face_shell)
    pairs = box_pairs(f.face_box, tol) & (shell[:, None] != shell[None, :])
    return Solid3D(f, contacts(f, pairs, tol, coords), tol)


def self_intersections(shell: Shell, points: Points, ids: Indices, coords: Points, tol: float) -> list[Contact] | None:
    """Contacts between the polygons of one shell (val3dity 306), None when too many polygons."""
    f = faces([shell], points, ids)
    if f is None:
        return None
    pairs = box_pairs(f.face_box, tol) & ~np.eye(len(f.face_ids), dtype=bool)
    return contacts(f, pairs, tol, coords)


def shell_relations(s: Solid3D, count: int) -> list[tuple[int, int, str]]:
    """val3dity's 401, 403 and 404 for a solid of ``count`` shells (the exterior first), as
    (code, shell, detail)."""
    errors: list[tuple[int, int, str]] = []
    for i in range(1, count):
        touching = s.between(i, 0)
        where = s.places(i, 0)
        if any(c.piercing for c in touching) or "on" in where or where == {"inside", "outside"}:
            errors.append((401, i, "0"))
        elif where == {"outside"}:
            encloses = s.places(0, i) != {"outside"}  # the exterior inside the interior shell: they nest
            errors.append((401, i, "0") if touching or encloses else (403, i, ""))
        for j in range(i + 1, count):
            if any(c.piercing for c in s.between(i, j)) or s.places(i, j) - {"outside"} \
                    or s.places(j, i) - {"outside"}:
                errors.append((401, i, str(j)))
    if errors:
        return errors
    loop = _contact_loop(s)
    return [(404, loop, "")] if loop is not None else []


def _contact_loop(s: Solid3D) -> int | None:
    """The shell whose contact curves with another shell close a loop (the loop cuts the solid's
    interior in two), else None. The curves are the parts of a later shell's edges lying on an
    earlier shell's polygons, merged along each edge."""
    shell = s.f.face_shell
    spans: dict[int, list[tuple[float, float]]] = {}
    for c in s.contacts:
        if c.in_plane and len(c.points) >= 2 and shell[c.edge_face] > shell[c.face]:
            p, q = s.f.edge[c.edge]
            d = q - p
            ts = sorted(float(np.dot(x - p, d) / np.dot(d, d)) for x in c.points)
            spans.setdefault(c.edge, []).append((ts[0], ts[-1]))
    parent: dict[Node, Node] = {}

    def find(x: Node) -> Node:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for e, parts in spans.items():
        p, q = s.f.edge[e]
        length = float(np.linalg.norm(q - p))
        merged: list[list[float]] = []
        for lo, hi in sorted(parts):
            if merged and lo <= merged[-1][1] + s.tol / length:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        for lo, hi in merged:
            if (hi - lo) * length <= s.tol:
                continue
            ends = [_node(s, e, t, length) for t in (lo, hi)]
            a, b = find(ends[0]), find(ends[1])
            if a == b:
                return int(shell[s.f.edge_face[e]])
            parent[a] = b
    return None


#: a contact curve's end: ("v", a snapped vertex id) or ("p", the grid cell of a point on an edge)
Node = tuple[str | int, ...]


def _node(s: Solid3D, e: int, t: float, length: float) -> Node:
    """A contact curve's end: the edge's vertex when it is there, else the point on a grid."""
    if t * length <= s.tol:
        return ("v", int(s.f.edge_ids[e, 0]))
    if (1 - t) * length <= s.tol:
        return ("v", int(s.f.edge_ids[e, 1]))
    p, q = s.f.edge[e]
    return ("p", *np.round((p + t * (q - p)) / (10 * s.tol)).astype(np.int64).tolist())


def composite_relations(s: Solid3D, count: int, keys: list[frozenset[frozenset[int]]]) -> list[tuple[int, int, str]]:

    """val3dity's 501, 502 and 503 for the ``count`` solids of a CompositeSolid (``s`` built on
    their exterior shells; ``keys`` each solid's polygons as sets of snapped vertex ids)."""
    errors: list[tuple[int, int, str]] = []
    for i in range(count):
        if keys[i] in keys[:i]:
            errors.append((502, i, str(keys.index(keys[i]))))
    if errors:
        return errors
    joined = list(range(count))
    for i in range(count):
        for j in range(i + 1, count):
            touching = s.between(i, j)
            if any(c.piercing for c in touching) or "inside" in s.places(i, j) or "inside" in s.places(j, i):
                errors.append((501, i, str(j)))
            shared = set().union(*(s.f.face_ids[f] for f in range(len(s.f.face_ids)) if s.f.face_shell[f] == i)) \
                & set().union(*(s.f.face_ids[f] for f in range(len(s.f.face_ids)) if s.f.face_shell[f] == j))
            if touching or shared:
                a, b = joined[i], joined[j]
                joined = [a if x == b else x for x in joined]
    if errors:
        return errors
    return [(503, 0, str(len(set(joined))))] if len(set(joined)) > 1 else []
