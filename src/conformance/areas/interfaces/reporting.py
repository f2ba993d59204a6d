"""Reporting misconduct (IF-REPORT-001): the discovery document's ``reporting`` declaration,
and whether a report's acknowledgement and outcome keep the declared response time."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ...findings import Finding
from ...messages import msg

REPORT_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/misconduct-report.json"


def when(value: Any) -> datetime | None:
    """An RFC 3339 time with an offset, or None (the schema reports malformed times)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def deadline_findings(report: dict[str, Any], limit_s: int, file: str, now: datetime) -> list[Finding]:
    """respond_by is within the declared limit of received_at; an outcome is decided by
    respond_by; a report without an outcome is not past its respond_by."""
    found: list[Finding] = []
    received, respond_by = when(report.get("received_at")), when(report.get("respond_by"))
    if received is None or respond_by is None:
        return found
    if respond_by - received > timedelta(seconds=limit_s):
        found.append(Finding.of(msg("interfaces.report-deadline-beyond-limit", limit=limit_s), file=file,
                                pointer="/respond_by", expected=f"<= {(received + timedelta(seconds=limit_s))}",
                                actual=report.get("respond_by")))
    outcome = report.get("outcome")
    decided = when(outcome.get("decided_at")) if isinstance(outcome, dict) else None
    if decided is not None and decided > respond_by:
        found.append(Finding.of(msg("interfaces.report-outcome-late"), file=file, pointer="/outcome/decided_at",
                                expected=f"<= {report.get('respond_by')}", actual=str(decided)))
    if outcome is None and now > respond_by:
        found.append(Finding.of(msg("interfaces.report-unanswered"), file=file, pointer="/outcome",
                                expected=msg("interfaces.expect-outcome-by", time=report.get("respond_by")),
                                actual=None))
    return found
