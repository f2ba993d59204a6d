"""Hand frames (OpenXR XR_EXT_hand_tracking): 26 joints per hand, on NumPy columns.

Joint order is XrHandJointEXT: palm, wrist, thumb metacarpal..tip (4), then index, middle,
ring and little finger metacarpal..tip (5 each).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from operator import attrgetter

import numpy as np

from conformance import Finding, Message, msg

from .capture.columns import joint_view
from .capture.frames import HAND_JOINT_COUNT, Joint
from .chunk import Chunk, pose_columns, report
from .hand_accuracy import follow_hand
from .model import BoneDrift, StreamStats, captured
from .poses import ORIENTATION_VALID, POSITION_VALID, check_poses, checked_flags

JOINT_NAMES = (
    "palm", "wrist",
    "thumb_metacarpal", "thumb_proximal", "thumb_distal", "thumb_tip",
    *(f"{finger}_{part}" for finger in ("index", "middle", "ring", "little")
      for part in ("metacarpal", "proximal", "intermediate", "distal", "tip")),
)


def _bones() -> list[tuple[int, int]]:
    """(parent, child) joint pairs a rigid hand keeps at constant distance."""
    pairs = [(1, 0)]  # wrist -> palm (the palm sits on the middle metacarpal)
    chains = [range(2, 6), *(range(6 + 5 * f, 11 + 5 * f) for f in range(4))]
    for finger in chains:
        previous = 1  # every finger starts at the wrist
        for joint in finger:
            pairs.append((previous, joint))
            previous = joint
    return pairs


BONES = _bones()
_PARENT = np.array([a for a, _ in BONES])
_CHILD = np.array([b for _, b in BONES])
VALID = ORIENTATION_VALID | POSITION_VALID


def check_hand_frames(chunk: Chunk) -> None:
    n = len(chunk)
    active = chunk.column("active", bool)
    rows_of = np.repeat(np.arange(n), HAND_JOINT_COUNT)
    joint_count = n * HAND_JOINT_COUNT
    # 26 joints a frame: gathering their members one by one was most of a hand capture's cost.
    # Parsed from the JSON text (reader._decode_as_text), else read from the structs' encoding.
    parsed = chunk.columns.get("joints")
    view = (parsed.reshape(joint_count, 8), chunk.columns["joint_flags"].reshape(joint_count)) \
        if parsed is not None else joint_view(list(map(attrgetter("joints"), chunk.frames)))
    if view is not None:
        members, flags = view
        q, p, radius = members[:, :4], members[:, 4:7], members[:, 7]
    else:  # e.g. a flags value out of range: the checked path reports it
        joints: list[Joint] = list(chain.from_iterable(map(attrgetter("joints"), chunk.frames)))
        q, p = pose_columns(list(map(attrgetter("pose"), joints)))
        radius = np.fromiter(map(attrgetter("radius"), joints), np.float64, joint_count)
        flags = checked_flags(chunk, list(map(attrgetter("flags"), joints)),
                              lambda k: f"/joints/{k % HAND_JOINT_COUNT}/flags", rows_of)

    def pointer(k: int) -> str:
        return f"/joints/{k % HAND_JOINT_COUNT}/pose"

    check_poses(chunk, q, p, flags, pointer, rows_of)

    # TD-HAND-001: an active hand has every joint valid; an inactive hand has none valid.
    active_joint = np.repeat(active, HAND_JOINT_COUNT)
    not_valid = (flags & VALID) != VALID
    stray = ~active_joint & ((flags & VALID) != 0)
    chunk.stats.add_checked("hand_valid", joint_count)

    def describe(k: int) -> tuple[Message, dict[str, object]]:
        name = JOINT_NAMES[k % HAND_JOINT_COUNT]
        where = f"/joints/{k % HAND_JOINT_COUNT}/flags"
        if stray[k]:
            return (msg("terminal.inactive-joint-valid", joint=name, flags=int(flags[k])),
                    {"pointer": where, "actual": int(flags[k]), "expected": msg("terminal.expect-no-valid-bits")})
        return (msg("terminal.active-joint-not-valid", joint=name, flags=int(flags[k])),
                {"pointer": where, "actual": int(flags[k]), "expected": msg("terminal.expect-valid-bits")})

    report(chunk, "hand_valid", (active_joint & not_valid) | stray, describe, rows_of)

    # TD-HAND-003: any joint with a valid position has a positive radius.
    located = (flags & POSITION_VALID) != 0
    chunk.stats.add_checked("hand_radius", int(np.count_nonzero(located)))
    report(chunk, "hand_radius", located & ~(radius > 0), lambda k: (
        msg("terminal.joint-radius", joint=JOINT_NAMES[k % HAND_JOINT_COUNT], radius=float(radius[k])),
        {"pointer": f"/joints/{k % HAND_JOINT_COUNT}/radius", "actual": float(radius[k]), "expected": "> 0 m"}),
        rows_of)
    _track_bone_lengths(chunk, p.reshape(n, HAND_JOINT_COUNT, 3), flags.reshape(n, HAND_JOINT_COUNT), active)
    if chunk.stats.hand_track is not None:  # beside or from a reference capture of the same hand (TD-HAND-005)
        follow_hand(chunk, p.reshape(n, HAND_JOINT_COUNT, 3),
                    active & np.all((flags.reshape(n, HAND_JOINT_COUNT) & POSITION_VALID) != 0, axis=1))


#: TD-HAND-002's reference length of a bone: its median over the stream's first second of
#: usable frames (by their t), whatever chunks the reader cut the file into.
REFERENCE_WINDOW_NS = 1_000_000_000


def _track_bone_lengths(chunk: Chunk, positions: np.ndarray, flags: np.ndarray, active: np.ndarray) -> None:
    """TD-HAND-002: keep, per bone, the largest deviation of its length from its reference
    and where it was. Frames of the reference window wait in ``stats.bone_window`` until
    the window closes (a usable frame a second or more after the first, or the stream's end:
    :func:`bone_drifts`)."""
    usable = active & np.all((flags & POSITION_VALID) != 0, axis=1)
    if not usable.any():
        return
    rows = np.flatnonzero(usable)
    lengths = np.linalg.norm(positions[rows][:, _CHILD] - positions[rows][:, _PARENT], axis=2)
    stats = chunk.stats
    if stats.bones is None:
        window = stats.bone_window
        t = chunk.t[rows]
        first_t = window[0][1]["t"] if window else None
        start = first_t if isinstance(first_t, int) else int(t[0])
        late = t >= start + REFERENCE_WINDOW_NS
        inside = int(np.argmax(late)) if late.any() else len(rows)
        window.extend((lengths[i], chunk.where(int(rows[i]))) for i in range(inside))
        if inside == len(rows):
            return
        _close_window(stats)
        rows, lengths = rows[inside:], lengths[inside:]
    _judge_bones(stats, lengths, lambda r: chunk.where(int(rows[r])))


def bone_drifts(stats: StreamStats) -> list[BoneDrift] | None:
    """A hand stream's bone drifts, its reference window closed at the end of the stream."""
    if stats.bones is None and stats.bone_window:
        _close_window(stats)
    return stats.bones


def _close_window(stats: StreamStats) -> None:
    window, stats.bone_window = stats.bone_window, []
    lengths = np.array([w[0] for w in window])
    stats.bones = [BoneDrift(float(m)) for m in np.median(lengths, axis=0)]
    wheres = [w[1] for w in window]
    _judge_bones(stats, lengths, wheres.__getitem__)


def _judge_bones(stats: StreamStats, lengths: np.ndarray, where: Callable[[int], dict[str, object]]) -> None:
    bones = stats.bones or []
    reference = np.array([b.reference_m for b in bones])
    deviation = np.abs(lengths - reference)
    worst_rows = np.argmax(deviation, axis=0)
    stats.add_checked("hand_bones", lengths.size)
    for bone, drift in enumerate(bones):
        r = int(worst_rows[bone])
        value = float(deviation[r, bone])
        if value > drift.worst_m:
            drift.worst_m, drift.length_m, drift.where = value, float(lengths[r, bone]), where(r)


def drift_finding(bone: int, drift: BoneDrift, tolerance_m: float) -> Finding:
    """TD-HAND-002's finding for bone ``bone`` (index in :data:`BONES`) whose largest
    deviation from its reference exceeds ``tolerance_m``."""
    parent, child = BONES[bone]
    message = msg("terminal.bone-drift", parent=JOINT_NAMES[parent], child=JOINT_NAMES[child],
                  length_mm=drift.length_m * 1000, off_mm=drift.worst_m * 1000,
                  reference_mm=drift.reference_m * 1000, tolerance_mm=tolerance_m * 1000)
    return captured(message, **{**(drift.where or {}), "pointer": f"/joints/{child}/pose/position",
                                "actual": round(drift.length_m, 5), "expected": round(drift.reference_m, 5)})
