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


# model_cost: the counts read from the file's bytes, holding only what they need (issue 72 item 8)

ACCESSOR = (b'{"bufferView": 0, "byteOffset": 0, "componentType": 5126, "count": 3, "type": "VEC3",'
            b' "max": [1.0, 1.0, 0.0], "min": [0.0, 0.0, 0.0]}')


def _many_accessors(count: int) -> bytes:
    return (b'{"asset": {"version": "2.0"}, "nodes": [{"mesh": 0}], "meshes": [{"primitives": '
            b'[{"attributes": {"POSITION": 0}}]}], "accessors": [' + b",".join([ACCESSOR] * count) + b"]}")


@pytest.mark.parametrize("path", sorted([*FIXTURES.glob("*.gl*"), *FIXTURES.glob("*.vrm")]), ids=lambda p: p.name)
def test_the_compact_read_counts_what_the_whole_document_counts(path):
    from conformance.areas.assets import gltf
    from conformance.areas.assets.budget import model_cost

    data = path.read_bytes()
    asset = gltf.read(data, path.name)
    assert model_cost(data, path.name) == (drawing_cost(asset.document) if asset.parsed else Cost(unknown=""))


@pytest.mark.parametrize("text", [
    b'{"nodes": [{"mesh": 0, "mesh": 0}], "meshes": [], "accessors": []}',  # repeated in an object
    b'{"nodes": [], "nodes": []}',
    b'{"nodes": [], "meshes": [{"primitives": [], "prim\\u0069tives": []}]}',  # the same name, escaped
    b'{"nodes": [], "extras": ' + b"[" * 70 + b"]" * 70 + b"}",  # deeper than parse_json reads
    b'{"nodes": [', b"not json",
])
def test_what_parse_json_refuses_is_not_counted(text):
    from conformance.areas.assets.budget import model_cost

    assert model_cost(text, "m.gltf") == Cost(unknown="")


@pytest.mark.parametrize("text", [
    b'{"nodes": [{"mesh": 0}], "meshes": [{"primitives": [{"attributes": {"POSITION": 1}}]}],'
    b' "accessors": [7, {"count": 6}]}',  # an accessor that is not an object
    b'{"nodes": [{"mesh": 0}], "meshes": [{"primitives": [{"attributes": {"POSITION": "0"}}]}], "accessors": {}}',
    b'{"a": "}", "b": "{\\"c\\": 1, \\"c\\": 2}", "nodes": [], "c": [{"x": 1}, {"x": 1}]}',  # braces in strings
])
def test_odd_shapes_count_as_the_whole_document_does(text):
    from conformance.areas.assets.budget import model_cost

    assert model_cost(text, "m.gltf") == drawing_cost(json.loads(text))


#: Accessors in the document below: enough that 100 bytes each dwarfs the read's fixed cost. Both
#: reads grow linearly (2026-11-26, tracemalloc's peak: the compact read 33 bytes an accessor at
#: 5 000, 10 000 and 50 000; the whole document 2 349 at 10 000), so 10 000 tells them apart as
#: 50 000 did, at a fifth of the traced allocations (0.7 CPU-s instead of 3.4).
MANY = 10_000


def test_memory_is_bounded_by_structure_not_by_the_count_of_accessors():
    """MANY accessors: the whole document took about 2 300 bytes an accessor at its peak
    (bench/gltf_memory.py); the compact read holds each as its count alone."""
    import tracemalloc

    from conformance.areas.assets.budget import model_cost

    data = _many_accessors(MANY)
    tracemalloc.start()
    try:
        cost = model_cost(data, "many.gltf")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert cost == Cost(draw_calls=1, vertices=3, triangles=1)
    assert peak < 100 * MANY, f"{peak / MANY:.0f} bytes an accessor"
