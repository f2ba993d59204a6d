"""Tracking over a session while the device moves, and at the faces of its tracking volume (TD-PERF-005).

A capture records each window of a session (a return of the device to a marked pose between laps of the robot arm's
motion programme, or a placement on a face of the declared tracking volume) by a pose stream of the device and a
reference tracker's pose stream of its own, so that each runs without a gap: the reference's declares
``reference_system``, in ``annotates`` the device's stream, and in ``reference_session`` the session it belongs to
and the window's ``kind`` (return, face). Both are held by :mod:`.motion_programme`'s tracks. Ten minutes thus
cost seconds of frames, each window at its session time.

What the windows hold is measured, not read from the declaration: a return counts only where the reference
tracker's mean position is within :data:`MARK_TOLERANCE_M` of the first return's (the marked pose), the returns
must span at least :data:`MIN_SESSION_S`; a face placement counts for the face of the descriptor's volume its
mean reference position lies nearest, at most :data:`FACE_BAND_M` inside it and at most :data:`OUTSIDE_M` outside
it, and every one of
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

from .model import CaptureAnalysis, StreamStats
from .motion_programme import PoseTrack, capped_poses
from .readings import reference_system

MEMBER = "reference_session"
MIN_SESSION_S = 600.0  # the catalog's own: ten minutes between the first return and the last
MIN_RETURNS = 5  # the catalog's own: at least five returns to the marked pose
MARK_TOLERANCE_M = 0.005  # the reference's mean position at a return within 5 mm of the first return's
FACE_BAND_M = 0.05  # a placement counts for a face when at most 5 cm inside it
#: the catalog's own (TD-PERF-005's step and notes): a placement read up to 1 mm outside the volume still counts for
#: its nearest face, twice the reference tracker's 0.5 mm (k = 2) of a position, so it cannot be told from one on it
OUTSIDE_M = 0.001
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


def _window(tracked: StreamStats, reference: StreamStats) -> Window | None:
    """One window: the device's stream against the reference tracker's; None with too few samples."""
    t, q, p = (tracked.pose_track or PoseTrack()).columns()
    tr, qr, pr = (reference.pose_track or PoseTrack()).columns()
    if len(tr) < 2:
        return None
    rows = (t >= tr[0]) & (t <= tr[-1])
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
    """The face of the volume nearest ``at`` when it is at most FACE_BAND_M inside it and at most OUTSIDE_M outside;
    else None."""
    low, high = volume
    inside = np.concatenate([at - low, high - at])  # -x, -y, -z, +x, +y, +z distances inward
    k = int(np.argmin(inside))
    if inside[k] < -OUTSIDE_M or inside[k] > FACE_BAND_M:
        return None
    return ("-x", "-y", "-z", "+x", "+y", "+z")[k]


def sessions(result: CaptureAnalysis) -> dict[str, list[tuple[StreamStats, StreamStats | None]]]:
    """Each session a capture records: its reference streams (declaring ``reference_system`` and
    ``reference_session``), each with the pose stream it annotates (None: none such), in capture order."""
    out: dict[str, list[tuple[StreamStats, StreamStats | None]]] = {}
    for reference in result.streams_of("pose"):
        declared = reference.spec.get(MEMBER)
        if reference_system(reference.spec) is None or not isinstance(declared, dict):
            continue
        tracked = result.annotated(reference)
        out.setdefault(str(declared.get("session", "")), []).append(
            (reference, tracked if tracked is not None and tracked.type == "pose" else None))
    return out


def measure(result: CaptureAnalysis, session: str,
            windows: list[tuple[StreamStats, StreamStats]]) -> Session | Message:
    """A session's drift and face errors, or why they cannot be judged (inconclusive, never a fail)."""
    returns: list[tuple[tuple[int, int], Window]] = []
    faces: list[tuple[tuple[int, int], Window]] = []
    for stats in (s for pair in windows for s in pair):  # past 5.1's 「测量保留的读数」 a window is not judged
        capped = capped_poses(stats)
        if capped is not None:
            return msg("terminal.session-capped", session=repr(session), stream=repr(stats.id), kept=capped[0],
                       dropped=capped[1])
    for reference, tracked in windows:
        w = _window(tracked, reference)
        declared = reference.spec.get(MEMBER)
        if w is not None and isinstance(declared, dict) and reference.first_t is not None \
                and reference.last_t is not None:
            kind = declared.get("kind")
            span = (reference.first_t, reference.last_t)
            (returns if kind == "return" else faces if kind == "face" else []).append((span, w))
    returns.sort(key=lambda item: item[0])
    marked = [(start, w) for start, w in returns
              if float(np.linalg.norm(w.at - returns[0][1].at)) <= MARK_TOLERANCE_M]
    span_s = (max(end for (_, end), _ in marked) - marked[0][0][0]) / 1e9 if marked else 0.0  # first start to last end
    if len(marked) < MIN_RETURNS or span_s < MIN_SESSION_S:
        return msg("terminal.session-too-short", session=repr(session), returns=len(marked), fewest=MIN_RETURNS,
                   span=span_s, least=MIN_SESSION_S)
    if result.volume is None:
        return msg("terminal.session-no-volume", session=repr(session))
    at_face: dict[str, Window] = {}
    for _, w in faces:
        face = _face(w.at, result.volume)
        if face is not None and (face not in at_face
                                 or np.linalg.norm(w.error_mm) > np.linalg.norm(at_face[face].error_mm)):
            at_face[face] = w
    lacking = [f for f in FACES if f not in at_face]
    if lacking:
        return msg("terminal.session-faces-lacking", session=repr(session), faces=", ".join(lacking))
    first = marked[0][1]
    moved = max((w for _, w in marked[1:]), key=lambda w: float(np.linalg.norm(w.error_mm - first.error_mm)))
    turned = max((w for _, w in marked[1:]), key=lambda w: _angle_deg(w.turn, first.turn))
    worst = max(at_face, key=lambda f: float(np.linalg.norm(at_face[f].error_mm)))
    return Session(float(np.linalg.norm(moved.error_mm - first.error_mm)), math.hypot(first.u_mm, moved.u_mm),
                   _angle_deg(turned.turn, first.turn), math.hypot(first.u_deg, turned.u_deg),
                   float(np.linalg.norm(at_face[worst].error_mm)), at_face[worst].u_mm, worst, len(marked), span_s)
