"""RFC 9457 problem details, as the reference implementation answers errors."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

PROBLEM_TYPE_BASE = "https://metaverse-conformance.org/problems/"


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
    return JSONResponse(body, status_code=status, media_type="application/problem+json")
