"""A clause or table of this document's annexes typed by its number in a catalog text (「附录 E.20」, 「表 D.3」,
"annex E.5"): a clause inserted before it moves it silently (sixty-first reading, h123-annexref: h122-fmt renumbered
E.19 to E.20 and E.30 to E.31 by hand). A text names it by its key instead, 「{clause:terminal/device-descriptor.json}」
or 「{table:issueCredential:request body}」 (:data:`.crossrefs.KEYED`), numbered once the document is whole; the lint's
``annex-number`` rule refuses the typed number."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import yaml

from .._catalog.catalog import Catalog
from .._catalog.designations import TYPED

#: another document's annex or clause the number belongs to, shortly before it in the same sentence (GUM G.1.2,
#: 「GB/T 35273—2020 … 附录 A 表 A.1」, Open Badges 3.0 B.1)
_FOREIGN = re.compile(r"(?:GUM|OB 3\.0|35273|Open Badges|ISO|IEC|IEEE|RFC|ITU-T|W3C)(?:[^。.]|\.(?! ))*$")
#: the texts of a requirement that are not its own words (where its source is: another document's section)
_NOT_TEXT = frozenset({"source", "id", "related", "renumbered"})
FIX = ("name the clause or table by its key, {clause:<the code its heading shows, or its anchor>} or "
       "{table:<the schema's key or the table's anchor>}, which the rendering numbers (crossrefs.KEYED)")


def typed_numbers(text: str) -> list[str]:
    """The annex clause or table numbers ``text`` types by hand."""
    return [m.group(1) for m in TYPED.finditer(text) if not _FOREIGN.search(text[max(0, m.start() - 160):m.start()])]


def typed_in(value: Any, place: str = "") -> Iterator[tuple[str, str]]:
    """(place, number) of each typed number in the strings of ``value`` (a requirement's dump, a procedure)."""
    if isinstance(value, str):
        yield from ((place, number) for number in typed_numbers(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT:
                yield from typed_in(item, f"{place}.{key}" if place else str(key))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):  # a term of clause 3
        yield from typed_in(dataclasses.asdict(value), place)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from typed_in(item, f"{place}[{index}]")


def typed_findings(catalog: Catalog) -> Iterator[tuple[str, str, str, str]]:
    """(where, problem, fix, requirement) of each typed annex number in a requirement, a test procedure (an area's
    ``procedures.yaml``) or a text of ``specification.yaml`` (its terms, environment, formats...)."""
    from .writer import load_data

    for req in catalog.requirements.values():
        where = f"{catalog.display(catalog.requirement_files[req.id])} at {req.id}"
        for place, number in typed_in(req.model_dump(mode="json")):
            yield where, f"{place} types the annex number {number}", FIX, req.id
    data = load_data(catalog)
    for rid, written in data.procedures.items():
        for place, number in typed_in(written):
            yield f"procedures of {rid}", f"{place} types the annex number {number}", FIX, rid
    for field in ("terms", "environment", "formats"):
        for place, number in typed_in(getattr(data, field, None), field):
            yield "suites/specification.yaml", f"{place} types the annex number {number}", FIX, ""
    for root in catalog.roots.values():  # the 编制说明's texts cite the draft's tables by anchor too (notetables)
        if (note := root / "suites" / "explanatory.yaml").is_file():
            for place, number in typed_in(yaml.safe_load(note.read_text(encoding="utf-8"))):
                yield "suites/explanatory.yaml", f"{place} types the annex number {number}", FIX, ""
