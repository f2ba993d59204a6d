"""Metadata values of a 3D Tiles 1.1 tileset against their class properties (SC-TILE-010).

The 3D Metadata Specification that 3D Tiles 1.1 uses ("Metadata", its "JSON Format") encodes
each value of an entity (of the tileset, a group, a tile or a content) by its property's
``type``, ``componentType``, ``array`` and ``count``. :func:`value_findings` judges, per value:

* ``value-type``: the JSON form: a number for a SCALAR, an array of N numbers for a VECN or MATN,
  a string for a STRING or ENUM, a boolean for a BOOLEAN; an array of those for an array
  property, of exactly ``count`` elements when it has one ("Arrays");
* ``component-range``: an integer component is an integer within its ``componentType``'s range,
  a FLOAT32 component a finite number within float32's range ("Component Type");
* ``min-max``: each component, after the ``normalized``, ``offset`` and ``scale`` transforms, is
  within the property's ``min`` and ``max`` (both inclusive; a ``noData`` value is exempt)
  ("Minimum and Maximum Values"; the class property schema's ``min``/``max``);
* ``enum-name``: an ENUM value names a value of its enum ("Enums", JSON encoding).

Names of classes and properties are SC-TILE-008's (:func:`.tiles.metadata_names`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeGuard

from conformance import Finding, msg

from .._shared.numbers import is_integer
from . import tiles

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: componentType -> (lowest, highest) integer, as the specification's "Component Type" lists them
INTEGERS = {f"{sign}INT{bits}": ((-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if sign == "" else (0, (1 << bits) - 1))
            for sign in ("", "U") for bits in (8, 16, 32, 64)}
FLOAT32_MAX = 3.4028234663852886e38
COMPONENTS = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT2": 4, "MAT3": 9, "MAT4": 16}


def _number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _form_ok(value: object, kind: str) -> bool:
    """Whether one (non-array) value has the JSON form of ``kind``."""
    if kind in ("STRING", "ENUM"):
        return isinstance(value, str)
    if kind == "BOOLEAN":
        return isinstance(value, bool)
    size = COMPONENTS.get(kind)
    if size == 1:
        return _number(value)
    return (size is not None and isinstance(value, list) and len(value) == size
            and all(_number(v) for v in value))


def _components(value: JsonValue) -> list[JsonValue]:
    """The components of a SCALAR, VECN, MATN or array of them, flattened in order."""
    if isinstance(value, list):
        return [c for item in value for c in _components(item)]
    return [value]


def _numbers(value: JsonValue) -> list[float] | None:
    """:func:`_components` when each is a number, else None."""
    found = [c for c in _components(value) if _number(c)]
    return found if len(found) == len(_components(value)) else None


def _normalize(value: float, component_type: str) -> float:
    low, high = INTEGERS[component_type]
    return max(value / high, -1.0) if low < 0 else value / high


def value_findings(tileset: JsonObject, schema: JsonObject) -> list[Finding]:
    """The findings of every metadata value whose class and property the schema defines."""
    classes = tiles._classes(schema)
    given = schema.get("enums")
    enums: JsonObject = given if isinstance(given, dict) else {}
    found: list[Finding] = []
    for pointer, entity in tiles._entities(tileset):
        cls = entity.get("class") if isinstance(entity, dict) else None
        if not isinstance(entity, dict) or not isinstance(cls, str) or cls not in classes:
            continue  # SC-TILE-008's finding, or the schema's
        values = entity.get("properties")
        if not isinstance(values, dict):
            continue
        defined = tiles._properties(classes[cls])
        for name, value in values.items():
            spec = defined.get(name)
            if isinstance(spec, dict):
                found.extend(_value(f"{pointer}/properties/{name}", name, value, spec, enums))
    return found


def _value(pointer: str, name: str, value: JsonValue, spec: JsonObject, enums: JsonObject) -> Iterator[Finding]:
    kind = spec.get("type")
    if not isinstance(kind, str):
        return
    if "noData" in spec and value == spec["noData"]:
        return
    elements = value if spec.get("array") is True and isinstance(value, list) else None
    count = spec.get("count")
    if spec.get("array") is True:
        shape_ok = elements is not None and all(_form_ok(v, kind) for v in elements) and (
            not is_integer(count) or len(elements) == count)
    else:
        shape_ok = _form_ok(value, kind)
    if not shape_ok:
        expected = msg("scenes.metadata-expect-form", type=kind, array=str(spec.get("array") is True).lower(),
                       count=count if is_integer(count) else "-")
        yield Finding.of(msg("scenes.metadata-value-form", name=name, type=kind), pointer=pointer,
                         expected=expected, actual=value, rule="R1")
        return
    if kind == "ENUM":
        yield from _enum(pointer, name, elements if elements is not None else [value], spec, enums)
        return
    component_type = spec.get("componentType")
    if kind not in COMPONENTS or not isinstance(component_type, str):
        return
    components = _numbers(value)
    if components is None:
        return  # not numbers: the form's finding above
    yield from _ranges(pointer, name, components, component_type)
    yield from _bounds(pointer, name, components, spec, component_type)


def _enum(pointer: str, name: str, items: list[JsonValue], spec: JsonObject, enums: JsonObject) -> Iterator[Finding]:
    enum_type = spec.get("enumType")
    enum = enums.get(enum_type) if isinstance(enum_type, str) else None
    listed = enum.get("values") if isinstance(enum, dict) else None
    if not isinstance(listed, list):
        return  # the schema's finding
    names = sorted({str(v["name"]) for v in listed if isinstance(v, dict) and isinstance(v.get("name"), str)})
    for item in items:
        if item not in names:
            yield Finding.of(msg("scenes.metadata-enum-unknown", name=name, value=item, enum=str(spec["enumType"])),
                             pointer=pointer, expected=names, actual=item, rule="R4")


def _ranges(pointer: str, name: str, components: list[float], component_type: str) -> Iterator[Finding]:
    if component_type in INTEGERS:
        low, high = INTEGERS[component_type]
        for index, c in enumerate(components):
            if not is_integer(c) or not low <= c <= high:
                yield Finding.of(msg("scenes.metadata-component-range", name=name, type=component_type),
                                 pointer=pointer, expected=f"integer in [{low}, {high}]", actual=c, index=index,
                                 rule="R2")
    elif component_type == "FLOAT32":
        for index, c in enumerate(components):
            if not math.isfinite(c) or abs(c) > FLOAT32_MAX:
                yield Finding.of(msg("scenes.metadata-component-range", name=name, type=component_type),
                                 pointer=pointer, expected=f"[-{FLOAT32_MAX:g}, {FLOAT32_MAX:g}]", actual=c,
                                 index=index, rule="R2")


def _spread(value: JsonValue, size: int) -> list[float] | None:
    """``min``, ``max``, ``offset`` or ``scale`` flattened like the value's components (None when
    its shape differs: the schema's finding)."""
    flat = _numbers(value)
    return flat if flat is not None and len(flat) == size else None


def _slack(bound: float) -> float:
    """Rounding of the transform in binary floating point, not a tolerance of the rule."""
    return abs(bound) * 1e-12


def _bounds(pointer: str, name: str, components: list[float], spec: JsonObject,

            component_type: str) -> Iterator[Finding]:
    if "min" not in spec and "max" not in spec:
        return
    size = len(components)
    offset = _spread(spec.get("offset", [0] * size), size) or [0] * size
    scale = _spread(spec.get("scale", [1] * size), size) or [1] * size
    normalized = spec.get("normalized") is True and component_type in INTEGERS
    low = _spread(spec["min"], size) if "min" in spec else None
    high = _spread(spec["max"], size) if "max" in spec else None
    for index, raw in enumerate(components):
        value = _normalize(raw, component_type) if normalized else raw
        actual = offset[index] + scale[index] * value
        below = low is not None and actual < low[index] - _slack(low[index])
        above = high is not None and actual > high[index] + _slack(high[index])
        if below or above:
            bound = f"[{low[index] if low else '-inf'}, {high[index] if high else 'inf'}]"
            yield Finding.of(msg("scenes.metadata-out-of-bounds", name=name, value=actual, bounds=bound),
                             pointer=pointer, expected=bound, actual=actual, index=index, rule="R3")
