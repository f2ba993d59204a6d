"""pytest as the driver: ``pytest --conformance-manifest FILE`` runs the same
:class:`~conformance.engine.Run` as ``conformance run``, with pytest in charge of the
session (collection, ``-k``, ``-x``, ``--lf``, its summary)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .engine import COMPLETE_EXITS, Run
from .errors import HarnessInputError
from .messages import msg
from .model import Report
from .session import SESSION_PLUGIN, requirement_ids


class PytestDriver:
    """``pytest --conformance-manifest FILE``: the same Run, with pytest in charge. Each
    requirement's verdict is pytest's outcome (see ConformanceSession.pytest_outcomes), and
    the exit code is the report's."""

    def __init__(self, config: pytest.Config, manifest: Path) -> None:
        self.config = config
        try:
            self.run = Run.prepare(manifest, profiles=config.getoption("--conformance-profile"),
                                   certification=config.getoption("--conformance-plan"))
        except HarnessInputError as exc:
            raise pytest.UsageError(exc.line()) from None
        try:
            problems = self.run.preflight()
        except HarnessInputError as exc:
            self.run.close()
            raise pytest.UsageError(exc.line()) from None
        if problems:
            self.run.close()
            raise pytest.UsageError("; ".join(problems))
        self.run.session.pytest_outcomes = True
        self.report: Report | None = None
        self.files: list[Path] = []
        config.pluginmanager.register(self.run.session, SESSION_PLUGIN)

    def suite_paths(self) -> list[str]:
        """Where the claimed profiles' suites are, in the installed catalog (or a checkout)."""
        return [str(p) for p in self.run.catalog.suite_dirs(self.run.plan.automated())]

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        # -k, -m, --lf or a path argument may leave requirements out: the run is partial.
        self.run.plan.narrow(r for item in session.items for r in requirement_ids(item))
        self.run.begin()  # the run's terms, once what runs is known

    @pytest.hookimpl(wrapper=True)
    def pytest_runtestloop(self, session: pytest.Session) -> Iterator[None]:
        with self.run.surroundings():
            return (yield)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        from .report import write_reports

        self.run.hash_inputs()
        self.run.close()
        stopped = bool(session.shouldfail or session.shouldstop)
        if stopped:
            self.run.notes.append(msg("engine.pytest-stopped", reason=str(session.shouldfail or session.shouldstop)))
        complete = exitstatus in COMPLETE_EXITS and not stopped
        self.report = self.run.report(complete)
        out = self.config.getoption("--conformance-out")
        if out:
            self.files = write_reports(self.report, Path(out), ("json", "junit", "html"),
                                       self.config.getoption("--conformance-lang"))
        if exitstatus in COMPLETE_EXITS:
            session.exitstatus = self.report.exit_code

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        from .console import count_line

        if self.report is None:
            return
        for note in self.report.notes:
            terminalreporter.write_line(f"conformance note: {note}", yellow=True)
        for path in self.files:
            terminalreporter.write_line(f"conformance: wrote {path}")
        terminalreporter.write_line(f"conformance: {count_line(self.report)}", bold=True)
