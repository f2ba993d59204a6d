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
ALLOWANCES = "lint-allowances.yaml"
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
    #: computed from the catalog: why none of its requirements is normative for it ("" when one
    #: is), e.g. "AS-RATING-001 is a candidate; IF-DISC-004 is SHOULD"; see :func:`shortfall`
    shortfall: str = ""
    #: ``declaration_checks:``, listed requirements that for this topic check only what the
    #: product declares about itself (normative for it no more than ``measures: declared``)
    declaration_checks: tuple[str, ...] = ()
    #: ``missing_zh:``, ``missing`` in Chinese ("" when the table gives none)
    missing_zh: str = ""
    #: ``out_of_scope_zh:``, ``out_of_scope`` in Chinese ("" when the table gives none)
    out_of_scope_zh: str = ""

    @property
    def status(self) -> str:
        """covered, partial, absent or out of scope: out of scope with ``out_of_scope:``; absent
        when nothing normative tests any of it (no requirements, or none of them normative for
        it, :attr:`shortfall`: a candidate tests nothing the standard asks); partial when a
        normative requirement tests part of it and ``missing:`` names the rest; else covered."""
        if self.out_of_scope:
            return "out of scope"
        if not self.requirements or self.shortfall:
            return "absent"
        return "partial" if self.missing else "covered"

    @property
    def gap(self) -> str:
        """What keeps it from being covered, or why it is out of scope: the drafter's
        ``missing:`` and the computed shortfall."""
        return "; ".join(part for part in (self.out_of_scope, self.missing, self.shortfall) if part)


STATUSES = ("covered", "partial", "absent", "out of scope")


def normative_gap(catalog: Catalog, req_id: str, in_profiles: set[str]) -> str:
    """Why a requirement cannot make a topic covered ("" when it can), as a predicate read after
    its ID ("is a candidate"). A topic is covered only through a *normative* requirement, one
    that decides conformance and measures the obligation itself: ``stable`` (candidates and
    drafts are in annex D, outside the normative text), MUST (a SHOULD or MAY failure does not
    make a product non-conformant), tested (not ``untestable``), selected by a profile, and not
    ``measures: declared`` (a check of what the product declares about itself: its declared
    limits, issuer, age band)."""
    req = catalog.requirements.get(req_id)
    if req is None:
        return "is no requirement"
    if req.status != "stable":
        return "is " + {"candidate": "a candidate", "draft": "a draft"}.get(req.status or "", "not stable")
    if req.measures == "declared":  # said first: at MAY since issue 70, and that is why
        return "checks only what the product declares"
    if req.level.value != "MUST":
        return f"is {req.level.value}"
    if req.testing.value == "untestable":
        return "is untestable"
    if req_id not in in_profiles:
        return "is in no profile"
    return ""


def shortfall(catalog: Catalog, requirements: tuple[str, ...], in_profiles: set[str],
              declared_here: frozenset[str] = frozenset()) -> str:
    """Why none of these requirements is normative for a topic ("" when one is, or there are
    none): "no normative requirement tests it: AS-MINOR-001, AS-MINOR-002 are candidates".
    ``declared_here`` are the topic's ``declaration_checks:``: requirements that, for this
    topic's obligations, check only what the product declares about itself."""
    gaps: dict[str, list[str]] = {}
    for req_id in requirements:
        gap = normative_gap(catalog, req_id, in_profiles) or (
            "checks only what the product declares" if req_id in declared_here else "")
        if not gap:
            return ""
        gaps.setdefault(gap, []).append(req_id)
    parts = [", ".join(ids) + " " + (gap if len(ids) == 1 else _plural(gap)) for gap, ids in gaps.items()]
    return "no normative requirement tests it: " + "; ".join(parts) if parts else ""


def _plural(gap: str) -> str:
    for one, many in (("is a candidate", "are candidates"), ("is a draft", "are drafts"), ("checks ", "check "),
                      ("is ", "are ")):
        if gap.startswith(one):
            return many + gap[len(one):]
    return gap


@dataclass(frozen=True)
class Standard:
    name: str
    url: str
    #: the edition cited; empty: undated (the latest edition applies)
    date: str = ""
    #: False: a tool or guide the text draws on (bibliography), not a normative reference
    normative: bool = True
    #: the edition's own designation where the date alone does not name it (V1.8.1, BS.2076-2, 1.2)
    edition: str = ""


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
    #: statement lint rule -> the requirements it still finds, each to be restated (the list shrinks)
    allowances: dict[str, frozenset[str]] = field(default_factory=dict)

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
    in_profiles = {r for p in catalog.profiles.values() for r in p.all_requirements()}
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
                listed = tuple(map(str, t.get("requirements", [])))
                declared_here = tuple(map(str, t.get("declaration_checks", [])))
                tables.topics[str(t["key"])] = Topic(
                    str(t["key"]), str(t["title"]["zh"]), str(t["title"]["en"]), tuple(map(str, t["clauses"])),
                    str(t["text"]["zh"]), listed, str(t.get("missing", "")),
                    str(t.get("out_of_scope", "")), str(t.get("status", "")).replace("_", " "),
                    shortfall(catalog, listed, in_profiles, frozenset(declared_here)), declared_here,
                    str(t.get("missing_zh", "")), str(t.get("out_of_scope_zh", "")))
            for s in _read(catalog, suites / STANDARDS).get("standards", []):
                tables.standards[str(s["name"])] = Standard(str(s["name"]), str(s["url"]), str(s.get("date", "")),
                                                            bool(s.get("normative", True)),
                                                            str(s.get("edition", "")))
            for r in _read(catalog, suites / RENUMBERED).get("renumbered", []):
                tables.renumbered[str(r["old"])] = [str(n) for n in r["new"]]
            for rule, ids in _read(catalog, suites / ALLOWANCES).get("allowances", {}).items():
                tables.allowances[str(rule)] = tables.allowances.get(str(rule), frozenset()) | set(map(str, ids))
        except (KeyError, TypeError) as exc:
            raise CatalogError(catalog.display(suites), f"a drafting table lacks {exc}",
                               "see suites/policy-clauses.yaml, standards.yaml, renumbered.yaml, "
                               "lint-allowances.yaml") from None
    return tables
