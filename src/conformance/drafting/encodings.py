"""The encodings annex E defines beside its JSON formats: values a test case decodes that no JSON Schema can state
(the key a `did:key` or `did:jwk` identifier encodes, an S2 cell token, the layout a quilt's file name or Exif
comment states). Forty-first reading, a10, a11, a13 (issue 76, item 2): the cases decoded them while only a
community draft or a vendor's page in the bibliography said how.

Each entry of ``encodings:`` in ``suites/specification.yaml`` gives its clause's title, a lead, and a table of what
the check reads, row by row; the rows are the checks' own tables and patterns, which
``tests/drafting/test_spec_fortyfirst_h94_fmt4.py`` compares them with (the core names no area: the catalog
carries what the annex says). A test case whose Chinese text holds one of an entry's ``found_by`` words cites the
clause, as it cites a JSON format it reads by its ``read_as`` words."""

from __future__ import annotations

from .bibcites import numbered_pointers
from .writer import Block, Writer, table_ahead


def encoding_clauses(w: Writer, first: int) -> list[Block]:
    """Annex E's clauses of the encodings, numbered from ``first`` (after the JSON formats and the frames' payloads)."""
    letter, out = w.annex("formats"), []
    for index, entry in enumerate(w.data.encodings, 1):
        title = w.text(entry["title"])
        out.append(w.heading(f"{letter}.{first + index - 1} {title}", 2, f"encoding-{index}"))
        lead = numbered_pointers(w, w.text(entry["lead"]), entry.get("cites", ()))
        out.append(w.para(lead.replace("{table}", table_ahead(1))))
        head = tuple(w.text(cell) for cell in entry["columns"])
        rows = [head, *(tuple(w.text(cell) for cell in row) for row in entry["rows"])]
        out.append(w.table(rows, tuple(entry.get("widths", (45, 120))), anchor=f"encoding-table-{index}", title=title))
    return out
