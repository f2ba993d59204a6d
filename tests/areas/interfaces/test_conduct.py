"""The published code of conduct (IF-CODE-001) rule by rule, the sanction half of R4 that the
reference's planted defects do not reach, the near-miss categories the harness tries, and
sanctions across a user's linked identities (IF-CODE-002)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.adapters.deadline import verifying_context
from conformance.areas.interfaces.reporting import (
    categories,
    code_findings,
    outcome_findings,
    standing_findings,
    unpublished_categories,
)
from conformance.reference.interfaces.reporting import CONDUCT, TERMS
from conformance.reference.interfaces.standing import Community
from tests.conftest import manifest_for, verdicts

HARASSMENT = {"report_id": "r1", "category": "harassment",
              "outcome": {"decision": "sanction", "sanction": "warning", "rule": "CR-HAR-1",
                          "decided_at": "2026-11-23T00:00:00Z"}}


def test_the_reference_code_passes():
    assert code_findings(CONDUCT, TERMS, "GET /conduct-rules") == []
    assert outcome_findings(HARASSMENT, CONDUCT, "f") == []
    assert outcome_findings({"report_id": "r2", "category": "other"}, CONDUCT, "f") == []  # not decided yet


def test_a_rule_id_published_twice_and_categories_that_differ_are_findings():
    code = copy.deepcopy(CONDUCT)
    code["rules"][1]["id"] = code["rules"][0]["id"]
    assert [f.pointer for f in code_findings(code, TERMS, "f")] == ["/rules/1/id"]
    assert [f.rule for f in code_findings(CONDUCT, {**TERMS, "categories": ["harassment"]}, "f")] == ["R1"]


@pytest.mark.parametrize(("outcome", "pointer"), [
    ({"rule": "CR-HAR-1", "sanction": "ban"}, "/outcome/sanction"),  # a sanction the rule does not carry
    ({"rule": "CR-FRA-1"}, "/outcome/rule"),  # a rule of another category
    ({"rule": "https://example.com/rules#harassment"}, "/outcome/rule"),  # not a published rule
    ({}, "/outcome/rule"),  # no rule cited
])
def test_each_broken_citation_is_a_finding(outcome, pointer):
    report = {**HARASSMENT, "outcome": {"decision": "sanction", "decided_at": "2026-11-23T00:00:00Z", **outcome}}
    found = outcome_findings(report, CONDUCT, "f")
    assert [f.pointer for f in found] == [pointer] and {f.rule for f in found} == {"R4"}


@given(st.text(min_size=1, max_size=30).filter(lambda r: r not in {rule["id"] for rule in CONDUCT["rules"]}))
def test_any_rule_id_the_code_does_not_publish_is_a_finding(rule):
    report = {**HARASSMENT, "outcome": {**HARASSMENT["outcome"], "rule": rule}}
    assert [f.rule for f in outcome_findings(report, CONDUCT, "f")] == ["R4"]


@given(st.sets(st.text(min_size=1, max_size=20), min_size=1, max_size=8))
def test_the_categories_tried_as_unpublished_are_never_published_ones(published):
    tried = unpublished_categories(published)
    assert tried and not set(tried) & published
    assert len(tried) == len(set(tried))


def test_near_misses_of_the_published_categories_are_tried():
    tried = unpublished_categories(categories(CONDUCT))
    assert "FRAUD" in tried and " fraud " in tried and "conformance-unpublished-category" in tried


# -- sanctions across a user's linked identities (IF-CODE-002) --------------------------

A, B, C = (f"did:web:users.example:{n}" for n in "abc")


def test_a_linked_identity_shares_the_users_sanctions():
    community = Community()
    community.link(B, A)
    community.link(C, B)  # linked through B: still A's user
    community.sanction(A, {"sanction": "warning", "report_id": "r1"})
    for did in (A, B, C):
        standing = community.standing(did)
        assert standing_findings(standing, A, "warning", "r1", "f", "R2") == []
    assert community.standing("did:web:users.example:other")["sanctions"] == []


@pytest.mark.parametrize(("defect", "findings"), [
    ("sanction-not-recorded", {A: ["R1"], B: ["R2"]}),
    ("sanction-not-shared-with-linked", {A: [], B: ["R2"]}),
])
def test_each_planted_defect_breaks_its_rule(defect, findings):
    community = Community(frozenset({defect}))
    community.link(B, A)
    community.sanction(A, {"sanction": "warning", "report_id": "r1"})
    for did, rule in ((A, "R1"), (B, "R2")):
        found = standing_findings(community.standing(did), A, "warning", "r1", "f", rule)
        assert [f.rule for f in found] == findings[did]


def test_a_sanction_of_another_report_or_identity_does_not_count():
    standing = {"did": B, "sanctions": [{"identity": A, "sanction": "warning", "report_id": "r2"},
                                        {"identity": B, "sanction": "warning", "report_id": "r1"}]}
    assert [f.rule for f in standing_findings(standing, A, "warning", "r1", "f", "R2")] == ["R2"]


@pytest.mark.parametrize(("defects", "banned"), [
    (frozenset(), {A: True, B: True, C: False}),
    (frozenset({"sanction-not-enforced"}), {A: False, B: False, C: False}),
    (frozenset({"sanction-not-enforced-on-linked"}), {A: True, B: False, C: False}),
])
def test_a_trading_ban_follows_the_user_unless_a_defect_stops_it(defects, banned):
    community = Community(defects)
    community.link(B, A)
    community.sanction(A, {"sanction": "trading-ban", "report_id": "r1"})
    community.sanction(C, {"sanction": "warning", "report_id": "r2"})  # a warning bans nothing
    assert {did: community.banned(did) for did in (A, B, C)} == banned


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                       max_size=3), max_leaves=6)


@given(subject=json_values, category=json_values, description=json_values)
def test_the_reference_answers_any_report_body_with_a_problem_not_a_server_error(reference_url, subject, category,
                                                                                 description):
    """Schemathesis found a category given as an object answered 500 (an unhashable set
    lookup): any JSON body is a 400 problem or a filed report."""
    import httpx

    body = {"subject": subject, "category": category, "description": description}
    answer = httpx.post(reference_url + "/reports", json=body, headers={"Authorization": "Bearer t"}, timeout=30,
                        verify=verifying_context())
    assert answer.status_code in (201, 202, 400, 401, 403), answer.text


# -- IF-REPORT-001: the time limit is the standard's, from the report's receipt -------------------

@pytest.mark.parametrize(("respond_by", "decided_at", "rules"), [
    ("2026-01-02T00:00:00Z", "2026-01-01T00:00:05Z", []),
    ("2026-01-02T00:00:00Z", None, []),  # not decided yet: the test reads again past the limit
    ("2026-01-02T00:00:01Z", None, ["R2"]),
    ("2026-01-02T00:00:00Z", "2026-01-02T01:00:00Z", ["R4"]),
])
def test_a_report_keeps_the_standards_time_limit_from_its_receipt(respond_by, decided_at, rules):
    from conformance.areas.interfaces.reporting import answer_due, deadline_findings

    report = {"report_id": "r", "received_at": "2026-01-01T00:00:00Z", "respond_by": respond_by,
              **({"outcome": {"decision": "no-action", "decided_at": decided_at}} if decided_at else {})}
    assert [f.rule for f in deadline_findings(report, 86400, "f")] == rules
    assert answer_due(report, 86400).isoformat() == "2026-01-02T00:00:00+00:00"


def test_a_platform_that_decides_no_report_leaves_the_code_unjudged_not_passed(catalog, serve_reference,
                                                                               run_manifest):
    """IF-CODE-001 1.2: R4 is seen only on an outcome; reports never decided (even after the test
    clock passed the time limit) leave it inconclusive (before 1.2 the requirement passed)."""
    manifest = manifest_for(catalog, "interfaces-reporting", base_urls={"api": serve_reference(["report-unanswered"])})
    result = run_manifest(manifest, requirements=["IF-CODE-001"])
    assert verdicts(result) == {"IF-CODE-001": "inconclusive"}, [r.message for r in result.report.requirements]

