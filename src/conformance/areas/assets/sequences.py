"""What the state machines (:mod:`.stateful`, :mod:`.trading_stateful`) sent, run by run, and
what a target that broke a sequence did, as evidence.

Every request a machine sends goes through :class:`Recorded`: a GET whose connection fails
before an answer is sent once more on a new connection (RFC 9110, 9.2.2, idempotent methods);
a POST is not (it may have taken effect), so no answer to it, or to a GET sent twice, is a
departure from the model (:class:`NoAnswer`), judged with the sequence that led to it rather
than ending the run in an error. Each answer is kept bounded (:class:`.answers.Answer`): when
hypothesis replays a departing sequence and the target answers it differently (hypothesis
raises Flaky), the finding shows the departing run and its replay side by side, with both
answers to the request where the first departed (:func:`differing_runs`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hypothesis.errors import HypothesisException

from conformance import Message, TargetUnreachable, msg
from conformance.area import REQUEST_TIME_LIMIT_S

from .._shared.answers import IDEMPOTENT, Answer, exchange_failed, sent_again_once

if TYPE_CHECKING:
    import ssl
    from collections.abc import Mapping

    import httpx

    from conformance import HttpTarget
    from conformance.area import JsonObject, Response

#: The most steps of one sequence a finding shows (the last ones: the departure is at the end).
STEPS_SHOWN = 60
#: How many departed runs keep their answers (hypothesis replays the last one it shrank to).
DEPARTED_KEPT = 8


class Divergence(AssertionError):
    """The target departed from the model."""


class Unserved(Exception):
    """A read the checks after a step need (an asset's state, a listing, a history) was answered
    with a server error (5xx): the model cannot be compared with what was not served, and how
    those reads are served is AS-REG-001's to judge. Not a :class:`Divergence`: the sequence
    is left unjudged, naming the read, never failed."""

    def __init__(self, request: str, what: Message, status: int) -> None:
        super().__init__(what)
        self.request, self.what, self.status = request, what, status


def served(response: Response, what: Message) -> Response:
    """``response`` to a read the checks need; :class:`Unserved` when it is a server error."""
    if response.status >= 500:
        raise Unserved(response.requested, what, response.status)
    return response


class NoAnswer(Divergence):
    """A request of the machine's got no answer: the connection failed before one came, again
    when the request was sent once more (a GET), or once (a POST, not sent again)."""

    def __init__(self, request: str, method: str, error: str) -> None:
        super().__init__(msg("assets.stateful-no-answer-again", request=request, error=error) if method in IDEMPOTENT
                         else msg("assets.stateful-no-answer", request=request, method=method, error=error))
        self.request, self.error = request, error


@dataclass(frozen=True)
class Exchange:
    """One request of a run and its answer; ``kind`` (the method and the path's last segment,
    "POST transfer") pairs it with its request in a replay, whose IDs differ."""

    kind: str
    request: str
    answer: Answer

    def record(self) -> JsonObject:
        return {"request": self.request, **self.answer.record()}


@dataclass
class Run:
    """One sequence a machine ran: its steps (the requests that change state, as evidence shows
    them), every exchange (the checks' reads too) and, when it departed, the exception and the
    exchange whose answer departed."""

    steps: list[JsonObject] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    departure: BaseException | None = None
    departed_at: int | None = None
    #: the steps sent, as the machine planned them (:mod:`.stateful`): what each sends, as text
    planned: list[tuple[str, ...]] = field(default_factory=list)

    def departing(self) -> Exchange | None:
        return self.exchanges[self.departed_at] if self.departed_at is not None else None

    def kinds(self, count: int) -> list[str]:
        return [e.kind for e in self.exchanges[:count]]


class Sequences:
    """Every run of one machine, in the order hypothesis ran them. Answers are kept for the last
    run and the last :data:`DEPARTED_KEPT` runs that departed; the steps of every run (the note
    counts them). Also which planned sequences (the steps a run began with, as planned) the target
    answered as the model predicts, step after step, and which departed at their last step: what
    :meth:`answered` tells the machine while hypothesis shrinks."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.departed: list[Run] = []
        self.predicted: set[tuple[tuple[str, ...], ...]] = set()
        self.departing: set[tuple[tuple[str, ...], ...]] = set()

    def as_predicted(self, run: Run) -> None:
        """``run``'s steps sent so far were answered as the model predicts, the reads after each too."""
        self.predicted.add(tuple(run.planned))

    def answered(self, plan: tuple[tuple[str, ...], ...]) -> bool:
        """Whether ``plan``, the steps a sequence begins with (asked step after step, from its
        first), need not be sent: a sequence has departed (hypothesis is shrinking it), a run
        began with these very steps and the target answered them as predicted, and no run
        departed at the last of them (a target that answered a sequence differently once is
        sent it again)."""
        return bool(self.departed) and plan in self.predicted and plan not in self.departing

    def start(self) -> Run:
        if self.runs and self.runs[-1].departure is None:
            self.runs[-1].exchanges = []  # a passing run's answers are no evidence once another ran
        self.runs.append(Run())
        return self.runs[-1]

    def ended(self, run: Run, raised: BaseException | None) -> None:
        """``run`` is over, ``raised`` what ended it (None: it ran all its steps; hypothesis
        ends a run it has drawn enough of, or whose replay drew differently, with an exception of
        its own: no departure)."""
        if not isinstance(raised, Exception) or isinstance(raised, HypothesisException):
            return
        run.departure, run.departed_at = raised, len(run.exchanges) - 1 if run.exchanges else None
        self.departed.append(run)
        self.departing.add(tuple(run.planned))
        if len(self.departed) > DEPARTED_KEPT:
            self.departed.pop(0).exchanges = []

    @property
    def current(self) -> Run:
        return self.runs[-1]


class Recorded:
    """The API a machine sends through (see the module's docstring): an HttpTarget whose
    :meth:`request` records each exchange in the sequence running; anything else of the
    adapter's is the adapter's own."""

    def __init__(self, api: HttpTarget, log: Sequences) -> None:
        self.api, self.sequences = api, log
        self.role, self.base_url, self.ca_bundle, self.timeout_s = api.role, api.base_url, api.ca_bundle, api.timeout_s

    @property
    def log(self) -> list[Response]:
        return self.api.log

    @log.setter
    def log(self, value: list[Response]) -> None:
        self.api.log = value

    @property
    def log_omitted(self) -> int:
        return self.api.log_omitted

    @log_omitted.setter
    def log_omitted(self, value: int) -> None:
        self.api.log_omitted = value

    def url(self, path: str) -> httpx.URL:
        return self.api.url(path)

    def tls_context(self) -> ssl.SSLContext | None:
        return self.api.tls_context()

    def requested(self, method: str, path: str) -> str:
        return self.api.requested(method, path)

    def get(self, path: str, **kwargs: object) -> Response:
        return self.api.get(path, **kwargs)

    def post(self, path: str, **kwargs: object) -> Response:
        return self.api.post(path, **kwargs)

    def request(self, method: str, path: str, *, headers: Mapping[str, str] | None = None, json: object = None,
                content: bytes | None = None, auth: str | None = "default", provoked: bool = False,
                timeout_s: float | None = None) -> Response:
        def send() -> Response:
            # no answer is a departure (a finding): waited for the fixed limit, never the IXIT's timeout_s
            limit = REQUEST_TIME_LIMIT_S if timeout_s is None else timeout_s
            return self.api.request(method, path, headers=headers, json=json, content=content, auth=auth,
                                    provoked=provoked, timeout_s=limit)

        kind = f"{method} {path.partition('?')[0].rstrip('/').rsplit('/', 1)[-1]}"
        try:
            response = sent_again_once(send) if method in IDEMPOTENT else send()
        except TargetUnreachable as exc:
            if not exchange_failed(exc):  # the run stopped: no answer of the target's
                raise
            request = self.api.requested(method, path)
            self.sequences.current.exchanges.append(Exchange(kind, request, Answer.none(str(exc))))
            raise NoAnswer(request, method, str(exc)) from None
        self.sequences.current.exchanges.append(Exchange(kind, response.requested, Answer.of(response)))
        return response


def departure_message(exc: BaseException | None) -> Message:
    """A departure as the machine worded it (a template); anything else as it was raised."""
    if exc is not None and exc.args and isinstance(exc.args[0], Message):
        return exc.args[0]
    text = str(exc).splitlines()[0] if exc is not None and str(exc) else type(exc).__name__
    return msg("assets.stateful-departed", error=text)


def shown_steps(steps: list[JsonObject]) -> JsonObject:
    """A sequence as a finding shows it: its last :data:`STEPS_SHOWN` steps, and how many
    before them were left out."""
    if len(steps) <= STEPS_SHOWN:
        return {"sequence": [*steps]}
    return {"sequence": [*steps[-STEPS_SHOWN:]], "steps_left_out": len(steps) - STEPS_SHOWN}


def differing_runs(log: Sequences, cause: BaseException | None) -> tuple[Run | None, Run | None]:
    """The run that departed and its replay (the last run), when hypothesis replayed a departing
    sequence and the target answered it differently: the run that raised ``cause`` (what
    hypothesis kept of the departure), else the last departed run whose requests up to its
    departure the replay sent too, else the last departed run."""
    replay = log.runs[-1] if log.runs else None
    candidates = [run for run in reversed(log.departed) if run is not replay and run.departed_at is not None]
    for run in candidates:
        if run.departure is cause:
            return run, replay
    for run in candidates:
        count = (run.departed_at or 0) + 1
        if replay is not None and replay.kinds(count) == run.kinds(count):
            return run, replay
    return (log.departed[-1] if log.departed else None), replay


def answered_differently(log: Sequences, flaky: BaseException) -> tuple[Message, JsonObject]:
    """The finding of a sequence answered differently when hypothesis replayed it (``flaky``, its
    Flaky error): the departure, and as evidence the departing sequence (``sequence``), the
    replay's (``replayed``) and the answers to the request where the first departed (``answers``:
    its own, then the replay's when the replay sent that request)."""
    group = getattr(flaky, "exceptions", None)  # hypothesis keeps the departing run's exception
    cause = group[0] if isinstance(group, tuple) and group else None
    departed, replay = differing_runs(log, cause)
    message = msg("assets.stateful-flaky", departure=departure_message(
        cause or (departed.departure if departed else None)))
    if departed is None:
        return message, {"sequence": []}
    found = shown_steps(departed.steps)
    if replay is not None and replay is not departed:
        replayed = shown_steps(replay.steps)
        found["replayed"] = replayed.pop("sequence")
        found.update({f"replayed_{k}": v for k, v in replayed.items()})
    first, at = departed.departing(), departed.departed_at
    if first is not None and at is not None:
        later = replay.exchanges[at] if replay is not None and replay is not departed \
            and len(replay.exchanges) > at and replay.exchanges[at].kind == first.kind else None
        found["answers"] = [first.record(), *([later.record()] if later else [])]
    return message, found
