"""Vergence-accommodation conflict (TD-DISP-004): the depth content is drawn at against the
distance the display's optics focus the eyes at.

A near-eye display shows each eye an image focused at one distance (the optics' focal
distance: the display descriptor's ``system.display.focal_distance_m``), or, varifocal, at a
distance it sets per frame within ``system.display.focal_range_m``. The stereo pair asks the
eyes to converge at the depth the fixated content is drawn at. A ``content_depth`` stream
carries that depth per shown frame: ``t`` the frame's display time (as a ``display``
stream's), ``depth_m`` the distance along the view at which the fixated content lies (where
the gaze falls with eye tracking, else at the centre of the view), and for a varifocal
display ``focal_m``, the focal distance it showed the frame at. This is what an OpenXR
application knows: it submits depth with each frame (XR_KHR_composition_layer_depth) and
reads the gaze (XR_EXT_eye_gaze_interaction, one combined ray without a vergence point, so
the depth is read from the depth buffer where the ray falls).

The conflict of a frame is |1/depth_m - 1/focal| in dioptres. Per stream and across chunks:
a histogram of it (bins of 0.01 D, each holding the conflicts in (k-1, k] hundredths, to
10 D, then one open bin), the frames counted, those whose content is nearer than the focus
(crossed), and the worst frame's place.

- ``content_depth`` (TD-DISP-004), with the header: a display with a content_depth stream
  declares its focal distance or range; on the frames: depths positive, a varifocal frame's
  focal distance present and within the declared range.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeGuard

import numpy as np

from conformance import msg

from .chunk import Chunk, report
from .jsonread import object_of
from .model import CaptureAnalysis, captured

if TYPE_CHECKING:
    from conformance.area import JsonObject

STEP_D = 0.01  # bin width, dioptres
BINS = 1002  # bin 0: no conflict; 1..1000: (k-1, k] hundredths of a dioptre; 1001: beyond 10 D


@dataclass
class ConflictState:
    """What one content_depth stream showed: the conflicts' histogram, the worst frame."""

    focal_m: float | None  # a fixed-focus display's focal distance
    focal_range_m: tuple[float, float] | None  # a varifocal display's range
    histogram: np.ndarray = field(default_factory=lambda: np.zeros(BINS, dtype=np.int64))
    frames: int = 0
    crossed: int = 0  # content nearer than the focus (1/depth > 1/focal)
    worst_d: float = 0.0
    worst: dict[str, object] | None = None

    def over(self, limit_d: float) -> int:
        """Frames whose conflict exceeds ``limit_d`` (exactly, for a limit in hundredths)."""
        first = int(np.floor(limit_d / STEP_D + 1e-9)) + 1
        return int(self.histogram[min(first, BINS - 1):].sum())

    def percentile(self, q: float) -> float | None:
        """The q-th percentile conflict, nearest rank, as its bin's upper edge (dioptres), at
        most the worst conflict seen (which the open bin reports)."""
        if not self.frames:
            return None
        rank = max(int(np.ceil(q / 100 * self.frames)), 1)
        k = int(np.searchsorted(np.cumsum(self.histogram), rank))
        return self.worst_d if k >= BINS - 1 else min(round(k * STEP_D, 2), self.worst_d)


def display_optics(result: CaptureAnalysis) -> JsonObject:
    system = object_of(object_of(object_of(result.header).get("device")).get("system"))
    return object_of(system.get("display"))


def _positive(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def read_content_depth(result: CaptureAnalysis) -> None:
    """TD-DISP-004 with the header: the focus a content_depth stream is judged against."""
    streams = result.streams_of("content_depth")
    if not streams:
        return
    display = display_optics(result)
    fixed, span = display.get("focal_distance_m"), display.get("focal_range_m")
    focal = float(fixed) if _positive(fixed) else None
    low, high = (span.get("min"), span.get("max")) if isinstance(span, dict) else (None, None)
    focal_range = None
    if _positive(low) and _positive(high) and float(low) < float(high):
        focal_range = (float(low), float(high))
    log = result.log("content_depth")
    for stats in streams:
        stats.add_checked("content_depth", 1)
        if focal is None and focal_range is None:
            log.add(captured(msg("terminal.va-focal-undeclared", sid=repr(stats.id)), line=1, stream=stats.id,
                             pointer="/device/system/display/focal_distance_m", rule="R1",
                             actual=fixed if span is None else span, expected="focal_distance_m > 0, or focal_range_m "
                             "with 0 < min < max"))
            continue
        stats.content_depth = ConflictState(focal if focal_range is None else None, focal_range)


def check_content_depth_frames(chunk: Chunk) -> None:
    state: ConflictState | None = chunk.stats.content_depth
    if state is None:
        return  # no focal distance to judge against: the header finding says so
    depth = chunk.column("depth_m")
    chunk.stats.add_checked("content_depth", len(depth))
    bad = ~(np.isfinite(depth) & (depth > 0))
    report(chunk, "content_depth", bad, lambda r: (
        msg("terminal.va-depth-invalid", depth=float(depth[r])),
        {"rule": "R2", "pointer": "/depth_m", "actual": float(depth[r]), "expected": "> 0"}))
    if state.focal_range_m is not None:
        focal = np.fromiter((np.nan if f.focal_m is None else f.focal_m for f in chunk.frames), np.float64, len(depth))
        low, high = state.focal_range_m
        outside = ~bad & ~((focal >= low) & (focal <= high))  # a missing focal_m (NaN) is outside
        report(chunk, "content_depth", outside, lambda r: (
            msg("terminal.va-focal-outside", focal=None if np.isnan(focal[r]) else float(focal[r]), low=low, high=high),
            {"rule": "R2", "pointer": "/focal_m", "actual": None if np.isnan(focal[r]) else float(focal[r]),
             "expected": f"{low:g} .. {high:g} m"}))
        bad |= outside
    else:
        focal = np.full(len(depth), state.focal_m)
    keep = ~bad
    signed = 1.0 / depth[keep] - 1.0 / focal[keep]
    conflict = np.abs(signed)
    bins = np.minimum(np.ceil(conflict / STEP_D - 1e-9), BINS - 1).astype(np.int64)
    state.histogram += np.bincount(bins, minlength=BINS)
    state.frames += len(conflict)
    state.crossed += int(np.count_nonzero(signed > 0))
    if len(conflict):
        k = int(np.argmax(conflict))
        if conflict[k] > state.worst_d:
            state.worst_d = float(conflict[k])
            row = int(np.flatnonzero(keep)[k])
            state.worst = chunk.where(row, "/depth_m", actual=float(depth[row]), focal_m=float(focal[row]))
