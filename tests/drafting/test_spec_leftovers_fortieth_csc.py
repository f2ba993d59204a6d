"""The leftovers of the fortieth reading of issue 76, part cSC (docs/drafting.md, "Leftovers of the fortieth reading,
part cSC"): the robots and scenes rows c1 and c3 to c6. RB-URDF-003 states the numerical tolerance of R3's
comparisons (c1); SC-BIM-010 names the IfcGrid its R1 admits and what steps 3, 4 and 6 leave to SC-BIM-007 and
SC-BIM-009 (c3); SC-BIM-008 names the enumeration values its R3 judges (c4); SC-CITY-004 and the geometry cases
record a file whose vertices cannot be placed as not judged and name it (c5); the SC-TILE cases that walk a tileset
state the test equipment's 200 000 tiles (c6). Each test fails on the draft or the harness as they were before
these fixes."""

from __future__ import annotations

import json

import pytest

from conformance.areas.scenes import cityjson, tiles
from tests.conftest import manifest_for, verdicts
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

DISTRICT = ROOT / "src" / "conformance" / "reference" / "samples" / "city_models" / "district.city.json"
#: the SC-TILE cases whose checks read the tiles through tiles.walk (SC-TILE-001 reads the tileset JSON only,
#: SC-TILE-006 hands the tileset to the official validator)
WALKING = ("SC-TILE-002", "SC-TILE-003", "SC-TILE-004", "SC-TILE-005", "SC-TILE-007", "SC-TILE-008", "SC-TILE-009",
           "SC-TILE-010", "SC-TILE-011")


def _steps(case: str, lang: str) -> str:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure")


def _plain(text: str) -> str:
    """The text without the rendering's code marks and non-breaking hyphens."""
    return text.replace("`", "").replace("\u2011", "-")


def test_the_inertia_step_states_its_tolerance(zh_markdown, en_markdown):
    """c1: urdf.inertials allows 10⁻⁶ of the moments' sum or 10⁻¹² kg·m², which no step stated."""
    zh = _steps(_cases(zh_markdown)["RB-URDF-003"], "zh")
    # part h94-basisA: 「10⁻⁶ 倍」 and the unit's symbol kg·m²
    assert "主惯性矩之和的 10⁻⁶ 倍或 10⁻¹² kg·m²（取大者）的数值误差（本文件规定的数值容差）" in zh
    en = _steps(_cases(en_markdown)["RB-URDF-003"], "en")
    assert "10⁻⁶ of the moments' sum or 10⁻¹² kg·m², whichever is larger (the numerical tolerance this document sets)" in en


def test_the_reference_view_values_state_what_they_admit_and_leave(zh_markdown, en_markdown):
    """c3: R1 admits the view's IfcGrid, steps 3 and 4 leave entities outside the view to SC-BIM-007 and step 6
    mapped representations to SC-BIM-009 R6, none of which the case said."""
    zh_case, en_case = _cases(zh_markdown)["SC-BIM-010"], _cases(en_markdown)["SC-BIM-010"]
    zh, en = _plain(_steps(zh_case, "zh")), _plain(_steps(en_case, "en"))
    assert "IfcGrid" in zh and "IfcGrid" in en
    assert zh.count("由 SC-BIM-007 判定") == 2 and en.count("SC-BIM-007's and not judged here") == 2
    assert "MappedRepresentation 由 SC-BIM-009 判定" in zh and "MappedRepresentation is SC-BIM-009's" in en
    assert "IfcGrid" in _plain(zh_case.split("测试步骤")[0]) and "IfcGrid" in _plain(en_case.split("Test procedure")[0])


def test_the_property_rule_names_the_enumeration_values(zh_markdown, en_markdown):
    """c4: ifc_psets fails an enumerated value not among the template's enumerators under R3, which spoke of kind
    and data type only."""
    zh_case, en_case = _cases(zh_markdown)["SC-BIM-008"], _cases(en_markdown)["SC-BIM-008"]
    assert "枚举属性的取值为定义所列的枚举值（规则 R3）" in _steps(zh_case, "zh")
    assert "an enumerated property with values among the definition's enumerators (rule R3)" in _steps(en_case, "en")
    assert zh_case.count("枚举属性的取值为定义所列的枚举值") >= 3  # R3, step 5 and the expected result


def test_the_tileset_cases_state_the_tiles_they_walk(zh_markdown, en_markdown):
    """c6: tiles.walk stops after 200 000 tiles of a tileset, a bound no SC-TILE case stated."""
    assert tiles.MAX_TILES == 200_000
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for case in WALKING:
        assert "至多沿其瓦片树读取 200 000 个瓦片（读取界限“瓦片集的瓦片数”，见 5.1）" in _steps(zh[case], "zh"), case
        assert "at most 200 000 tiles of each tileset JSON's tile tree are read (the reading bound \"tiles of a tileset\", see 5.1)" in \
            _steps(en[case], "en"), case


def _unplaced(tmp_path) -> str:
    """The district sample without its `transform` (SC-CITY-001's finding): extents and geometry it cannot place."""
    data = json.loads(DISTRICT.read_text("utf-8"))
    del data["transform"]
    path = tmp_path / "no-transform.city.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_model_whose_vertices_cannot_be_placed_is_unplaced():
    """c5: cityjson.unplaced tells the files the extents and geometry cases record not judged."""
    data = json.loads(DISTRICT.read_text("utf-8"))
    assert not cityjson.unplaced(data) and not cityjson.unplaced(data, 0.001)
    del data["transform"]
    assert cityjson.unplaced(data) and cityjson.unplaced(data, 0.001)


@pytest.mark.parametrize("requirement", ["SC-CITY-004", "SC-CITY-007", "SC-CITY-013"])
def test_a_model_whose_vertices_cannot_be_placed_is_not_judged(requirement, tmp_path, catalog, run_manifest):
    """c5: SC-CITY-004 was not applicable ("no geographicalExtent") for a model with extents but no usable vertices,
    and the geometry cases passed over its geometry without a record."""
    result = run_manifest(manifest_for(catalog, "scene-cityjson", files={"city_models": [_unplaced(tmp_path)]}),
                          requirements=[requirement])
    assert verdicts(result) == {requirement: "inconclusive"}


@pytest.mark.parametrize("case", ["SC-CITY-004", "SC-CITY-007", "SC-CITY-008", "SC-CITY-009", "SC-CITY-012",
                                  "SC-CITY-013"])
def test_the_inconclusive_lines_name_a_model_whose_vertices_cannot_be_read(case, zh_markdown, en_markdown):
    """c5: the lines did not name the state (in words: an ID's digits read as a bound of the method, the nineteenth
    reading's row 13)."""
    zh = _plain(_verdict_lines(_cases(zh_markdown)[case], "zh")["不确定"])
    en = _plain(_verdict_lines(_cases(en_markdown)[case], "en")["Inconclusive"])
    assert "顶点或 transform 无法使用（另一城市模型用例的不符合项）" in zh
    assert "vertices or transform is unusable (another city model case's finding)" in en
