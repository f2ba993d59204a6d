"""Evidence: what a test saw, recorded so a verdict can be checked by a human later.

Each test gets an :class:`Evidence` through the ``evidence`` fixture; adapters add the
HTTP exchanges they perform to the evidence of the test that is running. Findings make a
test fail even when it raised nothing: the plugin, not the test, decides the verdict.
Everything passes through a :class:`~.redaction.Redactor` so secrets never reach a report,
and is clipped to a bounded size. Items are kept grouped by the input they are about (a
file, an HTTP exchange) and capped per input, so in a batch of many files every failing file
keeps its evidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import Any

import orjson

from ..messages import msg, text_of
from . import bound
from .findings import Finding
from .redaction import Redactor, clip

#: Evidence kept per test and per requirement: items per input, and about this many in all.
PER_INPUT = 20
MAX_ITEMS = 200
#: Chart series (kind "series", which an area adds for the report's charts) kept per test
#: and per requirement, apart from the caps above so they never crowd out findings; and the
#: most values any one of their arrays holds.
MAX_SERIES = 24
MAX_SERIES_POINTS = 500
#: Inputs of exchanges an Evidence remembers (see Evidence.exchange_of).
MAX_EXCHANGE_KEYS = 4096
#: Distinct findings remembered to drop repeats (16 bytes each); past it, repeats are kept.
MAX_DISTINCT_FINDINGS = 65536


def input_of(item: dict[str, Any]) -> str:
    """The input an evidence item is about: a finding's, note's or error's ``file``, an HTTP
    exchange's "METHOD URL"; "" for an item about the test as a whole."""
    if item.get("kind") == "http" and isinstance(item.get("request"), dict):
        request = item["request"]
        return f"{request.get('method', '')} {request.get('url', '')}".strip()
    return str(item.get("file") or "")


def by_input(items: Iterable[dict[str, object]]) -> list[tuple[str, list[dict[str, object]]]]:
    """Grouped evidence (as exported) as (input, its items), for views that show a heading per input."""
    return [(key, list(group)) for key, group in groupby(items, key=input_of)]


def omission_note(key: str, count: int) -> dict[str, object]:
    """The note that ``count`` items about ``key`` ("": about the test as a whole) were left out."""
    if key:
        message = msg("engine.omitted-one-about" if count == 1 else "engine.omitted-about", count=count, about=key)
    else:
        message = msg("engine.omitted-one" if count == 1 else "engine.omitted", count=count)
    note: dict[str, object] = {"kind": "note", "message": message, "text": message.text(), "omitted": count}
    if key:
        note["file"] = key
    return note


@dataclass
class _Group:
    items: list[dict[str, Any]] = field(default_factory=list)
    failing: bool = False  # holds a finding
    series: int = 0  # chart series among the items: not counted against the per-input cap


class Grouped:
    """Evidence items grouped by the input they are about (see :func:`input_of`), in the
    order inputs first have an item kept: at most ``per_input`` items of each input and about
    ``total`` items in all. The first finding of an input is always kept, so every failing
    input shows why it fails. What is left out becomes one note per input ("N more items
    about X omitted"); an item that is already such a note adds to that count.

    Whether an item is kept depends only on the items kept before it, so the kept items
    alone (handed to ``on_kept`` as they are kept: the run's evidence events) and the counts
    left out rebuild the same groups (:mod:`conformance._run.aggregation`)."""

    def __init__(self, per_input: int = PER_INPUT, total: int = MAX_ITEMS, series: int = MAX_SERIES,
                 on_kept: Callable[[dict[str, object]], None] | None = None) -> None:
        self.per_input, self.total, self.series = per_input, total, series
        self.on_kept = on_kept
        self._groups: dict[str, _Group] = {}
        #: input -> items about it left out
        self.omitted: dict[str, int] = {}
        self._kept = 0
        self._series = 0
        #: digests of the findings seen (kept or not): a finding seen before is a repeat (the
        #: same request answered the same way twice) and is dropped, not counted or kept again
        self._findings: set[bytes] = set()
        #: repeats dropped, by input
        self.repeated: dict[str, int] = {}

    def _keep(self, key: str, item: dict[str, object]) -> _Group:
        group = self._groups.setdefault(key, _Group())
        group.items.append(item)
        if self.on_kept is not None:
            self.on_kept(item)
        return group

    def add(self, item: dict[str, object]) -> bool:
        """Keep or count ``item``; False when it is a finding seen before (dropped)."""
        key = input_of(item)
        if item.get("kind") == "finding" and self._repeat(item):
            self.repeated[key] = self.repeated.get(key, 0) + 1
            return False
        self._add(key, item)
        return True

    def _repeat(self, item: dict[str, object]) -> bool:
        digest = hashlib.blake2b(orjson.dumps(item, option=orjson.OPT_SORT_KEYS, default=str),
                                 digest_size=16).digest()
        if digest in self._findings:
            return True
        if len(self._findings) < MAX_DISTINCT_FINDINGS:
            self._findings.add(digest)
        return False

    def _add(self, key: str, item: dict[str, Any]) -> None:
        if item.get("kind") == "note" and isinstance(item.get("omitted"), int):
            self.omit(key, item["omitted"])
            return
        if item.get("kind") == "series":  # charts have their own cap: they never displace a finding
            if self._series < self.series:
                self._keep(key, item).series += 1
                self._series += 1
            else:
                self.omit(key)
            return
        group = self._groups.get(key)
        first_finding = item.get("kind") == "finding" and not (group and group.failing)
        if first_finding or self.keeps(key):
            group = self._keep(key, item)
            group.failing |= first_finding
            self._kept += 1
        else:
            self.omit(key)

    def keeps(self, key: str) -> bool:
        """Whether :meth:`add` would keep an item about ``key`` that is neither a finding nor
        a note (so an item left out need not be built at all)."""
        group = self._groups.get(key)
        held = len(group.items) - group.series if group else 0  # series have their own cap, as in add
        # Items about no one input (the test's own notes) are one group, bounded by per_input alone.
        return held < self.per_input and (self._kept < self.total or key == "")

    def omit(self, key: str, count: int = 1) -> None:
        """Count items about ``key`` as left out, as :meth:`add` does when it is over the caps."""
        self.omitted[key] = self.omitted.get(key, 0) + count

    def kept(self) -> list[dict[str, Any]]:
        return [item for group in self._groups.values() for item in group.items]

    def export(self) -> list[dict[str, Any]]:
        """The kept items input by input, each input's omission note after its items;
        inputs with nothing kept are counted in one note at the end."""
        unshown = sum(count for key, count in self.omitted.items() if key not in self._groups)
        exported: list[dict[str, Any]] = []
        for key, group in self._groups.items():
            exported += group.items
            omitted = self.omitted.get(key, 0) + (unshown if key == "" else 0)
            if omitted:
                exported.append(omission_note(key, omitted))
        if unshown and "" not in self._groups:  # items about no one input: where the unshown are counted
            exported.append(omission_note("", unshown))
        return exported


def grouped(items: Iterable[dict[str, Any]]) -> list[dict[str, object]]:
    """Items (e.g. of several tests of one requirement) grouped and capped as :class:`Grouped` does."""
    groups = Grouped()
    for item in items:
        groups.add(item)
    return groups.export()


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
    def items(self) -> list[dict[str, Any]]:
        """The items kept so far, grouped by input (without omission notes)."""
        return self._grouped.kept()

    def _add(self, item: dict[str, Any]) -> None:
        self._grouped.add(self.redactor.clipped(item))

    def record(self, finding: Finding) -> None:
        """Record one violation. A test that records a finding fails. The same finding
        recorded again (a repeated request answered the same way) is counted once. Within
        :meth:`diverted` (a precondition's set-up) it is kept as a note and fails nothing."""
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

    def finding(self, message: str, **members: Any) -> None:
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

    def unjudged(self, file: str, reason: str, **data: Any) -> None:
        """An input of a set the test could not judge (a credential whose proof suite the
        harness does not implement, a file it cannot read as the format): noted, and a test
        that otherwise passes is inconclusive, naming the input, since a set passes only when
        every member does."""
        file = str(file)
        if file not in self.unjudged_inputs:
            self.unjudged_inputs[file] = reason
        self.note(reason, file=file, unjudged=True, **data)

    def note(self, message: str, **data: Any) -> None:
        self._add({"kind": "note", "message": message, **_known({"text": text_of(message), **data})})

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

    def exchange(self, request: dict[str, Any], response: dict[str, Any] | None, *,
                 credentials: str | None = None, absent: Absent | None = None, at: str | None = None,
                 **data: Any) -> None:
        """One HTTP exchange; ``credentials``: where the credentials it sent came from (the
        environment variables), named when the answer refuses them; ``absent``: where nothing
        answered it (404, 405), when nothing did; ``at``: the request as "METHOD URL", as findings
        about its answer name it."""
        self._count(response.get("status") if isinstance(response, dict) else None, credentials, absent, at)
        self._add({"kind": "http", "request": request, "response": response, **data})

    def exchange_of(self, method: str, url: str, status: int | None,
                    build: Callable[[], tuple[dict[str, Any], dict[str, object] | None, dict[str, object]]],
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
CORE_KINDS = ("finding", "http", "note", "error", "series")


def kind_problem(item: dict[str, Any]) -> str | None:
    """Why ``item`` is no valid item of an area's evidence kind (None: it is one)."""
    from .. import _areas

    kind = item["kind"]
    schema = None if kind in CORE_KINDS else _areas.evidence_kinds().get(kind)
    if schema is None:
        known = ", ".join(sorted(_areas.evidence_kinds())) or "none"
        return f"no area registers the evidence kind {kind!r} (registered: {known})"
    from jsonschema import Draft202012Validator

    error = next(iter(Draft202012Validator(dict(schema)).iter_errors(item)), None)
    return None if error is None else f"an item of kind {kind!r} is not valid: {error.message}"


def _known(data: dict[str, Any]) -> dict[str, object]:
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
