"""Checks on poses (OpenXR XrPosef with XrSpaceLocationFlags), on NumPy columns.

Used for pose and eye-gaze frames, hand joints and body bones alike: each caller passes
the orientations, positions and flags of its poses and how to name each one.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

import numpy as np

from conformance import msg

from .capture.frames import HAND_JOINT_COUNT, NORM_TOLERANCE, Pose
from .access_observed import MEMBER as SEATED, fold_seated
from .chart_buckets import PositionBuckets
from .chunk import Chunk, pose_columns, report
from .gaze import fold_gaze, fold_windows
from .gaze_steps import fold_steps
from .motion_programme import follow_pose
from .headtracking import follow_head
from .performance import fold_reference
from .plausibility import track_motion
from .rig_orientation import fold_orientation
from .drift import MEMBER as HOLD, fold_hold

#: OpenXR XrSpaceLocationFlagBits
ORIENTATION_VALID, POSITION_VALID, ORIENTATION_TRACKED, POSITION_TRACKED = 0x1, 0x2, 0x4, 0x8
#: Streams in these reference spaces are checked against the device's tracking volume.
VOLUME_SPACES = ("stage",)


def check_poses(chunk: Chunk, q: np.ndarray, p: np.ndarray, flags: np.ndarray,
                pointer: Callable[[int], str], rows_of: np.ndarray | None = None) -> None:
    """Unit quaternions (TD-POSE-001) and positions in the tracking volume (TD-POSE-002)."""
    stats = chunk.stats
    orientation_valid = (flags & ORIENTATION_VALID) != 0
    norms = np.sqrt(np.einsum("ij,ij->i", q, q))
    bad = orientation_valid & ~(np.abs(norms - 1.0) <= NORM_TOLERANCE)  # NaN-safe
    stats.add_checked("norm", int(np.count_nonzero(orientation_valid)))
    report(chunk, "norm", bad, lambda k: (
        msg("terminal.not-unit-quaternion", norm=float(norms[k])),
        {"pointer": pointer(k) + "/orientation", "actual": round(float(norms[k]), 6),
         "expected": msg("terminal.expect-unit-norm", tolerance=NORM_TOLERANCE)}), rows_of)

    volume = chunk.analysis.volume
    if volume is None or stats.spec.get("space") not in VOLUME_SPACES:
        return
    low, high = volume
    position_valid = (flags & POSITION_VALID) != 0
    outside = position_valid & ~np.all((p >= low) & (p <= high), axis=1)
    stats.add_checked("volume", int(np.count_nonzero(position_valid)))
    report(chunk, "volume", outside, lambda k: (
        msg("terminal.outside-volume"),
        {"pointer": pointer(k) + "/position", "actual": [round(float(v), 4) for v in p[k]],
         "expected": msg("terminal.expect-within-volume", low=str(low.tolist()), high=str(high.tolist()))}), rows_of)
    if stats.type in CHARTED:
        _chart(chunk, p, position_valid, outside, low, high)


#: Streams whose positions are charted: one pose per frame, or a hand's palm (joint 0,
#: XR_HAND_JOINT_PALM_EXT). Body streams are left out (a skeleton is not one point).
CHARTED = ("pose", "eye_gaze", "hand")


def _chart(chunk: Chunk, p: np.ndarray, valid: np.ndarray, outside: np.ndarray, low: np.ndarray,
           high: np.ndarray) -> None:
    """Fold the chunk's positions into the stream's chart buckets (the report's position chart)."""
    stats = chunk.stats
    if len(p) != len(chunk):  # a hand: 26 joints a frame, the palm first
        p, valid, outside = p[::HAND_JOINT_COUNT], valid[::HAND_JOINT_COUNT], outside[::HAND_JOINT_COUNT]
    if stats.position_chart is None:
        stats.position_chart = PositionBuckets(low, high)
    stats.position_chart.add(chunk.base + chunk.index, p, valid, outside)


#: What a pose or eye_gaze frame without flags holds (annex E.4, the capture schema's ``flags``): all four
#: bits, orientation and position valid and tracked. A capture records the poses the runtime located, so an
#: application that writes no flags records only located, tracked poses.
NO_FLAGS = ORIENTATION_VALID | POSITION_VALID | ORIENTATION_TRACKED | POSITION_TRACKED


def flags_column(chunk: Chunk) -> np.ndarray:
    """Each frame's flags; a frame without flags holds :data:`NO_FLAGS`."""
    try:  # the common case: every frame has flags, all within int64
        flags = np.fromiter(map(attrgetter("flags"), chunk.frames), np.int64, len(chunk))
        if not (flags < 0).any():
            return flags
    except (TypeError, OverflowError):
        pass
    values = [NO_FLAGS if v is None else v for v in map(attrgetter("flags"), chunk.frames)]
    return checked_flags(chunk, values, lambda k: "/flags")


def checked_flags(chunk: Chunk, values: list[int], pointer: Callable[[int], str],
                  rows_of: np.ndarray | None = None) -> np.ndarray:
    """Flags as int64; a negative or oversized value is a structure finding and counts as 0."""
    try:
        flags = np.fromiter(values, np.int64, len(values))
    except OverflowError:
        flags = np.fromiter((v if 0 <= v < 2**63 else -1 for v in values), np.int64, len(values))
    negative = flags < 0
    if negative.any():
        report(chunk, "structure", negative, lambda k: (
            msg("terminal.flags-negative"),
            {"pointer": pointer(k), "actual": values[k], "rule": "R5"}), rows_of)  # TD-CAP-001's frame types
        flags[negative] = 0
    return flags


def check_pose_frames(chunk: Chunk) -> None:
    """pose and eye_gaze streams: one pose per frame."""
    parsed = chunk.columns.get("pose")  # parsed from the JSON text (reader._decode_as_text)
    if parsed is not None:
        q, p = parsed[:, :4], parsed[:, 4:]
    else:
        poses: list[Pose] = list(map(attrgetter("pose"), chunk.frames))
        q, p = pose_columns(poses)
    flags = flags_column(chunk)
    check_poses(chunk, q, p, flags, lambda k: "/pose")
    if chunk.stats.type == "eye_gaze":
        check_gaze_flags(chunk, flags)
        if chunk.stats.gaze is not None:  # TD-GAZE-002: recorded during a validation sequence
            fold_gaze(chunk, q, p, flags)
        if chunk.stats.gaze_steps is not None:  # TD-GAZE-003: recorded while a stage steps an artificial eye
            fold_steps(chunk, q, flags)
        if chunk.stats.gaze_session is not None:  # TD-GAZE-004: a validation in a session's phase
            fold_windows(chunk.stats.gaze_session, chunk, q, p, flags)
    elif chunk.stats.seated is not None:  # TD-ACC-005: still on a stand; the mode's switch is a declared step,
        fold_seated(chunk, p, (flags & POSITION_VALID) != 0)  # which TD-MOT-* would take for impossible motion
    elif HOLD in chunk.stats.spec:  # TD-PERF-003: held still on a rig, which TD-MOT-001 would take for frozen
        fold_hold(chunk.stats, chunk.t, q, p, (flags & ORIENTATION_VALID) != 0, (flags & POSITION_VALID) != 0)
    else:  # TD-MOT-*: tracked devices; a gaze's saccades follow other physiology
        if SEATED not in chunk.stats.spec:  # TD-MOT-* judges no stream declaring a seated mode, usable or not
            track_motion(chunk.stats, chunk.t, q, p, flags, lambda r: chunk.where(r, "/pose"))
        if "reference_motion" in chunk.stats.spec:  # TD-PERF-001: recorded on a test rig
            fold_reference(chunk, p, (flags & POSITION_VALID) != 0)
            fold_orientation(chunk, q, p, (flags & ORIENTATION_VALID) != 0, (flags & POSITION_VALID) != 0)
        if chunk.stats.listener is not None:  # TD-AUD-005: the head a head-tracked binaural stream follows
            follow_head(chunk, chunk.stats.listener, q, p)
        if chunk.stats.pose_track is not None:  # TD-PERF-004: beside or from a reference rig's motion programme
            both = ORIENTATION_VALID | POSITION_VALID
            follow_pose(chunk, q, p, (flags & both) == both)


def check_gaze_flags(chunk: Chunk, flags: np.ndarray) -> None:
    """XR_EXT_eye_gaze_interaction: position and orientation tracked bits both set or both clear."""
    mismatch = ((flags & ORIENTATION_TRACKED) != 0) != ((flags & POSITION_TRACKED) != 0)
    chunk.stats.add_checked("gaze_flags", len(flags))
    report(chunk, "gaze_flags", mismatch, lambda k: (
        msg("terminal.gaze-flags", flags=int(flags[k])),
        {"pointer": "/flags", "actual": int(flags[k]), "expected": msg("terminal.expect-gaze-bits")}))
