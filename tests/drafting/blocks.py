"""Reading rendered blocks in the drafting tests: a part between two anchors, and its text."""

from __future__ import annotations

from conformance.drafting.writer import Block


def between(items: list[Block], start: str, end: str | None = None) -> list[Block]:
    """The blocks from the one anchored ``start`` up to the one anchored ``end`` (or the end)."""
    first = next(i for i, b in enumerate(items) if b.anchor == start)
    last = next((i for i, b in enumerate(items) if i > first and b.anchor == end), len(items)) if end else len(items)
    return items[first:last]


def text_of(items: list[Block]) -> str:
    """Every text and table cell of ``items``, a line each."""
    return "\n".join(t for b in items for t in (b.text, *("\n".join(r) for r in b.rows)))
