"""A tracked device on a rig running the motion programme of TD-PERF-004: clamped to a robot arm whose
encoders give its pose in the stage space, the device is tilted, translated, turned at two speeds and turned
fast; the device under test tracks it (``TRACKED_ID``, 120 Hz) and the rig records the pose it commanded and
measured on the same clock (``REFERENCE_ID``, 240 Hz, declaring ``reference_system`` and, in ``annotates``,
the device's stream).

The programme (seconds from the capture's start): at rest to 0.2; a tilt of 25 degrees either way about the
stage's X axis (horizontal) over one 1.2 s cycle; a translation of 0.15 m either way along X over one 1.5 s
cycle; a turn about the vertical at 30 deg/s for 0.6 s, then at 120 deg/s for 0.6 s; at rest; a fast turn back
through 90 degrees in 0.18 s on a minimum-jerk profile (peak 937.5 deg/s, above the 780 deg/s Grossman et al.
measured as the median peak head speed in vigorous voluntary yaw); at rest to the end.

The device reports its position ``NOISE_M`` off per axis and its orientation ``NOISE_DEG`` off about each
axis (standard deviations); the rig ``REFERENCE_NOISE_M`` and ``REFERENCE_NOISE_DEG``. The ``x-`` members a
fault sets change what the device's stream records: ``x-position-offset-m`` (every position this far off
along +X), ``x-yaw-offset-deg`` (every orientation turned this far about the vertical),
``x-position-latency-s`` and ``x-orientation-latency-s`` (the position, or the orientation, as it was this
long before; the other on time).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from . import motion
from .apparatus import declared
from .faultkit import Frame, Spec

if TYPE_CHECKING:
    from conformance.area import JsonObject

TRACKED_ID, REFERENCE_ID = "programme_tracked", "programme_rig"
TRACKED_HZ, REFERENCE_HZ = 120, 240
CENTRE = np.array([0.0, 1.2, -0.5])
NOISE_M, NOISE_DEG = 0.0004, 0.05
REFERENCE_NOISE_M, REFERENCE_NOISE_DEG = 0.00005, 0.01
SECONDS = 5.0
TILT_DEG, TRAVEL_M, FAST_S = 25.0, 0.15, 0.18


def tracked_spec() -> JsonObject:
    return {"id": TRACKED_ID, "type": "pose", "rate_hz": TRACKED_HZ, "space": "stage", "path": "/user/hand/right"}


def reference_spec() -> JsonObject:
    """The rig's stream: what measured it, and the device stream it is the ground truth for."""
    return {"id": REFERENCE_ID, "type": "pose", "rate_hz": REFERENCE_HZ, "space": "stage", "annotates": TRACKED_ID,
            "reference_system": {
                "kind": "robot_arm_encoders",
                "model": "six-axis robot arm with joint encoders, 0.02 mm pose repeatability",
                **declared("ARM-0001"),
                "calibration": "the arm's base registered to the stage space with a laser tracker and the tool "
                               "point to the clamped device, its clock aligned to the capture clock, before the "
                               "session"}}


def measured_programme(spec: Spec) -> bool:
    """Whether ``spec`` is one of this rig's two pose streams."""
    return spec["id"] in (TRACKED_ID, REFERENCE_ID)


def _minimum_jerk(u: float) -> float:
    u = min(max(u, 0.0), 1.0)
    return u ** 3 * (10 - 15 * u + 6 * u * u)


def programme(s: float) -> tuple[float, float, float]:
    """The rig's yaw and pitch (degrees) and the device's offset along X (metres) at ``s`` seconds."""
    pitch = TILT_DEG * math.sin(2 * math.pi * (s - 0.2) / 1.2) if 0.2 <= s < 1.4 else 0.0
    x = TRAVEL_M * math.sin(2 * math.pi * (s - 1.4) / 1.5) if 1.4 <= s < 2.9 else 0.0
    if s < 2.9:
        yaw = 0.0
    elif s < 3.5:
        yaw = 30.0 * (s - 2.9)
    elif s < 4.1:
        yaw = 18.0 + 120.0 * (s - 3.5)
    else:
        yaw = 90.0 * (1.0 - _minimum_jerk((s - 4.3) / FAST_S))
    return yaw, pitch, x


def _orientation(s: float) -> np.ndarray:
    yaw, pitch, _ = programme(s)
    return motion.yaw_pitch_roll(math.radians(yaw), math.radians(pitch), 0.0)


def programme_frame(spec: Spec, s: float, index: int) -> Frame:
    """One frame of either stream at ``s`` seconds (its ``index``-th frame)."""
    reference = "reference_system" in spec
    q = _orientation(s - spec.get("x-orientation-latency-s", 0.0))
    p = CENTRE + np.array([programme(s - spec.get("x-position-latency-s", 0.0))[2]
                           + spec.get("x-position-offset-m", 0.0), 0.0, 0.0])
    q = motion.quat_mul(motion.quat_axis((0, 1, 0), math.radians(spec.get("x-yaw-offset-deg", 0.0))), q)
    draw = np.random.default_rng((980_000 if reference else 970_000) + index)
    p = p + draw.normal(0.0, REFERENCE_NOISE_M if reference else NOISE_M, 3)
    q = motion.quat_mul(motion.small_turn(np.radians(draw.normal(0.0, REFERENCE_NOISE_DEG if reference else NOISE_DEG,
                                                                 3))), q)
    return {"pose": {"orientation": {a: round(float(v), 7) for a, v in zip("xyzw", q, strict=True)},
                     "position": {a: round(float(v), 6) for a, v in zip("xyz", p, strict=True)}}, "flags": 0xF}
