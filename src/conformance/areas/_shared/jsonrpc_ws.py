"""JSON-RPC 2.0 over a WebSocket (RFC 6455), the binding annex D gives a platform's sessions and a
terminal's runtime test interface: the URL of a path on a target's origin, a request's text, and
one connection that asks a list of requests in turn and keeps every answer (a dialogue).

A connection that cannot be opened, breaks, or leaves a request unanswered within the timeout is
recorded in the dialogue (``failure``), never raised: what a product answers is judged."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

import orjson

if TYPE_CHECKING:
    from conformance.area import JsonObject

SUBPROTOCOL = "jsonrpc-2.0"
#: the largest message read, 5.1's reading bound 「会话消息的大小」 (sixty-ninth reading, part h133-ws): an answer of
#: the largest runtime answer, TD-BODY-004's 70 body joint locations, is under 24 KiB, a session's snapshot of 33
#: participants (the load measurement's 32 and 1 late joiner), each with a voice frame, under 44 KiB
MAX_MESSAGE_BYTES = 262_144
#: RFC 6455's close code (7.4.1) the test equipment sends when a message is over ``MAX_MESSAGE_BYTES``
MESSAGE_TOO_BIG = 1009


def over_bound(exc: BaseException) -> bool:
    """Whether ``exc`` is the connection the test equipment closed for a message over ``MAX_MESSAGE_BYTES``: the close
    code 1009 it sent, or the library's own ``PayloadTooBig`` in its cause. Past the bound the input is not judged."""
    seen: BaseException | None = exc
    while seen is not None:
        sent = getattr(seen, "sent", None)
        if getattr(sent, "code", None) == MESSAGE_TOO_BIG or type(seen).__name__ == "PayloadTooBig":
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def ws_url(base_url: str, path: str, **values: str) -> str:
    """The ws(s) URL of ``path`` (its ``{name}`` placeholders filled, escaped) on the target's base
    URL, its scheme made ws or wss."""
    for name, value in values.items():
        path = path.replace("{" + name + "}", quote(value, safe=""))
    scheme, rest = base_url.rstrip("/").split("://", 1)
    return f"{'wss' if scheme == 'https' else 'ws'}://{rest}{path}"


def request(method: str, params: JsonObject, request_id: int | None = None) -> str:
    """A JSON-RPC 2.0 request's text (a notification without ``request_id``)."""
    message: JsonObject = {"jsonrpc": "2.0", "method": method, "params": params}
    if request_id is not None:
        message["id"] = request_id
    return orjson.dumps(message).decode()


@dataclass(frozen=True)
class Exchange:
    """One request and its answer: the answer's ``result`` or ``error`` object (None: no answer),
    and when it was sent and answered (ns, the harness's monotonic clock)."""

    method: str
    params: JsonObject
    result: JsonObject | None
    error: JsonObject | None
    sent_ns: int
    answered_ns: int | None


@dataclass
class Dialogue:
    url: str
    exchanges: list[Exchange] = field(default_factory=list)
    failure: str | None = None
    #: the connection was closed for a message over ``MAX_MESSAGE_BYTES`` (5.1's bound): the dialogue is unjudged
    over_bound: bool = False

    def answered(self, method: str) -> list[Exchange]:
        return [e for e in self.exchanges if e.method == method]


#: the next request to ask, given the dialogue so far (None: the dialogue is over)
Plan = Callable[[Dialogue], "tuple[str, JsonObject] | None"]


def in_turn(calls: Sequence[tuple[str, JsonObject]]) -> Plan:
    """A plan asking ``calls`` in turn, whatever they are answered."""
    return lambda dialogue: calls[len(dialogue.exchanges)] if len(dialogue.exchanges) < len(calls) else None


async def _ask(url: str, plan: Plan, tls: ssl.SSLContext | None, timeout_s: float, dialogue: Dialogue,
               most: int) -> None:
    from websockets.asyncio.client import connect  # the reference extra's dependency: loaded when one is driven
    from websockets.typing import Subprotocol

    async with connect(url, ssl=tls, subprotocols=[Subprotocol(SUBPROTOCOL)], max_size=MAX_MESSAGE_BYTES,
                       open_timeout=timeout_s, close_timeout=1, ping_interval=None, compression=None) as ws:
        for number in range(1, most + 1):
            call = plan(dialogue)
            if call is None:
                return
            method, params = call
            sent = time.monotonic_ns()
            await ws.send(request(method, params, number))
            answer: object = None
            while True:  # notifications and stale answers are skipped: only this request's id answers it
                raw = await asyncio.wait_for(ws.recv(), timeout_s)
                try:
                    answer = orjson.loads(raw)
                except orjson.JSONDecodeError:
                    continue
                if isinstance(answer, dict) and answer.get("id") == number:
                    break
            assert isinstance(answer, dict)
            result, error = answer.get("result"), answer.get("error")
            dialogue.exchanges.append(Exchange(method, params, result if isinstance(result, dict) else None,
                                               error if isinstance(error, dict) else None, sent, time.monotonic_ns()))


def ask(url: str, plan: Plan, tls: ssl.SSLContext | None = None, timeout_s: float = 10.0,
        most: int = 1_000) -> Dialogue:
    """Ask the requests ``plan`` names (at most ``most``) in turn on one connection to ``url``; the
    dialogue holds each answered one, and the reason it stopped early, if it did."""
    from websockets.exceptions import WebSocketException

    dialogue = Dialogue(url)
    try:
        asyncio.run(_ask(url, plan, tls, timeout_s, dialogue, most))
    except (OSError, TimeoutError, WebSocketException, ssl.SSLError) as exc:
        dialogue.failure = f"{type(exc).__name__}: {str(exc)[:300]}"
        dialogue.over_bound = over_bound(exc)
    return dialogue
