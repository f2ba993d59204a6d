"""Removal of content a report's outcome decides (IF-CODE-007; docs/interfaces.md, "Removal of
content").

The harness issues an item as an identity it controls (the author), reports it under each
published category whose rule carries the sanction ``removal`` until an outcome imposes it,
and then looks at every place the registry served the item: its own URL answers 404 or 410
with an RFC 9457 problem naming the decision (the report) and citing the published rule, the
author's listing no longer holds it, the author's standing lists the removal of that content,
and, when the code of conduct declares ``appeals``, the author's appeal is received and
another identity's refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Finding, msg

if TYPE_CHECKING:
    from conformance.area import JsonValue

    from .reporting import ConductCode, Standing

REMOVAL = "removal"


def removal_categories(code: ConductCode) -> list[str]:
    """The categories of the published rules that carry ``removal``, in the code's order."""
    return list(dict.fromkeys(rule["category"] for rule in code["rules"] if REMOVAL in rule["sanctions"]))


def notice_findings(status: int, body: JsonValue, report_id: str, rule: str | None, file: str) -> list[Finding]:
    """The answer at the removed content's URL: 404 or 410 (IF-CODE-007 R1) with a
    problem naming the removal and the report it decided (R1) and the rule the
    outcome cites (R3; ``rule`` None: the outcome cites none, IF-CODE-001's to judge)."""
    if status not in (404, 410):
        # "still served" only when it was: an error answer is not the content, though not 404/410 either
        key = "interfaces.removal-still-served" if status < 400 else "interfaces.removal-not-gone"
        return [Finding.of(msg(key, status=status), file=file, expected="404 | 410", actual=status,
                           rule="R1")]
    problem = body if isinstance(body, dict) else {}
    found: list[Finding] = []
    text = " ".join(str(problem.get(m, "")) for m in ("type", "detail", "title")).lower()
    names_removal = problem.get("sanction") == REMOVAL or "remov" in text
    names_report = problem.get("report_id") == report_id or report_id in str(problem.get("detail", ""))
    if not (names_removal and names_report):
        found.append(Finding.of(msg("interfaces.removal-notice-unnamed", report=report_id), file=file,
                                pointer="/report_id", expected={"sanction": REMOVAL, "report_id": report_id},
                                actual=body, rule="R1"))
    if rule is not None and problem.get("rule") != rule:
        found.append(Finding.of(msg("interfaces.removal-notice-no-rule", rule=repr(rule)), file=file,
                                pointer="/rule", expected=rule, actual=problem.get("rule"), rule="R3"))
    return found


def listed(body: JsonValue, asset_id: str) -> bool:
    """Whether a registry listing (``{"items": [{"asset_id": ...}]}``) holds ``asset_id``."""
    items = body.get("items") if isinstance(body, dict) else None
    return isinstance(items, list) and any(isinstance(i, dict) and i.get("asset_id") == asset_id for i in items)


def notified(standing: Standing, asset_id: str, report_id: str) -> bool:
    """Whether a (schema-valid) standing lists the removal of ``asset_id`` or by ``report_id``."""
    removals = [entry for entry in standing["sanctions"] if entry["sanction"] == REMOVAL]
    return any(entry.get("subject") == asset_id or entry.get("report_id") == report_id for entry in removals)
