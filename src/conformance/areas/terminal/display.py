"""Display frames (TD-DISP-*): frame-time stability and a motion-to-photon proxy.

A ``display`` stream holds one frame per refresh: ``t`` the time its photons were shown
(OpenXR's displayTime of the frame, on the capture clock) and ``pose_t`` the sample time of
the tracked pose it was rendered from (the t of a frame of the stream it ``renders``, not a
predicted time). ``t - pose_t`` is a proxy for motion-to-photon latency: what the user sees
is that old. Frame timing against the declared refresh rate comes from the timing pass
every rated stream has (:mod:`.timing`); here, per stream and across chunks, a histogram of
the latencies (the jitter histogram's bins: 10 us to 50 ms, 1 % wider beyond), their
count, and the frames whose pose is later than their own display time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .chunk import Chunk
from .model import JITTER_BINS
from .timing import bin_upper_ms, jitter_bins


@dataclass
class LatencyState:
    histogram: np.ndarray = field(default_factory=lambda: np.zeros(JITTER_BINS, dtype=np.int64))
    frames: int = 0
    early: int = 0  # frames whose pose_t is after their t
    first_early: dict[str, Any] | None = None

    def p99_ms(self) -> float | None:
        """The 99th percentile latency, nearest rank (as TD-RATE-003's), in milliseconds."""
        total = int(self.histogram.sum())
        if not total:
            return None
        rank = -(-99 * total // 100)
        return bin_upper_ms(int(np.searchsorted(np.cumsum(self.histogram), rank)))


def check_display_frames(chunk: Chunk) -> None:
    stats = chunk.stats
    state: LatencyState = stats.latency if stats.latency is not None else LatencyState()
    stats.latency = state
    pose_t = chunk.column("pose_t", np.int64)
    latency = chunk.t.astype(np.float64) - pose_t.astype(np.float64)
    early = latency < 0
    if early.any():
        if state.first_early is None:
            row = int(np.argmax(early))
            state.first_early = chunk.where(row, "/pose_t", actual=int(pose_t[row]), expected=f"<= {int(chunk.t[row])}")
        state.early += int(np.count_nonzero(early))
    state.histogram += np.bincount(jitter_bins(latency[~early]), minlength=JITTER_BINS)
    state.frames += int(np.count_nonzero(~early))
