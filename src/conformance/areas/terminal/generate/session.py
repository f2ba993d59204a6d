"""A tracked device over a ten-minute session and at the faces of its tracking volume (TD-PERF-005).

A robot arm carries the device through its motion programme (generate/programme.py) lap after lap and, every
``LAP_S`` seconds, returns it to a marked pose (``MARK``) and dwells there ``DWELL_S``; before the session, the
arm places it at the centre of each face of the declared tracking volume, ``INSET_M`` inside (``FACE_POINTS``),
``DWELL_S`` each. Each window is recorded by a device stream and a reference tracker's stream of its own
(``WINDOW_OF``), so that each runs without a gap and ten minutes cost seconds of frames; the tracker's declares
``reference_system``, ``annotates`` and ``reference_session`` (the session, the window's kind).

The clean device reports its position ``NOISE_M`` off per axis, its orientation ``NOISE_DEG`` about each, 0.3 mm off along +X throughout and 0.5 mm further
out at the faces (within the limits). The ``x-`` members a fault sets on a device stream: ``x-session-drift-mm``
(its position that far along +X, in proportion to the session's time elapsed), ``x-face-error-mm`` (that far
further out along each
face's outward normal at the faces), ``x-session-yaw-drift-deg`` (its orientation turned that far about +Y, in
proportion to the session's time elapsed).
"""

from __future__ import annotations

import math

import numpy as np

from .apparatus import declared as apparatus
from .binaural import T0
from .faultkit import Frame, Spec

SESSION = "rig-session-1"
DEVICE = "session_rig"
RATE_HZ = 120
LAP_S, LAPS, DWELL_S, FIRST_S = 120.0, 5, 1.0, 1.0
MARK = np.array([0.0, 1.2, -0.5])
VOLUME = (np.array([-2.0, 0.0, -2.0]), np.array([2.0, 2.5, 2.0]))  # the descriptor's (device.py)
INSET_M = 0.02
NOISE_M, REFERENCE_NOISE_M = 0.0004, 0.00005
NOISE_DEG, REFERENCE_NOISE_DEG = 0.05, 0.01
FACES_AT = [FIRST_S + 2.0 * k for k in range(6)]
RETURNS_AT = [FACES_AT[-1] + 2.0 + k * LAP_S for k in range(LAPS + 1)]
SECONDS = RETURNS_AT[-1] + DWELL_S + 0.5


def _face_points() -> list[tuple[np.ndarray, np.ndarray]]:
    """(the point, its face's outward normal) on each face of the volume, INSET_M inside its centre."""
    low, high = VOLUME
    centre = (low + high) / 2
    out = []
    for axis in range(3):
        for sign, bound in ((-1.0, low), (1.0, high)):
            point, normal = centre.copy(), np.zeros(3)
            point[axis], normal[axis] = bound[axis] - sign * INSET_M, sign
            out.append((point, normal))
    return out


FACE_POINTS = _face_points()


#: stream id -> (its window's kind, its index among that kind's windows, when it starts in s)
WINDOW_OF: dict[str, tuple[str, int, float]] = {}
for _kind, _starts in (("face", FACES_AT), ("return", RETURNS_AT)):
    for _k, _at in enumerate(_starts):
        WINDOW_OF[f"session_tracked_{_kind}{_k}"] = WINDOW_OF[f"session_tracker_{_kind}{_k}"] = (_kind, _k, _at)
TRACKED_IDS = [sid for sid in WINDOW_OF if sid.startswith("session_tracked_")]
REFERENCE_IDS = [sid for sid in WINDOW_OF if sid.startswith("session_tracker_")]
LAST_RETURN_ID, FACE_X_ID = f"session_tracked_return{LAPS}", "session_tracked_face1"


def tracked_spec(sid: str) -> Spec:
    """One window's device stream (each window its own stream, so that each runs without a gap)."""
    return {"id": sid, "type": "pose", "rate_hz": RATE_HZ, "space": "stage", "path": "/user/hand/right"}


def reference_spec(sid: str) -> Spec:
    """One window's reference tracker stream: what measured it, the device's stream it is the truth for, and the
    session and kind of window it records."""
    kind = WINDOW_OF[sid][0]
    return {"id": sid, "type": "pose", "rate_hz": RATE_HZ, "space": "stage",
            "annotates": sid.replace("session_tracker_", "session_tracked_"),
            "reference_system": {
                "kind": "optical_markers", "model": "optical motion capture, 12 cameras, 0.1 mm marker accuracy",
                **apparatus("MOCAP-0002"),
                "calibration": "wand calibration of the whole tracking volume and a rigid marker body on the device, "
                               "its clock aligned to the capture clock, before the session"},
            "reference_session": {
                "session": SESSION, "kind": kind,
                "programme": "robot arm running the motion programme of TD-PERF-004 lap after lap, back at the "
                             "marked pose every 120 s; before it, the device placed 2 cm inside each face's centre"}}


def specs() -> dict[str, Spec]:
    """Every stream of the rig, by id."""
    return {sid: tracked_spec(sid) if sid in TRACKED_IDS else reference_spec(sid) for sid in WINDOW_OF}


def is_session(spec: Spec) -> bool:
    return spec["id"] in WINDOW_OF


def times(spec: Spec, rate: float, start: float, end: float) -> list[float]:
    """The sample times (s) within [start, end) of one window's stream: only while its window lasts."""
    begin = WINDOW_OF[spec["id"]][2]
    first, last = max(start, begin), min(end, begin + DWELL_S)
    return [i / rate for i in range(math.ceil(first * rate - 1e-9), math.ceil(last * rate - 1e-9))]


def session_frame(spec: Spec, s: float, index: int) -> Frame:
    """The frame at ``s`` seconds: the device at the marked pose, or at a face, as the stream records it."""
    reference = "reference_system" in spec
    kind, k, _ = WINDOW_OF[spec["id"]]
    face = k if kind == "face" else None
    p = MARK.copy() if face is None else FACE_POINTS[face][0].copy()
    share = 0.0
    if not reference:
        share = min(max((s - RETURNS_AT[0]) / (RETURNS_AT[-1] - RETURNS_AT[0]), 0.0), 1.0)
        p += np.array([0.0003 + spec.get("x-session-drift-mm", 0.0) * 1e-3 * share, 0, 0])
        if face is not None:
            p += FACE_POINTS[face][1] * (0.0005 + spec.get("x-face-error-mm", 0.0) * 1e-3)
    draw = np.random.default_rng((960_000 if reference else 950_000) + index)
    p = p + draw.normal(0.0, REFERENCE_NOISE_M if reference else NOISE_M, 3)
    yaw = 0.0 if reference else math.radians(spec.get("x-session-yaw-drift-deg", 0.0)) * share
    tilt = draw.normal(0.0, math.radians(REFERENCE_NOISE_DEG if reference else NOISE_DEG), 3)
    q = np.array([0.5 * tilt[0], math.sin(0.5 * (yaw + tilt[1])), 0.5 * tilt[2], math.cos(0.5 * (yaw + tilt[1]))])
    q /= np.linalg.norm(q)
    return {"pose": {"orientation": {a: round(float(v), 7) for a, v in zip("xyzw", q, strict=True)},
                     "position": {a: round(float(v), 6) for a, v in zip("xyz", p, strict=True)}}, "flags": 0xF}

