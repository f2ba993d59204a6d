"""JSON-RPC 2.0 over a WebSocket, as the reference's two bindings of annex D speak it (the
shared-space sessions and the terminal's runtime test interface): reading the next request, and
the answers (JSON-RPC 2.0, sections 4 and 5)."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.websockets import WebSocket


def error(request_id: object, code: int, message: str) -> str:
    return orjson.dumps({"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}}).decode()


def result(request_id: object, value: object) -> str:
    return orjson.dumps({"jsonrpc": "2.0", "id": request_id, "result": value}).decode()


async def next_request(websocket: WebSocket, max_bytes: int) -> dict[str, Any] | None:
    """The next request on ``websocket``: a message that is not JSON (-32700) or not a request
    (-32600) is answered with its error and passed over; None once a message over ``max_bytes``
    closed the socket (1009, message too big)."""
    while True:
        text = await websocket.receive_text()
        if len(text) > max_bytes:
            await websocket.close(code=1009)
            return None
        try:
            message = orjson.loads(text)
        except orjson.JSONDecodeError:
            await websocket.send_text(error(None, -32700, "not JSON"))
            continue
        if isinstance(message, dict) and message.get("jsonrpc") == "2.0" and isinstance(message.get("method"), str):
            return message
        await websocket.send_text(error(None, -32600, "not a JSON-RPC 2.0 request"))
