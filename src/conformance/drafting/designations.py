"""``suites/designations.json``: the number of each clause or table a catalog text names by key, as the rendered
specification numbers it, for the outputs that show the texts outside the documents
(:mod:`conformance._catalog.designations`; sixty-first reading, h124-fix). ``conformance catalog docs`` writes it."""

from __future__ import annotations

import json
from pathlib import Path

from .._catalog.catalog import Catalog
from .._catalog.designations import KEYED, designations_path
from .tablenumbers import clause_numbers, table_number, table_numbers

#: the catalog's texts that may hold a keyed reference: requirements, the specification's data, the schemas
_SOURCES = ("suites/**/*.yaml", "schemas/**/*.json", "schemas/**/*.yaml")


def catalog_placeholders(root: Path) -> set[str]:
    """Every ``{clause:…}`` / ``{table:…}`` the catalog's files write."""
    found: set[str] = set()
    for pattern in _SOURCES:
        for path in root.glob(pattern):
            found |= {m.group(0) for m in KEYED.finditer(path.read_text(encoding="utf-8"))}
    return found


def computed(catalog: Catalog) -> dict[str, str]:
    """Each placeholder of the catalog with the number the Chinese specification gives it."""
    from .spec import specification

    blocks = specification(catalog, lang="zh")
    clauses, tables = clause_numbers(blocks), table_numbers(blocks)
    out: dict[str, str] = {}
    for placeholder in sorted(catalog_placeholders(catalog.root)):
        match = KEYED.fullmatch(placeholder)
        assert match is not None
        kind, key = match.group(1), match.group(2)
        number = clauses.get(key) if kind == "clause" else table_number(tables, key)
        if number is None:
            raise ValueError(f"the catalog cites the {kind} {key!r}, which the specification does not number")
        out[placeholder] = number
    return out


def designations_text(numbers: dict[str, str]) -> str:
    return json.dumps(numbers, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def stale(catalog: Catalog) -> str | None:
    """The file's new text when it differs from what the catalog gives, else None."""
    text = designations_text(computed(catalog))
    path = designations_path(catalog.root)
    return None if path.is_file() and path.read_text(encoding="utf-8") == text else text
