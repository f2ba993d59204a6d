"""Reading a Word file's paragraph styles in the drafting tests, as python-docx's ``Paragraph.style``
gives them, from one table a document: python-docx looks a paragraph's style up in styles.xml at each
call (an XPath query, and a walk of every style for the default), some 2 ms a paragraph, and a draft
has some 3 000 paragraphs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def paragraph_style_name(document: Any) -> Callable[[Any], str | None]:
    """``name(paragraph)``: the name of ``paragraph.style`` (None where the document has no default
    paragraph style). As python-docx resolves it: the first style whose ID the paragraph's
    ``w:pStyle`` names, when that style is a paragraph style, else the document's default one."""
    from docx.enum.style import WD_STYLE_TYPE

    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    fallback = None if default is None else default.name
    names: dict[str, str | None] = {}
    for style in document.styles:
        names.setdefault(style.style_id, style.name if style.type == WD_STYLE_TYPE.PARAGRAPH else fallback)

    def name(paragraph: Any) -> str | None:
        style_id = paragraph._p.style
        return fallback if not style_id else names.get(style_id, fallback)

    return name
