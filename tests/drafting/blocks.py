"""Reading the rendered draft in the drafting tests: a part between two anchors, its text, a Markdown section."""

from __future__ import annotations

import re

from conformance.drafting.writer import Block


def between(items: list[Block], start: str, end: str | None = None) -> list[Block]:
    """The blocks from the one anchored ``start`` up to the one anchored ``end`` (or the end)."""
    first = next(i for i, b in enumerate(items) if b.anchor == start)
    last = next((i for i, b in enumerate(items) if i > first and b.anchor == end), len(items)) if end else len(items)
    return items[first:last]


def text_of(items: list[Block]) -> str:
    """Every text and table cell of ``items``, a line each."""
    return "\n".join(t for b in items for t in (b.text, *("\n".join(r) for r in b.rows)))


def section(markdown: str, level: int, heading: str) -> str:
    """The Markdown from the heading of ``level`` (2: an annex, 3: a clause of it) matching ``heading``, a regular
    expression, up to the next heading of that level (or the end)."""
    marks = "#" * level
    start = re.search(rf"^{marks} {heading}.*$", markdown, re.M)
    assert start, heading
    end = re.search(rf"^{marks} ", markdown[start.end():], re.M)
    return markdown[start.start():start.end() + end.start()] if end else markdown[start.start():]


def limit_rows(blocks: list[Block]) -> dict[str, tuple[str, str]]:
    """The 编制说明's limits table (三（三）) by requirement: its limits cell and its basis cell."""
    table = next(b for b in blocks if b.kind == "table" and b.rows and b.rows[0][1] in ("限值", "Limits"))
    return {row[0].replace("\u2011", "-"): (row[1], row[2]) for row in table.rows[1:]}
