"""TD-GAZE-003's artificial eye while the gaze is read through annex D (TD-GAZE-006): the same stage steps the
same artificial eye (:mod:`.gazesteps`), and the laboratory's test application locates the eye-gaze space with
``xrLocateSpace`` at the tracker's rate, logging each answer as it receives it (``t`` the XrTime the answer
carries, the capture's clock). The stream declares the stage's steps in ``reference_eye`` and the log in
``read_through``. A runtime that answers through its own filter, offset or clock is what the faults plant:
``x-offset-deg`` in ``reference_eye`` (every answer turned this far in azimuth) and ``x-glide-s`` (the answer
gliding from the last direction to the new one over this long, instead of jumping as the eye did)."""

from __future__ import annotations

import math

import numpy as np

from . import gazesteps
from .faultkit import Frame, Spec
from .motion import yaw_pitch_roll

READ_ID = "gaze_read"
DEVICE = "gaze_interface_bench"


def _step_s(k: int) -> float:
    return gazesteps.START_S + k * (gazesteps.DWELL_S + gazesteps.STAGGER_S)


def read_spec() -> Spec:
    return {**gazesteps.stepped_spec(), "id": READ_ID,
            "read_through": {"method": "xrLocateSpace", "binding": "GET /xr/runtime", "clock": "XrTime",
                             "reader": "the laboratory's test application, locating the eye-gaze space at each "
                                       "frame and logging each answer as it receives it"}}


def read_gaze(spec: Spec, s: float, index: int) -> Frame:
    """The answer at ``s`` seconds: TD-GAZE-003's tracker, through the faults a runtime can add."""
    eye = spec["reference_eye"]
    glide, offset = eye.get("x-glide-s", 0.0), eye.get("x-offset-deg", 0.0)
    frame = gazesteps.stepped_gaze(spec, s, index)
    if not glide and not offset:
        return frame
    seen = s - gazesteps.LATENCY_S - eye.get("x-latency-s", 0.0)
    k = max((k for k in range(len(gazesteps.STEPS_DEG)) if seen >= _step_s(k)), default=0)
    share = min(1.0, (seen - _step_s(k)) / glide) if glide and k else 1.0
    before, now = gazesteps.STEPS_DEG[max(k - 1, 0)], gazesteps.STEPS_DEG[k]
    azimuth = before[0] + share * (now[0] - before[0]) + offset
    elevation = before[1] + share * (now[1] - before[1])
    noise = np.random.default_rng(960_000 + index).normal(0.0, gazesteps.NOISE_DEG, 2)
    q = yaw_pitch_roll(math.radians(azimuth + float(noise[0])), math.radians(elevation + float(noise[1])), 0.0)
    frame["pose"]["orientation"] = {a: round(float(v), 6) for a, v in zip("xyzw", q, strict=True)}
    return frame


STREAMS: dict[str, Spec] = {READ_ID: read_spec()}
DEVICES = {DEVICE: [READ_ID]}
CLASSES = {DEVICE: "eye_tracker"}
