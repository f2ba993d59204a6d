"""A run as a stream of typed events.

The run emits, in order: :class:`RunStarted` (the terms: harness, catalog digest, manifest,
profiles and the planned requirements with their cases), for each test :class:`CaseStarted`,
the evidence it records as it records it (:class:`Exchange`, :class:`FindingRecorded`,
:class:`Note`, :class:`Error`, :class:`Series`, :class:`InteropResult`) and
:class:`CaseFinished` with its verdict, then :class:`RunFinished`. Evidence recorded outside
any test (pre-flight) has ``test == ""``.

Everything downstream is a handler of this stream: the report (a pure fold of the events,
:mod:`conformance.aggregate`), the event log (``report.events.ndjson``), and whatever a
programme adds (a history database, a live view). Events are msgspec structs tagged by
``event``, one JSON object per line; every text in them is already redacted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import PurePath
from typing import Any, Literal, Protocol

import msgspec

from .._catalog.model import Verdict

#: A message's template and arguments (conformance.messages), or None for a text written as is.
Text = dict[str, object] | None


class _Event(msgspec.Struct, tag_field="event", kw_only=True, omit_defaults=True):
    pass


class PlannedProfile(msgspec.Struct, kw_only=True):
    id: str
    version: str
    title: dict[str, str]
    features: list[str]
    parameters: dict[str, object]
    overrides: list[dict[str, object]]
    #: the levels its pass rule requires to pass
    require: list[str]
    #: requirements a certification plan made blocking for this profile, whatever their level
    promoted: list[str] = []
    #: every requirement of the profile (features' included)
    requirements: list[str]
    #: its requirements that read only what the product declares about itself (``measures:
    #: declared``): reported, never counted by the pass rule, whatever their level (issue 70)
    declared: list[str] = []


class Decided(msgspec.Struct, kw_only=True):
    """The verdict of a requirement (or of a case) no test decides (a feature not claimed, an
    assessment, a manual one)."""

    verdict: Verdict
    message: str
    text: Text = None


class PlannedCase(msgspec.Struct, kw_only=True, omit_defaults=True):
    profiles: list[str]
    parameters: dict[str, object]
    #: a case no test judges: not applicable to its profiles (a feature they do not claim)
    decided: Decided | None = None


class PlannedRequirement(msgspec.Struct, kw_only=True):
    id: str
    level: str
    title: dict[str, str]
    #: the claimed profiles that list it (features' requirements included)
    profiles: list[str]
    #: its cases, when it takes parameters or does not apply to some of its profiles (a
    #: feature they do not claim, while another profile selects it); empty otherwise
    cases: list[PlannedCase] = []
    decided: Decided | None = None
    assessment: dict[str, object] | None = None


class RunStarted(_Event, tag="run_started"):
    harness: dict[str, str]
    catalog_digest: str
    manifest: dict[str, object]
    environment: dict[str, object]
    started: str
    scope: Literal["full", "partial"]
    selection: dict[str, list[str]]
    profiles: list[PlannedProfile]
    requirements: list[PlannedRequirement]
    certification_plan: dict[str, object] | None = None
    #: the run's time budget: seconds and how they were derived
    budget: dict[str, object] | None = None


class CollectedTest(msgspec.Struct, kw_only=True):
    test: str
    requirements: list[str]
    profiles: list[str]


class TestsCollected(_Event, tag="tests_collected"):
    """The tests the run will run, in order (what a progress display counts down)."""

    __test__ = False  # not a pytest test class, despite the name
    tests: list[CollectedTest]


class CaseStarted(_Event, tag="case_started"):
    test: str
    requirements: list[str]
    #: the claimed profiles this test's verdict counts for, and the parameter values it runs under
    profiles: list[str]
    parameters: dict[str, object]


class EvidenceEvent(_Event):
    #: the test's node ID; "" for what was recorded outside any test
    test: str
    #: the item as the report holds it (redacted, clipped)
    item: dict[str, object]


class FindingRecorded(EvidenceEvent, tag="finding"):
    """A test recorded a finding (the item is :meth:`conformance._record.findings.Finding.evidence`)."""


class Exchange(EvidenceEvent, tag="http"):
    pass


class Note(EvidenceEvent, tag="note"):
    pass


class Error(EvidenceEvent, tag="error"):
    pass


class Series(EvidenceEvent, tag="series"):
    pass


class InteropResult(_Event, tag="interop"):
    """A cell of the interoperability matrix: something made at ``source`` used at ``target``."""

    test: str
    cell: dict[str, object]


class CaseFinished(_Event, tag="case_finished"):
    test: str
    verdict: Verdict
    message: str = ""
    text: Text = None
    duration_s: float = 0.0
    #: evidence items left out by the caps, by the input they are about ("" the test as a whole)
    omitted: dict[str, int] = {}


class RunFinished(_Event, tag="run_finished"):
    finished: str
    complete: bool
    #: the run's notes, each with its template (redacted)
    notes: list[str] = []
    note_texts: list[Text] = []
    #: the files the run read: name, sha256 and what each was
    inputs: list[dict[str, object]] = []
    budget_spent: bool = False
    #: what the laboratory records say of the measured captures (None: no measured requirement judged)
    laboratory: dict[str, object] | None = None


class Record(EvidenceEvent, tag="record"):
    """An item of a kind an area registers (its ``kind`` member names it)."""


EVIDENCE_EVENTS: dict[str, type[EvidenceEvent]] = {
    "finding": FindingRecorded, "http": Exchange, "note": Note, "error": Error, "series": Series,
}

Event = (RunStarted | TestsCollected | CaseStarted | FindingRecorded | Exchange | Note | Error | Series | Record
         | InteropResult
         | CaseFinished | RunFinished)

def _plain(value: object) -> object:
    """What msgspec cannot encode itself: a message (a str with its template: its text) or a path."""
    if isinstance(value, str | PurePath):
        return str(value)
    raise TypeError(f"an event cannot hold {type(value).__name__}")


_encoder = msgspec.json.Encoder(enc_hook=_plain)
_decoder: msgspec.json.Decoder[Event] = msgspec.json.Decoder(Event)  # a union: msgspec's stubs cannot infer it


def evidence_event(test: str, item: dict[str, object]) -> EvidenceEvent:
    """The event of one evidence item, by its kind (an area's own kind travels as a Record)."""
    return EVIDENCE_EVENTS.get(str(item.get("kind")), Record)(test=test, item=item)


def encode(event: _Event) -> bytes:
    """One event as a JSON line (text a target sent that is not valid Unicode becomes U+FFFD)."""
    try:
        return _encoder.encode(event) + b"\n"
    except UnicodeEncodeError:
        from ..report.unicode import valid_text

        return msgspec.json.encode(valid_text(msgspec.to_builtins(event, enc_hook=_plain))) + b"\n"


def decode(line: bytes) -> Event:
    """One event from its JSON line (msgspec.DecodeError or ValidationError if it is none)."""
    return _decoder.decode(line)


def decode_lines(lines: Iterable[bytes]) -> Iterator[Event]:
    for line in lines:
        if line.strip():
            yield decode(line)


Handler = Callable[[object], None]


class EventBus:
    """Hands each event to every handler, in order. Events emitted before :class:`RunStarted`
    (a pytest-driven run's pre-flight) wait for it, so every stream begins with it."""

    def __init__(self, *handlers: Handler) -> None:
        self.handlers = list(handlers)
        self._waiting: list[object] | None = []

    def subscribe(self, handler: Handler) -> None:
        self.handlers.append(handler)

    @property
    def started(self) -> bool:
        return self._waiting is None

    def emit(self, event: object) -> None:
        if self._waiting is not None:
            if not isinstance(event, RunStarted):
                self._waiting.append(event)
                return
            waiting, self._waiting = self._waiting, None
            self._deliver(event)
            for early in waiting:
                self._deliver(early)
            return
        self._deliver(event)

    def _deliver(self, event: object) -> None:
        for handler in self.handlers:
            handler(event)


class EventLog:
    """The run's events as NDJSON lines, kept in order; written whole with the reports."""

    FILENAME = "report.events.ndjson"

    def __init__(self) -> None:
        self.lines: list[bytes] = []

    def __call__(self, event: Any) -> None:
        self.lines.append(encode(event))

    def data(self) -> bytes:
        return b"".join(self.lines)


class Progress(Protocol):
    """A progress display (see :class:`conformance._run.progress.ProgressBar`)."""

    def start(self, tests: Sequence[CollectedTest], expected: Mapping[str, float]) -> None: ...
    def begin(self, nodeid: str) -> None: ...
    def advance(self, nodeid: str, verdict: Verdict) -> None: ...
    def stop(self) -> None: ...


class ProgressEvents:
    """Drives a progress display from the run's events: it starts when the tests are
    collected, moves as each case starts and finishes, and stops with the run."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        #: test node ID -> seconds an earlier run took (for the ETA)
        self.expected: dict[str, float] = {}

    def __call__(self, event: object) -> None:
        if isinstance(event, TestsCollected):
            self.progress.start(event.tests, self.expected)
        elif isinstance(event, CaseStarted):
            self.progress.begin(event.test)
        elif isinstance(event, CaseFinished):
            self.progress.advance(event.test, event.verdict)
        elif isinstance(event, RunFinished):
            self.progress.stop()

    def stop(self) -> None:
        self.progress.stop()
