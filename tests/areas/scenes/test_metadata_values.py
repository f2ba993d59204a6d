"""Metadata values against their class properties (conformance.areas.scenes.metadata, SC-TILE-010):
each component type's range holds exactly at its ends, min and max bound the transformed value,
arrays keep their count, enums name their values; the largest INT64 is read exactly."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.areas.scenes import metadata


def judge(spec: dict[str, Any], value: Any, enums: dict[str, Any] | None = None) -> list[str]:
    schema = {"id": "s", "classes": {"c": {"properties": {"p": spec}}}, "enums": enums or {}}
    tileset = {"asset": {"version": "1.1"}, "root": {}, "metadata": {"class": "c", "properties": {"p": value}}}
    return [str(f.rule) for f in metadata.value_findings(tileset, schema)]


@given(st.sampled_from(sorted(metadata.INTEGERS)), st.data())
def test_an_integer_is_in_range_exactly_up_to_its_type_ends(component_type, data):
    low, high = metadata.INTEGERS[component_type]
    inside = data.draw(st.integers(low, high))
    assert judge({"type": "SCALAR", "componentType": component_type}, inside) == []
    outside = data.draw(st.sampled_from([low - 1, high + 1]))
    assert judge({"type": "SCALAR", "componentType": component_type}, outside) == ["R2"]


def test_the_largest_int64_is_within_range():
    """Read as a double (as JavaScript does) 2**63 - 1 becomes 2**63: read exactly, it is in range."""
    assert judge({"type": "SCALAR", "componentType": "INT64", "array": True}, [9223372036854775807]) == []


@given(st.integers(0, 255), st.floats(0.1, 10), st.floats(-5, 5))
def test_min_and_max_bound_the_transformed_value(raw, scale, offset):
    spec = {"type": "SCALAR", "componentType": "UINT8", "normalized": True, "scale": scale, "offset": offset}
    actual = offset + scale * (raw / 255)
    assert judge({**spec, "min": actual, "max": actual}, raw) == []
    assert judge({**spec, "max": actual - 0.01}, raw) == ["R3"]
    assert judge({**spec, "min": actual + 0.01}, raw) == ["R3"]


@pytest.mark.parametrize(("spec", "value", "rules"), [
    ({"type": "VEC3", "componentType": "FLOAT32"}, [1, 2, 3], []),
    ({"type": "VEC3", "componentType": "FLOAT32"}, [1, 2], ["R1"]),
    ({"type": "SCALAR", "componentType": "FLOAT32", "array": True, "count": 2}, [1.5, 2], []),
    ({"type": "SCALAR", "componentType": "FLOAT32", "array": True, "count": 2}, [1.5], ["R1"]),
    ({"type": "BOOLEAN"}, 1, ["R1"]),
    ({"type": "STRING"}, "x", []),
    ({"type": "SCALAR", "componentType": "INT8"}, 1.5, ["R2"]),
    ({"type": "SCALAR", "componentType": "FLOAT32"}, 1e39, ["R2"]),
    ({"type": "SCALAR", "componentType": "UINT8", "max": 10, "noData": 255}, 255, []),
    ({"type": "VEC2", "componentType": "FLOAT64", "min": [0, 0], "max": [1, 1]}, [0.5, 2], ["R3"]),
], ids=["vec3", "vec3-short", "fixed-array", "fixed-array-short", "boolean-as-number", "string", "int-fraction",
        "float32-overflow", "no-data-exempt", "vec-max"])
def test_forms_ranges_and_bounds(spec, value, rules):
    assert judge(spec, value) == rules


def test_an_enum_value_names_a_value_of_its_enum():
    enums = {"e": {"values": [{"name": "A", "value": 0}, {"name": "B", "value": 1}]}}
    spec = {"type": "ENUM", "enumType": "e"}
    assert judge(spec, "A", enums) == []
    assert judge(spec, "C", enums) == ["R4"]
    assert judge({**spec, "array": True}, ["A", "Z"], enums) == ["R4"]
