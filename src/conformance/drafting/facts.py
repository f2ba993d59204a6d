"""What the drafting views show of each requirement: its tests, known-bad cases, profiles."""

from __future__ import annotations

from dataclasses import dataclass, field

from .._catalog.catalog import Catalog, load_yaml_kept
from .._catalog.model import Requirement
from .keys import known_bad_files


@dataclass
class Facts:
    """Per requirement ID: test node IDs, the number of known-bad cases, the profiles selecting it."""

    tests: dict[str, list[str]] = field(default_factory=dict)
    known_bad: dict[str, int] = field(default_factory=dict)
    profiles: dict[str, list[str]] = field(default_factory=dict)
    #: per requirement, the rule each known-bad case names (None: the case names none)
    case_rules: dict[str, list[str | None]] = field(default_factory=dict)
    #: per requirement, the program each known-bad case needs on the test equipment (its ``requires``; None: none)
    case_requires: dict[str, list[str | None]] = field(default_factory=dict)
    #: the tools a requirement's known-bad cases need (their ``requires``): what a run may lack to judge it
    case_tools: dict[str, set[str]] = field(default_factory=dict)


def gather(catalog: Catalog, *, with_tests: bool = True) -> Facts:
    facts = Facts()
    if with_tests:  # read from the test locks (conformance._catalog.lock): only when the view shows tests
        facts.tests = {k: sorted(v) for k, v in catalog.tests.items()}
    for path in known_bad_files(catalog):
        document = load_yaml_kept(path) or {}
        if isinstance(document, dict):
            for req_id, cases in document.items():
                facts.known_bad[str(req_id)] = len(cases) if isinstance(cases, list) else 0
                facts.case_rules[str(req_id)] = [
                    str(c["rule"]) if isinstance(c, dict) and "rule" in c else None
                    for c in (cases if isinstance(cases, list) else [])]
                requires = [str(c["requires"]) if isinstance(c, dict) and c.get("requires") else None
                            for c in (cases if isinstance(cases, list) else [])]
                facts.case_requires[str(req_id)] = requires
                facts.case_tools[str(req_id)] = {program for program in requires if program}
    for profile in catalog.profiles.values():
        for req_id in profile.all_requirements():
            facts.profiles.setdefault(req_id, []).append(profile.id)
    return facts


def ordered(catalog: Catalog) -> list[Requirement]:
    """The requirements by area (the catalog's order of areas), then by ID."""
    areas = list(dict.fromkeys(r.area for r in catalog.requirements.values()))
    return sorted(catalog.requirements.values(), key=lambda r: (areas.index(r.area), r.id))


def parameters_of(catalog: Catalog, req_id: str) -> list[tuple[str, str, object, dict[str, object] | None]]:
    """(profile, parameter, default, bounds) of each parameter a requirement's notes name
    (a statement states the default number, its notes name the parameter that sets it)."""
    req = catalog.requirements[req_id]
    text = f"{req.notes.en} {req.statement.en}" if req.notes else req.statement.en
    found = []
    for profile in catalog.profiles.values():
        if req_id in profile.all_requirements():
            for name, spec in profile.parameters.items():
                if name not in text:
                    continue
                bounds = spec.bounds.model_dump(exclude_none=True) if spec.bounds else None
                found.append((profile.id, name, spec.default, bounds))
    return found
