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
from pathlib import Path

from .._catalog.catalog import Catalog
from ..errors import HarnessInputError, install_hint
from .spec import AUTHOR, END_LINE, TITLE, page_labels, specification
from .tablenumbers import caption, continued_caption, row_mark
from .textbreaks import (BREAKS, CLAUSE_KEY, END_LINE_TEXT, QUANTITY, REQUIREMENT_ID, SPLIT_CODE, annex_lines,
                         markdown_quantities, plain, unbroken)
from .wordfile import docx_bytes
from .writer import Block

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


def render_markdown(catalog: Catalog, changes: dict[str, object] | None = None, lang: str = "zh",
                    rates: list[dict[str, object]] | None = None, *, part: str = "draft",
                    report: dict[str, object] | None = None) -> str:
    return markdown_of(blocks(catalog, changes, lang, rates, part=part, report=report))


def markdown_of(rendered: list[Block]) -> str:
    """The Markdown text of rendered blocks (what ``render_markdown`` writes)."""
    lines: list[str] = []
    for block in rendered:
        if block.kind == "cover":
            lines += [f"**{value}**" if key == "title" else value for key, value in block.rows if value] + [""]
        elif block.kind == "toc":
            lines += [f"## {block.text}", ""] + [f"- [{text}](#{anchor})" for _, text, anchor in block.rows] + [""]
        elif block.kind == "heading":
            lines += ["#" * (block.level + 1) + " " + markdown_quantities(block.text), ""]
        elif block.kind == "para":
            lines += [markdown_quantities(block.text).replace("\n", "  \n"), ""]
        elif block.kind == END_LINE:
            lines += [END_LINE_TEXT, ""]
        elif block.rows:
            head, *rest = block.rows if block.header else (("",) * len(block.rows[0]), *block.rows)
            lines += [markdown_quantities(caption(block)), ""] if block.number else []
            lines += ["| " + " | ".join(_cell(c) for c in head) + " |", "|" + "---|" * len(head)]
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rest] + [""]
    return "\n".join(lines)


def render_html(catalog: Catalog, changes: dict[str, object] | None = None, lang: str = "zh",
                rates: list[dict[str, object]] | None = None, pages: dict[str, str] | None = None, *,
                part: str = "draft", report: dict[str, object] | None = None,
                splits: dict[int, tuple[int, ...]] | None = None, marks: bool = False) -> str:
    """The HTML document; ``pages`` (anchor -> the page number shown) fills the 目次's page
    column. The front matter is one ``<div class="front">`` (printed with Roman page numbers).
    ``splits`` (the numbered table's count from 1 -> the rows that start a new page; None: not
    printed) and ``marks`` are the PDF's (:mod:`.continued`): a table is cut there into parts,
    each continued part on a new page under 「表 N（续）」 with the header row again; ``marks``
    puts an unseen mark in each row of a numbered table, which the print's text layer gives
    back with its page."""
    return html_of(blocks(catalog, changes, lang, rates, part=part, report=report), lang, pages,
                   splits=splits, marks=marks)


def html_of(rendered: list[Block], lang: str = "zh", pages: dict[str, str] | None = None, *,
            splits: dict[int, tuple[int, ...]] | None = None, marks: bool = False) -> str:
    """The HTML document of rendered blocks (what ``render_html`` writes): a caller printing the
    same blocks several times (the PDF's rounds) or in several forms renders them once."""
    e = html.escape
    tag = "zh-CN" if lang == "zh" else "en"
    parts: list[str] = []
    in_front = False
    tables = 0
    for block in rendered:
        if block.front != in_front:
            parts.append('<div class="front">' if block.front else "</div>")
            in_front = block.front
        anchor = f' id="{e(block.anchor)}"' if block.anchor else ""
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
            classes = " ".join(name for name, on in (("page", block.page), ("formula", block.centred)) if on)
            parts.append(f"<div{anchor}" + (f' class="{classes}"' if classes else "") + ">" + _lines(block.text)
                         + "</div>")
        elif block.kind == END_LINE:
            parts.append(f'<hr{anchor} class="endline">')
        elif block.rows:
            if block.number:
                tables += 1
            cuts = None if splits is None else splits.get(tables, ()) if block.number else ()
            parts.append(_table(block, anchor, cuts, tables if marks and block.number else 0))
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
            ".endline{width:25%;margin:2em auto;border:0;border-top:1px solid #000}"
            ".annex{text-align:center}.toc ul{list-style:none;padding:0}.toc li{display:flex}"
            ".toc li a{flex:1;color:inherit;text-decoration:none}.toc-page{min-width:3em;text-align:right}"
            ".rid,.key{white-space:nowrap}.formula{text-align:center}.continued{break-before:page}"
            # printed, a caption is the header group's first row (_table): set as a caption is
            ".title th{border:0;font-weight:normal;text-align:center;position:relative}"
            ".title .shown{position:absolute;left:0;right:0}.title .unseen{visibility:hidden}"
            # a row's mark: in the text layer, neither seen nor taking room (absolutely placed in its cell)
            ".marked{position:relative}.mark{position:absolute;left:0;top:0;font-size:2pt;color:#fff}</style>"
            "</head><body>\n" + "\n".join(parts) + "\n</body></html>\n")


def _table(block: Block, anchor: str, cuts: tuple[int, ...] | None, mark: int) -> str:
    """A table as HTML. Printed (``cuts`` not None: :mod:`.continued`), its caption is the first row of its
    header group, which the print repeats on every page the table runs onto, so the space a continued part's
    「表 N（续）」 takes is there in every print; the table is cut at ``cuts`` (indexes into its body rows), each
    later part on a new page under 「表 N（续）」 (drawn over an unseen copy of the caption, so it takes the
    caption's lines and nothing on the page moves) and the header row again (GB/T 1.1-2020 practice for 续表).
    ``mark`` (the table's count, 0 for none) adds the unseen row marks :mod:`.continued` reads."""
    head, *rest = block.rows if block.header else ((), *block.rows)
    cols = "".join(f'<col style="width:{w}mm">' for w in block.widths)
    group = f"<colgroup>{cols}</colgroup>" if cols else ""
    heads = "<tr>" + "".join(f"<th>{_inline(c)}</th>" for c in head) + "</tr>" if head else ""
    bounds = [0, *(c for c in cuts or () if 0 < c < len(rest)), len(rest)]
    out = []
    for index, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        title = _inline(caption(block))
        if index:  # the continued caption over the caption's unseen copy
            title = f'<span class="shown">{_inline(continued_caption(block))}</span><span class="unseen">{title}</span>'
        rows = "".join("<tr>" + "".join(
            ((f'<td class="marked"><span class="mark">{row_mark(mark, start + n)}</span>' if mark and i == 0
              else "<td>") + f"{_lines(c)}</td>") for i, c in enumerate(row)) + "</tr>"
            for n, row in enumerate(rest[start:end]))
        opening = f"<table{anchor}>" if index == 0 else '<table class="continued">'
        if cuts is None:  # on screen: the caption above, the header group repeated by a print
            out.append(opening + (f"<caption>{title}</caption>" if block.number else "") + group
                       + (f"<thead>{heads}</thead>" if heads else ""))
        else:
            titled = f'<tr class="title"><th colspan="{len(block.rows[0])}">{title}</th></tr>' if block.number else ""
            out.append(opening + group + (f"<thead>{titled}{heads}</thead>" if titled or heads else ""))
        out[-1] += "<tbody>" + rows + "</tbody></table>"
    return "".join(out)


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
    for part in SPLIT_CODE.split(text):
        if part.startswith("`") and part.endswith("`") and len(part) >= 2:
            code = BREAKS.sub(r"\1<wbr>", html.escape(part[1:-1]))
            out.append(f"<code>{code}</code>")
        else:
            linked = REQUIREMENT_ID.sub(r'<a class="rid" href="#req-\1">\1</a>', html.escape(part))
            keyed = CLAUSE_KEY.sub(r'<span class="key">\1</span>', linked)
            out.append(QUANTITY.sub(
                lambda m: f"<i>{m.group(1)}</i>" + (f"<sub>{m.group(2)}</sub>" if m.group(2) else ""), keyed))
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
    numbered = not _toc(items)
    soffice = None if numbered else find_soffice()  # LibreOffice lays it out; its pages are read back
    if soffice is not None:
        require_page_reader("--format docx")  # before the document is built (seconds), not after
    data = docx_bytes(items, lang, None)
    if soffice is not None:
        with tempfile.TemporaryDirectory(prefix="conformance-docx-") as tmp:
            first = Path(tmp) / "specification.docx"
            first.write_bytes(data)
            printed = docx_to_pdf(soffice, first, Path(tmp))
            if printed is not None:
                pages = heading_pages(printed, [(text, anchor) for _, text, anchor in _toc(items)])
                data = docx_bytes(items, lang, page_labels(pages, _toc(items)))
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


def _cell(text: str) -> str:
    """A Markdown table cell: a pipe would end it, a line break too; IDs do not break."""
    return markdown_quantities(unbroken(text)).replace("|", "\\|").replace("\n", "<br>")
