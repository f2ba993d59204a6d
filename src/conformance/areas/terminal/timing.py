"""Per-stream timing: order (TD-CAP-002), effective rate, dropped frames and jitter (TD-RATE-*).

Everything is gathered in one streaming pass with state carried across chunks: the last
timestamp, the count of long gaps and the frames they stand for, and a fixed-size
histogram of |interval - nominal period| (so the p99 jitter needs no list of intervals and
memory stays flat however long the capture is).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...findings import Finding
from ...messages import msg
from .model import JITTER_BIN_NS, JITTER_BINS, CaptureAnalysis, IssueLog, StreamStats

#: An interval longer than this many nominal periods means frames were dropped.
GAP_PERIODS = 1.5


def track(stats: StreamStats, t: np.ndarray, lines: np.ndarray, order: IssueLog) -> None:
    """Check that ``t`` (this chunk's timestamps of one stream) strictly increases, and
    accumulate the interval statistics."""
    previous = np.empty_like(t)
    previous[1:] = t[:-1]
    # Compare rather than subtract: a difference of two int64 timestamps can overflow.
    bad = t <= previous
    if stats.last_t is None:
        bad[0] = False
        previous[0] = t[0]
    else:
        previous[0] = stats.last_t
        bad[0] = t[0] <= stats.last_t
    rows = np.flatnonzero(bad)
    room = min(max(order.room, 0), len(rows))
    for i in rows[:room]:
        prev_line = int(lines[i - 1]) if i else stats.last_line
        order.add(Finding(msg("terminal.t-not-increasing", t=int(t[i]), previous=int(previous[i]), line=prev_line),
                        line=int(lines[i]), stream=stats.id, frame=stats.frames + int(i), t=int(t[i]),
                        pointer="/t", expected=f"> {int(previous[i])}", actual=int(t[i])))
    order.count(len(rows) - room)

    if stats.rate_hz is not None:
        period = 1e9 / stats.rate_hz
        intervals = (t.astype(np.float64) - previous.astype(np.float64))[0 if stats.last_t is not None else 1:]
        intervals = intervals[intervals > 0]
        with np.errstate(all="ignore"):  # any declared rate, however absurd, gives numbers
            periods = intervals / period
            long = periods > GAP_PERIODS
            missing = float(np.sum(np.minimum(np.rint(periods[long]) - 1, 1e12)))
            top = JITTER_BINS - 1
            bins = np.nan_to_num(np.abs(intervals - period) // JITTER_BIN_NS, nan=top, posinf=top)
        stats.gaps += int(np.count_nonzero(long))
        stats.dropped += int(min(missing, 1e15))
        jitter = np.clip(bins, 0, JITTER_BINS - 1).astype(np.int64)
        counts = np.bincount(jitter, minlength=JITTER_BINS)
        stats.jitter = counts if stats.jitter is None else stats.jitter + counts
    if stats.first_t is None:
        stats.first_t = int(t[0])
    stats.last_t, stats.last_line = int(t[-1]), int(lines[-1])


@dataclass(frozen=True)
class Timing:
    """What a stream's timestamps show against its declared rate."""

    stream: str
    declared_hz: float
    frames: int
    effective_hz: float
    dropped: int
    p99_jitter_ms: float | None

    def deviation(self) -> float:
        return abs(self.effective_hz - self.declared_hz) / self.declared_hz

    @property
    def drop_ratio(self) -> float:
        return self.dropped / (self.frames + self.dropped)


def timings(analysis: CaptureAnalysis) -> tuple[list[Timing], list[str]]:
    """Each rated stream's timing; and streams with too few frames to measure."""
    measured: list[Timing] = []
    unmeasured: list[str] = []
    for stats in analysis.streams.values():
        if stats.rate_hz is None:
            continue
        first, last = stats.first_t, stats.last_t
        if stats.frames < 2 or first is None or last is None or last <= first:
            unmeasured.append(stats.id)
            continue
        effective = (stats.frames - 1) * 1e9 / (last - first)
        measured.append(Timing(stats.id, stats.rate_hz, stats.frames, effective, stats.dropped,
                               _p99_ms(stats.jitter)))
    return measured, unmeasured


def jitter_limit_ms(rate_hz: float, floor_ms: float, ratio: float | None) -> float:
    """The p99 jitter bound of a stream declared at ``rate_hz`` (TD-RATE-003): ``ratio`` of its
    nominal period, never below ``floor_ms`` (2 ms is 14 % of a 72 Hz period but 2 % of a
    10 Hz one; a bound in milliseconds alone fails every slow stream). No ratio: the floor."""
    if ratio is None:
        return floor_ms
    return max(floor_ms, ratio * 1e3 / rate_hz)


def _p99_ms(histogram: np.ndarray | None) -> float | None:
    """The 99th percentile of |interval - period|, as the upper edge of its histogram bin."""
    if histogram is None or not histogram.sum():
        return None
    cumulative = np.cumsum(histogram)
    bin_ = int(np.searchsorted(cumulative, 0.99 * cumulative[-1]))
    return (bin_ + 1) * JITTER_BIN_NS / 1e6
