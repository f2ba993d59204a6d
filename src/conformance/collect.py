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

from .session import requirement_ids

if TYPE_CHECKING:
    from .catalog import Catalog


@dataclass
class Collection:
    #: requirement ID -> node IDs of the tests marked with it (unknown IDs included)
    tests: dict[str, list[str]] = field(default_factory=dict)
    #: node ID -> the requirement IDs its markers name
    markers: dict[str, list[str]] = field(default_factory=dict)
    #: "node ID: last line of the error" for every module that could not be collected
    errors: list[str] = field(default_factory=list)


class _Recorder:
    def __init__(self, collection: Collection) -> None:
        self.collection = collection

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            ids = requirement_ids(item)
            self.collection.markers[item.nodeid] = ids
            for req_id in ids:
                self.collection.tests.setdefault(req_id, []).append(item.nodeid)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            text = str(report.longrepr).strip().splitlines()
            self.collection.errors.append(f"{report.nodeid}: {text[-1] if text else 'collection failed'}")


def collect(catalog: Catalog) -> Collection:
    from .engine import pytest_args, suite_modules_of

    collection = Collection()
    if not catalog.requirements:
        return collection
    args = pytest_args(catalog, catalog.requirements, ["--collect-only"])
    with suite_modules_of(catalog):
        code = pytest.main(args, plugins=[_Recorder(collection)])
    if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERNAL_ERROR) and not collection.errors:
        collection.errors.append(f"{catalog.root / 'suites'}: pytest could not collect the suites (exit status {code})")
    return collection


def collect_tests(catalog: Catalog) -> dict[str, list[str]]:
    """requirement ID -> node IDs of the tests marked with it."""
    return collect(catalog).tests
