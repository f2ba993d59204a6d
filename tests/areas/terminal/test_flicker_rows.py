"""Flicker windows measured a few rows at a time (flicker.measure_rows) give, bit for bit, what
measuring each window alone gives (flicker.measure): the verdict inputs of TD-DISP-005 do not
depend on how the windows were batched."""

from __future__ import annotations

import numpy as np
import pytest

from conformance.areas.terminal import flicker


@pytest.mark.parametrize("rate_hz", [2.0, 3.0, 250.0, 997.0, 4000.0, 40000.0])
def test_rows_measure_as_single_windows(rate_hz):
    n = flicker.TraceState(rate_hz).window_n
    rng = np.random.default_rng(int(rate_hz))
    t = np.arange(11 * n) / rate_hz
    trace = 100 + 20 * np.sign(np.sin(2 * np.pi * 120 * t)) + rng.normal(0, 2, len(t))
    trace[3 * n:4 * n] = 0.0  # a dark window: no modulation
    trace[5 * n:6 * n] = 7.25  # a steady one: a flat spectrum
    windows = np.round(trace, 3).reshape(-1, n)
    want = [flicker.measure(row, rate_hz) for row in windows]
    got = flicker.measure_rows(windows, rate_hz)
    assert np.array(got).tobytes() == np.array(want).tobytes()


def test_a_trace_fed_in_uneven_blocks_gives_the_windows_of_one_at_a_time():
    rate_hz, rng = 4000.0, np.random.default_rng(5)
    trace = np.round(120 + 6 * np.sin(2 * np.pi * 90 * np.arange(37_000) / rate_hz) + rng.normal(0, 1, 37_000), 3)
    batched, single = flicker.TraceState(rate_hz, kept=[]), flicker.TraceState(rate_hz, kept=[])
    cuts = np.cumsum(rng.integers(1, 9000, 40))
    for k, block in enumerate(np.split(trace, cuts[cuts < len(trace)])):
        batched.add(k * 10, k, block)
    batched.finish()
    for start in range(0, len(trace) - len(trace) % 4000, 4000):
        single.kept.append((0, *flicker.measure(trace[start:start + 4000], rate_hz), 0, 1.0))
    assert [w[1:3] for w in batched.kept[:len(single.kept)]] == [w[1:3] for w in single.kept]
