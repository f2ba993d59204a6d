"""Issue 76, seventy-eighth reading, part h144-scenes: SC-GEO-001 places a root tile given as an S2
cell (3DTILES_bounding_volume_S2) as it places a region, by the mean of its heights, and leaves only
a root with no box, region, sphere or S2 cell that can be read unjudged (c1, cx1); SC-CITY-013
compares the Buildings judged before the geometry budget's cut, leaving those with a geometry past
it unjudged (cx3)."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from conformance import Inconclusive
from conformance._record.evidence import Evidence
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from conformance.areas.scenes import building_parts, s2, solids
from conformance.messages import render
from tests.paths import ROOT


def _suite(name: str) -> object:
    spec = importlib.util.spec_from_file_location(f"suite_{name}", ROOT / f"suites/scenes/{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TILESETS = _suite("test_tilesets")
CITY_SOLIDS = _suite("test_city_solids")
CITY = ROOT / "suites" / "scenes" / "fixtures" / "city"
FACES = [[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]]


def _files(tmp_path: Path, key: str, name: str, body: dict) -> dict:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / name).write_text(json.dumps(body))
    context = AdapterContext(tmp_path / "m.yaml", {})
    return {key: FileAdapter(key, {"adapter": "file", "paths": [f"data/{name}"]}, context)}


def _tileset(volume: dict) -> dict:
    return {"asset": {"version": "1.1"}, "geometricError": 100,
            "extensionsUsed": [s2.EXTENSION], "extensionsRequired": [s2.EXTENSION],
            "root": {"geometricError": 10, "refine": "ADD", "boundingVolume": volume}}


def _cell(low: object, high: object, token: object = "89c6c7") -> dict:
    return {"extensions": {s2.EXTENSION: {"token": token, "minimumHeight": low, "maximumHeight": high}}}


@pytest.mark.parametrize(("low", "high"), [(0, 1000), (-1500, -500), (9000, 11000)])
def test_an_s2_root_within_the_range_is_placed_and_passes(tmp_path, low, high):
    evidence = Evidence()
    targets = _files(tmp_path, "tilesets", "tileset.json", _tileset(_cell(low, high)))
    TILESETS.test_tilesets_are_placed_on_the_earth(targets, evidence)
    assert evidence.findings_count == 0 and not evidence.unjudged_inputs


@pytest.mark.parametrize(("low", "high"), [(49000, 51000), (-3000, -1500), (-6_400_000, -6_300_000)])
def test_an_s2_root_outside_the_range_fails(tmp_path, low, high):
    evidence = Evidence()
    targets = _files(tmp_path, "tilesets", "tileset.json", _tileset(_cell(low, high)))
    TILESETS.test_tilesets_are_placed_on_the_earth(targets, evidence)
    assert evidence.findings_count == 1 and not evidence.unjudged_inputs


@pytest.mark.parametrize("volume", [_cell(0, 100, token="89C6C7"), _cell(0, "high"), _cell(None, 100),
                                    {"extensions": {"EXT_vendor_volume": {"cell": 7}}}, {"extensions": {}},
                                    {"box": [0, 0, 0, 1]}])
def test_a_root_no_volume_of_which_can_be_read_is_unjudged_and_the_reason_names_no_other_case(tmp_path, volume):
    evidence = Evidence()
    TILESETS.test_tilesets_are_placed_on_the_earth(_files(tmp_path, "tilesets", "tileset.json", _tileset(volume)),
                                                   evidence)
    assert evidence.findings_count == 0 and list(evidence.unjudged_inputs) == ["data/tileset.json"]


def test_the_unplaced_message_blames_no_other_requirement():
    """The reason covers roots no other requirement finds (another extension's volume): it names none."""
    texts = {lang: render("scenes.root-unplaced", {}, lang) for lang in ("en", "zh")}
    assert all("SC-" not in text for text in texts.values()) and "S2" in texts["en"] and "S2" in texts["zh"]


def _box(vertices: list, low: list[int], high: list[int]) -> list:
    start = len(vertices)
    (x0, y0, z0), (x1, y1, z1) = low, high
    vertices += [[x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0], [x0, y0, z1], [x1, y0, z1],
                 [x1, y1, z1], [x0, y1, z1]]
    return [[[[start + i for i in face]] for face in FACES]]


def _with_shed(name: str) -> dict:
    """A fixture with a third Building, a lone box, after the Buildings it holds."""
    data = json.loads((CITY / f"{name}.city.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    far = max(v[0] for v in data["vertices"]) + 100_000
    data["CityObjects"]["shed"] = {"type": "Building", "geometry": [
        {"type": "Solid", "lod": "2.2", "boundaries": _box(data["vertices"], [far, 0, 0], [far + 1000, 1000, 1000])}]}
    return data


def _params(budget: int) -> SimpleNamespace:
    tol = solids.Tolerances()
    return SimpleNamespace(snap_tolerance_m=tol.snap, planarity_tolerance_m=tol.planarity,
                           planarity_normals_deg=tol.normals, overlap_tolerance_m=0.0, geometry_budget_polygons=budget)


def test_an_overlap_before_the_budget_cut_fails_though_the_model_stopped(tmp_path):
    data = _with_shed("solid-parts-overlap")
    whole = solids.validate(data, solids.Tolerances()).polygons
    budget = whole - 6  # the shed's six polygons are past the cut; building-a and its annex are before it
    assert solids.validate(data, solids.Tolerances(), budget_polygons=budget).stopped
    evidence = Evidence()
    CITY_SOLIDS.test_city_building_parts_do_not_overlap(
        _files(tmp_path, "city_models", "m.city.json", data), evidence, _params(budget))
    assert evidence.findings_count == 1  # fail, not inconclusive: the steps judge what comes before the cut


def test_a_building_with_a_geometry_past_the_cut_is_unjudged(tmp_path):
    data = _with_shed("solid-parts-overlap")
    report = solids.validate(data, solids.Tolerances(), budget_polygons=6)  # only building-a's solid judged
    parts = building_parts.validate(data, solids.Tolerances(), solid_report=report)
    assert parts.past_budget_at == ["/CityObjects/building-a"] and parts.judged == 0 and not parts.errors
    with pytest.raises(Inconclusive):
        CITY_SOLIDS.test_city_building_parts_do_not_overlap(
            _files(tmp_path, "city_models", "m.city.json", data), Evidence(), _params(6))
