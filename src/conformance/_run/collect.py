"""Which tests check which requirements, read the one way pytest reads it: by collecting.

Markers can be written on a function, on a class, as a module's ``pytestmark`` or in
``pytest.param(..., marks=...)``; only pytest's own collection sees all of them alike, so
the suites are collected in-process (``--collect-only``, nothing runs) with the arguments
a run uses. What collecting finds is recorded in each catalog folder's test lock
(:mod:`conformance._catalog.lock`) by ``conformance catalog lock``, and compared with it by the
lint; nothing else collects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .._catalog.lock import Lock, has_suites, lock_bytes, lock_path, read_lock
from ..errors import CatalogError
from .._io.outputs import atomic_write
from .requirementitems import collection_error, requirement_ids

if TYPE_CHECKING:
    from .._catalog.catalog import Catalog


@dataclass
class Collection:
    #: catalog folder -> its lock as collecting found it (node IDs relative to its suites/)
    locks: dict[Path, Lock] = field(default_factory=dict)
    #: "node ID: last line of the error" for every module that could not be collected
    errors: list[str] = field(default_factory=list)


class _Recorder:
    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            path = Path(item.path)
            folder = next((f for f in self.collection.locks if path.is_relative_to(f / "suites")), None)
            if folder is not None:
                test = item.nodeid.split("::", 1)[1]
                node = f"{path.relative_to(folder / 'suites').as_posix()}::{test}"
                self.collection.locks[folder][node] = requirement_ids(item)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection.errors.append(collection_error(report))


def collect(catalog: Catalog, paths: Sequence[Path] | None = None) -> Collection:
    """Every test of every catalog folder's suites, with the requirement IDs it is marked with;
    with ``paths`` (suite modules or folders), only the tests in those."""
    from .suiteargs import pytest_args
    from .surroundings import frozen_heap, suite_modules_of

    collection = Collection({folder: {} for folder in catalog.roots.values() if has_suites(folder)})
    if not catalog.requirements:
        return collection
    args = pytest_args(catalog, catalog.requirements, ["--collect-only"], paths=paths)
    with suite_modules_of(catalog), frozen_heap():  # pytest's closing collections skip what was there
        code = pytest.main(args, plugins=[_Recorder(collection)])
    if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR) and not collection.errors:
        collection.errors.append(f"{catalog.root / 'suites'}: pytest could not collect the suites (exit status {code})")
    return collection


def collect_modules(catalog: Catalog, paths: Sequence[Path]) -> Collection:
    """The catalog folders' locks with the tests of ``paths`` (suite modules or folders) as
    collecting only those finds them, every other entry as the lock records it: for a change
    confined to these modules (the scaffold's new test), without importing every other suite
    module. The lint still collects every folder and compares the whole lock. Without
    ``paths``, or with a folder without a readable lock (nothing to keep), every folder is
    collected."""
    if not paths:
        return collect(catalog)
    try:
        recorded = {folder: read_lock(folder) for folder in catalog.roots.values() if has_suites(folder)}
    except CatalogError:
        return collect(catalog)
    collection = collect(catalog, paths)
    for folder, found in collection.locks.items():
        kept = {node: ids for node, ids in recorded.get(folder, {}).items()
                if not any((folder / "suites" / node.split("::")[0]).is_relative_to(p) for p in paths)}
        collection.locks[folder] = {**kept, **found}
    return collection


def stale_locks(collection: Collection) -> dict[Path, bytes]:
    """The lock files whose bytes differ from what was collected, with the bytes they need."""
    stale = {}
    for folder, lock in collection.locks.items():
        path, wanted = lock_path(folder), lock_bytes(lock)
        try:
            current = path.read_bytes()
        except OSError:
            current = None
        if current != wanted:
            stale[path] = wanted
    return stale


def lock_catalog(catalog: Catalog) -> tuple[list[str], list[Path]]:
    """Collect the suites and write every catalog folder's test lock that differs (each whole
    or not at all); nothing is written when a module cannot be collected. Returns the
    collection errors and the lock files written."""
    collection = collect(catalog)
    if collection.errors:
        return collection.errors, []
    stale = stale_locks(collection)
    for path, data in stale.items():
        atomic_write(path, data)
    return [], sorted(stale)
