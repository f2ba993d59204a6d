"""The sixty-fourth reading of issue 76, part h127-checks: two checks made to agree with the texts they are read by.

cx1 (read64c): SC-TILE-008 passed over a tileset that uses metadata but gives neither `schema` nor `schemaUri`, so one
whose metadata stood on tiles or contents alone (the 3D Tiles JSON schema asks for a schema only beside the tileset's
own metadata, groups and statistics, so SC-TILE-001 does not find it) was judged not applicable, though step 3 judges
an entity whose `class` is no class of the schema and the 不适用 line asks for no metadata entity at all. 3D Tiles 1.1
("Assigning Metadata"): each entity names the class of the schema it is an instance of. Each place an entity can stand
(the tileset, a group, a tile, a content, the statistics) is an instance of the class and is tested.

bx4 (read64b): DP-QUAL-001's R1 failed an empty cell in any column of the image listing, while annex E.8 says the
columns other than those it defines are not read. R1, step 2, E.8 and the check now judge the columns E.8 defines.

Each test fails on the branch's base (b6c90194c)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from conformance import NotApplicable
from conformance._record.evidence import Evidence
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from conformance.areas.data import quality
from tests.drafting.test_reading_fiftyfifth_cases55 import _case, _line
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_tilesets_64", ROOT / "suites/scenes/test_tilesets.py")
suite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(suite)

ENTITY = {"class": "building", "properties": {"height": 3.0}}
#: each place a metadata entity (or the statistics) stands in a tileset, as SC-TILE-008's statement lists them
PLACES = {
    "tileset": {"metadata": ENTITY},
    "group": {"groups": [ENTITY]},
    "tile": {"root": {"geometricError": 0, "refine": "ADD", "boundingVolume": {"sphere": [0, 0, 0, 1]},
                      "metadata": ENTITY}},
    "content": {"root": {"geometricError": 0, "refine": "ADD", "boundingVolume": {"sphere": [0, 0, 0, 1]},
                         "content": {"uri": "a.glb", "metadata": ENTITY}}},
    "contents": {"root": {"geometricError": 0, "refine": "ADD", "boundingVolume": {"sphere": [0, 0, 0, 1]},
                          "contents": [{"uri": "a.glb"}, {"uri": "b.glb", "metadata": ENTITY}]}},
    "statistics": {"statistics": {"classes": {"building": {"count": 1}}}},
}


def _targets(tmp_path: Path, members: dict) -> dict:
    data = tmp_path / "data"
    data.mkdir(parents=True)
    (data / "tileset.json").write_text(json.dumps({
        "asset": {"version": "1.1"}, "geometricError": 1,
        "root": {"geometricError": 0, "refine": "ADD", "boundingVolume": {"sphere": [0, 0, 0, 1]}}, **members}))
    context = AdapterContext(tmp_path / "m.yaml", {})
    return {"tilesets": FileAdapter("tilesets", {"adapter": "file", "paths": ["data/*.json"]}, context)}


@pytest.mark.parametrize("place", sorted(PLACES))
def test_cx1_metadata_without_any_schema_fails_wherever_it_stands(tmp_path, place):
    evidence = Evidence()
    suite.test_metadata_names_what_the_schema_defines(_targets(tmp_path, PLACES[place]), evidence)
    assert evidence.findings_count == 1 and not evidence.unjudged_inputs, place
    # SC-TILE-010 reads no value without a class: still not applicable, SC-TILE-008's finding being the verdict
    if place != "statistics":
        with pytest.raises(NotApplicable):
            suite.test_metadata_values_match_their_properties(_targets(tmp_path / "values", PLACES[place]),
                                                              Evidence())


def test_cx1_a_tileset_without_metadata_is_still_not_applicable(tmp_path):
    with pytest.raises(NotApplicable):
        suite.test_metadata_names_what_the_schema_defines(_targets(tmp_path, {}), Evidence())


def test_cx1_the_text_says_what_a_tileset_without_a_schema_gives(zh_markdown, en_markdown):
    case = _case(zh_markdown, "SC-TILE-008")
    step2 = _line(case, "测试步骤").split("<br>")[1]
    assert ("瓦片集既无 `schema` 也无 `schemaUri` 时，其没有元数据模式，"
            "其元数据实体与统计信息所指明的类均不是模式中的类") in step2
    # 不适用 stays the case with no metadata entity, which is what the check now gives it for
    assert "不适用：所提供的瓦片集的文件中没有元数据实体" in _line(case, "判定准则")
    assert "a tileset with neither `schema` nor `schemaUri` has no metadata schema" in en_markdown
    known = yaml.safe_load((ROOT / "suites/scenes/known_bad.yaml").read_text(encoding="utf-8"))["SC-TILE-008"]
    assert any(c["files"]["tilesets"] == ["metadata-without-schema/tileset.json"] for c in known)
    fixture = json.loads((ROOT / "suites/scenes/fixtures/metadata-without-schema/tileset.json").read_text())
    assert "schema" not in fixture and "schemaUri" not in fixture and "metadata" not in fixture
    assert fixture["root"]["children"][0]["metadata"]["class"] == "building"


LISTING = ("file_name,width,height,captured,note\n"
           "a.jpg,10,10,2026-03-02T09:14:00+08:00,\n"
           "b.jpg,10,10,,\n")


def test_bx4_r1_judges_the_columns_annex_e8_defines_and_no_other():
    schema = json.loads((ROOT / "schemas/data/image-listing-row.json").read_text(encoding="utf-8"))
    assert set(quality.COLUMNS) == set(schema["properties"])
    parsed = quality.listing(LISTING.encode())
    assert parsed is not None
    images = [{"file_name": "a.jpg", "width": 10, "height": 10}, {"file_name": "b.jpg", "width": 10, "height": 10}]
    found = list(quality.completeness(images, parsed[1], "images.csv"))
    # the empty captured of line 3 is R1's; the further column's empty cells (lines 2 and 3) are not read
    assert [(f.rule, "captured" in f.message, "note" in f.message) for f in found] == [("R1", True, False)]


def test_bx4_r1_step_2_and_annex_e8_name_the_same_columns(zh_markdown, en_markdown):
    case = _case(zh_markdown, "DP-QUAL-001")
    said = "图像清单的 `file_name`、`width`、`height` 与 `captured` 列中没有空单元格"
    assert said in _line(case, "测试目的")  # R1, quoted in the purpose
    assert said in _line(case, "测试步骤")
    assert "清单中没有空单元格" not in zh_markdown
    annex = zh_markdown[zh_markdown.index("### E.8 "):zh_markdown.index("### E.9 ")]
    assert "另有的列不予读取。本表所列各列中的空单元格为数据质量检查的不符合项。" in annex
    assert "no empty cell in the image listing's `file_name`, `width`, `height` and `captured` columns" in en_markdown
    known = yaml.safe_load((ROOT / "suites/data/known_bad.yaml").read_text(encoding="utf-8"))["DP-QUAL-001"]
    assert any(c["rule"] == "R1" and "listing-cell-empty/street-scenes-images.csv" in c["files"]["data_products"]
               for c in known)
