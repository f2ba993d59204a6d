"""One conformance run as pytest sees it: the hooks that select tests, record evidence and
map each test's outcome to a verdict.

A :class:`ConformanceSession` is registered with pytest's plugin manager by the
:class:`~conformance._run.engine.Run` that drives it; nothing here is process-wide. The plugin
module (``conformance.plugin``) only adds options, markers and fixtures that reach the
session through the plugin manager.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .._catalog.model import Verdict
from .._catalog.schemas import SchemaRegistry
from .._io.jsontypes import JsonValue
from .._record import evidence as evidence_mod
from .._record.evidence import Evidence
from .._record.redaction import Redactor
from ..errors import NonConformance, TargetUnreachable
from ..messages import msg, text_of
from .events import (
    CaseFinished,
    CaseStarted,
    CollectedTest,
    EventBus,
    TestsCollected,
    evidence_event,
)
from .plan import RunPlan
from .runguard import acknowledge_interrupt
from .requirementitems import (
    RequirementItem,
    RequirementsFile,
    collection_error,
    requirement_ids,
    untested_verdict,
)
from .testreports import describe, rewrite, traceback_deferred, traceback_if_kept
from .verdicts import (
    aggregate,
    classify,
    credentials_refused,
    nothing_answers,
    nothing_judged,
    partly_refused,
    unjudged_inputs,
    worst,
)

SESSION_PLUGIN = "conformance-session"  # the name a Run registers its session under
_EVIDENCE = pytest.StashKey[Evidence]()
_PHASES = pytest.StashKey[list[tuple[Verdict, str]]]()


@dataclass
class ConformanceSession:
    """One run in progress: the plan, the adapters, and what the tests have shown."""

    plan: RunPlan
    adapters: dict[str, Any]
    redactor: Redactor
    #: where the session tells what happens: each test's start, evidence and verdict
    events: EventBus = field(default_factory=EventBus)
    collection_errors: list[str] = field(default_factory=list)
    interrupted: bool = False
    #: pytest is in charge (``pytest --conformance-manifest``): each verdict is pytest's
    #: outcome, and requirements no test decides are items of their own.
    pytest_outcomes: bool = False
    #: requirement ID -> verdicts so far of its tests, for a requirement several tests check:
    #: pytest counts it once, on its last test (see pytest_collection_finish)
    shared: dict[str, list[tuple[Verdict, str]]] = field(default_factory=dict)
    last_test: dict[str, str] = field(default_factory=dict)
    #: role -> why pre-flight could not reach that target: a test only profiles needing one
    #: of these count for is not run, and its requirement is not judged (error)
    unreachable: dict[str, str] = field(default_factory=dict)
    #: the unreachable roles the running test does not see, and the profiles its verdict
    #: counts for (those of its case that need none of them)
    hidden_roles: set[str] = field(default_factory=set)
    #: role -> the target serving it for the running test's case (its profiles' ``targets``)
    bound_targets: dict[str, str] = field(default_factory=dict)
    #: tests that made HTTP requests, those whose every answer refused the run's credentials,
    #: and where those credentials came from (see Run.report: a run refused everywhere)
    http_tests: int = 0
    refused_tests: int = 0
    refused_credentials: dict[str, None] = field(default_factory=dict)

    @property
    def schemas(self) -> SchemaRegistry:
        return self.plan.catalog.schemas

    # -- collection --------------------------------------------------------------------

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        """A test of a requirement with several cases (its profiles resolve its parameters to
        different values) runs once per case: ``test_jitter[terminal-body]``, ``[terminal-hmd-6dof]``."""
        if "params" not in metafunc.fixturenames and "targets" not in metafunc.fixturenames:
            return
        cases = [case for r in requirement_ids(metafunc.definition) for case in self.plan.cases(r)]
        if len(cases) > 1 and "params" not in metafunc.fixturenames and "targets" in metafunc.fixturenames \
                and len({c.targets for c in cases}) > 1:
            metafunc.fixturenames.append("params")  # its cases reach different targets: once per case
        if len(cases) > 1 and "params" in metafunc.fixturenames:
            metafunc.parametrize("params", [c.parameters for c in cases], ids=[c.label for c in cases])

    def case_of(self, item: pytest.Item) -> tuple[list[str], dict[str, JsonValue]]:
        """The claimed profiles a test's verdict counts for, and the parameter values it ran
        under: its case's when the test runs once per case, else every case of its requirements."""
        callspec = getattr(item, "callspec", None)
        chosen = callspec.params.get("params") if callspec is not None else None
        return self.case_of_ids(requirement_ids(item), chosen)

    def case_of_ids(self, ids: Iterable[str], chosen: object = None) -> tuple[list[str], dict[str, JsonValue]]:
        """:meth:`case_of` for a test of the requirements ``ids``, run for the case whose
        parameters are ``chosen`` (None: not run once per case)."""
        cases = [case for r in ids for case in self.plan.cases(r)]
        if chosen is not None:
            cases = [case for case in cases if case.parameters is chosen]
        values: dict[str, JsonValue] = dict(cases[0].parameters) if len(cases) == 1 else {}
        return sorted({p for case in cases for p in case.profiles}), values

    def targets_of(self, ids: Iterable[str], chosen: object = None) -> dict[str, str]:
        """role -> the target serving it for a test of the requirements ``ids`` (run for the
        case whose parameters are ``chosen``), where its profiles bind the role elsewhere."""
        bound: dict[str, str] = {}
        for case in (c for r in ids for c in self.plan.cases(r)):
            if chosen is None or case.parameters is chosen:
                bound.update(case.targets)
        return bound

    def pytest_itemcollected(self, item: pytest.Item) -> None:
        # `-k ID-DOC-001` selects the tests of a requirement, whatever their names.
        item.extra_keyword_matches.update(requirement_ids(item))

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, session: pytest.Session, items: list[pytest.Item]) -> None:
        """In a pytest-driven run, the requirements no test decides become items (before
        ``-k`` and ``-m`` select), one per requirement, under their area's requirements.yaml."""
        if not self.pytest_outcomes:
            return
        catalog = self.plan.catalog
        files: dict[Path, RequirementsFile] = {}
        for req_id in [*self.plan.selected, *self.plan.not_applicable]:
            decided = untested_verdict(self.plan, req_id)
            if decided is None:
                continue
            path = catalog.requirement_files[req_id]
            if path not in files:
                files[path] = RequirementsFile.from_parent(session, path=path)
            item = RequirementItem.from_parent(files[path], name=req_id, verdict=decided[0], message=decided[1])
            item.extra_keyword_matches.add(req_id)
            items.append(item)

    @pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")
    def pytest_collection_modifyitems_planned(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        keep: list[pytest.Item] = []
        dropped: list[pytest.Item] = []
        for item in items:
            ids = requirement_ids(item)
            unknown = [i for i in ids if i not in self.plan.catalog.requirements]
            if unknown:
                self.collection_errors.append(f"{item.nodeid}: unknown requirement {', '.join(unknown)}")
            if isinstance(item, RequirementItem) or any(i in self.plan.selected for i in ids):
                keep.append(item)
            else:
                dropped.append(item)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        # Checks over everything the run saw (e.g. every response) go last.
        keep.sort(key=lambda item: item.get_closest_marker("after_all") is not None)
        items[:] = keep
        self.events.emit(TestsCollected(tests=[
            CollectedTest(test=item.nodeid, requirements=requirement_ids(item), profiles=self.case_of(item)[0])
            for item in keep
        ]))

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if not self.pytest_outcomes:
            return
        nodes: dict[str, list[str]] = {}
        for item in session.items:
            for req_id in requirement_ids(item):
                nodes.setdefault(req_id, []).append(item.nodeid)
        self.shared = {r: [] for r, ids in nodes.items() if len(ids) > 1}
        self.last_test = {r: nodes[r][-1] for r in self.shared}

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(collection_error(report))

    # -- running -----------------------------------------------------------------------

    def _unreachable_roles(self, profile_id: str) -> list[str]:
        """The unreachable roles among a claimed profile's targets."""
        planned = next(p for p in self.plan.profiles if p.profile.id == profile_id)
        return sorted(planned.target_names & set(self.unreachable))

    def _blocked(self, profiles: Iterable[str]) -> list[list[str]]:
        """For each of these profiles, the unreachable roles among its targets."""
        wanted = set(profiles)
        return [self._unreachable_roles(p.profile.id) for p in self.plan.profiles if p.profile.id in wanted]

    def verdict_profiles(self, item: pytest.Item) -> list[str]:
        """The profiles a test's verdict counts for: its case's, but for those needing an
        unreachable target when others need none (the test then runs for those others)."""
        profiles = self.case_of(item)[0]
        if not self.unreachable:
            return profiles
        reachable = [p for p in profiles if not self._unreachable_roles(p)]
        return reachable or profiles

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        """A test every profile of whose case needs an unreachable target does not run: it
        errors at once with the pre-flight's reason (the other profiles are still judged)."""
        callspec = getattr(item, "callspec", None)
        self.bound_targets = self.targets_of(requirement_ids(item), callspec.params.get("params") if callspec else None)
        if not self.unreachable or isinstance(item, RequirementItem):
            return
        blocked = self._blocked(self.case_of(item)[0])
        self.hidden_roles = set(self.unreachable) if any(blocked) and not all(blocked) else set()
        if blocked and all(blocked):
            raise TargetUnreachable(self.unreachable[blocked[0][0]])

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
        nodeid = item.nodeid
        if isinstance(item, RequirementItem):  # not a test: its requirement's verdict comes from the plan
            record = Evidence(self.redactor)
        else:
            parameters = self.case_of(item)[1]
            profiles = self.verdict_profiles(item)
            self.events.emit(CaseStarted(test=nodeid, requirements=requirement_ids(item), profiles=profiles,
                                         parameters={**parameters}))
            record = Evidence(self.redactor, on_item=lambda kept: self.events.emit(evidence_event(nodeid, kept)))
        item.stash[_EVIDENCE] = record
        item.stash[_PHASES] = []
        started = time.monotonic()
        with evidence_mod.recording(record):
            try:
                result = yield
            finally:
                self._finish(item, record, time.monotonic() - started)
        return result

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        # In a pytest-driven run, pytest's traceback of what a phase raised (each source file in
        # it parsed again: 10-20 ms) is made only if the report still holds it once the verdict is
        # decided: a failure with findings, an inconclusive or not applicable test shows the verdict.
        deferred = self.pytest_outcomes and call.excinfo is not None
        with traceback_deferred(item) if deferred else nullcontext():
            report = yield
        try:
            self._judge_phase(item, call, report)
        finally:
            traceback_if_kept(report, item, call)
        return report

    def _judge_phase(self, item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport) -> None:
        """Record what a phase of a test raised, and in a pytest-driven run make its report
        say the requirement's verdict (see :func:`~conformance._run.testreports.rewrite`)."""
        exc = call.excinfo.value if call.excinfo else None
        if exc is None and call.when != "call":
            return
        verdict = classify(exc)
        message = ""
        if exc is not None:
            message = describe(exc, call, item)
            if isinstance(exc, NonConformance) and exc.evidence:
                item.stash[_EVIDENCE].finding(message, **exc.evidence)
                if item.stash[_EVIDENCE].about_refused(exc.evidence.get("file")):
                    # About an answer refusing the run's credentials: nothing of the product's was
                    # observed there; judge (partly_refused) makes the test inconclusive.
                    verdict, message = Verdict.PASS, ""
            elif verdict is Verdict.ERROR:
                item.stash[_EVIDENCE].error(message)
        if call.when == "teardown" and verdict is not Verdict.ERROR:
            return
        item.stash[_PHASES].append((verdict, message))
        # The phase after which no other runs decides what pytest shows: the call, or a
        # setup that raised (the call will not run).
        if self.pytest_outcomes and (call.when == "call" or (call.when == "setup" and exc is not None)):
            if isinstance(item, RequirementItem):
                shown, text = item.verdict, item.message
            else:
                shown, text = self._verdict(item, item.stash[_EVIDENCE])
            record = item.stash[_EVIDENCE]
            for req_id in (r for r in requirement_ids(item) if r in self.shared):
                # pytest counts a requirement once: on its last test, as all its tests decide.
                self.shared[req_id].append((shown, text))
                if self.last_test[req_id] != item.nodeid:
                    report.conformance_uncounted = True  # type: ignore[attr-defined]
                elif (overall := aggregate([v for v, _ in self.shared[req_id]])) is not shown:
                    text = next(m for v, m in self.shared[req_id] if v is overall)
                    shown, record = overall, Evidence(self.redactor)
            rewrite(report, item, ", ".join(requirement_ids(item)), shown, text, record)

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(self, report: pytest.TestReport) -> tuple[str, str, str] | None:
        # A harness or target fault is an error in pytest's counts, as in the report.
        verdict = getattr(report, "conformance_verdict", None)
        if verdict and getattr(report, "conformance_uncounted", False):
            # One of several tests of a requirement, not its last: shown, not counted ("" is
            # the category pytest gives set-up reports, left out of its counts).
            return "", _LETTERS[verdict], verdict.upper()
        if verdict == Verdict.ERROR.value and report.when == "call":
            return "error", "E", "ERROR"
        return None

    def _verdict(self, item: pytest.Item, record: Evidence) -> tuple[Verdict, str]:
        return judge(item.stash.get(_PHASES, []), record,
                     judges_any_status=item.get_closest_marker("judges_any_status") is not None)

    def _finish(self, item: pytest.Item, record: Evidence, duration: float) -> None:
        self.hidden_roles = set()
        if isinstance(item, RequirementItem):
            return  # not a test: its requirement's verdict comes from the plan
        self.finish_case(item.nodeid, self._verdict(item, record), record, duration)

    def finish_case(self, nodeid: str, decided: tuple[Verdict, str], record: Evidence, duration: float) -> None:
        """Tell that the test ``nodeid`` finished with the verdict ``decided`` (see :func:`judge`)."""
        verdict, message = decided
        if record.exchanges:
            self.http_tests += 1
            if record.refused == record.exchanges:
                self.refused_tests += 1
                self.refused_credentials.update(dict.fromkeys(record.refused_credentials))
        self.events.emit(CaseFinished(
            test=nodeid, verdict=verdict, message=self.redactor.text(message),
            text=self.redactor.value(text_of(message)), duration_s=round(duration, 4), omitted=record.omitted,
        ))

    def pytest_keyboard_interrupt(self) -> None:
        self.interrupted = True
        acknowledge_interrupt()  # pytest winds the session down: no second interrupt


def judge(phases: list[tuple[Verdict, str]], record: Evidence, *, judges_any_status: bool) -> tuple[Verdict, str]:
    """A test's verdict and its message: the worst of its phases' (``classify`` of what each
    raised; none: it did not run), a recorded finding failing it, and inconclusive when it
    judged nothing (see :func:`~conformance._run.verdicts.nothing_judged`)."""
    verdict = worst(v for v, _ in phases) if phases else Verdict.ERROR
    message = next((m for v, m in phases if v is verdict and m), "")
    if record.findings_count and verdict in (Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.NOT_APPLICABLE):
        verdict = Verdict.FAIL
        message = msg("engine.findings-first", count=record.findings_count, first=record.first_finding())
    if not phases:
        message = msg("engine.did-not-run")
    reason = nothing_judged(verdict, record.exchanges, record.judgeable, judges_any_status)
    if reason:
        verdict, message = Verdict.INCONCLUSIVE, reason
    # Nothing answered at the endpoint (404, 405): the product's behaviour there was never seen.
    absent = nothing_answers(verdict, record.exchanges, record.absent, record.absent_at.values())
    if absent:
        verdict, message = Verdict.INCONCLUSIVE, absent
    # Every answer refused the run's credentials: the product's behaviour was never seen.
    refused = credentials_refused(record.exchanges, record.refused, record.refused_credentials)
    if refused and verdict in (Verdict.PASS, Verdict.FAIL, Verdict.INCONCLUSIVE):
        verdict, message = Verdict.INCONCLUSIVE, refused
    # Some answers a check needed refused them: what was observed decides a fail; a pass is
    # not one, those requests were never seen answered (a set passes only if every member does).
    partly = partly_refused(verdict, record.refused_findings, record.refused_first, record.refused_credentials)
    if partly:
        verdict, message = Verdict.INCONCLUSIVE, partly
    unjudged = unjudged_inputs(verdict, record.unjudged_inputs)
    if unjudged:
        verdict, message = Verdict.INCONCLUSIVE, unjudged
    return verdict, message


_LETTERS = {"pass": ".", "fail": "F", "error": "E", "inconclusive": "x", "not_applicable": "s"}


def evidence_of(item: pytest.Item) -> Evidence:
    """The evidence of a running test (made on first use when no session records it)."""
    if _EVIDENCE not in item.stash:
        item.stash[_EVIDENCE] = Evidence()
    return item.stash[_EVIDENCE]
