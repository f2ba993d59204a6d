"""Reference routes of misconduct reporting: a report, its acknowledgement, its outcome.

``POST /reports`` files a report about a subject (an asset ID, a DID, a scene) and answers
201 with the acknowledgement: the report's ID, when it was received and by when it will be
answered (``respond_by``, within the limit the discovery document declares in
``reporting.response_time_s``). ``GET /reports/{report_id}`` shows where it stands; the
reference's moderation decides at once, so the outcome (decision, time, the rule applied)
is there on the first read. ``GET /conduct-rules`` publishes the code of conduct reports are
judged by (:data:`CONDUCT`): each rule's ID, the report category it belongs to, its words
and the sanctions it carries; a report's category is one of the published rules' categories
and its outcome cites the rule applied by ID. Planted defects (``DEFECTS``) bend single rules.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import clock as reference_clock
from ..assets.registry import DID
from ..problems import problem
from . import harassment
from .moderation import DECLARED as SANCTIONS
from .screening import MARKER
from .removal import APPEALS
from .standing import STANDING_PATH, Community

DEFECTS: dict[str, str] = {
    "report-no-acknowledgement": "POST /reports answers 201 without the report's ID and respond_by",
    "report-deadline-beyond-limit": "a report's respond_by is later than the declared response time allows",
    "report-outcome-late": "a report's outcome is decided after its respond_by",
    "report-unanswered": "a report is acknowledged and recorded but never decided: its reporter reads no outcome",
    "report-lost": "GET /reports/{id} answers 404 for a report that was acknowledged",
    "conduct-rules-unpublished": "GET /conduct-rules answers 404: the code of conduct is not published",
    "report-published-category-refused": "POST /reports refuses the published category minor-safety",
    "report-any-category-accepted": "POST /reports accepts categories the code of conduct does not publish",
    "report-unpublished-category-5xx": "POST /reports answers 500, not a 4xx problem, for a category the code of "
                                       "conduct does not publish",
    "report-acknowledged-200": "POST /reports acknowledges a report with 200, not the contract's 201",
    "report-outcome-cites-unpublished-rule": "report outcomes cite a rules URL, not a published rule's ID",
    "report-marker-ignored": "a report whose description marks its subject as violating test content is decided "
                             "by its category alone (IF-MOD-002)",
    "report-decision-unlisted": "a report's outcome names its decision `upheld`, a value annex D's contract does not "
                                "define (`sanction` or `no-action`)",
}
#: The published code of conduct (GET /conduct-rules): rule ID, category, words, sanctions.
CONDUCT: dict[str, Any] = {
    "version": "2026-11-01",
    "rules": [
        {"id": f"CR-{code}-1", "category": category, "title": title, "sanctions": sanctions}
        for code, category, title, sanctions in (
            ("HAR", "harassment", {"en": "No harassment, threats or hate towards other users",
                                   "zh": "不得骚扰、威胁或仇视其他用户"}, ["warning", "mute", "suspension"]),
            ("FRA", "fraud", {"en": "No scams, fraud or deceptive trading", "zh": "不得诈骗或欺诈交易"},
             ["warning", "trading-ban", "suspension"]),
            ("ILL", "illegal-content", {"en": "No content that breaks the law", "zh": "不得发布违法内容"},
             ["removal", "suspension"]),
            ("MIN", "minor-safety", {"en": "No conduct that endangers minors", "zh": "不得危害未成年人"},
             ["removal", "suspension", "ban"]),
            ("OTH", "other", {"en": "Other conduct against the platform's terms", "zh": "其他违反平台规则的行为"},
             ["warning"]),
        )
    ],
    "sanctions": list(SANCTIONS.values()),
    "appeals": APPEALS,  # the author of removed content may appeal (IF-CODE-007)
}
CONDUCT_PATH = "/conduct-rules"
#: What the discovery document declares (member ``reporting``).
TERMS: dict[str, Any] = {
    "endpoint": "/reports",
    "response_time_s": 24 * 3600,
    "categories": [rule["category"] for rule in CONDUCT["rules"]],
    "rules": "https://metaverse-conformance.org/reference/community-rules",
    "conduct_rules": CONDUCT_PATH,
    "standing": STANDING_PATH,
}
RULE_OF = {rule["category"]: rule["id"] for rule in CONDUCT["rules"]}


def _time(value: datetime) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def routes(defects: frozenset[str], community: Community) -> list[Route]:
    reports: dict[str, dict[str, Any]] = {}

    async def file(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError:
            body = None
        accepted = set(TERMS["categories"]) - ({"minor-safety"} if "report-published-category-refused" in defects
                                                else set())
        category = body.get("category") if isinstance(body, dict) else None
        if "report-any-category-accepted" in defects and isinstance(category, str) and category:
            accepted.add(category)
        if not (isinstance(body, dict) and isinstance(body.get("subject"), str) and body["subject"]
                and isinstance(category, str) and category in accepted
                and isinstance(body.get("description", ""), str)):
            if "report-unpublished-category-5xx" in defects and isinstance(category, str):
                return problem(500, "Internal Server Error", "the category is not known", kind="server-error",
                               defects=defects)
            return problem(400, "Bad Request", 'the body must be {"subject": "<what is reported>", "category": '
                           f'one of {TERMS["categories"]}, "description": "..."}}', kind="bad-request",
                           defects=defects)
        received = reference_clock.now()
        limit = TERMS["response_time_s"] * (2 if "report-deadline-beyond-limit" in defects else 1)
        respond_by = received + timedelta(seconds=limit)
        decided = respond_by + timedelta(hours=1) if "report-outcome-late" in defects else received
        report_id = f"rep-{len(reports) + 1:06d}-{secrets.token_hex(3)}"
        ack = {"report_id": report_id, "status": "received", "received_at": _time(received),
               "respond_by": _time(respond_by)}
        # A report marking its subject as violating test content (annex D's marker in its
        # description) is upheld as illegal content whatever category the reporter chose (IF-MOD-002).
        marked = MARKER in body.get("description", "") and "report-marker-ignored" not in defects
        judged = "illegal-content" if marked else body["category"]
        outcome = decision(judged)
        # Harassment said in a shared space, reported by the participant it was said to (IF-CODE-010):
        # judged on what the space relayed, upheld with a mute of its author, else no action.
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        heard = harassment.judged(community.chats, body, community.did_of(token) if scheme.lower() == "bearer"
                                  else None, defects)
        muted = harassment.mute(reference_clock.seconds()) if heard else None
        if heard is not None:
            outcome = {"decision": "sanction", "sanction": "mute", "until": muted["until"]} \
                if muted is not None else {"decision": "no-action"}
        if "report-decision-unlisted" in defects:
            outcome = {**outcome, "decision": "upheld"}
        reports[report_id] = {**ack, "subject": body["subject"], "category": body["category"], "status": "decided",
                              "outcome": {**outcome, "decided_at": _time(decided), "rule": cited(judged)}}
        if "report-unanswered" in defects:  # recorded, never decided
            reports[report_id] = {k: v for k, v in reports[report_id].items() if k != "outcome"} | {"status": "received"}
            return JSONResponse(ack, status_code=201, headers={"Location": f"/reports/{report_id}"})
        sanction = reports[report_id]["outcome"].get("sanction")
        record = {"rule": reports[report_id]["outcome"]["rule"], "report_id": report_id, "since": _time(decided)}
        if sanction == "removal":  # of the content the subject names, when it is content
            community.remove(body["subject"], record)
        elif sanction:  # the user's, whichever of its identities the subject is
            community.sanction(body["subject"], {"sanction": sanction, **record, **(muted or {})})
        if "report-no-acknowledgement" in defects:
            ack = {"status": "received"}
        return JSONResponse(ack, status_code=200 if "report-acknowledged-200" in defects else 201, headers={"Location": f"/reports/{report_id}"})

    def decision(category: str) -> dict[str, str]:
        """The reference's moderation: harassment earns a warning, fraud a trading ban, illegal content
        its removal, the rest no action."""
        sanction = {"harassment": "warning", "fraud": "trading-ban", "illegal-content": "removal"}.get(category)
        return {"decision": "sanction", "sanction": sanction} if sanction else {"decision": "no-action"}

    def cited(category: str) -> str:
        if "report-outcome-cites-unpublished-rule" in defects:
            return TERMS["rules"] + "#" + category
        return RULE_OF.get(category, RULE_OF["other"])

    async def conduct(request: Request) -> Response:
        if "conduct-rules-unpublished" in defects:
            return problem(404, "Not Found", "no code of conduct here", kind="not-found", defects=defects)
        return JSONResponse(CONDUCT)

    async def show(request: Request) -> Response:
        report = reports.get(request.path_params["report_id"])
        if report is None or "report-lost" in defects:
            return problem(404, "Not Found", "no such report", kind="report-not-found", defects=defects)
        return JSONResponse(report)

    async def standing(request: Request) -> Response:
        did = request.path_params["did"]
        if not DID.match(did):
            return problem(400, "Bad Request", "the path names no DID", kind="bad-request", defects=defects)
        return JSONResponse(community.standing(did))

    return [Route("/reports", file, methods=["POST"]), Route("/reports/{report_id}", show),
            Route(CONDUCT_PATH, conduct), Route(STANDING_PATH, standing)]
