"""One conformance run as pytest sees it: the hooks that select tests, record evidence and
map each test's outcome to a verdict.

A :class:`ConformanceSession` is registered with pytest's plugin manager by the
:class:`~conformance.engine.Run` that drives it; nothing here is process-wide. The plugin
module (``conformance.plugin``) only adds options, markers and fixtures that reach the
session through the plugin manager.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest

from . import evidence as evidence_mod
from .errors import Inconclusive, NonConformance, NotApplicable, TargetUnreachable
from .evidence import Evidence, Redactor
from .model import InteropCell, TestRecord, Verdict
from .plan import RunPlan
from .schemas import SchemaRegistry
from .verdicts import classify, nothing_judged, worst

SESSION_PLUGIN = "conformance-session"  # the name a Run registers its session under
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


def collection_error(report: pytest.CollectReport) -> str:
    """A module that could not be collected, as one line: its node ID and the error's last line."""
    text = str(report.longrepr).strip().splitlines()
    return f"{report.nodeid}: {text[-1] if text else 'collection failed'}"


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
            self.collection_errors.append(collection_error(report))

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
        reason = nothing_judged(verdict, record.exchanges, record.judgeable,
                                item.get_closest_marker("judges_any_status") is not None)
        if reason:
            verdict, message = Verdict.INCONCLUSIVE, reason
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


def evidence_of(item: pytest.Item) -> Evidence:
    """The evidence of a running test (made on first use when no session records it)."""
    if _EVIDENCE not in item.stash:
        item.stash[_EVIDENCE] = Evidence()
    return item.stash[_EVIDENCE]
