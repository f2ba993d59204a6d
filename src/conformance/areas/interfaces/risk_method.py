"""The risk assessment method that assigns a grade (IF-RISK-003; docs/interfaces.md, "Risk
assessment method").

The discovery document's ``risk_grade.assessment`` names the method, the platform's field and
the assessment inputs (what the platform does: serves minors, runs a market, holds biometric
data, hosts user-generated or AI-generated content, how many users it has). The harness
recomputes the grade from those inputs with GB/T 22240-2020's grading model: each input, and
the field, harms an object (the rights of citizens and organisations; social order and the
public interest; national security) to a degree (general, serious, especially serious), and
Table 1 of the standard gives the level of each pair (:data:`LEVELS`); the highest level
reached is the platform's. Which object and degree each input harms, and which grade each
level is, are the pilot programme's assessment (profile parameters ``risk_inputs``,
``risk_fields``, ``risk_grade_levels``, ``large_user_base_users``) that a certification plan
sets: the standard fixes the table, not how a metaverse platform is judged against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from conformance import Finding, Inconclusive, msg

from .._shared.numbers import is_integer

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: GB/T 22240-2020, Table 1: (object harmed, degree of harm) -> security protection level.
LEVELS: dict[tuple[str, str], int] = {
    ("rights", "general"): 1, ("rights", "serious"): 2, ("rights", "especially-serious"): 2,
    ("public-order", "general"): 2, ("public-order", "serious"): 3, ("public-order", "especially-serious"): 4,
    ("national-security", "general"): 3, ("national-security", "serious"): 4,
    ("national-security", "especially-serious"): 5,
}
#: The input the harness derives from ``registered_users`` rather than reads.
LARGE_USER_BASE = "large_user_base"
#: What the platform declares elsewhere in its discovery document -> the input it implies.
IMPLIED = {"trading": "trading", "minors": "minors", "ai_agents": "generated_content",
           "content_review": "user_generated_content"}
#: Measures a grade may claim that imply an input (a grade claiming the age gate serves minors).
IMPLIED_BY_MEASURE = {"minors-age-gate": "minors", "minors-trading-refused": "minors", "playtime-limits": "minors",
                      "ai-labels": "generated_content"}


@dataclass(frozen=True)
class Method:
    """The programme's assessment table: what each input and field harms, and the grades."""

    inputs: dict[str, tuple[str, str]]
    fields: dict[str, tuple[str, str]]
    grades: dict[str, int]  # grade -> the lowest level it is assigned from
    large_users: int | None  # None: no user count is judged (IF-RISK-004 observes none)

    @classmethod
    def of(cls, inputs: dict[str, list[str]], fields: dict[str, list[str]], grades: dict[str, int],
           large_users: int | None) -> Method:
        """The method of the profile's parameters; inconclusive (the plan's to fix) when a pair is
        not one of the standard's table or no grade starts at level 1."""
        pairs = {**{f"risk_inputs.{k}": v for k, v in inputs.items()},
                 **{f"risk_fields.{k}": v for k, v in fields.items()}}
        for where, pair in pairs.items():
            if len(pair) != 2 or tuple(pair) not in LEVELS:
                raise Inconclusive(msg("interfaces.risk-method-bad-pair", where=where, pair=pair,
                                       objects="rights, public-order, national-security",
                                       degrees="general, serious, especially-serious"))
        if not grades or min(grades.values()) > 1:
            raise Inconclusive(msg("interfaces.risk-method-no-first-grade"))
        return cls({k: (v[0], v[1]) for k, v in inputs.items()}, {k: (v[0], v[1]) for k, v in fields.items()},
                   dict(grades), large_users)

    def grade_of(self, level: int) -> str:
        """The grade assigned at ``level``: the one starting highest at or below it."""
        return max((g for g, start in self.grades.items() if start <= level), key=lambda g: self.grades[g])

    def assign(self, field: str, inputs: JsonObject) -> tuple[int, list[str]]:
        """The level the field and the inputs that hold reach, and what reached it."""
        reached = {f"field {field}": LEVELS[self.fields[field]]}
        held = {name for name, value in inputs.items() if value is True}
        users = inputs.get("registered_users")
        # 超过: more than the bound, as Article 7 of the Cybersecurity Review Measures counts it (54th reading, bx3)
        if self.large_users is not None and is_integer(users) and users > self.large_users:
            held.add(LARGE_USER_BASE)
        reached |= {name: LEVELS[self.inputs[name]] for name in sorted(held) if name in self.inputs}
        level = max(reached.values())
        return level, [name for name, value in reached.items() if value == level]


def declared_findings(grade: JsonObject, method: Method, file: str) -> list[Finding]:
    """IF-RISK-003 R1: the assessment names its method and a field the method knows,
    and declares each input the method reads (a boolean; registered_users a count)."""
    assessment = grade.get("assessment")
    where = "/risk_grade/assessment"
    if not isinstance(assessment, dict):
        return [Finding.of(msg("interfaces.risk-assessment-missing"), file=file, pointer=where, actual=assessment,
                           rule="R1")]
    found: list[Finding] = []
    named = assessment.get("method")
    if not isinstance(named, str) or not named.strip():
        found.append(Finding.of(msg("interfaces.risk-assessment-no-method"), file=file, pointer=f"{where}/method",
                                actual=assessment.get("method"), rule="R1"))
    if assessment.get("field") not in method.fields:
        found.append(Finding.of(msg("interfaces.risk-assessment-field-unknown", field=repr(assessment.get("field"))),
                                file=file, pointer=f"{where}/field", expected=sorted(method.fields),
                                actual=assessment.get("field"), rule="R1"))
    inputs = assessment.get("inputs")
    inputs = inputs if isinstance(inputs, dict) else {}
    for name in sorted(set(method.inputs) - {LARGE_USER_BASE}):
        if not isinstance(inputs.get(name), bool):
            found.append(Finding.of(msg("interfaces.risk-assessment-input-missing", input=name), file=file,
                                    pointer=f"{where}/inputs/{name}", expected="true | false", actual=inputs.get(name),
                                    rule="R1"))
    users = inputs.get("registered_users")
    if LARGE_USER_BASE in method.inputs and (not is_integer(users) or users < 0):
        found.append(Finding.of(msg("interfaces.risk-assessment-input-missing", input="registered_users"), file=file,
                                pointer=f"{where}/inputs/registered_users", expected=">= 0", actual=users,
                                rule="R1"))
    return found


def grade_findings(grade: JsonObject, method: Method, file: str) -> tuple[list[Finding], str, list[str]]:
    """IF-RISK-003 R2: the declared grade is a grade of the method and not lower than the
    one it assigns from the declared field and inputs (a declared assessment, see
    :func:`declared_findings`). The findings, the grade assigned and what assigned it."""
    assessment = grade.get("assessment")
    field = assessment.get("field") if isinstance(assessment, dict) else None
    inputs = assessment.get("inputs") if isinstance(assessment, dict) else None
    assert isinstance(field, str), "declared_findings judges the assessment first"
    level, reasons = method.assign(field, inputs if isinstance(inputs, dict) else {})
    assigned = method.grade_of(level)
    declared = grade.get("grade")
    if not isinstance(declared, str) or declared not in method.grades:
        return [Finding.of(msg("interfaces.risk-assessment-grade-unknown", grade=repr(declared),
                               grades=", ".join(sorted(method.grades, key=method.grades.__getitem__))), file=file,
                           pointer="/risk_grade/grade", expected=sorted(method.grades), actual=declared,
                           rule="R2")], assigned, reasons
    if method.grades[declared] < method.grades[assigned]:
        return [Finding.of(msg("interfaces.risk-grade-understated", grade=repr(declared), assigned=repr(assigned),
                               level=level, reasons=", ".join(reasons)), file=file, pointer="/risk_grade/grade",
                           expected=assigned, actual=declared, rule="R2")], assigned, reasons
    return [], assigned, reasons


def consistency_findings(document: JsonObject, file: str) -> list[Finding]:
    """IF-RISK-003 R3: an input the rest of the discovery document implies (a market,
    minors' terms, AI agents, content review; a claimed minors' or AI measure) is not declared false."""
    grade = document.get("risk_grade")
    assessment = grade.get("assessment") if isinstance(grade, dict) else None
    given = assessment.get("inputs") if isinstance(assessment, dict) else None
    inputs = given if isinstance(given, dict) else {}
    implied = {name: f"/{member}" for member, name in IMPLIED.items() if isinstance(document.get(member), dict)}
    measures = grade.get("measures") if isinstance(grade, dict) else None
    claimed = measures if isinstance(measures, list) else []
    for measure, name in IMPLIED_BY_MEASURE.items():
        if measure in claimed:
            implied.setdefault(name, f"/risk_grade/measures/{claimed.index(measure)}")
    return [Finding.of(msg("interfaces.risk-input-contradicted", input=name, where=where), file=file,
                       pointer=f"/risk_grade/assessment/inputs/{name}", expected=True, actual=inputs.get(name),
                       rule="R3")
            for name, where in sorted(implied.items()) if inputs.get(name) is False]
