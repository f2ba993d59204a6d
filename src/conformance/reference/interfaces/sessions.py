"""Multi-user sessions in a shared space (IF-SES-001..005), the binding annex D of the specification defines.

``GET /sessions/{space}`` upgraded to a WebSocket (RFC 6455) carries JSON-RPC 2.0 messages,
one a text frame (schemas/interfaces/session-message.json): ``session.join`` (a request with
the participant's bearer token and avatar, answered with its participant ID and the space's
state), ``session.publish`` (a notification: the participant's state, numbered by ``seq``: a pose, its
voice (activity, and a frame of G.711 audio where it speaks) and its avatar),
relayed to every other participant as ``session.state`` with ``from``, and
``session.snapshot`` (a request, answered with the state the space holds of each
participant: its last published one). A plain GET is answered 426 Upgrade Required.

A state may carry a chat message (``chat``: its text, and ``to``: one participant's ID), relayed
with it; the space keeps what was said so a report naming it is judged on it, and relays no chat
of a user a sanction silences (IF-CODE-010, harassment.py).

``POST /blocks`` (``{"did": ...}`` with the blocker's bearer token) blocks a user (IF-CODE-009):
from then on nothing of the blocked user reaches the blocker in any space: not its states, not
its arrival, not its place in a snapshot.

Each participant's outgoing messages go through a queue of its own, written by one task, so a
slow reader delays only itself and the per-sender order is the order of arrival.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from .. import clock as reference_clock, jsonrpc
from ..jsonrpc import next_request
from ..problems import problem
from . import harassment
from .standing import Community

DEFECTS = {
    "session-drops-updates": "every fifth state update a participant publishes is not relayed to the others",
    "session-reorders-updates": "each sender's update 1 is held and relayed after its update 2",
    "session-delays-updates": "every relayed update waits 1 s before it is sent",
    "session-snapshot-diverges": "the space's state keeps each participant's first published state, not its last",
    "session-join-refused": "session.join is refused for every token (the space takes nobody)",
    "session-pose-as-object": "a relayed pose's position is an object {x, y, z}, not the schema's array of three numbers",
    "session-voice-silenced": "a relayed state's voice frame is replaced by as much G.711 silence (the speaker muted)",
    "block-refused": "POST /blocks is answered 404: a user cannot block another",
    "block-answered-200": "POST /blocks puts the block in force but answers 200, not the contract's 201",
    "block-updates-relayed": "a blocked user's states are still relayed to the user who blocked it",
    "block-presence-announced": "a blocked user's arrival in a space is still announced to the user who blocked it",
    "block-snapshot-shows": "a snapshot still gives the user who blocked another the blocked user's state",
}
JOIN_PATH = "/sessions/{space}"
BLOCKS_PATH = "/blocks"
#: What the discovery document declares (``sessions``): the join path and the most participants a space takes.
TERMS: dict[str, Any] = {"join": JOIN_PATH, "max_participants": 64, "subprotocol": "jsonrpc-2.0"}
MAX_MESSAGE_BYTES = 16_384
MAX_SPACES = 1_000
DELAY_S = 1.0
#: how long a held (reordered) update waits for its sender's next one before it is sent alone
HOLD_S = 0.2


@dataclass
class Participant:
    id: str
    socket: WebSocket
    did: str = ""
    outbox: asyncio.Queue[tuple[float, str]] = field(default_factory=asyncio.Queue)
    first: dict[str, Any] | None = None
    last: dict[str, Any] | None = None
    held: dict[str, Any] | None = None


@dataclass
class Space:
    participants: dict[str, Participant] = field(default_factory=dict)


def _frame(method: str, params: dict[str, Any]) -> str:
    return orjson.dumps({"jsonrpc": "2.0", "method": method, "params": params}).decode()


def routes(defects: frozenset[str], tokens: dict[str, str], blocked: dict[str, set[str]] | None = None,
           community: Community | None = None) -> list[BaseRoute]:
    """``tokens`` (bearer token -> DID) are the registry's, filled by ``/test-identities``;
    ``blocked`` (blocker DID -> the DIDs it blocked, IF-CODE-009) is shared with the online
    community's direct messages (reference/interfaces/community.py); ``community`` keeps what
    users say in the spaces and the sanctions that silence them (IF-CODE-010)."""
    spaces: dict[str, Space] = {}
    blocked = {} if blocked is None else blocked
    chats = community.chats if community is not None else harassment.Chats()

    def said(space_id: str, sender: Participant, update: dict[str, Any]) -> dict[str, Any]:
        """Keeps a chat message the update carries; the update as relayed: without it while a
        sanction silences its sender (IF-CODE-010)."""
        chat = update.get("chat")
        if not isinstance(chat, dict):
            return update
        chats.record(space_id, sender.id, update["seq"], sender.did, chat)
        if community is not None and harassment.silenced(community.enforce, sender.did, defects):
            return {k: v for k, v in update.items() if k != "chat"}
        return update

    def hidden(sender: Participant, recipient: Participant, defect: str) -> bool:
        """Whether ``recipient`` blocked ``sender``: nothing of the sender then reaches it."""
        return defect not in defects and sender.did in blocked.get(recipient.did, ())

    def state_of(p: Participant) -> dict[str, Any] | None:
        return p.first if "session-snapshot-diverges" in defects else p.last

    def snapshot(space: Space, viewer: Participant) -> dict[str, Any]:
        return {pid: state for pid, p in space.participants.items()
                if (state := state_of(p)) is not None and not hidden(p, viewer, "block-snapshot-shows")}

    def relay(space: Space, sender: Participant, update: dict[str, Any]) -> None:
        due = time.monotonic() + (DELAY_S if "session-delays-updates" in defects else 0.0)
        relayed = update
        if "session-pose-as-object" in defects:
            x, y, z = update["pose"]["position"]
            relayed = {**update, "pose": {**update["pose"], "position": {"x": x, "y": y, "z": z}}}
        audio = update["voice"].get("audio")
        if "session-voice-silenced" in defects and isinstance(audio, dict) and isinstance(audio.get("data"), str):
            silence = base64.b64encode(b"\xff" * (len(audio["data"]) * 3 // 4)).decode()  # mu-law's zero level
            relayed = {**relayed, "voice": {**update["voice"], "audio": {**audio, "data": silence}}}
        frame = _frame("session.state", {"from": sender.id, **relayed})
        for other in list(space.participants.values()):
            if other is not sender and not hidden(sender, other, "block-updates-relayed"):
                other.outbox.put_nowait((due, frame))

    async def flush_held(space: Space, sender: Participant, seq: int) -> None:
        await asyncio.sleep(HOLD_S)
        if sender.held is not None and sender.held["seq"] == seq:
            held, sender.held = sender.held, None
            relay(space, sender, held)

    def published(space: Space, sender: Participant, update: dict[str, Any]) -> None:
        if sender.first is None:
            sender.first = update
        sender.last = update
        seq = update["seq"]
        if "session-drops-updates" in defects and seq % 5 == 4:
            return
        if "session-reorders-updates" in defects:
            if sender.held is None and seq == 1:
                sender.held = update
                asyncio.get_running_loop().create_task(flush_held(space, sender, seq))
                return
            relay(space, sender, update)
            if sender.held is not None:
                held, sender.held = sender.held, None
                relay(space, sender, held)
            return
        relay(space, sender, update)

    async def writer(p: Participant) -> None:
        while True:
            due, frame = await p.outbox.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            await p.socket.send_text(frame)

    async def session(websocket: WebSocket) -> None:
        space_id = websocket.path_params["space"]
        if space_id not in spaces and len(spaces) >= MAX_SPACES:
            await websocket.close(code=1013)  # try again later
            return
        offered = websocket.headers.get("sec-websocket-protocol", "")
        subprotocol = TERMS["subprotocol"] if TERMS["subprotocol"] in [s.strip() for s in offered.split(",")] else None
        await websocket.accept(subprotocol=subprotocol)
        space = spaces.setdefault(space_id, Space())
        me: Participant | None = None
        task: asyncio.Task[None] | None = None
        try:
            while (message := await next_request(websocket, MAX_MESSAGE_BYTES)) is not None:
                method, params, request_id = message.get("method"), message.get("params"), message.get("id")
                params = params if isinstance(params, dict) else {}
                if method == "session.join" and me is None:
                    if tokens.get(str(params.get("token"))) is None or "session-join-refused" in defects:
                        await websocket.send_text(jsonrpc.error(request_id, -32001, "unknown bearer token"))
                        continue
                    if len(space.participants) >= TERMS["max_participants"]:
                        await websocket.send_text(jsonrpc.error(request_id, -32002, "the space is full"))
                        continue
                    me = Participant(f"p-{secrets.token_hex(6)}", websocket, tokens[str(params.get("token"))])
                    chats.joined(space_id, me.id, me.did)
                    avatar = params.get("avatar")
                    task = asyncio.get_running_loop().create_task(writer(me))
                    for other in space.participants.values():
                        if not hidden(me, other, "block-presence-announced"):
                            other.outbox.put_nowait((0.0, _frame("session.joined", {"participant": me.id,
                                                                                     "avatar": avatar})))
                    space.participants[me.id] = me
                    me.outbox.put_nowait((0.0, jsonrpc.result(request_id, {"participant": me.id,
                                                                    "state": snapshot(space, me)})))
                elif method == "session.publish" and me is not None:
                    update = _update(params)
                    if update is None:
                        continue  # a notification gets no answer (JSON-RPC 2.0, 4.1)
                    published(space, me, said(space_id, me, update))
                elif method == "session.snapshot" and me is not None:
                    me.outbox.put_nowait((0.0, jsonrpc.result(request_id, {"state": snapshot(space, me)})))
                elif request_id is not None:
                    await websocket.send_text(jsonrpc.error(request_id, -32601, f"no method {method!r} here"))
        except WebSocketDisconnect:
            pass
        finally:
            if me is not None:
                space.participants.pop(me.id, None)
                for other in space.participants.values():
                    if not hidden(me, other, "block-presence-announced"):
                        other.outbox.put_nowait((0.0, _frame("session.left", {"participant": me.id})))
            if not space.participants:
                spaces.pop(space_id, None)
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    async def upgrade_required(request: Request) -> Response:
        response = problem(426, "Upgrade Required", "a session is a WebSocket: ask with Upgrade: websocket",
                           kind="upgrade-required", defects=defects)
        response.headers["Upgrade"] = "websocket"
        response.headers["Connection"] = "Upgrade"
        return response

    async def block(request: Request) -> Response:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        blocker = tokens.get(token) if scheme.lower() == "bearer" else None
        if "block-refused" in defects:
            return problem(404, "Not Found", f"no route for {request.url.path}", kind="not-found", defects=defects)
        if blocker is None:
            response = problem(401, "Unauthorized", "a bearer token of the user who blocks is required",
                               kind="unauthenticated", defects=defects)
            response.headers["WWW-Authenticate"] = 'Bearer realm="blocks"'
            return response
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            body = None
        did = body.get("did") if isinstance(body, dict) else None
        if not isinstance(did, str) or not did.startswith("did:") or len(did) > 2048 or did == blocker:
            return problem(400, "Bad Request", 'the body is {"did": <the DID of another user to block>}',
                           kind="invalid-block", defects=defects)
        blocked.setdefault(blocker, set()).add(did)
        at = reference_clock.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        return JSONResponse({"blocker": blocker, "blocked": did, "at": at},
                            status_code=200 if "block-answered-200" in defects else 201)

    return [WebSocketRoute(JOIN_PATH, session), Route(JOIN_PATH, upgrade_required),
            Route(BLOCKS_PATH, block, methods=["POST"])]


def _numbers(value: object, count: int) -> bool:
    return (isinstance(value, list) and len(value) == count
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value))


def _update(params: dict[str, Any]) -> dict[str, Any] | None:
    """The state a publish carries (seq, pose, voice, avatar), or None when it is not one."""
    seq, pose, voice = params.get("seq"), params.get("pose"), params.get("voice")
    if not isinstance(seq, int) or isinstance(seq, bool) or not isinstance(pose, dict) or not isinstance(voice, dict):
        return None
    if not _numbers(pose.get("position"), 3) or not _numbers(pose.get("orientation"), 4):
        return None
    update = {"seq": seq, "pose": pose, "voice": voice}
    if isinstance(params.get("avatar"), dict):
        update["avatar"] = params["avatar"]
    chat = harassment.chat_of(params)
    if chat is not None:
        update["chat"] = chat
    return update
