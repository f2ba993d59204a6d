"""The leftovers of the thirty-fifth reading of issue 76, part h (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part h"): the scenes cases. SC-BIM-006 named its schema `IFC4.3` (row c3); SC-BIM-009's step 5 and R3 to R5
named no files (c4); SC-CITY-004's tolerance and its GeometryInstance exclusion stood in the notes only (c7);
SC-BIM-010's 不适用 line lacked the state of no Reference View file (c8); SC-CITY-001 wrote `CityJSONFeatures`
(c17); SC-BIM-010 R4 marked the words of two concept names as code (c18); the English 不适用 line of nine SC-CITY
cases stacked "… exports supplied hold no …" (c20). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

import pytest

from conformance import Catalog
from conformance.drafting.supplied import supplied
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def _purpose(case: str, lang: str) -> str:
    return _row(case, "测试目的" if lang == "zh" else "Test purpose")


def test_no_schema_is_named_by_its_release_name(zh_markdown, en_markdown):
    """Row c3: SC-BIM-006 wrote `IFC4.3` (a value no FILE_SCHEMA holds) three times a language."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        assert "IFC4.3" not in markdown
        case = _cases(markdown)["SC-BIM-006"]
        assert "`IFC4X3_ADD2`" in _purpose(case, lang)
        assert "`IFC4X3_ADD2`" in _steps(case, lang)[2]
        assert "`IFC4X3_ADD2`" in _verdict_lines(case, lang)["通过" if lang == "zh" else "Pass"]


def test_the_coordination_view_rules_name_their_files(catalog: Catalog, zh_markdown, en_markdown):
    """Row c4: step 5 and R5 (and R3, R4) named no files, so a laboratory applied R5 to Reference View files too;
    R3 and step 4 left out the projection the statement and the check judge."""
    rules = {r.id: r for r in catalog.requirements["SC-BIM-009"].rules}
    for rid in ("R3", "R4", "R5"):
        assert rules[rid].en.startswith("In an IFC2X3 Coordination View file, "), rid
        assert rules[rid].zh.startswith("在 IFC2X3 协调视图文件中，"), rid
    assert "the opening or projection" in rules["R3"].en and "洞口与凸出体" in rules["R3"].zh
    zh, en = _cases(zh_markdown)["SC-BIM-009"], _cases(en_markdown)["SC-BIM-009"]
    assert _steps(zh, "zh")[4].startswith("5. 对这些协调视图文件，") and "（规则 R5）" in _steps(zh, "zh")[4]
    assert _steps(en, "en")[4].startswith("5. In those Coordination View files, ")
    assert "洞口与凸出体" in _steps(zh, "zh")[3] and "the opening or projection" in _steps(en, "en")[3]


def test_the_extent_tolerance_stands_in_the_case(zh_markdown, en_markdown):
    """Row c7: the half-`scale` tolerance and the GeometryInstance exclusion were in the notes only."""
    zh, en = _cases(zh_markdown)["SC-CITY-004"], _cases(en_markdown)["SC-CITY-004"]
    step = next(s for s in _steps(zh, "zh") if "（规则 R2）" in s)
    assert "本文件规定的 0.5 个 `scale` 步长" in step and "`GeometryInstance` 的顶点" in step and "不作比较" in step
    step = next(s for s in _steps(en, "en") if "(rule R2)" in s)
    assert "0.5 of a `scale` step" in step and "`GeometryInstance`" in step and "not compared" in step
    for case, lang, half, out in ((zh, "zh", "本文件规定的 0.5 个 `scale` 步长", "不作比较"),
                                  (en, "en", "0.5 of a `scale` step", "not compared")):
        purpose = _purpose(case, lang)
        assert purpose.count(half) == 3 and purpose.count(out) == 3, purpose  # the statement, R2 and R3


def test_the_reference_view_case_names_its_not_applicable_state(zh_markdown, en_markdown):
    """Row c8: SC-BIM-010's 不适用 line named only the ICS, though the helper it shares with SC-BIM-007 gives
    not applicable where no file declares the IFC4 Reference View."""
    zh = _verdict_lines(_cases(zh_markdown)["SC-BIM-010"], "zh")["不适用"]
    assert "，或没有文件声明 IFC4 参考视图" in zh
    en = _verdict_lines(_cases(en_markdown)["SC-BIM-010"], "en")["Not applicable"]
    assert ", or no file declares the IFC4 Reference View" in en


def test_the_feature_type_is_named_whole(en_markdown):
    """Row c17: SC-CITY-001 wrote the plural `CityJSONFeatures`, no type of CityJSON."""
    case = _cases(en_markdown)["SC-CITY-001"]
    assert "CityJSONFeatures" not in case
    assert _purpose(case, "en").count("then `CityJSONFeature` objects, each") == 1
    assert "then `CityJSONFeature` objects, each" in _verdict_lines(case, "en")["Pass"]


def test_the_concept_names_are_whole_and_plain(en_markdown):
    """Row c18: SC-BIM-010 R4 printed "(`FootPrint` `GeomSet`, Body `SweptSolid` `PolyCurve` Geometry)"."""
    case = _cases(en_markdown)["SC-BIM-010"]
    names = '(concepts "FootPrint GeomSet Geometry" and "Body SweptSolid PolyCurve Geometry")'
    assert names in _purpose(case, "en")
    assert "`GeomSet`" not in case and "`PolyCurve`" not in case


def test_supplied_stands_before_a_description_ending_in_a_clause():
    """Row c20: the generator's join."""
    assert supplied("CityJSON files or CityJSON Text Sequences the implementation under test exports") == \
        "supplied CityJSON files or CityJSON Text Sequences that the implementation under test exports"
    assert supplied("tileset's files") == "tileset's files supplied"


@pytest.mark.parametrize("lang", ["en"])
def test_no_not_applicable_line_stacks_two_relative_clauses(en_markdown, lang):
    """Row c20: nine SC-CITY cases read "… the implementation under test exports supplied hold no …"; over every
    case, no not-applicable line sets "supplied" after a clause's verb."""
    cases = _cases(en_markdown)
    lines = {rid: _verdict_lines(case, lang)["Not applicable"] for rid, case in cases.items()}
    assert not [rid for rid, line in lines.items() if re.search(r"implementation under test \w+ supplied", line)]
    city = [rid for rid, line in lines.items() if line.startswith(
        "Not applicable: the supplied CityJSON files or CityJSON Text Sequences that the implementation under test "
        "exports hold no ")]
    assert len(city) == 9, city
