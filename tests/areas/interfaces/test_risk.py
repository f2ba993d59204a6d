"""IF-RISK-001's measures where the platform gives nothing to exercise: a measure whose
declaration is missing is not in force; one the platform offers no way to exercise is not
checked (Unchecked), never failed. The measures in force and broken run against the reference
(suites/interfaces/known_bad.yaml)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.areas.interfaces.risk import MEASURES, Platform, Unchecked, required_findings
from conformance.reference.assets import playtime
from conformance.reference.interfaces.routes import RISK_MEASURES


def platform(discovery: dict) -> Platform:
    return Platform(api=None, targets={}, discovery=discovery, identity_path="/test-identities")


def test_the_reference_claims_only_measures_the_harness_exercises():
    assert set(RISK_MEASURES) <= set(MEASURES)


@pytest.mark.parametrize(("measure", "member"), [
    ("misconduct-reporting", "reporting"),
    ("content-review", "content_review"),
    ("ai-labels", "ai_agents"),
    ("minors-trading-refused", "trading"),
    ("playtime-limits", "minors.playtime"),
])
def test_a_claimed_measure_without_its_declaration_is_not_in_force(measure, member):
    why = MEASURES[measure](platform({}))
    assert why is not None and why.key == "interfaces.risk-undeclared" and why.args["member"] == member


def test_play_time_limits_without_a_test_clock_are_not_checked():
    terms = {**playtime.TERMS, "request_time": False}
    with pytest.raises(Unchecked):
        MEASURES["playtime-limits"](platform({"minors": {"playtime": terms}}))


def test_windows_covering_the_whole_day_are_not_checked():
    terms = {**playtime.TERMS, "request_time": True, "windows": [{"start": "00:00", "end": "23:59"}]}
    with pytest.raises(Unchecked):
        MEASURES["playtime-limits"](platform({"minors": {"playtime": terms}}))


# -- IF-RISK-002: the grade claims what the programme requires at it ----------------------

REQUIRED = {"low": ["misconduct-reporting"], "high": ["misconduct-reporting", "content-review"]}


def test_the_default_requires_only_measures_of_the_vocabulary(catalog):
    default = catalog.profiles["interfaces-risk-grade"].parameters["required_measures"].default
    assert default and all(set(measures) <= set(MEASURES) for measures in default.values())


def test_a_grade_claiming_what_is_required_passes():
    assert required_findings({"grade": "high", "measures": ["content-review", "misconduct-reporting"]},
                             REQUIRED, "d") == []


@pytest.mark.parametrize(("grade", "rules", "pointers"), [
    ({"grade": "medium", "measures": ["misconduct-reporting"]}, ["R1"], ["/risk_grade/grade"]),
    ({"measures": ["misconduct-reporting"]}, ["R1"], ["/risk_grade/grade"]),
    ({"grade": "high", "measures": ["misconduct-reporting"]}, ["R2"], ["/risk_grade/measures"]),
    ({"grade": "high"}, ["R2"] * 2, ["/risk_grade/measures"] * 2),
])
def test_an_undeclared_grade_and_each_missing_measure_are_findings(grade, rules, pointers):
    found = required_findings(grade, REQUIRED, "d")
    assert [f.rule for f in found] == rules and [f.pointer for f in found] == pointers


@given(st.lists(st.sampled_from(sorted(MEASURES)), unique=True))
def test_exactly_the_required_measures_not_claimed_are_findings(claimed):
    found = required_findings({"grade": "high", "measures": claimed}, REQUIRED, "d")
    assert sorted(f.expected for f in found) == sorted(set(REQUIRED["high"]) - set(claimed))


def test_the_grade_observed_is_the_highest_level_its_features_reach(catalog):
    """IF-RISK-004: no feature seen is level 1 (low); each of the four features is level 2 (medium);
    a feature the table does not know raises nothing."""
    from conformance.areas.interfaces.risk_method import Method
    from conformance.areas.interfaces.risk_observed import FEATURES, grade_of

    p = catalog.profiles["interfaces-risk-grade"].parameters
    method = Method.of(p["risk_inputs"].default, p["risk_fields"].default, p["risk_grade_levels"].default,
                       p["large_user_base_users"].default)
    assert grade_of({}, method) == ("low", 1)
    for feature in FEATURES:
        assert grade_of({feature: "seen"}, method) == ("medium", 2), feature
    assert grade_of({"telepathy": "seen"}, method) == ("low", 1)
    assert grade_of(dict.fromkeys(FEATURES, "seen"), method) == ("medium", 2)


def test_the_reference_is_seen_to_have_every_feature_of_the_table(reference_url, tmp_path):
    """The four probes each see their feature at the reference (so its grade medium is observed,
    not read from its discovery document)."""
    from conformance.adapters import AdapterContext
    from conformance.adapters.http import HttpAdapter
    from conformance.areas.interfaces.risk_observed import FEATURES, observed

    api = HttpAdapter("api", {"adapter": "http", "base_url": reference_url}, AdapterContext(tmp_path / "m", {}))
    platform = Platform(api, {"api": api}, api.get("/.well-known/metaverse-interop").json(), "/test-identities")
    assert sorted(observed(platform)) == sorted(FEATURES)
