"""A body tracker beside a reference motion capture (TD-BODY-003): a person walking on the spot
(:func:`.motion.body`) tracked by the device under test and, on the same clock, by an optical
marker-based motion capture system whose solved skeleton names the same VRM 1.0 humanoid bones.

The device's stream (``TRACKED_ID``, 30 Hz) reports every bone ``NOISE_M`` off per axis (standard
deviation, the same for the same frame); the reference stream (``REFERENCE_ID``, 60 Hz) declares the
system in ``reference_system`` and the stream it is the ground truth for in ``annotates``, its bones
``REFERENCE_NOISE_M`` off per axis.

The ``x-`` members a fault sets change what is recorded: on the device's stream ``x-arm-offset-m``
(the six arm bones this far off, along +Y), ``x-root-offset-m`` (the hips this far behind, along +Z,
the rest of the body where it is), ``x-latency-s`` (the body as it was this long before),
``x-arm-twist-deg`` (the six arm bones turned this far about their own Y axis, where they are),
``x-clock-scale`` (the body shown as it was at this multiple of each frame's stamp: frames stamped at the
declared rate, sampled faster on the reference clock); on
the reference's ``x-bones`` (only these bones carried).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from . import bodyedge, motion
from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

TRACKED_ID, REFERENCE_ID = "body_tracked", "body_mocap"
TRACKED_HZ, REFERENCE_HZ = 30, 60
NOISE_M, REFERENCE_NOISE_M = 0.004, 0.0005
CLOCK_CENTRE_S = 2.0  # x-clock-scale scales time about this instant
EDGE_IDS = (bodyedge.TRACKED_ID, bodyedge.REFERENCE_ID)
#: TD-BODY-006 (:mod:`.bodylive`): the same person's joints located through annex D beside the reference
READ_ID, READ_REFERENCE_ID = "body_read", "body_read_reference"
ARM_BONES = ("leftUpperArm", "leftLowerArm", "leftHand", "rightUpperArm", "rightLowerArm", "rightHand")


def tracked_spec() -> JsonObject:
    return {"id": TRACKED_ID, "type": "body", "rate_hz": TRACKED_HZ, "space": "stage"}


def reference_spec() -> JsonObject:
    """The reference stream's declaration: what measured it, and the device stream it is the ground truth for."""
    return {"id": REFERENCE_ID, "type": "body", "rate_hz": REFERENCE_HZ, "space": "stage", "annotates": TRACKED_ID,
            "reference_system": {
                "kind": "optical_markers",
                "model": "twelve-camera optical motion capture, 0.3 mm RMS marker residual", **declared("MOCAP-0001"),
                "markers": "53 retro-reflective markers on a fitted suit; the skeleton solved to VRM 1.0 bones",
                "calibration": "wand calibration of the volume and the stage space's origin, before the session"}}


def measured_body(spec: dict[str, Any]) -> bool:
    """Whether ``spec`` is one of this rig's two body streams (or the edge rig's, :mod:`.bodyedge`)."""
    return spec["id"] in (TRACKED_ID, REFERENCE_ID, READ_ID, READ_REFERENCE_ID, *EDGE_IDS)


def body_bones(spec: dict[str, Any], s: float, index: int) -> dict[str, tuple[motion.Quat, np.ndarray]]:
    """The bones (orientation, position) of either stream at ``s`` seconds (its ``index``-th frame)."""
    if spec["id"] in EDGE_IDS:  # TD-BODY-005: under occlusion and at the tracking volume's faces
        return bodyedge.edge_bones(spec, s, index)
    reference = "reference_system" in spec
    if "x-clock-scale" in spec:  # a device stamping frames at its rate while sampling at another (R5), scaled
        s = CLOCK_CENTRE_S + (s - CLOCK_CENTRE_S) * spec["x-clock-scale"]  # about a 4 s capture's middle: not late
    bones = motion.body(s - spec.get("x-latency-s", 0.0))
    kept = spec.get("x-bones")
    if kept is not None:
        bones = {name: bones[name] for name in kept if name in bones}
    draw = np.random.default_rng((900_000 if reference else 800_000) + index)
    noise = draw.normal(0.0, REFERENCE_NOISE_M if reference else NOISE_M, (len(bones), 3))
    arm = np.array([0.0, spec.get("x-arm-offset-m", 0.0), 0.0])
    root = np.array([0.0, 0.0, spec.get("x-root-offset-m", 0.0)])
    twist = motion.quat_axis((0, 1, 0), math.radians(spec.get("x-arm-twist-deg", 0.0)))
    return {name: (motion.quat_mul(q, twist) if name in ARM_BONES else q,
                   p + noise[k] + (arm if name in ARM_BONES else root if name == "hips" else 0.0))
            for k, (name, (q, p)) in enumerate(bones.items())}
