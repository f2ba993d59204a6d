"""Reference routes of misconduct reporting: a report, its acknowledgement, its outcome.

``POST /reports`` files a report about a subject (an asset ID, a DID, a scene) and answers
201 with the acknowledgement: the report's ID, when it was received and by when it will be
answered (``respond_by``, within the limit the discovery document declares in
``reporting.response_time_s``). ``GET /reports/{report_id}`` shows where it stands; the
reference's moderation decides at once, so the outcome (decision, time, the rule applied)
is there on the first read. Planted defects (``DEFECTS``) bend single rules.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..problems import problem

DEFECTS: dict[str, str] = {
    "report-no-acknowledgement": "POST /reports answers 201 without the report's ID and respond_by",
    "report-deadline-beyond-limit": "a report's respond_by is later than the declared response time allows",
    "report-outcome-late": "a report's outcome is decided after its respond_by",
    "report-lost": "GET /reports/{id} answers 404 for a report that was acknowledged",
}
#: What the discovery document declares (member ``reporting``).
TERMS: dict[str, Any] = {
    "endpoint": "/reports",
    "response_time_s": 24 * 3600,
    "categories": ["harassment", "fraud", "illegal-content", "minor-safety", "other"],
    "rules": "https://metaverse-conformance.org/reference/community-rules",
}


def _time(value: datetime) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def routes(defects: frozenset[str]) -> list[Route]:
    reports: dict[str, dict[str, Any]] = {}

    async def file(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = None
        if not (isinstance(body, dict) and isinstance(body.get("subject"), str) and body["subject"]
                and body.get("category") in TERMS["categories"]):
            return problem(400, "Bad Request", 'the body must be {"subject": "<what is reported>", "category": '
                           f'one of {TERMS["categories"]}, "description": "..."}}', kind="bad-request",
                           defects=defects)
        received = datetime.now(UTC)
        limit = TERMS["response_time_s"] * (2 if "report-deadline-beyond-limit" in defects else 1)
        respond_by = received + timedelta(seconds=limit)
        decided = respond_by + timedelta(hours=1) if "report-outcome-late" in defects else received
        report_id = f"rep-{len(reports) + 1:06d}-{secrets.token_hex(3)}"
        ack = {"report_id": report_id, "status": "received", "received_at": _time(received),
               "respond_by": _time(respond_by)}
        reports[report_id] = {**ack, "subject": body["subject"], "category": body["category"], "status": "decided",
                              "outcome": {"decision": "no-action", "decided_at": _time(decided),
                                          "rule": TERMS["rules"] + "#" + body["category"]}}
        if "report-no-acknowledgement" in defects:
            ack = {"status": "received"}
        return JSONResponse(ack, status_code=201, headers={"Location": f"/reports/{report_id}"})

    async def show(request: Request) -> Response:
        report = reports.get(request.path_params["report_id"])
        if report is None or "report-lost" in defects:
            return problem(404, "Not Found", "no such report", kind="report-not-found", defects=defects)
        return JSONResponse(report)

    return [Route("/reports", file, methods=["POST"]), Route("/reports/{report_id}", show)]
