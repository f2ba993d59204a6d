"""A millimetre-wave radar facing a corner reflector at known places (TD-RADAR-001, -002).

The radar (a 60 GHz sensor with a 120-degree horizontal field of view) reports its detections at 20 Hz. A trihedral
corner reflector on a mast stands at each of ``PLACES`` (range m, azimuth deg) in turn for ``HOLD_S`` (the last to
the end of the capture); a calibrated laser distance meter and rotary stage report its place at 20 Hz. Each frame
holds the reflector's point, read ``RANGE_BIAS_M`` farther and with a deterministic ripple, and one clutter point
(a wall at 6 m, 40 degrees to the left). The faults reach it through ``x-`` members of the radar stream (faults.py
sets them): ``x-range-bias-m`` (metres read farther), ``x-azimuth-bias-deg`` (degrees read to the left) and
``x-miss`` (the reflector left out of every other frame).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conformance.area import JsonObject

SENSOR_ID, REFLECTOR_ID = "mmwave", "corner_reflector"
RATE_HZ = 20
PLACES = ((1.0, 0.0), (2.0, -20.0), (3.0, 15.0), (4.0, 30.0))
HOLD_S = 1.5
RANGE_BIAS_M, RIPPLE_M, RIPPLE_DEG = 0.01, 0.01, 0.3
CLUTTER = (6.0, 40.0)


def sensor_spec() -> JsonObject:
    return {"id": SENSOR_ID, "type": "radar", "rate_hz": RATE_HZ,
            "radar": {"fov_deg": 120, "band_ghz": [57, 64]}}


def reflector_spec() -> JsonObject:
    return {"id": REFLECTOR_ID, "type": "reflector", "rate_hz": RATE_HZ, "annotates": SENSOR_ID,
            "reflector": {"instrument": {"model": "Reference LDM-10 laser distance meter",
                                         "calibration": "against a calibrated steel tape on a 5 m rail, 2024-05-03",
                                         "serial": "LDM-0002", "uncertainty": {"value": 0.0015, "unit": "m", "k": 2}},
                          "stage": {"model": "Reference RS-360 rotary stage",
                                    "calibration": "against an angle encoder, 2024-05-03",
                                    "serial": "RS-0001", "uncertainty": {"value": 0.05, "unit": "deg", "k": 2}},
                          "target": {"kind": "trihedral corner reflector", "edge_m": 0.1}}}


def _place(s: float) -> tuple[float, float]:
    return PLACES[min(int(s / HOLD_S + 1e-9), len(PLACES) - 1)]


def reflector_frame(s: float, index: int) -> JsonObject:
    d, az = _place(s)
    return {"distance_m": round(d + 0.0003 * math.sin(12.9898 * index), 5), "azimuth_deg": az}


def sensor_frame(spec: dict[str, Any], s: float, index: int) -> JsonObject:
    d, az = _place(s)
    r = d + spec.get("x-range-bias-m", RANGE_BIAS_M) + RIPPLE_M * math.sin(2.3 * index)
    a = az + spec.get("x-azimuth-bias-deg", 0.0) + RIPPLE_DEG * math.sin(1.7 * index)
    if spec.get("x-miss") and index % 2:  # the reflector not detected in every other frame
        return {"range_m": [CLUTTER[0]], "azimuth_deg": [CLUTTER[1]]}
    return {"range_m": [round(r, 4), CLUTTER[0]], "azimuth_deg": [round(a, 3), CLUTTER[1]]}
