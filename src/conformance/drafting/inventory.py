"""The seed-topic inventory held to what the catalog tests: a topic's stated status agrees
with its requirements, ``missing:`` and ``out_of_scope:``; a topic stated covered lists only
requirements a run decides (automated, in a profile), so it claims nothing a person or no
profile would have to judge; and every requirement is reachable from a topic drawn from a
clause it cites, so the clause-by-clause coverage and the topic table tell the same story.

Whether a covered topic's sentence names an obligation no listed requirement tests is a
reading, not a computation: the overclaim check can only catch the machine-visible part
(a manual or unprofiled requirement behind a "covered"); the rest is the drafter's
``missing:``, which the table states for every partial topic."""

from __future__ import annotations

from collections.abc import Iterator

from .._catalog.catalog import Catalog
from .._catalog.model import Testing
from .tables import STATUSES, Tables, Topic


def profiled(catalog: Catalog) -> set[str]:
    """The requirements some profile selects."""
    return {r for p in catalog.profiles.values() for r in p.all_requirements()}


def overclaims(catalog: Catalog, topic: Topic, in_profiles: set[str] | None = None) -> list[tuple[str, str]]:
    """(requirement, why) for each requirement that keeps a topic stated covered from being
    covered: one a run does not decide (manual) or no profile selects."""
    if topic.status != "covered":
        return []
    in_profiles = profiled(catalog) if in_profiles is None else in_profiles
    found = []
    for req_id in topic.requirements:
        req = catalog.requirements.get(req_id)
        if req is None:
            continue
        if req.testing is not Testing.AUTOMATED:
            found.append((req_id, f"is tested {req.testing.value}, not automated"))
        elif req_id not in in_profiles:
            found.append((req_id, "is in no profile, so no run tests it"))
    return found


def status_problems(topic: Topic) -> Iterator[tuple[str, str]]:
    """(problem, fix) when the stated status is missing or disagrees with the lists."""
    if not topic.declared:
        yield ("states no status", f"add status: {topic.status.replace(' ', '_')} (covered only when every "
               "obligation its sentence names has an automated, profiled, normative requirement)")
    elif topic.declared not in STATUSES:
        yield f"status {topic.declared!r} is none of {', '.join(STATUSES)}", "use one of them"
    elif topic.declared != topic.status:
        because = f" ({topic.shortfall})" if topic.shortfall else ""
        yield (f"states {topic.declared} but its lists make it {topic.status}{because}",
               _status_fix(topic.declared))


def _status_fix(declared: str) -> str:
    return {"covered": "list a normative requirement (stable, MUST, in a profile, measuring the behaviour, not a "
                       "declaration) that tests it and drop missing: (or state partial)",
            "partial": "list a normative requirement that tests part of it and say in missing: what is untested",
            "absent": "say in missing: what a normative requirement would test (the listed candidates, drafts, "
                      "SHOULDs and declaration checks test nothing the standard asks)",
            "out of scope": "give out_of_scope: the reason, with no requirements or missing"}[declared]


def unreached(catalog: Catalog, tables: Tables) -> Iterator[tuple[str, str, str]]:
    """(requirement, problem, fix) for a requirement no topic drawn from a clause it cites
    lists, and for a cited clause no topic draws on."""
    if not tables.topics:  # a catalog without a topic table (a plug-in's) has nothing to reach from
        return
    drawn = {key for topic in tables.topics.values() for key in topic.clauses}
    for req_id, req in catalog.requirements.items():
        cited = set(req.source.policy)
        for key in sorted(cited - drawn):
            if key in tables.clauses:
                yield (req_id, f"cites {key}, which no seed topic draws on",
                       "add the clause to the clauses: of the topic the requirement serves")
        listing = [t for t in tables.topics.values() if req_id in t.requirements]
        if cited and listing and not any(cited & set(t.clauses) for t in listing):
            topics = ", ".join(t.key for t in listing)
            yield (req_id, f"is listed by {topics}, none drawn from a clause it cites ({', '.join(sorted(cited))})",
                   f"cite a clause of {listing[0].key} in source.policy ({', '.join(listing[0].clauses)}), or "
                   "list it under a topic drawn from a clause it cites")


def overclaim_summary(catalog: Catalog, topics: list[Topic]) -> list[str]:
    """The lines ``catalog coverage`` prints under the topic counts."""
    in_profiles = profiled(catalog)
    covered = [t for t in topics if t.status == "covered"]
    flagged = [(t, overclaims(catalog, t, in_profiles)) for t in covered]
    flagged = [(t, found) for t, found in flagged if found]
    mismatched = [t for t in topics if t.declared and t.declared != t.status]
    lines = [f"Overclaim check: {len(covered)} topics covered, {len(flagged)} of them listing a requirement "
             f"a run does not decide; {len(mismatched)} topics whose stated status disagrees with their lists."]
    for topic, found in flagged:
        lines.append(f"- {topic.key}: " + "; ".join(f"{r} {why}" for r, why in found))
    for topic in mismatched:
        lines.append(f"- {topic.key}: states {topic.declared}, its lists make it {topic.status}")
    return lines
