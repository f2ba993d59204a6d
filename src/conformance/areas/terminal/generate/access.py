"""Synthetic captures of accessibility features switched on (TD-ACC-004, TD-ACC-005, TD-ACC-006).

- Mono audio: the binaural rig's ears (:mod:`.binaural`: eight noise bursts around a fixed listener)
  recorded with the device's mono audio setting on (:func:`.binaural.mono_mix`).
- Seated mode: a headset held still on a stand at a seated eye height, its head pose at 90 Hz, while the
  laboratory switches seated mode on ``SWITCH_S`` into the capture; the device raises its reported height
  by the declared ``HEIGHT_OFFSET_M`` over ``RAMP_S``. ``x-seated-offset-m`` raises it by another amount,
  ``x-seated-shift-m`` also moves it forward by that much.
- Magnification: a calibrated camera at an eyepiece reading, 30 times a second, the angle the test application's
  capital H subtends (drawn at ``LETTER_DEG`` without magnification), while the laboratory switches the device's
  magnification on ``SWITCH_S`` into the capture; the device enlarges the view by ``MAGNIFICATION`` over
  ``RAMP_S``. ``x-magnification`` enlarges it by another factor, ``x-letter-deg`` draws the letter at another
  size (a device rendering the test's letter smaller than asked).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .binaural import T0, ears_spec

MONO_EARS_ID, SEATED_ID, VIEW_ID = "mono_ears", "seated_head", "eyepiece_camera"
STAND_HEIGHT_M, HEIGHT_OFFSET_M = 1.20, 0.45
SWITCH_S, RAMP_S = 1.5, 0.3
NOISE_M = 0.0003  # the tracking noise of each position axis (standard deviation)


def mono_ears_spec() -> dict[str, Any]:
    """The binaural rig's ears, recorded with the device's mono audio setting on."""
    spec = ears_spec()
    spec["id"] = MONO_EARS_ID
    spec["binaural"]["mono_audio"] = True
    return spec


def seated_spec() -> dict[str, Any]:
    """The head pose of a headset on a stand while seated mode is switched on."""
    return {"id": SEATED_ID, "type": "pose", "rate_hz": 90, "space": "stage", "path": "/user/head",
            "seated_mode": {"switched_on_t": T0 + round(SWITCH_S * 1e9), "height_offset_m": HEIGHT_OFFSET_M,
                            "stand": f"headset clamped on a fixed stand, its eyepieces {STAND_HEIGHT_M} m above the "
                                     "floor (a seated eye height), checked with a height gauge"}}


def seated_position(spec: dict[str, Any], s: float, index: int) -> np.ndarray:
    """The reported head position ``s`` seconds into the capture: the stand's, raised by the applied offset
    from the switch on (a linear ramp over RAMP_S), with NOISE_M of tracking noise."""
    offset = spec.get("x-seated-offset-m", spec["seated_mode"]["height_offset_m"])
    share = min(max((s - SWITCH_S) / RAMP_S, 0.0), 1.0)
    noise = np.random.default_rng(700 + index).normal(0.0, NOISE_M, 3)
    return np.array([0.0, STAND_HEIGHT_M + share * offset, -share * spec.get("x-seated-shift-m", 0.0)]) + noise


#: magnification: the letter's angular height without it (deg), the device's factor, the camera's reading noise
LETTER_DEG, MAGNIFICATION, VIEW_RATE_HZ, CAMERA_NOISE_DEG = 0.35, 2.5, 30, 0.002


def view_spec() -> dict[str, Any]:
    """A calibrated camera at the left eyepiece reading the reference letter while magnification is switched on."""
    return {"id": VIEW_ID, "type": "view_scale", "rate_hz": VIEW_RATE_HZ,
            "view_scale": {
                "instrument": {"model": "Reference EC-5 eyepiece camera, 0.01 deg per pixel", "serial": "EC5-0007",
                               "calibration": "angular scale against a reticle of known angles at the eye point",
                               "uncertainty": {"value": 0.01, "unit": "deg", "k": 2}},
                "target": {"height_deg": LETTER_DEG, "letter": "H"},
                "magnification": {"switched_on_t": T0 + round(SWITCH_S * 1e9)}}}


def view_frame(spec: dict[str, Any], s: float, index: int) -> dict[str, Any]:
    """The letter's angular height ``s`` seconds into the capture: the drawn size, enlarged from the switch on
    (a linear ramp over RAMP_S), with CAMERA_NOISE_DEG of reading noise."""
    letter = spec.get("x-letter-deg", spec["view_scale"]["target"]["height_deg"])
    factor = spec.get("x-magnification", MAGNIFICATION)
    share = min(max((s - SWITCH_S) / RAMP_S, 0.0), 1.0)
    noise = float(np.random.default_rng(900 + index).normal(0.0, CAMERA_NOISE_DEG))
    return {"height_deg": round(letter * (1.0 + share * (factor - 1.0)) + noise, 5)}
