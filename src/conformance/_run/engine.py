"""The engine: one :class:`Run` drives a conformance run, from the manifest to the report.

plan → open the targets → pre-flight → the suites under pytest (the run's
:class:`~conformance._run.session.ConformanceSession` owns verdicts and evidence) → the report.
Two thin drivers use it: :func:`run` (the CLI and Python code) and :class:`~conformance._run.pytest_mode.PytestDriver`
(``pytest suites/identity --conformance-manifest m.yaml``). Nothing a run needs is kept
process-wide: its catalog, targets, evidence and caches live on the Run and its session.
Where it writes (its output folder, the event log, what is left after an output failed):
:mod:`conformance._run.outfolder`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from .._catalog.catalog import Catalog, load_catalog
from .._catalog.model import Report
from .._io.outputs import FolderLock
from .._record.evidence import Evidence, recording
from .._record.reads import Reads, reading
from .._record.quoting import Quoting, reached_folders, shipped_folders
from .._record.redaction import Redactor
from ..certification.subjects import report_inputs
from ..errors import OutputFailed
from ..messages import Message, msg, text_of
from ..report.stopped import STOPPED_BY
from .aggregation import ReportBuilder
from .budgets import DEFAULTS, Limits, bounded
from .direct import plan_direct, run_direct
from .events import (
    EventBus,
    EventLog,
    Progress,
    ProgressEvents,
    RunFinished,
    evidence_event,
)
from .outfolder import default_out_dir, earlier_durations, prepare_out_dir, salvage, write_event_log
from .plan import RunPlan, make_plan
from .target_adapters import close_targets, open_targets, preflight
from .runguard import RunGuard, acknowledge_interrupt, run_budget
from .session import (
    SESSION_PLUGIN,
    ConformanceSession,
)
from .suiteargs import pytest_args
from .surroundings import HypothesisHome, frozen_heap, suite_modules_of
from .terms import run_started

HARNESS_NAME = "metaverse-conformance"
#: pytest exit statuses after which every selected test ran.
COMPLETE_EXITS = (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED, pytest.ExitCode.NO_TESTS_COLLECTED)


@dataclass
class RunResult:
    report: Report
    files: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return self.report.exit_code


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class AreaContext:
    """A run as the areas see it (it satisfies :class:`conformance.hookspecs.RunContext`)."""

    selected: tuple[str, ...]
    automated: tuple[str, ...]
    jsonld_contexts: Mapping[str, Any]
    targets: Mapping[str, Any]


class Run:
    """One conformance run: its plan, its targets, its session, and in the end its report.

    Build one with :meth:`prepare` (which raises HarnessInputError on bad input, before
    anything is written), call :meth:`preflight`, then :meth:`execute` (or let pytest run
    the session, see :class:`~conformance._run.pytest_mode.PytestDriver`), then :meth:`report`. Always :meth:`close`.
    """

    def __init__(self, plan: RunPlan, adapters: dict[str, Any], progress: Progress | None = None,
                 quotable: Iterable[Path] = ()) -> None:
        self.plan = plan
        self.catalog = plan.catalog
        self.adapters = adapters
        # A file outside the manifest's folder is named, never quoted (issue 72), unless the one
        # running the command chose it (quotable) or the harness ships it (public anyway).
        quoting = Quoting.of(plan.manifest_path.parent, (*shipped_folders(self.catalog.roots.values()), *quotable),
                             reached_folders(plan.manifest_path.parent, adapters.values()))
        self.redactor = Redactor((s for a in adapters.values() for s in a.secrets()), quoting)
        for adapter in adapters.values():  # a secret an adapter learns later (an OAuth token) is redacted too
            listeners = getattr(adapter, "secret_listeners", None)
            if isinstance(listeners, list):
                listeners.append(self.redactor.add)
        #: The run as a stream of typed events: the report is folded from them, the event
        #: log keeps them (see conformance._run.events); more handlers may subscribe.
        self.builder = ReportBuilder()
        self.log = EventLog()
        self.events = EventBus(self.builder, self.log)
        #: the progress display, driven by the events (an ETA from an earlier run's durations)
        self.progress = ProgressEvents(progress) if progress is not None else None
        if self.progress is not None:
            self.events.subscribe(self.progress)
        self.session = ConformanceSession(plan, adapters, self.redactor, events=self.events)
        #: What adapters record outside any test (pre-flight, session set-up): kept, not lost.
        self.outside_tests = Evidence(self.redactor, on_item=lambda item: self.events.emit(evidence_event("", item)))
        self.notes: list[str] = []
        self.started = now()
        #: The run's overall time budget (seconds, how it was derived): see runguard.run_budget.
        self.budget: tuple[float, str] | None = None
        self.budget_spent = False
        #: When the budget ends (time.monotonic()): the HTTP adapters stop their exchanges then.
        self.deadline: float | None = None
        #: in-toto subjects of everything the run read: its own files and what each adapter
        #: declares (subjects()); the local files are the report's inputs, all are attested
        self.subjects: list[dict[str, object]] = []
        #: the files this run's checks read beyond their adapters' own (record_read)
        self.reads = Reads()
        #: what the laboratory records say of the measured captures (the report's ``laboratory``)
        self.laboratory: dict[str, object] | None = None

    @classmethod
    def prepare(
        cls,
        manifest: Path | str,
        *,
        catalog: Catalog | None = None,
        profiles: Iterable[str] = (),
        requirements: Iterable[str] = (),
        environ: Mapping[str, str] | None = None,
        progress: Progress | None = None,
        certification: Path | str | None = None,
        assessments: Iterable[Path | str] = (),
        quotable: Iterable[Path | str] = (),
    ) -> Run:
        catalog = catalog or load_catalog(lazy=True)  # what the manifest's profiles name is parsed
        terms = None
        if certification:  # imported only then, as the assessments' reader below
            from ..certification.plans import load_plan

            terms = load_plan(Path(certification), catalog)
        plan = make_plan(Path(manifest), catalog, only_profiles=profiles, only_requirements=requirements,
                         certification=terms)
        records = [Path(a) for a in assessments]
        if records:
            from ..certification.assessments import load_assessments

            plan.assessments = load_assessments(records, catalog, plan.manifest, plan.selected,
                                                accepted=terms.assessors if terms else None)
        budget = run_budget(plan)
        deadline = time.monotonic() + budget[0]
        the_run = cls(plan, open_targets(plan, os.environ if environ is None else environ, deadline), progress,
                      quotable=[Path(q) for q in quotable])
        the_run.budget, the_run.deadline = budget, deadline
        return the_run

    def preflight(self) -> list[str]:
        """Problems reaching the targets, one line each (also kept as notes of the report).
        A target that cannot be reached fails alone: the tests only profiles needing it
        count for are not run (their requirements are errors, those profiles incomplete);
        every other profile is judged."""
        with recording(self.outside_tests), reading(self.reads):
            unreachable = preflight(self.adapters)
        self.session.unreachable = unreachable
        problems: list[str] = [msg("engine.role-unreachable", role=role, reason=why)
                               for role, why in unreachable.items()]
        self.notes.extend(problems)
        return problems

    def execute(self) -> bool:
        """Run the suites in this process; True when every selected test ran. Suites of plain
        test functions run without a pytest session (:mod:`conformance._run.direct`)."""
        with self.surroundings() as hypothesis_home, suite_modules_of(self.catalog), frozen_heap():
            try:
                direct = plan_direct(self.session, self.catalog.suite_modules(self.plan.automated()),
                                     self.catalog.root)
                if direct is not None:
                    hypothesis_home.apply()
                    if not run_direct(self.session, direct):
                        self.notes.append(msg("engine.stopped-early", status=int(pytest.ExitCode.INTERRUPTED)))
                        return False
                    return True
                registrar = _Registrar(self.session, collected=hypothesis_home.apply)
                code = pytest.main(pytest_args(self.catalog, self.plan.automated(), modules=True),
                                   plugins=[registrar])
            except KeyboardInterrupt:
                # Caught on its way out (it came while the suites were planned or collected, outside
                # the runners that acknowledge it): the clean-up below (hypothesis's scratch folder,
                # the suites' modules) is the wind-down the watchdog must not interrupt again.
                acknowledge_interrupt()
                raise
        if code not in COMPLETE_EXITS:
            self.notes.append(msg("engine.stopped-early", status=int(code)))
            return False
        return True

    @contextmanager
    def surroundings(self) -> Iterator[HypothesisHome]:
        """What holds while the suites run: records made outside a test are kept, what the
        areas need holds (``conformance_run_surroundings``), and hypothesis's scratch files
        go to a temporary folder, not the working directory (once the suites are collected:
        see :class:`~conformance._run.surroundings.HypothesisHome`)."""
        from .._areas import run_surroundings

        hypothesis_home = HypothesisHome()
        with recording(self.outside_tests), reading(self.reads), ExitStack() as areas:
            for surrounding in run_surroundings(self.context()):
                areas.enter_context(surrounding)
            hypothesis_home.apply()
            try:
                yield hypothesis_home
            finally:
                hypothesis_home.restore()

    def context(self) -> AreaContext:
        """What the areas see of this run (:class:`conformance.hookspecs.RunContext`)."""
        return AreaContext(selected=tuple(self.plan.selected), automated=tuple(self.plan.automated()),
                           jsonld_contexts=MappingProxyType({url: document for url, (_, document)
                                                             in self.plan.contexts.items()}),
                           targets=MappingProxyType(self.adapters))

    def hash_inputs(self) -> None:
        """Record the SHA-256 of everything the run read (before the targets close): the
        run's own files and each adapter's ``subjects()``."""
        from ..certification.attestation import run_subjects

        self.subjects = run_subjects(self.plan.own_files(), self.plan.manifest_path.resolve().parent, self.adapters,
                                     self.reads.files())

    def assess_laboratory(self) -> None:
        """The report's ``laboratory`` member and, when the run's measurements cannot certify, one
        note saying why (:func:`conformance._run.laboratory.assess`)."""
        from .laboratory import assess

        self.laboratory, note = assess(self.catalog, self.plan.automated(), self.subjects,
                                       self.plan.manifest_path.resolve().parent)
        if note is not None:
            self.notes.append(note)

    def begin(self) -> None:
        """Emit the run's first event, its terms (once; a pytest-driven run once its tests are
        collected, as -k or a path argument may have narrowed the plan)."""
        if not self.events.started:
            self.events.emit(run_started(self.plan, self.redactor, self.started, self.budget))

    def report(self, complete: bool) -> Report:
        """Emit the run's last event and return the report folded from the whole stream."""
        self.begin()
        if self.builder.finished is None:
            notes = [*self.notes, *_outside_test_notes(self.outside_tests), *self.session.collection_errors]
            session = self.session
            if session.http_tests and session.refused_tests == session.http_tests:
                # one line for a run whose credentials were refused everywhere (a wrong API key)
                notes.insert(0, msg("engine.credentials-refused-run", count=session.http_tests,
                                    check=", ".join(session.refused_credentials)))
            if self.session.interrupted:
                complete = False
                if not any(getattr(n, "key", None) in STOPPED_BY for n in notes):  # said once
                    notes.append(msg("engine.interrupted"))
            self.events.emit(RunFinished(
                finished=now(), complete=complete,
                notes=[self.redactor.text(n) for n in notes],
                note_texts=[self.redactor.value(text_of(n)) for n in notes],
                inputs=report_inputs(self.subjects), budget_spent=self.budget_spent,
                laboratory=self.laboratory,
            ))
        return self.builder.report()

    def close(self) -> None:
        close_targets(self.adapters)


def run(
    manifest: Path | str,
    *,
    profiles: Iterable[str] = (),
    requirements: Iterable[str] = (),
    out_dir: Path | str | None = None,
    formats: Iterable[str] = ("json", "junit", "html"),
    lang: str = "en",
    catalog: Catalog | None = None,
    progress: Progress | None = None,
    environ: Mapping[str, str] | None = None,
    notes: Iterable[str] = (),
    certification: Path | str | None = None,
    assessments: Iterable[Path | str] = (),
    sign: Path | str | None = None,
    prepare_limits: Limits | None = None,
    quotable: Iterable[Path | str] = (),
) -> RunResult:
    """Run a conformance test; raises HarnessInputError on bad input (exit code 2).

    ``certification``: a certification plan file; ``assessments``: assessment records of
    manual requirements; ``sign``: a private key file, to write a signed attestation beside
    the report (a full run only). ``prepare_limits``: the time and memory bounds of what
    comes before the run's own budget (default: budgets.DEFAULTS["prepare"]); past one,
    budgets.BudgetSpent (one line, exit 3, nothing written). ``quotable``: files and folders
    outside the manifest's folder whose words the report may quote, as the person running the
    command chose them (``validate``'s files and ``--root``); any other is named, never quoted."""
    from ..certification.attestation import Signer
    from ..report import write_reports

    with bounded("the run's preparation", prepare_limits or DEFAULTS["prepare"],
                 option="--prepare-time-limit/--prepare-memory-limit"):
        the_run = Run.prepare(manifest, catalog=catalog, profiles=profiles, requirements=requirements,
                              environ=environ, progress=progress, certification=certification,
                              assessments=assessments, quotable=quotable)
        signer = Signer.for_run(sign, the_run.plan.scope) if sign else None  # bad key or partial run: before running
        if signer is not None and the_run.plan.certification is not None:  # a claim no normative requirement decides
            from ..certification.plans import refuse_unclaimable

            refuse_unclaimable(the_run.plan.certification, the_run.catalog)
    the_run.notes.extend(notes)
    the_run.begin()
    target_dir = Path(out_dir) if out_dir else default_out_dir(the_run.plan.manifest.product.name)
    complete = False
    lock: FolderLock | None = None
    inputs: list[dict[str, object]] = []
    with ExitStack() as held, RunGuard(the_run.budget[0] if the_run.budget else None) as guard:
        try:
            # Pre-flight: every check of the user's input before anything is written.
            the_run.preflight()  # an unreachable target fails alone (see Run.preflight)
            lock = held.enter_context(prepare_out_dir(target_dir))
            if the_run.progress is not None:
                the_run.progress.expected = earlier_durations(target_dir)
            complete = the_run.execute()
            the_run.hash_inputs()
            the_run.assess_laboratory()
            inputs = signer.inputs(the_run.subjects) if signer else []
        except KeyboardInterrupt:  # SIGINT, SIGTERM or the budget, outside pytest: still a report
            guard.shield()
            guard.reason = guard.reason or msg("engine.interrupted")
        finally:
            guard.shield()
            the_run.close()
            if the_run.progress is not None:
                the_run.progress.stop()  # also when no test ran (its display holds files open)
        if guard.reason is None and the_run.budget and the_run.deadline is not None \
                and time.monotonic() >= the_run.deadline:
            # The adapters' deadline (set when they opened, before the guard's alarm) cut an
            # exchange short and the run ended before the alarm: the budget is spent all the same.
            guard.budget_spent = True
            guard.reason = msg("engine.budget-spent", seconds=f"{the_run.budget[0]:g}")
        if guard.reason:
            complete = False
            the_run.budget_spent = guard.budget_spent
            # what stopped it, said once: not also as pytest's exit status for an interrupt
            the_run.notes[:] = [n for n in the_run.notes if not _stopped_early_by_interrupt(n)]
            the_run.notes.append(guard.reason)
            if lock is None:
                lock = held.enter_context(prepare_out_dir(target_dir))
        if signer and guard.reason:
            # An interrupted run may not have hashed its inputs: an attestation would bind
            # the report to nothing it judged, so none is written (the report says why).
            the_run.notes.append(msg("engine.not-signed-interrupted"))
            signer = None
        report = the_run.report(complete)
        files: list[Path] = []
        try:
            write_reports(report, target_dir, formats, lang, written=files, catalog=the_run.catalog)
            files.append(write_event_log(the_run.log, target_dir))
            if signer:
                files.append(signer.attest(report, target_dir, inputs, the_run.plan.manifest_path.resolve().parent,
                                            views=files))
        except OutputFailed as exc:
            raise salvage(report, target_dir, files, exc) from None
        return RunResult(report, files)


class _Registrar:
    """Registers the session under its well-known name as pytest configures; calls
    ``collected`` once the suites are collected (their modules imported)."""

    def __init__(self, session: ConformanceSession, collected: Callable[[], None] = lambda: None) -> None:
        self.session = session
        self.collected = collected

    def pytest_configure(self, config: pytest.Config) -> None:
        config.pluginmanager.register(self.session, SESSION_PLUGIN)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.collected()


def _stopped_early_by_interrupt(note: str) -> bool:
    return getattr(note, "key", None) == "engine.stopped-early" \
        and getattr(note, "args", {}).get("status") == int(pytest.ExitCode.INTERRUPTED)


def _outside_test_notes(evidence: Evidence) -> list[str]:
    """Findings and errors recorded outside any test, as notes of the report."""
    return [msg("engine.outside-test", message=Message.of(text) if isinstance(text := item.get("text"), dict)
                and text else item["message"])
            for item in evidence.items if item["kind"] in ("finding", "error") and item.get("message")]
