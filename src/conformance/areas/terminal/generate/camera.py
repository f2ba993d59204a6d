"""A visual sensor facing a calibration board at known places (TD-CAM-001, -002).

The camera (640 x 480 px, a 600 px focal length, slight barrel distortion) runs at 15 Hz; the laboratory's corner
finder gives each frame's board corners. The board (the catalog's 5 x 7 squares of 40 mm) stands at each of
``PLACES`` (range m, azimuth deg) in turn for ``HOLD_S`` (the last to the end of the capture); a calibrated laser
distance meter and rotary stage report its place at 15 Hz. Each corner is found where the declared intrinsics
project it, with a deterministic ripple of ``RIPPLE_PX``. The faults reach it through ``x-`` members of the camera
stream (faults.py sets them): ``x-focal-error`` (the lens's real focal length that share shorter than declared)
and ``x-miss`` (the board not found in every other frame).
"""

from __future__ import annotations

import math
from typing import Any

from ..camera import Intrinsics, project

SENSOR_ID, BOARD_ID = "rgb_camera", "calibration_board"
RATE_HZ = 15
PLACES = ((0.6, 0.0), (0.8, -15.0), (1.0, 12.0), (0.7, 20.0))
HOLD_S = 1.5
RIPPLE_PX = 0.15
CAMERA = {"width": 640, "height": 480, "fx": 600.0, "fy": 600.0, "cx": 320.0, "cy": 240.0,
          "distortion": [-0.05, 0.01, 0.0, 0.0, 0.0]}


def sensor_spec() -> dict[str, Any]:
    return {"id": SENSOR_ID, "type": "camera", "rate_hz": RATE_HZ, "camera": dict(CAMERA)}


def board_spec() -> dict[str, Any]:
    return {"id": BOARD_ID, "type": "calibration_board", "rate_hz": RATE_HZ, "annotates": SENSOR_ID,
            "calibration_board": {
                "instrument": {"model": "Reference LDM-10 laser distance meter",
                               "calibration": "against a calibrated steel tape on a 5 m rail, 2024-05-03",
                               "serial": "LDM-0003", "uncertainty": {"value": 0.0005, "unit": "m", "k": 2}},
                "stage": {"model": "Reference RS-360 rotary stage", "calibration": "against an angle encoder, 2024-05-03",
                          "serial": "RS-0002", "uncertainty": {"value": 0.01, "unit": "deg", "k": 2}},
                "target": {"kind": "chessboard, 5 x 7 squares of 40 mm, flat to 0.1 mm", "edge_m": 0.28}}}


def _place(s: float) -> tuple[float, float]:
    return PLACES[min(int(s / HOLD_S + 1e-9), len(PLACES) - 1)]


def board_frame(s: float, index: int) -> dict[str, Any]:
    d, az = _place(s)
    return {"distance_m": round(d + 0.0001 * math.sin(12.9898 * index), 5), "azimuth_deg": az}


def sensor_frame(spec: dict[str, Any], s: float, index: int) -> dict[str, Any]:
    if spec.get("x-miss") and index % 2:  # the board not found in every other frame
        return {"corners_px": []}
    held = spec["camera"]
    shorter = 1 - spec.get("x-focal-error", 0.0)
    real = Intrinsics(held["width"], held["height"], held["fx"] * shorter, held["fy"] * shorter, held["cx"],
                      held["cy"], tuple(held["distortion"]))
    uv = project(real, *_place(s))
    ripple = [RIPPLE_PX * math.sin(1.7 * index + 0.9 * k) for k in range(uv.size)]
    return {"corners_px": [round(float(v) + r, 2) for v, r in zip(uv.ravel(), ripple, strict=True)]}
