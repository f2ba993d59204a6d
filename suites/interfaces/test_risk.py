"""IF-RISK-001: each measure the declared risk grade claims is in force, exercised through the
platform's own endpoints; IF-RISK-002: the claimed measures include every measure the pilot
programme requires at the grade; IF-RISK-003: the grade is not lower than the assessment method
assigns from the declared inputs (docs/interfaces.md, "Risk grade", "Risk assessment method");
IF-RISK-004: the grade the standard's table assigns from what the platform is seen to do, and
every measure required there in force, read from no declaration ("Risk grade observed")."""

from __future__ import annotations

from typing import Any

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.areas._shared.dependent import unread
from conformance.areas._shared.discovery import DISCOVERY, discovery_document
from conformance.areas.interfaces.risk import (
    MEASURE_RULES,
    MEASURES,
    JudgedElsewhere,
    Platform,
    Unchecked,
    required_findings,
)
from conformance.areas.interfaces.risk_method import Method, consistency_findings, declared_findings, grade_findings
from conformance.areas.interfaces.risk_observed import grade_of, observed


def _discovered(api: Any) -> dict[str, Any]:
    """The discovery document, a read IF-DISC-001 judges: not served, or not JSON, is inconclusive naming it."""
    document = discovery_document(api)
    if not isinstance(document, dict):
        raise Inconclusive(msg("interfaces.no-discovery-to-judge", path=DISCOVERY, status=200))
    return document


@pytest.mark.requirement("IF-RISK-001")
def test_the_measures_the_risk_grade_claims_are_in_force(targets: Targets, evidence: Evidence, params: Parameters):
    api = targets["api"]
    document = _discovered(api)
    grade = document.get("risk_grade")
    claimed = grade.get("measures") if isinstance(grade, dict) else None
    if not isinstance(claimed, list) or not claimed:
        evidence.finding(msg("interfaces.risk-no-measures"), file=DISCOVERY, pointer="/risk_grade/measures",
                         actual=claimed, rule="R7")
        return
    names = [str(m) for m in dict.fromkeys(claimed)]
    unchecked = [m for m in names if m not in MEASURES]
    if unchecked:
        evidence.note(msg("interfaces.risk-measures-unchecked", measures=", ".join(unchecked)))
    checked = [m for m in names if m in MEASURES]
    if not checked:
        raise Inconclusive(msg("interfaces.risk-nothing-checkable", known=", ".join(MEASURES)))
    platform = Platform(api, targets, document, params.identity_path)
    held = []
    for measure in checked:
        try:
            why = MEASURES[measure](platform)
        except JudgedElsewhere as exc:  # an answer its own requirement judges: this measure is not judged
            where, status, requirement = exc.args
            unread(evidence, where, msg("interfaces.risk-measure-at-work", measure=repr(measure)), status,
                   requirement)
            continue
        except Unchecked as exc:
            evidence.note(msg("interfaces.risk-measure-unchecked", measure=repr(measure), reason=exc.args[0]))
            continue
        if why is None:
            held.append(measure)
        else:
            evidence.finding(msg("interfaces.risk-measure-not-in-force", measure=repr(measure), reason=why),
                             file=DISCOVERY, pointer=f"/risk_grade/measures/{claimed.index(measure)}",
                             actual=measure, rule=MEASURE_RULES[measure])
    evidence.note(msg("interfaces.risk-measures-checked", count=len(held), measures=", ".join(held)))


def declared_grade(api: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The discovery document and its risk grade (inconclusive without either)."""
    document = _discovered(api)
    grade = document.get("risk_grade")
    if not isinstance(grade, dict):
        raise Inconclusive(msg("interfaces.risk-no-grade-to-judge"))  # IF-DISC-004's to judge
    return document, grade


@pytest.mark.requirement("IF-RISK-002")
def test_the_grade_claims_every_measure_the_programme_requires(targets: Targets, evidence: Evidence,
                                                               params: Parameters):
    document, grade = declared_grade(targets["api"])
    required: dict[str, list[str]] = params.required_measures
    if evidence.findings_from(required_findings(grade, required, DISCOVERY)):
        return
    evidence.note(msg("interfaces.risk-required-held", grade=repr(grade["grade"]),
                      measures=", ".join(required[grade["grade"]]) or "-"))


@pytest.mark.requirement("IF-RISK-003")
def test_the_declared_grade_is_not_lower_than_the_assessment_method_assigns(targets: Targets, evidence: Evidence,
                                                                            params: Parameters):
    document, grade = declared_grade(targets["api"])
    method = Method.of(params.risk_inputs, params.risk_fields, params.risk_grade_levels,
                       params.large_user_base_users)
    if evidence.findings_from(declared_findings(grade, method, DISCOVERY)):
        return
    found, assigned, reasons = grade_findings(grade, method, DISCOVERY)
    evidence.findings_from(found)
    evidence.findings_from(consistency_findings(document, DISCOVERY))
    evidence.note(msg("interfaces.risk-assessment-checked", method=grade["assessment"]["method"],
                      field=grade["assessment"]["field"], assigned=repr(assigned), reasons=", ".join(reasons),
                      grade=repr(grade.get("grade"))))


#: IF-RISK-004's rule for each measure it judges: R1 at every grade observed, R2 at medium. The statement's
#: table stops at level 2 (medium): no feature the harness observes reaches high, so the minors' measures only
#: high adds are judged by no rule here but by AS-MINOR-003 and AS-RATING-003 whatever the grade (the notes);
#: the check follows the rules and exercises no other measure (issue 76, open items, part h92-ruleIF).
REQUIRED_MEASURE_RULES = {"misconduct-reporting": "R1", "content-review": "R2"}


@pytest.mark.requirement("IF-RISK-004")
def test_the_measures_required_at_the_grade_observed_are_in_force(targets: Targets, evidence: Evidence,
                                                                  params: Parameters):
    api = targets["api"]
    document = _discovered(api)
    # no step observes a user count, so the large user base bound decides nothing here (fifty-fourth reading, bx3)
    method = Method.of(params.risk_inputs, params.risk_fields, params.risk_grade_levels, None)
    platform = Platform(api, targets, document, params.identity_path)
    try:
        features = observed(platform)
    except JudgedElsewhere as exc:
        where, status, requirement = exc.args
        unread(evidence, where, msg("interfaces.risk-features-at-work"), status, requirement)
        return
    grade, level = grade_of(features, method)
    required: dict[str, list[str]] = params.required_measures
    evidence.note(msg("interfaces.risk-grade-observed", grade=grade, level=level,
                      features="; ".join(str(seen) for seen in features.values()) or "-"))
    for measure in required.get(grade, []):
        if measure not in REQUIRED_MEASURE_RULES:  # a grade the statement's table does not reach: see above
            continue
        try:
            why = MEASURES[measure](platform)
        except JudgedElsewhere as exc:
            where, status, requirement = exc.args
            unread(evidence, where, msg("interfaces.risk-measure-at-work", measure=repr(measure)), status,
                   requirement)
            continue
        except Unchecked as exc:
            evidence.unjudged(f"the measure {measure}", msg("interfaces.risk-required-unchecked",
                                                             measure=repr(measure), reason=exc.args[0]))
            continue
        if why is not None:
            evidence.finding(msg("interfaces.risk-required-not-in-force", grade=grade, measure=repr(measure),
                                 reason=why), file=f"the measure {measure} at the grade {grade} observed", expected=measure,
                             actual=str(why), rule=REQUIRED_MEASURE_RULES[measure])
