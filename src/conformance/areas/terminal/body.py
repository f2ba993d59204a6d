"""Body frames: VRM 1.0 humanoid bone names, each mapped to a pose.

VRM 1.0 (VRMC_vrm humanoid) names 55 human bones, 15 of them required. A body frame maps
bone names to OpenXR-style poses; every bone it names is a VRM humanoid bone and every
frame carries the required ones (TD-BODY-002). Orientations and positions are checked as
poses (TD-POSE-001, TD-POSE-002), every bone counting as valid.
"""

from __future__ import annotations

from operator import attrgetter

import numpy as np

from conformance import msg

from .._shared import vrm
from .body_accuracy import follow_body
from .chunk import Chunk, pose_columns, report
from .poses import ORIENTATION_VALID, POSITION_VALID, check_poses

REQUIRED_BONES = frozenset(vrm.REQUIRED_BONES)
VRM_BONES = vrm.KNOWN_BONES


def check_body_frames(chunk: Chunk) -> None:
    bones: list[dict] = list(map(attrgetter("bones"), chunk.frames))
    names = [list(b) for b in bones]
    unknown = [sorted(set(b) - VRM_BONES) for b in names]
    missing = [sorted(REQUIRED_BONES.difference(b)) for b in names]
    chunk.stats.add_checked("body", len(bones))
    chunk.stats.add_checked("body_required", len(bones))
    # TD-BODY-001: only VRM 1.0 humanoid bone names; TD-BODY-002: the required bones present.
    report(chunk, "body", np.fromiter(map(bool, unknown), bool, len(bones)), lambda r: (
        msg("terminal.unknown-bones", bones=", ".join(unknown[r])),
        {"pointer": f"/bones/{unknown[r][0]}", "actual": unknown[r]}))
    report(chunk, "body_required", np.fromiter(map(bool, missing), bool, len(bones)), lambda r: (
        msg("terminal.missing-bones", bones=", ".join(missing[r])),
        {"pointer": "/bones", "expected": missing[r]}))

    poses = [pose for b in bones for pose in b.values()]
    if not poses:
        return
    rows_of = np.repeat(np.arange(len(bones)), [len(b) for b in bones])
    flat_names = [name for b in names for name in b]
    q, p = pose_columns(poses)
    flags = np.full(len(poses), ORIENTATION_VALID | POSITION_VALID, dtype=np.int64)
    check_poses(chunk, q, p, flags, lambda k: f"/bones/{flat_names[k]}", rows_of)
    if chunk.stats.body_track is not None:  # beside or from a reference motion capture (TD-BODY-003)
        follow_body(chunk, rows_of, flat_names, p, q)
