"""IF-REPORT-001: a misconduct report is acknowledged, recorded and answered to its reporter
within the time limit the standard fixes, passed on the test clock when the answer is not there yet; IF-CODE-001: reports follow the published code of conduct
(docs/interfaces.md, "Reporting misconduct")."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from conformance import Evidence, NonConformance, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import served_body
from conformance.areas._shared.discovery import DISCOVERY
from conformance.areas._shared.minors import set_clock
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_problem
from conformance.areas._shared.registry import Identity, Registry, provisioned
from conformance.areas.interfaces.reporting import (
    CONDUCT_SCHEMA,
    PROBE_REPORT,
    REPORT_SCHEMA,
    answer_due,
    categories,
    code_findings,
    deadline_findings,
    declaration,
    filed_categories,
    first_category,
    outcome_findings,
    unpublished_categories,
)
from conformance.areas.interfaces.requestbodies import report_request
from conformance.areas.interfaces.unchecked import rule_unchecked

REPORT = PROBE_REPORT
#: The status annex D's contract (POST /reports) acknowledges a report with; a refusal is a 4XX problem.
ACCEPTED = 201


@pytest.mark.requirement("IF-REPORT-001")
def test_reports_are_recorded_and_answered_in_time(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                                  params: Parameters):
    api = targets["api"]
    declared = declaration(api, "R1")  # no endpoint: the profile's reporting is missing (R1)
    endpoint, category = declared["endpoint"], first_category(declared)
    limit = params.report_response_s  # the standard's, never the platform's declared response time
    (reporter,) = provisioned(api, params.identity_path, 1)
    registry = Registry(api)
    path = urlsplit(endpoint).path or endpoint
    filed = registry.call("POST", path, reporter, report_request(category=category))
    where = filed.requested
    if filed.status != ACCEPTED:
        evidence.finding(msg("interfaces.report-answered", what=msg("interfaces.report-filed"), status=filed.status),
                         file=where, expected="201", actual=filed.status, rule="R1")
        return  # R1 fails it: how a refusal is worded is no rule of this case
    ack = own_json(filed, "R1")
    if evidence.findings_from(schemas.findings(ack, REPORT_SCHEMA), file=where, rule="R1"):
        return
    evidence.findings_from(deadline_findings(ack, limit, where))
    shown_path = f"{path.rstrip('/')}/{quote(ack['report_id'], safe='')}"
    report = _read_back(registry, shown_path, reporter, schemas, evidence)
    if report is None:
        return
    evidence.findings_from(deadline_findings(report, limit, shown_path))
    due = answer_due(report, limit)
    if report.get("outcome") is None and due is not None:  # not answered yet: pass the limit on the test clock
        try:
            set_clock(api, params.clock_path, reporter, due + timedelta(seconds=1))
        except NonConformance:
            rule_unchecked(evidence, "R4", msg("interfaces.report-clock-not-set", path=params.clock_path,
                                               at=due.isoformat()),
                           msg("interfaces.fix-report-clock", path=params.clock_path))
            return
        report = _read_back(registry, shown_path, reporter, schemas, evidence)
        if report is None:
            return
        if report.get("outcome") is None:
            evidence.finding(msg("interfaces.report-unanswered", limit=limit, at=due.isoformat()), file=shown_path,
                             pointer="/outcome", expected=msg("interfaces.expect-outcome-by", time=due.isoformat()),
                             actual=None, rule="R4")
            return
        evidence.findings_from(deadline_findings(report, limit, shown_path))
    evidence.note(msg("interfaces.report-checked", report=ack["report_id"], limit=limit),
                  outcome=report.get("outcome"))


def _read_back(registry: Registry, path: str, reporter: Identity, schemas: SchemaRegistry,
               evidence: Evidence) -> dict[str, Any] | None:
    """The report as its reporter reads it (R3), or None after a finding."""
    shown = registry.call("GET", path, reporter)
    if shown.status != 200:
        evidence.finding(msg("interfaces.report-answered", what=msg("interfaces.report-read-back"),
                             status=shown.status), file=shown.requested, expected=200, actual=shown.status, rule="R3")
        return None
    report = own_json(shown, "R3")
    if evidence.findings_from(schemas.findings(report, REPORT_SCHEMA), file=shown.requested, rule="R3"):
        return None
    return report  # type: ignore[no-any-return]


def _file(registry: Registry, path: str, reporter: Identity, category: str) -> Any:
    return registry.call("POST", path, reporter, report_request(category=category))


@pytest.mark.requirement("IF-CODE-001")
def test_reports_follow_the_published_code_of_conduct(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                                      params: Parameters):
    api = targets["api"]
    declared = declaration(api, "R2")  # no endpoint: the profile's reporting is missing (R2, what reports serve)
    code_path, endpoint = declared.get("conduct_rules"), declared["endpoint"]
    if not isinstance(code_path, str) or not code_path.startswith("/"):
        evidence.finding(msg("interfaces.conduct-no-declaration"), file=DISCOVERY, pointer="/reporting/conduct_rules",
                         actual=code_path, rule="R1")
        return
    shown = api.get(code_path)
    where = shown.requested
    if shown.status != 200:
        evidence.finding(msg("interfaces.conduct-not-published", status=shown.status), file=where, expected=200,
                         actual=shown.status, rule="R1")
        return
    code = own_json(shown, "R1")
    if evidence.findings_from(schemas.findings(code, CONDUCT_SCHEMA), file=where, rule="R1"):
        return
    evidence.findings_from(code_findings(code, declared, where))
    (reporter,) = provisioned(api, params.identity_path, 1)  # the reporter whose test clock may move
    registry = Registry(api)
    path = urlsplit(endpoint).path or endpoint
    published = categories(code)
    filed: list[str] = []
    accepted = 0
    for category in filed_categories(published):
        response = _file(registry, path, reporter, category)
        if response.status != ACCEPTED:
            evidence.finding(msg("interfaces.conduct-category-refused", category=repr(category),
                                 status=response.status), file=response.requested, expected="201",
                             actual=response.status, rule="R2")
            continue
        accepted += 1
        ack, _ = served_body(response, ok=ACCEPTED)  # how an acknowledgement is served: IF-REPORT-001's
        if isinstance(ack, dict) and isinstance(ack.get("report_id"), str):
            filed.append(ack["report_id"])
    unpublished = unpublished_categories(published)
    for category in unpublished:
        response = _file(registry, path, reporter, category)
        if not 400 <= response.status < 500:  # the contract refuses with a 4XX problem, never a 5xx
            evidence.finding(msg("interfaces.conduct-category-accepted" if response.status < 400
                                 else "interfaces.conduct-category-server-error", category=repr(category),
                                 status=response.status), file=response.requested,
                             expected=msg("interfaces.expect-refused"), actual=response.status, rule="R3")
        else:  # R3 states the refusal: a 4xx with RFC 9457 problem details
            check_problem(response, schemas, evidence, rule="R3")
    judged = _judge_outcomes(registry, path, reporter, filed, code, schemas, evidence,
                             params.report_response_s, params.clock_path)
    if not judged:  # R4 seen nowhere, so the case cannot pass (its pass line needs an outcome looked at)
        if filed:  # IF-REPORT-001 judges a report left unanswered
            rule_unchecked(evidence, "R4", msg("interfaces.conduct-no-outcome", reports=len(filed)),
                           msg("interfaces.fix-conduct-outcome", path=params.clock_path))
        elif accepted:  # acknowledged without a readable report_id: IF-REPORT-001 judges the acknowledgement
            rule_unchecked(evidence, "R4", msg("interfaces.conduct-no-report-id", reports=accepted),
                           msg("interfaces.fix-conduct-report-id"))
        else:  # every published category refused: R2's findings
            rule_unchecked(evidence, "R4", msg("interfaces.conduct-none-accepted"),
                           msg("interfaces.fix-conduct-accept"))
    evidence.note(msg("interfaces.conduct-checked", rules=len(code["rules"]), categories=len(published),
                      refused=len(unpublished), outcomes=judged))


def _judge_outcomes(registry: Registry, path: str, reporter: Identity, filed: list[str], code: Any,
                    schemas: SchemaRegistry, evidence: Evidence, response_s: float, clock_path: str) -> int:
    """Rule ``cites`` on each filed report's outcome, as its reporter reads it; the reports not
    decided at the first read are read again once the reporter's test clock (``clock_path``) has passed
    the standard's time limit (``response_s``) after their receipt (as IF-REPORT-001 does). How many
    outcomes were judged."""
    pending: dict[str, Any] = {}
    judged = 0
    for attempt in range(2):
        for report_id in list(pending) or filed:
            shown_path = f"{path.rstrip('/')}/{quote(report_id, safe='')}"
            report = registry.call("GET", shown_path, reporter)
            # the read-back is IF-REPORT-001's operation (its R3), a set-up here: one not answered 200 with a
            # body that parses and is valid shows no outcome, never a fail of this case
            body, _ = served_body(report)
            pending.pop(report_id, None)
            if not isinstance(body, dict) or schemas.findings(body, REPORT_SCHEMA):
                continue  # IF-REPORT-001's to judge
            if not isinstance(body.get("outcome"), dict):
                pending[report_id] = answer_due(body, response_s)
                continue
            evidence.findings_from(outcome_findings(body, code, report.requested))
            judged += 1
        due = [at for at in pending.values() if at is not None]
        if attempt or not due:
            break
        try:
            set_clock(registry.api, clock_path, reporter, max(due) + timedelta(seconds=1))
        except NonConformance:
            break  # no test clock: what stays undecided is unchecked
    return judged
