"""The fifteenth reading's leftovers, second part (issue 76; docs/drafting.md, "Leftovers of the fifteenth reading,
second part"): continued tables under 「表 N（续）」 in the PDF, the running header and page number at the outer
edge of odd and even pages (PDF and DOCX), clause 2 a lead-in and a list with no note, the data formats' own
descriptions in Chinese as annex E's lead-ins, and annex A's strictest bounds with their units. Each test fails
on the draft before the change (docs/drafting.md says how each was tried)."""

from __future__ import annotations

import copy
import ctypes
import functools
import re
from pathlib import Path

import pytest

from conformance import Catalog
from conformance.drafting.continued import cuts
from conformance.drafting.formats import format_uri, root_description
from conformance.drafting.render import html_of
from conformance.drafting.spec import NUMBER
from conformance.drafting.writer import Block, Writer
from conformance.messages import CJK

from .blocks import between, text_of
from .test_spec_pdf import A4, needs_chromium, spec_pdf  # noqa: F401  (the session's printed PDF)

#: a text line of the page's body above which only the running header stands (points from the bottom)
BODY_TOP = A4[1] - 50
#: the page number's line (points from the bottom)
FOOTER_TOP = 45


# 1. continued tables ------------------------------------------------------------------------------------------

Box = tuple[float, float, float, float]


@functools.cache
def page_chars(pdf_path: Path) -> tuple[tuple[tuple[str, Box], ...], ...]:
    """Every page's characters with their boxes (left, bottom, right, top), in the text layer's order (the
    painting order: a positioned caption comes after the rows below it), read once a process for the
    checks below (three read every character of the ~300 pages): PDFium's own calls a character, its code
    point and its box (the text layer's ``\x02``, a hyphen the layout added, read as ``get_text`` gives it)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(pdf_path)
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    pages = []
    try:
        for index in range(len(document)):
            text = document[index].get_textpage()
            chars = []
            for at in range(raw.FPDFText_CountChars(text)):
                assert raw.FPDFText_GetCharBox(text, at, left, right, bottom, top)
                code = raw.FPDFText_GetUnicode(text, at)
                chars.append(("\ufffe" if code == 2 else chr(code), (left.value, bottom.value, right.value, top.value)))
            pages.append(tuple(chars))
    finally:
        document.close()
    return tuple(pages)


def _chars(page: tuple[tuple[str, Box], ...]) -> list[tuple[str, Box]]:
    """The body's characters of a page (:func:`page_chars`) with their boxes."""
    return [(c, box) for c, box in page if FOOTER_TOP + 15 < box[1] and box[3] < BODY_TOP]


def _in_a_table(page, height: float) -> bool:
    """Whether a table's rule runs across ``height``: a vertical rule or a cell's box (a path) spans it. The
    objects pypdfium2's ``page.get_objects()`` yields (into Form XObjects, 15 levels deep), read by PDFium's own
    calls: a Python object for each of the ~2 300 objects of a page cost more than the check."""
    import pypdfium2.raw as raw

    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()

    def spans(parent, count, get, level: int) -> bool:
        objects = count(parent)
        assert objects >= 0
        for i in range(objects):
            obj = get(parent, i)
            assert obj
            kind = raw.FPDFPageObj_GetType(obj)
            assert kind != raw.FPDF_PAGEOBJ_UNKNOWN
            if kind == raw.FPDF_PAGEOBJ_PATH:
                assert raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                if bottom.value < height < top.value and top.value - bottom.value < A4[1] / 2:
                    return True
            elif kind == raw.FPDF_PAGEOBJ_FORM and level < 14 and spans(
                    obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, level + 1):
                return True
        return False

    return spans(page, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, 0)


#: a caption where a line starts: 「表 12　…」, 「表 E.3（续）」 (a reference, 「见表 12。」, starts no line)
_CAPTION = re.compile(r"(?:^|\n)表 ?([A-Z]?\.?\d+)(（续）|[ \u3000])")


def continuation_problems(pdf_path: Path) -> list[str]:
    """Pages whose first line, found by its place, stands inside a table (a page continuing a table under no
    caption), and 「表 N（续）」 that is not the page's first line or names another table than the last one
    captioned before it (top to bottom, page after page)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_path)
    problems, last = [], ""
    read = page_chars(pdf_path)
    try:
        for index in range(1, len(document)):
            page = document[index]
            chars = _chars(read[index])
            seen = [box for c, box in chars if c.strip()]
            if not seen:
                continue
            first = max(seen, key=lambda box: box[3])
            if _in_a_table(page, (first[1] + first[3]) / 2):
                problems.append(f"page {index + 1} continues a table under no caption")
            text = "".join(c for c, _ in chars)
            captions = sorted(((chars[m.start(1)][1][3], m.group(1), bool(m.group(2).strip()))
                               for m in _CAPTION.finditer(text)), reverse=True)
            for top, number, continued in captions:
                if not continued:
                    last = number
                elif top < first[3] - 2 or number != last:
                    problems.append(f"page {index + 1}: 表 {number}（续） below the page's first line or after 表 {last}")
    finally:
        document.close()
    return problems


def continued_pages(pdf_path: Path) -> int:
    """The pages whose first line is 「表 N（续）」."""
    count = 0
    for page in page_chars(pdf_path):
        chars = _chars(page)
        text = "".join(c for c, _ in chars)
        tops = [box[3] for c, box in chars if c.strip()]
        count += any(m.group(2) == "（续）" and chars[m.start(1)][1][3] >= max(tops) - 2
                     for m in _CAPTION.finditer(text))
    return count


@needs_chromium
@pytest.mark.browser
def test_every_page_that_continues_a_table_starts_with_its_continued_caption(spec_pdf):  # noqa: F811
    assert continuation_problems(spec_pdf) == []
    assert continued_pages(spec_pdf) > 100  # annex E's member tables alone run over a hundred pages


def _planted_pdf(path: Path) -> Path:
    """Four pages in PDFium's own Helvetica: a cover, I and its header at the inner (left) edge, II over a
    table's cell around the page's first line with no caption, 1 at the outer edge."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument.new()

    def write(page, text: str, x: float, y: float) -> None:
        obj = raw.FPDFPageObj_NewTextObj(document, b"Helvetica", ctypes.c_float(9))
        code = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
        raw.FPDFText_SetText(obj, ctypes.cast(code, ctypes.POINTER(ctypes.c_ushort)))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        raw.FPDFPage_InsertObject(page, obj)

    for label, x in (("", 0), ("I", 60), ("II", 60), ("1", 500)):
        page = document.new_page(*A4)
        if label:
            write(page.raw, label, x, 20)
            write(page.raw, NUMBER, x, A4[1] - 30)
        if label == "II":
            write(page.raw, "row 7", 100, 700)
            cell = raw.FPDFPageObj_CreateNewRect(90, 650, 300, 110)
            raw.FPDFPath_SetDrawMode(cell, 0, True)
            raw.FPDFPage_InsertObject(page.raw, cell)
        raw.FPDFPage_GenerateContent(page.raw)
    document.save(path)
    return path


def test_the_pdf_checks_find_a_table_page_under_no_caption_and_a_number_at_the_inner_edge(tmp_path):
    """The checks below read each page's characters once (:func:`page_chars`): planted, they still find."""
    planted = _planted_pdf(tmp_path / "planted.pdf")
    assert continuation_problems(planted) == ["page 3 continues a table under no caption"]
    assert continued_pages(planted) == 0
    assert outer_edge_problems(planted) == ["page 2 (I): number on the left, header on the left"]


def test_a_table_is_cut_where_its_rows_change_page():
    assert cuts({1: {0: 5, 1: 5, 2: 6, 3: 6, 4: 8}, 2: {0: 9, 1: 9}}) == {1: (2, 4)}


def test_printed_a_continued_part_starts_a_page_under_its_continued_caption(zh: list[Block], zh_html: str):
    """The HTML a print is made from: the caption the header group's first row, each later part on a new page
    under 「表 N（续）」 over an unseen copy of the caption (the same lines), the header row again."""
    page = html_of(zh, splits={1: (2,)}, marks=True)  # render_html(catalog, splits=..., marks=True)
    assert page.count('<table class="continued">') == 1  # table 1 cut once
    first = page.index("<table")
    second = page.index('<table class="continued">', first)
    assert '<tr class="title">' in page[first:second] and "（续）" not in page[first:second]
    part = page[second:page.index("</table>", second)]
    assert '<span class="shown">表 1（续）</span><span class="unseen">表 1\u3000' in part
    assert "@@T1R2@@" in part and "@@T1R1@@" not in part  # the part holds the rows from the cut on
    assert "<caption>" in zh_html  # on screen the caption stays a caption


# 2. the outer edge -------------------------------------------------------------------------------------------

def outer_edge_problems(pdf_path: Path) -> list[str]:
    """Pages whose page number is not at the outer edge: right on an odd number, left on an even one (Roman
    numbers by their value), and whose running header is not on the same side."""
    from conformance.drafting.spec import roman

    values = {roman(n): n for n in range(1, 40)}
    problems = []
    for index, page in enumerate(page_chars(pdf_path)[1:], start=1):  # the cover has neither
        chars = [(box, c) for c, box in page]
        footer = [(box, c) for box, c in chars if box[3] < FOOTER_TOP and c.strip()]
        header = [(box, c) for box, c in chars if box[1] > A4[1] - FOOTER_TOP and c.strip()]
        label = "".join(c for _, c in footer)
        number = int(label) if label.isdigit() else values.get(label)
        if number is None or not header:
            problems.append(f"page {index + 1}: footer {label!r}, header {''.join(c for _, c in header)!r}")
            continue
        right = min(box[0] for box, _ in footer) > A4[0] / 2
        header_right = min(box[0] for box, _ in header) > A4[0] / 2 - 60
        if right != (number % 2 == 1) or header_right != right:
            problems.append(f"page {index + 1} ({label}): number on the {'right' if right else 'left'}, "
                            f"header on the {'right' if header_right else 'left'}")
    return problems


@needs_chromium
@pytest.mark.browser
def test_the_page_number_and_running_header_stand_at_the_outer_edge(spec_pdf):  # noqa: F811
    assert outer_edge_problems(spec_pdf) == []


def test_the_print_sets_odd_numbers_right_and_even_numbers_left():
    """The CSS: the body's 1 on a right page (the cover page 1, a right page, then an odd count of front pages),
    the front matter's I on the cover's second page, a left one: odd numbers right either way."""
    from conformance.drafting.pdf import print_css

    css = print_css()
    rule = lambda selector: re.search(re.escape(selector) + r"\{(.*?\}\})", css).group(1)  # noqa: E731
    assert "@bottom-right{content:counter(page)" in rule("@page :right")
    assert "@bottom-left{content:counter(page)" in rule("@page :left")
    assert "@bottom-right{content:counter(front,upper-roman)" in rule("@page front:left")
    assert "@bottom-left{content:counter(front,upper-roman)" in rule("@page front:right")
    swapped = print_css(body_on_left=True)
    assert "@bottom-right{content:counter(page)" in re.search(r"@page :left\{(.*?\}\})", swapped).group(1)


def test_the_docx_has_odd_and_even_headers_and_footers_at_the_outer_edge(cli_docx):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    code, path, _ = cli_docx
    assert code == 0
    document = docx.Document(str(path))
    assert document.settings.odd_and_even_pages_header_footer
    assert document.settings.element.find(qn("w:mirrorMargins")) is not None
    front = document.sections[1]
    for header, footer, side in ((front.header, front.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                                 (front.even_page_header, front.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        assert not header.is_linked_to_previous and not footer.is_linked_to_previous
        assert header.paragraphs[0].text.startswith("GB/T") and header.paragraphs[0].alignment == side
        assert footer.paragraphs[0].alignment == side
        assert "PAGE" in "".join(t.text or "" for t in footer._element.iter(qn("w:instrText")))


# 3. clause 2 -------------------------------------------------------------------------------------------------

def test_clause_2_is_a_lead_in_and_a_list_and_the_note_says_why_two_editions(zh, en, note, note_en):
    for blocks, prefix in ((zh, "注"), (en, "NOTE")):
        clause = between(blocks, "clause-2", "clause-3")
        assert [b for b in clause if b.text.startswith(prefix)] == []
        assert [b.kind for b in clause[1:]] == ["para"] * (len(clause) - 1)
    for blocks, pair in ((note, "ISO 16739-1:2018（IFC4 ADD2 TC1）与 ISO 16739-1:2024"), (note_en, "ISO 16739-1:2018 (IFC4")):
        said = between(blocks, "note-3-editions", "note-4")
        assert said[0].kind == "heading" and pair in text_of(said)


# 4. the formats' own descriptions ----------------------------------------------------------------------------

def format_lead_problems(blocks: list[Block], lang: str) -> list[str]:
    """Each of annex E's format clauses (E.2 to E.7) whose table is not introduced by a sentence in ``lang``."""
    annex = between(blocks, "annex-formats", "format-payloads")
    problems = []
    for index, block in enumerate(annex):
        if block.kind == "heading" and block.anchor.startswith("format-") and block.anchor != "format-payloads":
            lead = annex[index + 1]
            chinese = bool(re.search(f"[{CJK}]{{8}}", lead.text))
            if lead.kind != "para" or chinese != (lang == "zh") or not lead.text.rstrip().endswith(("。", ".")):
                problems.append(f"{block.text}: {lead.kind} {lead.text[:40]!r}")
            # a file of lines (E.17, the asset history) gives annex D's table of its lines by number, none of its own
            elif (index + 2 >= len(annex) or annex[index + 2].kind != "table") and not re.search(
                    r"表 D\.\d+。$|Table D\.\d+\.$", lead.text.rstrip()):
                problems.append(f"{block.text}: the lead-in is not followed by its table")
    return problems


def test_every_format_table_of_annex_e_is_introduced_by_a_sentence_in_its_language(zh, en, catalog: Catalog):
    assert format_lead_problems(zh, "zh") == [] and format_lead_problems(en, "en") == []
    # a clause for each format the specification lists (counted from the list, not typed: formats keep coming)
    clauses = [b for b in between(zh, "annex-formats", "format-payloads") if b.anchor.startswith("format-")]
    assert len(clauses) == len(Writer(catalog, "zh").data.formats) >= 11


def test_every_format_schema_root_is_described_in_both_languages(catalog: Catalog):
    """The members' rule (test_spec_annex_e_members.py) extended to the roots: each format a test case reads has
    its own description in English and in Chinese."""
    writer = Writer(catalog, "zh")
    registry = catalog.schemas.registry
    for entry in writer.data.formats:
        uri = format_uri(entry)
        schema = registry.resolver(base_uri=uri).lookup(uri).contents
        assert root_description(schema, "en") and re.search(f"[{CJK}]", root_description(schema, "zh")), uri


def test_a_format_without_its_chinese_description_is_found(catalog: Catalog, zh):
    planted = copy.deepcopy(zh)
    at = next(i for i, b in enumerate(planted) if b.anchor == "format-1")
    del planted[at + 1]  # the lead-in of E.2 as before: the heading, then the table
    assert format_lead_problems(planted, "zh") and format_lead_problems(zh, "zh") == []
    assert root_description({"description": "Only English."}, "zh") == ""


# 5. annex A's bounds -----------------------------------------------------------------------------------------

_BOUND = re.compile(r"最严 (.+?)）$")


def test_each_strictest_bound_of_annex_a_is_written_as_its_value_is(catalog: Catalog, zh, en):
    """「10000000 B（只可调低，最严 1）」 before: the bound had no unit. With a unit, the bound carries it;
    a plain number (a count, a share) is plain text, as its value is (twentieth reading, row 23: a code value
    before, beside the cases' plain 「100 000」)."""
    units = {name: spec.unit for p in catalog.profiles.values() for name, spec in p.parameters.items()}
    rows = [row for b in between(zh, "annex-a", "annex-b") if b.kind == "table" for row in b.rows
            if row[0].startswith("参数 `")]
    bounded = [(row[0].split("`")[1], row[-1][:m.start()], m.group(1)) for row in rows
               if (m := _BOUND.search(row[-1]))]
    assert len(bounded) > 100
    # the words, not the numbers (grouped by thin spaces: 「604 800 s」)
    shape = lambda text: re.sub(r"-?\d+(?:[ .]\d+)*(?:e-?\d+)?", "#", text)  # noqa: E731
    for name, value, bound in bounded:
        if units[name]:  # the bound as the value: 「0.01 rad 或 0.01 m（…最严 0.001 rad 或 0.001 m）」
            assert shape(bound) == shape(value.split("（")[0]) and not bound.startswith("`"), (name, value, bound)
        else:
            assert re.fullmatch(r"[-−\d.e ×⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+", bound), (name, bound)
    english = [row[-1] for b in between(en, "annex-a", "annex-b") if b.kind == "table" for row in b.rows
               if row[0].startswith("Parameter `") and "at the strictest" in row[-1]]
    assert any(re.search(r"to 1 B at the strictest", cell) for cell in english)
