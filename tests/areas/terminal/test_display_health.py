"""The measures behind TD-DISP-004 (vergence-accommodation conflict) and TD-DISP-005 (flicker
from a luminance trace): IEEE 1789's regions at their edges, the modulation and frequency
of known waveforms, windows across gaps, and the conflict histogram's counts and percentiles."""

from __future__ import annotations

import io
import math

import numpy as np
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.terminal import analyse
from conformance.areas.terminal.flicker import (
    MIN_WINDOW_S,
    Judged,
    TraceState,
    WindowTally,
    judge,
    low_risk_limit,
    measure,
    no_effect_limit,
)

RATE = 4000.0
#: a capture's trace: the least rate TD-DISP-005 2.2 judges, behind an anti-alias low-pass at its Nyquist frequency
TRACE_RATE = 5000.0


def wave(hz: float, modulation: float, seconds: float = 1.0, rate: float = RATE, level: float = 100.0) -> np.ndarray:
    t = np.arange(round(seconds * rate)) / rate
    return level * (1 + modulation * np.sin(2 * math.pi * hz * t))


@pytest.mark.parametrize(("hz", "low", "noel"), [
    (60, 1.5, 0.6), (89.9, 0.025 * 89.9, 0.01 * 89.9), (90, 7.2, 0.0333 * 90), (120, 9.6, 0.0333 * 120),
    (1250, 100.0, 0.0333 * 1250), (1250.5, None, 0.0333 * 1250.5), (3000, None, 99.9), (3001, None, None)])
def test_ieee_1789_regions_at_their_edges(hz, low, noel):
    assert low_risk_limit(hz) == pytest.approx(low) if low is not None else low_risk_limit(hz) is None
    assert no_effect_limit(hz) == pytest.approx(noel) if noel is not None else no_effect_limit(hz) is None


def test_a_sine_ripple_is_read_as_its_frequency_and_mod_percent():
    frequency, modulation = measure(wave(120, 0.10), RATE)
    assert frequency == 120 and modulation == pytest.approx(10.0, abs=0.01)


def test_a_pulse_train_is_read_at_its_fundamental_and_full_modulation():
    t = np.arange(4000) / RATE
    pulses = np.where((t * 90) % 1 < 0.2, 100.0, 0.0)  # lit a fifth of each 90 Hz period: low persistence
    frequency, modulation = measure(pulses, RATE)
    assert frequency == 90 and modulation == 100.0
    assert modulation > low_risk_limit(frequency)  # a strobed display lies outside the low-risk region


def test_dark_is_no_modulation_and_a_short_run_is_read_on_a_1_hz_grid():
    assert measure(np.zeros(4000), RATE)[1] == 0.0
    frequency, modulation = measure(wave(120, 0.3, seconds=0.03, rate=500_000), 500_000)
    assert frequency == pytest.approx(120, abs=1) and modulation == pytest.approx(30, abs=0.01)


@settings(max_examples=40, deadline=None)
@given(hz=st.integers(20, 1000), depth=st.floats(0.01, 0.9))
def test_any_sine_ripple_is_recovered(hz, depth):
    """The frequency exactly; the modulation as sampled: the highest sample of a period lies
    within half a sample period of the crest, so at least cos(pi f / rate) of it."""
    frequency, modulation = measure(wave(hz, depth), RATE)
    assert frequency == hz
    assert 100 * depth * math.cos(math.pi * hz / RATE) - 1e-9 <= modulation <= 100 * depth + 1e-9


def test_windows_close_at_a_gap_and_the_trace_end_and_short_runs_are_dropped():
    state = TraceState(RATE, kept=[])
    trace = wave(60, 0.3, seconds=2.5)
    for k in range(0, len(trace), 400):  # 2.5 s in 0.1 s blocks: two whole windows, 0.5 s left
        state.add(10**12 + k * 250_000, 2 + k // 400, trace[k:k + 400])
    assert [w[4] for w in state.kept] == [1.0, 1.0]
    state.restart()  # a gap: the 0.5 s left is judged as a shorter window
    assert [w[4] for w in state.kept] == [1.0, 1.0, 0.5]
    state.add(5 * 10**12, 40, wave(60, 0.3, seconds=MIN_WINDOW_S / 2))  # 10 ms, then the end
    state.finish()
    state.finish()
    assert len(state.kept) == 3
    judged = judge(state.kept)
    assert judged.over == 3 and judged.worst[1] == 60 and judged.worst[4] == pytest.approx(1.5)
    assert state.tally.judged() == judged  # what the suite reads, without the list


@settings(max_examples=60, deadline=None)
@given(windows=st.lists(st.tuples(st.integers(0, 10**15), st.sampled_from([0.0, 1.0, 30.0, 89.5, 90.0, 500.0, 1250.0,
                                                                           1251.0, 3000.0, 3001.0]),
                                  st.floats(0, 150) | st.sampled_from([0.0, 2.25, 7.2, 100.0]),
                                  st.integers(1, 10**6), st.sampled_from([1.0, 0.5])), min_size=1, max_size=30))
def test_the_tally_judges_as_the_list_of_windows_is_judged(windows):
    """The suite reads a WindowTally fed window by window (bounded memory); judge() of the list
    is the reference: counts, the first worst window, the first most modulated one."""
    tally = WindowTally()
    for t, frequency, modulation, line, _ in windows:
        tally.add(t, frequency, modulation, line)
    reference = _judge_list(windows)
    assert tally.judged() == reference


def _judge_list(windows):
    """R3 over a list, written out as the regions say (the reference for the tally)."""
    over = noel_over = 0
    worst, ratio_worst = None, -1.0
    for t, frequency, modulation, line, _ in windows:
        limit, noel = low_risk_limit(frequency), no_effect_limit(frequency)
        noel_over += noel is not None and modulation > noel
        if limit is None:
            continue
        over += modulation > limit
        ratio = modulation / limit if limit > 0 else float("inf") if modulation > 0 else 0.0
        if ratio > ratio_worst:
            ratio_worst, worst = ratio, (t, frequency, modulation, line, limit)
    top = max(windows, key=lambda w: w[2])
    return Judged(len(windows), over, noel_over, worst, (top[1], top[2]))


def _capture(depths: list[float], display: dict, focal: list[float] | None = None) -> bytes:
    header = {"format": "mvx-capture", "version": "1.0", "recorded_at": "2024-06-01T14:00:00+08:00",
              "device": {"class": "vr_headset", "vendor": "v", "model": "m", "firmware": "1",
                         "offers": [{"id": "fixation", "type": "content_depth", "rate_hz": 90}],
                         "system": {"name": "s", "display": display}},
              "streams": [{"id": "fixation", "type": "content_depth", "rate_hz": 90}]}
    lines = [orjson.dumps(header)]
    for k, depth in enumerate(depths):
        frame = {"stream": "fixation", "t": 10**12 + round(k * 1e9 / 90), "depth_m": depth}
        if focal is not None:
            frame["focal_m"] = focal[k]
        lines.append(orjson.dumps(frame))
    return b"\n".join(lines) + b"\n"


def test_conflict_counts_frames_strictly_over_the_limit_and_percentiles_are_nearest_rank():
    # against a 1 m focus: 0.5 m is exactly 1 D, 1/2.02 m is 1.02 D, 1 m none, 0.25 m 3 D
    depths = [1.0] * 96 + [0.5, 1 / 2.02, 1 / 2.02, 0.25]
    result = analyse(io.BytesIO(_capture(depths, {"focal_distance_m": 1.0})))
    (stats,) = result.streams_of("content_depth")
    state = stats.content_depth
    assert state.frames == 100 and state.over(1.0) == 3 and state.crossed == 4
    assert state.percentile(50) == 0.0 and state.percentile(97) == 1.0 and state.percentile(99) == 1.02
    assert state.percentile(100) == pytest.approx(3.0) == state.worst_d
    assert state.worst["line"] == 101 and result.log("content_depth").total == 0


def test_a_varifocal_display_is_judged_against_the_focus_it_set():
    depths, focal = [0.3, 0.6, 2.0], [0.5, 0.6, 9.0]  # 9 m lies outside its 0.5 .. 4 m
    result = analyse(io.BytesIO(_capture(depths, {"focal_range_m": {"min": 0.5, "max": 4.0}}, focal)))
    (stats,) = result.streams_of("content_depth")
    assert stats.content_depth.frames == 2 and stats.content_depth.worst_d == pytest.approx(1 / 0.3 - 2.0)
    (finding,) = result.log("content_depth").detailed
    assert finding.pointer == "/focal_m" and finding.actual == 9.0


def test_without_a_focal_distance_nothing_is_measured():
    result = analyse(io.BytesIO(_capture([1.0, 2.0], {"refresh_rates_hz": [90]})))
    (stats,) = result.streams_of("content_depth")
    assert stats.content_depth is None and result.log("content_depth").total == 1


def _trace(blocks: list) -> bytes:
    header = {"format": "mvx-capture", "version": "1.0", "recorded_at": "2024-06-01T14:00:00+08:00",
              "device": {"class": "other", "vendor": "v", "model": "m", "firmware": "1",
                         "offers": [{"id": "pd", "type": "luminance"}]},
              "streams": [{"id": "pd", "type": "luminance", "luminance": {
                  "sample_rate_hz": TRACE_RATE, "instrument": {"kind": "photodiode", "model": "PD",
                                                      "bandwidth_hz": TRACE_RATE / 2}}}]}
    lines, t = [orjson.dumps(header)], 10**12
    for block in blocks:
        lines.append(orjson.dumps({"stream": "pd", "t": t, "luminance": block}))
        t += round(len(block) * 1e9 / TRACE_RATE) if isinstance(block, list) else 100_000_000
    return b"\n".join(lines) + b"\n"


def test_blocks_of_one_length_and_of_many_are_read_alike():
    trace = [round(float(v), 3) for v in wave(90, 0.2, seconds=1.2, rate=TRACE_RATE)]
    even = [trace[k:k + 500] for k in range(0, 6000, 500)]
    uneven = [trace[:100], trace[100:1100], trace[1100:6000]]
    states = []
    for blocks in (even, uneven):
        result = analyse(io.BytesIO(_trace(blocks)))
        (stats,) = result.streams_of("luminance")
        assert result.log("luminance_trace").total == 0 and stats.flicker.samples == 6000
        stats.flicker.finish()
        states.append(stats.flicker.tally)
    assert states[0] == states[1] and states[0].windows == 2


def test_a_block_that_is_no_array_of_numbers_breaks_the_trace():
    result = analyse(io.BytesIO(_trace([[1.0] * 400, ["bright"] * 400, [1.0] * 400])))
    (finding,) = result.log("luminance_trace").detailed
    assert finding.pointer == "/luminance" and finding.line == 3
