"""pytest as the driver: ``pytest --conformance-manifest FILE`` runs the same
:class:`~conformance._run.engine.Run` as ``conformance run``, with pytest in charge of the
session (collection, ``-k``, ``-x``, ``--lf``, its summary)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from .._catalog.model import Report
from ..errors import CatalogError, ExitCode, HarnessInputError
from ..messages import msg
from .budgets import BudgetSpent, Limits, bounded
from .engine import COMPLETE_EXITS, Run
from .outfolder import prepare_out_dir, write_event_log
from .requirementitems import requirement_ids
from .session import SESSION_PLUGIN


class PytestDriver:
    """``pytest --conformance-manifest FILE``: the same Run, with pytest in charge. Each
    requirement's verdict is pytest's outcome (see ConformanceSession.pytest_outcomes), and
    the exit code is the report's, as the CLI's: 0 conformant, 1 not conformant, 2 bad
    input (one line, no report), 3 the run could not complete (a requirement not judged, as
    when a target is unreachable; an interruption, a collection error, a partial run with
    nothing blocking). With
    ``--conformance-out`` the report is written whenever a run began."""

    def __init__(self, config: pytest.Config, manifest: Path) -> None:
        self.config = config
        limits = Limits(config.getoption("--conformance-prepare-time-limit"),
                        config.getoption("--conformance-prepare-memory-limit"))
        try:
            with bounded("the run's preparation", limits,
                         option="--conformance-prepare-time-limit/--conformance-prepare-memory-limit"):
                self.run = Run.prepare(manifest, profiles=config.getoption("--conformance-profile"),
                                       certification=config.getoption("--conformance-plan"))
        except HarnessInputError as exc:
            bad_input(exc)
        except BudgetSpent as exc:  # one line and exit 3, as `conformance run`
            pytest.exit(f"conformance: {exc.line}", returncode=ExitCode.INCOMPLETE)
        try:
            # an unreachable target fails alone: the tests needing it error, the rest are judged
            self.run.preflight()
        except HarnessInputError as exc:
            self.run.close()
            bad_input(exc)
        out = config.getoption("--conformance-out")
        self.out = Path(out) if out else None
        if self.out is not None:
            try:
                prepare_out_dir(self.out)  # before any test runs, as the CLI does
            except HarnessInputError as exc:
                self.run.close()
                bad_input(exc)
        self.run.session.pytest_outcomes = True
        self.report: Report | None = None
        self.files: list[Path] = []
        #: requirements some of whose tests -k, -m, --lf or a node ID left out
        self.deselected: set[str] = set()
        config.pluginmanager.register(self.run.session, SESSION_PLUGIN)

    def suite_paths(self) -> list[str]:
        """The suite modules whose tests decide the claimed profiles' requirements, in the
        installed catalog (or a checkout), as ``conformance run`` collects them
        (:meth:`Catalog.suite_modules`): the other modules of their folders would only be
        imported, their asserts rewritten, to be deselected."""
        return [str(p) for p in self.run.catalog.suite_modules(self.run.plan.automated())]

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        """Test IDs are requirement IDs with the profiles: ``ID-DOC-002[identity-document]``
        (``ID-DOC-001::test_name[...]`` when several tests decide one requirement). Renamed
        before -k, --deselect and --lf filter, so all of them, the FAILED lines, JUnit and the
        report name tests as the catalog does, not as Python functions in site-packages."""
        named = [(item, display_id(item, self.run.session.case_of(item)[0])) for item in items]
        counts: dict[str, int] = {}
        for _, name in named:
            counts[name] = counts.get(name, 0) + 1
        for item, name in named:
            if counts[name] > 1 and isinstance(item, pytest.Function):
                head, _, label = name.partition("[")
                name = f"{head}::{item.originalname}" + (f"[{label}" if label else "")
            rename(item, name)

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        selected = self.run.plan.selected
        self.deselected.update(r for item in items for r in requirement_ids(item) if r in selected)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        # -k, -m, --lf or a node ID may leave requirements (or some of their tests) out:
        # the run is partial, and never conformant.
        ran: dict[str, set[str]] = {}
        for item in session.items:
            for req_id in requirement_ids(item):
                names = ran.setdefault(req_id, set())
                if isinstance(item, pytest.Function):  # a test (not a requirement no test decides)
                    names.add(item.originalname)
        try:
            locked = self.run.catalog.tests  # what a node ID or path argument left uncollected
        except CatalogError:  # a catalog without its test lock (the lint says so): deselection alone
            locked = {}
        partly = {r for r, names in ran.items() if r in self.deselected
                  or (names and {node.rpartition("::")[2] for node in locked.get(r, [])} - names)}
        self.run.plan.narrow(ran, partly=partly)
        self.run.begin()  # the run's terms, once what runs is known

    @pytest.hookimpl(wrapper=True, specname="pytest_runtestloop")
    def pytest_runtestloop_surroundings(self, session: pytest.Session) -> Iterator[None]:
        with self.run.surroundings():
            return (yield)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        from ..report import write_reports

        self.run.hash_inputs()
        self.run.close()
        stopped = bool(session.shouldfail or session.shouldstop)
        if stopped:
            self.run.notes.append(msg("engine.pytest-stopped", reason=str(session.shouldfail or session.shouldstop)))
        elif exitstatus not in COMPLETE_EXITS:
            self.run.notes.append(msg("engine.stopped-early", status=int(exitstatus)))
        complete = exitstatus in COMPLETE_EXITS and not stopped
        self.report = self.run.report(complete)
        if self.out is not None:
            self.files = write_reports(self.report, self.out, ("json", "junit", "html"), self.lang,
                                       catalog=self.run.catalog)
            self.files.append(write_event_log(self.run.log, self.out))
        session.exitstatus = self.report.exit_code  # the CLI's codes, whatever pytest's status was

    @property
    def lang(self) -> str:
        return str(self.config.getoption("--conformance-lang"))

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        from ..report.labels import labels
        from .plainsummary import count_line

        if self.report is None:
            return
        t = labels(self.lang)
        for note in self.report.notes_in(self.lang):
            terminalreporter.write_line(f"conformance: {t['note' if self.report.complete else 'cause']}: {note}",
                                        yellow=True)
        if self.report.scope == "partial":
            chosen = "; ".join(f"{t[key]}: {', '.join(ids)}" for key, ids in self.report.selection.items())
            terminalreporter.write_line(f"conformance: {t['scope']}: {t['scope_partial']} ({chosen})", yellow=True)
        for path in self.files:
            terminalreporter.write_line(f"conformance: {t['wrote']} {path}")
        terminalreporter.write_line(f"conformance: {count_line(self.report, self.lang)}", bold=True)


def display_id(item: pytest.Item, profiles: list[str]) -> str:
    requirements = "+".join(requirement_ids(item)) or item.name
    return f"{requirements}[{'+'.join(profiles)}]" if profiles else requirements


def rename(item: pytest.Item, name: str) -> None:
    """``item``'s node ID, and the head line of its failure report, become ``name``.

    pytest has no public way to name an item: pytest 9 keeps the ID structured in ``_id``,
    pytest 8 as a string in ``_nodeid``. tests/e2e/test_pytest_mode.py checks the result (FAILED
    lines, --lf) on the installed pytest; a later pytest without either keeps its own names."""
    path, line, _ = item.location
    try:
        from _pytest.nodeid import coerce_node_id  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        if not hasattr(item, "_nodeid"):
            return
        item._nodeid = name
    else:
        item._id = coerce_node_id(name)
    item.__dict__["location"] = (path, line, name)  # Item.location is a cached property


def bad_input(exc: HarnessInputError) -> NoReturn:
    """Bad input to the harness: one line naming the file, the place and the fix, exit 2
    (as ``conformance run``), no traceback and no report."""
    pytest.exit(f"conformance: {exc.line()}", returncode=ExitCode.BAD_INPUT)
