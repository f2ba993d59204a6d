"""Which tests check which requirements, read the one way pytest reads it: by collecting.

Markers can be written on a function, on a class, as a module's ``pytestmark`` or in
``pytest.param(..., marks=...)``; only pytest's own collection sees all of them alike, so
the suites are collected in-process (``--collect-only``, nothing runs) with the arguments
a run uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest

from .session import collection_error, requirement_ids

if TYPE_CHECKING:
    from .catalog import Catalog


@dataclass
class Collection:
    #: node ID -> the requirement IDs its markers name
    markers: dict[str, list[str]] = field(default_factory=dict)
    #: "node ID: last line of the error" for every module that could not be collected
    errors: list[str] = field(default_factory=list)

    @property
    def tests(self) -> dict[str, list[str]]:
        """requirement ID -> node IDs of the tests marked with it (unknown IDs included)."""
        tests: dict[str, list[str]] = {}
        for nodeid, ids in self.markers.items():
            for req_id in ids:
                tests.setdefault(req_id, []).append(nodeid)
        return tests


class _Recorder:
    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            self.collection.markers[item.nodeid] = requirement_ids(item)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection.errors.append(collection_error(report))


def collect(catalog: Catalog) -> Collection:
    from .engine import pytest_args
    from .surroundings import suite_modules_of

    collection = Collection()
    if not catalog.requirements:
        return collection
    args = pytest_args(catalog, catalog.requirements, ["--collect-only"])
    with suite_modules_of(catalog):
        code = pytest.main(args, plugins=[_Recorder(collection)])
    if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR) and not collection.errors:
        collection.errors.append(f"{catalog.root / 'suites'}: pytest could not collect the suites (exit status {code})")
    return collection

