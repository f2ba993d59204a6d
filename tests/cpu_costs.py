"""A pytest plugin for ``bench/testsuite.py --by-file``: the CPU seconds each test costs.

Loaded with ``-p tests.cpu_costs`` (by the bench script, never by the suite itself), it
records for every test the CPU time of its process (setup, call, teardown) and of the
child processes reaped meanwhile (CLI subprocesses, a fork server stopped at its session's
end), and at the end of the session the process's own totals, so that what is spent
outside tests (start, collection) shows too. Each process (the xdist controller, every
worker) writes one JSON file into the folder ``CONFORMANCE_CPU_COSTS`` names; without that
variable the plugin records nothing.

Children's CPU is counted when they are reaped: a long-lived child (a session-scoped server
or fork server) lands on the test whose teardown stops it.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

FOLDER_VARIABLE = "CONFORMANCE_CPU_COSTS"
#: (nodeid, own CPU s, children CPU s, wall s, when it ended: time.monotonic(), one clock for every process)
_rows: list[tuple[str, float, float, float, float]] = []


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    own, children = _cpu()
    started = time.monotonic()
    yield
    own_after, children_after = _cpu()
    ended = time.monotonic()
    _rows.append((item.nodeid, own_after - own, children_after - children, ended - started, ended))


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = os.environ.get(FOLDER_VARIABLE)
    if not folder:
        return
    own, children = _cpu()
    name = os.environ.get("PYTEST_XDIST_WORKER", "controller")
    record = {"process": name, "own": own, "children": children, "tests": _rows}
    (Path(folder) / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
