"""Bounded chart series filled during the analysis's one pass (see :mod:`.series`).

The analysis does not know a stream's length or time span until the capture ends, so the
buckets cannot be laid out in advance. Each series starts with narrow buckets (one nominal
frame period, or one frame) and, whenever a value falls beyond its last bucket, doubles the
bucket width as often as needed, merging neighbours: 2k and 2k+1 become bucket k. Every
value a bucket keeps merges exactly (shortest and longest interval, dropped frames, the
first position and the first one outside the volume), and a value's bucket after any
number of doublings is where it would have fallen had the final width been used from the
start (the width only ever doubles, exactly in floating point, and floor(floor(x) / 2) is
floor(x / 2)). So the series do not depend on how the reader cut the file into chunks, and
a stream of any length ends with between half and all of the buckets in use.
"""

from __future__ import annotations

import numpy as np

BUCKETS = 160  # interval buckets per stream: at most 320 plotted values
POINTS = 300  # position buckets per stream: at most 300 points


class IntervalBuckets:
    """Per time bucket of a stream: its shortest and longest frame interval in ns (so a
    spike survives downsampling) and the frames its long intervals stand for."""

    def __init__(self, origin_ns: int, period_ns: float) -> None:
        self.origin = float(origin_ns)  # the stream's first t
        # never narrower than 1 ns (timestamps are whole ns), whatever rate is declared
        self.width = max(period_ns, 1.0) if np.isfinite(period_ns) else 1.0
        self.used = 0  # buckets up to the last one holding an interval
        self.low = np.full(BUCKETS, np.inf)
        self.high = np.full(BUCKETS, -np.inf)
        self.dropped = np.zeros(BUCKETS)

    def add(self, at_ns: np.ndarray, ns: np.ndarray, long: np.ndarray, missing: np.ndarray) -> None:
        """Intervals ``ns`` (float64) ending at ``at_ns`` (int64 timestamps); ``missing``:
        the frames each of the ``long`` ones stands for."""
        if not len(ns):
            return
        offset = np.subtract(at_ns, self.origin, dtype=np.float64)  # before the origin (t gone back): bucket 0
        top = int(np.floor(max(float(offset.max()), 0.0) / self.width))
        doublings = 0
        while top >= BUCKETS:
            top //= 2
            doublings += 1
        if doublings:
            self._merge(doublings)
        self.used = max(self.used, top + 1)
        np.divide(offset, self.width, out=offset)
        np.floor(offset, out=offset)
        bucket = np.clip(offset, 0, BUCKETS - 1, out=offset).astype(np.int64)
        if (bucket[1:] >= bucket[:-1]).all():  # in time order, as nearly always: a reduction per run of a bucket
            runs, starts = _firsts(bucket)  # runs: distinct, increasing
            self.low[runs] = np.minimum(self.low[runs], np.minimum.reduceat(ns, starts))
            self.high[runs] = np.maximum(self.high[runs], np.maximum.reduceat(ns, starts))
        else:
            np.minimum.at(self.low, bucket, ns)
            np.maximum.at(self.high, bucket, ns)
        if long.any():
            np.add.at(self.dropped, bucket[long], missing)

    def _merge(self, doublings: int) -> None:
        into = np.arange(BUCKETS) >> min(doublings, 62)
        low, high, dropped = np.full(BUCKETS, np.inf), np.full(BUCKETS, -np.inf), np.zeros(BUCKETS)
        np.minimum.at(low, into, self.low)
        np.maximum.at(high, into, self.high)
        np.add.at(dropped, into, self.dropped)
        self.low, self.high, self.dropped = low, high, dropped
        self.width *= 2.0**doublings
        self.used = int(into[self.used - 1]) + 1 if self.used else 0


class PositionBuckets:
    """Per bucket of a stream's frames (in file order): one valid position, the first one
    outside the tracking volume when the bucket holds any (so every stretch outside shows),
    else its first."""

    def __init__(self, low: np.ndarray, high: np.ndarray) -> None:
        self.low, self.high = low, high  # the tracking volume's corners
        self.width = 1  # frames per bucket, a power of two
        self.outside = 0  # valid positions outside the volume, all of them
        self.points = np.full((POINTS, 3), np.nan)
        self.out = np.zeros(POINTS, dtype=bool)

    def add(self, frame: np.ndarray, p: np.ndarray, valid: np.ndarray, outside: np.ndarray) -> None:
        """Positions ``p`` (n x 3) of the frames numbered ``frame`` within the stream (in
        increasing order), ``valid`` where their flags say so, ``outside`` where valid and
        not within the volume (as TD-POSE-002 found them; a position that is not a finite
        number is never drawn)."""
        doublings = 0
        while int(frame[-1]) // (self.width << doublings) >= POINTS:
            doublings += 1
        if doublings:
            self._merge(doublings)
        first, last = int(frame[0]) // self.width, int(frame[-1]) // self.width
        if not outside.any() and not np.isnan(self.points[first:last + 1, 0]).any():
            return  # the common case: every bucket the chunk spans already shows a point, none outside
        finite = np.all(np.isfinite(p), axis=1)
        valid, outside = valid & finite, outside & finite
        bucket = frame // self.width
        self.outside += int(np.count_nonzero(outside))
        rows = np.flatnonzero(valid)
        if len(rows):
            placed, at = _firsts(bucket[rows])
            empty = np.isnan(self.points[placed, 0])
            self.points[placed[empty]] = p[rows[at[empty]]]
        if outside.any():
            rows = np.flatnonzero(outside)
            placed, at = _firsts(bucket[rows])
            fresh = ~self.out[placed]  # the first out-of-volume position of a bucket replaces an inside one
            self.points[placed[fresh]] = p[rows[at[fresh]]]
            self.out[placed[fresh]] = True

    def _merge(self, doublings: int) -> None:
        """Bucket k of the wider buckets takes, of the old buckets it covers (in order), the
        first one's point that is outside the volume, else the first point at all."""
        order = np.arange(POINTS)
        into = order >> min(doublings, 62)
        held = ~np.isnan(self.points[:, 0])
        # the old bucket each new one takes: the least rank (outside first, then in order)
        rank = np.where(self.out, 0, np.where(held, 1, 2)) * POINTS + order
        best = np.full(POINTS, 3 * POINTS)
        np.minimum.at(best, into, rank)
        taken = best < 2 * POINTS  # a new bucket with a point
        points = np.full((POINTS, 3), np.nan)
        points[taken] = self.points[best[taken] % POINTS]
        self.points = points
        self.out = np.zeros(POINTS, dtype=bool)
        self.out[taken] = best[taken] < POINTS
        self.width <<= doublings


def _firsts(bucket: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of a non-decreasing array and where each first occurs."""
    rows = np.flatnonzero(np.concatenate(([True], bucket[1:] != bucket[:-1])))
    return bucket[rows], rows
