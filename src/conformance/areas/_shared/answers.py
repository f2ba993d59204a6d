"""A request sent more than once, and what each send got.

A target may fail a connection before it answers (it closed a kept-alive connection after an
error, it restarted), and may answer the same request differently when it is sent again (its
state moved on). Checks that meet either judge what the target did rather than end in an error:

- an idempotent request (RFC 9110, 9.2.2) whose connection failed before an answer may be sent
  once more, on a new connection (:func:`sent_again_once`); a non-idempotent one may not;
- two answers are kept as a bounded :class:`Answer` each (status, media type, the body's start
  and digest), for a finding to show both.

What stops the run itself (its time budget spent, a target pre-flight found unreachable, the
run's OAuth credentials refused) is no answer of the target's: it stays TargetUnreachable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from conformance import Inconclusive, TargetUnreachable, msg

if TYPE_CHECKING:
    from conformance.area import JsonObject, Response

#: How much of an answer's body its evidence shows.
BODY_SHOWN = 200

#: RFC 9110, 9.2.2: the methods whose intended effect is the same however often they are sent.
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})

#: Templates of the http adapter's TargetUnreachable that stop the run, not one exchange.
_RUN_STOPPED = ("adapters.budget-spent", "adapters.preflight-", "adapters.oauth-")

T = TypeVar("T")


def exchange_failed(exc: TargetUnreachable) -> bool:
    """Whether ``exc`` is one exchange failing before an answer (a reset, a timeout: the target's
    doing), not the run stopping (see the module's docstring)."""
    key = getattr(exc.args[0], "key", "") if exc.args else ""
    return not key.startswith(_RUN_STOPPED)


def sent_again_once(send: Callable[[], T]) -> T:
    """``send()``, and once more when its connection failed before an answer: only for an
    idempotent request (RFC 9110, 9.2.2; the caller's to know). TargetUnreachable when the
    second send got no answer either, or when the run stopped."""
    try:
        return send()
    except TargetUnreachable as exc:
        if not exchange_failed(exc):
            raise
    return send()  # the adapter's pool dropped the failed connection: this one is new


@dataclass(frozen=True)
class Answer:
    """What one send of a request got: a status, or none (``status`` None, ``error`` says why)."""

    status: int | None
    media_type: str
    #: the body's start and digest only: many answers may be kept for a whole check
    body_start: bytes
    body_sha256: str
    problems: tuple[str, ...]
    error: str = ""

    @classmethod
    def of(cls, response: Response, problems: tuple[str, ...] = ()) -> Answer:
        """The answer an adapter's response carries, with what a check found wrong in it."""
        body = response.content
        return cls(response.status, response.media_type or "", body[:BODY_SHOWN + 1],
                   hashlib.sha256(body).hexdigest(), problems)

    @classmethod
    def none(cls, error: str, problems: tuple[str, ...] = ()) -> Answer:
        """No answer: the connection failed (``error``, the adapter's words)."""
        return cls(None, "", b"", "", problems, error)

    def same(self, other: Answer) -> bool:
        """Whether two answers to one request are the same as a check judges them: status, media
        type and findings (a body may carry what differs on every answer, a date or a request ID)."""
        return (self.status, self.media_type, self.problems) == (other.status, other.media_type, other.problems)

    def record(self) -> JsonObject:
        """The answer as evidence shows it."""
        if self.status is None:
            return {"status": None, "error": self.error}
        text = self.body_start[:BODY_SHOWN].decode("utf-8", "replace")
        return {"status": self.status, "media_type": self.media_type or None,
                "body": text + ("…" if len(self.body_start) > BODY_SHOWN else ""),
                "body_sha256": self.body_sha256, "problems": list(self.problems)}


#: Statuses of an answer refusing the run's credentials: such a route was reached but says
#: nothing of how it serves (the engine sets those answers aside, see Evidence.refused).
_REFUSED = (401, 403, 407)


def route_serves(known_good: Response) -> bool:
    """Whether ``known_good``, a route's answer to an input the profile knows it serves (a
    known DID, the discovery document), shows that route serving: a 2xx or 3xx, or an answer
    of the route's own (problem details, a resolution result; not a server's "no route" page,
    not a refusal of the credentials, not a 5xx). Where a specification says what a route must
    answer a bad input (DID Resolution's notFound and invalidDid, RFC 9457), a plain 404 or 400
    from a route that serves is the product's answer and is judged; only a route that answers
    nothing the profile knows leaves a test "nothing answers"."""
    status: int = known_good.status
    if status < 400:
        return True
    return status < 500 and status not in _REFUSED and not known_good.says_no_route


def require_route_serves(answers: Sequence[Response], known_good: Callable[[], Response]) -> None:
    """Nothing when none of ``answers`` (one route's, to bad inputs) says no route (a plain 404
    or 405), or when the route shows it serves: one of ``answers`` is its own (a 422, problem
    details), else ``known_good()`` (asked only then: the route's answer to an input it serves)
    is (:func:`route_serves`). Otherwise Inconclusive naming both requests: a plain 404 there
    cannot be told from a route that is not there."""
    plain = next((a for a in answers if a.says_no_route), None)
    if plain is None or any(route_serves(a) for a in answers):
        return
    known = known_good()
    if not route_serves(known):
        raise Inconclusive(msg("shared.route-not-serving", requested=plain.requested, status=plain.status,
                               known=known.requested, known_status=known.status))
