"""The p99 of the jitter histogram against a limit (sixty-ninth reading of issue 76, part h133-p99, c1).

TD-RATE-003, TD-DISP-001 and TD-DISP-002 judge the 99th percentile as the upper edge of its 10 us bin. The bins hold
their upper edge, (k * 10 us, (k + 1) * 10 us], so for a limit that is a multiple of 10 us "the upper edge is at most
the limit" decides exactly "the percentile is at most the limit": a percentile exactly at 2 ms or 20 ms is within it
(it counted in the bin above, 2.01 ms and 20.01 ms, and failed)."""

from __future__ import annotations

import io
import math

import numpy as np
import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.terminal import analyse, timings
from conformance.areas.terminal.display import LatencyState, SkewState
from conformance.areas.terminal.model import JITTER_BIN_NS, JITTER_BINS, JITTER_FINE_BINS
from conformance.areas.terminal.timing import _p99_ms, bin_upper_ms, jitter_bins

_FINE_TOP = JITTER_FINE_BINS * JITTER_BIN_NS


def _histogram(values_ns: list[float]) -> np.ndarray:
    return np.bincount(jitter_bins(np.array(values_ns, np.float64)), minlength=JITTER_BINS)


def _exact_p99_ns(values_ns: list[float]) -> float:
    ordered = sorted(values_ns)
    return ordered[math.ceil(0.99 * len(ordered)) - 1]


def test_a_value_on_an_edge_is_in_the_bin_below_it():
    for value_ns, upper_ms in ((0, 0.01), (10_000, 0.01), (10_001, 0.02), (2_000_000, 2.0), (1_999_000, 2.0),
                               (2_000_001, 2.01), (20_000_000, 20.0), (19_995_000, 20.0), (50_000_000, 50.0)):
        assert bin_upper_ms(int(jitter_bins(np.array([value_ns], np.float64))[0])) == upper_ms, value_ns


_VALUE = st.one_of(st.floats(0, 60e6, allow_nan=False), st.integers(0, 6_000).map(lambda k: k * 10_000.0),
                   st.integers(0, 6_000).map(lambda k: k * 10_000.0 + 1), st.integers(1, 6_000).map(lambda k: k * 10_000.0 - 1))


@settings(max_examples=300, deadline=None)
@given(st.lists(_VALUE, min_size=1, max_size=300), st.integers(1, JITTER_FINE_BINS))
def test_the_binned_p99_decides_as_the_exact_one_at_every_limit_on_the_10_us_grid(values, k):
    """For a limit L = k * 10 us (to 50 ms), p99 (the bin's upper edge) <= L exactly when the exact p99 <= L."""
    limit_ns = k * JITTER_BIN_NS
    p99_ms = _p99_ms(_histogram(values))
    assert p99_ms is not None
    assert (p99_ms <= limit_ns / 1e6) == (_exact_p99_ns(values) <= limit_ns)
    # and what is recorded is the exact p99 rounded up to a multiple of 10 us (0 to the first edge)
    exact = _exact_p99_ns(values)
    if exact <= _FINE_TOP:
        assert p99_ms == max(math.ceil(exact / JITTER_BIN_NS), 1) * JITTER_BIN_NS / 1e6


@settings(max_examples=100, deadline=None)
@given(st.lists(_VALUE, min_size=1, max_size=300))
def test_the_binned_p99_is_never_below_the_exact_one(values):
    """Off the grid the rounding is up, never down: a limit met by the recorded value is met by the exact one."""
    p99_ms = _p99_ms(_histogram(values))
    assert p99_ms is not None and p99_ms * 1e6 >= _exact_p99_ns(values) * (1 - 1e-12)


def _stream(rate_hz: int, deviation_ns: int, intervals: int = 400) -> list[bytes]:
    header = {"format": "mvx-capture", "version": "1.0", "device": {},
              "streams": [{"id": "head", "type": "other", "rate_hz": rate_hz}]}
    period = 1_000_000_000 // rate_hz
    t, lines = 1_000_000_000, [orjson.dumps(header)]
    for i in range(intervals + 1):
        t += period + (deviation_ns if i % 2 else -deviation_ns) if i else 0
        lines.append(orjson.dumps({"stream": "head", "t": t}))
    return lines


def test_a_stream_whose_p99_jitter_is_exactly_2_ms_is_within_the_2_ms_floor():
    (timing,), _ = timings(analyse(io.BytesIO(b"\n".join(_stream(100, 2_000_000)) + b"\n")))
    assert timing.p99_jitter_ms == 2.0  # 2.01 before: the bin [2 ms, 2.01 ms)
    (over,), _ = timings(analyse(io.BytesIO(b"\n".join(_stream(100, 2_000_001)) + b"\n")))
    assert over.p99_jitter_ms is not None and over.p99_jitter_ms > 2.0


def test_a_motion_to_photon_proxy_of_exactly_20_ms_is_within_20_ms():
    state = LatencyState()
    state.histogram += _histogram([20_000_000.0] * 300)
    assert state.p99_ms() == 20.0  # 20.01 before
    state.histogram += _histogram([20_000_001.0] * 300)
    assert (state.p99_ms() or 0) > 20.0


def test_a_skew_exactly_at_the_limit_is_not_counted_over_it():
    skew = SkewState(pending={})
    skew.histogram += _histogram([1_000_000.0, 1_000_000.0, 1_000_001.0, 1_010_001.0])
    # (1 ms, 1.01 ms] and (1.01 ms, 1.02 ms] lie wholly above 1 ms; the two skews of exactly 1 ms are within it (their
    # bin was [1 ms, 1.01 ms), counted over: 4)
    assert skew.over(1.0) == 2
