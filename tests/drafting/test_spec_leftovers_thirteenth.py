"""The leftovers of the thirteenth reading of issue 76 (docs/drafting.md, "Leftovers of the thirteenth reading"),
each closed at its source: the 310 test-case tables named in the text, no hanging paragraph (a first subclause
「通则」 instead, every clause citation following the renumbering), RFC 8254 listed, the capture field `t` set as code
in English, one micro sign. Each test fails on the draft before the change; the scans also on a planted defect."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from conformance.drafting.tablenumbers import number_tables
from conformance.drafting.writer import Block, clause_ref

ROOT = Path(__file__).resolve().parents[2]

#: a table's caption line: 表 12　…, 表 A.3　…, Table 12 — …, Table A.3 — …
_CAPTION = re.compile(r"^(?:表 |Table )((?:[A-Z]\.)?\d+)(?:　| — )")


#: a table named by its number: the word, then the whole number (no digit, nor "." and a digit, after it). A caption's
#: number is either form, so the numbers this finds in one pass are exactly those a search for each would find
_NAMED = re.compile(r"(?:表 ?|Tables? )([A-Z]\.\d+|\d+)(?![\d.]\d|\d)")


def _ranges(text: str, prefix: str) -> list[tuple[int, int]]:
    """The ranges of tables the text names among those numbered ``prefix``.N (表 D.5 至表 D.71, Tables 1 to 8)."""
    lead = re.escape(prefix + ".") if prefix else ""
    return [(int(a), int(b)) for a, b in re.findall(rf"(?:表 ?|Tables ){lead}(\d+) ?(?:至表 ?|to ){lead}(\d+)", text)]


def unnamed_tables(captions: list[str], text: str) -> list[str]:
    """The numbered tables the text names nowhere (GB/T 1.1-2020 9.8: a table is referred to by its number), by its
    number or within a range. The text is read once for the numbers and once for each prefix's ranges (there was a
    search a table: 565 of them over the whole draft)."""
    named = set(_NAMED.findall(text))
    ranges: dict[str, list[tuple[int, int]]] = {}
    unnamed = []
    for number in captions:
        if number in named:
            continue
        prefix, _, n = number.rpartition(".")
        if prefix not in ranges:
            ranges[prefix] = _ranges(text, prefix)
        if not any(a <= int(n) <= b for a, b in ranges[prefix]):
            unnamed.append(number)
    return unnamed


def _markdown_tables(markdown: str) -> tuple[list[str], str]:
    lines = markdown.split("\n")
    captions = [m.group(1) for line in lines if (m := _CAPTION.match(line))]
    text = "\n".join(line for line in lines if not _CAPTION.match(line) and not line.startswith("|"))
    return captions, text


def test_every_numbered_table_is_named_in_the_markdown(zh_markdown, en_markdown):
    """The test cases' 310 tables (表 10 to 表 319) were named nowhere: each case's subclause now says 「本测试用例见
    表 10。」 / "The test case is given in Table 10.". Every numbered table, body and annexes, is named by number."""
    for markdown in (zh_markdown, en_markdown):
        captions, text = _markdown_tables(markdown)
        assert len(captions) > 500 and unnamed_tables(captions, text) == []
    assert "本测试用例见表 11。" in zh_markdown and "The test case is given in Table 11." in en_markdown


def test_the_naming_scan_fails_on_an_unnamed_table(zh_markdown):
    captions, text = _markdown_tables(zh_markdown)
    assert unnamed_tables(captions, text.replace("本测试用例见表 11。", "", 1)) == ["11"]


def _docx_tables(data: bytes) -> tuple[list[str], str]:
    """The numbers of a DOCX's tables (the paragraph just above each) and the text of its other paragraphs."""
    import docx
    from docx.oxml.ns import qn

    body = docx.Document(io.BytesIO(data)).element.body
    captions, paragraphs, previous = [], [], None
    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t"))).replace("\u2060", "").replace("\u2011", "-")
            paragraphs.append(text)
            previous = text
        elif element.tag == qn("w:tbl"):
            if previous is not None and (m := _CAPTION.match(previous)):
                captions.append(m.group(1))
                paragraphs.pop()
            previous = None
    return captions, "\n".join(paragraphs)


def test_every_numbered_table_is_named_in_the_docx(zh_docx):
    captions, text = _docx_tables(zh_docx)  # tests/drafting/conftest.py: written once a session
    assert len(captions) > 500 and unnamed_tables(captions, text) == []
    assert unnamed_tables(captions, text.replace("本测试用例见表 319。", "")) == ["319"]


#: a Markdown heading: its level (the number of #) and its text
_HEADING = re.compile(r"^(#{2,6}) (.*)$")


def hanging_paragraphs(markdown: str) -> list[str]:
    """Headings followed by body text and then a subheading one level down: the text hangs between the heading and
    its subclauses, where a citation of the clause cannot tell it from them (GB/T 1.1-2020 7.4; the remedy is a first
    subclause 「通则」). Clause 3's lead-in 「下列术语和定义适用于本文件。」 is no hanging paragraph: its entries are a
    list of terms, not subclauses (CEN-CENELEC Internal Regulations Part 3 5.2.4 exempts it by name)."""
    found, open_heading, has_text = [], None, False
    for line in markdown.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if open_heading and has_text and level == open_heading[0] + 1 and not _TERMS.match(open_heading[1]):
                found.append(open_heading[1])
            open_heading, has_text = (level, heading.group(2)), False
        elif line.strip() and open_heading:
            has_text = True
    return found


_TERMS = re.compile(r"^3 (?:术语和定义|Terms and definitions)$")


def test_no_paragraph_hangs_between_a_heading_and_its_subclauses(zh_markdown, en_markdown):
    """Clause 5's opening, the 符合性 chapter's 「本章列出 54 个测试配置……」, annex A's ICS status line, annex B's
    opening, annex D's opening and its schemas' clause's, annex E's opening hung above their first subclause; each
    now stands in a first subclause 「通则」 (5.1, 15.1, A.1, B.1, D.1, D.5.1, E.1)."""
    for markdown in (zh_markdown, en_markdown):
        assert hanging_paragraphs(markdown) == []
    for heading in ("### 5.1 通则", "### A.1 通则", "### B.1 通则", "### D.1 通则", "#### D.5.1 通则", "### E.1 通则"):
        assert f"\n{heading}\n" in zh_markdown, heading
    assert re.search(r"^### \d+\.1 通则\n\n本章列出 \d+ 个测试配置", zh_markdown, re.M)


def test_the_hanging_paragraph_scan_fails_on_a_planted_one(zh_markdown):
    planted = zh_markdown.replace("\n### 6.1 判定结果\n", "\n本章规定判定规则。\n\n### 6.1 判定结果\n", 1)
    assert hanging_paragraphs(planted) == ["6 判定规则与测量不确定度"]


#: a citation of a clause of an annex of this document (D.5.3, E.2, A.12), not a table's number or an ICS item, nor
#: GUM's F.2.2.1 cited beside its 4.3.7 for a reading's resolution (seventy-sixth reading, d1)
_ANNEX_CLAUSE = re.compile(r"(?<![\w.\-/:#$@'])(?<!表 )(?<!ITU[-‑]T )(?<!Table )(?<!Tables )(?<!4\.3\.7、)(?<!4\.3\.7 and )"
                           r"([A-F](?:\.\d+)+)(?![\w.]*\w)")
#: a citation of a clause of the body: 第 5 章, 见 5.3, clause 5
_BODY_CLAUSE = re.compile(r"第 ?(\d+) ?章|(?:见|列于) ?(\d+(?:\.\d+)+)(?![\d.])|\b[Cc]lause (\d+(?:\.\d+)*)(?![\d.])")
#: an ICS table's item number (A.2.1), which numbers a row, not a clause
_ICS_ITEM = re.compile(r"^\| [A-Z](?:\.\d+)+ \|")


def unresolved_clauses(markdown: str) -> list[str]:
    """The clause citations of the text (annexes' A.n, D.n.m; the body's 第 N 章, 见 N.M) that no heading of the
    document carries: a renumbering that left a citation behind."""
    lines = markdown.split("\n")
    headings = {m.group(2).split(" ")[0] for line in lines if (m := _HEADING.match(line))}
    headings |= {m.group(1) for line in lines if (m := re.match(r"^## (?:附录|Annex) ([A-Z])", line))}
    text = "\n".join(_ICS_ITEM.sub("|", line) for line in lines
                     if not _HEADING.match(line) and not _CAPTION.match(line))
    # URLs, code values and ranges of tables (表 D.5 至表 D.71, Tables D.5 to D.71) cite no clause
    text = re.sub(r"https?://\S+|`[^`]*`|(?:表 ?|Tables )[A-Z.\d]+ ?(?:至表 ?|to )[A-Z.\d]+", "", text)
    cited = [m.group(1) for m in _ANNEX_CLAUSE.finditer(text)]
    cited += [next(g for g in m.groups() if g) for m in _BODY_CLAUSE.finditer(text)]
    return sorted({c for c in cited if c not in headings})


def test_every_clause_citation_resolves_to_a_heading(zh_markdown, en_markdown):
    """Annex D's tables cite each schema's clause (D.5.2 ...), the test cases' 前置条件 the formats' clauses of annex
    E (E.2 ...), annex D's opening its schemas' clause: after the first subclauses 「通则」 each one still names a
    heading, since the numbers come from the headings (:func:`conformance.drafting.writer.clause_ref`)."""
    for markdown in (zh_markdown, en_markdown):
        assert unresolved_clauses(markdown) == []
    assert "（采集文件：E.2、E.3、E.4" in zh_markdown and "列于 D.5。" in zh_markdown
    assert unresolved_clauses(zh_markdown + "\n成功响应见 D.9.9；见 E.99；第 99 章。\n") == ["99", "D.9.9", "E.99"]


def test_a_clause_citation_takes_the_number_its_heading_has():
    """A text cites a clause by its anchor; the number is the heading's, so a 「通则」 put first renumbers the
    citation with the clause. A citation of a clause the document lacks is an error of the drafting code."""
    def document(first: list[Block]) -> list[Block]:
        return [Block("heading", "附录 E（规范性）数据格式", 1), *first,
                Block("heading", f"E.{len(first) + 1} 采集文件头", 2, anchor="format-1"),
                Block("para", f"见 {clause_ref('format-1')}。")]
    assert document([])[-1].text != "见 E.1。" and number_tables(document([]))[-1].text == "见 E.1。"
    general = [Block("heading", "E.1 通则", 2, anchor="general")]
    assert number_tables(document(general))[-1].text == "见 E.2。"
    with pytest.raises(ValueError, match="format-9"):
        number_tables([Block("para", f"见 {clause_ref('format-9')}。")])


def test_rfc_8254_is_listed_with_its_title_and_date(zh_markdown):
    """Annex A's default of `unsupported_identifier` (an ISBN URN) cites RFC 8254, which stood in neither list (twelfth
    reading): "Uniform Resource Name (URN) Namespace Registration Transition", October 2017, obsoleting RFC 3187."""
    normative = zh_markdown[zh_markdown.index("## 2 规范性引用文件"):zh_markdown.index("## 3 术语和定义")]
    assert "RFC 8254 Uniform Resource Name (URN) Namespace Registration Transition (2017-10)" in normative
    assert "ITU-T P.58 Head and torso simulator for telephonometry (2023-03)\n" in normative  # dated (thirty-fourth, b2)


#: the capture field `t` written plain: a lone t outside code and italics
_PLAIN_T = re.compile(r"(?<![\w`*'’\-/.\\#$])t(?![\w`*'’\-(])")


def _plain_fields(markdown: str) -> list[str]:
    text = re.sub(r"`[^`]*`", "", markdown)
    return [text[max(0, m.start() - 30):m.end() + 20] for m in _PLAIN_T.finditer(text)]


def test_the_english_draft_sets_the_capture_field_t_as_code(en_markdown):
    """The Chinese text writes the capture format's field 「帧的 `t`」 as a code value; the English wrote "the t of each
    frame", "each frame's t" plain (149 places in the terminal area's requirements and procedures)."""
    assert _plain_fields(en_markdown) == []
    assert "each frame's `t`" in en_markdown
    assert len(_plain_fields(en_markdown.replace("each frame's `t`", "each frame's t", 1))) == 1


def test_the_catalogs_english_texts_set_t_as_code():
    """At the source: no English text of the catalog writes the field t plain (a Chinese line already marks it)."""
    plain = []
    for path in sorted((ROOT / "suites").glob("*/*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            line = re.sub(r"\bpart t\b", "", line)  # a version note naming the reading's fix part t, no field
            if not re.search(r"[\u3000-\u9fff]", line) and not line.lstrip().startswith("#") and _PLAIN_T.search(line):
                plain.append(f"{path.relative_to(ROOT)}:{number}")
    assert plain == []


MICRO_SIGN = "\u00b5"


def micro_signs(*texts: str) -> int:
    """How many times the texts write the micro prefix as U+00B5 MICRO SIGN: GB 3102 and ISO 80000 set it as the
    Greek letter μ (U+03BC), which the rest of the catalog and the unit passes (``quantities``, ``wording``) write."""
    return sum(text.count(MICRO_SIGN) for text in texts)


def test_the_micro_prefix_is_one_character(zh_markdown, en_markdown, note, note_en):
    """TD-RUN-005 wrote 「1 µs」 with U+00B5 (statement, rule R3, notes, case) beside 「100 μs」 (U+03BC) elsewhere."""
    notes = ["\n".join([b.text, *(" ".join(row) for row in b.rows)]) for b in (*note, *note_en)]
    assert micro_signs(zh_markdown, en_markdown, *notes) == 0
    assert "1 μs" in en_markdown
    assert micro_signs(zh_markdown.replace("μs", "µs", 1)) == 1


def test_the_catalog_writes_no_micro_sign():
    files = [*(ROOT / "suites").glob("**/*.yaml"), *(ROOT / "profiles").glob("*.yaml"),
             *(ROOT / "schemas").glob("**/*.json"), *(ROOT / "src" / "conformance" / "drafting").glob("*.py")]
    written = [str(p.relative_to(ROOT)) for p in files if MICRO_SIGN in p.read_text(encoding="utf-8")
               and p.name != "parity.py"]  # parity reads renderings of others and accepts either sign
    assert written == []
