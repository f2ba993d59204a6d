"""The forty-second reading, part h94-refs (issue 76): a3, table B.2's JPEG Pleno part 5 is a dated document of
the 参考文献; a9, GB 4943.1—2022 carries its correspondence to IEC 62368-1:2018 in clause 2; a13, clause 4's
brackets hold the English full name alone; a15, annex B says what is not tested, not what the drafting group could
not consult; d17, 编制说明 三（三） cites a section of a document not written in Chinese by its number, no English
words beside it."""

from __future__ import annotations

import re

from .test_spec_leftovers_fourteenth import cited_only


def _clause(markdown: str, start: str, end: str) -> str:
    return markdown[markdown.index(start):markdown.index(end, markdown.index(start))]


def test_jpeg_pleno_part_five_is_cited_and_listed(zh_markdown):
    annex_b = _clause(zh_markdown, "## 附录 B", "## 附录 C")
    assert "`JPEG Pleno` 第 5 部分（ISO/IEC 21794-5:2024）" in annex_b.replace("\u2011", "-")
    bibliography = zh_markdown[zh_markdown.index("## 参考文献"):]
    assert "ISO/IEC 21794-5:2024 Information technology — Plenoptic image coding system (JPEG Pleno) — Part 5: " \
           "Holography" in bibliography.replace("\u2011", "-")


def test_gb_4943_names_the_international_standard_it_modifies(zh_markdown):
    clause_2 = _clause(zh_markdown, "## 2 规范性引用文件", "## 3 术语和定义")
    assert "第1部分：安全要求（IEC 62368-1:2018，MOD）" in clause_2


def test_clause_4_brackets_hold_the_english_name_alone(zh_markdown):
    clause_4 = _clause(zh_markdown, "## 4 缩略语", "## 5 ")
    brackets = re.findall(r"^\S[^：\n]*：.*（([^（）]*(?:\([^()]*\)[^（）]*)*)）$", clause_4, re.MULTILINE)
    assert len(brackets) > 50
    glossed = [b for b in brackets if "(" in b or " jointly" in b]
    assert not glossed, glossed


def test_annex_b_carries_no_remark_of_the_drafting_group(zh_markdown, note_md):
    annex_b = _clause(zh_markdown, "## 附录 B", "## 附录 C")
    for remark in ("此处无法查阅", "手头没有", "无法查阅并引用"):
        assert remark not in annex_b, remark
    assert "因起草组未能查阅并引用其条款" in note_md and "“实体列表”电子表格" in note_md


def test_sections_of_foreign_documents_are_cited_by_number(note_md, catalog):
    limits = note_md[note_md.index("### （三）各项限值的确定依据"):note_md.index("### （四）")]
    cells = re.findall(r"所引(?:文件|标准)：([^|]*)", limits)
    assert cells
    # an English word of a section title: a capitalised word with a lower-case letter after it that is no name of
    # the document's own (an OpenXR extension or type, a file name)
    words = [c for c in cells for part in re.split(r"[；、]", c)
             if re.search(r"(?:\)|\]) ?(?:\d+(?:\.\d+)* )?[A-Z][a-z]+(?: [A-Za-z]+)*\s*$", part.strip())]
    assert not words, words
    # AS-REG-005's row cited RFC 9110's 「15.5、9.2.2」 until part basisA gave its step values their own basis; the
    # JSON-RPC sections TD-TACT-003 cites stand as the sample since, written as notes giving no basis would (its notes
    # say where 0 N comes from since part h95-basisT); a clause 2 reference since the forty-third reading's a1, cited
    # as clause 2 lists it
    row = cited_only(catalog, "zh")["TD-TACT-003"]
    assert "JSON-RPC 2.0 Specification (2013-01-04) 4、5" in row and "Request object" not in row and "Response object" not in row


def test_foreign_sections_by_their_numbers():
    from conformance.drafting.sectionzh import foreign_section

    assert foreign_section("4 Request object, 5 Response object") == "4、5"
    assert foreign_section("15.5; 9.2.2 Idempotent Methods") == "15.5、9.2.2"
    assert foreign_section("Specification") == ""
    assert foreign_section("XrTime; XrSystemProperties") == "XrTime、XrSystemProperties"
    assert foreign_section("5.5.5; Annex A") == "5.5.5、附录 A"
    assert foreign_section("Abstract and results") == "摘要与结果"


def test_every_bibliography_entry_is_cited(zh_markdown, note_md):
    """a4: each standard the 参考文献 lists is cited in the draft or the 编制说明, by its number 「参考文献[N]」 or by
    its document number (「ISO/IEC 21794-5:2024」, 「RFC 8216」)."""
    draft = zh_markdown.replace("\u2011", "-")
    start = draft.index("## 参考文献")
    text, bibliography = draft[:start] + note_md.replace("\u2011", "-"), draft[start:]
    uncited = []
    for number, entry in re.findall(r"^\[(\d+)\]\s*(.*)$", bibliography, re.MULTILINE):
        designation = re.match(r"(?:Recommendation )?((?:ISO/IEC|ISO/TS|ISO|IEC|RFC|3GPP TS|GB/T|GB|ASTM|ETSI EN|NIST SP|"
                               r"ITU-R|Regulation \(EU\)) ?[\w./-]*\d[\w.-]*)", entry)
        cited = re.search(rf"参考文献\[(?:[\d、，至\]\[]*\D)?{number}\]", text) or \
            designation and designation.group(1).split(":")[0] in text
        if not cited and designation:
            uncited.append(f"[{number}] {entry[:60]}")
    assert not uncited, uncited


def test_the_group_standard_without_a_code_is_explained(note_md):
    """a2: no T/CADPA code was found; the 编制说明 says why the entry has none."""
    assert "《网络游戏适龄提示（试行）》未注团体标准编号" in note_md
