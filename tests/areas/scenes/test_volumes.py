"""Bounding-volume containment of the scenes area (conformance.areas.scenes.volumes), with
hypothesis over boxes, spheres, regions and tile transforms."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.scenes import tiles, volumes

finite = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False)
size = st.floats(min_value=0.1, max_value=1e3, allow_nan=False)
angle = st.floats(min_value=0, max_value=2 * math.pi, allow_nan=False)


def rotation(a: float, b: float, c: float) -> np.ndarray:
    rx = np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])
    ry = np.array([[math.cos(b), 0, math.sin(b)], [0, 1, 0], [-math.sin(b), 0, math.cos(b)]])
    rz = np.array([[math.cos(c), -math.sin(c), 0], [math.sin(c), math.cos(c), 0], [0, 0, 1]])
    return rz @ ry @ rx


def transform(r: np.ndarray, t: list[float]) -> list[float]:
    m = np.eye(4)
    m[:3, :3], m[:3, 3] = r, t
    return m.T.reshape(-1).tolist()  # column-major, as 3D Tiles writes it


def box(centre: list[float], r: np.ndarray, half: list[float], scale: float = 1.0) -> list[float]:
    axes = (r * np.asarray(half) * scale).T  # one half-axis per row
    return [*centre, *axes.reshape(-1).tolist()]


@settings(max_examples=60, deadline=None)
@given(cx=finite, cy=finite, cz=finite, hx=size, hy=size, hz=size, a=angle, b=angle, c=angle,
       tx=finite, ty=finite, tz=finite)
def test_a_box_encloses_a_smaller_copy_and_not_a_larger_one_under_any_transform(cx, cy, cz, hx, hy, hz, a, b, c,
                                                                                 tx, ty, tz):
    r = rotation(a, b, c)
    frame = volumes.matrix(transform(rotation(c, a, b), [tx, ty, tz]))
    outer = volumes.parse({"box": box([cx, cy, cz], r, [hx, hy, hz])}, frame)
    smaller = volumes.parse({"box": box([cx, cy, cz], r, [hx, hy, hz], 0.9)}, frame)
    larger = volumes.parse({"box": box([cx, cy, cz], r, [hx, hy, hz], 1.1)}, frame)
    assert outer is not None and smaller is not None and larger is not None
    assert volumes.encloses(outer, smaller) is True
    assert volumes.encloses(outer, larger) is False


@settings(max_examples=60, deadline=None)
@given(cx=finite, cy=finite, cz=finite, hx=size, hy=size, hz=size, a=angle, b=angle, c=angle)
def test_spheres_and_boxes_enclose_each_other_by_their_true_extent(cx, cy, cz, hx, hy, hz, a, b, c):
    r = rotation(a, b, c)
    the_box = volumes.parse({"box": box([cx, cy, cz], r, [hx, hy, hz])}, volumes.IDENTITY)
    inscribed = min(hx, hy, hz)
    diagonal = math.sqrt(hx * hx + hy * hy + hz * hz)
    assert the_box is not None
    assert volumes.encloses(the_box, volumes.Sphere(np.array([cx, cy, cz]), inscribed * 0.99)) is True
    assert volumes.encloses(the_box, volumes.Sphere(np.array([cx, cy, cz]), inscribed * 1.01)) is False
    assert volumes.encloses(volumes.Sphere(np.array([cx, cy, cz]), diagonal * 1.001), the_box) is True
    assert volumes.encloses(volumes.Sphere(np.array([cx, cy, cz]), diagonal * 0.99), the_box) is False


@given(w=st.floats(-3.0, 0.0), s=st.floats(-1.5, 0.0), e=st.floats(0.01, 3.0), n=st.floats(0.01, 1.5),
       low=st.floats(-100, 0), high=st.floats(1, 1000))
def test_regions_compare_by_their_ranges_and_never_against_boxes(w, s, e, n, low, high):
    outer = volumes.Region(w, s, e, n, low, high)
    assert volumes.encloses(outer, volumes.Region(w / 2, s / 2, e / 2, n / 2, low / 2, high / 2)) is True
    assert volumes.encloses(outer, volumes.Region(w, s, e, n, low, high + 1)) is False
    assert volumes.encloses(outer, volumes.Sphere(np.zeros(3), 1.0)) is None


def test_a_sphere_is_scaled_by_the_transform():
    frame = volumes.matrix([2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 5, 0, 0, 1])
    sphere = volumes.parse({"sphere": [1, 0, 0, 3]}, frame)
    assert isinstance(sphere, volumes.Sphere)
    assert sphere.radius == 6 and sphere.centre.tolist() == [7, 0, 0]


def test_malformed_volumes_are_left_to_the_schema():
    for bad in ({"box": [1, 2, 3]}, {"sphere": [0, 0, 0, "1"]}, {"region": [0, 0, 0, 0, 0, float("nan")]},
                {"extensions": {}}, [], None):
        assert volumes.parse(bad, volumes.IDENTITY) is None


def test_content_of_a_child_is_judged_against_every_ancestor():
    tileset = {"asset": {"version": "1.1"}, "geometricError": 1, "root": {
        "boundingVolume": {"sphere": [0, 0, 0, 10]}, "geometricError": 1, "refine": "ADD",
        "children": [{"transform": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 20, 0, 0, 1],
                      "boundingVolume": {"sphere": [0, 0, 0, 5]}, "geometricError": 0,
                      "content": {"uri": "a.glb", "boundingVolume": {"sphere": [0, 0, 0, 1]}}}]}}
    result = tiles.containment(tileset)
    assert [f.extra["check"] for f in result.findings] == ["content-in-ancestor"]
    assert result.findings[0].pointer == "/root/children/0/content/boundingVolume"
    tileset["root"]["children"][0]["transform"][12] = 5  # now inside the root's sphere
    assert tiles.containment(tileset).findings == []


def test_references_resolve_as_rfc_3986_says_and_only_relative_paths(tmp_path):
    """Dot segments are removed (a ``..`` may lead above the folder: where a reference may
    lead is SC-TILE-004's test's to judge); an absolute path and a backslash are findings."""
    tileset = {"asset": {"version": "1.1"}, "geometricError": 1, "root": {
        "boundingVolume": {"sphere": [0, 0, 0, 1]}, "geometricError": 0, "refine": "ADD",
        "contents": [{"uri": u} for u in ("a%20b.glb", "../x.glb", "/abs.glb", "sub\\x.glb", "data:,x",
                                          "https://example.com/t.glb", "sub/../c.glb", "a/../../../y.glb")]}}
    references, findings, other = tiles.content_references(tileset, tmp_path)
    assert [r.path for r in references] == [tmp_path / "a b.glb", tmp_path.parent / "x.glb", tmp_path / "c.glb",
                                            tmp_path.parent.parent / "y.glb"]
    assert [f.actual for f in findings] == ["/abs.glb", "sub\\x.glb"]
    assert {f.extra["check"] for f in findings} == {"content-relative-path"}
    assert other == 2


def test_cycles_of_external_tilesets_are_found_once():
    graph = {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"], "e": []}
    assert tiles.cycles(graph) == [["a", "b", "c", "a"]]
    assert tiles.reachable(graph, "d") == {"a", "b", "c", "d"}


@given(lon=st.floats(-179.9, 179.9), lat=st.floats(-89.9, 89.9), height=st.floats(-1000, 10000))
def test_ecef_points_come_back_as_their_longitude_latitude_and_height(lon, lat, height):
    a, e2 = volumes.WGS84_A, volumes.WGS84_E2
    phi, lam = math.radians(lat), math.radians(lon)
    n = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    ecef = np.array([(n + height) * math.cos(phi) * math.cos(lam), (n + height) * math.cos(phi) * math.sin(lam),
                     (n * (1 - e2) + height) * math.sin(phi)])
    got_lon, got_lat, got_height = volumes.geodetic(ecef)
    assert abs(got_lon - lon) < 1e-7 and abs(got_lat - lat) < 1e-7 and abs(got_height - height) < 1e-3
