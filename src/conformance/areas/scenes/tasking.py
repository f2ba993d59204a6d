"""Tasking a twin's devices through OGC SensorThings API Part 2 - Tasking Core 1.0 (SC-FEED-004).

OGC 17-079r1 adds three entity sets to a SensorThings service: ``Actuators``,
``TaskingCapabilities`` (what an actuator of a Thing can be told to do, with the parameters a
task gives described as an OGC SWE Common 2.0 ``DataRecord`` in its JSON encoding) and
``Tasks`` (``taskingParameters``: the values of those fields, ``creationTime`` set by the
service). A client creates a Task by POSTing it to ``Tasks`` with its ``TaskingCapability``.

This module judges the SWE Common description (:func:`description_problems`), derives from it
one set of values it allows (:func:`allowed_values`) and one it does not
(:func:`disallowed_values`: a token outside ``AllowedTokens``, a number outside
``AllowedValues``, or a field left out), and checks a task's values against it
(:func:`value_problems`). The simple components judged are those SWE Common's JSON encoding
names: Boolean, Count, Quantity, Category, Text and Time. A DataRecord may hold any SWE Common
data component: one the harness cannot give a value for (a range, an aggregate, a constraint it
does not read) leaves that capability unjudged (:func:`unjudged_fields`), never failed. A field
marked ``optional`` (SWE Common 2.0 AbstractDataComponent, default false) may be left out, so
leaving it out breaks nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conformance.area import JsonObject

SETS = ("TaskingCapabilities", "Tasks", "Actuators")
COMPONENTS = {"Boolean", "Count", "Quantity", "Category", "Text", "Time"}
#: every data component SWE Common 2.0 defines (08-094r1, 7.2): a DataRecord field may be any of them
SWE_COMPONENTS = COMPONENTS | {"CategoryRange", "CountRange", "QuantityRange", "TimeRange", "DataRecord", "Vector",
                               "DataChoice", "DataArray", "Matrix"}
MAX_FIELDS = 50  # fields of one description judged; a cap on a hostile service, not a requirement


def fields(description: object) -> list[dict[str, Any]]:
    """The named fields of a DataRecord description (the well-formed ones; see description_problems)."""
    if not isinstance(description, dict) or not isinstance(description.get("field"), list):
        return []
    return [f for f in description["field"][:MAX_FIELDS] if isinstance(f, dict) and isinstance(f.get("name"), str)
            and f.get("type") in COMPONENTS]


def description_problems(description: object) -> list[str]:
    """What keeps ``taskingParameters`` from being a SWE Common DataRecord of named simple fields."""
    if not isinstance(description, dict) or description.get("type") != "DataRecord":
        return ["taskingParameters is not a SWE Common DataRecord (type DataRecord)"]
    declared = description.get("field")
    if not isinstance(declared, list) or not declared:
        return ["the DataRecord has no field list"]
    problems = []
    for index, item in enumerate(declared[:MAX_FIELDS]):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            problems.append(f"field {index} has no name")
        elif item.get("type") not in SWE_COMPONENTS:
            problems.append(f"field {item['name']} has type {item.get('type')!r}, not a SWE Common data component")
    names = [f["name"] for f in declared[:MAX_FIELDS] if isinstance(f, dict) and isinstance(f.get("name"), str)]
    if len(names) != len(set(names)):
        problems.append("field names repeat")
    return problems


def _tokens(field: dict[str, Any]) -> list[str] | None:
    constraint = field.get("constraint")
    if isinstance(constraint, dict) and constraint.get("type") == "AllowedTokens":
        values = constraint.get("value")
        if isinstance(values, list) and all(isinstance(v, str) for v in values) and values:
            return values
    return None


def _intervals(field: dict[str, Any]) -> list[tuple[float, float]] | None:
    constraint = field.get("constraint")
    if not (isinstance(constraint, dict) and constraint.get("type") == "AllowedValues"):
        return None
    found = []
    for pair in constraint.get("interval") or []:
        if (isinstance(pair, list) and len(pair) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in pair)):
            found.append((float(pair[0]), float(pair[1])))
    for value in constraint.get("value") or []:
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            found.append((float(value), float(value)))
    return found or None


def _optional(field: JsonObject) -> bool:
    return field.get("optional") is True


def unjudged_fields(description: object) -> list[str]:
    """The fields of a well-formed description (see description_problems) the harness cannot
    give a value it knows to be allowed: a component other than the simple ones, a Time with a
    constraint (AllowedTimes), a token pattern, a constraint it cannot read, or a Count interval
    holding no integer. A Task built without them would judge the harness, not the service."""
    if not isinstance(description, dict) or not isinstance(description.get("field"), list):
        return []
    found = []
    for item in description["field"][:MAX_FIELDS]:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        kind, constraint = item.get("type"), item.get("constraint")
        if kind not in COMPONENTS:
            found.append(f"{item['name']} ({kind})")
        elif constraint is None:
            continue
        elif kind in ("Category", "Text"):
            if _tokens(item) is None or (isinstance(constraint, dict) and "pattern" in constraint):
                found.append(f"{item['name']} (a token constraint without a list of values)")
        elif kind in ("Count", "Quantity"):
            intervals = _intervals(item)
            if intervals is None or (kind == "Count" and math.ceil(intervals[0][0]) > intervals[0][1]):
                found.append(f"{item['name']} (an AllowedValues constraint it cannot satisfy)")
        else:
            found.append(f"{item['name']} (a constraint on {kind})")
    return found


def _allowed(field: JsonObject) -> Any:
    kind = field["type"]
    if kind == "Boolean":
        return True
    if kind in ("Category", "Text"):
        tokens = _tokens(field)
        return tokens[0] if tokens else "conformance-test"
    if kind == "Time":
        return "2030-01-01T00:00:00Z"
    intervals = _intervals(field)
    low, high = intervals[0] if intervals else (0.0, 0.0)
    middle = (low + high) / 2
    return math.ceil(low) if kind == "Count" else middle


def allowed_values(description: object) -> dict[str, Any]:
    """One value for every field that its constraint allows."""
    return {field["name"]: _allowed(field) for field in fields(description)}


def disallowed_values(description: object) -> tuple[dict[str, Any], str] | None:
    """Allowed values with one broken (a token outside AllowedTokens, a number above every
    AllowedValues interval, or, with no constraint, a field that is not optional left out, else
    a Boolean, Count or Quantity given as text) and what was broken; None when nothing breaks
    it (every field optional text or time without a constraint)."""
    values = allowed_values(description)
    for field in fields(description):
        name = field["name"]
        tokens = _tokens(field)
        if tokens is not None and field["type"] in ("Category", "Text"):
            return {**values, name: "-".join(tokens) + "-not-allowed"}, f"{name}: a token outside AllowedTokens"
        intervals = _intervals(field)
        if intervals is not None and field["type"] in ("Count", "Quantity"):
            beyond = max(high for _, high in intervals) + 1
            return ({**values, name: math.ceil(beyond) if field["type"] == "Count" else beyond},
                    f"{name}: a value outside AllowedValues")
    for field in fields(description):
        if not _optional(field):
            name = field["name"]
            return {k: v for k, v in values.items() if k != name}, f"{name}: left out"
    for field in fields(description):
        if field["type"] in ("Boolean", "Count", "Quantity"):
            name = field["name"]
            return {**values, name: "not-a-" + field["type"].lower()}, f"{name}: text for a {field['type']}"
    return None


def value_problems(description: object, values: object) -> list[str]:
    """Where ``values`` (a Task's taskingParameters) break the description."""
    if not isinstance(values, dict):
        return ["taskingParameters is not a JSON object"]
    problems = []
    for field in fields(description):
        name, kind = field["name"], field["type"]
        if name not in values:
            if not _optional(field):
                problems.append(f"{name}: missing")
            continue
        value = values[name]
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if kind == "Boolean" and not isinstance(value, bool):
            problems.append(f"{name}: not a boolean")
        elif kind == "Count" and not (number and float(value).is_integer()):
            problems.append(f"{name}: not an integer")
        elif kind == "Quantity" and not number:
            problems.append(f"{name}: not a number")
        elif kind in ("Category", "Text", "Time") and not isinstance(value, str):
            problems.append(f"{name}: not a string")
        elif kind in ("Category", "Text") and (tokens := _tokens(field)) is not None and value not in tokens:
            problems.append(f"{name}: {value!r} is not one of {tokens}")
        elif kind in ("Count", "Quantity") and (intervals := _intervals(field)) is not None \
                and not any(low <= value <= high for low, high in intervals):
            problems.append(f"{name}: {value} is outside {intervals}")
    return problems
