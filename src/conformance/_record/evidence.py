"""Evidence: what a test saw, recorded so a verdict can be checked by a human later.

Each test gets an :class:`Evidence` through the ``evidence`` fixture; adapters add the
HTTP exchanges they perform to the evidence of the test that is running. Findings make a
test fail even when it raised nothing: the plugin, not the test, decides the verdict.
Everything passes through a :class:`~.redaction.Redactor` so secrets never reach a report,
and is clipped to a bounded size. Items are kept grouped by the input they are about and
capped per input (:mod:`.grouping`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

from ..messages import msg, text_of
from . import bound
from .findings import Finding, finite_or_text
from .grouping import Grouped
from .redaction import Redactor, clip

#: The most values any one array of a chart series holds (see Evidence.series; how many
#: series are kept is :data:`~.grouping.MAX_SERIES`).
MAX_SERIES_POINTS = 500
#: Inputs of exchanges an Evidence remembers (see Evidence.exchange_of).
MAX_EXCHANGE_KEYS = 4096


class Evidence:
    """What one test saw. ``on_item`` receives each item the caps keep, as it is kept (the
    session turns them into the run's evidence events)."""

    def __init__(self, redactor: Redactor | None = None,
                 on_item: Callable[[dict[str, object]], None] | None = None) -> None:
        self.redactor = redactor or Redactor()
        self._grouped = Grouped(on_kept=on_item)
        #: An exchange's input as input_of sees it, by (method, URL): a long test sends the
        #: same few requests thousands of times, and each would be redacted and clipped again.
        self._exchange_keys: dict[tuple[str, str], str] = {}
        self.findings_count = 0
        self._first: Finding | None = None
        #: HTTP exchanges recorded, and those whose answer can be judged (not 5xx, 429 or none)
        self.exchanges = 0
        self.judgeable = 0
        #: HTTP answers that refused the run's credentials (401, 403, 407), and the
        #: environment variables the refused requests' credentials came from
        self.refused = 0
        self.refused_credentials: list[str] = []
        #: requests ("METHOD URL") whose latest answer refused the run's credentials: what the
        #: product does there was never seen, so a finding about that answer is not the
        #: product's (see :meth:`record`); a refusal the check expected records none
        self.refused_at: dict[str, None] = {}
        #: findings about such refused answers, kept as notes rather than failing the test, and
        #: the first one's location
        self.refused_findings = 0
        self.refused_first = ""
        #: answers saying nothing serves the request (404, 405: no route), and where: the
        #: first Absent of each endpoint URL (see Absent)
        self.absent = 0
        self.absent_at: dict[str, Absent] = {}
        #: inputs of a set the test could not judge (see :meth:`unjudged`): input -> why
        self.unjudged_inputs: dict[str, str] = {}
        #: while a precondition's block runs (see :meth:`diverted`): the findings it recorded,
        #: kept as notes, which make the test inconclusive rather than failing it
        self._diverted: list[Finding] | None = None

    @property
    def items(self) -> list[dict[str, object]]:
        """The items kept so far, grouped by input (without omission notes)."""
        return self._grouped.kept()

    def _add(self, item: dict[str, object]) -> None:
        self._grouped.add(self.redactor.clipped(item))

    def record(self, finding: Finding) -> None:
        """Record one violation. A test that records a finding fails. The same finding
        recorded again (a repeated request answered the same way) is counted once. Within
        :meth:`diverted` (a precondition's set-up) it is kept as a note and fails nothing."""
        if self.redactor.quoting is not None:  # before anything keeps it, the first finding too
            finding = self.redactor.quoting.finding(finding)
        if self._diverted is not None:
            self._diverted.append(finding)
            self.note(finding.summary(), file=finding.file, pointer=finding.pointer, precondition=True)
            return
        if self.about_refused(finding.file):
            # A 401/403/407 to the run's own credentials: the product's behaviour behind them
            # was never observed, so the precondition (credentials accepted) did not hold here.
            self.refused_findings += 1
            self.refused_first = self.refused_first or str(finding.file)
            self.note(finding.summary(), file=finding.file, pointer=finding.pointer, precondition=True,
                      refused=True)
            return
        if not self._grouped.add(self.redactor.clipped(finding.evidence())):
            return
        self.findings_count += 1
        if self._first is None:
            self._first = finding

    def about_refused(self, location: object) -> bool:
        """Whether ``location`` (a finding's ``file``: "METHOD URL", perhaps followed by a
        note such as "(Accept: ...)") names a request whose latest answer refused the run's
        credentials."""
        if not self.refused_at or not isinstance(location, str):
            return False
        method, _, rest = location.partition(" ")
        return f"{method} {rest.partition(' ')[0]}" in self.refused_at

    def finding(self, message: str, **members: object) -> None:
        """Record one violation from keyword members (``file``, ``pointer``, ``expected``,
        ``actual``...; see :class:`Finding`; other members are kept as extra evidence)."""
        self.record(Finding.of(message, **members))

    def findings_from(self, findings: Iterable[Finding], **location: Any) -> int:
        """Record findings a check returned, with location members they lack (e.g. the
        ``file`` they are about); returns how many."""
        count = 0
        for found in findings:
            self.record(replace(found, **{k: v for k, v in location.items() if getattr(found, k) is None}))
            count += 1
        return count

    @contextmanager
    def diverted(self) -> Iterator[list[Finding]]:
        """Within the block, findings are kept as notes and listed in the list yielded: for a
        set-up exchange whose failure is not the requirement's to judge (:func:`precondition`)."""
        outer, self._diverted = self._diverted, []
        try:
            yield self._diverted
        finally:
            found, self._diverted = self._diverted, outer
            if outer is not None:
                outer.extend(found)

    def unjudged(self, file: str, reason: str, **data: object) -> None:
        """An input of a set the test could not judge (a credential whose proof suite the
        harness does not implement, a file it cannot read as the format): noted, and a test
        that otherwise passes, or finds nothing to judge in what it read, is inconclusive,
        naming the input, since a set passes only when every member does (and the input not
        judged may hold what the test judges)."""
        file = str(file)
        if file not in self.unjudged_inputs:
            self.unjudged_inputs[file] = reason
        self.note(reason, file=file, unjudged=True, **data)

    def note(self, message: str, **data: object) -> None:
        if self.redactor.quoting is not None:
            message, data = self.redactor.quoting.note(message, data)
        self._add({"kind": "note", "message": message,
                   **_known({"text": text_of(message), **{k: finite_or_text(v) for k, v in data.items()}})})

    def _count(self, status: int | None, credentials: str | None = None, absent: Absent | None = None,
               at: str | None = None) -> None:
        self.exchanges += 1
        if at is not None:
            if status in REFUSED_STATUS and credentials is not None:
                if len(self.refused_at) < MAX_REFUSED_URLS:
                    self.refused_at[at] = None
            else:
                self.refused_at.pop(at, None)  # asked again and answered (an OAuth token renewed)
        if absent is not None:
            self.absent += 1
            if len(self.absent_at) < MAX_ABSENT_URLS:
                self.absent_at.setdefault(absent.url, absent)
        self.judgeable += not unjudgeable(status)
        if status in REFUSED_STATUS and credentials is not None:  # None: the test chose its own
            self.refused += 1
            if credentials and credentials not in self.refused_credentials:
                self.refused_credentials.append(credentials)

    def exchange(self, request: dict[str, object], response: dict[str, object] | None, *,
                 credentials: str | None = None, absent: Absent | None = None, at: str | None = None,
                 **data: object) -> None:
        """One HTTP exchange; ``credentials``: where the credentials it sent came from (the
        environment variables), named when the answer refuses them; ``absent``: where nothing
        answered it (404, 405), when nothing did; ``at``: the request as "METHOD URL", as findings
        about its answer name it."""
        status = response.get("status") if isinstance(response, dict) else None
        self._count(status if isinstance(status, int) else None, credentials, absent, at)
        self._add({"kind": "http", "request": request, "response": response, **data})

    def exchange_of(self, method: str, url: str, status: int | None,
                    build: Callable[[], tuple[dict[str, object], dict[str, object] | None, dict[str, object]]],
                    credentials: str | None = None, absent: Absent | None = None) -> None:
        """An exchange as :meth:`exchange` records it, its records built by ``build()`` (request,
        response, other members) only when the caps keep it: most exchanges of a long test
        are only counted, and redacting their bodies would be wasted."""
        key = self._exchange_keys.get((method, url))
        if key is None:
            key = f"{clip(self.redactor.text(method))} {clip(self.redactor.text(url))}".strip()  # as input_of sees it
            if len(self._exchange_keys) < MAX_EXCHANGE_KEYS:
                self._exchange_keys[(method, url)] = key
        if self._grouped.keeps(key):
            request, response, data = build()
            self.exchange(request, response, credentials=credentials, absent=absent, at=f"{method} {url}", **data)
            return
        self._count(status, credentials, at=f"{method} {url}")
        self._grouped.omit(key)

    def redirect_of(self, method: str, url: str,
                    build: Callable[[], tuple[dict[str, object], dict[str, object] | None, dict[str, object]]]) -> None:
        """A redirect the adapter followed, recorded as the exchange it was (its request, its
        answer's status and Location) before the exchange it led to. It is a step, not an answer
        to what a test asked: it is not counted (the answer it led to is), so a test whose every
        answer refused its credentials, or said nothing serves there, is still seen as one."""
        key = f"{clip(self.redactor.text(method))} {clip(self.redactor.text(url))}".strip()
        if self._grouped.keeps(key):
            request, response, data = build()
            self._add({"kind": "http", "request": request, "response": response, **data})
        else:
            self._grouped.omit(key)

    def series(self, chart: str, **data: object) -> None:
        """Record a chart's data (numbers in arrays of at most MAX_SERIES_POINTS values): what
        the HTML report draws, e.g. a stream's frame intervals. A series never fails a test."""
        item = {"kind": "series", "chart": chart, **_known(data)}
        self._grouped.add(self.redactor.clipped(item, items=MAX_SERIES_POINTS))

    def item(self, kind: str, **data: object) -> None:
        """Record an item of a kind an area registers (``conformance_evidence_kinds``), valid
        against the schema the area gives it. Like a series, it never fails a test by itself."""
        item = {"kind": kind, **_known(data)}
        problem = kind_problem(item)
        if problem:
            raise ValueError(problem)  # a defect of the area's check: a harness fault, not a verdict
        self._add(item)

    def measurement(self, item: dict[str, object]) -> None:
        """Record one judged quantity (``kind: measurement``): its value, expanded uncertainty
        (k = 2), limit, decision rule, guard band and outcome, as the report's schema states it.
        It decides nothing by itself: the check records a finding for an outcome that fails.

        The schema's numbers are JSON numbers, and JSON has none for an infinity or NaN (a level of
        -inf dB where an output was silent, an error of inf dB from it): such an item is recorded as
        a note saying so, with the values as text, so the report stays valid against its schema and
        still shows what was judged (the check's finding, not this, carries a failing outcome)."""
        unheld = [name for name in _NUMBERS if isinstance(v := item.get(name), float) and not math.isfinite(v)]
        if unheld:
            outcome = item.get("outcome")
            self.note(msg("measurement.not-finite", rule=f"{item['rule']} " if item.get("rule") else "",
                          quantity=item.get("quantity_text") or item.get("quantity"), subject=item.get("subject"),
                          value=item.get("value"), uncertainty=item.get("uncertainty"), unit=item.get("unit"),
                          sign="<=" if item.get("limit_kind") == "max" else ">=", limit=item.get("limit"),
                          outcome=msg(_OUTCOMES[outcome]) if outcome in _OUTCOMES else outcome,
                          members=", ".join(unheld)),
                      file=item.get("file") if isinstance(item.get("file"), str) else None)
            return
        self._add({"kind": "measurement", **_known(item)})

    def error(self, message: str, **data: object) -> None:
        self._add({"kind": "error", "message": message, **_known({"text": text_of(message), **data})})

    def first_finding(self) -> str | None:
        """The first finding with its location (a :class:`~conformance.messages.Message`
        when the finding's own message is one)."""
        return self._first.summary() if self._first is not None else None

    def export(self) -> list[dict[str, object]]:
        return self._grouped.export()

    @property
    def omitted(self) -> dict[str, int]:
        """Items left out by the caps, by the input they are about."""
        return dict(self._grouped.omitted)


#: HTTP statuses that judge nothing about the requirement a test checks: the server failed or
#: refused to answer now. A test whose every answer was one of these did not judge anything.
UNJUDGEABLE_STATUS = (429,)
#: HTTP statuses that refuse the run's credentials: what the product did with the request
#: was never seen, so nothing about the requirement was judged either.
REFUSED_STATUS = (401, 403, 407)
#: HTTP statuses saying nothing serves the request there (no route, no such method): the
#: endpoint is elsewhere, or the product lacks it; its behaviour was never seen.
ABSENT_STATUS = (404, 405)
#: the most requests one test remembers the run's credentials were refused at
MAX_REFUSED_URLS = 256
#: the most endpoint URLs one test remembers nothing answered at
MAX_ABSENT_URLS = 8


@dataclass(frozen=True)
class Absent:
    """Where nothing answered a request: the endpoint's URL (its path template when an area
    names the endpoint, so every request to it is one place), the status, the endpoint's name
    ("" for a path no area names) and the manifest's place to set (its ``paths``, or the
    target's ``base_url``)."""

    url: str
    status: int
    name: str
    place: str


def unjudgeable(status: int | None) -> bool:
    """A response (None: none came) that says nothing about what a test asked for."""
    return status is None or status >= 500 or status in UNJUDGEABLE_STATUS


#: The kinds of evidence the harness itself records (an area may register others).
CORE_KINDS = ("finding", "http", "note", "error", "series", "measurement")


def kind_problem(item: dict[str, object]) -> str | None:
    """Why ``item`` is no valid item of an area's evidence kind (None: it is one)."""
    from .. import _areas

    kind = str(item["kind"])
    schema = None if kind in CORE_KINDS else _areas.evidence_kinds().get(kind)
    if schema is None:
        known = ", ".join(sorted(_areas.evidence_kinds())) or "none"
        return f"no area registers the evidence kind {kind!r} (registered: {known})"
    from jsonschema import Draft202012Validator

    error = next(iter(Draft202012Validator(dict(schema)).iter_errors(item)), None)
    return None if error is None else f"an item of kind {kind!r} is not valid: {error.message}"


#: The members of a measurement item the report's schema holds as numbers (k is the constant 2).
_NUMBERS = ("value", "uncertainty", "limit", "guard_band", "u_a", "u_b")
#: A measurement's outcome in words (the keys written out, as the message check reads them).
_OUTCOMES = {"pass": "measurement.pass", "fail": "measurement.fail", "guard_band": "measurement.guard-band"}


def _known(data: dict[str, object]) -> dict[str, object]:
    # A member that is None says nothing (and a note's file must be a name when present).
    return {k: v for k, v in data.items() if v is not None}


_current: ContextVar[Evidence | None] = ContextVar("conformance_evidence", default=None)


def current() -> Evidence:
    """The evidence of the running test (adapters record into it). Within a run, what is
    recorded outside any test goes to the Run's own evidence (``Run.outside_tests``); only
    an adapter used with no run at all records into a throwaway, there being no report."""
    return _current.get() or Evidence()


def recording(evidence: Evidence) -> AbstractContextManager[Evidence]:
    """What adapters and checks record while the block runs goes to ``evidence``."""
    return bound(_current, evidence)


class _Discarded(Evidence):
    """Evidence that drops every item as it comes, without building it (see :func:`discarding`)."""

    def _add(self, item: dict[str, object]) -> None:
        return

    def record(self, finding: Finding) -> None:
        return

    def exchange_of(self, method: str, url: str, status: int | None,
                    build: Callable[[], tuple[dict[str, object], dict[str, object] | None, dict[str, object]]],
                    credentials: str | None = None, absent: Absent | None = None) -> None:
        return

    def redirect_of(self, method: str, url: str,
                    build: Callable[[], tuple[dict[str, object], dict[str, object] | None, dict[str, object]]]) -> None:
        return

    def series(self, chart: str, **data: object) -> None:
        return


@contextmanager
def discarding() -> Iterator[Evidence]:
    """Within the block, what adapters and checks record is dropped unbuilt: for a test whose
    evidence is something else than its thousands of exchanges (a state machine's shrunk
    sequence, a property's failing example), which it records itself outside the block.
    Redacting and grouping each exchange of a long sequence only to throw it away was about
    1 % of a run of the HTTP suites (bench/README.md, issue 48)."""
    with recording(_Discarded()) as evidence:
        yield evidence
