"""What pytest prints for a test of a conformance run: its report rewritten to say the
requirement's verdict (a failed requirement shows its findings, not a traceback of the
harness), and the message a raised exception gives that verdict. Used by
:class:`conformance._run.session.ConformanceSession`'s report hooks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from _pytest._code.code import ReprFileLocation, TerminalRepr  # what a report's longrepr is
from _pytest._io import TerminalWriter

from .._catalog.model import Verdict
from .._record.evidence import Evidence
from ..errors import AnswerUnreadable, Inconclusive, NotApplicable, TargetUnreachable
from ..messages import Message, msg, reason


class FindingRepr(TerminalRepr):
    """What pytest prints for a failed requirement: the requirement, the finding summary and
    the first findings (JSON pointer and rule), instead of a traceback of the harness."""

    def __init__(self, path: str, lineno: int, headline: str, lines: list[str]) -> None:
        self.reprcrash = ReprFileLocation(path, lineno, headline)
        self.lines = lines

    def toterminal(self, tw: TerminalWriter) -> None:
        for line in self.lines:
            tw.line(line)


def _finding_lines(record: Evidence, limit: int = 5) -> list[str]:
    lines = []
    findings = [i for i in record.items if i.get("kind") == "finding"]
    for item in findings[:limit]:
        where = " ".join(f"{k}={item[k]}" for k in ("file", "pointer", "rule") if item.get(k))
        lines.append(f"  - {item.get('message', '')}" + (f"  [{where}]" if where else ""))
    if len(findings) > limit:
        lines.append(f"  … and {len(findings) - limit} more (see the report)")
    return lines


def rewrite(report: pytest.TestReport, item: pytest.Item, ids: str, verdict: Verdict, message: str,
            record: Evidence) -> None:
    """Make pytest's report of a test (of the requirements ``ids``) show the requirement's
    verdict: fail → failed with the finding, error → error, inconclusive → xfailed with the
    reason, not applicable → skipped."""
    report.conformance_verdict = verdict.value  # type: ignore[attr-defined]
    path, lineno, _ = item.location
    if verdict is Verdict.PASS:
        report.outcome, report.longrepr = "passed", None
    elif verdict is Verdict.FAIL:
        if report.outcome != "failed" or record.findings_count:
            headline = f"{ids}: {message}"
            report.longrepr = FindingRepr(path, (lineno or 0) + 1, headline,
                                          [f"{ids} fails: {message}", *_finding_lines(record)])
        report.outcome = "failed"
    elif verdict is Verdict.ERROR:
        report.outcome = "failed"
        if report.longrepr is None:
            report.longrepr = FindingRepr(path, (lineno or 0) + 1, f"{ids}: {message}", [f"{ids}: {message}"])
    elif verdict is Verdict.INCONCLUSIVE:
        report.outcome, report.longrepr = "skipped", None
        report.wasxfail = f"inconclusive: {message}"
    else:
        report.outcome = "skipped"
        report.longrepr = (str(item.path), (lineno or 0) + 1, f"not applicable: {message}")


class _Deferred:
    """What a report holds instead of pytest's traceback while :func:`traceback_deferred`
    holds: the verdict decides whether it is made (:func:`traceback_if_kept`)."""

    def __repr__(self) -> str:
        return "<traceback not made yet>"


_DEFERRED = _Deferred()
#: the methods pytest's runner calls to format a failed phase's traceback (TestReport.from_item_and_call)
_FORMATTERS = ("repr_failure", "_repr_failure_py")


def _deferred(*args: object, **kwargs: object) -> _Deferred:
    return _DEFERRED


@contextmanager
def traceback_deferred(item: pytest.Item) -> Iterator[None]:
    """While pytest makes the report of a phase of ``item``, its traceback is not formatted
    (the item's formatters are shadowed for this one call): the report holds a placeholder."""
    own = {name: item.__dict__[name] for name in _FORMATTERS if name in item.__dict__}
    item.__dict__.update(dict.fromkeys(_FORMATTERS, _deferred))
    try:
        yield
    finally:
        for name in _FORMATTERS:
            del item.__dict__[name]
        item.__dict__.update(own)


def traceback_if_kept(report: pytest.TestReport, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """The traceback pytest would have made, made now where the report still shows it (an
    error, a failure without findings, or a report the verdict did not rewrite)."""
    excinfo = call.excinfo
    if not isinstance(report.longrepr, _Deferred) or excinfo is None:
        return
    # as pytest's runner formats it (_pytest/reports.py, _format_failed_longrepr)
    report.longrepr = (item.repr_failure(excinfo) if call.when == "call"
                       else item._repr_failure_py(excinfo, style=item.config.getoption("tbstyle", "auto")))


def describe(exc: BaseException, call: pytest.CallInfo[None], item: pytest.Item) -> str:
    """The verdict's message for a test that raised ``exc``: the reason a test gives, a
    failed assertion's own words, or the harness fault and where it happened."""
    where = None
    if call.excinfo is not None:
        entry = call.excinfo.traceback[-1]
        where = (str(entry.path), entry.lineno + 1)
    return describe_raised(exc, call.when, where)


def describe_raised(exc: BaseException, when: str, where: tuple[str, int] | None) -> str:
    """:func:`describe` of an exception raised in the phase ``when`` (setup, call, teardown),
    its innermost frame at ``where`` (file, line number from 1)."""
    if isinstance(exc, AnswerUnreadable):
        return reason(exc)  # it answered: its own words, never "target unreachable"
    if isinstance(exc, TargetUnreachable):
        return msg("engine.target-unreachable", reason=reason(exc))
    if exc.args and isinstance(exc.args[0], Message):
        return exc.args[0]  # a reason from a template: the message, not a fault
    if isinstance(exc, Inconclusive | NotApplicable):
        return str(exc)  # the reason the test gives is the message, not a fault
    if isinstance(exc, AssertionError | pytest.fail.Exception | pytest.skip.Exception):
        text = str(exc).strip()
        if not text:
            return msg("engine.assertion-failed")
        # pytest appends its introspection ("assert 200 == 404 + where ...") to a test's own
        # message; the message is what a reader needs, the introspection only when it is alone.
        message, sep, _ = text.partition("\nassert ")
        if sep and message.strip():
            text = message.strip()
        return text if len(text) <= 600 else text[:600] + "…"
    at = f" (at {Path(where[0]).name}:{where[1]})" if where is not None else ""
    return msg("engine.setup-failed" if when == "setup" else "engine.harness-fault",
               error=f"{type(exc).__name__}: {exc}", where=at)
