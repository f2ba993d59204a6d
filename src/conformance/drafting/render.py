"""``conformance catalog render``: the catalog as a conformance test specification.

The blocks come from :mod:`.spec` (the GB/T 1.1-2020 layout, one language per document: the
Chinese normative text or its English translation); this module writes them as Markdown, HTML
(an anchor on every clause, test case, profile and reference; the cover and the 目次 whose page
numbers :mod:`.pdf` fills in) and DOCX (python-docx, the ``drafting`` extra: A4, a cover, a
populated table of contents, header, footer with the page number, tables with fixed column
widths, code values in a monospaced font instead of Markdown backticks).

The DOCX's table of contents is a TOC field whose result is written at render time: its
entries with the page numbers LibreOffice lays the document out at (``soffice --convert-to
pdf``, when installed), or without numbers when it is not (the field is marked dirty, so Word
computes them when it opens the file).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .._catalog.catalog import Catalog
from ..errors import HarnessInputError, install_hint
from .spec import AUTHOR, TITLE, page_labels, specification
from .writer import Block

if TYPE_CHECKING:  # python-docx is the drafting extra's: imported where a DOCX is written
    from collections.abc import Callable

    from docx.document import Document
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.section import Section
    from docx.shared import Length
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    #: a length from a number of its unit (python-docx's Pt, Mm)
    Unit = Callable[[float], Length]

_REQ = re.compile(r"(?<![A-Za-z0-9-])([A-Z]{2}-[A-Z0-9]+-\d{3})(?![A-Za-z0-9-])")
#: a policy clause key with a hyphen a line could break at ("SH-GUIDE 3.1.1-testing", "MIIT-WG 4.2",
#: "WHITEPAPER 4-risk"): the 编制说明's narrow column broke them at their hyphens
_CLAUSE_KEY = re.compile(r"(?<![\w-])([A-Z]+(?:-[A-Z]+)+ \d+(?:\.\d+)*(?:-[a-z]+)?|[A-Z]+ \d+(?:\.\d+)*-[a-z]+)"
                         r"(?![\w-])")
#: the space inside a clause key, which no line breaks either
NBSP = "\u00a0"
_SPLIT_CODE = re.compile(r"(`[^`]*`)")
#: U+2011 NON-BREAKING HYPHEN: a requirement ID in a Markdown table cell stays on one line (a
#: narrow column broke "AS-GLTF-003" at its hyphens in 13 places)
NB_HYPHEN = "\u2011"
#: U+2060 WORD JOINER on both sides of each hyphen of a requirement ID in the DOCX. LibreOffice
#: 7.4 does not honour U+2011 beside Chinese text: it broke 14 IDs inside a letter or digit
#: ("AS-R|EG-004", "IF-PAGE-00|1") and ignored the break opportunities around them
JOINED_HYPHEN = "\u2060-\u2060"
#: where a long code value may break at a line end (after _ . / and a list's comma, before a
#: word or a JSON-LD keyword: "verifiableCredential.@context" was cut "@contex|t"), never inside a word
_BREAKS = re.compile(r"([_./,:])(?=[\w@])")
_URL = re.compile(r"https?://\S+")
_AFTER_CJK_PUNCT = re.compile(r"([、，；：])(?=[`A-Za-z])")
#: the break opportunity LibreOffice and Word honour and nobody sees
ZWSP = "\u200b"
#: an annex heading: its number, its kind and its title, which GB/T 1.1-2020 (10.4.1) sets on
#: three centred lines of their own
_ANNEX = re.compile(r"^(附录 [A-Z])(（(?:规范性|资料性)）)(.+)$|^(Annex [A-Z]) (\((?:normative|informative)\)) (.+)$")
#: LibreOffice's names on Debian and elsewhere
SOFFICE = ("soffice", "libreoffice")
#: how long LibreOffice may take to lay the document out (a few hundred pages: under a minute)
SOFFICE_TIMEOUT_S = 600


def blocks(catalog: Catalog, changes: dict[str, object] | None = None, lang: str = "zh",
           rates: list[dict[str, object]] | None = None, *, part: str = "draft",
           report: dict[str, object] | None = None) -> list[Block]:
    """The blocks of the draft (``part="draft"``) or of its 编制说明 (``"explanatory"``, with a
    run's ``report`` as its verification)."""
    if part == "explanatory":
        from .explanatory import explanatory_note

        return explanatory_note(catalog, lang, report)
    return specification(catalog, changes, lang, rates)


def plain(text: str) -> str:
    """Text without the code marks (what a reader sees)."""
    return text.replace("`", "")


def render_markdown(catalog: Catalog, changes: dict[str, object] | None = None, lang: str = "zh",
                    rates: list[dict[str, object]] | None = None, *, part: str = "draft",
                    report: dict[str, object] | None = None) -> str:
    lines: list[str] = []
    for block in blocks(catalog, changes, lang, rates, part=part, report=report):
        if block.kind == "cover":
            lines += [f"**{value}**" if key == "title" else value for key, value in block.rows if value] + [""]
        elif block.kind == "toc":
            lines += [f"## {block.text}", ""] + [f"- [{text}](#{anchor})" for _, text, anchor in block.rows] + [""]
        elif block.kind == "heading":
            lines += ["#" * (block.level + 1) + " " + block.text, ""]
        elif block.kind == "para":
            lines += [block.text.replace("\n", "  \n"), ""]
        elif block.rows:
            head, *rest = block.rows if block.header else (("",) * len(block.rows[0]), *block.rows)
            lines += ["| " + " | ".join(_cell(c) for c in head) + " |", "|" + "---|" * len(head)]
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rest] + [""]
    return "\n".join(lines)


def render_html(catalog: Catalog, changes: dict[str, object] | None = None, lang: str = "zh",
                rates: list[dict[str, object]] | None = None, pages: dict[str, str] | None = None, *,
                part: str = "draft", report: dict[str, object] | None = None) -> str:
    """The HTML document; ``pages`` (anchor -> the page number shown) fills the 目次's page
    column. The front matter is one ``<div class="front">`` (printed with Roman page numbers)."""
    e = html.escape
    tag = "zh-CN" if lang == "zh" else "en"
    parts: list[str] = []
    in_front = False
    for block in blocks(catalog, changes, lang, rates, part=part, report=report):
        if block.front != in_front:
            parts.append('<div class="front">' if block.front else "</div>")
            in_front = block.front
        anchor = f' id="{e(block.anchor)}"' if block.anchor else ""
        page = ' class="page"' if block.page else ""
        if block.kind == "cover":
            parts.append(f'<section class="cover"{anchor}>' + "".join(
                f'<p class="{key}">{e(value)}</p>' for key, value in block.rows if value) + "</section>")
        elif block.kind == "toc":
            entries = "".join(f'<li><a href="#{e(a)}">{_inline(text)}</a><span class="toc-page" data-for="{e(a)}">'
                              f'{(pages or {}).get(a, "")}</span></li>' for _, text, a in block.rows)
            parts.append(f'<nav class="page toc"><h1>{e(block.text)}</h1><ul>{entries}</ul></nav>')
        elif block.kind == "heading":
            level = min(block.level + 1, 6)
            lines = annex_lines(block) or (block.text,)
            classes = " ".join(name for name, on in (("page", block.page), ("annex", len(lines) > 1)) if on)
            classes = f' class="{classes}"' if classes else ""
            parts.append(f"<h{level}{anchor}{classes}>{'<br>'.join(_inline(line) for line in lines)}</h{level}>")
        elif block.kind == "para":
            parts.append(f"<div{anchor}{page}>" + _lines(block.text) + "</div>")
        elif block.rows:
            head, *rest = block.rows if block.header else ((), *block.rows)
            cols = "".join(f'<col style="width:{w}mm">' for w in block.widths)
            parts.append(f"<table{anchor}>" + (f"<colgroup>{cols}</colgroup>" if cols else "")
                         # a header group: printed, it repeats on every page the table runs onto
                         + ("<thead><tr>" + "".join(f"<th>{_inline(c)}</th>" for c in head) + "</tr></thead>"
                            if head else "")
                         + "<tbody>" + "".join("<tr>" + "".join(f"<td>{_lines(c)}</td>" for c in row) + "</tr>"
                                               for row in rest)
                         + "</tbody></table>")
    if in_front:
        parts.append("</div>")
    parts = _unlink_absent(parts)
    title = TITLE[0] if lang == "zh" else TITLE[1]
    return (f"<!DOCTYPE html>\n<html lang=\"{tag}\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"author\" content=\"{e(AUTHOR)}\"><title>{e(title)}</title>"
            "<style>body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;margin:2em;max-width:64em}"
            "table{border-collapse:collapse;table-layout:fixed;width:100%}"
            "td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top;overflow-wrap:break-word}"
            "td p,div p{margin:.1em 0}code{font-family:'Noto Sans Mono','DejaVu Sans Mono',monospace;font-size:.9em}"
            ".cover{text-align:center}.cover .ics,.cover .ccs{text-align:left;margin:0}"
            ".cover .kind{font-size:1.6em;margin-top:3em}.cover .number{text-align:right}"
            ".cover .title{font-size:1.8em;font-weight:bold;margin-top:5em}.cover .subtitle{font-size:1.1em}"
            ".cover .status{margin-top:2em}.cover .notice{text-align:left;margin-top:2em}"
            ".cover .issued,.cover .effective{display:inline-block;margin:8em 3em 0}"
            ".cover .issuer{font-size:1.3em;margin-top:2em}"
            ".annex{text-align:center}.toc ul{list-style:none;padding:0}.toc li{display:flex}"
            ".toc li a{flex:1;color:inherit;text-decoration:none}.toc-page{min-width:3em;text-align:right}"
            ".rid,.key{white-space:nowrap}</style>"
            "</head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


_RID_LINK = re.compile(r'<a class="rid" href="#(req-[^"]+)">([^<]+)</a>')


def _unlink_absent(parts: list[str]) -> list[str]:
    """A requirement ID whose test case the document does not hold (a deprecated requirement,
    withdrawn from it) stays plain text rather than a link that lands nowhere."""
    present = set(re.findall(r' id="(req-[^"]+)"', "".join(parts)))
    keep = lambda m: m.group(0) if m.group(1) in present else f'<span class="rid">{m.group(2)}</span>'  # noqa: E731
    return [_RID_LINK.sub(keep, part) for part in parts]


def _inline(text: str) -> str:
    """Escaped text with code marks as <code> and requirement IDs linking to their test cases."""
    out = []
    for part in _SPLIT_CODE.split(text):
        if part.startswith("`") and part.endswith("`") and len(part) >= 2:
            code = _BREAKS.sub(r"\1<wbr>", html.escape(part[1:-1]))
            out.append(f"<code>{code}</code>")
        else:
            linked = _REQ.sub(r'<a class="rid" href="#req-\1">\1</a>', html.escape(part))
            out.append(_CLAUSE_KEY.sub(r'<span class="key">\1</span>', linked))
    return "".join(out)


def _lines(cell: str) -> str:
    return "".join(f"<p>{_inline(line)}</p>" for line in cell.split("\n") if line)


def find_soffice() -> str | None:
    for name in SOFFICE:
        if path := shutil.which(name):
            return path
    return None


def render_docx(catalog: Catalog, out: Path, changes: dict[str, object] | None = None, lang: str = "zh",
                rates: list[dict[str, object]] | None = None, *, part: str = "draft",
                report: dict[str, object] | None = None) -> bool:
    """The DOCX; its 目次 carries LibreOffice's page numbers when LibreOffice is installed.
    Whether it does: without them the field is marked for Word to update when it opens the file."""
    try:
        import docx  # noqa: F401
    except ImportError:
        raise HarnessInputError("--format docx", "needs python-docx",
                                install_hint("drafting")) from None
    from .._io.outputs import atomic_write

    items = blocks(catalog, changes, lang, rates, part=part, report=report)
    data = _docx_bytes(items, lang, None)
    numbered = not _toc(items)
    soffice = find_soffice()
    if soffice is not None and not numbered:
        require_page_reader("--format docx")  # LibreOffice lays it out; its pages are read back
        with tempfile.TemporaryDirectory(prefix="conformance-docx-") as tmp:
            first = Path(tmp) / "specification.docx"
            first.write_bytes(data)
            printed = docx_to_pdf(soffice, first, Path(tmp))
            if printed is not None:
                pages = heading_pages(printed, [(text, anchor) for _, text, anchor in _toc(items)])
                data = _docx_bytes(items, lang, page_labels(pages, _toc(items)))
                numbered = True
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, data)
    return numbered


def docx_to_pdf(soffice: str, source: Path, folder: Path) -> Path | None:
    """LibreOffice's PDF of a DOCX (None when it fails: the DOCX is written without page numbers)."""
    command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={(folder / 'lo').as_uri()}",
               "--convert-to", "pdf", "--outdir", str(folder), str(source)]
    try:
        subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=SOFFICE_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    printed = folder / (source.stem + ".pdf")
    return printed if printed.is_file() else None


def _toc(items: list[Block]) -> tuple[tuple[str, ...], ...]:
    return next((b.rows for b in items if b.kind == "toc"), ())


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", plain(text))


def require_page_reader(option: str) -> None:
    """Refuse a render whose 目次 could not carry its page numbers: they are read back from the
    printed PDF with pypdfium2 (the drafting extra), and a draft without them is worse than
    none, because nothing else would say so."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        raise HarnessInputError(option, "needs pypdfium2 to number the 目次 with the pages the headings are on",
                                install_hint("drafting")) from None


def heading_pages(pdf: Path, headings: list[tuple[str, str]]) -> dict[str, int]:
    """anchor -> the page a heading is on: each heading's text looked up in the PDF's text
    layer in order, from the page the previous one was found on (the 目次 itself is skipped:
    the first page after it that holds the text)."""
    import pypdfium2 as pdfium  # present: require_page_reader() was asked before printing

    document = pdfium.PdfDocument(pdf)
    try:
        texts = [_squeeze(document[i].get_textpage().get_text_range()) for i in range(len(document))]
    finally:
        document.close()
    toc_end = 0
    if headings:  # the 目次 lists every heading: it ends on the page that lists the last one
        last = _squeeze(headings[-1][0])[:12]
        toc_end = next((i for i, t in enumerate(texts) if last in t), 0)
    found: dict[str, int] = {}
    start = toc_end + 1
    for text, anchor in headings:
        key = _squeeze(text)[:16]
        for index in range(start, len(texts)):
            if key in texts[index]:
                found[anchor] = index + 1
                start = index
                break
    return found


def _docx_bytes(items: list[Block], lang: str, pages: dict[str, str] | None) -> bytes:
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
    for block in items:
        starts_body = in_front and not block.front
        if starts_body:  # the body's own section, numbered 1, 2... (the front matter's I, II...)
            _page_numbers(document.add_section(WD_SECTION.NEW_PAGE), "decimal")
        in_front = block.front
        if block.kind == "cover":
            rows = {key: value for key, value in block.rows}
            _cover(document, rows, WD_ALIGN_PARAGRAPH, Pt)
            body = document.add_section(WD_SECTION.NEW_PAGE)
            body.header.is_linked_to_previous = body.footer.is_linked_to_previous = False
            header = body.header.paragraphs[0]
            header.text = rows.get("number", "")  # the standard's number, not the title (GB/T 1.1-2020)
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            footer = body.footer.paragraphs[0]
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _field(footer, "PAGE", "1")
            _page_numbers(body, "upperRoman")
        elif block.kind == "toc":
            title = document.add_paragraph(block.text)
            title.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title.runs[0].bold = True
            title.runs[0].font.size = Pt(16)
            _toc_field(document, block.rows, pages, WD_TAB_ALIGNMENT, WD_TAB_LEADER, Mm)
        elif block.kind == "heading":
            paragraph = document.add_heading("", level=max(1, min(block.level, 9)))
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
                if number == 0 and block.page:
                    paragraph.paragraph_format.page_break_before = True
                if number < len(lines) - 1:  # a block's lines close together, as in the HTML; the
                    paragraph.paragraph_format.space_after = Pt(0)  # template's gap after the block only
        elif block.rows:
            table = document.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False
            widths = block.widths or tuple(165 // len(block.rows[0]) for _ in block.rows[0])
            for index, row in enumerate(block.rows):
                cells = table.add_row().cells
                for cell, text, width in zip(cells, row, widths, strict=True):
                    cell.width = Mm(width)
                    lines = text.split("\n")
                    _runs(cell.paragraphs[0], lines[0], Pt, size=9, bold=block.header and index == 0)
                    for line in lines[1:]:
                        _runs(cell.add_paragraph(), line, Pt, size=9)
            _fixed_layout(table, widths, Mm)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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
        text = _AFTER_CJK_PUNCT.sub(r"\1" + ZWSP, joined(text))
    for part in _SPLIT_CODE.split(text):
        if not part:
            continue
        code = part.startswith("`") and part.endswith("`") and len(part) >= 2
        shown = part[1:-1] if code else part
        if breaks:
            shown = _BREAKS.sub(r"\1" + ZWSP, shown) if code else _URL.sub(
                lambda m: _BREAKS.sub(r"\1" + ZWSP, m.group(0)), shown)
        run = paragraph.add_run(shown)
        if code:
            run.font.name = "DejaVu Sans Mono"
        if size:
            run.font.size = pt(size - 0.5 if code else size)
        elif code:  # the HTML's 0.9 em of the 10.5 pt body
            run.font.size = pt(CODE_PT)
        if bold:
            run.bold = True


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


def _bookmark(paragraph: Paragraph, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ident = str(abs(hash(name)) % 10**8)
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


def annex_lines(block: Block) -> tuple[str, ...] | None:
    """An annex heading's number, kind ((规范性) or (资料性)) and title, one a line; None for
    any other heading."""
    match = _ANNEX.match(block.text) if block.kind == "heading" and block.level == 1 else None
    return tuple(part for part in match.groups() if part) if match else None


def _cell(text: str) -> str:
    """A Markdown table cell: a pipe would end it, a line break too; IDs do not break."""
    return unbroken(text).replace("|", "\\|").replace("\n", "<br>")


def unbroken(text: str, hyphen: str = NB_HYPHEN, *, keys: bool = False) -> str:
    """The requirement IDs outside code values with ``hyphen`` for their hyphens (non-breaking
    ones for Markdown table cells); with ``keys`` the policy clause keys too, their space a
    no-break space."""
    def whole(m: re.Match[str]) -> str:
        return m.group(1).replace("-", hyphen).replace(" ", NBSP)

    def plain_part(part: str) -> str:
        part = _REQ.sub(whole, part)
        return _CLAUSE_KEY.sub(whole, part) if keys else part

    return "".join(part if part.startswith("`") and part.endswith("`") and len(part) >= 2 else plain_part(part)
                   for part in _SPLIT_CODE.split(text))


def joined(text: str) -> str:
    """The requirement IDs and policy clause keys of DOCX text joined at their hyphens (no line
    break inside an ID or a key)."""
    return unbroken(text.replace(NB_HYPHEN, "-"), JOINED_HYPHEN, keys=True)
