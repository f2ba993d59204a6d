"""How a text names a table or cites a clause of the draft before their numbers are known: placeholders in
private-use characters that :mod:`.tablenumbers` replaces once the document is whole (kept apart from
:mod:`.writer` so that a module the writer imports can cite a clause too)."""

from __future__ import annotations

import hashlib

from .._catalog.designations import KEYED as keyed_pattern


def table_ahead(k: int) -> str:
    """Where a text names the *k*-th table after it (1: the next) by its number (clause 5's opening
    sentence names 表 1 to 表 8 before the first of them)."""
    return f"\ue001{k}\ue002"


def tables_ahead(count: int, skip: int = 0) -> tuple[str, str]:
    """How a text names the next ``count`` (at least one) tables by their numbers, in Chinese and English:
    「表 1 至表 8」, "Tables 1 to 8"; for one, 「表 1」, "Table 1"; ``skip``: the first tables after it it does not name."""
    first, last = table_ahead(1 + skip), table_ahead(count)
    return (f"表 {first} 至表 {last}", f"Tables {first} to {last}") if count > 1 + skip else (f"表 {first}", f"Table {first}")


def clause_ref(anchor: str) -> str:
    """Where a text cites a clause of this document (「D.5.3」, 「E.2」) by its number, known once the document
    is whole: the clause whose heading carries ``anchor`` (:mod:`.tablenumbers` writes it). No number is typed,
    so a first subclause 「通则」 added before others cannot leave a citation behind. The anchor is carried in
    private-use characters, out of reach of the wording passes that mark Latin words as code."""
    return "\ue003" + "".join(chr(0xE100 + ord(c)) for c in anchor) + "\ue004"


def table_ref(anchor: str) -> str:
    """Where a text cites a table of this document that is not the next (「表 D.3」) by its number, known once the
    document is whole: the table built with ``anchor`` (:mod:`.tablenumbers` writes it; twentieth reading: D.6
    pointed to "the table's 操作 column" of a table three clauses back)."""
    return "\ue005" + "".join(chr(0xE100 + ord(c)) for c in anchor) + "\ue006"


def schema_anchor(key: str) -> str:
    """The anchor of annex D's clause of the schema ``key`` (a schema's URI, or an inline body's
    「operationId:role」): fixed by the key, so that a text written before annex D numbers its schemas (a test case's
    format line, forty-third reading c2) cites the same clause; short, as a DOCX bookmark name has at most 40
    characters."""
    return "schema-" + hashlib.sha1(key.encode()).hexdigest()[:12]


#: a catalog text's reference to a clause or a table of this document by a stable key, not a typed number (sixty-first
#: reading, h123-annexref): 「{clause:terminal/device-descriptor.json}」 (the key a clause's heading shows in code: a
#: format's schema, a contract's file, a corpus's id; or the clause's anchor, 「{clause:clause-5-general}」),
#: 「{table:issueCredential:request body}」 (the schema whose members the table lists, or the table's anchor)
KEYED = keyed_pattern  # one pattern with the outputs that print its number (_catalog.designations)


def keyed_refs(text: str) -> str:
    """``text`` with each :data:`KEYED` placeholder the mark :mod:`.tablenumbers` numbers once the document is whole."""
    return KEYED.sub(lambda m: (clause_ref if m[1] == "clause" else table_ref)(m[2]), text) if "{" in text else text
