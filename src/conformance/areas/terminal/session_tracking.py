"""Tracking over a session while the device moves, and at the faces of its tracking volume (TD-PERF-005).

A capture carries the device's pose stream and a reference tracker's (a pose stream declaring
``reference_system`` and, in ``annotates``, the device's), both held by :mod:`.motion_programme`'s tracks. The
reference stream declares, in ``reference_session``, where its windows are: ``returns`` (each ``t`` ns and
``duration_s``: the robot arm back at the marked pose and dwelling, between laps of its motion programme) and
``faces`` (the reference tracker's placements of the device on the faces of the declared tracking volume). The
streams need carry only those windows, each at its session time: seconds of data, not the session's frames.

What the windows hold is measured, not read from the declaration: a return counts only where the reference
tracker's mean position is within :data:`MARK_TOLERANCE_M` of the first return's (the marked pose), the returns
must span at least :data:`MIN_SESSION_S`; a face placement counts for the face of the descriptor's volume its
mean reference position lies nearest, at most :data:`FACE_BAND_M` inside it (and not outside), and every one of
the six faces must be reached. Short of any, the verdict is inconclusive, naming what is lacking.

In each window, the tracked positions less the reference's (interpolated linearly to the tracked times, as
TD-PERF-004 does) give the window's mean error vector, and the tracked orientations against the reference's nearest
in time (the device is still) its mean error rotation (Markley et al. 2007). R1: the drift, the largest distance
between a return's mean error vector and the first return's, and the largest angle between a return's mean error
rotation and the first return's. R2: the largest length of a face placement's mean error (its trueness there).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from conformance import Message, msg

from .jsonread import finite
from .model import CaptureAnalysis, StreamStats
from .motion_programme import PoseTrack

MEMBER = "reference_session"
MIN_SESSION_S = 600.0  # the catalog's own: ten minutes between the first return and the last
MIN_RETURNS = 5  # the catalog's own: at least five returns to the marked pose
MARK_TOLERANCE_M = 0.005  # the reference's mean position at a return within 5 mm of the first return's
FACE_BAND_M = 0.05  # a placement counts for a face when at most 5 cm inside it
MIN_WINDOW_SAMPLES = 30  # tracked samples a window needs
FACES = ("-x", "+x", "-y", "+y", "-z", "+z")


@dataclass(frozen=True)
class Window:
    """One window's mean error vector (mm) and its type A standard uncertainty (mm); its mean error rotation (a unit
    quaternion x, y, z, w) and its type A standard uncertainty (degrees); the reference's mean position (m); the
    tracked samples compared."""

    error_mm: np.ndarray
    u_mm: float
    turn: np.ndarray
    u_deg: float
    at: np.ndarray
    samples: int


@dataclass(frozen=True)
class Session:
    """R1's position drift (mm) and orientation drift (degrees), R2's worst face error (mm), each with its type A
    standard uncertainty."""

    drift_mm: float
    u_drift_mm: float
    drift_deg: float
    u_drift_deg: float
    face_error_mm: float
    u_face_mm: float
    worst_face: str
    returns: int
    span_s: float


def _errors(q: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The error rotations q * conj(r) of unit quaternions (x, y, z, w), row by row."""
    qx, qy, qz, qw = q.T
    rx, ry, rz, rw = (r * np.array([-1.0, -1.0, -1.0, 1.0])).T
    return np.stack((qw * rx + qx * rw + qy * rz - qz * ry, qw * ry - qx * rz + qy * rw + qz * rx,
                     qw * rz + qx * ry - qy * rx + qz * rw, qw * rw - qx * rx - qy * ry - qz * rz), axis=1)


def _angle_deg(a: np.ndarray, b: np.ndarray) -> float:
    """The angle (degrees) between two unit quaternions' rotations."""
    return math.degrees(2 * math.acos(min(abs(float(a @ b)), 1.0)))


def windows_of(spec: object, part: str) -> list[tuple[int, int]]:
    """The (start, end) ns of each window ``part`` (returns, faces) of a ``reference_session`` declares."""
    held = spec.get(MEMBER) if isinstance(spec, dict) else None
    listed = held.get(part) if isinstance(held, dict) else None
    out = []
    for item in listed if isinstance(listed, list) else []:
        t = finite(item.get("t")) if isinstance(item, dict) else None
        duration = finite(item.get("duration_s")) if isinstance(item, dict) else None
        if t is not None and duration is not None and duration > 0:
            out.append((int(t), int(t) + round(duration * 1e9)))
    return out


def _window(tracked: tuple[np.ndarray, np.ndarray, np.ndarray], reference: tuple[np.ndarray, np.ndarray, np.ndarray],
            span: tuple[int, int]) -> Window | None:
    t, q, p = tracked
    t_ref, q_ref, p_ref = reference
    in_ref = (t_ref >= span[0]) & (t_ref <= span[1])
    if np.count_nonzero(in_ref) < 2:
        return None
    tr, qr, pr = t_ref[in_ref], q_ref[in_ref], p_ref[in_ref]
    rows = (t >= max(span[0], tr[0])) & (t <= min(span[1], tr[-1]))
    if np.count_nonzero(rows) < MIN_WINDOW_SAMPLES:
        return None
    there = np.stack([np.interp(t[rows], tr, pr[:, axis]) for axis in range(3)], axis=1)
    d = (p[rows] - there) * 1e3
    u = float(np.sqrt(np.sum(np.var(d, axis=0, ddof=1)) / 3 / len(d)))
    # the device is held still in a window: the reference's orientation nearest in time stands for it
    nearest = np.clip(np.searchsorted(tr, t[rows]), 0, len(tr) - 1)
    e = _errors(q[rows], qr[nearest])
    values, vectors = np.linalg.eigh(e.T @ e)  # the mean rotation (Markley et al. 2007)
    share = min(max(float(values[-1]) / len(e), 0.0), 1.0)
    rms_deg = math.degrees(2 * math.asin(math.sqrt(1.0 - share)))
    return Window(d.mean(axis=0), u, vectors[:, -1], rms_deg / math.sqrt(3 * len(e)), pr.mean(axis=0), len(d))


def _face(at: np.ndarray, volume: tuple[np.ndarray, np.ndarray]) -> str | None:
    """The face of the volume nearest ``at`` when it is inside and at most FACE_BAND_M from it; else None."""
    low, high = volume
    inside = np.concatenate([at - low, high - at])  # -x, -y, -z, +x, +y, +z distances inward
    k = int(np.argmin(inside))
    if inside[k] < -1e-3 or inside[k] > FACE_BAND_M:
        return None
    return ("-x", "-y", "-z", "+x", "+y", "+z")[k]


def measure(result: CaptureAnalysis, tracked: StreamStats, reference: StreamStats) -> Session | Message:
    """The session's drift and face errors, or why they cannot be judged (inconclusive, never a fail)."""
    said = {"sid": repr(tracked.id), "ref": repr(reference.id)}
    device = (tracked.pose_track or PoseTrack()).columns()
    truth = (reference.pose_track or PoseTrack()).columns()
    returns = [(span[0], w) for span in windows_of(reference.spec, "returns")
               if (w := _window(device, truth, span)) is not None]
    marked = [(start, w) for start, w in returns
              if float(np.linalg.norm(w.at - returns[0][1].at)) <= MARK_TOLERANCE_M]
    span_s = (marked[-1][0] - marked[0][0]) / 1e9 if marked else 0.0
    if len(marked) < MIN_RETURNS or span_s < MIN_SESSION_S:
        return msg("terminal.session-too-short", **said, returns=len(marked), fewest=MIN_RETURNS,
                   span=span_s, least=MIN_SESSION_S)
    if result.volume is None:
        return msg("terminal.session-no-volume", **said)
    at_face: dict[str, Window] = {}
    for span in windows_of(reference.spec, "faces"):
        w = _window(device, truth, span)
        face = _face(w.at, result.volume) if w is not None else None
        if w is not None and face is not None:
            if face not in at_face or np.linalg.norm(w.error_mm) > np.linalg.norm(at_face[face].error_mm):
                at_face[face] = w
    lacking = [f for f in FACES if f not in at_face]
    if lacking:
        return msg("terminal.session-faces-lacking", **said, faces=", ".join(lacking))
    first = marked[0][1]
    moved = max((w for _, w in marked[1:]), key=lambda w: float(np.linalg.norm(w.error_mm - first.error_mm)))
    turned = max((w for _, w in marked[1:]), key=lambda w: _angle_deg(w.turn, first.turn))
    worst = max(at_face, key=lambda f: float(np.linalg.norm(at_face[f].error_mm)))
    return Session(float(np.linalg.norm(moved.error_mm - first.error_mm)), math.hypot(first.u_mm, moved.u_mm),
                   _angle_deg(turned.turn, first.turn), math.hypot(first.u_deg, turned.u_deg),
                   float(np.linalg.norm(at_face[worst].error_mm)), at_face[worst].u_mm, worst, len(marked), span_s)
