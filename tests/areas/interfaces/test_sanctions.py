"""Timed sanctions (IF-CODE-004, IF-CODE-005) and the ban (IF-CODE-006): the harness's choice of
period, how it reads a refusal as naming the sanction, and the reference's enforcement, lapse
and test moderation clock (suites/interfaces/known_bad.yaml runs the suite against the
planted defects)."""

from __future__ import annotations

import time

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conformance.adapters.deadline import verifying_context
from conformance.areas.interfaces.sanctions import ALLOWED, REFUSED, declared_sanctions, names_sanction, period_for
from conformance.reference.assets.ledger import Refused
from conformance.reference.interfaces import moderation
from conformance.reference.interfaces.reporting import CONDUCT
from conformance.reference.interfaces.standing import Community

A, B = "did:web:users.example:a", "did:web:users.example:b"


def test_the_reference_declares_both_timed_sanctions_with_their_periods():
    declared = declared_sanctions(CONDUCT)
    assert set(REFUSED) <= set(declared)
    for sanction in REFUSED:
        assert declared[sanction]["min_period_s"] <= declared[sanction]["max_period_s"]


@pytest.mark.parametrize(("spec", "wanted", "expected"), [
    ({}, 3, (3, True)),  # no declared bounds: the wanted period
    ({"min_period_s": 1, "max_period_s": 60}, 3, (3, True)),
    ({"min_period_s": 0, "max_period_s": 60}, 3, (3, True)),
    ({"min_period_s": 10, "max_period_s": 60}, 3, (10, False)),  # the declared minimum, too long to wait
    ({"min_period_s": 1, "max_period_s": 2}, 3, (2, True)),  # the declared maximum
])
def test_the_period_is_the_wanted_one_within_the_declared_bounds(spec, wanted, expected):
    assert period_for(spec, wanted) == expected


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=1, max_value=10_000),
       st.integers(min_value=1, max_value=60))
def test_the_period_never_leaves_the_declared_bounds(low, span, wanted):
    period, waits = period_for({"min_period_s": low, "max_period_s": low + span}, wanted)
    assert max(low, 1) <= period <= low + span
    assert waits == (period <= wanted)


@pytest.mark.parametrize(("body", "named"), [
    ({"type": "https://x.example/problems/sanctioned", "sanction": "mute"}, True),
    ({"type": "https://x.example/problems/muted", "detail": "a mute is in force"}, True),
    ({"type": "https://x.example/problems/forbidden", "detail": "not allowed"}, False),
    ({"sanction": "suspension"}, False),
    (["mute"], False),
])
def test_a_refusal_names_the_sanction_in_its_member_type_or_detail(body, named):
    assert names_sanction(body, "mute") is named


def test_the_harness_never_expects_an_allowed_action_refused():
    for sanction in REFUSED:
        assert not set(REFUSED[sanction]) & set(ALLOWED[sanction])


def _impose(community: Community, did: str, sanction: str, seconds: float) -> None:
    now = time.time()
    community.sanction(did, {"sanction": sanction, "since": moderation.stamp(now),
                             "until": moderation.stamp(now + seconds), "_ends": now + seconds})


@pytest.mark.parametrize("sanction", sorted(REFUSED))
def test_the_reference_refuses_what_a_sanction_names_on_every_linked_identity(sanction):
    community = Community()
    community.link(B, A)
    _impose(community, A, sanction, 60)
    for did in (A, B):
        for action in REFUSED[sanction]:
            with pytest.raises(moderation.Sanctioned) as refused:
                community.enforce(did, action)
            assert refused.value.status == 403 and refused.value.extra["sanction"] == sanction
        for action in ALLOWED[sanction]:
            community.enforce(did, action)  # no refusal


@pytest.mark.parametrize("sanction", sorted(REFUSED))
def test_a_lapsed_sanction_refuses_nothing_and_is_no_longer_listed(sanction):
    community = Community()
    _impose(community, A, sanction, -1)
    community.enforce(A, "publish")
    assert community.standing(A)["sanctions"] == []
    never = Community(frozenset({f"{sanction}-never-lapses"}))
    _impose(never, A, sanction, -1)
    with pytest.raises(Refused):
        never.enforce(A, "publish")


@pytest.mark.parametrize("sanction", sorted(REFUSED))
def test_each_planted_defect_bends_its_own_sanction_only(sanction):
    other = next(s for s in REFUSED if s != sanction)
    for defect in ("not-enforced", "not-on-linked"):
        community = Community(frozenset({f"{sanction}-{defect}"}))
        community.link(B, A)
        _impose(community, A, other, 60)
        with pytest.raises(moderation.Sanctioned):
            community.enforce(B, "publish")  # the other sanction is still enforced on the linked identity


@pytest.fixture(scope="module")
def client(reference_url):
    with httpx.Client(verify=verifying_context(), base_url=reference_url) as http:
        yield http


def _identity(client: httpx.Client) -> dict[str, str]:
    body = client.post("/test-identities", json={}).json()
    return {"Authorization": f"Bearer {body['token']}"}


@pytest.mark.parametrize("body", [
    None, [], {}, {"sanction": "exile", "duration_s": 3}, {"sanction": "mute"},
    {"sanction": "mute", "duration_s": 0}, {"sanction": "mute", "duration_s": True},
    {"sanction": "mute", "duration_s": "3"}, {"sanction": "mute", "duration_s": 3, "rule": 7},
    {"sanction": ["mute"], "duration_s": 3},
])
def test_the_moderation_endpoint_refuses_a_bad_body_with_a_400_problem(client, body):
    response = client.post(moderation.MODERATION_PATH, json=body, headers=_identity(client))
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_moderation_endpoint_needs_the_identity_s_token(client):
    response = client.post(moderation.MODERATION_PATH, json={"sanction": "mute", "duration_s": 3})
    assert response.status_code == 401


def test_a_muted_identity_is_refused_with_a_problem_naming_the_mute(client):
    headers = _identity(client)
    imposed = client.post(moderation.MODERATION_PATH, json={"sanction": "mute", "duration_s": 60}, headers=headers)
    assert imposed.status_code == 201 and imposed.json()["sanction"] == "mute" and "until" in imposed.json()
    refused = client.post("/assets", json={}, headers=headers)
    assert refused.status_code == 403 and refused.json()["sanction"] == "mute"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8) | st.sampled_from(sorted(moderation.DECLARED)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sanction=json_values, duration=json_values, rule=json_values)
def test_the_moderation_endpoint_answers_any_body_with_a_problem_or_a_sanction(client, sanction, duration, rule):
    """What a test moderation endpoint is sent is open-ended: a 400 problem or a sanction
    imposed, never a server error (a sanction given as a list was a TypeError once)."""
    headers = _identity(client)
    answer = client.post(moderation.MODERATION_PATH, json={"sanction": sanction, "duration_s": duration, "rule": rule},
                         headers=headers)
    assert answer.status_code in (201, 400), answer.text
    if answer.status_code == 400:
        assert answer.headers["content-type"].startswith("application/problem+json")


# -- the test moderation clock and the permanent ban (IF-CODE-006) -------------------------

def test_with_a_test_clock_the_period_is_long_and_its_lapse_always_checked():
    from conformance.areas.interfaces.sanctions import CLOCK_PERIOD_S
    assert period_for({"min_period_s": 1, "max_period_s": 30 * 86400}, 3, clock=True) == (CLOCK_PERIOD_S, True)
    assert period_for({"min_period_s": 1, "max_period_s": 60}, 3, clock=True) == (60, True)  # the declared maximum
    assert period_for({"min_period_s": 7200, "max_period_s": 9000}, 3, clock=True) == (7200, True)


def test_the_longest_period_is_the_largest_declared_maximum():
    from conformance.areas.interfaces.sanctions import longest_period
    assert longest_period(declared_sanctions(CONDUCT)) == moderation.MAX_PERIOD_S
    assert longest_period({"ban": {"id": "ban"}}) is None


def test_aging_a_users_sanctions_lapses_them_on_every_linked_identity():
    community = Community()
    community.link(B, A)
    _impose(community, A, "mute", 3600)
    with pytest.raises(moderation.Sanctioned):
        community.enforce(B, "publish")
    community.age(B, 3601)  # the clock of A's user, asked through its linked identity
    community.enforce(A, "publish")
    community.enforce(B, "publish")


def _ban(community: Community, did: str, defects: frozenset[str] = frozenset()) -> None:
    record = {"sanction": "ban", "since": moderation.stamp(time.time())}
    if "ban-lapses" in defects:
        record["_ends"] = time.time() + moderation.MAX_PERIOD_S
    community.sanction(did, record)


def test_a_ban_refuses_everything_on_linked_identities_and_outlasts_any_clock():
    community = Community()
    community.link(B, A)
    _ban(community, A)
    community.age(A, moderation.MAX_ADVANCE_S)
    for did in (A, B):
        for action in ("read", "publish", "act"):
            with pytest.raises(moderation.Sanctioned) as refused:
                community.enforce(did, action)
            assert refused.value.extra == {"sanction": "ban"}  # no end to name


@pytest.mark.parametrize(("defect", "did", "action"), [
    ("ban-reads-served", A, "read"), ("ban-not-on-linked", B, "publish"),
])
def test_each_ban_defect_lets_through_only_what_it_names(defect, did, action):
    community = Community(frozenset({defect}))
    community.link(B, A)
    _ban(community, A)
    community.enforce(did, action)  # let through
    with pytest.raises(moderation.Sanctioned):
        community.enforce(A, "publish")  # the rest still refused


def test_a_lapsing_ban_ends_with_the_longest_timed_period():
    defects = frozenset({"ban-lapses"})
    community = Community(defects)
    _ban(community, A, defects)
    with pytest.raises(moderation.Sanctioned):
        community.enforce(A, "read")
    community.age(A, moderation.MAX_PERIOD_S + 1)
    community.enforce(A, "read")


@pytest.mark.parametrize("body", [None, {}, {"advance_s": -1}, {"advance_s": 1.5}, {"advance_s": True},
                                  {"advance_s": moderation.MAX_ADVANCE_S + 1}])
def test_the_moderation_clock_refuses_a_bad_body_with_a_400_problem(client, body):
    response = client.post(moderation.MODERATION_CLOCK_PATH, json=body, headers=_identity(client))
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_moderation_clock_lapses_a_mute_and_not_a_ban(client):
    muted = _identity(client)
    client.post(moderation.MODERATION_PATH, json={"sanction": "mute", "duration_s": 3600}, headers=muted)
    assert client.post("/assets", json={}, headers=muted).status_code == 403
    assert client.post(moderation.MODERATION_CLOCK_PATH, json={"advance_s": 3601}, headers=muted).status_code == 200
    assert client.post("/assets", json={}, headers=muted).status_code == 422  # served again: the body is bad
    banned = _identity(client)
    imposed = client.post(moderation.MODERATION_PATH, json={"sanction": "ban"}, headers=banned)
    assert imposed.status_code == 201 and "until" not in imposed.json()
    client.post(moderation.MODERATION_CLOCK_PATH, json={"advance_s": moderation.MAX_ADVANCE_S}, headers=banned)
    refused = client.post("/assets", json={}, headers=banned)
    assert refused.status_code == 403 and refused.json()["sanction"] == "ban"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seconds=json_values)
def test_the_moderation_clock_answers_any_body_with_a_problem_or_the_advance(client, seconds):
    """What a test clock is sent is open-ended: a 400 problem or the advance, never a server error."""
    answer = client.post(moderation.MODERATION_CLOCK_PATH, json={"advance_s": seconds}, headers=_identity(client))
    assert answer.status_code in (200, 400), answer.text
    if answer.status_code == 200:
        assert answer.json()["advanced_s"] == seconds
    else:
        assert answer.headers["content-type"].startswith("application/problem+json")


# -- a rule the harness could not check (issue 59): inconclusive, naming it; a broken one still fails --

def _suite():
    from tests.conftest import load_module
    from tests.paths import ROOT

    return load_module("suite_interfaces_sanctions", ROOT / "suites" / "interfaces" / "test_sanctions.py")


class _Subject:
    """An actor whose every action is answered ``status``."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.who = type("Who", (), {"did": A})()

    def do(self, action: str):
        return type("Answer", (), {"status": self.status, "method": "POST", "url": "http://p.example/assets"})()


def test_a_refusal_answered_after_the_period_leaves_its_rule_unchecked_not_failed():
    from conformance._record.evidence import Evidence

    evidence = Evidence()
    late = time.monotonic() - 10  # imposed 10 s ago, for 3 s: the sanction may rightly have lapsed
    judged = _suite().refused_check(_Subject(201), "publish", "mute", 3, late, None, evidence, "R1")
    assert judged is False and not evidence.findings_count
    assert list(evidence.unjudged_inputs) == ["rule R1"]
    assert "moderation_clock_path" in evidence.unjudged_inputs["rule R1"]


def test_a_refusal_missing_within_the_period_is_still_a_finding():
    from conformance._record.evidence import Evidence

    evidence = Evidence()
    judged = _suite().refused_check(_Subject(201), "publish", "mute", 3600, time.monotonic(), None, evidence,
                                    "R1")
    assert judged is True and evidence.findings_count == 1 and not evidence.unjudged_inputs


NO_CLOCK = {"moderation_clock_path": "/no-test-clock"}


def _judged(catalog, run_manifest, base_url: str, requirement: str, parameters: dict | None = None):
    """The report's record of ``requirement`` run on the reference at ``base_url``."""
    from tests.conftest import manifest_for

    manifest = manifest_for(catalog, "interfaces-reporting", base_urls={"api": base_url}, parameters=parameters)
    result = run_manifest(manifest, requirements=[requirement])
    return next(r for r in result.report.requirements if r.requirement == requirement)


@pytest.fixture
def long_shortest_periods(monkeypatch):
    """A platform whose mute and suspension last at least ten minutes: without a test clock the
    harness waits for neither (the reference's code of conduct is served from this dict)."""
    for sanction in REFUSED:
        monkeypatch.setitem(moderation.DECLARED[sanction], "min_period_s", 600)


@pytest.mark.slow
def test_if_code_004_without_a_clock_is_inconclusive_naming_the_lapse_rule(catalog, serve_reference, run_manifest,
                                                                          long_shortest_periods):
    record = _judged(catalog, run_manifest, serve_reference([]), "IF-CODE-004", NO_CLOCK)
    assert record.verdict.value == "inconclusive", record.message
    assert "rule R3" in record.message and "moderation_clock_path" in record.message


@pytest.mark.slow
def test_if_code_004_without_a_clock_still_fails_a_sanction_not_enforced(catalog, serve_reference, run_manifest,
                                                                        long_shortest_periods):
    record = _judged(catalog, run_manifest, serve_reference(["mute-not-enforced"]), "IF-CODE-004", NO_CLOCK)
    assert record.verdict.value == "fail", record.message
    assert "under the sanction 'mute', was answered 201" in record.message


@pytest.mark.slow
def test_if_code_006_without_a_clock_is_inconclusive_naming_the_permanence_rule(catalog, serve_reference,
                                                                               run_manifest):
    record = _judged(catalog, run_manifest, serve_reference([]), "IF-CODE-006", NO_CLOCK)
    assert record.verdict.value == "inconclusive", record.message
    assert "rule R3" in record.message and "moderation_clock_path" in record.message


@pytest.mark.slow
def test_if_code_006_without_a_clock_still_fails_a_ban_that_serves_reads(catalog, serve_reference, run_manifest):
    record = _judged(catalog, run_manifest, serve_reference(["ban-reads-served"]), "IF-CODE-006", NO_CLOCK)
    assert record.verdict.value == "fail", record.message


@pytest.mark.slow
@pytest.mark.parametrize("requirement", ["IF-CODE-004", "IF-CODE-005", "IF-CODE-006"])
def test_with_the_reference_s_clock_every_rule_is_checked_and_holds(catalog, reference_url, run_manifest,
                                                                    requirement):
    record = _judged(catalog, run_manifest, reference_url, requirement)
    assert record.verdict.value == "pass", record.message
