"""JSON numbers as JSON defines them: one number type, an integer being a number whose value
is integral. JSON Schema 2020-12 (Validation 6.1.1, and Core 4.2.2: "1.0" and "1" are the same
integer) accepts ``15.0`` where an integer is required; so does every check of a product's
data here. ``true`` is no number (Python's bool is an int)."""

from __future__ import annotations

import math
from typing import TypeGuard


def is_integer(value: object) -> TypeGuard[int | float]:
    """Whether ``value`` (as a JSON parser gives it) is an integer: an int that is no bool,
    or a finite float whose value is integral (``15.0``, not ``15.5``)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value) and value.is_integer()


def as_integer(value: object) -> int | None:
    """``value`` as an int when it is an integer (:func:`is_integer`), else None."""
    return int(value) if is_integer(value) else None


def as_float(value: object) -> float:
    """A JSON number as a float: an integer beyond a float's range as the infinity of its sign, anything that is
    no number (a bool, a string, none) NaN: a target's numbers never raise."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return math.nan
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf
