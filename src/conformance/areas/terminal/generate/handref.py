"""A hand tracker beside a reference capture of the same hand (TD-HAND-005): the right hand traces a slow
circle in front of the body while its fingers curl and open (:func:`.motion.hand_joints`), tracked by the
device under test and, on the same clock and in the same stage space, by an optical motion capture whose
markers on the hand are solved to OpenXR's 26 hand joints.

Both streams are solved skeletons, rigid as TD-HAND-002 asks: their noise moves the whole hand. The device's
stream (``TRACKED_ID``, 30 Hz, as hand trackers commonly run) is ``NOISE_M`` off per axis (standard deviation);
the reference stream (``REFERENCE_ID``, 60 Hz) declares the system in ``reference_system`` and the stream it is
the ground truth for in ``annotates``, ``REFERENCE_NOISE_M`` off per axis.

The ``x-`` members a fault sets change what the device's stream records, each keeping the bones' lengths:
``x-index-bent-deg`` (the index finger beyond its knuckle bent this much further: its intermediate, distal and
tip joints turned about the proximal joint, about its X axis, the one the finger bends about), ``x-hand-offset-m`` (the whole hand that
far off along +Z), ``x-latency-s`` (the hand as it was this long before).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from . import motion
from .apparatus import declared
from .faultkit import Frame, Spec

if TYPE_CHECKING:
    from conformance.area import JsonObject

TRACKED_ID, REFERENCE_ID = "hand_tracked", "hand_mocap"
TRACKED_HZ, REFERENCE_HZ, PATH = 30, 60, "/user/hand/right"
NOISE_M, REFERENCE_NOISE_M = 0.0015, 0.0003
#: XR_HAND_JOINT_INDEX_PROXIMAL_EXT (the knuckle) and the joints beyond it: intermediate, distal, tip
INDEX_PROXIMAL, INDEX_BEYOND = 7, (8, 9, 10)
FLAGS_ALL = 0xF


def tracked_spec() -> JsonObject:
    return {"id": TRACKED_ID, "type": "hand", "rate_hz": TRACKED_HZ, "space": "stage", "path": PATH}


def reference_spec() -> JsonObject:
    """The reference stream's declaration: what measured it, and the device stream it is the ground truth for."""
    return {"id": REFERENCE_ID, "type": "hand", "rate_hz": REFERENCE_HZ, "space": "stage", "path": PATH,
            "annotates": TRACKED_ID,
            "reference_system": optical_hand_capture()}


def optical_hand_capture() -> JsonObject:
    """The optical motion capture of a hand that measures the reference hands (TD-HAND-005, TD-HAND-006)."""
    return {"kind": "optical_markers",
            "model": "twelve-camera optical motion capture, 0.2 mm RMS marker residual", **declared("HANDCAP-0001"),
            "markers": "25 retro-reflective 3 mm markers on the back of the hand and the fingers; the 26 "
                       "XR_EXT_hand_tracking joints solved from them",
            "calibration": "wand calibration of the volume and the stage space's origin, the hand's joint centres "
                           "fitted to the subject's range-of-motion take, before the session"}


def measured_hand(spec: Spec) -> bool:
    """Whether ``spec`` is one of this rig's two hand streams."""
    return spec["id"] in (TRACKED_ID, REFERENCE_ID)


def hand_frame(spec: Spec, s: float, index: int) -> Frame:
    """One frame of either stream at ``s`` seconds (its ``index``-th frame): the hand always in view."""
    reference = "reference_system" in spec
    joints = motion.hand_joints(s - spec.get("x-latency-s", 0.0), 1)
    draw = np.random.default_rng((940_000 if reference else 930_000) + index)
    shift = draw.normal(0.0, REFERENCE_NOISE_M if reference else NOISE_M, 3) \
        + np.array([0.0, 0.0, spec.get("x-hand-offset-m", 0.0)])
    bent = spec.get("x-index-bent-deg", 0.0)
    if bent:
        turn = motion.quat_axis(tuple(motion.rotate(joints[INDEX_PROXIMAL][0], np.array([1.0, 0.0, 0.0]))), np.radians(bent))
        knuckle = joints[INDEX_PROXIMAL][1]
        for k in INDEX_BEYOND:
            q, p = joints[k]
            joints[k] = (motion.quat_mul(turn, q), knuckle + motion.rotate(turn, p - knuckle))
    out = []
    for k, (q, p) in enumerate(joints):
        at = p + shift
        out.append({"pose": {"orientation": {"x": round(float(q[0]), 6), "y": round(float(q[1]), 6),
                                             "z": round(float(q[2]), 6), "w": round(float(q[3]), 6)},
                             "position": {"x": round(float(at[0]), 5), "y": round(float(at[1]), 5),
                                          "z": round(float(at[2]), 5)}},
                    "radius": motion.JOINT_RADII[k], "flags": FLAGS_ALL})
    return {"active": True, "joints": out}
