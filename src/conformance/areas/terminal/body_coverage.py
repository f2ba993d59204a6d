"""Body tracking under occlusion and at the tracking volume's faces (TD-BODY-005), against the reference motion
capture TD-BODY-003 measures with (:mod:`.body_accuracy`: the same held bones, root-relative alignment and latency).

- Occlusion (R1): the reference declares, in ``occlusions``, which bones a screen hid from the device and when
  (``from_t`` .. ``to_t`` on the capture clock). Over the device's frames in that interval, a hidden bone the device
  leaves out is untracked (allowed); a hidden bone it reports is held to its mean root-relative error against the
  reference there.
- Faces (R2): the frames whose reference root (interpolated at the device frame's time less the latency) lies within
  ``FACE_MM`` of a side face (x or z) of the tracking volume the device declares: each bone's mean root-relative
  error over them. At least ``MIN_FACE_FRAMES`` such frames, else R2 is unjudged, named.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._shared.uncertainty import u_mean
from .body_accuracy import BONE_INDEX, BONES, ROOT, BodyTrack, _interpolated, _relative
from .model import StreamStats

FACE_MM = 400.0  # the catalog's own: a root this near a side face swings the limbs to within a hand of it
MIN_FACE_FRAMES = 10  # the catalog's own: a third of a second at a body tracker's 30 Hz


@dataclass
class Coverage:
    """Per bone, the mean error (mm) and its type A uncertainty while hidden (R1) and at the faces (R2); the hidden
    bones left out (untracked), the frames at the faces, the occlusions declared."""

    hidden_mm: dict[str, tuple[float, float]] = field(default_factory=dict)
    untracked: list[str] = field(default_factory=list)
    face_mm: dict[str, tuple[float, float]] = field(default_factory=dict)
    face_frames: int = 0
    occlusions: int = 0


def _occlusions(spec: dict) -> list[tuple[list[str], float, float]]:
    out = []
    for item in spec.get("occlusions") or []:
        if isinstance(item, dict) and isinstance(item.get("bones"), list) \
                and isinstance(item.get("from_t"), int | float) and isinstance(item.get("to_t"), int | float):
            out.append(([b for b in item["bones"] if b in BONE_INDEX and b != ROOT],
                        float(item["from_t"]), float(item["to_t"])))
    return out


def measure_coverage(tracked: StreamStats, reference: StreamStats, latency_ms: float,
                     volume: tuple[np.ndarray, np.ndarray] | None) -> Coverage:
    """The tracked stream's errors while bones are hidden and at the volume's faces, at TD-BODY-003's latency."""
    t, p, _ = (tracked.body_track or BodyTrack()).poses()
    t_ref, p_ref, _ = (reference.body_track or BodyTrack()).poses()
    got = Coverage()
    if len(t) == 0 or len(t_ref) < 2:
        return got
    every = np.arange(len(BONES))
    at = t - latency_ms * 1e6
    d = np.linalg.norm(_relative(p, every) - _interpolated(t_ref, _relative(p_ref, every), at), axis=2) * 1e3
    occlusions = _occlusions(reference.spec)
    got.occlusions = len(occlusions)
    for bones, start, end in occlusions:
        inside = (t >= start) & (t <= end)
        for bone in bones:
            column = d[inside, BONE_INDEX[bone]]
            column = column[np.isfinite(column)]
            if len(column):
                got.hidden_mm[bone] = (float(column.mean()), u_mean(column))
            elif bone not in got.untracked:
                got.untracked.append(bone)
    if volume is None:
        return got
    low, high = (np.asarray(v, np.float64) * 1e3 for v in volume)
    root = _interpolated(t_ref, p_ref[:, [BONE_INDEX[ROOT]]].astype(np.float64), at)[:, 0] * 1e3
    gap = np.minimum.reduce([root[:, 0] - low[0], high[0] - root[:, 0], root[:, 2] - low[2], high[2] - root[:, 2]])
    near = np.isfinite(gap) & (gap <= FACE_MM)
    got.face_frames = int(np.count_nonzero(near))
    if got.face_frames < MIN_FACE_FRAMES:
        return got
    for k, bone in enumerate(BONES):
        column = d[near, k]
        column = column[np.isfinite(column)]
        if len(column) and bone != ROOT:
            got.face_mm[bone] = (float(column.mean()), u_mean(column))
    return got
