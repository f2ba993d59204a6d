"""The leftovers of the thirty-sixth reading of issue 76, part i (docs/drafting.md, "Leftovers of the thirty-sixth
reading, part i"): row c3, a supplied file that is there but does not parse is a finding of the product (the file
adapter records it), so the robots and scenes file cases fail it: their inconclusive lines keep only a file that
cannot be obtained and their fail lines name the unparsable file; SC-BIM and the data products, whose readers
leave such a file unjudged, keep 「无法读取」. Each test fails on the draft as it was before this fix."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

_FAILING = ([f"RB-JOINT-{n:03d}" for n in (1, 2, 3)] + ["RB-TRACK-001", "RB-TRACK-002"]
            + [f"RB-URDF-{n:03d}" for n in (1, 2, 3)] + [f"SC-CITY-{n:03d}" for n in (*range(1, 11), 12, 13)]
            + ["SC-GEO-001"] + [f"SC-TILE-{n:03d}" for n in range(1, 12)])
_UNJUDGED = ["SC-BIM-001", "SC-BIM-003", "DP-PRICE-001", "DP-QUAL-001"]


def test_an_unparsable_file_fails_the_robots_and_scenes_cases(zh_markdown, en_markdown):
    """Row c3: 「缺失或无法读取」 promised 不确定 for a file the checks fail."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid in _FAILING:
        zh = _verdict_lines(zh_cases[rid], "zh")
        assert "无法读取" not in zh["不确定"].split("外部跟踪仪")[0] and "缺失或无法取得（访问被拒）" in zh["不确定"], rid
        assert "中有文件无法按其格式解析" in zh["不通过"], rid
        en = _verdict_lines(en_cases[rid], "en")
        assert "missing or cannot be obtained (access refused)" in en["Inconclusive"], rid
        assert "supplied cannot be parsed in its format" in en["Fail"], rid


def test_a_reader_leaving_an_unparsable_file_unjudged_keeps_it_inconclusive(zh_markdown, en_markdown):
    """Row c3: SC-BIM's IFC reader and the data products' descriptions leave such a file unjudged."""
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid in _UNJUDGED:
        zh = _verdict_lines(zh_cases[rid], "zh")
        en = _verdict_lines(en_cases[rid], "en")
        assert "缺失或无法读取" in zh["不确定"] and "missing or unreadable" in en["Inconclusive"], rid
        if rid.startswith("DP-"):  # a `.json` that is not JSON at all fails (sixty-sixth reading, part h129-files2)
            assert "无法按其格式解析" not in zh["不通过"] or "JSON 解析" in zh["不通过"], rid
            continue
        assert "无法按其格式解析" not in zh["不通过"] and "cannot be parsed" not in en["Fail"], rid
