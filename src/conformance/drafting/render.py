"""``conformance catalog render``: the catalog as a conformance test specification.

The blocks come from :mod:`.spec` (the GB/T 1.1-2020 layout, Chinese first with English);
this module writes them as Markdown, HTML (an anchor on every clause, test case, profile and
reference; ``lang`` per language; links from the traceability annex to the test cases) and
DOCX (python-docx, the ``drafting`` extra: A4, header, footer with the page number, a table
of contents field, zh-CN as the document language, the project as author).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from .._catalog.catalog import Catalog
from ..errors import HarnessInputError
from ..messages import CJK
from .spec import AUTHOR, TITLE, Block, specification

_CJK = re.compile(f"[{CJK}]")
_REQ = re.compile(r"\b([A-Z]{2}-[A-Z0-9]+-\d{3})\b")


def blocks(catalog: Catalog, changes: dict[str, Any] | None = None) -> list[Block]:
    return specification(catalog, changes)


def render_markdown(catalog: Catalog, changes: dict[str, Any] | None = None) -> str:
    lines: list[str] = []
    for block in blocks(catalog, changes):
        if block.kind == "heading":
            lines += ["#" * (block.level + 1) + " " + block.text, ""]
        elif block.kind == "para":
            lines += [block.text, ""]
        else:
            head, *rest = block.rows if block.header else (("项目 / item", "内容 / content"), *block.rows)
            lines += ["| " + " | ".join(_cell(c) for c in head) + " |", "|" + "---|" * len(head)]
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rest] + [""]
    return "\n".join(lines)


def render_html(catalog: Catalog, changes: dict[str, Any] | None = None) -> str:
    e = html.escape
    items = blocks(catalog, changes)
    toc = [f'<li><a href="#{b.anchor}">{_bilingual(b.text)}</a></li>' for b in items
           if b.kind == "heading" and b.level == 1 and b.anchor]
    parts: list[str] = []
    for block in items:
        anchor = f' id="{e(block.anchor)}"' if block.anchor else ""
        if block.kind == "heading":
            parts.append(f"<h{block.level + 1}{anchor}>{_bilingual(block.text)}</h{block.level + 1}>")
            if block.level == 0:
                parts.append('<nav><h2 lang="zh-CN">目次 <span lang="en">Contents</span></h2><ul>'
                             + "".join(toc) + "</ul></nav>")
        elif block.kind == "para":
            parts.append(f'<p{anchor} lang="{block.lang or _lang(block.text)}">{_linked(block.text)}</p>')
        else:
            head, *rest = block.rows if block.header else ((), *block.rows)
            parts.append(f"<table{anchor}>" + ("<tr>" + "".join(f"<th>{_bilingual(c)}</th>" for c in head) + "</tr>"
                                               if head else "")
                         + "".join("<tr>" + "".join(f"<td>{_lines(c)}</td>" for c in row) + "</tr>" for row in rest)
                         + "</table>")
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"author\" content=\"{e(AUTHOR)}\"><title>{e(TITLE[0])} / {e(TITLE[1])}</title>"
            "<style>body{font-family:sans-serif;margin:2em;max-width:64em}table{border-collapse:collapse}"
            "td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top}td p{margin:.1em 0}</style>"
            "</head><body>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def _lang(text: str) -> str:
    return "zh-CN" if _CJK.search(text) else "en"


def _bilingual(text: str) -> str:
    """'中文 / English' as two spans, each with its language."""
    if " / " not in text:
        return f'<span lang="{_lang(text)}">{html.escape(text)}</span>'
    first, _, second = text.partition(" / ")
    return (f'<span lang="{_lang(first)}">{html.escape(first)}</span> / '
            f'<span lang="{_lang(second)}">{html.escape(second)}</span>')


def _linked(text: str) -> str:
    """Escaped text whose requirement IDs link to their test cases."""
    return _REQ.sub(r'<a href="#req-\1">\1</a>', html.escape(text))


def _lines(cell: str) -> str:
    return "".join(f'<p lang="{_lang(line)}">{_linked(line)}</p>' for line in cell.split("\n") if line)


def render_docx(catalog: Catalog, out: Path, changes: dict[str, Any] | None = None) -> None:
    try:
        import docx
    except ImportError:
        raise HarnessInputError("--format docx", "needs python-docx",
                                "pip install 'metaverse-conformance[drafting]'") from None
    from docx.shared import Mm

    document = docx.Document()
    _language(document, "zh-CN")
    properties = document.core_properties
    properties.author = properties.last_modified_by = AUTHOR
    properties.title, properties.language = f"{TITLE[0]} / {TITLE[1]}", "zh-CN"
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.header.paragraphs[0].text = TITLE[0]
    footer = section.footer.paragraphs[0]
    footer.text = ""
    _field(footer, "PAGE")
    for block in blocks(catalog, changes):
        if block.kind == "heading":
            document.add_heading(block.text, level=block.level)
            if block.level == 0:
                document.add_paragraph("目次 / Contents")
                _field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u')
        elif block.kind == "para":
            document.add_paragraph(block.text)
        else:
            table = document.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for row in block.rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, TOC) that Word computes when the document is opened."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            if kind == "begin":
                element.set(qn("w:dirty"), "true")
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _language(document: Any, lang: str) -> None:
    """The document's default language (Latin and East Asian) in its styles."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)
    element.set(qn("w:val"), lang)
    element.set(qn("w:eastAsia"), lang)


def _cell(text: str) -> str:
    """A Markdown table cell: a pipe would end it, a line break too."""
    return text.replace("|", "\\|").replace("\n", "<br>")
