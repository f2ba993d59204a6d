"""Tasking a twin's devices (SensorThings API Part 2 - Tasking Core, SC-FEED-004): the reference
service passes with feature tasking claimed (and its Sensing requirements still pass with the
tasking sets and links added), the SWE Common description is judged, and the values derived from
any description are allowed by it while the broken set is not (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.areas.scenes import tasking

FEED = ["SC-FEED-001", "SC-FEED-002", "SC-FEED-003", "SC-FEED-004"]
FAN = {"type": "DataRecord", "field": [
    {"name": "mode", "type": "Category", "constraint": {"type": "AllowedTokens", "value": ["off", "low", "high"]}},
    {"name": "duration", "type": "Quantity", "constraint": {"type": "AllowedValues", "interval": [[0, 3600]]}},
]}


def test_the_reference_feed_with_tasking_passes(serve_reference, run_manifest):
    url = serve_reference()
    result = run_manifest({"product": {"name": "t", "version": "1"},
                           "profiles": [{"id": "scene-twin-feed", "features": ["tasking"]}],
                           "targets": {"api": {"adapter": "http", "base_url": url}}})
    verdicts = {r.requirement: r.verdict.value for r in result.report.requirements if r.requirement in FEED}
    assert verdicts == dict.fromkeys(FEED, "pass")


def test_without_the_feature_tasking_is_not_judged(serve_reference, run_manifest):
    url = serve_reference(defects=["tasking-accepts-invalid"])
    result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": ["scene-twin-feed"],
                           "targets": {"api": {"adapter": "http", "base_url": url}}})
    [judged] = [r for r in result.report.requirements if r.requirement == "SC-FEED-004"]
    assert judged.verdict.value == "not_applicable"


@pytest.mark.parametrize(("description", "problem"), [
    (FAN, None),
    ({"mode": "string"}, "not a SWE Common DataRecord"),
    ({"type": "DataRecord", "field": []}, "no field list"),
    ({"type": "DataRecord", "field": [{"type": "Category"}]}, "has no name"),
    ({"type": "DataRecord", "field": [{"name": "x", "type": "Vector"}]}, "has type 'Vector'"),
    ({"type": "DataRecord", "field": [{"name": "x", "type": "Text"}, {"name": "x", "type": "Boolean"}]}, "repeat"),
])
def test_descriptions(description, problem):
    found = tasking.description_problems(description)
    assert (found == []) if problem is None else any(problem in p for p in found)


def test_the_fan_values():
    assert tasking.allowed_values(FAN) == {"mode": "off", "duration": 1800.0}
    values, what = tasking.disallowed_values(FAN)
    assert values["mode"] not in ("off", "low", "high") and "AllowedTokens" in what
    outside = tasking.value_problems(FAN, {"mode": "low", "duration": 3601})
    assert outside == ["duration: 3601 is outside [(0.0, 3600.0)]"]
    assert tasking.value_problems(FAN, {"mode": "low"}) == ["duration: missing"]


_field = st.one_of(
    st.builds(lambda tokens: {"type": "Category", "constraint": {"type": "AllowedTokens", "value": tokens}},
              st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=4, unique=True)),
    st.builds(lambda low, span, kind: {"type": kind, "constraint": {"type": "AllowedValues",
                                                                   "interval": [[low, low + span]]}},
              st.integers(-1000, 1000), st.integers(0, 1000), st.sampled_from(["Count", "Quantity"])),
    st.sampled_from([{"type": "Boolean"}, {"type": "Text"}, {"type": "Time"}, {"type": "Quantity"}]),
)


@given(st.lists(_field, min_size=1, max_size=6))
def test_derived_values_keep_the_description_and_the_broken_set_does_not(kinds):
    description = {"type": "DataRecord", "field": [{"name": f"f{i}", **kind} for i, kind in enumerate(kinds)]}
    assert tasking.description_problems(description) == []
    assert tasking.value_problems(description, tasking.allowed_values(description)) == []
    broken = tasking.disallowed_values(description)
    assert broken is not None
    assert tasking.value_problems(description, broken[0]) != []
