"""A pinch recogniser beside a reference capture of the same hand (TD-HAND-006): the right hand, held in front of
the body, pinches its index finger against its thumb ``len(HOLDS_S)`` times, each pinch held a different while
(a continuous gesture), tracked by the device under test and, on the same clock and in the same stage space, by an
optical motion capture whose markers are solved to OpenXR's 26 hand joints; the device's recogniser reports each
pinch as an interval: an ``index_pinch/begin`` event when it recognises the pinch, ``index_pinch/end`` when it
sees it released (as XR_FB_hand_tracking_aim's index pinching flag sets and clears).

Meanwhile the whole hand traces a slow circle of ``CIRCLE_M`` in front of the body (so TD-HAND-005 can tell this
rig's tracking latency too, the tips' distance untouched). A pinch turns the index finger beyond its knuckle and the thumb beyond its proximal joint towards a point both tips
can reach (so every bone keeps its length): ``CLOSE_S`` to close, held, ``CLOSE_S`` to open. The recogniser
reports the pinch ``ONSET_S`` after the reference tips come within ``CONTACT_M`` and its release ``RELEASE_S``
after they part beyond it.

The ``x-`` members a fault sets change what the device records: on the gesture stream ``x-missed`` (the pinch of
that index not reported), ``x-onset-s`` and ``x-release-s`` (other delays), ``x-broken`` (the pinch of that index
reported released and pinched again halfway through its hold); on the device's hand stream ``x-unsupported`` (on
the pinch of that index its index finger and thumb tracked closing only half way, the recogniser still reporting
the pinch).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from . import motion
from .faultkit import Frame, Spec
from .handref import optical_hand_capture

if TYPE_CHECKING:
    from conformance.area import JsonObject

TRACKED_ID, REFERENCE_ID, GESTURES_ID = "hand_pinching", "hand_pinching_mocap", "pinches"
TRACKED_HZ, REFERENCE_HZ, PATH = 30, 60, "/user/hand/right"
NOISE_M, REFERENCE_NOISE_M = 0.0015, 0.0003
CYCLE_S, FIRST_S, CLOSE_S = 1.2, 0.3, 0.12
HOLDS_S = (0.25, 0.45, 0.65, 0.35, 0.55, 0.30)  # each pinch's hold, closed to opening
SECONDS = CYCLE_S * len(HOLDS_S)
CONTACT_M = 0.020  # TD-HAND-006's pinch_contact_mm
ONSET_S, RELEASE_S = 0.05, 0.06
CIRCLE_M, CIRCLE_RAD_S = 0.08, 1.2  # the whole hand's circle: radius, angular speed
CLOSED = 0.95  # how far along its turn each finger goes: the tips stop short of one point
GESTURE = "index_pinch"
#: XR_HAND_JOINT_THUMB_PROXIMAL_EXT and the thumb's joints beyond it; the index's knuckle and the joints beyond it
THUMB_PIVOT, THUMB_BEYOND, INDEX_PIVOT, INDEX_BEYOND = 3, (4, 5), 7, (8, 9, 10)
THUMB_TIP, INDEX_TIP = 5, 10
FLAGS_ALL = 0xF


def tracked_spec() -> JsonObject:
    return {"id": TRACKED_ID, "type": "hand", "rate_hz": TRACKED_HZ, "space": "stage", "path": PATH}


def reference_spec() -> JsonObject:
    return {"id": REFERENCE_ID, "type": "hand", "rate_hz": REFERENCE_HZ, "space": "stage", "path": PATH,
            "annotates": TRACKED_ID,
            "reference_system": optical_hand_capture()}


def gestures_spec() -> JsonObject:
    return {"id": GESTURES_ID, "type": "gesture", "annotates": TRACKED_ID}


def measured_pinch(spec: Spec) -> bool:
    """Whether ``spec`` is one of this rig's streams."""
    return spec["id"] in (TRACKED_ID, REFERENCE_ID, GESTURES_ID)


def closure(s: float) -> tuple[float, int]:
    """How far the hand has closed at ``s`` (0 open .. 1 pinched) and which pinch it is in (-1: none)."""
    k = int(s // CYCLE_S)
    if not 0 <= k < len(HOLDS_S):
        return 0.0, -1
    into = s - k * CYCLE_S - FIRST_S
    hold = HOLDS_S[k]
    if into < 0 or into > 2 * CLOSE_S + hold:
        return 0.0, -1
    if into < CLOSE_S:
        x = into / CLOSE_S
    elif into <= CLOSE_S + hold:
        x = 1.0
    else:
        x = 1.0 - (into - CLOSE_S - hold) / CLOSE_S
    return 0.5 - 0.5 * np.cos(np.pi * x), k  # smooth at both ends


@cache
def _open_hand() -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    return tuple((q, p) for q, p in motion.hand_joints(0.0, 1))


@cache
def _turns() -> tuple[tuple[np.ndarray, float], tuple[np.ndarray, float]]:
    """The axis and full angle each finger turns about its pivot so that both tips reach one point: the point,
    on the circle where the spheres the two tips can reach meet, nearest their midpoint."""
    p = [j[1] for j in _open_hand()]
    a, b = p[INDEX_PIVOT], p[THUMB_PIVOT]
    ra, rb = float(np.linalg.norm(p[INDEX_TIP] - a)), float(np.linalg.norm(p[THUMB_TIP] - b))
    d = float(np.linalg.norm(b - a))
    axis = (b - a) / d
    along = (d * d + ra * ra - rb * rb) / (2 * d)
    centre, radius = a + along * axis, np.sqrt(max(ra * ra - along * along, 0.0))
    mid = (p[INDEX_TIP] + p[THUMB_TIP]) / 2 - centre
    towards = mid - np.dot(mid, axis) * axis
    meet = centre + radius * towards / np.linalg.norm(towards)
    turns = []
    for pivot, tip in ((a, p[INDEX_TIP]), (b, p[THUMB_TIP])):
        u, v = tip - pivot, meet - pivot
        normal = np.cross(u, v)
        angle = float(np.arctan2(np.linalg.norm(normal), np.dot(u, v)))
        turns.append((normal / np.linalg.norm(normal), angle))
    return turns[0], turns[1]


def pinched_joints(amount: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """The hand's 26 joints closed ``amount`` of the way (0 open, 1 pinched)."""
    joints = list(_open_hand())
    for (axis, angle), pivot, beyond in zip(_turns(), (INDEX_PIVOT, THUMB_PIVOT), (INDEX_BEYOND, THUMB_BEYOND),
                                            strict=True):
        turn = motion.quat_axis(tuple(axis), CLOSED * amount * angle)
        centre = joints[pivot][1]
        joints[pivot] = (motion.quat_mul(turn, joints[pivot][0]), centre)
        for k in beyond:
            q, p = joints[k]
            joints[k] = (motion.quat_mul(turn, q), centre + motion.rotate(turn, p - centre))
    return joints


def tip_distance(amount: float) -> float:
    joints = pinched_joints(amount)
    return float(np.linalg.norm(joints[THUMB_TIP][1] - joints[INDEX_TIP][1]))


@cache
def contacts() -> tuple[tuple[float, float], ...]:
    """Each pinch's (touch, release) in seconds: when the reference tips come within CONTACT_M and part beyond it."""
    grid = np.linspace(0.0, 1.0, 2001)
    touching = grid[np.argmax([tip_distance(x) <= CONTACT_M for x in grid])]  # the closure the tips meet at
    x = np.arccos(1.0 - 2.0 * touching) / np.pi  # that closure's fraction of the closing time
    out = []
    for k, hold in enumerate(HOLDS_S):
        start = k * CYCLE_S + FIRST_S
        out.append((float(start + x * CLOSE_S), float(start + (2.0 - x) * CLOSE_S + hold)))
    return tuple(out)


def hand_frame(spec: Spec, s: float, index: int) -> Frame:
    """One frame of either hand stream at ``s`` seconds (its ``index``-th frame): the hand always in view."""
    reference = "reference_system" in spec
    amount, k = closure(s)
    if k >= 0 and k == spec.get("x-unsupported"):
        amount *= 0.5
    draw = np.random.default_rng((960_000 if reference else 950_000) + index)
    shift = draw.normal(0.0, REFERENCE_NOISE_M if reference else NOISE_M, 3) \
        + CIRCLE_M * np.array([np.cos(CIRCLE_RAD_S * s), np.sin(CIRCLE_RAD_S * s), 0.0])
    out = []
    for j, (q, p) in enumerate(pinched_joints(float(amount))):
        at = p + shift
        out.append({"pose": {"orientation": {"x": round(float(q[0]), 6), "y": round(float(q[1]), 6),
                                             "z": round(float(q[2]), 6), "w": round(float(q[3]), 6)},
                             "position": {"x": round(float(at[0]), 5), "y": round(float(at[1]), 5),
                                          "z": round(float(at[2]), 5)}},
                    "radius": motion.JOINT_RADII[j], "flags": FLAGS_ALL})
    return {"active": True, "joints": out}


def events(spec: Spec) -> list[tuple[float, str]]:
    """The recogniser's events, in order: (seconds from the capture's start, value)."""
    onset, release = spec.get("x-onset-s", ONSET_S), spec.get("x-release-s", RELEASE_S)
    out = []
    for k, (touch, part) in enumerate(contacts()):
        if k == spec.get("x-missed"):
            continue
        out.append((touch + onset, f"{GESTURE}/begin"))
        if k == spec.get("x-broken"):
            middle = (touch + part) / 2
            out += [(middle, f"{GESTURE}/end"), (middle + 0.1, f"{GESTURE}/begin")]
        out.append((part + release, f"{GESTURE}/end"))
    return sorted(out)


def event_times(spec: Spec, start: float, end: float) -> list[float]:
    return [s for s, _ in events(spec) if start <= s < end]


def event_frame(spec: Spec, index: int) -> Frame:
    return {"value": events(spec)[index][1]}

