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
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

SETS = ("TaskingCapabilities", "Tasks", "Actuators")
COMPONENTS = {"Boolean", "Count", "Quantity", "Category", "Text", "Time"}
#: every data component SWE Common 2.0 defines (08-094r1, 7.2): a DataRecord field may be any of them
SWE_COMPONENTS = COMPONENTS | {"CategoryRange", "CountRange", "QuantityRange", "TimeRange", "DataRecord", "Vector",
                               "DataChoice", "DataArray", "Matrix"}
# every field of a description is judged: its first 50 were, silently, until the sixty-ninth reading (h133-ocaps);
# the description is already read whole within the response bound, and judging a field is a look at it


@dataclass(frozen=True)
class Field:
    """A named field of a simple component type of a DataRecord: its name, its type and its JSON."""
    name: str
    kind: str
    data: JsonObject


def fields(description: object) -> list[Field]:
    """The named fields of a DataRecord description (the well-formed ones; see description_problems)."""
    declared = description.get("field") if isinstance(description, dict) else None
    if not isinstance(declared, list):
        return []
    found = []
    for item in declared:
        name, kind = (item.get("name"), item.get("type")) if isinstance(item, dict) else (None, None)
        if isinstance(item, dict) and isinstance(name, str) and isinstance(kind, str) and kind in COMPONENTS:
            found.append(Field(name, kind, item))
    return found


def description_problems(description: object) -> list[str]:
    """What keeps ``taskingParameters`` from being a SWE Common DataRecord of named simple fields."""
    if not isinstance(description, dict) or description.get("type") != "DataRecord":
        return ["taskingParameters is not a SWE Common DataRecord (type DataRecord)"]
    declared = description.get("field")
    if not isinstance(declared, list) or not declared:
        return ["the DataRecord has no field list"]
    problems = []
    for index, item in enumerate(declared):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
            problems.append(f"field {index} has no name")
        elif item.get("type") not in SWE_COMPONENTS:
            problems.append(f"field {item['name']} has type {item.get('type')!r}, not a SWE Common data component")
    names = [f["name"] for f in declared if isinstance(f, dict) and isinstance(f.get("name"), str)]
    if len(names) != len(set(names)):
        problems.append("field names repeat")
    return problems


def _tokens(field: JsonObject) -> list[str] | None:
    constraint = field.get("constraint")
    if isinstance(constraint, dict) and constraint.get("type") == "AllowedTokens":
        values = constraint.get("value")
        tokens = [v for v in values if isinstance(v, str)] if isinstance(values, list) else []
        if tokens and isinstance(values, list) and len(tokens) == len(values):
            return tokens
    return None


def _finite(value: JsonValue) -> float | None:
    """A finite number as a float, else None."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _intervals(field: JsonObject) -> list[tuple[float, float]] | None:
    constraint = field.get("constraint")
    if not (isinstance(constraint, dict) and constraint.get("type") == "AllowedValues"):
        return None
    found = []
    pairs, values = constraint.get("interval"), constraint.get("value")
    for pair in pairs if isinstance(pairs, list) else []:
        ends = [_finite(v) for v in pair] if isinstance(pair, list) else []
        low, high = ends if len(ends) == 2 else (None, None)
        if low is not None and high is not None:
            found.append((low, high))
    for value in values if isinstance(values, list) else []:
        number = _finite(value)
        if number is not None:
            found.append((number, number))
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
    for item in description["field"]:
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


def _allowed(field: Field) -> JsonValue:
    kind = field.kind
    if kind == "Boolean":
        return True
    if kind in ("Category", "Text"):
        tokens = _tokens(field.data)
        return tokens[0] if tokens else "conformance-test"
    if kind == "Time":
        return "2030-01-01T00:00:00Z"
    intervals = _intervals(field.data)
    low, high = intervals[0] if intervals else (0.0, 0.0)
    middle = (low + high) / 2
    return math.ceil(low) if kind == "Count" else middle


def allowed_values(description: object) -> JsonObject:
    """One value for every field that its constraint allows."""
    return {field.name: _allowed(field) for field in fields(description)}


def disallowed_values(description: object) -> tuple[JsonObject, str] | None:
    """Allowed values with one broken (a token outside AllowedTokens, a number above every
    AllowedValues interval, or, with no constraint, a field that is not optional left out, else
    a Boolean, Count or Quantity given as text) and what was broken; None when nothing breaks
    it (every field optional text or time without a constraint)."""
    values = allowed_values(description)
    for field in fields(description):
        name = field.name
        tokens = _tokens(field.data)
        if tokens is not None and field.kind in ("Category", "Text"):
            return {**values, name: "-".join(tokens) + "-not-allowed"}, f"{name}: a token outside AllowedTokens"
        intervals = _intervals(field.data)
        if intervals is not None and field.kind in ("Count", "Quantity"):
            beyond = max(high for _, high in intervals) + 1
            return ({**values, name: math.ceil(beyond) if field.kind == "Count" else beyond},
                    f"{name}: a value outside AllowedValues")
    for field in fields(description):
        if not _optional(field.data):
            name = field.name
            return {k: v for k, v in values.items() if k != name}, f"{name}: left out"
    for field in fields(description):
        if field.kind in ("Boolean", "Count", "Quantity"):
            name = field.name
            return {**values, name: "not-a-" + field.kind.lower()}, f"{name}: text for a {field.kind}"
    return None


def value_problems(description: object, values: object) -> list[str]:
    """Where ``values`` (a Task's taskingParameters) break the description."""
    if not isinstance(values, dict):
        return ["taskingParameters is not a JSON object"]
    problems = []
    for field in fields(description):
        name, kind = field.name, field.kind
        if name not in values:
            if not _optional(field.data):
                problems.append(f"{name}: missing")
            continue
        value = values[name]
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        if kind == "Boolean" and not isinstance(value, bool):
            problems.append(f"{name}: not a boolean")
        elif kind == "Count" and not (number is not None and float(number).is_integer()):

            problems.append(f"{name}: not an integer")
        elif kind == "Quantity" and number is None:
            problems.append(f"{name}: not a number")
        elif kind in ("Category", "Text", "Time") and not isinstance(value, str):
            problems.append(f"{name}: not a string")
        elif kind in ("Category", "Text") and (tokens := _tokens(field.data)) is not None and value not in tokens:
            problems.append(f"{name}: {value!r} is not one of {tokens}")
        elif kind in ("Count", "Quantity") and number is not None \
                and (intervals := _intervals(field.data)) is not None \
                and not any(low <= number <= high for low, high in intervals):


            problems.append(f"{name}: {value} is outside {intervals}")
    return problems
