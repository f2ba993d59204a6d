"""Planted interface defects of the reference implementation, as ASGI middleware.

Each defect breaks exactly one behaviour of the HTTP surface without touching the area
modules that implement it, so the interfaces suite can prove that each of its requirements
catches the fault it is written for (suites/interfaces/known_bad.yaml).
"""

from __future__ import annotations

import asyncio
import re
import time

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .assets.registry import IDENTITY_PATH
from .problems import problem

DEFECTS: dict[str, str] = {
    "malformed-body-500": "a request body that is not JSON gets a 500 instead of a 4xx problem",
    "auth-sticky-token": "a request without a usable bearer token acts with the last token the server saw",
    "json-as-text": "JSON answers are served as text/plain",
    "json-charset-required": "JSON request bodies without a charset parameter are refused with 415",
    "path-escape-500": "an asset ID with a percent-encoded character gets a 500",
    "rate-limit-without-retry-after": "more than 10 requests a second get 429 without Retry-After",
    "rate-limit-retry-after-zoned": "more than 10 requests a second get 429 whose Retry-After is a date with a "
                                    "numeric zone, not an HTTP-date",
    "slow-under-load": "requests are served one at a time, each holding a lock for 40 ms",
    "errors-under-load": "each request is held 20 ms, then answered 503 when more than 2 others are in flight",
}
#: slow-under-load: how long each request holds the one lock (alone: 40 ms; with 16 clients
#: queued behind each other, some 16 times that)
SLOW_HOLD_S = 0.04
#: errors-under-load: how long each request is held (so that concurrent ones overlap) and how many
#: others may be in flight before it is refused
HELD_S = 0.02
ERRORS_BEYOND = 2
_UNDER_LOAD = frozenset({"slow-under-load", "errors-under-load"})
#: A date an e-mail date parser takes but RFC 9110's HTTP-date does not (a zone other than GMT).
ZONED_DATE = "Wed, 25 Nov 2026 20:00:00 +0800"
RATE_LIMIT_PER_S = 10

_BEARER = re.compile(rb"^Bearer [A-Za-z0-9._~+/-]+=*$")
_ASSET_PATH = re.compile(r"^/assets/[^/]*%")


async def _plain(send: Send, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": text.encode()})


class Faults:
    """Wraps the app and plants the interface defects named in ``defects``."""

    def __init__(self, app: ASGIApp, defects: frozenset[str]) -> None:
        self.app, self.defects = app, defects
        self.last_authorization: bytes | None = None
        self.window: list[float] = []
        self.in_flight = 0
        self.one_at_a_time = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self.defects & _UNDER_LOAD:
            await self._http(scope, receive, send)
            return
        self.in_flight += 1
        try:
            if "slow-under-load" in self.defects:
                async with self.one_at_a_time:
                    await asyncio.sleep(SLOW_HOLD_S)
            if "errors-under-load" in self.defects:
                await asyncio.sleep(HELD_S)
                if self.in_flight - 1 > ERRORS_BEYOND:
                    await _plain(send, 503, "Service Unavailable")
                    return
            await self._http(scope, receive, send)
        finally:
            self.in_flight -= 1

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", []))
        if "rate-limit-without-retry-after" in self.defects and self._over_rate():
            await problem(429, "Too Many Requests", "slow down", kind="too-many-requests")(scope, receive, send)
            return
        if "rate-limit-retry-after-zoned" in self.defects and self._over_rate():
            limited = problem(429, "Too Many Requests", "slow down", kind="too-many-requests")
            limited.headers["Retry-After"] = ZONED_DATE
            await limited(scope, receive, send)
            return
        if "path-escape-500" in self.defects and _ASSET_PATH.match(scope.get("raw_path", b"").decode("latin-1")):
            await _plain(send, 500, "Internal Server Error")
            return
        if "auth-sticky-token" in self.defects:
            scope = self._sticky(scope, headers)
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        # the test provisioning endpoint is the test environment's set-up (table D.3), not the API this defect
        # breaks: a refused provisioning leaves IF-ROB-002 inconclusive, never failing it
        if (scope["method"] == "POST" and "json-charset-required" in self.defects and scope["path"] != IDENTITY_PATH
                and content_type.startswith("application/json") and "charset" not in content_type):
            await _plain(send, 415, "Unsupported Media Type: say charset=utf-8")
            return
        if scope["method"] == "POST" and "malformed-body-500" in self.defects:
            replay = await self._guard_json(receive, send)
            if replay is None:
                return
            receive = replay
        if "json-as-text" in self.defects:
            send = self._as_text(send)
        await self.app(scope, receive, send)

    def _over_rate(self) -> bool:
        now = time.monotonic()
        self.window = [t for t in self.window if now - t < 1.0] + [now]
        return len(self.window) > RATE_LIMIT_PER_S

    def _sticky(self, scope: Scope, headers: dict[bytes, bytes]) -> Scope:
        given = headers.get(b"authorization")
        if given is not None and _BEARER.match(given):
            self.last_authorization = given
            return scope
        if self.last_authorization is None:
            return scope
        kept = [(k, v) for k, v in scope["headers"] if k != b"authorization"]
        return {**scope, "headers": [*kept, (b"authorization", self.last_authorization)]}

    async def _guard_json(self, receive: Receive, send: Send) -> Receive | None:
        """Reads the whole body; answers 500 when it is not JSON (None), else replays it."""
        chunks: list[bytes] = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        if body:
            try:
                orjson.loads(body)
            except orjson.JSONDecodeError:
                await _plain(send, 500, "Internal Server Error")
                return None
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay

    @staticmethod
    def _as_text(send: Send) -> Send:
        async def rewrite(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (k, b"text/plain; charset=utf-8" if k == b"content-type" and v.startswith(b"application/json")
                     else v) for k, v in message.get("headers", [])]
            await send(message)
        return rewrite
