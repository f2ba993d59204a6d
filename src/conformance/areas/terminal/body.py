"""Body frames: VRM 1.0 humanoid bone names, each mapped to a pose.

VRM 1.0 (VRMC_vrm humanoid) names 55 human bones, 15 of them required. A body frame maps
bone names to OpenXR-style poses; every bone it names is a VRM humanoid bone and every
frame carries the required ones (TD-BODY-002). Orientations and positions are checked as
poses (TD-POSE-001, TD-POSE-002), every bone counting as valid.

Where the reader parsed a chunk's bones from their text (:func:`.capture.records.parse_bones`:
every frame names the same bones in the same order), the names are looked at once for the chunk
and the poses are the parsed columns; otherwise each frame's dict of decoded poses is read.
"""

from __future__ import annotations

from operator import attrgetter

import numpy as np

from conformance import msg

from .._shared import vrm
from .body_accuracy import BONE_INDEX, follow_body, follow_bones
from .capture.records import bone_names
from .chunk import Chunk, pose_columns, report
from .poses import ORIENTATION_VALID, POSITION_VALID, check_poses

REQUIRED_BONES = frozenset(vrm.REQUIRED_BONES)
VRM_BONES = vrm.KNOWN_BONES


def check_body_frames(chunk: Chunk) -> None:
    parsed = chunk.columns.get("bones")
    if parsed is not None:
        _check_parsed(chunk, parsed)
        return
    bones: list[dict] = list(map(attrgetter("bones"), chunk.frames))
    names = [list(b) for b in bones]
    _check_names(chunk, [sorted(set(b) - VRM_BONES) for b in names],
                 [sorted(REQUIRED_BONES.difference(b)) for b in names])
    poses = [pose for b in bones for pose in b.values()]
    if not poses:
        return
    rows_of = np.repeat(np.arange(len(bones)), [len(b) for b in bones])
    flat_names = [name for b in names for name in b]
    q, p = pose_columns(poses)
    flags = np.full(len(poses), ORIENTATION_VALID | POSITION_VALID, dtype=np.int64)
    check_poses(chunk, q, p, flags, lambda k: f"/bones/{flat_names[k]}", rows_of)
    if chunk.stats.body_track is not None:  # beside or from a reference motion capture (TD-BODY-003)
        follow_body(chunk, rows_of, np.fromiter((BONE_INDEX.get(n, -1) for n in flat_names), np.int64,
                                                len(flat_names)), p, q)


def _check_parsed(chunk: Chunk, parsed: np.ndarray) -> None:
    """:func:`check_body_frames` of a chunk whose frames all name the same bones in the same order, their poses
    parsed from the text into ``parsed`` (frames, 7 * bones): the names judged once, the poses as columns."""
    names = bone_names(chunk.frames[0].bones)
    n, width = len(chunk), len(names)
    _check_names(chunk, [sorted(set(names) - VRM_BONES)] * n, [sorted(REQUIRED_BONES.difference(names))] * n)
    poses = parsed.reshape(n, width, 7)
    flat = poses.reshape(n * width, 7)
    flags = np.full(n * width, ORIENTATION_VALID | POSITION_VALID, dtype=np.int64)
    check_poses(chunk, flat[:, :4], flat[:, 4:], flags, lambda k: f"/bones/{names[k % width]}",
                np.repeat(np.arange(n), width))
    if chunk.stats.body_track is not None:  # beside or from a reference motion capture (TD-BODY-003)
        follow_bones(chunk, np.fromiter((BONE_INDEX.get(b, -1) for b in names), np.int64, width),
                     poses[..., 4:], poses[..., :4])


def _check_names(chunk: Chunk, unknown: list[list[str]], missing: list[list[str]]) -> None:
    """TD-BODY-001: only VRM 1.0 humanoid bone names; TD-BODY-002: the required bones present (per frame, the
    names it gives that are not VRM's, the required ones it leaves out)."""
    chunk.stats.add_checked("body", len(unknown))
    chunk.stats.add_checked("body_required", len(missing))
    report(chunk, "body", np.fromiter(map(bool, unknown), bool, len(unknown)), lambda r: (
        msg("terminal.unknown-bones", bones=", ".join(unknown[r])),
        {"pointer": f"/bones/{unknown[r][0]}", "actual": unknown[r]}))
    report(chunk, "body_required", np.fromiter(map(bool, missing), bool, len(missing)), lambda r: (
        msg("terminal.missing-bones", bones=", ".join(missing[r])),
        {"pointer": "/bones", "expected": missing[r]}))
