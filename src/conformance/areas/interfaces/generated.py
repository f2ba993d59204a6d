"""Generated path parameters (IF-ROB-003): every value hypothesis draws is sent as a GET and
its answer judged against the contract.

hypothesis calls a test body many times and calls it again with the example it reports; when
the same input passes once and fails another time it raises FlakyFailure instead of a result.
A target can answer the same request differently (its state moved on; it closed a connection
after a 5xx), so what hypothesis sees for a request is decided by the request's first answer,
every later answer to it is judged as well, and two answers that differ are kept as evidence
(:attr:`PathProbe.differing`): the run's verdict comes from the target's answers, never from
hypothesis giving up. A connection that fails before an answer is opened again and the GET
sent once more, as RFC 9110, 9.2.2 allows for an idempotent method; no answer the second
time either is judged a break of the server (once it has answered this test at all). How
often that happened is not evidence: it depends on when the target's closing reached the harness,
which would make two runs' evidence differ. The re-send and the kept answers are
:mod:`conformance.areas._shared.answers`'s, which the assets area's state machines use too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import NonConformance, TargetUnreachable, msg
from conformance.area import REQUEST_TIME_LIMIT_S

from .._shared.answers import Answer, exchange_failed, sent_again_once
from .openapi import Contract, Operation
from .robustness import fill_path

if TYPE_CHECKING:
    from conformance import Evidence, HttpTarget


class Broken(AssertionError):
    """A generated value's (first) answer departs from the contract."""


class PathProbe:
    """The hypothesis test body for one operation: GET it with ``value`` as its path parameter."""

    def __init__(self, api: HttpTarget, contract: Contract, op: Operation, name: str, base_path: str, *,
                 answered: bool = False, template: str = "") -> None:
        """``answered``: whether the target answered this test before (another operation's probe); ``template``: the
        path the values go into, the one the platform's discovery document declares for ``op`` (default: the
        contract's); each answer is judged as ``op``'s, whichever path it was sent to."""
        self.api, self.contract, self.op, self.name, self.base_path = api, contract, op, name, base_path
        self.template = template
        self.first: dict[str, Answer] = {}
        #: (path, first answer, a later different one), once per path, in the order seen
        self.differing: list[tuple[str, Answer, Answer]] = []
        self.failing: list[str] = []
        self.answered = answered

    def check(self, value: str) -> None:
        """GET the operation with ``value`` (hypothesis's test body); Broken when the first answer
        to that request departs from the contract."""
        template = self.template or self.op.path
        path = fill_path(template, {self.name: value}) or template
        answer = self.send(path)
        first = self.first.setdefault(path, answer)
        if answer is not first and not answer.same(first) and all(p != path for p, _, _ in self.differing):
            self.differing.append((path, first, answer))
        if first.problems:
            self.failing.append(path)
            raise Broken(msg("interfaces.generated-broke", operation=self.op.operation_id, name=self.name,
                             value=repr(value), problem=first.problems[0]))

    def send(self, path: str) -> Answer:
        try:
            # a GET: idempotent; no answer is a problem of the value (a finding): the fixed limit, not the IXIT's
            response = sent_again_once(lambda: self.api.get(path, timeout_s=REQUEST_TIME_LIMIT_S))
        except TargetUnreachable as exc:
            # nothing answered yet: the target, not this value, is unreachable; or the run stopped
            if not self.answered or not exchange_failed(exc):
                raise
            return Answer.none(str(exc), (msg("interfaces.generated-no-answer", error=str(exc)),))
        self.answered = True
        problems: list[str] = [msg("shared.answered", status=response.status)] if response.status >= 500 else []
        try:
            problems += [f.message for f in self.contract.response_findings(response, self.base_path, self.op)]
        except NonConformance as exc:
            problems.append(exc.args[0])
        return Answer.of(response, tuple(problems))

    def judge_differing(self, evidence: Evidence) -> None:
        """Each request answered differently by two sends: a finding when either answer departs
        from the contract (the one hypothesis reported may be the other), else a note."""
        for path, first, later in self.differing:
            answers = [first.record(), later.record()]
            text = msg("interfaces.generated-answered-differently", operation=self.op.operation_id,
                       path=path, first=_summary(first), later=_summary(later))
            if first.problems or later.problems:
                evidence.finding(text, file=self.api.requested("GET", path), answers=answers,
                                 request={"method": "GET", "path": path, "body": None})
            else:
                evidence.note(text, answers=answers)


def _summary(answer: Answer) -> str:
    if answer.status is None:
        return msg("interfaces.generated-no-answer", error=answer.error)
    return f"{answer.status} {answer.media_type or '(none)'}"
