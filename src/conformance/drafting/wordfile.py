"""The specification as a Word document (python-docx, the ``drafting`` extra): A4, a cover, a
populated 目次 field, header and a footer with the page number (Roman, then Arabic) at the outer edge of odd
and even pages, tables with fixed column widths, code values in a monospaced font, the fonts and language of
each run."""

from __future__ import annotations

import re
import zlib
from copy import deepcopy
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .spec import AUTHOR, END_LINE, TITLE
from .tablenumbers import caption
from .textbreaks import (
    AFTER_CJK_PUNCT,
    BREAKS,
    END_LINE_TEXT,
    QUANTITY,
    SPLIT_CODE,
    URL,
    ZWSP,
    annex_lines,
    joined,
    plain,
)
from .writer import Block

if TYPE_CHECKING:  # python-docx is the drafting extra's: imported where a DOCX is written
    from collections.abc import Callable

    from docx.document import Document
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml.table import CT_Row
    from docx.section import Section
    from docx.shared import Length
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    #: a length from a number of its unit (python-docx's Pt, Mm)
    Unit = Callable[[float], Length]


def docx_bytes(items: list[Block], lang: str, pages: dict[str, str] | None) -> bytes:
    import io

    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Mm, Pt

    tag = "zh-CN" if lang == "zh" else "en-US"
    document = docx.Document()
    _language(document, tag)
    _fonts(document)
    properties = document.core_properties
    properties.author = properties.last_modified_by = AUTHOR
    properties.title = TITLE[0] if lang == "zh" else TITLE[1]
    properties.language = tag
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    body = document.sections[0]
    in_front = False
    style_ids: dict[str, str] = {}

    def style_id(name: str) -> str:
        """A style's ID, looked up once (python-docx looks the name up in styles.xml at every use)."""
        if name not in style_ids:
            style_ids[name] = document.styles[name].style_id
        return style_ids[name]

    for block in items:
        starts_body = in_front and not block.front
        if starts_body:  # the body's own section, numbered 1, 2... (the front matter's I, II...)
            _page_numbers(document.add_section(WD_SECTION.NEW_PAGE), "decimal")
        in_front = block.front
        if block.kind == "cover":
            rows = {key: value for key, value in block.rows}
            _cover(document, rows, WD_ALIGN_PARAGRAPH, Pt)
            body = document.add_section(WD_SECTION.NEW_PAGE)
            # printed on both sides: the standard's number (not the title, GB/T 1.1-2020) and the page number at the
            # outer edge, right on odd pages and left on even ones (w:evenAndOddHeaders), as GB standards are set
            document.settings.odd_and_even_pages_header_footer = True
            _mirror_margins(document)
            for header, footer, side in ((body.header, body.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                                         (body.even_page_header, body.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
                header.is_linked_to_previous = footer.is_linked_to_previous = False
                header.paragraphs[0].text = rows.get("number", "")
                header.paragraphs[0].alignment = footer.paragraphs[0].alignment = side
                _field(footer.paragraphs[0], "PAGE", "1")
            _page_numbers(body, "upperRoman")
        elif block.kind == "toc":
            title = document.add_paragraph(block.text)
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title.runs[0].bold = True
            title.runs[0].font.size = Pt(16)
            _toc_field(document, block.rows, pages, WD_TAB_ALIGNMENT, WD_TAB_LEADER, Mm)
        elif block.kind == "heading":
            paragraph = document.add_paragraph()  # add_heading("", level), its style's ID known
            paragraph._p.style = style_id(f"Heading {max(1, min(block.level, 9))}")
            lines: Sequence[str] = annex_lines(block) or (block.text,)
            for number, line in enumerate(lines):
                if number:
                    paragraph.add_run().add_break()
                _runs(paragraph, line, Pt, breaks=False)
            if len(lines) > 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.page_break_before = block.page and not starts_body
            if block.anchor:
                _bookmark(paragraph, block.anchor)
        elif block.kind == "para":
            lines = block.text.split("\n")
            for number, line in enumerate(lines):
                paragraph = document.add_paragraph()
                _runs(paragraph, line, Pt)
                if block.centred:  # a displayed formula (GB/T 1.1-2020 9.9)
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if number == 0 and block.page:
                    paragraph.paragraph_format.page_break_before = True
                if number < len(lines) - 1:  # a block's lines close together, as in the HTML; the
                    paragraph.paragraph_format.space_after = Pt(0)  # template's gap after the block only
        elif block.rows:
            if block.number:  # GB/T 1.1-2020: the number and title centred above the table, kept with it
                title = document.add_paragraph()
                _runs(title, caption(block), Pt, bold=True)
                title.alignment = WD_ALIGN_PARAGRAPH.CENTER
                title.paragraph_format.keep_with_next = True
            table = document.add_table(rows=0, cols=len(block.rows[0]))
            table._tbl.tblStyle_val = style_id("Table Grid")  # table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False
            widths = block.widths or tuple(165 // len(block.rows[0]) for _ in block.rows[0])
            blank = None  # the first row as python-docx makes it, still empty: copied for each later row
            for index, row in enumerate(block.rows):
                if blank is None:
                    cells = table.add_row().cells
                    for cell, width in zip(cells, widths, strict=True):
                        cell.width = Mm(width)
                    blank = deepcopy(table._tbl.tr_lst[-1])
                else:
                    cells = _copied_row(table, blank)
                for cell, text in zip(cells, row, strict=True):
                    lines = text.split("\n")
                    _runs(cell.paragraphs[0], lines[0], Pt, size=9, bold=block.header and index == 0)
                    for line in lines[1:]:
                        _runs(cell.add_paragraph(), line, Pt, size=9)
            _fixed_layout(table, widths, Mm)
            if block.header:
                _repeat_header(table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _copied_row(table: Table, blank: CT_Row) -> list[_Cell]:
    """A new last row, a copy of the table's first row as it was while empty: python-docx's ``add_row``
    and width setters walk the grid's columns and each cell's properties (0.5 ms a row; 5 000 rows)."""
    from docx.table import _Cell

    table._tbl.append(tr := deepcopy(blank))  # where add_tr puts it: a w:tbl's rows end it
    return [_Cell(tc, table) for tc in tr.tc_lst]


#: what follows w:pgNumType in a w:sectPr (ECMA-376 Part 1, 17.6.17: the order is the schema's)
_AFTER_PAGE_NUMBERS = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
                       "docGrid", "printerSettings", "sectPrChange")


def _page_numbers(section: Section, style: str) -> None:
    """The section's pages numbered from 1 in ``style`` (upperRoman, decimal)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):  # a new section clones the one before it
        sect_pr.remove(old)
    numbers = OxmlElement("w:pgNumType")
    numbers.set(qn("w:fmt"), style)
    numbers.set(qn("w:start"), "1")
    later = [qn(f"w:{name}") for name in _AFTER_PAGE_NUMBERS]
    follower = next((child for child in sect_pr if child.tag in later), None)
    if follower is None:
        sect_pr.append(numbers)
    else:
        follower.addprevious(numbers)


def _cover(document: Document, rows: dict[str, str], align: type[WD_PARAGRAPH_ALIGNMENT], pt: Unit) -> None:
    """The GB cover: ICS/CCS top left, the kind of standard, the number top right, the title
    in the middle, status and date, the 发布/实施 dates and the issuing body at the foot."""
    def line(text: str, alignment: WD_PARAGRAPH_ALIGNMENT, size: float, *, bold: bool = False, before: float = 0) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = alignment
        paragraph.paragraph_format.space_before = pt(before)
        run = paragraph.add_run(text)
        run.font.size, run.bold = pt(size), bold

    line(rows.get("ics", ""), align.LEFT, 10.5)
    line(rows.get("ccs", ""), align.LEFT, 10.5)
    line(rows.get("kind", ""), align.CENTER, 22, bold=True, before=48)
    line(rows.get("number", ""), align.RIGHT, 14, before=12)
    line(rows.get("title", ""), align.CENTER, 24, bold=True, before=120)
    if rows.get("subtitle"):
        line(rows["subtitle"], align.CENTER, 12, before=12)
    line(rows.get("status", ""), align.CENTER, 14, before=36)
    line(rows.get("date", ""), align.CENTER, 10.5)
    if rows.get("notice"):
        line(rows["notice"], align.LEFT, 10.5, before=24)
    line(f"{rows.get('issued', '')}\t\t\t{rows.get('effective', '')}", align.CENTER, 14, before=150)
    line(rows.get("issuer", ""), align.CENTER, 16, bold=True, before=24)


#: a code value's size in body text (the HTML sets code at 0.9 em of the 10.5 pt body)
CODE_PT = 9.5


def _runs(paragraph: Paragraph, text: str, pt: Unit, *, size: float | None = None, bold: bool = False,
          breaks: bool = True) -> None:
    """The text as runs: code values (between backticks) in a monospaced font, without the marks.
    With ``breaks`` (all but headings) a long code value or URL may break after ``_ . / ,``
    rather than inside a word (a test node ID is longer than a line)."""
    if breaks:  # 、 between two Latin words is no break opportunity in LibreOffice: give it one
        text = AFTER_CJK_PUNCT.sub(r"\1" + ZWSP, joined(text))
    for part in SPLIT_CODE.split(text):
        if not part:
            continue
        code = part.startswith("`") and part.endswith("`") and len(part) >= 2
        shown = part[1:-1] if code else part
        if breaks:
            shown = BREAKS.sub(r"\1" + ZWSP, shown) if code else URL.sub(
                lambda m: BREAKS.sub(r"\1" + ZWSP, m.group(0)), shown)
        for piece, style in ((shown, "code"),) if code else _quantity_pieces(shown):
            _run(paragraph, piece, pt, code=code, size=size, bold=bold, style=style)


def _run(paragraph: Paragraph, shown: str, pt: Unit, *, code: bool, size: float | None, bold: bool,
         style: str) -> None:
    """One run of one kind (code or not, size, bold, quantity style): the first of its kind through
    python-docx's setters, later ones with a copy of the properties those made."""
    key = (code, size, bold, pt, style)
    if key in _RUN_PROPERTIES and not _TAB_OR_BREAK.search(shown):
        # paragraph.add_run(shown) without its Run and its clearing of the new run's content
        # (an XPath query a run): a w:t, then a copy of the kind's properties before it
        r = paragraph._p.add_r()
        if shown:
            r.add_t(shown)
        if (made := _RUN_PROPERTIES[key]) is not None:
            r.insert(0, deepcopy(made))  # where python-docx puts it: w:rPr leads the run
        return
    run = paragraph.add_run(shown)
    if code:
        run.font.name = "DejaVu Sans Mono"
    if size:
        run.font.size = pt(size - 0.5 if code else size)
    elif code:  # the HTML's 0.9 em of the 10.5 pt body
        run.font.size = pt(CODE_PT)
    if bold:
        run.bold = True
    run.italic = True if style == "symbol" else None
    run.font.subscript = True if style == "subscript" else None
    _RUN_PROPERTIES[key] = None if run._r.rPr is None else deepcopy(run._r.rPr)


def _quantity_pieces(text: str) -> list[tuple[str, str]]:
    """Plain text cut at its quantity symbols (textbreaks.QUANTITY): (text, "" | "symbol" | "subscript")."""
    pieces: list[tuple[str, str]] = []
    at = 0
    for m in QUANTITY.finditer(text):
        pieces += [(text[at:m.start()], ""), (m.group(1), "symbol"), (m.group(2) or "", "subscript")]
        at = m.end()
    return [(piece, style) for piece, style in [*pieces, (text[at:], "")] if piece]


#: (code, size, bold, unit, quantity style) -> the run properties (w:rPr) python-docx's setters made
#: for the first run of that kind, or None (none): each later run gets a copy. The setters walk the
#: element's schema order for each property, 0.3 ms a run; a specification has some 36 000 runs.
_RUN_PROPERTIES: dict[tuple[bool, float | None, bool, Unit, str], Any] = {}
#: what python-docx's run text turns into other elements than a w:t (w:tab, w:br)
_TAB_OR_BREAK = re.compile(r"[\t\n\r]")


def _fixed_layout(table: Table, widths: tuple[int, ...], mm: Unit) -> None:
    """A fixed table layout with its grid columns set: LibreOffice keeps the widths (an autofit
    table spreads past A4 and breaks words inside narrow cells)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(mm(w).twips for w in widths))))
    width.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(width)
    grid = table._tbl.tblGrid
    for column, w in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(int(mm(w).twips)))


#: the settings that follow w:mirrorMargins in w:settings (the ones python-docx's template or this module writes)
_AFTER_MIRROR_MARGINS = tuple(f"w:{name}" for name in (
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign",
    "attachedTemplate", "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
    "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection",
    "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength",
    "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders", "characterSpacingControl", "compat", "rsids",
    "themeFontLang", "shapeDefaults", "decimalSymbol", "listSeparator"))


def _mirror_margins(document: Document) -> None:
    """The wider margin (25 mm) at the binding edge of both sides of a sheet: left on odd pages, right on even
    ones (w:mirrorMargins; the PDF's ``:left`` pages likewise)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = document.settings.element
    if settings.find(qn("w:mirrorMargins")) is None:  # its place in w:settings' sequence (ECMA-376 17.15.1.78)
        settings.insert_element_before(OxmlElement("w:mirrorMargins"), *_AFTER_MIRROR_MARGINS)


def _repeat_header(table: Table) -> None:
    """The header row repeated at the top of each page the table runs onto (fifteenth reading: none was, so
    annex E's member tables were read pages on without their column heads; the HTML's ``<thead>`` repeats)."""
    from docx.oxml import OxmlElement

    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _bookmark(paragraph: Paragraph, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ident = str(zlib.crc32(name.encode()) % 10**8)  # not hash(): salted per process, it changed the bytes each render
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), "_" + re.sub(r"[^A-Za-z0-9_]", "_", name)[:38])
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), ident)
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _toc_field(document: Document, rows: tuple[tuple[str, ...], ...], pages: dict[str, str] | None,
               align: type[WD_TAB_ALIGNMENT], leader: type[WD_TAB_LEADER], mm: Unit) -> None:
    """A TOC field whose result holds the entries (and their page numbers when known): a reader
    sees the 目次 without updating fields; Word recomputes it (the field is dirty)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(paragraph: Paragraph, kind: str) -> None:
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin" and pages is None:
            element.set(qn("w:dirty"), "true")
        run._r.append(element)

    entries = list(rows) or [("1", "", "")]
    for index, (_, text, anchor) in enumerate(entries):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(mm(165), align.RIGHT, leader.DOTS)
        if index == 0:
            char(paragraph, "begin")
            run = paragraph.add_run()
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = ' TOC \\o "1-1" \\h \\z \\u '
            run._r.append(instr)
            char(paragraph, "separate")
        paragraph.add_run(plain(text) + "\t" + str((pages or {}).get(anchor, "")))
        if index == len(entries) - 1:
            char(paragraph, "end")


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE) that the reader computes when the document is opened."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, shown), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _language(document: Document, lang: str) -> None:
    """The document's languages in its styles: Chinese for East Asian text, English for Latin
    script (so LibreOffice and Word break code values and names only where English breaks)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)
    element.set(qn("w:val"), "en-US")  # Latin script: Chinese line breaking would cut Latin words anywhere
    element.set(qn("w:eastAsia"), "zh-CN")


def _fonts(document: Document) -> None:
    """宋体/Times New Roman as GB documents are set (Noto CJK stands in where they are absent),
    10.5 pt body text; headings black."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        style.font.name = "Times New Roman"
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), "SimSun" if name == "Normal" else "SimHei")
        if name != "Normal":
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.size = Pt(12 if name == "Heading 1" else 10.5)
    document.styles["Normal"].font.size = Pt(10.5)
    # single spacing and a small gap after a paragraph, as the PDF sets its text: python-docx's
    # template defaults to Word's 1.15 lines and 10 pt after (LibreOffice laid the draft out 1.56
    # times as long as the PDF). Set as the document's default, below the table style's own spacing.
    spacing = document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr")).find(
        qn("w:spacing"))
    spacing.set(qn("w:after"), "80")  # twentieths of a point: 4 pt
    spacing.set(qn("w:line"), "240")  # 240ths of a line: single
