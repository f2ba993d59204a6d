"""The lead's follow-ups of the thirty-first reading's parts (issue 76; docs/drafting.md, "Leftovers of the
thirty-first reading, the lead"): what a part noticed beside its row, or what its fix left in a sibling."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def test_the_coco_case_is_not_applicable_by_the_files_it_reads(zh_markdown, en_markdown):
    """Part e's a5, its 不适用 line: DP-LABEL-001 looks for COCO files among every file supplied, but its line
    said the data products' descriptions held none."""
    zh = _verdict_lines(_cases(zh_markdown)["DP-LABEL-001"], "zh")["不适用"]
    en = _verdict_lines(_cases(en_markdown)["DP-LABEL-001"], "en")["Not applicable"]
    assert "数据产品的描述" not in zh and "所提供的文件中没有 COCO 标注文件" in zh
    assert "descriptions" not in en and "files supplied hold no COCO annotation file" in en
