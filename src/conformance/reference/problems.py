"""RFC 9457 problem details, as the reference implementation answers errors."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

PROBLEM_TYPE_BASE = "https://metaverse-conformance.org/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

#: Defects of the error format.
DEFECTS: dict[str, str] = {
    "problem-without-status": "error bodies omit the RFC 9457 'status' member",
    "problem-plain-json": "error bodies are served as application/json, not application/problem+json",
    "problem-status-mismatch": "the 'status' member of error bodies says 200, whatever the HTTP status",
}


def problem(status: int, title: str, detail: str | None = None, *, kind: str | None = None,
            defects: frozenset[str] = frozenset(), **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + (kind or title.lower().replace(" ", "-")),
        "title": title,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    if "problem-without-status" in defects:
        body.pop("status")
    if "problem-status-mismatch" in defects:
        body["status"] = 200
    media_type = "application/json" if "problem-plain-json" in defects else PROBLEM_MEDIA_TYPE
    return JSONResponse(body, status_code=status, media_type=media_type)


class Refused(Exception):
    """A request the reference refuses: the status, title and detail of its problem."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail = status, title, detail


async def json_object(request: Request) -> dict[str, Any]:
    """The request body as a JSON object, or Refused (400)."""
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "Invalid Request", "the request body is not JSON") from None
    if not isinstance(body, dict):
        raise Refused(400, "Invalid Request", "the request body must be a JSON object")
    return body
