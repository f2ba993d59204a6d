"""Body frames: VRM 1.0 humanoid bone names, each mapped to a pose.

VRM 1.0 (VRMC_vrm humanoid) names 55 human bones, 15 of them required. A body frame maps
bone names to OpenXR-style poses; every bone it names is a VRM humanoid bone and every
frame carries the required ones (TD-BODY-001). Orientations and positions are checked as
poses (TD-POSE-001, TD-POSE-002), every bone counting as valid.
"""

from __future__ import annotations

from operator import attrgetter

import numpy as np

from ..assets import vrm
from .chunk import Chunk, pose_columns, report
from .poses import ORIENTATION_VALID, POSITION_VALID, check_poses

REQUIRED_BONES = frozenset(vrm.REQUIRED_BONES)
VRM_BONES = vrm.KNOWN_BONES


def check_body_frames(chunk: Chunk) -> None:
    bones: list[dict] = list(map(attrgetter("bones"), chunk.frames))
    names = [list(b) for b in bones]
    unknown = [sorted(set(b) - VRM_BONES) for b in names]
    missing = [sorted(REQUIRED_BONES.difference(b)) for b in names]
    bad = np.fromiter((bool(u or m) for u, m in zip(unknown, missing, strict=True)), bool, len(bones))
    chunk.stats.add_checked("body", len(bones))

    def describe(r: int) -> tuple[str, dict[str, object]]:
        if unknown[r]:
            return (f"{', '.join(unknown[r])}: not VRM 1.0 humanoid bone name(s)",
                    {"pointer": f"/bones/{unknown[r][0]}", "actual": unknown[r]})
        return (f"required VRM 1.0 humanoid bone(s) missing: {', '.join(missing[r])}",
                {"pointer": "/bones", "expected": missing[r]})

    report(chunk, "body", bad, describe)

    poses = [pose for b in bones for pose in b.values()]
    if not poses:
        return
    rows_of = np.repeat(np.arange(len(bones)), [len(b) for b in bones])
    flat_names = [name for b in names for name in b]
    q, p = pose_columns(poses)
    flags = np.full(len(poses), ORIENTATION_VALID | POSITION_VALID, dtype=np.int64)
    check_poses(chunk, q, p, flags, lambda k: f"/bones/{flat_names[k]}", rows_of)
