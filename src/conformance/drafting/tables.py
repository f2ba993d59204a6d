"""The drafting tables shipped with the catalog: policy clauses, external standards, renumbering."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._catalog.catalog import Catalog, load_yaml_kept
from .._catalog.schemas import BASE_URI
from ..errors import CatalogError

CLAUSES = "policy-clauses.yaml"
STANDARDS = "standards.yaml"
RENUMBERED = "renumbered.yaml"
TABLES_SCHEMA = BASE_URI + "catalog/drafting-tables.json"


@dataclass(frozen=True)
class Clause:
    key: str
    document: str
    clause: str
    gist: str
    zh: str


@dataclass(frozen=True)
class Topic:
    """A testable topic of the seeds and its state in the catalog."""

    key: str
    zh: str
    en: str
    clauses: tuple[str, ...]
    text: str
    requirements: tuple[str, ...] = ()
    missing: str = ""
    out_of_scope: str = ""
    #: the status the table states (``status:``; "out of scope" for out_of_scope), "" when
    #: it states none; the lint holds it to :attr:`status`
    declared: str = ""

    @property
    def status(self) -> str:
        """covered, partial, absent or out of scope, as requirements, missing and out_of_scope say."""
        if self.out_of_scope:
            return "out of scope"
        if not self.requirements:
            return "absent"
        return "partial" if self.missing else "covered"


STATUSES = ("covered", "partial", "absent", "out of scope")


@dataclass(frozen=True)
class Standard:
    name: str
    url: str
    #: the edition cited; empty: undated (the latest edition applies)
    date: str = ""
    #: False: a tool or guide the text draws on (bibliography), not a normative reference
    normative: bool = True


@dataclass
class Tables:
    clauses: dict[str, Clause] = field(default_factory=dict)
    #: clause keys listed more than once (a later entry replaces an earlier one)
    duplicate_clauses: list[str] = field(default_factory=list)
    topics: dict[str, Topic] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    standards: dict[str, Standard] = field(default_factory=dict)
    #: old requirement ID -> the IDs that replace it (one when renumbered, several when split)
    renumbered: dict[str, list[str]] = field(default_factory=dict)

    def standard_for_url(self, url: str) -> Standard | None:
        """The standard whose URL this one starts with (the longest such)."""
        found = [s for s in self.standards.values() if url.startswith(s.url)]
        return max(found, key=lambda s: len(s.url)) if found else None


def _read(catalog: Catalog, path: Path) -> dict[str, Any]:
    """A table file, parsed and valid against its schema ({} when absent). Its bytes are
    parsed once per process (:func:`conformance._io.yamlload.parse_kept`, within the same
    limits): lint, coverage and the spec read the same tables again and again."""
    if not path.is_file():
        return {}
    document = load_yaml_kept(path) or {}
    catalog.schemas.require_valid(document, TABLES_SCHEMA, catalog.display(path),
                                  "see schemas/catalog/drafting-tables.json")
    return document if isinstance(document, dict) else {}


def load_tables(catalog: Catalog) -> Tables:
    """The tables of every catalog folder (a plug-in catalog may add clauses and standards)."""
    tables = Tables()
    for root in catalog.roots.values():
        suites = root / "suites"
        try:
            clauses = _read(catalog, suites / CLAUSES)  # one file: its documents, clauses and topics
            for doc in clauses.get("documents", []):
                tables.documents[str(doc["key"])] = str(doc.get("title", {}).get("zh", ""))
            for c in clauses.get("clauses", []):
                if str(c["key"]) in tables.clauses:
                    tables.duplicate_clauses.append(str(c["key"]))
                tables.clauses[str(c["key"])] = Clause(str(c["key"]), str(c["document"]), str(c["clause"]),
                                                       str(c.get("gist", "")), str(c["text"]["zh"]))
            for t in clauses.get("topics", []):
                tables.topics[str(t["key"])] = Topic(
                    str(t["key"]), str(t["title"]["zh"]), str(t["title"]["en"]), tuple(map(str, t["clauses"])),
                    str(t["text"]["zh"]), tuple(map(str, t.get("requirements", []))), str(t.get("missing", "")),
                    str(t.get("out_of_scope", "")), str(t.get("status", "")).replace("_", " "))
            for s in _read(catalog, suites / STANDARDS).get("standards", []):
                tables.standards[str(s["name"])] = Standard(str(s["name"]), str(s["url"]), str(s.get("date", "")),
                                                            bool(s.get("normative", True)))
            for r in _read(catalog, suites / RENUMBERED).get("renumbered", []):
                tables.renumbered[str(r["old"])] = [str(n) for n in r["new"]]
        except (KeyError, TypeError) as exc:
            raise CatalogError(catalog.display(suites), f"a drafting table lacks {exc}",
                               "see suites/policy-clauses.yaml, standards.yaml, renumbered.yaml") from None
    return tables
