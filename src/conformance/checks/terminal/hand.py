"""Hand frames (OpenXR XR_EXT_hand_tracking): 26 joints per hand, on NumPy columns.

Joint order is XrHandJointEXT: palm, wrist, thumb metacarpal..tip (4), then index, middle,
ring and little finger metacarpal..tip (5 each).
"""

from __future__ import annotations

from itertools import chain
from operator import attrgetter

import numpy as np

from ...codecs.capture.columns import joint_view
from ...codecs.capture.frames import HAND_JOINT_COUNT, Joint
from ...findings import Finding
from .chunk import Chunk, pose_columns, report
from .model import BoneDrift
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
    view = joint_view(list(map(attrgetter("joints"), chunk.frames)))
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

    # TD-HAND-001: an active hand has every joint valid with a positive radius; an inactive
    # hand has none valid. Any joint with a valid position needs a positive radius.
    active_joint = np.repeat(active, HAND_JOINT_COUNT)
    not_valid = (flags & VALID) != VALID
    no_radius = ((flags & POSITION_VALID) != 0) & ~(radius > 0)
    stray = ~active_joint & ((flags & VALID) != 0)
    chunk.stats.add_checked("hand_valid", joint_count)

    def describe(k: int) -> tuple[str, dict[str, object]]:
        name = JOINT_NAMES[k % HAND_JOINT_COUNT]
        where = f"/joints/{k % HAND_JOINT_COUNT}"
        if stray[k]:
            return (f"inactive hand reports joint {name} as valid (flags 0x{int(flags[k]):x})",
                    {"pointer": where + "/flags", "actual": int(flags[k]), "expected": "no valid bits when inactive"})
        if active_joint[k] and not_valid[k]:
            return (f"active hand has joint {name} not valid (flags 0x{int(flags[k]):x})",
                    {"pointer": where + "/flags", "actual": int(flags[k]), "expected": "bits 0x1 and 0x2 set"})
        return (f"joint {name} has a valid position but radius {radius[k]:g}",
                {"pointer": where + "/radius", "actual": float(radius[k]), "expected": "> 0 m"})

    report(chunk, "hand_valid", (active_joint & not_valid) | no_radius | stray, describe, rows_of)
    _track_bone_lengths(chunk, p.reshape(n, HAND_JOINT_COUNT, 3), flags.reshape(n, HAND_JOINT_COUNT), active)


def _track_bone_lengths(chunk: Chunk, positions: np.ndarray, flags: np.ndarray, active: np.ndarray) -> None:
    """TD-HAND-002: keep, per bone, the largest deviation of its length from a reference
    (the median over the first chunk that has fully tracked frames) and where it was."""
    usable = active & np.all((flags & POSITION_VALID) != 0, axis=1)
    if not usable.any():
        return
    rows = np.flatnonzero(usable)
    lengths = np.linalg.norm(positions[rows][:, _CHILD] - positions[rows][:, _PARENT], axis=2)
    stats = chunk.stats
    if stats.bones is None:
        stats.bones = [BoneDrift(float(m)) for m in np.median(lengths, axis=0)]
    reference = np.array([b.reference_m for b in stats.bones])
    deviation = np.abs(lengths - reference)
    worst_rows = np.argmax(deviation, axis=0)
    stats.add_checked("hand_bones", lengths.size)
    for bone, drift in enumerate(stats.bones):
        r = int(worst_rows[bone])
        value = float(deviation[r, bone])
        if value > drift.worst_m:
            parent, child = BONES[bone]
            drift.worst_m = value
            drift.where = Finding(
                f"bone {JOINT_NAMES[parent]}-{JOINT_NAMES[child]} is {lengths[r, bone] * 1000:.1f} mm long, "
                f"{value * 1000:.1f} mm off its {drift.reference_m * 1000:.1f} mm reference",
                **chunk.where(int(rows[r]), f"/joints/{child}/pose/position",
                              actual=round(float(lengths[r, bone]), 5), expected=round(drift.reference_m, 5)),
            )
