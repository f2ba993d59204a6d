"""Geometric validity of city models (conformance.areas.scenes.solids, SC-CITY-007..009): the
reference sample is valid, each fixture breaks exactly its val3dity class, the fixtures are the
generator's output, the checks hold on open-ended boxes (hypothesis: any size, place and turn),
the tolerances are the parameters', and the val3dity agreement section of the bench compares
each file's codes with its label."""

from __future__ import annotations

import copy
import importlib.util
import json
import math
import shutil
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.scenes import solids, val3dity
from tests.paths import ROOT

CITY = ROOT / "suites" / "scenes" / "fixtures" / "city"
DISTRICT = ROOT / "src" / "conformance" / "reference" / "samples" / "city_models" / "district.city.json"
TOL = solids.Tolerances()
#: the box's faces, counterclockwise seen from outside (vertices 0-3 bottom, 4-7 top)
FACES = [[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]]


def _codes(data: dict, tol: solids.Tolerances = TOL) -> dict[int, list[int]]:
    report = solids.validate(data, tol)
    return {level: sorted({e.code for e in errors}) for level, errors in report.errors.items() if errors}


def _load(name: str) -> dict:
    return json.loads((CITY / f"{name}.city.json").read_text(encoding="utf-8"))


def test_the_reference_city_model_is_valid():
    report = solids.validate(json.loads(DISTRICT.read_text(encoding="utf-8")), TOL)
    assert report.errors == {2: [], 3: [], 4: [], 5: []}
    assert report.judged == {2: 12, 3: 2, 4: 2, 5: 0}


@pytest.mark.parametrize(("fixture", "level", "code"), [
    ("solid-ring-two-points", 2, 101), ("solid-ring-repeated-point", 2, 102), ("solid-ring-bowtie", 2, 104),
    ("solid-rings-intersect", 2, 201), ("solid-ring-duplicated", 2, 202), ("solid-face-not-planar", 2, 203),
    ("solid-interior-disconnected", 2, 205), ("solid-inner-ring-outside", 2, 206),
    ("solid-inner-rings-nested", 2, 207), ("solid-inner-ring-same-orientation", 2, 208),
    ("solid-three-polygons", 3, 301), ("solid-shell-open", 3, 302), ("solid-edge-four-polygons", 3, 303),
    ("solid-two-components", 3, 305), ("solid-face-flipped", 3, 307), ("solid-normals-inwards", 4, 405),
])
def test_each_solid_fixture_breaks_exactly_its_class(fixture, level, code):
    assert _codes(_load(fixture)) == {level: [code]}


def test_a_repeated_shell_is_402_and_the_repeat_as_a_cavity_also_faces_outwards():
    assert _codes(_load("solid-shell-duplicated")) == {4: [402, 405]}


def test_the_fixtures_are_the_generators_output():
    spec = importlib.util.spec_from_file_location("city_solids", CITY.parent / "city_solids.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = {p.name.removesuffix(".city.json") for p in CITY.glob("solid-*.city.json")}
    assert written == set(module.FIXTURES)


def _box(size, place, turn, scale=0.001):
    """A CityJSON file with one Solid: a box of ``size`` at ``place`` turned ``turn`` radians about z."""
    c, s = math.cos(turn), math.sin(turn)
    corners = [(x, y, z) for z in (0, size[2]) for x, y in ((0, 0), (size[0], 0), (size[0], size[1]), (0, size[1]))]
    points = [(place[0] + c * x - s * y, place[1] + s * x + c * y, place[2] + z) for x, y, z in corners]
    return {"type": "CityJSON", "version": "2.0",
            "transform": {"scale": [scale] * 3, "translate": [0.0, 0.0, 0.0]},
            "CityObjects": {"b": {"type": "Building", "geometry": [
                {"type": "Solid", "lod": "1", "boundaries": [[[list(f)] for f in FACES]]}]}},
            "vertices": [[round(v / scale) for v in p] for p in points]}


BOXES = st.tuples(st.tuples(*[st.floats(1, 500)] * 3), st.tuples(*[st.floats(-1e5, 1e5)] * 3),
                  st.floats(0, 2 * math.pi))


@settings(max_examples=60, deadline=None)
@given(BOXES)
def test_any_box_is_valid_and_each_defect_is_its_class(box):
    data = _box(*box)
    assert _codes(data) == {}
    inside_out = copy.deepcopy(data)
    shell = inside_out["CityObjects"]["b"]["geometry"][0]["boundaries"][0]
    for face in shell:
        face[0].reverse()
    assert _codes(inside_out) == {4: [405]}
    one_flipped = copy.deepcopy(data)
    one_flipped["CityObjects"]["b"]["geometry"][0]["boundaries"][0][1][0].reverse()
    assert _codes(one_flipped) == {3: [307]}
    open_box = copy.deepcopy(data)
    del open_box["CityObjects"]["b"]["geometry"][0]["boundaries"][0][1]
    assert _codes(open_box) == {3: [302]}


@settings(max_examples=40, deadline=None)
@given(BOXES, st.floats(0.05, 5))  # a lift h puts each corner h/4 off the fitted plane
def test_a_corner_off_its_planes_is_203_above_the_tolerance_only(box, lift):
    data = _box(*box)
    data["vertices"][6][2] += round(lift / 0.001)  # one top corner up: the top and two walls bend
    assert _codes(data) == {2: [203]}
    assert _codes(data, solids.Tolerances(planarity=lift, normals=90)) == {}  # the fold is 204's, tolerated here


def test_two_boxes_sharing_one_corner_are_non_manifold_and_apart_are_two_components():
    a, b = _box((1, 1, 1), (0, 0, 0), 0), _box((1, 1, 1), (1, 1, 1), 0)
    shell = a["CityObjects"]["b"]["geometry"][0]["boundaries"][0]
    a["vertices"] += b["vertices"]
    shell += [[[i + 8 for i in f]] for f in FACES]
    assert _codes(a) == {3: [303]}  # vertex 6 of the first is vertex 0 of the second
    a["vertices"][8:] = [[x + 1000, y, z] for x, y, z in a["vertices"][8:]]
    assert _codes(a) == {3: [305]}


def test_vertices_within_the_snap_tolerance_are_one():
    data = _box((10, 10, 6), (0, 0, 0), 0)
    data["vertices"].append(list(data["vertices"][5]))  # a copy of vertex 5 at the same place
    shell = data["CityObjects"]["b"]["geometry"][0]["boundaries"][0]
    shell[1][0] = [4, 8, 6, 7]  # the top face names the copy
    assert _codes(data) == {}
    data["vertices"][-1][0] += 3  # 3 mm apart: two vertices, the shell is open at them
    assert _codes(data) == {3: [302]}
    assert _codes(data, solids.Tolerances(snap=0.01)) == {}


def test_the_bench_compares_each_files_codes_with_its_label(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_fidelity_scenes_solids", ROOT / "bench" / "fidelity_scenes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    files = tmp_path / "val3dity" / "files"
    files.mkdir(parents=True)
    shutil.copy(CITY / "solid-face-flipped.city.json", files / "flipped.city.json")
    shutil.copy(DISTRICT, files / "good.city.json")
    shutil.copy(CITY / "solid-shell-open.city.json", files / "intersecting.city.json")
    labels = {"flipped.city.json": {"expected": [307], "also_accepted": []},
              "good.city.json": {"expected": [], "also_accepted": []},
              "intersecting.city.json": {"expected": [601], "also_accepted": []}}
    (tmp_path / "val3dity" / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    result = module.measure_val3dity(tmp_path)
    assert (result["total"], result["agree"]) == (2, 2)
    assert result["verdicts"] == {"all files": 3, "error/no-error agree": 3, "undecided classes": [601]}
    labels["flipped.city.json"]["expected"] = [303, 307]
    (tmp_path / "val3dity" / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    [miss] = module.measure_val3dity(tmp_path)["disagreements"]
    assert miss == {"item": "flipped.city.json", "expected": [303, 307], "actual": [307], "reason": "codes differ"}


RINGS = st.lists(st.integers(-1, 9), max_size=6)
SHELLS = st.lists(st.lists(st.lists(RINGS, max_size=3), max_size=7), max_size=3)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(*[st.integers(-10**6, 10**6)] * 3), max_size=10), SHELLS,
       st.sampled_from(["Solid", "MultiSurface", "CompositeSolid"]))
def test_any_boundaries_are_judged_without_raising(vertices, shells, kind):
    """Open-ended input: degenerate, repeated, collinear or out-of-range boundaries give
    errors or are passed over (SC-CITY-002's), never an exception or a NumPy warning."""
    boundaries = {"Solid": shells, "MultiSurface": shells[0] if shells else [], "CompositeSolid": [shells]}[kind]
    data = {"type": "CityJSON", "transform": {"scale": [0.001] * 3, "translate": [0, 0, 0]},
            "vertices": [list(v) for v in vertices],
            "CityObjects": {"x": {"type": "Building", "geometry": [{"type": kind, "boundaries": boundaries}]}}}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = solids.validate(data, TOL)
    for errors in report.errors.values():
        for error in errors:
            assert error.code in val3dity.NAMES and error.pointer.startswith("/CityObjects/x/geometry/0/boundaries")
