"""A controller clamped still on a locked rotary stage for a minute (TD-PERF-003).

The stream is tracked at 30 Hz; the hold starts a second into the capture and lasts 60 s, the least the catalog
asks. The clean device shows 0.2 mm and 0.02 degrees of tracking noise and no drift. The faults reach it through
``x-`` members of the stream (faults.py sets them): ``x-drift-mm`` moves the tracked position along +X by that much
over the hold, ``x-yaw-drift-deg`` turns the tracked orientation about +Y by that much over the hold.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from .apparatus import declared
from .binaural import T0

if TYPE_CHECKING:
    from conformance.area import JsonObject

HOLD_ID = "rig_hold"
T0_OFFSET_S, DURATION_S = 1.0, 60.0
POSITION = np.array([0.3, 1.2, -0.5])
NOISE_M, NOISE_RAD = 0.0002, math.radians(0.02)


def hold_spec(space: str, t0: int = T0) -> JsonObject:
    return {"id": HOLD_ID, "type": "pose", "rate_hz": 30, "space": space, "path": "/user/hand/right",
            "reference_hold": {"t0": t0 + round(T0_OFFSET_S * 1e9), "duration_s": DURATION_S,
                               "rig": "rotary stage locked, controller clamped at its grip 0.3 m from the axis",
                               "instrument": {"kind": "rotary_stage",
                                              "model": "Reference RS-1 rotary stage with an angle encoder",
                                              **declared("RS-0001"),
                                              "calibration": "angle encoder against an autocollimator, before the "
                                                             "session"}}}


def _planted(spec: Mapping[str, object], member: str) -> float:
    """A fault's ``x-`` member of the stream (faults.py sets it), else 0."""
    value = spec.get(member, 0.0)
    return float(value) if isinstance(value, (int, float)) else 0.0


def hold_frame(spec: Mapping[str, object], s: float, index: int) -> tuple[np.ndarray, np.ndarray]:
    """(orientation x, y, z, w; position) of the held controller at ``s`` seconds, as tracked."""
    share = min(max((s - T0_OFFSET_S) / DURATION_S, 0.0), 1.0)
    draw = np.random.default_rng(index)
    position = POSITION + np.array([_planted(spec, "x-drift-mm") * 1e-3 * share, 0.0, 0.0])
    yaw = math.radians(_planted(spec, "x-yaw-drift-deg")) * share
    tilt = draw.normal(0.0, NOISE_RAD, 3)
    half = 0.5 * (yaw + tilt[1])
    q = np.array([0.5 * tilt[0], math.sin(half), 0.5 * tilt[2], math.cos(half)])
    return q / np.linalg.norm(q), position + draw.normal(0.0, NOISE_M, 3)
