"""Suites run without a pytest session, where a run's tests are plain functions.

A pytest session costs a run about a tenth of a second of CPU before the first test runs
(configuration, plugins, collection, reports) and a few milliseconds a test: most of what a
run over one small file pays beyond its imports (bench/one_file.py). Most suites of file
profiles are plain functions over the run's fixtures; this module imports their modules as
pytest would (the same module names, :func:`_pytest.pathlib.import_path` in importlib mode),
calls each test with those fixtures, and tells the session what happened through the same
events and rules (:func:`~conformance._run.session.judge`), so the report is the one the
pytest session writes, but for the tests' durations.

Anything a pytest session would treat in a way of its own sends the whole run back to the
session (:func:`plan_direct` returns None): a module that cannot be imported or that holds
an ``assert`` (pytest rewrites a test module's asserts, and their messages are part of a
verdict), fixtures, hooks, classes or module-level marks of its own, a ``conftest.py``, a
test taking a fixture other than the conformance plugin's plain ones, marked with anything
but the conformance markers, generator or coroutine tests, a requirement tested once per
case (parametrised), a test of a requirement outside the catalog, a target pre-flight could
not reach. ``CONFORMANCE_PYTEST_SESSION=1`` always uses the session.
"""

from __future__ import annotations

import contextlib
import dis
import importlib.util
import inspect
import io
import os
import sys
import time
import types
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._catalog.model import Verdict
from .._record import evidence as evidence_mod
from .._record.evidence import Evidence
from .events import CaseStarted, CollectedTest, TestsCollected, evidence_event
from .fixturevalues import Targets
from .runguard import acknowledge_interrupt
from .session import ConformanceSession, judge
from .testreports import describe_raised
from .verdicts import classify

#: the conformance markers: what a test may be marked with and still run here
MARKERS = frozenset({"requirement", "after_all", "judges_any_status"})
#: the plugin's fixtures a test may take here, made once per run as the plugin makes them
FIXTURES = frozenset({"conformance_session", "targets", "catalog", "schemas", "features", "product", "params",
                      "evidence", "interop"})
_ASSERT = dis.opmap.get("LOAD_ASSERTION_ERROR")


@dataclass(frozen=True)
class DirectTest:
    nodeid: str
    function: Callable[..., Any]
    arguments: tuple[str, ...]
    requirements: tuple[str, ...]
    after_all: bool
    judges_any_status: bool


def wanted() -> bool:
    return os.environ.get("CONFORMANCE_PYTEST_SESSION", "").strip() not in ("1", "yes", "true")


def plan_direct(session: ConformanceSession, paths: list[Path], root: Path) -> list[DirectTest] | None:
    """The tests of the suite modules ``paths`` (under the catalog folder ``root``) to run here,
    in pytest's order, or None when a pytest session must run them (the modules imported on
    the way are then forgotten, so that pytest imports them its own way)."""
    if not wanted() or session.unreachable:
        return None
    before = set(sys.modules)
    try:
        tests = _plan(session, paths, root)
    except Exception:  # an import error, anything odd: pytest reports it its own way
        tests = None
    if tests is None:
        for name in set(sys.modules) - before:
            if name.split(".")[0] == "suites":  # pytest's names for modules under root/suites
                del sys.modules[name]
    return tests


def _plan(session: ConformanceSession, paths: list[Path], root: Path) -> list[DirectTest] | None:
    from _pytest.pathlib import ImportMode, import_path

    suites = root / "suites"
    tests: list[DirectTest] = []
    for path in paths:
        if not path.is_file() or suites not in path.parents or _has_conftest(path.parent, root):
            return None
        if _asserts(path):
            return None
        module = import_path(path, mode=ImportMode.importlib, root=root, consider_namespace_packages=False)
        found = _module_tests(module, path.relative_to(root).as_posix(), session)
        if found is None:
            return None
        tests.extend(found)
    selected = session.plan.selected
    kept = [t for t in tests if any(r in selected for r in t.requirements)]
    kept.sort(key=lambda t: t.after_all)  # as the session: checks over everything the run saw go last
    return kept


def _has_conftest(folder: Path, root: Path) -> bool:
    while True:
        if (folder / "conftest.py").exists():
            return True
        if folder == root or root not in folder.parents:
            return False
        folder = folder.parent


def _asserts(path: Path) -> bool:
    """Whether the module holds an ``assert`` anywhere (pytest would rewrite it), from its
    compiled code (the byte code cache when there is one). A module whose text never spells
    the keyword holds none and is not compiled here: without a byte code cache (as under
    ``PYTHONDONTWRITEBYTECODE``) each suite would otherwise be compiled twice, here and when
    imported."""
    if b"assert" not in path.read_bytes():
        return False
    spec = importlib.util.spec_from_file_location("_conformance_scan", path)
    if spec is None or spec.loader is None or _ASSERT is None:
        return True
    code = spec.loader.get_code("_conformance_scan")  # type: ignore[attr-defined]
    todo = [code]
    while todo:
        current = todo.pop()
        if any(op == _ASSERT for op in current.co_code[::2]):
            return True
        todo.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
    return False


def _is_fixture_or_hook(name: str, obj: object) -> bool:
    return (name.startswith("pytest_") or hasattr(obj, "_fixture_function_marker")
            or hasattr(obj, "_pytestfixturefunction") or type(obj).__name__ == "FixtureFunctionDefinition")


def _module_tests(module: types.ModuleType, relative: str, session: ConformanceSession) -> list[DirectTest] | None:
    if "pytestmark" in vars(module) or not getattr(module, "__test__", True):
        return None
    catalog = session.plan.catalog
    tests: list[DirectTest] = []
    for name, obj in list(vars(module).items()):
        if _is_fixture_or_hook(name, obj):
            return None
        if inspect.isclass(obj):
            if name.startswith("Test"):
                return None
            continue
        if getattr(obj, "__test__", None) is True and not name.startswith("test"):
            return None  # collected by pytest despite its name
        if not name.startswith("test") or not callable(obj):
            continue
        if not inspect.isfunction(obj) or inspect.isgeneratorfunction(obj) or inspect.iscoroutinefunction(obj):
            return None
        if not getattr(obj, "__test__", True):
            continue
        marks = list(getattr(obj, "pytestmark", []))
        if any(getattr(m, "name", None) not in MARKERS for m in marks):
            return None
        ids: list[str] = []
        for mark in marks:
            if mark.name == "requirement":
                ids.extend(str(a) for a in mark.args if str(a) not in ids)
        if any(i not in catalog.requirements for i in ids):
            return None  # the session reports it as a collection error
        arguments = []
        for parameter in inspect.signature(obj).parameters.values():
            if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
                return None
            if parameter.default is not parameter.empty:
                continue
            if parameter.name not in FIXTURES:
                return None
            arguments.append(parameter.name)
        cases = [c for r in ids for c in session.plan.cases(r)]
        apart = "targets" in arguments and len({c.targets for c in cases}) > 1  # cases reach other targets
        if len(cases) > 1 and ("params" in arguments or apart):
            return None  # run once per case: pytest parametrises it
        tests.append(DirectTest(f"{relative}::{name}", obj, tuple(arguments), tuple(ids),
                                after_all=any(m.name == "after_all" for m in marks),
                                judges_any_status=any(m.name == "judges_any_status" for m in marks)))
    return tests


def run_direct(session: ConformanceSession, tests: list[DirectTest]) -> bool:
    """Run ``tests`` (from :func:`plan_direct`) as the session would; False when interrupted."""
    session.events.emit(TestsCollected(tests=[
        CollectedTest(test=t.nodeid, requirements=list(t.requirements), profiles=session.case_of_ids(t.requirements)[0])
        for t in tests
    ]))
    shared = {"conformance_session": session, "catalog": session.plan.catalog, "schemas": session.schemas,
              "features": frozenset(session.plan.features), "product": session.plan.manifest.product,
              "targets": Targets(session.adapters, hidden=lambda: session.hidden_roles,
                                 bound=lambda: session.bound_targets)}
    with _silenced():  # the whole run, as pytest's global capture
        for test in tests:
            try:
                _run_one(session, test, shared)
            except KeyboardInterrupt:
                session.interrupted = True
                acknowledge_interrupt()
                return False
    return True


def _run_one(session: ConformanceSession, test: DirectTest, shared: dict[str, object]) -> None:
    profiles, parameters = session.case_of_ids(test.requirements)
    session.bound_targets = session.targets_of(test.requirements)
    session.events.emit(CaseStarted(test=test.nodeid, requirements=list(test.requirements), profiles=profiles,
                                    parameters={**parameters}))
    nodeid = test.nodeid
    record = Evidence(session.redactor, on_item=lambda kept: session.events.emit(evidence_event(nodeid, kept)))
    phases: list[tuple[Verdict, str]] = []
    started = time.monotonic()
    try:
        with evidence_mod.recording(record), warnings.catch_warnings(record=True):
            warnings.simplefilter("always")  # as pytest's warnings plugin: recorded, not shown
            when = "setup"
            try:
                arguments = {name: _fixture(name, shared, session, test, record) for name in test.arguments}
                when = "call"
                test.function(**arguments)
                phases.append((Verdict.PASS, ""))
            except KeyboardInterrupt:  # a signal or the run's budget: pytest stops its session too
                raise
            except BaseException as exc:  # as pytest: SystemExit and pytest.fail/skip are a test's outcome
                phases.append(_phase(exc, when, record))
    finally:
        session.finish_case(nodeid, judge(phases, record, judges_any_status=test.judges_any_status), record,
                            time.monotonic() - started)


def _fixture(name: str, shared: dict[str, object], session: ConformanceSession, test: DirectTest,
             record: Evidence) -> object:
    if name == "evidence":
        return record
    if name == "params":
        return session.plan.case_parameters(test.requirements)
    if name == "interop":
        from .fixturevalues import InteropMatrix

        return InteropMatrix(session, test.nodeid, record)
    return shared[name]


def _phase(exc: BaseException, when: str, record: Evidence) -> tuple[Verdict, str]:
    """What the session's report hook makes of an exception raised in the phase ``when``."""
    from ..errors import NonConformance

    verdict = classify(exc)
    frames = exc.__traceback__
    while frames is not None and frames.tb_next is not None:
        frames = frames.tb_next
    where = (frames.tb_frame.f_code.co_filename, frames.tb_lineno) if frames is not None else None
    message = describe_raised(exc, when, where)
    if isinstance(exc, NonConformance) and exc.evidence:
        record.finding(message, **exc.evidence)
    elif verdict is Verdict.ERROR:
        record.error(message)
    return verdict, message


@contextlib.contextmanager
def _silenced() -> Iterator[None]:
    """As under pytest's capture (global for its session) with no terminal: what the tests
    print does not reach the console, nor what anything else in the process writes to file
    descriptors 1 and 2 meanwhile (a server the process runs, logging to a stream it holds:
    ``conformance demo``). The progress display draws on descriptors of its own
    (progress.py), as it does under pytest's capture."""
    with contextlib.redirect_stdout(_Discard()), contextlib.redirect_stderr(_Discard()), _descriptors_to_null():
        yield


class _Discard(io.StringIO):
    """A text stream that keeps nothing (a run's tests may print much)."""

    def write(self, text: str) -> int:
        return len(text)


@contextlib.contextmanager
def _descriptors_to_null() -> Iterator[None]:
    saved: list[tuple[int, int]] = []
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        for fd, stream in ((1, sys.__stdout__), (2, sys.__stderr__)):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                if stream is not None:
                    stream.flush()
            try:
                saved.append((fd, os.dup(fd)))
            except OSError:  # not open: nothing to keep quiet
                continue
            os.dup2(null, fd)
        yield
    finally:
        for fd, copy in saved:
            os.dup2(copy, fd)
            os.close(copy)
        os.close(null)
