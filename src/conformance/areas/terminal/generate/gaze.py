"""A synthetic eye-tracker validation (TD-GAZE-002): the gaze an eye tracker records while a test shows
fixation targets one after another to a user whose head rests on a chin rest.

The gaze originates at ``EYE`` (stage space) and looks down -Z when straight ahead. Five targets are
shown for ``DWELL_S`` each, 1 m away in the directions ``TARGETS_DEG`` (azimuth anticlockwise from the
front, elevation upwards), declared in the stream's ``fixation_targets`` with the settle time the test
allows (``SETTLE_MS``). The eye reaches each target ``SACCADE_S`` after it appears (it looks at the
previous one until then); the tracker reports it ``BIAS_DEG`` to the left with ``NOISE_DEG`` of noise
per axis (standard deviation), and loses the eye for three samples in every forty (a blink: flags
clear, the pose that of a lid closing, looking 30 degrees down).

The ``x-`` members a fault sets in ``fixation_targets`` change what is recorded: ``x-offset-deg`` (the
gaze this much further to the left of every target), ``x-noise-deg`` (this much noise per axis instead),
``x-lost-target`` (the eye lost for the whole of that target's showing).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from . import apparatus
from .binaural import T0
from .motion import yaw_pitch_roll

GAZE_RIG_ID = "gaze_rig"
RATE_HZ = 120
EYE = (0.0, 1.6, 0.0)
TARGETS_DEG = ((0.0, 0.0), (10.0, 8.0), (-10.0, 8.0), (-10.0, -8.0), (10.0, -8.0))
DWELL_S, SETTLE_MS, SACCADE_S, DISTANCE_M = 1.0, 400, 0.2, 1.0
BIAS_DEG, NOISE_DEG = 0.3, 0.03
BLINK_EVERY, BLINK_FRAMES = 40, 3


def _looking(azimuth_deg: float, elevation_deg: float) -> np.ndarray:
    a, e = math.radians(azimuth_deg), math.radians(elevation_deg)
    return np.array([-math.sin(a) * math.cos(e), math.sin(e), -math.cos(a) * math.cos(e)])


def gaze_rig_spec() -> dict[str, Any]:
    """The eye-gaze stream's declaration, with the validation sequence it recorded."""
    targets = [{"t": T0 + round(k * DWELL_S * 1e9), "duration_ms": DWELL_S * 1e3,
                "position": {a: round(c + DISTANCE_M * float(d), 6)
                             for a, c, d in zip("xyz", EYE, _looking(*direction), strict=True)}}
               for k, direction in enumerate(TARGETS_DEG)]
    return {"id": GAZE_RIG_ID, "type": "eye_gaze", "rate_hz": RATE_HZ, "space": "stage", "path": "/user/eyes_ext",
            "fixation_targets": {"settle_ms": SETTLE_MS, "targets": targets,
                                 "display": "5 mm dots on a screen 1 m ahead, chin rest, after the tracker's "
                                            "own 5-point calibration",
                                 "instrument": {"kind": "validation_display",
                                                "model": "eye tracker validation display, 5 mm dots at 1 m, chin rest",
                                                **apparatus.declared("VD-0001"),
                                                "calibration": "target positions and the chin rest's eye point "
                                                               "measured with a coordinate measuring arm"}}}


def validation_gaze(spec: dict[str, Any], s: float, index: int) -> dict[str, Any]:
    """The frame at ``s`` seconds into the sequence (its ``index``-th): the gaze pose and its flags."""
    declared = spec["fixation_targets"]
    shown = min(int(s // DWELL_S), len(TARGETS_DEG) - 1)
    on = shown if s - shown * DWELL_S >= SACCADE_S else max(shown - 1, 0)
    azimuth, elevation = TARGETS_DEG[on]
    lost = declared.get("x-lost-target") == shown
    if lost or index % BLINK_EVERY < BLINK_FRAMES:
        q, flags = yaw_pitch_roll(math.radians(azimuth), math.radians(elevation - 30.0), 0.0), 0
    else:
        noise = np.random.default_rng(700 + index).normal(0.0, declared.get("x-noise-deg", NOISE_DEG), 2)
        azimuth += BIAS_DEG + declared.get("x-offset-deg", 0.0) + float(noise[0])
        q, flags = yaw_pitch_roll(math.radians(azimuth), math.radians(elevation + float(noise[1])), 0.0), 0xF
    return {"pose": {"orientation": {a: round(float(v), 6) for a, v in zip("xyzw", q, strict=True)},
                     "position": dict(zip("xyz", EYE, strict=True))}, "flags": flags}
