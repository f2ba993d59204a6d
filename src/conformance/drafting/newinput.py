"""What a drafter gives ``conformance new requirement``, checked against the catalog and its
tables before anything is written: the ID (or the next free number of a prefix), the policy
clauses, the seed topic and the external standard, each refusal one line with the close names."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .._catalog.catalog import Catalog
from ..errors import HarnessInputError
from .tables import Standard, Tables

# The requirement ID form of schemas/catalog/requirements.json (any area's prefix: a
# plug-in catalog's areas have their own).
_ID = re.compile(r"^(?P<prefix>[A-Z]{2,4}-[A-Z]{2,6})(-(?P<number>[0-9]{3}))?$")
#: ``--standard none``: the requirement follows no external standard
NO_STANDARD = "none"



@dataclass(frozen=True)
class NewRequirement:
    area: str
    #: the ID, or a prefix for its next free number (None: the next of the area's last prefix)
    requirement_id: str | None
    level: str
    title: str | None
    #: the profiles that select it (at least one: its known-bad case runs under the first)
    profiles: tuple[str, ...]
    #: the clause keys of suites/policy-clauses.yaml it serves (at least one)
    policy: tuple[str, ...]
    #: the canonical name of the external standard it follows (suites/standards.yaml), or "none"
    standard: str
    #: the part of the standard it follows (default: a TODO marker)
    section: str | None = None
    #: where the standard says it (default: the standard's own URL)
    url: str | None = None
    #: the seed topic of suites/policy-clauses.yaml it serves: it is added to the topic's
    #: requirements, so the coverage table counts it (required when the catalog has topics)
    topic: str | None = None
    #: the suite module the check goes into (default: the one deciding requirements like it)
    module: str | None = None


def requirement_id_for(catalog: Catalog, area: str, wanted: str | None) -> str:
    """``wanted`` as given (``TD-HAND-003``), or the next free number of its prefix
    (``TD-HAND``); without one, of the prefix of the area's last requirement."""
    area_ids = [r.id for r in catalog.requirements.values() if r.area == area]
    area_prefix = area_ids[0].split("-")[0] if area_ids else None
    if not wanted and not area_ids:
        raise HarnessInputError(f"area {area}", "has no requirement yet to number from",
                                "give the new ID, e.g. --id XX-TOPIC-001")
    match = _ID.match(wanted or area_ids[-1].rsplit("-", 1)[0])
    if match is None:
        raise HarnessInputError(f"--id {wanted}", "not a requirement ID or prefix", "e.g. XX-TOPIC-003 or XX-TOPIC")
    if area_prefix and not match["prefix"].startswith(area_prefix + "-"):
        raise HarnessInputError(f"--id {wanted}", f"IDs of area {area} start with {area_prefix}-")
    if match["number"] is None:
        taken = [int(i.rsplit("-", 1)[1]) for i in catalog.requirements if i.rsplit("-", 1)[0] == match["prefix"]]
        return f"{match['prefix']}-{max(taken, default=0) + 1:03d}"
    if wanted is not None and wanted in catalog.requirements:
        raise HarnessInputError(f"--id {wanted}", f"already exists in area {catalog.requirements[wanted].area}",
                                "leave --id out for the next free one")
    return match.group(0)


def _close(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` known names near ``name``: those that contain it (any case), then the closest spellings."""
    known = list(known)
    folded = name.casefold()
    found = [k for k in known if folded and folded in k.casefold()]
    by_case = {k.casefold(): k for k in known}
    found += [by_case[k] for k in difflib.get_close_matches(folded, list(by_case), n=n, cutoff=0.5)]
    return list(dict.fromkeys(found))[:n]


def check_policy(tables: Tables, keys: Iterable[str]) -> None:
    keys = list(keys)
    if not keys:
        raise HarnessInputError("--policy", "missing: the clause of suites/policy-clauses.yaml the requirement "
                                "serves", 'e.g. --policy "SH-GUIDE 3.1.1-testing"')
    for key in keys:
        if key not in tables.clauses:
            close = _close(key, tables.clauses)
            raise HarnessInputError(f"--policy {key}", "no clause of suites/policy-clauses.yaml",
                                    f"close: {', '.join(close)}" if close else "see suites/policy-clauses.yaml")


def check_topic(tables: Tables, new: NewRequirement) -> None:
    """The topic is one of the table's, and given when the catalog has topics (lint's
    ``topic`` rule counts every requirement in one)."""
    if new.topic is None and not tables.topics:
        return
    drawing = [t.key for t in tables.topics.values() if set(t.clauses) & set(new.policy)]
    if new.topic is None:
        raise HarnessInputError("--topic", "missing: the seed topic of suites/policy-clauses.yaml the requirement "
                                "serves (the coverage table counts it there)",
                                f"topics drawing on its clauses: {', '.join(drawing)}" if drawing
                                else "see `conformance catalog coverage`")
    if new.topic not in tables.topics:
        close = _close(new.topic, tables.topics)
        raise HarnessInputError(f"--topic {new.topic}", "no topic of suites/policy-clauses.yaml",
                                f"close: {', '.join(close)}" if close else "see `conformance catalog coverage`")


def standard_of(tables: Tables, new: NewRequirement) -> Standard | None:
    """The canonical standard ``--standard`` names (None: ``none``), its ``--url`` checked
    as the lint's ``standard`` rule checks it."""
    if new.standard.casefold() == NO_STANDARD:
        if new.section is not None or new.url is not None:
            raise HarnessInputError("--standard none", "takes no --section or --url", "leave them out, or name "
                                    "the standard")
        return None
    standard = tables.standards.get(new.standard)
    if standard is None:
        by_url = tables.standard_for_url(new.standard) if "://" in new.standard else None
        close = [by_url.name] if by_url else _close(new.standard, tables.standards)
        shown = "; ".join(repr(name) for name in close)
        raise HarnessInputError(f"--standard {new.standard}", "no canonical standard name of suites/standards.yaml",
                                f"close: {shown}" if close else "name one of suites/standards.yaml, add it "
                                "there first, or give --standard none")
    if new.url is not None and not new.url.startswith(standard.url):
        raise HarnessInputError(f"--url {new.url}", f"not under the URL of {standard.name!r}",
                                f"start it with {standard.url}")
    return standard
