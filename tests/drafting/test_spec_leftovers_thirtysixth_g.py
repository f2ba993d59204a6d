"""The leftovers of the thirty-sixth reading of issue 76, part g (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part g"): the scenes cases. SC-TILE-005/-009 state the harness's bounds on a glTF file (row c6);
SC-TILE-008/-010 name a metadata schema not supplied as inconclusive and SC-TILE-010 its `noData` exclusion (row
c7); SC-RENDER-001..004 give a missing video decoder as inconclusive, never a fail (row c12); SC-TILE-002 and -006
name the states their checks leave unjudged (row c14); SC-BIM-005 marks `ViewDefinition [...]` whole in English
(row c18). The checks' tests are tests/areas/scenes/test_render_no_decoder.py and test_tileset_unjudged.py. Each
test fails on the draft as it was before these fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def _inconclusive(markdown: str, rid: str, lang: str) -> str:
    return _verdict_lines(_cases(markdown)[rid], lang)["不确定" if lang == "zh" else "Inconclusive"]


def test_the_gltf_cases_state_the_harness_bounds(zh_markdown, en_markdown):
    """Row c6: a file over 16 MiB or one the validator ran out of memory on was unjudged, and a resource declined
    left a file not wholly judged, while step 3 and 不确定 named neither."""
    for rid, step in (("SC-TILE-005", 2), ("SC-TILE-009", 4)):
        assert "16 MiB" in _steps(_cases(zh_markdown)[rid], "zh")[step]
        assert "16 MiB" in _steps(_cases(en_markdown)[rid], "en")[step]
        # the bounds are 5.1's (forty-first reading, c4), the validator's memory one of them since the sixty-seventh
        # reading (h130-assets, b3)
        assert "超过读取界限“glTF 校验的文件大小”或读取界限“glTF 校验的内存”（见 5.1）而未被判定" in _inconclusive(
            zh_markdown, rid, "zh")
        assert ('past the reading bound "glTF file size validated" or "memory of glTF validation" (see 5.1)'
                in _inconclusive(en_markdown, rid, "en"))
    assert "外部资源未被读取" in _inconclusive(zh_markdown, "SC-TILE-005", "zh")


def test_the_metadata_cases_name_a_schema_not_supplied(zh_markdown, en_markdown):
    """Row c7: a `schemaUri` not among the supplied files was only noted (不适用 alone, 通过 beside another tileset);
    a `noData` value was passed over unsaid."""
    for rid in ("SC-TILE-008", "SC-TILE-010"):
        assert "`schemaUri` 所指的模式不在所提供的文件之中" in _inconclusive(zh_markdown, rid, "zh")
        assert "the schema its `schemaUri` names is not among the supplied files" in _inconclusive(en_markdown, rid,
                                                                                                     "en")
    assert "`noData`" in _steps(_cases(zh_markdown)["SC-TILE-010"], "zh")[2]
    assert "`noData`" in _steps(_cases(en_markdown)["SC-TILE-010"], "en")[2]


def test_a_missing_decoder_is_no_verdict_in_the_rendering_cases(zh_markdown, en_markdown):
    """Row c12: the checks failed the platform when the harness lacked PyAV. Since the forty-first reading (c5) a
    laboratory without a decoder has not run the case (未执行, 6.1): no verdict line names the equipment's state."""
    for rid in ("SC-RENDER-001", "SC-RENDER-002", "SC-RENDER-003", "SC-RENDER-004"):
        assert "解码器" not in _inconclusive(zh_markdown, rid, "zh")
        assert "decoder" not in _inconclusive(en_markdown, rid, "en")
        fails = _verdict_lines(_cases(zh_markdown)[rid], "zh")["不通过"]
        assert "无法解码" in fails and "解码器" not in fails
    assert "流无法解码" not in _inconclusive(zh_markdown, "SC-RENDER-002", "zh")


def test_the_containment_and_validator_cases_name_their_unjudged_states(zh_markdown, en_markdown):
    """Row c14: a region not comparable with a box or sphere, and a tileset not given to the 3D Tiles validator,
    were states no line named."""
    assert "区域与长方体或球体之间" in _inconclusive(zh_markdown, "SC-TILE-002", "zh")
    assert "`region`" in _steps(_cases(en_markdown)["SC-TILE-002"], "en")[2]
    assert "a region against a box or sphere" in _inconclusive(en_markdown, "SC-TILE-002", "en")
    assert "该瓦片集不交付校验" in _inconclusive(zh_markdown, "SC-TILE-006", "zh")
    assert "not given for validation" in _inconclusive(en_markdown, "SC-TILE-006", "en")
    # step 3 names no validator since the forty-third reading (part h95-cases, cx2): such a tileset is not checked
    assert "is not checked" in _steps(_cases(en_markdown)["SC-TILE-006"], "en")[2]


def test_sc_bim_005_marks_the_view_definition_literal_whole(en_markdown):
    """Row c18: the English statement, R1 and 通过 line marked only `ViewDefinition` and left "[...]" as prose."""
    case = _cases(en_markdown)["SC-BIM-005"]
    assert "`ViewDefinition` [" not in en_markdown
    assert "as `ViewDefinition [...]`" in _verdict_lines(case, "en")["Pass"]
