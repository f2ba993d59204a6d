"""Harassment between users in a shared space, reported by its target (IF-CODE-010): the
harness's three participants and what they heard.

Three test users share a space over annex D's session binding (:mod:`.sessions`): the target
(T), the harasser (H) and a bystander (C). In the first round H says to T a chat message
carrying annex D's marker of violating test content in the category harassment,
and C says to T a harmless one (the control of the report: the same report naming a message
that harasses nobody). Between the rounds, with the space still open, the test files T's
reports and reads their outcomes (``between``, run off the loop: plain HTTP). In the second
round H and C each say a harmless message to the whole space: whether H's still reaches T and
C is what the sanction in force shows (C's reaching T is the control that the space still
relays). The record is judged afterwards, by the test.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import orjson

from conformance.area import REQUEST_TIME_LIMIT_S

from .._shared.jsonrpc_ws import MAX_MESSAGE_BYTES, SUBPROTOCOL, over_bound
from .sessions import _rpc, state_for

if TYPE_CHECKING:
    from conformance.area import JsonObject
    from websockets.asyncio.client import ClientConnection

#: The participants by index, and how many rounds each speaks in (seq 0, then seq 1).
TARGET, HARASSER, BYSTANDER = 0, 1, 2
ROUNDS = 2
#: What the harasser says first: the annex's marker of violating test content, category harassment.
MARKER = "METAVERSE-CONFORMANCE-VIOLATING-TEST-CONTENT"
HARASSMENT = f"{MARKER}:harassment (a conformance test's planted harassment of another user)"
HARMLESS = "Hello from a conformance test participant."


@dataclass
class Heard:
    """What each participant was told: recipient -> {(sender, seq): the chat it carried, or None
    when the state arrived without one}; the participants' IDs; what went wrong."""

    ids: list[str | None] = field(default_factory=lambda: [None, None, None])
    told: dict[int, dict[tuple[int, int], str | None]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    #: every message the platform sent, as text (the session schema is IF-SES-001's to judge)
    messages: list[str] = field(default_factory=list)
    #: a connection the test equipment closed for a message over 5.1's bound 「会话消息的大小」: the scene is unjudged
    over_bound: bool = False

    def chat(self, recipient: int, sender: int, seq: int) -> str | None:
        """The chat text ``recipient`` was given with ``sender``'s state ``seq`` (None: none)."""
        return self.told.get(recipient, {}).get((sender, seq))

    def reached(self, recipient: int, sender: int, seq: int) -> bool:
        """Whether ``sender``'s state ``seq`` reached ``recipient`` at all."""
        return (sender, seq) in self.told.get(recipient, {})


def said(index: int, seq: int, ids: Sequence[str | None]) -> JsonObject:
    """The state participant ``index`` publishes in round ``seq``, with its chat message."""
    state: JsonObject = {"seq": seq, **state_for(index, seq)}
    if seq == 0 and index == HARASSER:
        state["chat"] = {"text": HARASSMENT, "to": ids[TARGET]}
    elif seq == 0 and index == BYSTANDER:
        state["chat"] = {"text": HARMLESS, "to": ids[TARGET]}
    elif index != TARGET:
        state["chat"] = {"text": HARMLESS}
    return state


async def _scene(url: str, tokens: Sequence[str], between: Callable[[Heard], None], tls: ssl.SSLContext | None,
                 timeout_s: float, settle_s: float) -> Heard:
    from websockets.asyncio.client import connect  # the reference extra's dependency: loaded when a session runs
    from websockets.typing import Subprotocol

    heard = Heard()
    index_of: dict[str, int] = {}
    answers: dict[int, asyncio.Future[JsonObject]] = {}
    arrived = asyncio.Event()

    async def reader(i: int, ws: ClientConnection) -> None:
        heard.told[i] = {}
        async for raw in ws:
            text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
            heard.messages.append(text)
            with contextlib.suppress(orjson.JSONDecodeError):
                message = orjson.loads(text)
                answered = message.get("id") if isinstance(message, dict) else None
                if isinstance(answered, int) and answered in answers and not answers[answered].done():
                    answers[answered].set_result(message)
                    continue
                params = message.get("params") if isinstance(message, dict) else None
                if message.get("method") != "session.state" or not isinstance(params, dict):
                    continue
                sender, seq = index_of.get(str(params.get("from"))), params.get("seq")
                if sender is None or not isinstance(seq, int):
                    continue
                chat = params.get("chat")
                heard.told[i][(sender, seq)] = str(chat.get("text")) if isinstance(chat, dict) else None
                arrived.set()

    async def ask(ws: ClientConnection, request_id: int, method: str, params: JsonObject) -> JsonObject:
        answers[request_id] = asyncio.get_running_loop().create_future()
        await ws.send(_rpc(method, params, request_id))
        return await asyncio.wait_for(answers[request_id], timeout_s)

    async def settled(waits: list[tuple[int, int, int]]) -> None:
        """Until each (recipient, sender, seq) has arrived, or ``settle_s``."""
        async def every() -> None:
            while not all(heard.reached(*w) for w in waits):
                arrived.clear()
                await arrived.wait()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(every(), settle_s)

    sockets: list[ClientConnection] = []
    readers: list[asyncio.Task[None]] = []
    try:
        for i in range(3):
            ws = await connect(url, ssl=tls, subprotocols=[Subprotocol(SUBPROTOCOL)], max_size=MAX_MESSAGE_BYTES,
                               open_timeout=timeout_s, close_timeout=1, ping_interval=None, compression=None)
            sockets.append(ws)
            readers.append(asyncio.create_task(reader(i, ws)))
            answer = await ask(ws, 1_000 + i, "session.join", {"token": tokens[i], "avatar": state_for(i, 0)["avatar"]})
            result = answer.get("result") if isinstance(answer, dict) else None
            pid = result.get("participant") if isinstance(result, dict) else None
            if not isinstance(pid, str):
                heard.failures.append(f"participant {i}: {orjson.dumps(answer).decode()[:300]}")
                return heard
            heard.ids[i] = pid
            index_of[pid] = i
        for seq in range(ROUNDS):
            for i, ws in enumerate(sockets):
                await ws.send(_rpc("session.publish", said(i, seq, heard.ids)))
            # the round is over when H's and C's states reached T and each other (or settle_s)
            await settled([(TARGET, HARASSER, seq), (TARGET, BYSTANDER, seq), (BYSTANDER, HARASSER, seq)])
            if seq == 0:
                await asyncio.to_thread(between, heard)
    finally:
        await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
        for task in readers:
            task.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
    return heard


def run(url: str, tokens: Sequence[str], between: Callable[[Heard], None], tls: ssl.SSLContext | None,
        timeout_s: float = REQUEST_TIME_LIMIT_S, settle_s: float = 1.0) -> Heard:
    """The scene in the space at ``url`` (three tokens: T, H, C); a session that could not be
    opened or was broken off is a failure in the record, never an exception."""
    from websockets.exceptions import WebSocketException

    try:
        return asyncio.run(_scene(url, tokens, between, tls, timeout_s, settle_s))
    except (OSError, TimeoutError, WebSocketException, ssl.SSLError) as exc:
        heard = Heard(over_bound=over_bound(exc))
        heard.failures.append(f"{url}: {type(exc).__name__}: {str(exc)[:300]}")
        return heard
