"""IF-RISK-001's measures where the platform gives nothing to exercise: a measure whose
declaration is missing is not in force; one the platform offers no way to exercise is not
checked (Unchecked), never failed. The measures in force and broken run against the reference
(suites/interfaces/known_bad.yaml)."""

from __future__ import annotations

import pytest

from conformance.areas.interfaces.risk import MEASURES, Platform, Unchecked
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
    terms = {**playtime.TERMS, "test_clock": False}
    with pytest.raises(Unchecked):
        MEASURES["playtime-limits"](platform({"minors": {"playtime": terms}}))


def test_windows_covering_the_whole_day_are_not_checked():
    terms = {**playtime.TERMS, "test_clock": True, "windows": [{"start": "00:00", "end": "23:59"}]}
    with pytest.raises(Unchecked):
        MEASURES["playtime-limits"](platform({"minors": {"playtime": terms}}))
