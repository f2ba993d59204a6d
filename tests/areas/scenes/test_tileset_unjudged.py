"""Issue 76, thirty-sixth reading: SC-TILE-008/-010 (c7) leave a tileset using metadata whose
`schemaUri` is not among the supplied files unjudged, not only noted (alone it gave not applicable,
beside a judged tileset a pass), and metadata entities holding no value judge nothing (not
applicable, not a pass); SC-TILE-002 (c14) leaves a pair it cannot compare unjudged."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conformance import NotApplicable
from conformance._record.evidence import Evidence
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_tilesets", ROOT / "suites/scenes/test_tilesets.py")
suite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(suite)

SCHEMA = {"id": "s", "classes": {"building": {"properties": {
    "height": {"type": "SCALAR", "componentType": "FLOAT32"}}}}}


def _targets(tmp_path: Path, tileset: dict, schema: dict | None = None) -> dict:
    data = tmp_path / "data"
    data.mkdir()
    (data / "tileset.json").write_text(json.dumps({"asset": {"version": "1.1"}, "geometricError": 1,
                                                   "root": {"geometricError": 0, "refine": "ADD",
                                                            "boundingVolume": {"sphere": [0, 0, 0, 1]}},
                                                   **tileset}))
    if schema is not None:
        (data / "schema.json").write_text(json.dumps(schema))
    context = AdapterContext(tmp_path / "m.yaml", {})
    return {"tilesets": FileAdapter("tilesets", {"adapter": "file", "paths": ["data/*.json"]}, context)}


@pytest.mark.parametrize("check", ["test_metadata_values_match_their_properties",
                                   "test_metadata_names_what_the_schema_defines"])
def test_a_schema_not_supplied_leaves_the_metadata_unjudged(tmp_path, check):
    targets = _targets(tmp_path, {"schemaUri": "elsewhere/schema.json",
                                  "metadata": {"class": "building", "properties": {"height": 3.0}}})
    evidence = Evidence()
    getattr(suite, check)(targets, evidence)  # not NotApplicable: the tileset holds metadata values
    assert evidence.findings_count == 0 and list(evidence.unjudged_inputs) == ["data/tileset.json"]


def test_metadata_without_values_is_not_applicable_not_a_pass(tmp_path):
    targets = _targets(tmp_path, {"schemaUri": "schema.json", "metadata": {"class": "building", "properties": {}}},
                       SCHEMA)
    with pytest.raises(NotApplicable):
        suite.test_metadata_values_match_their_properties(targets, Evidence())


def test_a_region_against_a_box_is_unjudged_beside_a_pair_judged(tmp_path):
    """SC-TILE-002 (c14): a content volume given as a box in a tile given as a region is not comparable;
    beside a pair judged it was passed over and the case passed."""
    box = {"box": [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]}
    region = {"region": [0, 0, 0.001, 0.001, 0, 10]}
    targets = _targets(tmp_path, {"root": {
        "geometricError": 0, "refine": "ADD", "boundingVolume": {"sphere": [0, 0, 0, 10]},
        "content": {"uri": "a.glb", "boundingVolume": box},
        "children": [{"geometricError": 0, "boundingVolume": region,
                      "content": {"uri": "b.glb", "boundingVolume": box}}]}})
    evidence = Evidence()
    suite.test_content_bounding_volumes_inside_tiles(targets, evidence)
    assert evidence.findings_count == 0 and list(evidence.unjudged_inputs) == ["data/tileset.json"]
