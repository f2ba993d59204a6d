"""The pytest plugin: runs the suites as a conformance run.

Registered through the ``pytest11`` entry point, so it is present in every pytest session
but stays inert unless a run is active: either the engine registered a
:class:`ConformanceSession` (``conformance run``), or pytest was given
``--conformance-manifest`` (driving the suites straight from pytest).

The plugin, not the tests, owns verdicts: it deselects tests of requirements the run does
not select, gives tests their fixtures, records evidence, maps each test's outcome to a
verdict and keeps the results for the report.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest

from . import evidence as evidence_mod
from .catalog import Catalog
from .errors import Inconclusive, NonConformance, NotApplicable, TargetUnreachable
from .evidence import Evidence, Redactor
from .model import InteropCell, TestRecord, Verdict
from .parameters import Parameters
from .plan import RunPlan
from .schemas import SchemaRegistry
from .verdicts import classify, worst

SESSION_PLUGIN = "conformance-session"
_EVIDENCE = pytest.StashKey[Evidence]()
_PHASES = pytest.StashKey[list[tuple[Verdict, str]]]()


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, nodeid: str, verdict: Verdict) -> None: ...
    def stop(self) -> None: ...


class _NoProgress:
    def start(self, total: int) -> None:
        pass

    def advance(self, nodeid: str, verdict: Verdict) -> None:
        pass

    def stop(self) -> None:
        pass


class Targets(Mapping[str, Any]):
    """The manifest's targets by role, as adapters."""

    def __init__(self, adapters: dict[str, Any]) -> None:
        self._adapters = adapters

    def __getitem__(self, role: str) -> Any:
        if role not in self._adapters:
            raise KeyError(f"the manifest has no target {role!r}")
        return self._adapters[role]

    def __iter__(self) -> Iterator[str]:
        return iter(self._adapters)

    def __len__(self) -> int:
        return len(self._adapters)


def requirement_ids(item: pytest.Item) -> list[str]:
    ids: list[str] = []
    for marker in item.iter_markers("requirement"):
        ids.extend(str(a) for a in marker.args if str(a) not in ids)
    return ids


@dataclass
class ConformanceSession:
    """One run in progress: the plan, the adapters, and what the tests have shown."""

    plan: RunPlan
    adapters: dict[str, Any]
    redactor: Redactor
    progress: Progress = field(default_factory=_NoProgress)
    records: list[TestRecord] = field(default_factory=list)
    collection_errors: list[str] = field(default_factory=list)
    interop: list[InteropCell] = field(default_factory=list)
    interrupted: bool = False

    @property
    def schemas(self) -> SchemaRegistry:
        return self.plan.catalog.schemas

    # -- collection --------------------------------------------------------------------

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        keep: list[pytest.Item] = []
        dropped: list[pytest.Item] = []
        for item in items:
            ids = requirement_ids(item)
            unknown = [i for i in ids if i not in self.plan.catalog.requirements]
            if unknown:
                self.collection_errors.append(f"{item.nodeid}: unknown requirement {', '.join(unknown)}")
            if any(i in self.plan.selected for i in ids):
                keep.append(item)
            else:
                dropped.append(item)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        # Checks over everything the run saw (e.g. every response) go last.
        keep.sort(key=lambda item: item.get_closest_marker("after_all") is not None)
        items[:] = keep
        self.progress.start(len(keep))

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            text = str(report.longrepr).strip().splitlines()
            self.collection_errors.append(f"{report.nodeid}: {text[-1] if text else 'collection failed'}")

    # -- running -----------------------------------------------------------------------

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
        record = Evidence(self.redactor)
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
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
        report = yield
        exc = call.excinfo.value if call.excinfo else None
        if exc is None and call.when != "call":
            return report
        verdict = classify(exc)
        message = ""
        if exc is not None:
            message = _describe(exc, call, item)
            if isinstance(exc, NonConformance) and exc.evidence:
                item.stash[_EVIDENCE].finding(str(exc), **exc.evidence)
            elif verdict is Verdict.ERROR:
                item.stash[_EVIDENCE].error(message)
        if call.when == "teardown" and verdict is not Verdict.ERROR:
            return report
        item.stash[_PHASES].append((verdict, message))
        return report

    def _finish(self, item: pytest.Item, record: Evidence, duration: float) -> None:
        phases = item.stash.get(_PHASES, [])
        verdict = worst(v for v, _ in phases) if phases else Verdict.ERROR
        message = next((m for v, m in phases if v is verdict and m), "")
        if record.findings_count and verdict in (Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.NOT_APPLICABLE):
            verdict = Verdict.FAIL
            message = f"{record.findings_count} finding(s); first: {record.first_finding()}"
        if not phases:
            message = "the test did not run"
        self.records.append(
            TestRecord(
                nodeid=item.nodeid, requirements=requirement_ids(item), verdict=verdict,
                message=self.redactor.text(message), duration_s=round(duration, 4), evidence=record.export(),
            )
        )
        self.progress.advance(item.nodeid, verdict)

    def pytest_keyboard_interrupt(self) -> None:
        self.interrupted = True

    def pytest_sessionfinish(self) -> None:
        self.progress.stop()


def _describe(exc: BaseException, call: pytest.CallInfo[None], item: pytest.Item) -> str:
    if isinstance(exc, Inconclusive | NotApplicable):
        return str(exc)  # the reason the test gives is the message, not a fault
    if isinstance(exc, AssertionError | pytest.fail.Exception | pytest.skip.Exception):
        text = str(exc).strip() or "assertion failed"
        # pytest appends its introspection ("assert 200 == 404 + where ...") to a test's own
        # message; the message is what a reader needs, the introspection only when it is alone.
        message, sep, _ = text.partition("\nassert ")
        if sep and message.strip():
            text = message.strip()
        return text if len(text) <= 600 else text[:600] + "…"
    where = ""
    if call.excinfo is not None:
        entry = call.excinfo.traceback[-1]
        where = f" (at {Path(str(entry.path)).name}:{entry.lineno + 1})"
    if isinstance(exc, TargetUnreachable):
        return f"target unreachable: {exc}"
    if call.when == "setup":
        return f"setup failed: {type(exc).__name__}: {exc}{where}"
    return f"harness fault: {type(exc).__name__}: {exc}{where}"


# -- pytest hooks of the module (always registered) --------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "metaverse conformance runs")
    group.addoption("--conformance-manifest", metavar="FILE", help="run the suites against this manifest")
    group.addoption("--conformance-profile", action="append", default=[], metavar="ID",
                    help="only these claimed profiles")
    group.addoption("--conformance-out", metavar="DIR", help="write the report here")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "requirement(*ids): the requirement IDs this test checks")
    config.addinivalue_line("markers", "after_all: run after the other tests (checks over the whole run)")
    manifest = config.getoption("--conformance-manifest", default=None)
    if manifest and not config.pluginmanager.has_plugin(SESSION_PLUGIN):
        from .engine import StandaloneRun

        config.pluginmanager.register(StandaloneRun(config, Path(manifest)), "conformance-standalone")


def _session(request: pytest.FixtureRequest) -> ConformanceSession:
    session = request.config.pluginmanager.get_plugin(SESSION_PLUGIN)
    if session is None:
        pytest.fail(
            "conformance suites need a run: use `conformance run --manifest FILE` "
            "or pytest --conformance-manifest FILE", pytrace=False,
        )
    return session


@pytest.fixture(scope="session")
def conformance_session(request: pytest.FixtureRequest) -> ConformanceSession:
    return _session(request)


@pytest.fixture(scope="session")
def targets(conformance_session: ConformanceSession) -> Targets:
    """The manifest's targets by role (``targets["api"]``, ``targets["did_documents"]``)."""
    return Targets(conformance_session.adapters)


@pytest.fixture(scope="session")
def catalog(conformance_session: ConformanceSession) -> Catalog:
    """The requirement catalog of this run (requirements, profiles, schemas)."""
    return conformance_session.plan.catalog


@pytest.fixture(scope="session")
def schemas(conformance_session: ConformanceSession) -> SchemaRegistry:
    """The schema registry: validate with ``schemas.findings(instance, schema_id)``."""
    return conformance_session.schemas


@pytest.fixture(scope="session")
def features(conformance_session: ConformanceSession) -> frozenset[str]:
    """The optional features the manifest claims."""
    return frozenset(conformance_session.plan.features)


@pytest.fixture
def params(request: pytest.FixtureRequest, conformance_session: ConformanceSession) -> Parameters:
    """The parameters of the claimed profile that selects this test's requirements: the
    profile's values with the manifest's overrides, read as ``params.name`` (no fallbacks: an
    undeclared name is an error verdict)."""
    return conformance_session.plan.parameters_for(requirement_ids(request.node))


class InteropMatrix:
    """Records cells of the interoperability matrix for the report (``interop`` fixture)."""

    def __init__(self, session: ConformanceSession, nodeid: str, evidence: Evidence) -> None:
        self._session, self._nodeid, self._evidence = session, nodeid, evidence

    def record(self, source: str, target: str, capability: str, ok: bool, detail: str = "") -> None:
        """``capability`` made at ``source`` worked at ``target`` (ok) or not; a failure is also a finding."""
        self._session.interop.append(InteropCell(
            source=source, target=target, capability=capability, verdict=Verdict.PASS if ok else Verdict.FAIL,
            test=self._nodeid, detail=self._session.redactor.text(detail),
        ))
        if not ok:
            self._evidence.finding(f"{capability}: made at {source}, refused at {target}", detail=detail or None)


@pytest.fixture
def interop(request: pytest.FixtureRequest, conformance_session: ConformanceSession,
            evidence: Evidence) -> InteropMatrix:
    """The interoperability matrix: ``interop.record("api", "api_b", "authenticate", ok)``."""
    return InteropMatrix(conformance_session, request.node.nodeid, evidence)


@pytest.fixture
def evidence(request: pytest.FixtureRequest) -> Evidence:
    """Where the test records findings and notes; a recorded finding fails the test."""
    node = request.node
    if _EVIDENCE not in node.stash:
        node.stash[_EVIDENCE] = Evidence()
    return node.stash[_EVIDENCE]
