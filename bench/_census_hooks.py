"""The two recorders behind ``bench/cpu_census.py``: one in every Python process started with
this folder on ``PYTHONPATH`` (``sitecustomize`` calls :func:`record_process_at_exit`), one
loaded into pytest and its workers as a plugin (``-p _census_hooks``) that records each test's
CPU. Both write JSON lines into ``$CONFORMANCE_CPU_CENSUS``; nothing is written without it.

PYTEST_DONT_REWRITE: ``sitecustomize`` imports this module before pytest could rewrite it."""

from __future__ import annotations

import atexit
import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from typing import Any

FOLDER_VARIABLE = "CONFORMANCE_CPU_CENSUS"


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _append(name: str, record: dict[str, Any]) -> None:
    folder = os.environ.get(FOLDER_VARIABLE)
    if folder:
        with open(os.path.join(folder, f"{name}-{os.getpid()}.jsonl"), "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


def record_process_at_exit() -> None:
    """At exit, the process's own CPU, the CPU of the children it waited for, its command line and
    the test that started it (pytest exports ``PYTEST_CURRENT_TEST`` while a test runs)."""
    started = time.monotonic()

    def write() -> None:
        try:
            _append("process", {"argv": sys.argv[:4], "own": _cpu(resource.RUSAGE_SELF),
                                "children": _cpu(resource.RUSAGE_CHILDREN), "wall": time.monotonic() - started,
                                "test": os.environ.get("PYTEST_CURRENT_TEST", "").rsplit(" ", 1)[0]})
        except OSError:
            pass  # a process leaving a removed folder or a full disk loses its line, not its exit

    atexit.register(write)


try:  # a plugin only where pytest runs; sitecustomize imports this module everywhere
    import pytest
except ImportError:  # pragma: no cover - the census of a process without pytest
    pytest = None  # type: ignore[assignment]

if pytest is not None:
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item: Any, nextitem: Any) -> Iterator[None]:
        own, children, wall = time.process_time(), _cpu(resource.RUSAGE_CHILDREN), time.monotonic()
        yield
        _append("test", {"test": item.nodeid, "own": time.process_time() - own,
                         "children": _cpu(resource.RUSAGE_CHILDREN) - children,
                         "wall": time.monotonic() - wall})
