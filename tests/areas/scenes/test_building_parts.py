"""val3dity's 601 between a Building's parts (conformance.areas.scenes.building_parts, SC-CITY-013):
the fixtures break exactly 601 and nothing below it, parts sharing a wall pass, the overlap
tolerance is a depth, only one LoD's Solids and CompositeSolids of a Building and its
BuildingParts are compared, invalid Buildings are not judged, the pairs are bounded, and on
open-ended boxes (hypothesis: any size, place, overlap and turn) an overlap is found exactly when
the boxes share volume; the agreement bench compares each item with its label."""

from __future__ import annotations

import copy
import importlib.util
import json
import math
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.scenes import building_parts, solids
from tests.paths import ROOT

CITY = ROOT / "suites" / "scenes" / "fixtures" / "city"
DISTRICT = ROOT / "src" / "conformance" / "reference" / "samples" / "city_models" / "district.city.json"
TOL = solids.Tolerances()
#: a box's faces, counterclockwise seen from outside (corners 0-3 bottom, 4-7 top)
FACES = [[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]]


def _district() -> dict:
    return json.loads(DISTRICT.read_text(encoding="utf-8"))


def _codes(data: dict, overlap: float = 0.0) -> list[int]:
    return [e.code for e in building_parts.validate(data, TOL, overlap).errors]


def _annex(data: dict, low: list[int], high: list[int], lod: str = "2.2", kind: str = "Solid") -> dict:
    """The annex (a BuildingPart of building-a) as a box from ``low`` to ``high`` (file units, mm)."""
    start = len(data["vertices"])
    (x0, y0, z0), (x1, y1, z1) = low, high
    data["vertices"] += [[x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0], [x0, y0, z1], [x1, y0, z1],
                         [x1, y1, z1], [x0, y1, z1]]
    shell = [[[start + i for i in face]] for face in FACES]
    boundaries = [shell] if kind == "Solid" else [[shell]]
    data["CityObjects"]["building-a-annex"]["geometry"] = [{"type": kind, "lod": lod, "boundaries": boundaries}]
    return data


@pytest.mark.parametrize("name", ["solid-parts-overlap", "solid-part-repeats-building"])
def test_each_fixture_is_601_and_valid_below_it(name):
    data = json.loads((CITY / f"{name}.city.json").read_text(encoding="utf-8"))
    assert solids.validate(data, TOL).errors == {2: [], 3: [], 4: [], 5: []}
    report = building_parts.validate(data, TOL)
    assert [(e.code, e.pointer) for e in report.errors] == [(601, "/CityObjects/building-a")]
    assert report.judged == 1
    assert "building-a-annex/geometry/0" in report.errors[0].detail and "LoD 2.2" in report.errors[0].detail


def test_the_references_terrace_passes_and_parts_sharing_a_wall_or_a_roof_pass():
    assert building_parts.validate(_district(), TOL).judged == 0  # building-a LoD 2.2, the annex LoD 1
    terrace = json.loads((DISTRICT.parent / "terrace.city.json").read_text(encoding="utf-8"))
    assert solids.validate(terrace, TOL).errors == {2: [], 3: [], 4: [], 5: []}
    report = building_parts.validate(terrace, TOL)
    assert (report.judged, report.errors, report.no_geometry) == (1, [], 1)  # the terrace Building itself
    beside = _annex(_district(), [10000, 2000, 0], [14000, 8000, 3000])  # the annex's own box at LoD 2.2
    report = building_parts.validate(beside, TOL)
    assert (report.judged, report.errors) == (1, [])
    on_top = _annex(_district(), [2000, 2000, 6000], [8000, 8000, 9000])  # standing on the roof
    assert _codes(on_top) == []


def test_the_overlap_tolerance_is_a_depth():
    five_mm = _annex(_district(), [9995, 2000, 0], [14000, 8000, 3000])
    assert _codes(five_mm) == [601]
    assert _codes(five_mm, overlap=0.01) == []
    half_metre = _annex(_district(), [9500, 2000, 0], [14000, 8000, 3000])
    assert _codes(half_metre, overlap=0.01) == [601]
    assert _codes(half_metre, overlap=0.3) == []  # each solid eroded by 0.3 m: 0.5 m overlap is gone


def test_only_one_lods_solids_and_composite_solids_of_a_building_and_its_parts_are_compared():
    assert _codes(_annex(_district(), [6000, 2000, 0], [14000, 8000, 3000], lod="1")) == []  # other LoD
    assert _codes(_annex(_district(), [6000, 2000, 0], [14000, 8000, 3000], kind="CompositeSolid")) == [601]
    assert _codes(_annex(_district(), [6000, 2000, 0], [14000, 8000, 3000], kind="MultiSolid")) == []
    installation = _annex(_district(), [6000, 2000, 0], [14000, 8000, 3000])
    installation["CityObjects"]["building-a-annex"]["type"] = "BuildingInstallation"  # not a part: not compared
    assert _codes(installation) == []
    orphan = _annex(_district(), [6000, 2000, 0], [14000, 8000, 3000])
    orphan["CityObjects"]["building-a"]["children"] = []  # no longer building-a's part
    assert _codes(orphan) == []


def test_a_building_with_an_invalid_primitive_is_not_judged():
    data = json.loads((CITY / "solid-parts-overlap.city.json").read_text(encoding="utf-8"))
    top = data["CityObjects"]["building-a"]["geometry"][0]["boundaries"][0][1]
    top[0] = top[0][::-1]  # building-a's roof flipped: 307, SC-CITY-008's
    assert solids.validate(data, TOL).errors[3]
    report = building_parts.validate(data, TOL)
    assert (report.judged, report.errors) == (0, [])


def test_the_pairs_compared_are_bounded(monkeypatch):
    data = _annex(_district(), [6000, 2000, 0], [14000, 8000, 3000])
    extra = copy.deepcopy(data["CityObjects"]["building-a-annex"])
    data["CityObjects"]["building-a-annex-2"] = extra
    data["CityObjects"]["building-a"]["children"].append("building-a-annex-2")
    assert len(_codes(data)) == 3  # building-a, the annex and its copy overlap pairwise
    monkeypatch.setattr(building_parts, "MAX_PAIRS", 1)
    report = building_parts.validate(data, TOL)
    assert (len(report.errors), report.skipped) == (1, 2)
    assert report.skipped_at == ["/CityObjects/building-a"]  # the Building SC-CITY-013 leaves unjudged


def test_city_objects_without_geometry_are_counted():
    data = _district()
    data["CityObjects"]["building-a-annex"].pop("geometry")
    assert building_parts.validate(data, TOL).no_geometry == 1


def _two_boxes(a: tuple, b: tuple, turn: float) -> dict:
    """A Building and a BuildingPart at one LoD, boxes ``a`` and ``b`` ((low, high) in metres in a
    frame turned ``turn`` radians about z), rounded to the file's millimetres."""
    c, s = math.cos(turn), math.sin(turn)
    vertices, geometry = [], []
    for low, high in (a, b):
        start = len(vertices)
        for z in (low[2], high[2]):
            for x, y in ((low[0], low[1]), (high[0], low[1]), (high[0], high[1]), (low[0], high[1])):
                vertices.append([round(1000 * (c * x - s * y)), round(1000 * (s * x + c * y)), round(1000 * z)])
        geometry.append({"type": "Solid", "lod": "2", "boundaries": [[[[start + i for i in f]] for f in FACES]]})
    return {"type": "CityJSON", "version": "2.0", "transform": {"scale": [0.001] * 3, "translate": [0, 0, 0]},
            "vertices": vertices,
            "CityObjects": {"b": {"type": "Building", "children": ["p"], "geometry": [geometry[0]]},
                            "p": {"type": "BuildingPart", "parents": ["b"], "geometry": [geometry[1]]}}}


SIDE = st.integers(1, 30)


@settings(max_examples=60, deadline=None)
@given(st.tuples(SIDE, SIDE, SIDE), st.tuples(SIDE, SIDE, SIDE), st.tuples(*[st.integers(-35, 35)] * 3),
       st.sampled_from([0.0, 0.3, math.pi / 4, 1.0, math.pi / 2]))
def test_boxes_overlap_exactly_when_they_share_volume(size_a, size_b, offset, turn):
    """Open-ended: box b placed anywhere around box a (sides and offsets in metres, both turned the
    same), with a 2 mm tolerance for the rounding of turned corners to millimetres: boxes apart or
    touching pass, boxes sharing at least 1 m in every direction are 601."""
    low_b = [float(o) for o in offset]
    a = ([0.0, 0.0, 0.0], [float(v) for v in size_a])
    b = (low_b, [o + v for o, v in zip(low_b, size_b, strict=True)])
    depth = min(min(a[1][k], b[1][k]) - max(a[0][k], b[0][k]) for k in range(3))
    data = _two_boxes(a, b, turn)
    assert solids.validate(data, TOL).errors == {2: [], 3: [], 4: [], 5: []}
    codes = _codes(data, overlap=0.002)
    assert codes == ([601] if depth >= 1 else [])


def test_the_bench_compares_each_items_601_with_its_label(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_val3dity_parts", ROOT / "bench" / "val3dity_parts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "files").mkdir()
    shutil.copy(CITY / "solid-parts-overlap.city.json", tmp_path / "files" / "overlap.json")
    shutil.copy(DISTRICT, tmp_path / "files" / "district.json")
    labels = {"overlap.json@0.0": {"file": "overlap.json", "overlap": 0.0, "expected": [601]},
              "overlap.json@5.0": {"file": "overlap.json", "overlap": 5.0, "expected": [601]},  # 4 m deep only
              "district.json@0.0": {"file": "district.json", "overlap": 0.0, "expected": []}}
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    result = module.measure(tmp_path)
    assert (result["total"], result["agree"], result["compared"]) == (3, 2, {"total": 2, "agree": 1})
    assert result["disagreements"] == [{"item": "overlap.json@5.0", "expected": [601], "actual": [],
                                        "reason": "601 missed"}]


def test_a_model_whose_only_building_has_an_invalid_primitive_is_inconclusive(run_manifest, tmp_path):
    """SC-CITY-013 (the thirty-eighth reading's c17): a Building left out for SC-CITY-007..012's
    finding is recorded unjudged, so the model is inconclusive, not 'no Building to judge'."""
    data = json.loads((CITY / "solid-parts-overlap.city.json").read_text(encoding="utf-8"))
    top = data["CityObjects"]["building-a"]["geometry"][0]["boundaries"][0][1]
    top[0] = top[0][::-1]  # building-a's roof flipped: 307, SC-CITY-008's
    path = tmp_path / "invalid-part.city.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run_manifest({"product": {"name": "parts", "version": "1"}, "profiles": ["scene-cityjson"],
                           "targets": {"city_models": {"adapter": "file", "paths": [str(path)]}}})
    [row] = [r for r in result.report.requirements if r.requirement == "SC-CITY-013"]
    assert row.verdict.value == "inconclusive", (row.verdict, row.evidence)
    assert "/CityObjects/building-a" in json.dumps(row.evidence.to_dict() if hasattr(row.evidence, "to_dict")
                                                    else str(row.evidence), ensure_ascii=False)
