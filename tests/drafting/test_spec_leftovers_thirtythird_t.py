"""The leftovers of the thirty-third reading of issue 76, part t (docs/drafting.md, "Leftovers of the thirty-third
reading, part t"): DP-LABEL-005 fails a target text that is not UTF-8, states its not-applicable state as the check
gives it and names its Web Annotation inputs (row a3); SC-TILE-007 collects the extension a 3D Tiles 1.0 tileset
implies and has no not-applicable (a11); TD-FACE-005's quarter of 250 ms is 62.5 ms (a12); TD-MPLAT-002's
inconclusive line covers a displacement-only stream (a13). Each test fails on the draft as it was before these
fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_a_text_that_is_not_utf8_fails_and_not_applicable_is_the_checks(zh_markdown, en_markdown):
    """a3: the check fails R1 on a text that does not decode, the text's 不确定 (「无法读取」) seemed to cover it; the
    check is not applicable without an annotation on a supplied text, the text said without any annotation; the
    annotation documents the check reads were named by no IXIT input."""
    zh = _cases(zh_markdown)["DP-LABEL-005"]
    lines = _verdict_lines(zh, "zh")
    assert "违反规则 R1" in _steps(zh, "zh")[1] and "不是有效 UTF-8" in lines["不通过"]
    assert "无法读取" not in lines["不确定"] and "UTF-8" not in lines["不确定"]
    assert "没有以所提供的文本文件为目标的 W3C Web Annotation" in lines["不适用"]
    assert "W3C Web Annotation 文件及其所标注的文本文件" in _row(zh, "前置条件")
    en = _cases(en_markdown)["DP-LABEL-005"]
    lines = _verdict_lines(en, "en")
    assert "breaking rule R1" in _steps(en, "en")[1] and "not valid UTF-8" in lines["Fail"]
    assert "UTF-8" not in lines["Inconclusive"]
    assert "whose target is a text file supplied" in lines["Not applicable"]
    assert "W3C Web Annotation documents" in _row(en, "Initial conditions")
    table = zh_markdown[zh_markdown.index("交易的数据产品与标注数据产品的 IXIT"):][:2000]
    assert "W3C Web Annotation 文件" in table


def test_the_tiles_case_collects_the_implied_extension_and_has_no_not_applicable(zh_markdown, en_markdown):
    """a11: the check counts 3DTILES_content_gltf for glTF content in a 3D Tiles 1.0 tileset, which step 2 never
    collected, and never gives not applicable, which the text gave a tileset using no extension."""
    zh = _cases(zh_markdown)["SC-TILE-007"]
    assert "`3DTILES_content_gltf`" in _steps(zh, "zh")[1]
    assert _verdict_lines(zh, "zh")["不适用"].startswith("不适用：无（")
    en = _cases(en_markdown)["SC-TILE-007"]
    assert "`3DTILES_content_gltf`" in _steps(en, "en")[1]
    assert _verdict_lines(en, "en")["Not applicable"].startswith("Not applicable: none (")


def test_a_quarter_of_250_ms_is_62_5_ms(zh_markdown, en_markdown):
    """a12: 「不大于 62 ms，即 250 ms 时延限值的四分之一」."""
    zh = _row(_cases(zh_markdown)["TD-FACE-005"], "前置条件")
    assert "62.5 ms，即 250 ms 时延限值的四分之一" in zh and "62 ms" not in zh
    en = _row(_cases(en_markdown)["TD-FACE-005"], "Initial conditions")
    assert "within 62.5 ms (*k* = 2), a quarter of the 250 ms" in en


def test_a_displacement_only_platform_stream_is_inconclusive(zh_markdown, en_markdown):
    """a13: a capture whose only stream a declared displacement-only instrument measured is inconclusive in the
    check, and met no verdict line."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-MPLAT-002"], "zh")["不确定"]
    assert "测得速度（`quantities` 不只为 `[displacement]`）" in zh
    en = _verdict_lines(_cases(en_markdown)["TD-MPLAT-002"], "en")["Inconclusive"]
    assert "whose velocities a declared instrument measured" in en
