"""Where the 编制说明 cites a table of the draft, the number the draft gives it (twenty-seventh reading, row 14:
八（十四） cited 「表 B.3」, the topic table's number before annex B's tables were renumbered). A text of the note's
data writes ``{table:<anchor>}``; the draft's annex holding that table is built and numbered as the draft numbers
it, so the note cannot keep a number the draft no longer has."""

from __future__ import annotations

import re

from .._catalog.catalog import Catalog
from ..errors import CatalogError, Location
from .explanatory_data import NoteData
from .facts import gather, ordered
from .tables import load_tables
from .tablenumbers import number_tables
from .writer import Writer

_CITED = re.compile(r"\{table:([\w-]+)\}")


def cited_tables(w: Writer, catalog: Catalog, text: str, where: Location | None = None) -> str:
    """``text`` with each ``{table:<anchor>}`` replaced by the draft's number of that table; an anchor the draft
    does not hold is the catalog's error at ``where`` (the note's data file and entry)."""
    if not _CITED.search(text):
        return text
    from .annexes import annex_mapping  # the annex that holds the tables the note cites
    areas = list(dict.fromkeys(r.area for r in ordered(catalog)))
    blocks = number_tables(annex_mapping(w, catalog, load_tables(catalog), gather(catalog), areas))
    numbers = {b.anchor: b.number for b in blocks if b.kind == "table" and b.anchor and b.number}

    def number(match: re.Match[str]) -> str:
        if match.group(1) not in numbers:
            raise CatalogError(where or Location(), f"the explanatory note cites the table {match.group(1)!r}, "
                               "which the draft does not hold", "cite a table the draft has by its anchor")
        return numbers[match.group(1)]
    return _CITED.sub(number, text)


def entry_place(w: Writer, data: NoteData | None, key: str, entry: object) -> Location | None:
    """Where an entry of the note's data list ``key`` is, in this language's text (for an error to name)."""
    entries = data.get(key) if data else None
    if data is None or not isinstance(entries, list) or entry not in entries:
        return None
    return Location(w.catalog.display(data.path), (key, entries.index(entry), w.lang))
