"""IF-REPORT-001: a misconduct report is acknowledged with a deadline within the declared
response time, and answered by it; IF-CODE-001: reports follow the published code of conduct
(docs/interfaces.md, "Reporting misconduct")."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from conformance import Evidence, Inconclusive, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.discovery import DISCOVERY
from conformance.areas._shared.problems import check_problem
from conformance.areas.interfaces.reporting import (
    CONDUCT_SCHEMA,
    PROBE_REPORT,
    REPORT_SCHEMA,
    categories,
    code_findings,
    deadline_findings,
    declaration,
    outcome_findings,
    unpublished_categories,
)
from conformance.areas.interfaces.requestbodies import report_request

REPORT = PROBE_REPORT


@pytest.mark.requirement("IF-REPORT-001")
def test_reports_are_acknowledged_and_answered_in_time(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    api = targets["api"]
    declared = declaration(api)
    limit, endpoint = declared.get("response_time_s"), declared.get("endpoint")
    if not isinstance(limit, int) or not isinstance(endpoint, str) or not endpoint:
        evidence.finding(msg("interfaces.report-no-declaration"), file=DISCOVERY, pointer="/reporting",
                         actual=declared)
        return
    path = urlsplit(endpoint).path or endpoint
    filed = api.post(path, json=report_request())
    where = filed.requested
    if filed.status not in (200, 201, 202):
        evidence.finding(msg("interfaces.report-answered", what=msg("interfaces.report-filed"), status=filed.status),
                         file=where, expected="201", actual=filed.status)
        if filed.status >= 400:
            check_problem(filed, schemas, evidence)
        return
    ack = filed.json()
    if evidence.findings_from(schemas.findings(ack, REPORT_SCHEMA), file=where):
        return
    evidence.findings_from(deadline_findings(ack, limit, where, datetime.now(UTC)))
    shown_path = f"{path.rstrip('/')}/{ack['report_id']}"
    shown = api.get(shown_path)
    where = shown.requested
    if shown.status != 200:
        evidence.finding(msg("interfaces.report-answered", what=msg("interfaces.report-read-back"),
                             status=shown.status), file=where, expected=200, actual=shown.status)
        return
    report = shown.json()
    if evidence.findings_from(schemas.findings(report, REPORT_SCHEMA), file=where):
        return
    evidence.findings_from(deadline_findings(report, limit, where, datetime.now(UTC)))
    evidence.note(msg("interfaces.report-checked", report=ack["report_id"], limit=limit),
                  outcome=report.get("outcome"))


#: The most published categories the harness files a report under (IF-CODE-001).
MAX_CATEGORIES = 20


def _file(api: Any, path: str, category: str) -> Any:
    return api.post(path, json=report_request(category=category))


@pytest.mark.requirement("IF-CODE-001")
def test_reports_follow_the_published_code_of_conduct(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    api = targets["api"]
    declared = declaration(api)
    code_path, endpoint = declared.get("conduct_rules"), declared.get("endpoint")
    if not isinstance(code_path, str) or not code_path.startswith("/"):
        evidence.finding(msg("interfaces.conduct-no-declaration"), file=DISCOVERY, pointer="/reporting/conduct_rules",
                         actual=code_path, rule="published")
        return
    if not isinstance(endpoint, str) or not endpoint:
        raise Inconclusive(msg("interfaces.report-no-declaration"))
    shown = api.get(code_path)
    where = shown.requested
    if shown.status != 200:
        evidence.finding(msg("interfaces.conduct-not-published", status=shown.status), file=where, expected=200,
                         actual=shown.status, rule="published")
        return
    code = shown.json()
    if evidence.findings_from(schemas.findings(code, CONDUCT_SCHEMA), file=where, rule="published"):
        return
    evidence.findings_from(code_findings(code, declared, where))
    path = urlsplit(endpoint).path or endpoint
    published = categories(code)
    filed: list[str] = []
    for category in sorted(published)[:MAX_CATEGORIES]:
        response = _file(api, path, category)
        if response.status not in (200, 201, 202):
            evidence.finding(msg("interfaces.conduct-category-refused", category=repr(category),
                                 status=response.status), file=response.requested, expected="201",
                             actual=response.status, rule="accepted")
            continue
        ack = response.json()
        if isinstance(ack, dict) and isinstance(ack.get("report_id"), str):
            filed.append(ack["report_id"])
    unpublished = unpublished_categories(published)
    for category in unpublished:
        response = _file(api, path, category)
        if response.status < 400:
            evidence.finding(msg("interfaces.conduct-category-accepted", category=repr(category),
                                 status=response.status), file=response.requested,
                             expected=msg("interfaces.expect-refused"), actual=response.status, rule="refused")
        elif response.status < 500:
            check_problem(response, schemas, evidence)
    judged = 0
    for report_id in filed:
        shown_path = f"{path.rstrip('/')}/{quote(report_id, safe='')}"
        report = api.get(shown_path)
        body = report.json() if report.status == 200 else None
        if not isinstance(body, dict) or schemas.findings(body, REPORT_SCHEMA):
            continue  # IF-REPORT-001's to judge
        evidence.findings_from(outcome_findings(body, code, report.requested))
        judged += isinstance(body.get("outcome"), dict)
    evidence.note(msg("interfaces.conduct-checked", rules=len(code["rules"]), categories=len(published),
                      refused=len(unpublished), outcomes=judged))
