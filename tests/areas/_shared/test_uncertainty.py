"""The GUM helper and ILAC-G8 decision rules (areas/_shared/uncertainty.py), as properties."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from conformance.areas._shared.uncertainty import (
    DecisionRule, Measurement, decide, declared, expanded, u_mean, u_median, u_percentile, u_proportion, u_rate,
    u_rms)

finite = st.floats(-1e3, 1e3, allow_nan=False)
positive = st.floats(1e-6, 1e3, allow_nan=False)
rules = st.sampled_from([DecisionRule("simple"), DecisionRule("guarded")])


@given(finite, finite, positive, rules, st.sampled_from(["max", "min"]))
def test_the_guard_band_only_moves_pass_to_guard_band(value, limit, u, rule, kind):
    simple = decide(value, limit, kind, DecisionRule("simple"), u)
    got = decide(value, limit, kind, rule, u)
    assert simple in ("pass", "fail")  # simple acceptance is binary with no band
    if simple == "fail":
        assert got == "fail"  # beyond the tolerance limit fails whatever the rule
    elif rule.kind == "guarded":
        inside_band = (limit - u < value) if kind == "max" else (value < limit + u)
        assert got == ("guard_band" if inside_band else "pass")


@given(st.lists(finite, min_size=2, max_size=200))
def test_type_a_estimates_are_finite_and_scale_with_the_data(values):
    x = np.array(values)
    for f in (u_mean, u_median, u_rms, lambda v: u_percentile(v, 95)):
        u = f(x)
        assert u >= 0 and math.isfinite(u)
    assert u_mean(3 * x) == np.float64(3 * u_mean(x)) or math.isclose(u_mean(3 * x), 3 * u_mean(x), rel_tol=1e-9,
                                                                     abs_tol=1e-12)
    assert math.isclose(u_median(x), math.sqrt(math.pi / 2) * u_mean(x), rel_tol=1e-12, abs_tol=1e-15)


@given(st.floats(0, 1e3), st.floats(0, 1e3))
def test_the_expanded_uncertainty_is_k_2_in_quadrature(u_a, u_b):
    assert math.isclose(expanded(u_a, u_b), 2 * math.sqrt(u_a**2 + u_b**2), rel_tol=1e-12, abs_tol=1e-12)
    assert expanded(u_a, u_b) >= 2 * max(u_a, u_b) - 1e-9


def test_a_declared_uncertainty_is_read_defensively_and_a_share_applies_to_the_reading():
    assert declared({"uncertainty": {"value": 0.02, "unit": "N", "k": 2}}).standard(5.0) == 0.01
    assert declared({"uncertainty": {"value": 1, "unit": "%", "k": 2}}).standard(3.0) == 0.015
    for bad in (None, "0.02 N", {"uncertainty": {"value": -1, "unit": "N", "k": 2}},
                {"uncertainty": {"value": True, "unit": "N", "k": 2}},
                {"uncertainty": {"value": 1, "unit": "", "k": 2}},
                {"uncertainty": {"value": 1, "unit": "N", "k": 0}}):
        assert declared(bad) is None


def test_the_item_matches_interface_2():
    m = Measurement("TD-X-001", "R1", "q", "s", 1.9, "mm", 0.1, 0.3, True, 2.0, "max", DecisionRule("guarded"))
    item = m.item()
    assert item["outcome"] == "guard_band" and item["k"] == 2 and item["guard_band"] == item["uncertainty"]
    assert item["decision_rule"] == "guarded" and item["limit_kind"] == "max" and item["basis"] == "type A and B"


def test_a_share_of_trials_is_binomial_and_a_rate_of_events_poisson():
    assert math.isclose(u_proportion(90, 100), math.sqrt(0.9 * 0.1 / 100))
    assert u_proportion(0, 0) == 0.0 and u_proportion(10, 10) == 0.0
    assert math.isclose(u_rate(4, 2.0), 1.0) and u_rate(3, 0.0) == 0.0
