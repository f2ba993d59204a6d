"""SC-CITY-007..009 judge the geometries of CityJSON geometry templates too ("every polygon",
"every shell", "every solid" of the file): a template's boundaries index ``vertices-templates``
(CityJSON 2.0, geometry-templates), and a polygon, shell or solid broken only in a template fails
its level; templates over vertices that cannot be read are unjudged, never passed (issue 59)."""

from __future__ import annotations

import copy
import json

import pytest

from conformance.areas.scenes import solids
from tests.conftest import manifest_for, verdicts

FACES = [[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]]
CUBE = [[x, y, z] for z in (0.0, 2.0) for x, y in ((0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0))]


def _model(template: dict) -> dict:
    """A valid building (a box) whose only other geometry is an instance of ``template`` (a tree)."""
    box = [[x * 1000 + 5000, y * 1000 + 5000, z * 1000] for x, y, z in CUBE]
    return {"type": "CityJSON", "version": "2.0",
            "transform": {"scale": [0.001] * 3, "translate": [0.0, 0.0, 0.0]},
            "CityObjects": {
                "b": {"type": "Building", "geometry": [
                    {"type": "Solid", "lod": "1", "boundaries": [[[f] for f in FACES]]}]},
                "tree": {"type": "SolitaryVegetationObject", "geometry": [
                    {"type": "GeometryInstance", "template": 0, "boundaries": [8],
                     "transformationMatrix": [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]}]}},
            "vertices": [*box, [0, 0, 0]],
            "geometry-templates": {"templates": [template], "vertices-templates": copy.deepcopy(CUBE)}}


def _solid(faces) -> dict:
    return {"type": "Solid", "lod": "2", "boundaries": [[[f] for f in faces]]}


GOOD = _solid(FACES)
#: the known-bad templates: each breaks one level, only in the template
BAD = {
    "polygon": ({"type": "MultiSurface", "lod": "2", "boundaries": [[[0, 1, 6, 3]]]}, 2, 203),  # not planar
    "shell": (_solid(FACES[:5]), 3, 302),  # a face missing: not closed
    "solid": (_solid([list(reversed(f)) for f in FACES]), 4, 405),  # every face turned inwards
}


def _codes(data: dict) -> dict[int, list[int]]:
    report = solids.validate(data, solids.Tolerances())
    return {level: sorted({e.code for e in errors}) for level, errors in report.errors.items() if errors}


def test_a_valid_template_is_judged_and_passes():
    report = solids.validate(_model(GOOD), solids.Tolerances())
    assert _codes(_model(GOOD)) == {}
    assert report.judged[2] == 12 and report.judged[3] == 2 and report.judged[4] == 2  # the box and the template


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_defect_only_in_a_template_is_found_at_its_level(name):
    template, level, code = BAD[name]
    report = solids.validate(_model(template), solids.Tolerances())
    assert {e.code for e in report.errors[level]} == {code}
    assert all(e.pointer.startswith("/geometry-templates/templates/0/") for e in report.errors[level])


def test_templates_over_vertices_that_cannot_be_read_are_unjudged():
    data = _model(GOOD)
    data["geometry-templates"]["vertices-templates"] = [[0, 0, "x"]]
    report = solids.validate(data, solids.Tolerances())
    assert report.malformed == [("/geometry-templates/templates/0", "Solid")]
    assert report.judged[4] == 1  # the box only


@pytest.mark.parametrize(("name", "requirement"), [("polygon", "SC-CITY-007"), ("shell", "SC-CITY-008"),
                                                   ("solid", "SC-CITY-009")])
def test_the_requirement_fails_on_a_template_defect(name, requirement, tmp_path, catalog, run_manifest):
    path = tmp_path / f"template-{name}.city.json"
    path.write_text(json.dumps(_model(BAD[name][0])), encoding="utf-8")
    result = run_manifest(manifest_for(catalog, "scene-cityjson", files={"city_models": [str(path)]}),
                          requirements=[requirement])
    assert verdicts(result) == {requirement: "fail"}
