"""编制说明 三（一）'s last column: for one area, the documents of clause 2 (the normative references) its test cases
cite most, with how many cite each (sixty-second reading, d1). The column counted only clause 2's documents while
the sentence above it promised "the external standards cited by the most test cases": the robots row showed
GB/T 12642 (one case of eight) and not the URDF specification (four, a document of the 参考文献). The sentence now
says what is counted, and each cell shows its counts, so a reader can check it against the cases."""

from __future__ import annotations

from collections import Counter

from .._catalog.catalog import Catalog
from .._catalog.model import Requirement
from .spec import _in_bibliography, _ref_text, normative_references
from .tables import Tables
from .writer import Writer

#: how many documents a row shows at most
SHOWN = 3


def cited_most(w: Writer, tables: Tables, catalog: Catalog, reqs: list[Requirement]) -> list[tuple[str, int]]:
    """The clause-2 documents ``reqs`` cite, by how many of them cite each (each document once per requirement,
    however many of its sections it cites: thirty-second reading, b11), equal counts in clause 2's order; at most
    ``SHOWN``, as (catalog name, count)."""
    known = tables.standards
    order = {s.name: i for i, s in enumerate(normative_references(w, tables, catalog))}
    counts = Counter(name for r in reqs for name in dict.fromkeys(s.name for s in r.source.standards)
                     if name in known and not _in_bibliography(known[name], w.data))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], order.get(item[0], len(order)), item[0]))
    return ranked[:SHOWN]


def cited_most_cell(w: Writer, tables: Tables, catalog: Catalog, reqs: list[Requirement]) -> str:
    """The cell: each document as clause 2 writes it and, in brackets, the number of test cases citing it."""
    return w.t("；", "; ").join(
        _ref_text(w, tables.standards[name]) + w.t(f"（{count} 项）", f" ({count} {'case' if count == 1 else 'cases'})")
        for name, count in cited_most(w, tables, catalog, reqs)) or "—"
