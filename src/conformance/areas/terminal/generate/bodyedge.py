"""A body tracker beside a reference motion capture under occlusion and at the tracking volume's faces
(TD-BODY-005): the person of :mod:`.bodyref` walking on the spot while carried round a circle of ``RADIUS_M``
about the stage's origin, so that the root passes within ``bodyref``-style reach of each side face of the
declared tracking volume (its x and z faces at 2 m, :mod:`.device`); between ``OCCLUDED_S`` a screen hides
``OCCLUDED_BONES`` from the device, which the reference declares in ``occlusions`` (bones, from and to on the
capture clock, what hid them).

The device's stream (``TRACKED_ID``, 30 Hz) reports every bone ``bodyref.NOISE_M`` off per axis; while the bones
are hidden it keeps predicting them, ``PREDICTED_OFFSET_M`` off (within TD-BODY-003's limit). The ``x-`` members a
fault sets: ``x-occluded-offset-m`` (the hidden bones this far off, along +Y, while hidden, still reported),
``x-edge-offset-m`` (the six arm bones this far off, along +Y, while the root is within ``EDGE_M`` of a side face).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from . import motion
from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

TRACKED_ID, REFERENCE_ID = "body_edge_tracked", "body_edge_mocap"
NOISE_M, REFERENCE_NOISE_M = 0.004, 0.0005  # as bodyref's rig: the same device and reference system
ARM_BONES = ("leftUpperArm", "leftLowerArm", "leftHand", "rightUpperArm", "rightLowerArm", "rightHand")
TRACKED_HZ, REFERENCE_HZ = 30, 60
SECONDS = 4.0
RADIUS_M = 1.62  # the root's circle: 0.38 m from each side face of the 2 m volume at its nearest
PERIOD_S = 4.0  # one round of the circle
HALF_WIDTH_M = 2.0  # the declared volume's side faces (device.py's descriptor)
EDGE_M = 0.4  # TD-BODY-005's reach of a face (body_coverage.FACE_MM)
OCCLUDED_BONES = ("leftLowerArm", "leftHand")
OCCLUDED_S = (1.25, 1.75)  # between two faces: a screen does not hide the bones while the body is at one
PREDICTED_OFFSET_M = 0.015
T0 = 1_000_000_000_000  # capture.T0, the capture clock of the first sample


def tracked_spec() -> JsonObject:
    return {"id": TRACKED_ID, "type": "body", "rate_hz": TRACKED_HZ, "space": "stage"}


def reference_spec() -> JsonObject:
    """The reference stream: the motion capture system and the occluded interval it declares."""
    return {"id": REFERENCE_ID, "type": "body", "rate_hz": REFERENCE_HZ, "space": "stage", "annotates": TRACKED_ID,
            "reference_system": {
                "kind": "optical_markers",
                "model": "twelve-camera optical motion capture, 0.3 mm RMS marker residual", **declared("MOCAP-0001"),
                "markers": "53 retro-reflective markers on a fitted suit; the skeleton solved to VRM 1.0 bones",
                "calibration": "wand calibration of the volume and the stage space's origin, before the session"},
            "occlusions": [{"bones": list(OCCLUDED_BONES), "from_t": T0 + int(OCCLUDED_S[0] * 1e9),
                            "to_t": T0 + int(OCCLUDED_S[1] * 1e9),
                            "occluder": "an opaque screen 1.2 m high between the device's sensors and the left arm"}]}


def carried(s: float) -> tuple[motion.Quat, np.ndarray]:
    """Where the walk is carried at ``s`` seconds, round the circle about the stage's origin, and how the body is
    turned there: facing the centre, its arms (a T-pose's, 0.7 m to each side) along the circle, inside the volume."""
    turn = 2.0 * math.pi * s / PERIOD_S
    return (motion.quat_axis((0, 1, 0), -(turn + math.pi / 2)),
            np.array([RADIUS_M * math.cos(turn), 0.0, RADIUS_M * math.sin(turn)]))


def edge_bones(spec: dict[str, Any], s: float, index: int) -> dict[str, tuple[motion.Quat, np.ndarray]]:
    """The bones (orientation, position) of either stream at ``s`` seconds (its ``index``-th frame)."""
    reference = "reference_system" in spec
    yaw, centre = carried(s)
    bones = motion.body(s)
    draw = np.random.default_rng((960_000 if reference else 860_000) + index)
    noise = draw.normal(0.0, REFERENCE_NOISE_M if reference else NOISE_M, (len(bones), 3))
    hidden = not reference and OCCLUDED_S[0] <= s <= OCCLUDED_S[1]
    near = HALF_WIDTH_M - max(abs(centre[0]), abs(centre[2])) <= EDGE_M
    up = np.array([0.0, 1.0, 0.0])
    out = {}
    for k, (name, (q, p)) in enumerate(bones.items()):
        q, at = motion.quat_mul(yaw, q), motion.rotate(yaw, p) + centre + noise[k]
        if hidden and name in OCCLUDED_BONES:
            at = at + up * spec.get("x-occluded-offset-m", PREDICTED_OFFSET_M)
        if not reference and near and name in ARM_BONES:
            at = at + up * spec.get("x-edge-offset-m", 0.0)
        out[name] = (q, at)
    return out
