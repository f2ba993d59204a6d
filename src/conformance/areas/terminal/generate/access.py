"""Synthetic captures of accessibility features switched on (TD-ACC-004, TD-ACC-005).

- Mono audio: the binaural rig's ears (:mod:`.binaural`: eight noise bursts around a fixed listener)
  recorded with the device's mono audio setting on (:func:`.binaural.mono_mix`).
- Seated mode: a headset held still on a stand at a seated eye height, its head pose at 90 Hz, while the
  laboratory switches seated mode on ``SWITCH_S`` into the capture; the device raises its reported height
  by the declared ``HEIGHT_OFFSET_M`` over ``RAMP_S``. ``x-seated-offset-m`` raises it by another amount,
  ``x-seated-shift-m`` also moves it forward by that much.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .binaural import T0, ears_spec

MONO_EARS_ID, SEATED_ID = "mono_ears", "seated_head"
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
