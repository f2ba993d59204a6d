"""Per-stream timing: order (TD-CAP-002), effective rate, dropped frames and jitter (TD-RATE-*).

Everything is gathered in one streaming pass with state carried across chunks: the last
timestamp, the count of long gaps and the frames they stand for, and a fixed-size
histogram of |interval - nominal period| (so the p99 jitter needs no list of intervals and
memory stays flat however long the capture is).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conformance import msg

from .chart_buckets import IntervalBuckets
from .model import (
    JITTER_BIN_NS,
    JITTER_BINS,
    JITTER_FINE_BINS,
    JITTER_LOG_STEP,
    CaptureAnalysis,
    IssueLog,
    StreamStats,
    captured,
)

#: An interval longer than this many nominal periods means frames were dropped.
GAP_PERIODS = 1.5


def whole_periods(ratio: np.ndarray) -> np.ndarray:
    """Each interval over the period rounded half up (四舍五入), as TD-RATE-002's, TD-DISP-001's and TD-DISP-009's
    steps say: an interval of 2.5 periods is 3 (two frames missed), where ``np.rint``, rounding half to even, made it
    2; a 100 Hz stream's 25 ms interval is such a ratio exactly."""
    return np.floor(ratio + 0.5)


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
        order.add(captured(msg("terminal.t-not-increasing", t=int(t[i]), previous=int(previous[i]), line=prev_line),
                         line=int(lines[i]), stream=stats.id, frame=stats.frames + int(i), t=int(t[i]),
                         pointer="/t", expected=f"> {int(previous[i])}", actual=int(t[i])))
    order.count(len(rows) - room)
    stats.reversed += len(rows)

    if stats.rate_hz is not None:
        period = 1e9 / stats.rate_hz
        # each converted to float64, then subtracted: one pass, no converted copies
        start = 0 if stats.last_t is not None else 1
        intervals = np.subtract(t, previous, dtype=np.float64)[start:]
        kept = intervals > 0
        intervals = intervals[kept]
        with np.errstate(all="ignore"):  # any declared rate, however absurd, gives numbers
            periods = intervals / period
            long = periods > GAP_PERIODS
            each_missing = np.minimum(whole_periods(periods[long]) - 1, 1e12)
            missing = float(np.sum(each_missing))
            origin = stats.first_t if stats.first_t is not None else int(t[0])
            _chart(stats, origin, t[start:] if len(intervals) == len(t) - start else t[start:][kept], intervals, long,
                   each_missing, period)
            np.subtract(intervals, period, out=intervals)
            jitter = jitter_bins(np.abs(intervals, out=intervals))
        stats.gaps += int(np.count_nonzero(long))
        stats.dropped += int(min(missing, 1e15))
        counts = np.bincount(jitter, minlength=JITTER_BINS)
        stats.jitter = counts if stats.jitter is None else stats.jitter + counts
    if stats.first_t is None:
        stats.first_t = int(t[0])
    stats.last_t, stats.last_line = int(t[-1]), int(lines[-1])


def _chart(stats: StreamStats, origin: int, at: np.ndarray, intervals: np.ndarray, long: np.ndarray,
           missing: np.ndarray, period: float) -> None:
    """Fold the chunk's intervals into the stream's chart buckets (the report's interval chart)."""
    if not len(intervals):
        return
    if stats.interval_chart is None:
        stats.interval_chart = IntervalBuckets(origin, period)
    stats.interval_chart.add(at, intervals, long, missing)


_FINE_TOP_NS = JITTER_FINE_BINS * JITTER_BIN_NS
_LOG_STEP = float(np.log(JITTER_LOG_STEP))


def jitter_bins(deviation_ns: np.ndarray) -> np.ndarray:
    """The histogram bin of each |interval - period| (ns): 10 us bins to 50 ms, then bins
    1 % wider each; NaN and anything beyond the last edge fall in the last, open bin.

    Each bin holds its upper edge and not its lower one, (k * 10 us, (k + 1) * 10 us] (0 is in
    bin 0): the bin's upper edge is the value rounded up to a multiple of 10 us, so for a limit
    that is a multiple of 10 us, "the upper edge is at most the limit" decides exactly "the value
    is at most the limit" (a value exactly at the limit is within it)."""
    top = JITTER_BINS - 1
    with np.errstate(all="ignore"):
        # ceil(x / bin) - 1 exactly, at a tenth of the cost of NumPy's float floor division
        # (which takes a remainder): the floor of the rounded quotient is the exact quotient's
        # floor or one more, and bins * bin is exact (bin is an integer, bins * bin below 2**53),
        # so one comparison finds the ones too high and the ones exactly on an edge, which
        # belong to the bin below (x = k * bin is rounded exactly, its quotient k)
        bins = np.floor(deviation_ns / JITTER_BIN_NS)
        bins -= bins * JITTER_BIN_NS >= deviation_ns
        beyond = ~(deviation_ns <= _FINE_TOP_NS)  # NaN too; rare: the logarithm is taken of these only
        if beyond.any():
            above = np.ceil(np.log(deviation_ns[beyond] / _FINE_TOP_NS) / _LOG_STEP) - 1
            bins[beyond] = JITTER_FINE_BINS + np.maximum(above, 0)
        if not np.isfinite(bins.sum()):  # NaN and infinities in the last bin (the sum is finite when none is)
            bins = np.nan_to_num(bins, nan=top, posinf=top, neginf=top)
    return np.clip(bins, 0, top, out=bins).astype(np.int64)


def bin_upper_ms(bin_: int) -> float:
    """The upper edge of a jitter histogram bin, in milliseconds: the largest value the bin
    holds (the value rounded up to a multiple of 10 us; beyond 50 ms, to the 1 % bin's edge)."""
    if bin_ < JITTER_FINE_BINS:
        return (bin_ + 1) * JITTER_BIN_NS / 1e6
    return _FINE_TOP_NS * JITTER_LOG_STEP ** (bin_ - JITTER_FINE_BINS + 1) / 1e6


@dataclass(frozen=True)
class Timing:
    """What a stream's timestamps show against its declared rate."""

    stream: str
    declared_hz: float
    frames: int
    effective_hz: float
    dropped: int
    p99_jitter_ms: float | None
    intervals: int = 0  # the intervals the p99 is taken over

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
                               _p99_ms(stats.jitter), 0 if stats.jitter is None else int(stats.jitter.sum())))
    return measured, unmeasured


def jitter_limit_ms(rate_hz: float, floor_ms: float, ratio: float | None) -> float:
    """The p99 jitter bound of a stream declared at ``rate_hz`` (TD-RATE-003): ``ratio`` of its
    nominal period, never below ``floor_ms`` (2 ms is 14 % of a 72 Hz period but 2 % of a
    10 Hz one; a bound in milliseconds alone fails every slow stream). No ratio: the floor."""
    if ratio is None:
        return floor_ms
    return max(floor_ms, ratio * 1e3 / rate_hz)


def _p99_ms(histogram: np.ndarray | None) -> float | None:
    """The 99th percentile of |interval - period| by the nearest-rank method: the value of
    rank ceil(0.99 n) among the n intervals in ascending order, given as the upper edge of
    the histogram bin that holds it: rounded up to a multiple of 10 us (to 50 ms, 1 % beyond),
    which is at most a limit on the 10 us grid exactly when the percentile is. Over fewer than
    100 intervals that rank is the largest one: TD-RATE-003 asks for a minimum count."""
    if histogram is None or not histogram.sum():
        return None
    cumulative = np.cumsum(histogram)
    rank = -(-99 * int(cumulative[-1]) // 100)  # ceil(0.99 n), in integers
    return bin_upper_ms(int(np.searchsorted(cumulative, rank)))
