"""The report as a pure function of a run's events (see :mod:`conformance._run.events`).

:class:`ReportBuilder` is a handler of the event stream: it keeps what each event says and,
once :class:`~conformance._run.events.RunFinished` has arrived, folds it into the
:class:`~conformance._catalog.model.Report`. It reads nothing else: not the plan, not the session,
not the catalog. So a run replayed from its event log (:func:`replay`) gives the same
report, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from .._catalog.model import (
    Budget,
    CaseResult,
    Harness,
    InteropCell,
    Level,
    ProfileResult,
    Report,
    RequirementResult,
    TestRecord,
    Text,
    Verdict,
)
from .._io.inputs import check_input_file
from .._io.vendorfiles import open_regular
from .._record.grouping import Grouped, grouped
from ..errors import HarnessInputError
from ..messages import msg, text_of
from . import events as ev
from .verdicts import aggregate, exit_code, profile_outcome


@dataclass
class _Test:
    started: ev.CaseStarted
    evidence: Grouped = field(default_factory=Grouped)


class ReportBuilder:
    """Folds a run's events into its report."""

    def __init__(self) -> None:
        self.started: ev.RunStarted | None = None
        self.finished: ev.RunFinished | None = None
        self._running: dict[str, _Test] = {}
        self.records: list[TestRecord] = []
        self.interop: list[InteropCell] = []

    def __call__(self, event: object) -> None:
        if isinstance(event, ev.CaseStarted):
            self._running[event.test] = _Test(event)
        elif isinstance(event, ev.CaseFinished):
            test = self._running.pop(event.test)
            for key, count in event.omitted.items():
                test.evidence.omit(key, count)
            self.records.append(TestRecord(
                nodeid=event.test, requirements=test.started.requirements, profiles=test.started.profiles,
                parameters=test.started.parameters, verdict=event.verdict, message=event.message, text=event.text,
                duration_s=event.duration_s, evidence=test.evidence.export(),
            ))
        elif isinstance(event, ev.InteropResult):
            self.interop.append(InteropCell.model_validate(event.cell))
        elif isinstance(event, ev.RunStarted):
            self.started = event
        elif isinstance(event, ev.RunFinished):
            self.finished = event
        elif isinstance(event, ev.EvidenceEvent) and event.test in self._running:
            self._running[event.test].evidence.add(event.item)

    def report(self) -> Report:
        if self.started is None or self.finished is None:
            raise ValueError("an event stream runs from run_started to run_finished")
        return build_report(self.started, self.finished, self.records, self.interop)


def replay(events: Iterable[object]) -> Report:
    """The report of a run from its events (e.g. ``decode_lines`` of its event log)."""
    builder = ReportBuilder()
    for event in events:
        builder(event)
    return builder.report()


#: The largest event log replayed (evidence is capped per test, so a real log stays far below).
MAX_EVENT_LOG_BYTES = 1024 * 1024 * 1024
#: The longest line (one event) replayed: the log streams, one event at a time.
MAX_EVENT_LINE_BYTES = 32 * 1024 * 1024


def replay_file(path: Path) -> Report:
    """The report of the run whose event log is ``path``; a file that is not one is bad input."""
    check_input_file(path, max_bytes=MAX_EVENT_LOG_BYTES)
    line = 0
    try:
        with open_regular(path, max_bytes=MAX_EVENT_LOG_BYTES) as handle:
            builder = ReportBuilder()
            for number, raw in enumerate(iter(lambda: handle.readline(MAX_EVENT_LINE_BYTES + 1), b""), start=1):
                line = number
                if len(raw) > MAX_EVENT_LINE_BYTES:
                    raise HarnessInputError(f"{path} at line {line}", f"an event over {MAX_EVENT_LINE_BYTES} bytes",
                                            f"give the {ev.EventLog.FILENAME} a run wrote")
                if raw.strip():
                    builder(ev.decode(raw))
            return builder.report()
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise HarnessInputError(f"{path} at line {line}", f"not an event of a run: {exc}",
                                f"give the {ev.EventLog.FILENAME} a run wrote") from None
    except OSError as exc:  # swapped for a FIFO or a larger file since it was checked
        raise HarnessInputError(str(path), f"cannot be read: {exc}") from None
    except (KeyError, ValueError) as exc:
        raise HarnessInputError(str(path), f"not a whole run's events ({exc})",
                                f"give the {ev.EventLog.FILENAME} of a finished run") from None


def _decided(tests: list[TestRecord]) -> tuple[Verdict, str, dict[str, object] | None]:
    """The worst verdict of these tests, with the message and template of the test that gave it."""
    verdict = aggregate([t.verdict for t in tests])
    message, text = next((t.message, t.text) for t in tests if t.verdict is verdict)
    return verdict, message, text


def _unjudged(complete: bool) -> tuple[Verdict, str, dict[str, object] | None]:
    message = msg("engine.no-test-ran" if complete else "engine.not-reached")
    return Verdict.ERROR, message, text_of(message)


def _case_results(cases: list[ev.PlannedCase], tests: list[TestRecord], complete: bool,
                  decided: ev.Decided | None = None) -> list[CaseResult]:
    """Each case's verdict from the tests that ran under it (a test that takes no parameters
    serves every case of its requirement); a not-applicable case's is its own, and when no
    test decides the requirement (``decided``) that verdict is every other case's."""
    results = []
    for case in cases:
        fixed = case.decided or decided
        ran = [] if fixed else [t for t in tests if set(case.profiles) & set(t.profiles)]
        if fixed is not None:
            verdict, message, text = fixed.verdict, fixed.message, fixed.text
        else:
            verdict, message, text = _decided(ran) if ran else _unjudged(complete)
        results.append(CaseResult(profiles=case.profiles, parameters=case.parameters, verdict=verdict,
                                  tests=[t.nodeid for t in ran], message=message, text=text))
    return results


def build_report(
    started: ev.RunStarted, finished: ev.RunFinished, records: list[TestRecord], interop: list[InteropCell]
) -> Report:
    complete = finished.complete
    by_requirement: dict[str, list[TestRecord]] = {}
    for record in records:
        for req_id in record.requirements:
            by_requirement.setdefault(req_id, []).append(record)

    results: dict[str, RequirementResult] = {}
    by_profile: dict[tuple[str, str], Verdict] = {}  # (profile, requirement) -> its case's verdict
    for req in started.requirements:
        tests = by_requirement.get(req.id, [])
        cases: list[CaseResult] = []
        # the profiles whose claimed features exclude it (other profiles run it): not applicable to them
        excluded = {p for case in req.cases if case.decided is not None for p in case.profiles}
        if req.decided is not None:
            verdict, message, text = req.decided.verdict, req.decided.message, req.decided.text
        elif not tests:
            verdict, message, text = _unjudged(complete)
        else:  # the deciding test's message and template, redacted when it was recorded
            verdict, message, text = _decided(tests)
            cases = _case_results(req.cases, tests, complete)
        if excluded and not cases:  # no test decides it: the requirement's verdict, theirs not applicable
            cases = _case_results(req.cases, tests, complete, ev.Decided(verdict=verdict, message=message, text=text))
        for case in cases:
            for profile_id in case.profiles:
                by_profile[profile_id, req.id] = case.verdict
        # A profile no test of the requirement counted for (its target was unreachable, so
        # the tests ran for the other profiles only): not judged for it.
        covered = {p for t in tests for p in t.profiles}
        if tests and req.decided is None and all(t.profiles for t in tests):
            for profile_id in req.profiles:
                if profile_id not in covered and profile_id not in excluded:
                    by_profile[profile_id, req.id] = Verdict.ERROR
        evidence = grouped(
            {**item, "test": t.nodeid} for t in tests if t.verdict is verdict for item in t.evidence
        )
        results[req.id] = RequirementResult(
            requirement=req.id, level=Level(req.level), title=Text(**req.title), profiles=req.profiles, verdict=verdict,
            tests=[t.nodeid for t in tests], message=message, text=text, evidence=evidence,
            assessment=req.assessment, cases=cases,
        )

    profile_results = []
    for planned in started.profiles:
        levels: dict[str, tuple[Level, Verdict | None]] = {}
        for req_id in planned.requirements:
            if req_id in results:  # a partial run is judged over what ran, no more
                # a requirement with several cases: this profile's own case decides
                verdict = by_profile.get((planned.id, req_id), results[req_id].verdict)
                levels[req_id] = (results[req_id].level, verdict)
        # a partial run: what it left out of this profile (or ran only some tests of)
        left_out = [r for r in planned.requirements
                    if r not in results or r in started.selection.get("partly_run", ())]
        outcome, blocking = profile_outcome(levels, [Level(v) for v in planned.require], complete, left_out,
                                            promoted=planned.promoted, declared=planned.declared)
        counts: dict[str, int] = {}
        for _, judged in levels.values():
            if judged is not None:
                counts[judged.value] = counts.get(judged.value, 0) + 1
        profile_results.append(ProfileResult(
            id=planned.id, version=planned.version, title=Text(**planned.title), outcome=outcome,
            features=planned.features, parameters=planned.parameters, counts=counts, blocking=blocking,
            overrides=planned.overrides, promoted=planned.promoted,
        ))
    budget = None
    if started.budget is not None:
        budget = Budget.model_validate({**started.budget, "spent": finished.budget_spent})
    return Report(
        harness=Harness(**started.harness),
        catalog_digest=started.catalog_digest,
        manifest=started.manifest,
        environment=started.environment,
        started=started.started,
        finished=finished.finished,
        complete=complete,
        exit_code=exit_code(p.outcome for p in profile_results),
        scope=started.scope, selection=started.selection,
        certification_plan=started.certification_plan,
        inputs=finished.inputs,
        laboratory=finished.laboratory,
        notes=finished.notes,
        note_texts=finished.note_texts if any(finished.note_texts) else None,
        profiles=profile_results,
        requirements=list(results.values()),
        # chart series (hundreds of numbers each) are kept once: with the requirement's evidence
        tests=[t.model_copy(update={"evidence": [i for i in t.evidence if i.get("kind") != "series"]})
               for t in records],
        interop=interop,
        budget=budget,
    )
