"""The draft's form as GB/T 1.1-2020 sets it, point by point, from the review of the DOCX laid
out by LibreOffice (docs/drafting.md, "Form review"): requirement IDs that no line breaks, ISO
and IEC references with their year after the number, term sources without closing
punctuation and with the entry they come from, drafts and projects cited for information only
(IEEE P3079.1 by its project number), abbreviations one a line, annex headings on three centred
lines, policy clause keys that no line breaks. Each check is also shown failing on text made to
fail it."""

from __future__ import annotations

import io
import re
import os
from pathlib import Path

import pytest

from conformance.drafting.textbreaks import JOINED_HYPHEN, annex_lines, joined
from conformance.drafting.wordfile import docx_bytes
from conformance.drafting.spec import _abbreviations, _terms
from conformance.drafting.writer import Block, Writer

ROOT = Path(__file__).resolve().parents[2]

docx = pytest.importorskip("docx")

#: a requirement ID whatever joins its parts (hyphen, U+2011, word joiners)
ANY_ID = re.compile(r"[A-Z]{2}[-\u2011\u2060]+[A-Z0-9]+[-\u2011\u2060]+\d{3}")
#: a policy clause key with a hyphen, whatever joins its parts
ANY_KEY = re.compile(r"[A-Z]+(?:[-\u2060]+[A-Z]+)+[ \u00a0]\d+(?:\.\d+)*(?:[-\u2060]+[a-z]+)?")


def unjoined_ids(text: str) -> list[str]:
    """Requirement IDs of DOCX text that a line may break inside: any hyphen not held by word
    joiners (LibreOffice breaks U+2011 NON-BREAKING HYPHEN beside Chinese text)."""
    return [m.group(0) for m in ANY_ID.finditer(text) if m.group(0).count(JOINED_HYPHEN) != 2]


def written(items: list[Block]) -> docx.document.Document:
    return docx.Document(io.BytesIO(docx_bytes(items, "zh", None)))


@pytest.fixture(scope="module")
def md(zh_markdown) -> str:
    return zh_markdown  # rendered once a test process (tests/drafting/conftest.py)


def test_an_id_a_line_may_break_inside_is_found():
    assert unjoined_ids("见 AS\u2011REG\u2011004、IF-PAGE-001") == ["AS\u2011REG\u2011004", "IF-PAGE-001"]
    assert unjoined_ids("见 AS\u2060-\u2060REG\u2060-\u2060004") == []


def test_the_docx_joins_requirement_ids_in_paragraphs_and_cells():
    document = written([Block("para", "见 AS-REG-004、IF-PAGE-001；代码值 `AS-REG-004` 照写"),
                        Block("table", rows=(("要求",), ("AS\u2011API\u2011001、AS-REG-001、IF-PAGE-001",)),
                              widths=(33,))])
    texts = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
    whole = "\n".join(texts)
    assert "AS\u2060-\u2060REG\u2060-\u2060004" in whole and "IF\u2060-\u2060PAGE\u2060-\u2060001" in whole
    assert "\u2011" not in whole and unjoined_ids(whole.replace("AS-REG-004 照写", "")) == []
    assert "AS-REG-004 照写" in whole  # a code value stays as written


def test_dated_iso_and_iec_references_carry_the_year_after_the_number(md):
    refs = md[md.index("## 2 规范性引用文件"):md.index("## 3 术语和定义")]
    assert "（ISO 9283:1998，IDT）" in refs  # cited by its identical national adoption, GB/T 12642—2013
    assert "IEC 63145-20-10:2019 Eyewear display" in refs
    # its own year, no second one; ISO's title, not the IFC release the catalog names it by (third reading; the
    # IFC2x Platform's PAS gave way to IFC4's ISO 16739-1:2018 in the forty-second reading, a6 and a16)
    assert "ISO 16739-1:2018 Industry Foundation Classes (IFC) for data sharing in the construction" in refs
    iso = [line for line in refs.splitlines() if re.match(r"(ISO|IEC)\S* \d", line)]
    assert iso and not [line for line in iso if re.search(r"\(\d{4}(-\d\d)*\)$", line)]


def test_term_sources_close_without_punctuation(md):
    terms = md[md.index("## 3 术语和定义"):md.index("## 4 缩略语")]
    sources = re.findall(r"^\[来源：.*\]$", terms, re.M)
    assert len(sources) >= 7 and all(not s.endswith(("。]", ".]")) for s in sources), sources
    assert "[来源：ISO/IEC 9646-1:1994，有修改]" in sources


def test_a_working_draft_and_an_ieee_project_are_cited_for_information_only(md):
    refs = md[md.index("## 2 规范性引用文件"):md.index("## 3 术语和定义")]
    bibliography = md[md.index("## 参考文献"):]
    for name in ("W3C Battery Status API", "IEEE P3079.1 Motion to Photon"):
        assert name not in refs and name in bibliography, name
    assert "IEEE 3079.1" not in md  # an active project is cited by its project number, P3079.1


def test_term_sources_name_the_entry_the_definition_comes_from(catalog):
    zh = [b.text for b in _terms(Writer(catalog, "zh")) if b.text.startswith("[来源：")]
    en = [b.text for b in _terms(Writer(catalog, "en")) if b.text.startswith("[Source: ")]
    # the W3C documents as clause 2 lists them, title and date, in both languages (thirty-sixth reading b3)
    assert "[来源：W3C Decentralized Identifiers (DIDs) v1.0（2022-07-19），2，有修改]" in zh
    assert "[来源：W3C Verifiable Credentials Data Model v2.0（2025-05-15），2，有修改]" in zh
    assert "[Source: W3C Decentralized Identifiers (DIDs) v1.0 (2022-07-19), 2, modified]" in en
    assert "[来源：ISO/IEC 9646-1:1994，有修改]" in zh  # no entry it could be confirmed for: none cited
    assert len(zh) == len(en) >= 7


def test_a_term_entry_is_a_clause_number_of_a_named_source():
    import json

    import jsonschema

    schema = json.loads((ROOT / "schemas" / "catalog" / "specification.json").read_text(encoding="utf-8"))
    text = {"zh": "术语", "en": "term"}

    def problems(term: dict[str, object]) -> list[str]:
        data = {"terms": [{"zh": "术语", "en": "term", "definition": text, **term}]}
        return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]

    assert problems({"source": text, "entry": "3.1.2", "modified": True}) == []
    assert problems({"entry": "3.1.2"})  # an entry of no named document
    assert problems({"source": text, "entry": "第3.1条"})  # a number, not words


def test_abbreviations_are_listed_one_a_line(catalog):
    lines = (("zh", "DID：去中心化标识符（decentralized identifier）"), ("en", "DID: decentralized identifier"))
    for lang, line in lines:
        blocks = _abbreviations(Writer(catalog, lang))
        assert not [b for b in blocks if b.kind == "table"], lang  # no bordered two-column table
        assert line in [b.text for b in blocks if b.kind == "para"], lang


def unjoined_keys(text: str) -> list[str]:
    """Policy clause keys of DOCX text that a line may break inside (at a hyphen or the space)."""
    return [m.group(0) for m in ANY_KEY.finditer(text) if re.search(r"(?<!\u2060)-|-(?!\u2060)| ", m.group(0))]


def test_a_clause_key_a_line_may_break_inside_is_found():
    assert unjoined_keys("SH-GUIDE 3.1.1-testing、MIIT-WG\u00a04.2") == ["SH-GUIDE 3.1.1-testing", "MIIT-WG\u00a04.2"]
    assert unjoined_keys(joined("SH-GUIDE 3.1.1-testing, WHITEPAPER 4-risk")) == []


def test_the_explanatory_notes_clause_keys_stay_on_one_line(note_html):
    """The 编制说明's table named ``SH-GUIDE 3.1.1-testing`` broken at its hyphens in a narrow cell."""
    document = written([Block("table", rows=(("政策条款",), ("SH-GUIDE 3.1.1-testing, SH-ACTION 15, MIIT-WG 4.2",)),
                              widths=(50,))])
    cell = document.tables[0].rows[1].cells[0].text
    assert "SH\u2060-\u2060GUIDE\u00a03.1.1\u2060-\u2060testing" in cell and unjoined_keys(cell) == []
    assert joined("ISO 2631-1, GB 45438—2025") == "ISO 2631-1, GB 45438—2025"  # standard numbers stay as written
    page = note_html  # render_html(catalog, part="explanatory")
    assert ".rid,.key{white-space:nowrap}" in page
    # one clause a line: a list of them in the narrow cell left commas alone at line starts (issue 73); the
    # clauses are the 参考文献's numbers and the documents' clause numbers since the sixth reading of issue 76,
    # not the catalog's keys (test_spec_sixth_reading.py)
    assert re.search(r"<p>\[\d+\] [\d.]+</p><p>\[\d+\]", page) and "</span>, <span" not in page
    assert "<thead><tr><th>" in page  # printed, the header repeats on every page the table runs onto


def test_annex_headings_are_three_centred_lines(zh_html):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    assert annex_lines(Block("heading", "附录 A（规范性）表格", 1)) == ("附录 A", "（规范性）", "表格")
    assert annex_lines(Block("heading", "Annex E (normative) Interface contracts", 1)) == (
        "Annex E", "(normative)", "Interface contracts")
    assert annex_lines(Block("heading", "1 范围", 1)) is None
    assert annex_lines(Block("heading", "附录 A（规范性）表格", 2)) is None  # only the annex's own heading
    document = written([Block("heading", "1 范围", 1), Block("heading", "附录 E（规范性）接口契约", 1)])
    clause, annex = document.paragraphs
    assert clause.alignment != WD_ALIGN_PARAGRAPH.CENTER and "\n" not in clause.text
    assert annex.alignment == WD_ALIGN_PARAGRAPH.CENTER and annex.text == "附录 E\n（规范性）\n接口契约"
    page = zh_html
    assert re.search(r'<h2 id="annex-contracts" class="page annex">附录 [A-Z]<br>（规范性）<br>接口契约</h2>', page)
    assert ".annex{text-align:center}" in page


def test_a_long_member_path_may_break_before_a_json_ld_keyword():
    """LibreOffice cut ``verifiableCredential.@context`` inside ``context`` in annex E's
    narrow column: the path had no break opportunity before the ``@``."""
    document = written([Block("table", rows=(("成员",), ("`verifiableCredential.@context`",)), widths=(40,))])
    assert document.tables[0].rows[1].cells[0].text == "verifiableCredential.\u200b@context"


def test_the_docx_sets_text_single_spaced_with_a_block_s_lines_together():
    """python-docx's template spaces text as Word does (1.15 lines, 10 pt after each paragraph):
    LibreOffice laid the draft out 1.56 times as long as the PDF, annex B's lists 2.2 times. The
    document's default is single spacing with 4 pt after, and a block's lines keep together; code
    values are 9.5 pt, the HTML's 0.9 em of the body."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    lines = "AS-REG-001 — 测试配置：asset-registry\n`suites/assets/test_registry.py::test_a`"
    document = written([Block("para", lines)])
    spacing = document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr")).find(
        qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:after"))) == ("240", "80")
    first, last = document.paragraphs[-2:]
    assert first.paragraph_format.space_after == Pt(0) and last.paragraph_format.space_after is None
    assert [run.font.size for run in last.runs] == [Pt(9.5)]


def test_the_word_document_says_the_same_in_every_process():
    """The DOCX's bookmark IDs came from hash(), salted per process: each render gave other bytes."""
    import subprocess
    import sys

    script = ("import hashlib, io, zipfile\n"
              "from conformance.drafting.wordfile import docx_bytes\n"
              "from conformance.drafting.writer import Block\n"
              "data = docx_bytes([Block('heading', '1 范围', 1, anchor='clause-1')], 'zh', None)\n"
              "print(hashlib.sha256(zipfile.ZipFile(io.BytesIO(data)).read('word/document.xml')).hexdigest())\n")
    digests = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1, digests
