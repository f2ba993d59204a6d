"""An infrared depth sensor facing a flat reference target on a rail (TD-DEPTH-001, -002).

The sensor reports a 4 x 4 pixel region at the centre of its field of view at 30 Hz. The target, a flat diffuse
board, stands at each of ``DISTANCES_M`` in turn for ``HOLD_S`` (the last to the end of the capture); a calibrated
laser distance meter reports its distance at 30 Hz. The sensor reads ``BIAS`` of the distance more, with a
deterministic ripple of ``NOISE`` of the distance over time and of ``SPREAD`` across pixels. The faults reach it
through ``x-`` members of the depth stream (faults.py sets them): ``x-bias`` (the share read more) and
``x-noise`` (the ripple's share over time).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conformance.area import JsonObject

SENSOR_ID, TARGET_ID = "tof", "tof_target"
ROWS = COLUMNS = 4
RATE_HZ = 30
DISTANCES_M = (0.5, 1.0, 2.0, 3.0)
HOLD_S = 1.5
BIAS, NOISE, SPREAD = 0.002, 0.001, 0.0005


def sensor_spec() -> JsonObject:
    return {"id": SENSOR_ID, "type": "depth", "rate_hz": RATE_HZ,
            "depth_region": {"rows": ROWS, "columns": COLUMNS, "unit": "m",
                             "sensor": {"kind": "time-of-flight", "wavelength_nm": 940}}}


def target_spec() -> JsonObject:
    return {"id": TARGET_ID, "type": "range_target", "rate_hz": RATE_HZ, "annotates": SENSOR_ID,
            "range_target": {"instrument": {"model": "Reference LDM-10 laser distance meter",
                                            "calibration": "against a calibrated steel tape on a 5 m rail, 2024-05-03",
                                            "serial": "LDM-0001", "uncertainty": {"value": 0.0015, "unit": "m", "k": 2}},
                             "target": {"surface": "flat diffuse board, 90 % reflectance at 940 nm",
                                        "size_m": [0.6, 0.6]}}}


def _distance(s: float) -> float:
    return DISTANCES_M[min(int(s / HOLD_S + 1e-9), len(DISTANCES_M) - 1)]


def target_frame(s: float, index: int) -> JsonObject:
    return {"distance_m": round(_distance(s) + 0.0002 * math.sin(12.9898 * index), 5)}


def sensor_frame(spec: dict[str, Any], s: float, index: int) -> JsonObject:
    d = _distance(s)
    over_time = spec.get("x-noise", NOISE) * math.sin(2.3 * index) * 1.4
    read = d * (1 + spec.get("x-bias", BIAS) + over_time)
    return {"depth_m": [round(read + d * SPREAD * math.sin(1.7 * k + 0.3 * index), 5) for k in range(ROWS * COLUMNS)]}
