"""An eye tracker in front of an artificial eye a stage steps (TD-GAZE-003): the headset is held on a fixture,
and an artificial eye, turned by a galvanometer stage with an angle encoder, jumps from one direction to the next
every ``DWELL_S`` and ``STAGGER_S`` more (``STEPS_DEG``: azimuth anticlockwise from the front, elevation upwards), each jump done in
under a millisecond; the stagger spreads the steps over a sample period of the tracker, so that where a step
falls between two samples averages out over the jumps rather than repeating one phase. The stream declares the schedule in ``reference_eye``: each step's time (the encoder's,
on the capture clock) and the eye's direction from then.

The tracker (``STEPPED_ID``, 120 Hz) reports the eye as it was ``LATENCY_S`` before, with ``NOISE_DEG`` of
noise per axis (standard deviation). The ``x-`` member a fault sets in ``reference_eye`` changes what is
recorded: ``x-latency-s`` (the eye as it was this much longer before).
"""

from __future__ import annotations

import math

import numpy as np

from . import apparatus
from .binaural import T0
from .faultkit import Frame, Spec
from .motion import yaw_pitch_roll

STEPPED_ID = "gaze_stepped"
RATE_HZ = 120
EYE = (0.0, 1.6, 0.0)
#: where the eye starts, then the eleven jumps: 10 to 20 degrees each, across both axes
STEPS_DEG = ((0.0, 0.0), (10.0, 0.0), (-10.0, 0.0), (0.0, 8.0), (0.0, -8.0), (10.0, 8.0), (-10.0, -8.0),
             (10.0, -8.0), (-10.0, 8.0), (0.0, 0.0), (15.0, 0.0), (-5.0, 0.0))
START_S, DWELL_S, STAGGER_S = 0.25, 0.5, 0.00077  # 11 jumps x 0.77 ms: about one period at 120 Hz
LATENCY_S, NOISE_DEG = 0.008, 0.03
SECONDS = START_S + (DWELL_S + STAGGER_S) * len(STEPS_DEG)  # 6.26 s: the last step held for its whole dwell


def _looking(azimuth_deg: float, elevation_deg: float) -> dict[str, float]:
    a, e = math.radians(azimuth_deg), math.radians(elevation_deg)
    return {"x": round(-math.sin(a) * math.cos(e), 6), "y": round(math.sin(e), 6),
            "z": round(-math.cos(a) * math.cos(e), 6)}


def _step_s(k: int) -> float:
    return START_S + k * (DWELL_S + STAGGER_S)


def stepped_spec() -> Spec:
    """The eye-gaze stream's declaration, with the steps the stage made."""
    steps = [{"t": T0 + round(_step_s(k) * 1e9), "direction": _looking(*direction)}
             for k, direction in enumerate(STEPS_DEG)]
    return {"id": STEPPED_ID, "type": "eye_gaze", "rate_hz": RATE_HZ, "space": "stage", "path": "/user/eyes_ext",
            "reference_eye": {"steps": steps,
                              "eye": "artificial eye with a pupil and cornea, 24 mm, at the headset's eye "
                                     "point; the headset on a fixture",
                              "instrument": {"kind": "artificial_eye_stage",
                                             "model": "two-axis galvanometer stage with angle encoders, step "
                                                      "settled in under 1 ms", **apparatus.declared("GS-0001"),
                                             "calibration": "the encoder's clock aligned to the capture clock "
                                                            "and the eye's directions measured with an "
                                                            "autocollimator, before the session"}}}


def stepped_gaze(spec: Spec, s: float, index: int) -> Frame:
    """The frame at ``s`` seconds (its ``index``-th): the gaze at the direction the eye had a latency before."""
    seen = s - LATENCY_S - spec["reference_eye"].get("x-latency-s", 0.0)
    step = max((k for k in range(len(STEPS_DEG)) if seen >= _step_s(k)), default=0)
    azimuth, elevation = STEPS_DEG[step]
    noise = np.random.default_rng(960_000 + index).normal(0.0, NOISE_DEG, 2)
    q = yaw_pitch_roll(math.radians(azimuth + float(noise[0])), math.radians(elevation + float(noise[1])), 0.0)
    return {"pose": {"orientation": {a: round(float(v), 6) for a, v in zip("xyzw", q, strict=True)},
                     "position": dict(zip("xyz", EYE, strict=True))}, "flags": 0xF}
