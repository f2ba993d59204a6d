"""A capture header's declarations (parsed JSON) read by shape: a member of another type reads as
absent, so a check narrows here once rather than trusting a shape another check validated."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject, JsonValue


def object_of(value: JsonValue) -> JsonObject:
    """``value`` when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def list_of(value: JsonValue) -> JsonArray:
    """``value`` when it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def is_finite(value: object) -> TypeGuard[int | float]:
    """A finite JSON number (a boolean is not one)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def finite(value: object) -> float | None:
    """``value`` as a float when it is a finite JSON number, else None."""
    return float(value) if is_finite(value) else None
