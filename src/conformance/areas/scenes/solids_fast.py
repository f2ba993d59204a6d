"""Certificates that let :mod:`.solids` skip its exact per-polygon and per-shell tests where
the answer is known to be "no error", with margins far above rounding: what a certificate
cannot prove goes through the exact tests, so a report is the same with or without them
(tests/areas/scenes/test_generate.py compares the two over every fixture and generated model).
The layer below :mod:`.solids`: NumPy kernels over vertex arrays and boundary lists, importing
nothing from it (its names below say which exact test a certificate stands in for).

* :func:`clean_rings`: single-ring polygons, all at once, strictly convex in their fitted plane
  (so simple, with an area, no two vertices folded onto one place), within the planarity
  distance, and with every triangle any triangulation could make (each a triple of its vertices)
  within half the normals tolerance of the polygon's normal: val3dity's 101-104, 203 and 204
  cannot hold, and 2xx of rings do not apply to one ring.
* :func:`separated`: a shell whose every vertex lies clearly on one side of the plane of every
  vertex triple of each polygon it is not part of, and on that plane when it is: no edge of one
  polygon can meet another polygon other than at the vertices they share (val3dity 306 cannot
  hold; the exact test would find no contact).
"""

from __future__ import annotations

import math
from functools import cache
from itertools import chain, combinations

import numpy as np
import numpy.typing as npt

from .boundaries import Flags, Indices, Points, Ring, Shell

MAX_RING = 12  # vertices of a ring proven at once (C(12, 3) = 220 vertex triples)


@cache
def _triples(k: int) -> Indices:
    t = np.array(list(combinations(range(k), 3)), dtype=np.int64).reshape(-1, 3)
    t.flags.writeable = False  # shared by every caller
    return t


def cross(a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """``np.cross`` of 3-vectors along the last axis: the same products and differences (the same
    bits) without its axis handling, which costs more than the arithmetic on a ring's vertices."""
    return np.stack([a[..., 1] * b[..., 2] - a[..., 2] * b[..., 1], a[..., 2] * b[..., 0] - a[..., 0] * b[..., 2],
                     a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]], axis=-1)


def clean_rings(rings: list[tuple[int, ...]], points: Points, ids: Indices, snap: float, planarity: float,
                normals: float) -> set[tuple[int, ...]]:
    """The rings (single-ring polygons, vertex indices into ``points``, the real-world vertices;
    ``ids`` the snapped identity of each) proven valid at levels 1 and 2."""
    by_size: dict[int, list[tuple[int, ...]]] = {}
    for ring in rings:
        if 3 <= len(ring) <= MAX_RING:
            by_size.setdefault(len(ring), []).append(ring)
    clean: set[tuple[int, ...]] = set()
    for k, group in by_size.items():
        index = np.array(group, dtype=np.int64)
        ring_ids = ids[index]
        ok = ~np.any(ring_ids == np.roll(ring_ids, -1, axis=1), axis=1)  # 102
        rel = points[index] - points[index].mean(axis=1, keepdims=True)
        if not np.all(np.isfinite(rel)):
            continue
        _, _, vt = np.linalg.svd(rel)
        ok &= np.abs(np.einsum("mkj,mj->mk", rel, vt[:, 2])).max(axis=1) < planarity - 1e-6  # 203
        xy = np.einsum("mkj,mij->mki", rel, vt[:, :2])
        edge = np.roll(xy, -1, axis=1) - xy
        to = xy[:, None, :, :] - xy[:, :, None, :]  # [m, i, j]: vertex j seen from vertex i
        side = edge[:, :, None, 0] * to[..., 1] - edge[:, :, None, 1] * to[..., 0]
        i, j = np.meshgrid(np.arange(k), np.arange(k), indexing="ij")
        other = (j != i) & (j != (i + 1) % k)  # vertices not on edge i
        eps = 1e-8 * np.max(np.einsum("mkj,mkj->mk", edge, edge), axis=1)[:, None, None]
        ok &= np.all(np.where(other, side > eps, True), axis=(1, 2)) | np.all(np.where(other, side < -eps, True),
                                                                            axis=(1, 2))  # 104, strictly convex
        gap = np.sqrt(np.einsum("mijc,mijc->mij", to, to)) + np.where(np.eye(k, dtype=bool), np.inf, 0.0)
        ok &= gap.min(axis=(1, 2)) > snap * (1 + 1e-6) + 1e-9  # 104: no two vertices at one place
        if k > 3:  # 204 (one triangle has no deviation)
            facing = cross(rel, np.roll(rel, -1, axis=1)).sum(axis=1)
            t = _triples(k)
            a, b, c = rel[:, t[:, 0]], rel[:, t[:, 1]], rel[:, t[:, 2]]
            n = cross(b - a, c - a)
            along = np.einsum("mtj,mj->mt", n, facing)
            across = np.linalg.norm(cross(n, facing[:, None, :]), axis=2)
            ok &= np.all(np.degrees(np.arctan2(across, along)) < normals / 2 - 1e-6, axis=1)
        clean.update(group[m] for m in np.flatnonzero(ok))
    return clean


def separated(shell: Shell, snapped: Points, ids: Indices, contact: float) -> bool:
    """Whether no polygon of ``shell`` can meet another one except at the vertices they share
    (``snapped``: each vertex on its snapped place; ``contact``: the exact test's tolerance)."""
    if any(len(rings) != 1 or not 3 <= len(rings[0]) <= MAX_RING for rings in shell):
        return False
    rings = [rings[0] for rings in shell]
    every = [v for ring in rings for v in ring]
    vertex_ids, first = np.unique(ids[every], return_index=True)
    where = snapped[np.asarray(every)[first]]  # a point of each snapped vertex of the shell
    starts = snapped[every]
    ends = snapped[[v for ring in rings for v in ring[1:] + ring[:1]]]
    longest = float(np.sqrt(np.max(np.einsum("ij,ij->i", ends - starts, ends - starts))))
    # each ring's own snapped vertices (a row of flags over vertex_ids), and the corners of every
    # vertex triple of each ring, ring by ring in combinations' order
    lengths = np.array([len(ring) for ring in rings])
    own = np.zeros((len(rings), len(vertex_ids)), dtype=bool)
    own[np.repeat(np.arange(len(rings)), lengths), np.searchsorted(vertex_ids, ids[every])] = True
    if np.all(lengths == lengths[0]):
        triples = _triples(int(lengths[0]))
        index = np.asarray(rings)[:, triples].reshape(-1, 3)
        which = np.repeat(np.arange(len(rings)), len(triples))
    else:
        index = np.concatenate([np.asarray(ring)[_triples(len(ring))] for ring in rings])
        which = np.repeat(np.arange(len(rings)), [len(_triples(len(ring))) for ring in rings])
    tri, members = snapped[index], own[which]
    n = cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    size = np.linalg.norm(n, axis=1)
    if np.any(size <= 1e-12 * max(longest, 1.0) ** 2):
        return False  # a degenerate triple: its plane says nothing
    d = np.einsum("tvj,tj->tv", where[None, :, :] - tri[:, None, 0, :], n / size[:, None])
    inside = np.where(members, np.abs(d), 0.0).max(axis=1)  # a polygon's own vertices: on the triple's plane
    outside = np.where(members, np.inf, np.abs(d)).min(axis=1)
    one_side = np.all(np.where(members, True, d > 0), axis=1) | np.all(np.where(members, True, d < 0), axis=1)
    # an edge from a vertex on the plane (at most ``inside`` off) to one ``outside`` away meets it
    # within inside / (outside - inside) of its length from that shared vertex: within the contact
    # tolerance, where the exact test sets such a point aside as the shared vertex
    reach = inside / np.maximum(outside - inside, 1e-300) * longest
    return bool(np.all(one_side) and np.all(outside > 10 * contact) and np.all(reach < contact / 2))


def _planes(rings: list[Ring], snapped: Points) -> tuple[Points, Points]:
    """A point and unit normal of the plane of every non-degenerate vertex triple of each ring."""
    corners = np.array([snapped[[ring[t[0]], ring[t[1]], ring[t[2]]]] for ring in rings for t in _triples(len(ring))])
    n = cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    size = np.linalg.norm(n, axis=1)
    scale = np.max(np.abs(corners - corners[:, :1]), axis=(1, 2)) ** 2
    keep = size > 1e-9 * np.maximum(scale, 1e-12)
    return corners[keep, 0], n[keep] / size[keep, None]


def composite_links(shells: list[Shell], snapped: Points, ids: Indices,
                    contact: float) -> dict[tuple[int, int], bool] | None:
    """For the exterior shells of a CompositeSolid's solids: whether each pair is linked (shares
    a snapped vertex), where every pair is proven apart but for its surface (a plane of one of
    their polygons has one solid on each side: no edge pierces the other, no point of one lies
    inside the other) and each unlinked pair is proven not to touch (a gap of ten times the
    contact tolerance). None when something cannot be proven: the exact test decides."""
    if any(len(rings) != 1 or not 3 <= len(rings[0]) <= MAX_RING for shell in shells for rings in shell):
        return None
    rings = [[rings[0] for rings in shell] for shell in shells]
    vertex_ids = [set(ids[[v for ring in part for v in ring]].tolist()) for part in rings]
    where = [snapped[[v for ring in part for v in ring]] for part in rings]
    planes = [_planes(part, snapped) for part in rings]
    slack = contact / 100
    links: dict[tuple[int, int], bool] = {}
    for i in range(len(shells)):
        for j in range(i + 1, len(shells)):
            best = -np.inf
            for origin, normal in (planes[i], planes[j]):
                if not len(origin):
                    continue
                d_i = np.einsum("pvj,pj->pv", where[i][None, :, :] - origin[:, None, :], normal)
                d_j = np.einsum("pvj,pj->pv", where[j][None, :, :] - origin[:, None, :], normal)
                low = np.where((d_i.max(axis=1) <= slack) & (d_j.min(axis=1) >= -slack),
                               d_j.min(axis=1) - d_i.max(axis=1), -np.inf)
                high = np.where((d_i.min(axis=1) >= -slack) & (d_j.max(axis=1) <= slack),
                                d_i.min(axis=1) - d_j.max(axis=1), -np.inf)
                best = max(best, float(low.max()), float(high.max()))
            if best == -np.inf:
                return None  # no plane of theirs keeps them apart
            linked = bool(vertex_ids[i] & vertex_ids[j])
            if not linked and best <= 10 * contact:
                return None  # touching without a shared vertex, perhaps: the contacts decide
            links[(i, j)] = linked
    return links


#: rounds of label spreading over a shell's polygons before the exact test is left to decide
SPREAD = 24


def closed_manifold(shell: Shell, ids: Indices) -> bool:
    """Whether a shell of single-ring polygons (``ids``: each vertex's snapped identity) is shown
    to have none of val3dity's topology errors 301, 302, 303, 305 and 307, as
    :func:`.solids.shell_errors` decides them: at least four polygons, no ring visiting a vertex
    twice, every directed edge used once and its reverse once (each edge shared by exactly two
    polygons, in opposite directions: no hole, no edge of three or more polygons, no flip), the
    polygons around each vertex one cycle (one umbrella: not pinched), and the polygons one
    connected part. False when any of this is not shown: the exact test decides."""
    if len(shell) < 4 or any(len(rings) != 1 for rings in shell):
        return False
    rings = [ids[rings[0]] for rings in shell]
    lengths = np.array([len(ring) for ring in rings])
    if np.any(lengths < 3):
        return False
    here = np.concatenate(rings).astype(np.int64)
    face = np.repeat(np.arange(len(rings)), lengths)
    ring_start = np.repeat(np.cumsum(lengths) - lengths, lengths)
    nxt = ring_start + (np.arange(len(here)) - ring_start + 1) % np.repeat(lengths, lengths)
    if any(len(np.unique(ring)) != len(ring) for ring in rings):
        return False
    big = int(here.max()) + 1
    code = here * big + here[nxt]
    order = np.argsort(code, kind="stable")
    ordered = code[order]
    if np.any(ordered[1:] == ordered[:-1]):
        return False  # a directed edge used twice: 307 or 303
    reverse = here[nxt] * big + here
    at = np.searchsorted(ordered, reverse)
    if np.any(at >= len(ordered)) or np.any(ordered[np.minimum(at, len(ordered) - 1)] != reverse):
        return False  # an edge without its reverse: a hole (302) or a flip (307)
    partner = order[at]  # the corner whose outgoing edge is this corner's outgoing edge reversed
    sigma = nxt[partner]  # the same vertex's corner in the polygon across that edge
    degree = np.bincount(here, minlength=big)[here]
    current, back = sigma.copy(), np.zeros(len(here), dtype=np.int64)
    for step in range(1, int(degree.max()) + 1):
        back[(back == 0) & (current == np.arange(len(here)))] = step
        current = sigma[current]
    if np.any(back != degree):
        return False  # the polygons around a vertex form more than one umbrella (303)
    label = np.arange(len(rings))
    for _ in range(SPREAD):
        spread = label.copy()
        np.minimum.at(spread, face, label[face[partner]])
        if np.array_equal(spread, label):
            return bool(np.all(label == 0))  # 305 when more than one part
        label = spread
    return False


def volume_sign(shell: Shell, points: Points, centre: Points) -> int:
    """The sign of :func:`.solids.signed_volume` of ``shell`` (+1 or -1) where it is beyond doubt:
    the same fan of triangles summed with NumPy, its size above a bound far over the rounding
    either sum can carry (each term's rounding is below a few units in the last place of the
    product of its three vectors' lengths); 0 when it is not: the exact sum decides."""
    by_size: dict[int, list[Ring]] = {}
    for rings in shell:
        for ring in rings:
            by_size.setdefault(len(ring), []).append(ring)
    total = bound = 0.0
    for k, group in by_size.items():
        if k < 3:
            continue
        p = points[np.asarray(group)] - centre
        fan = cross(p[:, 1:-1], p[:, 2:])
        total += float(np.einsum("rtj,rj->", fan, p[:, 0]))
        size = np.sqrt(np.einsum("rkj,rkj->rk", p, p))
        bound += float(np.sum(size[:, 1:-1] * size[:, 2:] * size[:, :1]))
    if not np.isfinite(total) or abs(total) <= 1e-9 * bound:
        return 0
    return 1 if total > 0 else -1


def closed_manifolds(shells: list[Shell], ids: Indices) -> Flags:
    """:func:`closed_manifold` of many shells at once (a bool each): the same tests over the
    concatenated corners of every shell, each shell's edges, umbrellas and parts kept apart by its
    number in the sort keys; per shell where those keys would not fit one int64."""
    result = np.zeros(len(shells), dtype=bool)
    picked = [i for i, shell in enumerate(shells)
              if len(shell) >= 4 and all(len(rings) == 1 and len(rings[0]) >= 3 for rings in shell)]
    if not picked:
        return result
    rings = [rings[0] for i in picked for rings in shells[i]]
    lengths = np.fromiter(map(len, rings), dtype=np.int64, count=len(rings))
    here = ids[np.fromiter(chain.from_iterable(rings), dtype=np.int64, count=int(lengths.sum()))].astype(np.int64)
    big = int(here.max()) + 1
    if float(len(picked)) * big * big >= 2.0 ** 62:
        result[picked] = [closed_manifold(shells[i], ids) for i in picked]
        return result
    n = len(here)
    ring_of = np.repeat(np.arange(len(rings)), lengths)
    shell_of_ring = np.repeat(np.arange(len(picked)), [len(shells[i]) for i in picked])
    shell_of = shell_of_ring[ring_of]
    ring_start = np.repeat(np.cumsum(lengths) - lengths, lengths)
    nxt = ring_start + (np.arange(n) - ring_start + 1) % lengths[ring_of]
    ok = np.ones(len(picked), dtype=bool)
    visits = np.sort(ring_of * big + here)
    ok[shell_of_ring[visits[1:][visits[1:] == visits[:-1]] // big]] = False  # a ring visiting a vertex twice
    code = (shell_of * big + here) * big + here[nxt]
    order = np.argsort(code, kind="stable")
    ordered = code[order]
    ok[shell_of[order[1:][ordered[1:] == ordered[:-1]]]] = False  # a directed edge used twice
    reverse = (shell_of * big + here[nxt]) * big + here
    at = np.minimum(np.searchsorted(ordered, reverse), n - 1)
    found = ordered[at] == reverse
    ok[shell_of[~found]] = False  # an edge without its reverse
    partner = np.where(found, order[at], np.arange(n))
    sigma = nxt[partner]
    _, where, counts = np.unique(shell_of * big + here, return_inverse=True, return_counts=True)
    degree = counts[where.reshape(-1)]
    current, back = sigma.copy(), np.zeros(n, dtype=np.int64)
    for step in range(1, int(degree.max()) + 1):
        back[(back == 0) & (current == np.arange(n))] = step
        current = sigma[current]
    ok[shell_of[back != degree]] = False  # more than one umbrella around a vertex
    face, across = ring_of, ring_of[partner]
    label = np.arange(len(rings))
    for _ in range(SPREAD):
        spread = label.copy()
        np.minimum.at(spread, face, label[across])
        moved = spread != label
        label = spread
        if not moved.any():
            break
    else:
        ok[shell_of_ring[moved]] = False  # not settled: the exact test decides
    first = (np.cumsum([len(shells[i]) for i in picked]) - [len(shells[i]) for i in picked])[shell_of_ring]
    ok[shell_of_ring[label != first]] = False  # more than one part
    result[picked] = ok
    return result


def separated_many(shells: list[Shell], snapped: Points, ids: Indices, contact: float) -> Flags:
    """:func:`separated` of many shells (a bool each): shells of the same ring lengths and number
    of snapped vertices (a city's boxes) are stacked and judged by the same arithmetic along a
    leading axis; any other shell on its own."""
    result = np.zeros(len(shells), dtype=bool)
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, shell in enumerate(shells):
        if all(len(rings) == 1 and 3 <= len(rings[0]) <= MAX_RING for rings in shell):
            groups.setdefault(tuple(len(rings[0]) for rings in shell), []).append(i)
    for lengths, members in groups.items():
        if len(members) == 1:
            result[members[0]] = separated(shells[members[0]], snapped, ids, contact)
            continue
        every = np.array([[v for rings in shells[i] for v in rings[0]] for i in members], dtype=np.int64)
        distinct = np.sort(ids[every], axis=1)
        count = 1 + np.count_nonzero(distinct[:, 1:] != distinct[:, :-1], axis=1)
        for size in np.unique(count):
            chosen = np.flatnonzero(count == size)
            result[np.asarray(members)[chosen]] = _separated_stack(every[chosen], lengths, int(size), snapped, ids,
                                                                   contact)
    return result


def _separated_stack(every: Indices, lengths: tuple[int, ...], size: int, snapped: Points, ids: Indices,
                     contact: float) -> Flags:
    """:func:`separated` of g shells of the same ring lengths and ``size`` snapped vertices each
    (``every``: g x corners, the vertex of each corner ring after ring)."""
    g, corners = every.shape
    starts_at = np.cumsum(lengths) - np.asarray(lengths)
    follow = np.concatenate([s + (np.arange(k) + 1) % k for s, k in zip(starts_at, lengths, strict=True)])
    key = np.arange(g)[:, None] * (int(ids.max()) + 1) + ids[every]
    _, first, inverse = np.unique(key.reshape(-1), return_index=True, return_inverse=True)
    where = snapped[every.reshape(-1)[first]].reshape(g, size, 3)  # a point of each snapped vertex, by id
    local = inverse.reshape(g, corners) - np.arange(g)[:, None] * size  # each corner's vertex among them
    starts, ends = snapped[every], snapped[every[:, follow]]
    longest = np.sqrt(np.max(np.einsum("gij,gij->gi", ends - starts, ends - starts), axis=1))
    ring = np.repeat(np.arange(len(lengths)), lengths)
    own = np.zeros((g, len(lengths), size), dtype=bool)
    own[np.arange(g)[:, None], ring[None, :], local] = True
    picks = np.concatenate([s + _triples(k) for s, k in zip(starts_at, lengths, strict=True)])
    which = np.repeat(np.arange(len(lengths)), [len(_triples(k)) for k in lengths])
    tri, members = snapped[every[:, picks]], own[:, which, :]  # g x t x 3 x 3, g x t x size
    n = cross(tri[:, :, 1] - tri[:, :, 0], tri[:, :, 2] - tri[:, :, 0])
    norm = np.linalg.norm(n, axis=2)
    fine = ~np.any(norm <= 1e-12 * np.maximum(longest, 1.0)[:, None] ** 2, axis=1)
    with np.errstate(all="ignore"):
        d = np.einsum("gtvj,gtj->gtv", where[:, None, :, :] - tri[:, :, None, 0, :], n / norm[..., None])
    inside = np.where(members, np.abs(d), 0.0).max(axis=2)
    outside = np.where(members, np.inf, np.abs(d)).min(axis=2)
    one_side = np.all(np.where(members, True, d > 0), axis=2) | np.all(np.where(members, True, d < 0), axis=2)
    reach = inside / np.maximum(outside - inside, 1e-300) * longest[:, None]
    return fine & np.all(one_side, axis=1) & np.all(outside > 10 * contact, axis=1) & np.all(reach < contact / 2,
                                                                                            axis=1)


def folded_large(xy: Points, ids: Indices, snap: float) -> bool:
    """``solids._folded`` for a ring too long to compare pairwise at once (sixty-ninth reading, h133-ocaps3: it was not
    tested): each point meets only the points of its own and the 8 neighbouring cells of side ``snap``, and a cell
    keeps one point of each vertex, so the test is linear in the ring's length and judges the same pairs."""
    if not snap > 0:
        return False
    cells: dict[tuple[float, float], dict[int, tuple[float, float]]] = {}
    keys = np.floor(xy / snap).tolist()
    for (cx, cy), (x, y), ident in zip(keys, xy.tolist(), ids.tolist()):
        for dx in (-1.0, 0.0, 1.0):
            for dy in (-1.0, 0.0, 1.0):
                for other, (ox, oy) in cells.get((cx + dx, cy + dy), {}).items():
                    if other != ident and math.hypot(x - ox, y - oy) < snap:
                        return True
        cells.setdefault((cx, cy), {}).setdefault(ident, (x, y))
    return False
