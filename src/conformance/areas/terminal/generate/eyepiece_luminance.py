"""A luminance meter at each eyepiece of a headset showing full-field white at its highest brightness (TD-DISP-011).

Each meter reads the nine field points the catalog fixes (the centre and eight at 15 degrees) once a second. The
reference display is some 120 cd/m^2 at the centre and falls off towards the edge of its lens as cos^4 of the field
angle (the natural vignetting of an optic), so the diagonal points read some 0.76 of the centre: well inside the
catalog's uniformity of 0.5. The faults reach it through ``x-`` members of the streams (faults.py sets them):
``x-gain`` scales every point (a dim display), ``x-edge-loss`` takes a share off the points at 15 degrees (a lens
whose edge is dark).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..eyepiece_luminance import POINTS

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject

LEFT_ID, RIGHT_ID = "lmd_left", "lmd_right"
RATE_HZ = 1
CENTRE_CD_M2 = 120.0


def meter_spec(eye: str) -> JsonObject:
    return {"id": LEFT_ID if eye == "left" else RIGHT_ID, "type": "eyepiece_luminance", "rate_hz": RATE_HZ,
            "eyepiece_luminance": {
                "eye": eye, "points_deg": [[h, v] for h, v in POINTS],
                "instrument": {"model": "Reference LM-2 spot luminance meter, 0.2 degree field, NED lens",
                               "calibration": "against a luminance standard source traceable to NIM, 2024-06-11",
                               "serial": f"LM2-000{1 if eye == 'left' else 2}",
                               "uncertainty": {"value": 3, "unit": "%", "k": 2}},
                "scene": "full-field white at the highest brightness"}}


def _planted(spec: Mapping[str, object], member: str, default: float) -> float:
    """A fault's ``x-`` member of the stream (faults.py sets it), else ``default``."""
    value = spec.get(member, default)
    return float(value) if isinstance(value, (int, float)) else default


def meter_frame(spec: Mapping[str, object], index: int) -> JsonObject:
    gain, edge_loss = _planted(spec, "x-gain", 1.0), _planted(spec, "x-edge-loss", 0.0)
    ripple = 1 + 0.005 * math.sin(1.7 * index)
    values: JsonArray = []
    for h, v in POINTS:
        angle = math.radians(math.hypot(h, v))
        edge = 1.0 - edge_loss if (h, v) != (0.0, 0.0) else 1.0
        values.append(float(f"{CENTRE_CD_M2 * gain * math.cos(angle) ** 4 * edge * ripple:.6g}"))
    return {"luminance_cd_m2": values}
