"""The reference's removal of content and appeals against it (IF-CODE-007).

A report's outcome that imposes ``removal`` (reporting.py) removes its subject, when the
subject is content the registry holds: ``GET /assets/{id}`` and its files answer 410 with an
RFC 9457 problem of type ``.../problems/content-removed`` whose extension members name the
sanction, the report and the published rule; ``GET /assets`` no longer lists it; the author's
standing (``GET /identities/{did}/standing``) lists the removal with its subject, which is how
the author learns of it; and the author may appeal within the window the code of conduct
declares (``appeals``): ``POST /appeals`` with ``{"report_id", "statement"}``, sent as the
author, answers 201 with the appeal's ID; anyone else is refused (403). Planted defects bend
one rule each.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..assets.ledger import Refused

DEFECTS: dict[str, str] = {
    "removal-content-still-served": "content a report's outcome removed is still served at GET /assets/{id}",
    "removal-still-listed": "content a report's outcome removed is still listed at GET /assets",
    "removal-listing-fails": "an author's listing at GET /assets answers 500 once a report's outcome removed an item"
                             " of it",
    "removal-cites-no-rule": "the removal notice at the content's URL names no published rule",
    "removal-author-not-notified": "the author's standing does not list the removal of its content",
    "removal-appeal-refused": "an appeal by the author of removed content is refused",
    "removal-appeal-200": "an author's appeal is acknowledged 200, not the 201 annex D gives for an appeal filed",
}
APPEALS_PATH = "/appeals"
#: What the code of conduct declares about appeals (GET /conduct-rules, member ``appeals``).
APPEALS: dict[str, Any] = {"endpoint": APPEALS_PATH, "window_s": 14 * 24 * 3600}


class Removed(Refused):
    """A request for content a report's outcome removed."""

    def __init__(self, asset_id: str, record: dict[str, Any], defects: frozenset[str]) -> None:
        super().__init__(410, "content-removed", f"{asset_id} was removed by the decision on report "
                                                 f"{record['report_id']}")
        self.extra: dict[str, Any] = {"sanction": "removal", "report_id": record["report_id"]}
        if "removal-cites-no-rule" not in defects:
            self.extra["rule"] = record["rule"]


def routes(authenticate: Callable[[Request], str], body: Callable[[Request], Awaitable[Any]],
           refused: Callable[[Refused], Response], author_of_report: Callable[[str], str | None],
           defects: frozenset[str]) -> list[Route]:
    """``POST /appeals``; ``author_of_report(report_id)``: the author of the content a report's
    outcome removed (None: the report removed nothing)."""
    appeals: dict[str, dict[str, Any]] = {}

    async def appeal(request: Request) -> Response:
        try:
            did = authenticate(request)
            asked = await body(request)
            report_id = asked.get("report_id") if isinstance(asked, dict) else None
            if not isinstance(report_id, str) or not isinstance(asked.get("statement", ""), str):
                raise Refused(400, "bad-request", 'the body must be {"report_id": "...", "statement": "..."}')
            author = author_of_report(report_id)
            if author is None:
                raise Refused(404, "report-not-found", "no removal decided on that report")
            if author != did or "removal-appeal-refused" in defects:
                raise Refused(403, "not-the-author", "only the author of the removed content may appeal")
        except Refused as exc:
            return refused(exc)
        appeal_id = f"appeal-{len(appeals) + 1:06d}-{secrets.token_hex(3)}"
        appeals[appeal_id] = {"appeal_id": appeal_id, "report_id": report_id, "status": "received"}
        return JSONResponse(appeals[appeal_id], status_code=200 if "removal-appeal-200" in defects else 201)

    return [Route(APPEALS_PATH, appeal, methods=["POST"])]
