"""IF-RISK-003: the grade recomputed from the declared assessment with GB/T 22240-2020's model and
the programme's table, and the inputs checked against the rest of the discovery document. The
reference and its planted defects run in suites/interfaces/known_bad.yaml."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance import Inconclusive
from conformance.areas.interfaces.risk_method import (
    LARGE_USER_BASE,
    LEVELS,
    Method,
    consistency_findings,
    declared_findings,
    grade_findings,
)
from conformance.reference.interfaces.routes import ASSESSMENT, discovery_document


@pytest.fixture(scope="module")
def method(catalog) -> Method:
    p = catalog.profiles["interfaces-risk-grade"].parameters
    return Method.of(p["risk_inputs"].default, p["risk_fields"].default, p["risk_grade_levels"].default,
                     p["large_user_base_users"].default)


def grade(level_grade: str = "medium", **inputs: object) -> dict:
    assessment = copy.deepcopy(ASSESSMENT)
    assessment["inputs"].update(inputs)
    return {"scheme": "https://x.example/grades", "grade": level_grade, "assessment": assessment}


def test_the_table_is_gb_t_22240_2020_s():
    # Table 1: the rights of citizens and organisations reach level 2 at most; national security starts at 3
    assert max(v for (obj, _), v in LEVELS.items() if obj == "rights") == 2
    assert LEVELS[("public-order", "general")] == 2 and LEVELS[("national-security", "general")] == 3
    assert LEVELS[("national-security", "especially-serious")] == 5
    assert sorted(set(LEVELS.values())) == [1, 2, 3, 4, 5]


def test_the_reference_declares_the_grade_its_assessment_is_assigned(method):
    document = discovery_document("http://127.0.0.1:1", frozenset())
    declared = document["risk_grade"]
    assert declared_findings(declared, method, "d") == []
    found, assigned, reasons = grade_findings(declared, method, "d")
    assert found == [] and assigned == declared["grade"] == "medium" and "trading" in reasons
    assert consistency_findings(document, "d") == []


def test_a_large_user_base_raises_the_grade_to_high(method):
    found, assigned, reasons = grade_findings(grade(registered_users=2_000_000), method, "d")
    assert assigned == "high" and reasons == [LARGE_USER_BASE]
    assert found and found[0].rule == "R2"


def test_a_platform_of_no_input_gets_its_field_s_grade(method):
    quiet = grade("low", minors=False, trading=False, biometric_data=False, user_generated_content=False,
                  generated_content=False)
    assert grade_findings(quiet, method, "d")[:2] == ([], "low")
    quiet["assessment"]["field"] = "industrial"
    assert grade_findings(quiet, method, "d")[1] == "high"


@pytest.mark.parametrize(("change", "pointer"), [
    (lambda g: g.pop("assessment"), "/risk_grade/assessment"),
    (lambda g: g["assessment"].update(method=" "), "/risk_grade/assessment/method"),
    (lambda g: g["assessment"].update(field="space-mining"), "/risk_grade/assessment/field"),
    (lambda g: g["assessment"]["inputs"].pop("minors"), "/risk_grade/assessment/inputs/minors"),
    (lambda g: g["assessment"]["inputs"].update(trading="yes"), "/risk_grade/assessment/inputs/trading"),
    (lambda g: g["assessment"]["inputs"].update(registered_users=True),
     "/risk_grade/assessment/inputs/registered_users"),
])
def test_an_incomplete_assessment_is_named_where_it_falls_short(method, change, pointer):
    declared = grade()
    change(declared)
    found = declared_findings(declared, method, "d")
    assert [f.pointer for f in found] == [pointer] and found[0].rule == "R1"


def test_a_grade_outside_the_method_is_a_finding(method):
    found, _, _ = grade_findings(grade("extreme"), method, "d")
    assert found and found[0].pointer == "/risk_grade/grade"


@pytest.mark.parametrize(("member", "value", "implied"), [
    ("trading", {"currencies": ["CNY"]}, "trading"),
    ("minors", {"playtime": {}}, "minors"),
    ("ai_agents", {"agents": "/agents"}, "generated_content"),
    ("content_review", {"reviews": "/r/{asset_id}"}, "user_generated_content"),
])
def test_an_input_denied_against_the_rest_of_the_document_is_a_finding(member, value, implied):
    document = {member: value, "risk_grade": grade(**{implied: False})}
    found = consistency_findings(document, "d")
    assert [f.pointer for f in found] == [f"/risk_grade/assessment/inputs/{implied}"]
    assert found[0].rule == "R3"


def test_a_claimed_minors_measure_implies_minors():
    document = {"risk_grade": {**grade(minors=False), "measures": ["minors-age-gate"]}}
    assert [f.pointer for f in consistency_findings(document, "d")] == ["/risk_grade/assessment/inputs/minors"]


@pytest.mark.parametrize(("inputs", "fields", "grades"), [
    ({"minors": ["rights", "grave"]}, {}, {"low": 1}),
    ({}, {"social": ["planet", "general"]}, {"low": 1}),
    ({}, {"social": ["rights"]}, {"low": 1}),
    ({}, {}, {"medium": 2}),
])
def test_a_programme_table_outside_the_standard_is_inconclusive(inputs, fields, grades):
    with pytest.raises(Inconclusive):
        Method.of(inputs, fields, grades, 10)


flags = st.fixed_dictionaries({name: st.booleans() for name in
                               ("minors", "trading", "biometric_data", "user_generated_content", "generated_content")})


@given(flags, st.integers(min_value=0, max_value=5_000_000),
       st.sampled_from(["minors", "trading", "biometric_data", "user_generated_content", "generated_content"]))
def test_declaring_one_more_input_never_lowers_the_assigned_grade(inputs, users, extra):
    table = Method.of({"minors": ["rights", "serious"], "trading": ["rights", "serious"],
                       "biometric_data": ["rights", "especially-serious"],
                       "user_generated_content": ["public-order", "general"],
                       "generated_content": ["public-order", "general"],
                       LARGE_USER_BASE: ["public-order", "serious"]},
                      {"social": ["rights", "general"]}, {"low": 1, "medium": 2, "high": 3}, 1_000_000)
    before, _ = table.assign("social", {**inputs, "registered_users": users})
    after, _ = table.assign("social", {**inputs, extra: True, "registered_users": users})
    assert after >= before
    assert table.grades[table.grade_of(after)] >= table.grades[table.grade_of(before)]
