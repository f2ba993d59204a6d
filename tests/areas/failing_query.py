"""A fake product that fails exactly one query: the reference, except that the requests a
predicate picks are answered 500 (or another status). For the rule that an answer one
requirement judges makes no other requirement fail (issue 71 item 1)."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any
from urllib.parse import unquote

from conformance.reference import create_app
from conformance.reference.server import serve

#: (method, path, query string decoded) -> whether the request is the one that fails
Picks = Callable[[str, str, str], bool]


class Failing:
    """An ASGI app answering ``status`` with ``body`` (JSON) to what ``picks`` picks, ``app`` otherwise."""

    def __init__(self, app: Any, picks: Picks, status: int = 500, body: bytes = b'{"error": "internal error"}') -> None:
        self.app, self.picks, self.status, self.body = app, picks, status, body
        self.state = getattr(app, "state", None)  # its companions (an MQTT broker) start with it
        self.failed = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self.picks(scope["method"], scope["path"],
                                                  unquote(scope.get("query_string", b"").decode("latin-1"))):
            self.failed += 1
            await send({"type": "http.response.start", "status": self.status,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": self.body})
            return
        await self.app(scope, receive, send)


def serve_failing(picks: Picks, status: int = 500, defects: tuple[str, ...] = (),
                  body: bytes = b'{"error": "internal error"}') -> AbstractContextManager[str]:
    """Serve the reference (with ``defects``) answering ``status`` and ``body`` to what ``picks``
    picks; yields its base URL."""
    return serve(Failing(create_app(defects), picks, status, body))


def verdicts(result: Any, requirements: list[str]) -> dict[str, str]:
    return {r.requirement: r.verdict.value for r in result.report.requirements if r.requirement in requirements}


def reasons(result: Any, requirement: str) -> str:
    """The verdict's message and every note's text of one requirement, as one string to search."""
    found = next(r for r in result.report.requirements if r.requirement == requirement)
    return json.dumps(found.model_dump(mode="json"), ensure_ascii=False)
