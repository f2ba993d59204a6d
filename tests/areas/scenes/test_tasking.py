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
    ({"type": "DataRecord", "field": [{"name": "x", "type": "Vector"}]}, None),  # a SWE Common component
    ({"type": "DataRecord", "field": [{"name": "x", "type": "Polygon"}]}, "has type 'Polygon'"),
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


@pytest.mark.parametrize(("field", "unjudged"), [
    ({"type": "QuantityRange"}, True),
    ({"type": "DataRecord", "field": [{"name": "y", "type": "Boolean"}]}, True),
    ({"type": "Time", "constraint": {"type": "AllowedTimes", "interval": [["2030-01-01Z", "2030-12-31Z"]]}}, True),
    ({"type": "Text", "constraint": {"type": "AllowedTokens", "pattern": "[a-z]+"}}, True),
    ({"type": "Count", "constraint": {"type": "AllowedValues", "interval": [[0.2, 0.8]]}}, True),
    ({"type": "Quantity", "constraint": {"type": "AllowedValues", "interval": [[0, 1]]}}, False),
    ({"type": "Time"}, False),
])
def test_fields_the_harness_cannot_give_an_allowed_value_leave_the_capability_unjudged(field, unjudged):
    """SC-FEED-004 1.1: a DataRecord may hold any SWE Common component; a Task the harness cannot
    build from the description would judge the harness, so that capability is not judged (not failed)."""
    description = {"type": "DataRecord", "field": [{"name": "x", **field}]}
    assert tasking.description_problems(description) == []
    assert bool(tasking.unjudged_fields(description)) is unjudged


def test_an_optional_field_is_not_the_one_left_out():
    """SWE Common 2.0: a field marked optional may be left out, so leaving it out breaks nothing."""
    description = {"type": "DataRecord", "field": [{"name": "note", "type": "Text", "optional": True},
                                                  {"name": "on", "type": "Boolean"}]}
    values, what = tasking.disallowed_values(description)
    assert values == {"note": "conformance-test"} and what == "on: left out"
    assert tasking.value_problems(description, {"on": True}) == []
    only_optional = {"type": "DataRecord", "field": [{"name": "on", "type": "Boolean", "optional": True}]}
    values, what = tasking.disallowed_values(only_optional)
    assert values == {"on": "not-a-boolean"} and tasking.value_problems(only_optional, values) != []
    assert tasking.disallowed_values({"type": "DataRecord", "field": [
        {"name": "note", "type": "Text", "optional": True}]}) is None  # nothing breaks it


_field = st.one_of(
    st.builds(lambda tokens: {"type": "Category", "constraint": {"type": "AllowedTokens", "value": tokens}},
              st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=4, unique=True)),
    st.builds(lambda low, span, kind: {"type": kind, "constraint": {"type": "AllowedValues",
                                                                   "interval": [[low, low + span]]}},
              st.integers(-1000, 1000), st.integers(0, 1000), st.sampled_from(["Count", "Quantity"])),
    st.sampled_from([{"type": "Boolean"}, {"type": "Text"}, {"type": "Time"}, {"type": "Quantity"}]),
)


@given(st.lists(st.tuples(_field, st.booleans()), min_size=1, max_size=6))
def test_derived_values_keep_the_description_and_the_broken_set_does_not(kinds):
    description = {"type": "DataRecord", "field": [{"name": f"f{i}", **kind, **({"optional": True} if optional else {})}
                                                  for i, (kind, optional) in enumerate(kinds)]}
    assert tasking.description_problems(description) == []
    assert tasking.value_problems(description, tasking.allowed_values(description)) == []
    broken = tasking.disallowed_values(description)
    if broken is None:  # only optional, unconstrained text and times: nothing breaks the description
        assert all(optional and kind["type"] in ("Text", "Time") for kind, optional in kinds)
        return
    assert tasking.value_problems(description, broken[0]) != []
