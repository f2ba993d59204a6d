"""IF-REPORT-001: a misconduct report is acknowledged with a deadline within the declared
response time, and answered by it (docs/interfaces.md, "Reporting misconduct")."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from conformance import Inconclusive, msg
from conformance.areas.interfaces.discovery import DISCOVERY
from conformance.areas.interfaces.problems import check_problem
from conformance.areas.interfaces.reporting import REPORT_SCHEMA, deadline_findings

REPORT = {"subject": "conformance-probe-subject", "category": "other",
          "description": "A report filed by the conformance harness to test the reporting flow; no action needed."}


def _declaration(api):
    response = api.get(DISCOVERY)
    document = response.json() if response.status == 200 else None
    declared = document.get("reporting") if isinstance(document, dict) else None
    if not isinstance(declared, dict):
        raise Inconclusive(msg("interfaces.report-no-declaration"))
    return declared


@pytest.mark.requirement("IF-REPORT-001")
def test_reports_are_acknowledged_and_answered_in_time(targets, schemas, evidence):
    api = targets["api"]
    declared = _declaration(api)
    limit, endpoint = declared.get("response_time_s"), declared.get("endpoint")
    if not isinstance(limit, int) or not isinstance(endpoint, str) or not endpoint:
        evidence.finding(msg("interfaces.report-no-declaration"), file=DISCOVERY, pointer="/reporting",
                         actual=declared)
        return
    path = urlsplit(endpoint).path or endpoint
    filed = api.post(path, json=REPORT)
    where = f"POST {path}"
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
    where = f"GET {shown_path}"
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
