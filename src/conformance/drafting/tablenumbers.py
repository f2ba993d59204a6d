"""Every table of the draft numbered and titled, as GB/T 1.1-2020 wants: 表 1, 表 2 ... in the body, 表 A.1,
表 B.1 ... in an annex, numbered afresh in each annex; the number and the title stand above the table, and a
text introducing a table refers to it by its number (twelfth reading: only table 1 had a number and a title).

A table is given its title where it is made (``Writer.table(title=...)``); one given none is titled by the
clause or annex it stands in. A text introducing the table that follows it writes :data:`NEXT_TABLE` where
the number goes, since the number is known only once the whole document is assembled. A text citing a clause
writes :func:`.writer.clause_ref` with the clause's anchor, replaced here by the number its heading has.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from .._catalog.schemas import BASE_URI
from .crossrefs import schema_anchor
from .writer import NEXT_TABLE, Block, table_ahead

#: :func:`.writer.table_ahead`'s mark
_AHEAD = re.compile("\ue001(\\d+)\ue002")
_ANNEX = re.compile(r"^(?:附录|Annex) ([A-Z])")
#: a heading's number: "7.30 ", "A.1 ", "D.4.1 ", or an annex's "附录 B（资料性）" / "Annex B (informative) "
_HEADING_NUMBER = re.compile(r"^(?:(?:附录|Annex) [A-Z]\s*[（(][^）)]*[）)]\s*|(?:[A-Z]|\d+)(?:\.\d+)*\s+)")


def caption(block: Block) -> str:
    """The line above a numbered table ("" for a table the pass has not numbered: the 编制说明's)."""
    if not block.number:
        return ""
    if block.lang == "en":
        return f"Table {block.number} — {block.title}"
    return f"表 {block.number}　{block.title}"


def continued_caption(block: Block) -> str:
    """The line above a numbered table's part continued on a later page: 「表 N（续）」 (GB/T 1.1-2020
    practice for 续表), "Table N (continued)"."""
    return f"Table {block.number} (continued)" if block.lang == "en" else f"表 {block.number}（续）"


#: a row's mark in the PDF's text layer: the numbered table's count and the row's index in its body
ROW_MARK = re.compile(r"@@T(\d+)R(\d+)@@")


def row_mark(table: int, row: int) -> str:
    return f"@@T{table}R{row}@@"


def number_tables(blocks: list[Block]) -> list[Block]:
    """The blocks with each table numbered (body and each annex apart) and titled, and each
    :data:`NEXT_TABLE` replaced by the number of the next table."""
    out: list[Block] = []
    prefix, count, heading = "", 0, ""
    for block in blocks:
        if block.kind == "heading":
            if block.level == 1:
                annex = _ANNEX.match(block.text)
                prefix, count = (f"{annex.group(1)}.", 0) if annex else (prefix, count)
            heading = _HEADING_NUMBER.sub("", block.text, count=1)
        elif block.kind == "table" and block.rows:
            count += 1
            block = replace(block, number=f"{prefix}{count}", title=block.title or heading)
        out.append(block)
    return _resolve_clauses(_resolve_references(out))


def _resolve_references(blocks: list[Block]) -> list[Block]:
    following: list[str] = []  # the numbers of the tables after the block at hand, nearest first
    resolved: list[Block] = []
    for block in reversed(blocks):
        if block.kind == "table" and block.number:
            following.insert(0, block.number)
        elif NEXT_TABLE in block.text or _AHEAD.search(block.text):
            block = replace(block, text=_AHEAD.sub(lambda m: _ahead(following, int(m.group(1)), block.text),
                                                   block.text.replace(NEXT_TABLE, table_ahead(1))))
        resolved.append(block)
    return resolved[::-1]


def _ahead(following: list[str], k: int, text: str) -> str:
    if k > len(following):
        raise ValueError(f"a text refers to table {k} after it but only {len(following)} follow: {text[:60]}")
    return following[k - 1]


#: :func:`.writer.clause_ref`'s mark: the anchor in private-use characters
_CLAUSE = re.compile("\ue003([\ue100-\ue17f]+)\ue004")
#: a clause's number at the start of its heading: "5.2", "D.5.3", "A.12"
_CLAUSE_NUMBER = re.compile(r"^((?:[A-Z]|\d+)(?:\.\d+)+|\d+)(?=\s)")


#: :func:`.writer.table_ref`'s mark: the table's anchor in private-use characters
_TABLE = re.compile("\ue005([\ue100-\ue17f]+)\ue006")


#: a clause's heading ending on its key in code: 「E.5 设备描述（`terminal/device-descriptor.json`）」
_KEYED_HEADING = re.compile(r"^((?:[A-Z]|\d+)(?:\.\d+)+)\s.*[（(]`([^`]+)`[）)]$")


def clause_numbers(blocks: list[Block]) -> dict[str, str]:
    """Each numbered clause's anchor, and the key its heading ends on in code, with its number."""
    numbers = {b.anchor: m.group(1) for b in blocks
               if b.kind == "heading" and b.anchor and (m := _CLAUSE_NUMBER.match(b.text))}
    # a catalog text's stable key (crossrefs.KEYED): the code a clause's heading ends on
    return numbers | {m.group(2): m.group(1) for b in blocks if b.kind == "heading"
                      and (m := _KEYED_HEADING.match(b.text)) and m.group(2) not in numbers}


def table_numbers(blocks: list[Block]) -> dict[str, str]:
    """Each numbered table's anchor with its number."""
    return {b.anchor: b.number for b in blocks if b.kind == "table" and b.anchor and b.number}


def table_number(tables: dict[str, str], key: str) -> str | None:
    """A table's number by its anchor, or a schema's members table by the schema's key (a URI, the URI without
    its common prefix as annex D's headings show it, 「interfaces/session-message.json」, or 「operationId:role」,
    as a catalog text cites it: crossrefs.KEYED)."""
    found = tables.get(key, tables.get(schema_anchor(key) + "-members"))
    return found if found is not None or ":" in key else tables.get(schema_anchor(BASE_URI + key) + "-members")


def _resolve_clauses(blocks: list[Block]) -> list[Block]:
    numbers, tables = clause_numbers(blocks), table_numbers(blocks)

    def number(find: Callable[[str], str | None], what: str) -> Callable[[re.Match[str]], str]:
        def of(match: re.Match[str]) -> str:
            anchor = "".join(chr(ord(c) - 0xE100) for c in match.group(1))
            if (found := find(anchor)) is None:
                raise ValueError(f"a text cites the {what} {anchor!r}, which no numbered {what} carries")
            return found
        return of

    def resolved(text: str) -> str:
        if "\ue003" in text:
            text = _CLAUSE.sub(number(numbers.get, "clause"), text)
        return _TABLE.sub(number(lambda key: table_number(tables, key), "table"), text) if "\ue005" in text else text

    def marked(text: str) -> bool:
        return "\ue003" in text or "\ue005" in text

    return [replace(b, text=resolved(b.text), rows=tuple(tuple(resolved(c) for c in row) for row in b.rows))
            if marked(b.text) or any(marked(c) for row in b.rows for c in row) else b for b in blocks]
