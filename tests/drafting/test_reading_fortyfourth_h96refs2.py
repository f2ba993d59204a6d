"""The forty-fourth reading of issue 76, part h96-refs2 (docs/drafting.md, "Forty-fourth reading, part h96-refs2"): a
test case's pointer to the 参考文献 names its entries' numbers, computed from the list as annex E's leads do
(part h96-terms' `drafting/bibcites.py`); AS-AIGC-013 and -015's steps said 「依参考文献所列的 XMP 规范第 3 部分」
of a list of some 170 entries. Each test fails on the draft as it was before this part."""

from __future__ import annotations

import re

import pytest

from conformance.drafting.bibcites import numbered_cells
from tests.drafting.test_reading_fortyfourth_h96terms import _number

#: a line the pointer rule does not read: a heading, or a line of the table of contents (its anchor `#bibliography`)
_NOT_TEXT = re.compile(r"^(#+ |- \[).*$", re.M)


def test_every_pointer_to_the_bibliography_names_its_entries(zh_markdown, en_markdown):
    """Over the whole draft, in both languages: 「参考文献」 / "bibliography" outside a heading and the contents is
    followed by its entries' numbers (「参考文献[48]」, "Bibliography [48]"), whatever the phrase pointing to it."""
    assert re.findall(r".{0,30}参考文献(?!\[)", _NOT_TEXT.sub("", zh_markdown)) == []
    assert re.findall(r"(?i).{0,30}bibliography(?! \[)", _NOT_TEXT.sub("", en_markdown)) == []


def test_the_label_cases_cite_each_informal_document_by_its_number(zh_markdown, en_markdown):
    """AS-AIGC-013 and -015: each informal document a layout follows is cited by its own entry."""
    xmp = _number(zh_markdown, "XMP Specification Part 3")
    assert f"存放位置依 XMP 规范第 3 部分（见参考文献[{xmp}]）" in zh_markdown
    assert f"XMP 盒的位置依 XMP 规范第 3 部分（见参考文献[{xmp}]）" in zh_markdown
    for named, entry in {"多媒体编程接口与数据规范 1.0": "Multimedia Programming Interface",
                         "ID3 标签 2.4.0 版": "ID3 tag", "Vorbis I 规范": "Vorbis I specification",
                         "文件格式规范": "QuickTime File Format"}.items():
        assert f"{named}（见参考文献[{_number(zh_markdown, entry)}]）" in zh_markdown, named
    assert f"the XMP Specification Part 3 (see Bibliography [{xmp}])" in en_markdown


class _Writer:
    lang = "zh"
    bibliography = {"A": 3, "B": 1}

    @staticmethod
    def t(zh: str, en: str) -> str:
        return zh


def test_a_cases_cites_must_match_its_pointers():
    """The numbers are taken across the case's parts in order; a pointer without its `cites`, or a `cites` without
    its pointer, is an error of the catalog, never a text printed without a number."""
    cells = ["甲（见参考文献）", "无", "乙（见参考文献）与丙（见参考文献）"]
    assert numbered_cells(_Writer(), cells, [["A"], ["B"], ["A", "B"]]) == [
        "甲（见参考文献[3]）", "无", "乙（见参考文献[1]）与丙（见参考文献[1]、[3]）"]
    with pytest.raises(ValueError):
        numbered_cells(_Writer(), cells, [["A"], ["B"]])
    with pytest.raises(ValueError):
        numbered_cells(_Writer(), cells[:2], [["A"], ["B"]])
