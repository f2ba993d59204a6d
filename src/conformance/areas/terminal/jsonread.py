"""A capture header's declarations (parsed JSON) read by shape: a member of another type reads as
absent, so a check narrows here once rather than trusting a shape another check validated."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, TypeGuard

import numpy as np
import numpy.typing as npt

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


def min_max(value: object) -> tuple[float, float] | None:
    """A declared range's (``min``, ``max``) as floats (an IPD range's); None unless it is an object whose
    ``min`` and ``max`` are JSON numbers (a boolean is not one)."""
    if not isinstance(value, dict):
        return None
    low, high = value.get("min"), value.get("max")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high)):
        return None
    return float(low), float(high)  # type: ignore[arg-type]


def orientation_norm(located: JsonObject) -> float | None:
    """The norm of the orientation quaternion of ``located["pose"]`` (an OpenXR space location's, a joint's); None
    unless its x, y, z and w are each a finite number."""
    pose = located.get("pose")
    q = pose.get("orientation") if isinstance(pose, dict) else None
    parts = [finite(q.get(k)) for k in "xyzw"] if isinstance(q, dict) else []
    values = [v for v in parts if v is not None]
    return math.sqrt(sum(v * v for v in values)) if len(values) == 4 else None


def text(value: object) -> str | None:
    """``value`` when it is a text that is not blank, else None."""
    return value if isinstance(value, str) and value.strip() else None


def calibrated_model(value: JsonValue) -> str | None:
    """A declared instrument's ``model`` when it names it and how it was ``calibration``-ed (both texts);
    else None."""
    instrument = object_of(value)
    model = text(instrument.get("model"))
    return model if model is not None and text(instrument.get("calibration")) is not None else None


def instrument_and_stage(spec: JsonObject, member: str) -> tuple[str | None, str | None]:
    """(the instrument's model, the stage's model) a reference stream declares under ``member`` (a reflector's
    distance meter, a calibration board's, an indenter's load cell; each on its stage), each None unless it names
    its model and calibration (:func:`calibrated_model`)."""
    held = object_of(spec.get(member))
    return calibrated_model(held.get("instrument")), calibrated_model(held.get("stage"))


def vector(value: object, members: str) -> npt.NDArray[np.float64] | None:
    """A declared object's numeric ``members`` (``"xyz"``, ``"xyzw"``) as an array; None unless each
    is a finite number (shared by the declarations of test signals and fixation targets)."""
    if not isinstance(value, dict):
        return None
    got = [value.get(m) for m in members]
    if not all(is_finite(v) for v in got):
        return None
    return np.array(got, dtype=np.float64)


def number_or(value: JsonValue, default: float) -> float:
    """``value`` as a float when it is a finite JSON number, else ``default`` (a member left out)."""
    number = finite(value)
    return default if number is None else number
