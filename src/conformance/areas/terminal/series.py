"""Compact, bounded series of a capture for the report's charts (evidence kind "series").

The analysis (:mod:`.reader`) keeps no per-frame data, by design. The charts a reader wants
(a stream's frame intervals over time against its declared rate and the jitter bound, where
frames were dropped, positions against the tracking volume) are gathered in the analysis's
one pass over the capture, from the columns its checks already hold (:mod:`.timing`'s
intervals, :mod:`.poses`' positions and XrSpaceLocationFlags), into fixed-size buckets
(:mod:`.chart_buckets`) kept with each stream's statistics:

- intervals: at most ``BUCKETS`` time buckets from the stream's first frame, each a power
  of two nominal periods wide (widened as the stream goes on: between half and all of them
  in use), each with the shortest and longest interval (so a spike survives downsampling)
  and the frames the long intervals stand for (dropped frames, counted as TD-RATE-002
  counts them);
- positions: at most ``POINTS`` buckets of frames in file order (a power of two frames
  each), each keeping one valid position, an out-of-volume one when the bucket holds any
  (so every stretch outside shows); a hand stream's is its palm (joint 0).

A capture is read once per run; memory and report size are fixed whatever its length; the
buckets never judge anything (the tests' verdicts come from the analysis).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .chart_buckets import BUCKETS, POINTS, IntervalBuckets, PositionBuckets
from .model import StreamStats
from .suite import analyses
from .timing import jitter_limit_ms

if TYPE_CHECKING:
    from conformance import Evidence, FileTarget

__all__ = ["BUCKETS", "POINTS", "record_intervals", "record_positions"]


def _timed(stats: StreamStats) -> bool:
    first, last = stats.first_t, stats.last_t
    return bool(stats.rate_hz) and stats.frames >= 2 and first is not None and last is not None and last > first


def _number(value: float, digits: int = 3) -> float | None:
    return round(float(value), digits) if math.isfinite(value) else None


def record_intervals(files: FileTarget, evidence: Evidence, jitter_ms: float | None,
                     jitter_ratio: float | None = None) -> None:
    """One "intervals" series per rated stream measured: what TD-RATE-001..003 judge. The
    jitter band is each stream's bound (:func:`.timing.jitter_limit_ms`)."""
    for name, analysis in analyses(files):
        for sid, stats in analysis.streams.items():
            iv: IntervalBuckets | None = stats.interval_chart
            if iv is None or not _timed(stats):
                continue
            used = iv.used
            drops = [[int(b), int(n)] for b in np.flatnonzero(iv.dropped[:used]) if (n := min(iv.dropped[b], 1e15))]
            band = None if jitter_ms is None or stats.rate_hz is None else \
                _number(jitter_limit_ms(stats.rate_hz, jitter_ms, jitter_ratio))
            evidence.series(
                "intervals", file=name, stream=sid, rate_hz=stats.rate_hz, jitter_ms=band,
                start_ns=stats.first_t, bucket_s=_number(iv.width / 1e9, 9), frames=stats.frames,
                min_ms=[_number(v / 1e6, 2) for v in iv.low[:used]],
                max_ms=[_number(v / 1e6, 2) for v in iv.high[:used]],
                dropped=drops, dropped_total=int(min(iv.dropped.sum(), 1e15)),
            )


def record_positions(files: FileTarget, evidence: Evidence) -> None:
    """One "positions" series per stage-space stream of a capture with a declared volume:
    what TD-POSE-002 judges."""
    for name, analysis in analyses(files):
        for sid, stats in analysis.streams.items():
            pos: PositionBuckets | None = stats.position_chart
            if pos is None:
                continue
            shown = ~np.isnan(pos.points[:, 0])
            points = pos.points[shown]
            evidence.series(
                "positions", file=name, stream=sid, frames=stats.frames,
                volume={"min": [_number(v) for v in pos.low], "max": [_number(v) for v in pos.high]},
                x=[_number(v) for v in points[:, 0]], y=[_number(v) for v in points[:, 1]],
                z=[_number(v) for v in points[:, 2]],
                outside=[int(i) for i in np.flatnonzero(pos.out[shown])], outside_total=pos.outside,
            )
