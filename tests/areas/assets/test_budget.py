"""AS-GLTF-003's counts (areas/assets/budget.py): over the mesh primitives the nodes
instantiate, as the statement says, not per mesh as the glTF-Validator's report counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.areas.assets.budget import Cost, drawing_cost

FIXTURES = Path(__file__).resolve().parents[3] / "suites" / "assets" / "fixtures" / "3d"


def model(nodes: list[dict[str, Any]], primitives: list[dict[str, Any]], counts: list[int]) -> dict[str, Any]:
    return {"asset": {"version": "2.0"}, "nodes": nodes, "meshes": [{"primitives": primitives}],
            "accessors": [{"count": count} for count in counts]}


def test_a_mesh_counts_once_per_node_that_instantiates_it():
    doc = model([{"mesh": 0}, {"mesh": 0}, {"mesh": 0}, {"name": "empty"}],
                [{"attributes": {"POSITION": 0}}, {"attributes": {"POSITION": 0}, "indices": 1}], [30, 12])
    assert drawing_cost(doc) == Cost(draw_calls=6, vertices=180, triangles=3 * (10 + 4))


def test_a_mesh_no_node_instantiates_is_not_drawn():
    assert drawing_cost(model([], [{"attributes": {"POSITION": 0}}], [3])) == Cost()


@pytest.mark.parametrize(("mode", "triangles"), [(4, 3), (5, 7), (6, 7), (0, 0), (1, 0), (3, 0)])
def test_triangles_follow_the_primitive_mode(mode, triangles):
    doc = model([{"mesh": 0}], [{"attributes": {"POSITION": 0}, "mode": mode}], [9])
    assert drawing_cost(doc).triangles == triangles


def test_gpu_instancing_multiplies_what_is_drawn_not_the_draw_calls():
    node = {"mesh": 0, "extensions": {"EXT_mesh_gpu_instancing": {"attributes": {"TRANSLATION": 1}}}}
    assert drawing_cost(model([node], [{"attributes": {"POSITION": 0}}], [3, 40])) == \
        Cost(draw_calls=1, vertices=120, triangles=40)


@pytest.mark.parametrize(("doc", "where"), [
    (model([{"mesh": 1}], [{"attributes": {"POSITION": 0}}], [3]), "/nodes/0"),
    (model([{"mesh": 0}], [{"attributes": {"POSITION": 5}}], [3]), "/meshes/0/primitives/0"),
    (model([{"mesh": 0}], [{"attributes": {"POSITION": 0}, "mode": 9}], [3]), "/meshes/0/primitives/0"),
    (model([{"mesh": 0}], [{"attributes": {"POSITION": 0}, "indices": 1}], [3]), "/meshes/0/primitives/0"),
    ([], ""),
])
def test_what_the_json_does_not_declare_is_not_counted(doc, where):
    assert drawing_cost(doc).unknown == where


def test_the_known_bad_fixture_is_one_mesh_drawn_sixty_times():
    doc = json.loads((FIXTURES / "instanced-over-draw-budget.gltf").read_text(encoding="utf-8"))
    assert len(doc["meshes"]) == 1
    assert drawing_cost(doc) == Cost(draw_calls=60, vertices=180, triangles=60)
