"""``conformance lint``: every string key of the catalog points at something that exists.

Loading the catalog already checks what needs no test import (profiles' requirement IDs and
target kinds, schema ``$ref``s). The lint adds what needs the suites collected or the
reference implementation loaded (through its entry point, ``conformance.references``): test
markers, tests and known-bad cases for every automated requirement, known-bad profiles,
defects, features and fixture files, and the configuration schema of every adapter, and the
message templates findings are written from.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .._areas import ReferenceUnavailable, reference_implementation
from .._catalog.catalog import Catalog, hint, load_yaml_kept
from .._catalog.lock import FIX, Lock, lock_difference, lock_path, read_lock, shown_nodes
from .._catalog.model import Testing
from ..errors import CatalogError, HarnessInputError

KNOWN_BAD = "known_bad.yaml"
#: a case's keys; `product` replaces the product the manifest claims (TD-DESC-003 compares with it)
_CASE_KEYS = {"profile", "defects", "role_defects", "files", "features", "parameters", "requires", "finding",
              "rule", "product"}


def lint_catalog(catalog: Catalog) -> list[CatalogError]:
    """Every dangling key of the catalog, one problem (file, place, fix) each."""
    return [*_test_problems(catalog), *_known_bad_problems(catalog), *_adapter_problems(catalog),
            *_message_problems()]


def _message_problems() -> Iterator[CatalogError]:
    """The message templates: the harness's, the areas' and plug-in catalogs'."""
    from ..messages import problems

    for problem in problems():
        key, _, what = problem.partition(": ")
        yield CatalogError(f"message template {key}", what, "give it 'en' and 'zh' with the same {placeholders}")


def _test_problems(catalog: Catalog) -> Iterator[CatalogError]:
    """The suites collected as a run collects them: modules that cannot be, markers naming
    unknown requirements, automated requirements no test is marked with, and test locks
    that do not record what collecting found (:mod:`conformance._catalog.lock`)."""
    from .._run.collect import collect

    collection = collect(catalog)
    for error in collection.errors:
        nodeid, _, what = error.partition(": ")
        yield CatalogError(nodeid, f"cannot be collected: {what}", "fix the test module")
    markers = shown_nodes(catalog.roots, collection.locks)
    for nodeid, ids in markers.items():
        for req_id in ids:
            if req_id not in catalog.requirements:
                yield CatalogError(nodeid, f"marker names unknown requirement {req_id}",
                                   hint(req_id, catalog.requirements))
    if not collection.errors:  # a lock is only known when every module could be collected
        yield from _lock_problems(catalog, collection.locks)
    tests = {req_id for ids in markers.values() for req_id in ids}
    for req_id in _automated(catalog):
        if req_id not in tests:
            yield CatalogError(catalog.display(catalog.requirement_files[req_id]),
                               f"automated requirement {req_id} has no test",
                               "add a test marked @pytest.mark.requirement or mark it manual")


def _lock_problems(catalog: Catalog, found: Mapping[Path, Lock]) -> Iterator[CatalogError]:
    """Each catalog folder's test lock records what collecting its suites found."""
    for folder, lock in found.items():
        shown = catalog.display(lock_path(folder))
        try:
            recorded = read_lock(folder, shown)
        except CatalogError as exc:
            yield exc
            continue
        difference = lock_difference(recorded, lock)
        if difference:
            yield CatalogError(shown, f"stale: {difference}", FIX)


def _automated(catalog: Catalog) -> list[str]:
    return [r.id for r in catalog.requirements.values() if r.testing is Testing.AUTOMATED]


def known_bad_files(catalog: Catalog) -> list[Path]:
    """``suites/<area>/known_bad.yaml`` of every catalog folder."""
    return [p for root in catalog.roots.values() for p in sorted((root / "suites").glob(f"*/{KNOWN_BAD}"))]


def _known_bad_problems(catalog: Catalog) -> Iterator[CatalogError]:
    try:  # the defects a case may plant are those of the reference implementation
        defects = reference_implementation().DEFECTS
    except ReferenceUnavailable as exc:
        yield CatalogError("known-bad cases", f"their defects cannot be checked: {exc.reason}", exc.fix)
        return
    covered: set[str] = set()
    for path in known_bad_files(catalog):
        rel = catalog.display(path)
        try:
            document = load_yaml_kept(path) or {}
        except HarnessInputError as exc:
            yield CatalogError(exc.where, exc.problem, exc.fix)
            continue
        if not isinstance(document, dict):
            yield CatalogError(rel, "not a mapping of requirement IDs to cases", "see docs/known-bad.md")
            continue
        for req_id, cases in document.items():
            where = f"{rel} at $.{req_id}"
            if req_id not in catalog.requirements:
                yield CatalogError(where, f"unknown requirement {req_id}", hint(str(req_id), catalog.requirements))
                continue
            if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
                yield CatalogError(where, "not a list of cases", "see docs/known-bad.md")
                continue
            covered.add(req_id)
            for index, case in enumerate(cases):
                yield from _case_problems(catalog, f"{where}[{index}]", req_id, case, path.parent / "fixtures", defects)
    for req_id in _automated(catalog):
        if req_id not in covered:
            area = catalog.requirement_files[req_id].parent
            yield CatalogError(catalog.display(area / KNOWN_BAD),
                               f"automated requirement {req_id} has no known-bad case",
                               "add a case that makes it fail (docs/known-bad.md)")


def _case_problems(
    catalog: Catalog, where: str, req_id: str, case: dict[str, Any], fixtures: Path, defects: Mapping[str, str]
) -> Iterator[CatalogError]:
    for key in sorted(set(case) - _CASE_KEYS):
        yield CatalogError(f"{where}.{key}", "unknown key", f"known: {', '.join(sorted(_CASE_KEYS))}")
    profile_id = case.get("profile")
    profile = catalog.profiles.get(str(profile_id))
    if profile is None:
        yield CatalogError(f"{where}.profile", f"unknown profile {profile_id!r}",
                           hint(str(profile_id), catalog.profiles, "conformance list profiles"))
        return
    if req_id not in profile.all_requirements():
        yield CatalogError(f"{where}.profile", f"profile {profile.id} does not select {req_id}",
                           "claim a profile that selects it")
    roles = {r: spec.kind for r, spec in profile.targets.items()}
    planted = [(f"{where}.defects", name) for name in case.get("defects", [])]
    for role, names in case.get("role_defects", {}).items():
        if roles.get(role) != "http":
            yield CatalogError(f"{where}.role_defects.{role}", f"profile {profile.id} has no HTTP role {role!r}")
        planted += [(f"{where}.role_defects.{role}", name) for name in names]
    for place, name in planted:
        if name not in defects:
            yield CatalogError(place, f"unknown defect {name!r}", hint(name, defects, "conformance serve --list-defects"))
    for role, names in case.get("files", {}).items():
        if roles.get(role) != "file":
            yield CatalogError(f"{where}.files.{role}", f"profile {profile.id} has no file role {role!r}")
        for name in names:
            if not (fixtures / name).is_file():
                yield CatalogError(f"{where}.files.{role}", f"no fixture {name!r} in {catalog.display(fixtures)}",
                                   "paths are relative to the area's fixtures/ folder")
    if "finding" in case and (not isinstance(case["finding"], str) or not case["finding"].strip()):
        yield CatalogError(f"{where}.finding", "not a non-empty string",
                           "a few words of the intended finding (message, pointer or rule)")
    rules = {r.id for r in catalog.requirements[req_id].rules}
    if "rule" in case and case["rule"] not in rules:
        yield CatalogError(f"{where}.rule", f"{req_id} has no rule {case['rule']!r}",
                           f"known: {', '.join(sorted(rules)) or 'none (the requirement lists no rules:)'}")
    for feature in case.get("features", []):
        if feature not in profile.features:
            yield CatalogError(f"{where}.features", f"profile {profile.id} has no feature {feature!r}",
                               f"known: {', '.join(sorted(profile.features)) or 'none'}")


def _adapter_problems(catalog: Catalog) -> Iterator[CatalogError]:
    from ..adapters import available_adapters, config_schema_id, contract_problem

    for name, cls in sorted(available_adapters().items()):
        problem = contract_problem(cls)
        if problem:
            yield CatalogError(f"adapter {name} ({cls.__module__}.{cls.__qualname__})", problem,
                               "see docs/extending.md, 'Writing an adapter'")
        try:
            config_schema_id(cls, catalog.schemas)
        except CatalogError as exc:
            yield CatalogError(f"adapter {name} ({exc.where})", exc.problem, exc.fix)
