"""The leftovers of the thirty-second reading of issue 76, part r (docs/drafting.md, "Leftovers of the thirty-second
reading, part r"): annex C's English titles mark the code values their Chinese marks (row b3); the 编制说明's Chinese
cites the sections of Chinese documents as those documents number them (b13); the 编制说明's English marks the code
values its Chinese marks (b14). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from .test_spec_leftovers_fourteenth import cited_only


def _lines(markdown: str) -> list[str]:
    return [line for line in markdown.split("\n") if line.strip() and not line.startswith("|---")]


def _codes(line: str) -> Counter[str]:
    # a JSON body with a Chinese placeholder is translated, not the same code value
    return Counter(c for c in re.findall(r"`([^`]+)`", line) if not re.search(r"[\u4e00-\u9fff]", c))


def _annex(markdown: str, letter: str) -> list[str]:
    start = re.search(rf"^## (附录 {letter}|Annex {letter})", markdown, re.M).start()
    end = re.search(rf"^## (附录|Annex) {chr(ord(letter) + 1)}", markdown, re.M).start()
    return _lines(markdown[start:end])


def test_annex_c_marks_in_english_what_its_chinese_marks(zh_markdown, en_markdown):
    """b3: AS-AIGC-003 ("asset.extras"), AS-META-005 ("asset_id") and AS-USD-002 ("prim") plain in English."""
    zh, en = _annex(zh_markdown, "C"), _annex(en_markdown, "C")
    assert len(zh) == len(en)
    assert [(z, e) for z, e in zip(zh, en) if _codes(z) - _codes(e)] == []
    assert "`asset.extras`" in "\n".join(en) and "`asset_id`" in "\n".join(en)


def test_the_note_marks_in_english_what_its_chinese_marks(note_md, note_md_en):
    """b14: 96 lines of the English note (3.4's 78 operations, 4 (2)-(4), 8.2, 8.4, 8.12) printed plain the code
    values its Chinese marks; each line now marks at least as many of each as the Chinese line does."""
    zh, en = _lines(note_md), _lines(note_md_en)
    assert len(zh) == len(en)
    assert [(dict(_codes(z) - _codes(e)), e[:120]) for z, e in zip(zh, en) if _codes(z) - _codes(e)] == []
    assert "| `GET /1.0/resolve` |" in note_md_en
    assert "`usd-core`'s UsdValidation" in note_md_en and "`check_urdf`" in note_md_en


def _basis(note: str, requirement: str) -> str:
    return next(line for line in note.split("\n") if line.startswith(f"| {requirement.replace('-', '‑')} |"))


def test_the_chinese_note_cites_chinese_documents_as_they_number_themselves(note_md, catalog):
    """b13: 「参考文献[31] Art. 4」, 「个人信息安全规范 3.1 personal information」, 「公民身份号码 Check character」,
    「6.2; 6.3」 and 「Art. 51; Art. 73」 in 三（三）'s Chinese cells; the English cells stay as they were."""
    # ID-PRIV-001's notes give its 18 characters since the forty-third reading (part h95-basisN): its cited documents
    # as the row writes them for notes that give no basis
    priv, bio = cited_only(catalog, "zh", ("ID-PRIV-001",))["ID-PRIV-001"], _basis(note_md, "TD-BIO-004")
    # every article cited since the thirty-fourth reading's lead (TD-FACE-001's second extension was lost): 第二十八条 too
    assert re.search(r"参考文献\[\d+\] 第四条、第二十八条；", priv) and "个人信息安全规范 3.1；" in priv and "公民身份号码的校验码" in priv
    # TD-BIO-004's notes say its 11 digits are the catalog's own since the forty-first reading (c20): quoted, not cited
    assert "11 位（首位为 1、第二位为 3 至 9）为本文件自定" in bio
    assert not re.search(r"Art\.|Article|personal information|Check character|; ", priv + bio)
    assert re.search(r"Bibliography \[\d+\] Art\. 4", cited_only(catalog, "en", ("ID-PRIV-001",))["ID-PRIV-001"])


@pytest.mark.parametrize("section, chinese", [
    ("Articles 13, 14 and 47, paragraph 1, item 3", "第十三条、第十四条、第四十七条第一款第三项"),
    ("Article 45, second paragraph", "第四十五条第二款"),
    ("Article 55, para. 1, items 2 and 3", "第五十五条第一款第二项、第三项"),
    ("3.2, Annex A and Annex B", "3.2、附录 A、附录 B"),
    ("5.2 minimum necessity of collecting personal information", "5.2"),
    ("item 1: one hour from 20:00 to 21:00", "第一项"),
    ("Hand dimensions - hand length percentiles, by sex", "（Hand dimensions - hand length percentiles, by sex）"),
])
def test_a_section_of_a_chinese_document_in_its_own_numbering(section, chinese):
    """b13: each form the catalog writes a Chinese document's section in."""
    from conformance.drafting.sectionzh import chinese_section

    assert chinese_section(section) == chinese


def test_numerals_past_ninety_nine():
    from conformance.drafting.sectionzh import numeral

    assert [numeral(n) for n in (4, 73, 105, 115, 260)] == ["四", "七十三", "一百零五", "一百一十五", "二百六十"]
