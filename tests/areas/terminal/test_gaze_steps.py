"""An eye tracker against an artificial eye a stage steps (TD-GAZE-003): each jump's latency is its half-way
crossing less the step's time, interpolated between successive samples; a jump the gaze never follows while the
tracker keeps sampling is named as missed, one with no samples left unjudged; the rate against the stage's clock
counts the frames delivered, whatever their own times say; the clean rig passes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conformance import Message
from conformance.areas.terminal.gaze_steps import SPARSE, UNSEEN, Measured, Step, StepTrack, measure
from conformance.areas.terminal.model import StreamStats
from tests.conftest import captures_verdict
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "gaze-steps.ndjson.gz"
T0 = 1_000_000_000_000
LEFT, RIGHT = np.array([-math.sin(0.2), 0.0, -math.cos(0.2)]), np.array([math.sin(0.2), 0.0, -math.cos(0.2)])


def _stream(latency_s: float, frames_per_s: float = 120.0, stamped_hz: float = 120.0, jumps: int = 12,
            follow: int | None = None) -> StreamStats:
    """Steps every 0.5 s (staggered by 0.77 ms), alternating left and right; a tracker sampling ``frames_per_s``
    of the stage's seconds but stamping its frames ``stamped_hz`` apart, ``latency_s`` late, following only the
    first ``follow`` jumps."""
    steps = [Step(k, T0 + round((0.25 + k * 0.50077) * 1e9), LEFT if k % 2 == 0 else RIGHT) for k in range(jumps)]
    n = int(6.5 * frames_per_s)
    seen = np.arange(n) / frames_per_s - latency_s  # the stage's time each sample shows
    k = np.searchsorted([(s.t - T0) / 1e9 for s in steps], seen, side="right") - 1
    k = np.clip(k if follow is None else np.minimum(k, follow), 0, jumps - 1)
    d = np.where((k % 2 == 0)[:, None], LEFT, RIGHT)
    stats = StreamStats(id="gaze", type="eye_gaze", rate_hz=120.0)
    stats.gaze_steps = StepTrack(steps, t=[T0 + np.round(np.arange(n) / stamped_hz * 1e9)], d=[d],
                                 frame=[np.arange(n)], kept=n)
    return stats


def test_the_latency_and_the_rate_are_measured():
    got = measure(_stream(0.02), 10)
    assert isinstance(got, Measured) and got.followed == 11
    assert got.latency_ms == pytest.approx(20, abs=1) and got.rate_hz == pytest.approx(120, rel=0.002)


def test_frames_stamped_at_the_declared_rate_are_counted_against_the_stage():
    """126 samples a stage second, stamped 120 Hz apart (a clock running slow): TD-RATE-001 sees 120 Hz; against
    the stage's clock the frames count 126 a second (and each jump shows later than the last)."""
    got = measure(_stream(0.0, frames_per_s=126.0, stamped_hz=120.0), 10)
    assert isinstance(got, Measured) and got.rate_hz == pytest.approx(126, rel=0.002)
    assert got.jumps[-1].latency_ms > got.jumps[0].latency_ms + 200


def test_a_jump_not_followed_is_missed_and_too_few_are_inconclusive():
    got = measure(_stream(0.01, follow=8), 10)
    # stuck where jump 8 left it (left): the jumps to the right (9, 11) are missed, the one back left (10) is not
    assert isinstance(got, Measured) and [j.index for j in got.jumps if j.missed] == [9, 11]
    few = measure(_stream(0.01, jumps=6), 10)
    assert isinstance(few, Message) and "fewer than 10" in few


def test_the_clean_rig_passes(catalog, run_manifest):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-003", [SAMPLE],
                                         features=["artificial-eye-steps"])
    assert verdict == "pass", evidence
    assert "over 11 steps" in evidence


# -- seventy-first reading, c1: one window for the crossing and the count of valid samples ---------------------------

UP = np.array([0.0, math.sin(0.2), -math.cos(0.2)])
CYCLE = (LEFT, RIGHT, UP)


def _hundred_hz(stuck: int | None = None, keep: int | None = None, drop_before_crossing: int | None = None
                ) -> StreamStats:
    """12 steps 0.5 s apart cycling left, right, up, a tracker at 100 Hz following each 20 ms late; step ``stuck``
    not followed (the gaze keeps the step before's direction until the next step's), only ``keep`` valid samples
    left in its window (from 100 ms before it to the next step), or the frame before step
    ``drop_before_crossing``'s crossing dropped."""
    steps = [Step(k, T0 + round((0.25 + k * 0.5) * 1e9), CYCLE[k % 3]) for k in range(12)]
    n = 650
    t = T0 + np.arange(n) * 10_000_000
    k = np.searchsorted([s.t for s in steps], t - 20_000_000, side="right") - 1
    if stuck is not None:
        k = np.where(k == stuck, stuck - 1, k)
    k = np.clip(k, 0, 11)
    d = np.array([CYCLE[i % 3] for i in k])
    keep_rows = np.ones(n, bool)
    if stuck is not None and keep is not None:
        window = np.flatnonzero((t >= steps[stuck].t - 100_000_000) & (t < steps[stuck + 1].t))
        assert len(window) == 60  # 0.6 s at 100 Hz
        keep_rows[window[keep:]] = False
    if drop_before_crossing is not None:
        keep_rows[int(np.flatnonzero(k == drop_before_crossing)[0]) - 1] = False
    stats = StreamStats(id="gaze", type="eye_gaze", rate_hz=100.0)
    rows = np.flatnonzero(keep_rows)
    stats.gaze_steps = StepTrack(steps, t=[t[rows]], d=[d[rows]], frame=[rows], kept=len(rows))
    return stats


@pytest.mark.parametrize("keep", [25, 26, 27, 28, 29])
def test_a_jump_with_fewer_valid_samples_than_half_its_whole_window_is_unjudged(keep):
    """100 Hz, 0.5 s between jumps: the window from 100 ms before the step holds 60 samples, so a jump with 25 to 29
    valid ones and no crossing is unjudged (the check took half of the 50 from the step on, and failed it)."""
    got = measure(_hundred_hz(stuck=5, keep=keep), 10)
    assert isinstance(got, Measured)
    jump = next(j for j in got.jumps if j.index == 5)
    assert not jump.missed and jump.latency_ms is None and jump.unjudged == SPARSE
    assert jump.window_samples == pytest.approx(60)


def test_a_jump_with_half_its_whole_window_valid_and_no_crossing_is_missed():
    got = measure(_hundred_hz(stuck=5, keep=30), 10)
    assert isinstance(got, Measured) and [j.index for j in got.jumps if j.missed] == [5]


def test_a_crossing_over_a_dropped_frame_is_named_unjudged_not_missed():
    """The gaze reaches the new direction, but the frame before the first sample nearer it was dropped: no pair of
    adjacent frames crosses half-way, so no latency can be interpolated; the jump is unjudged as unseen, not
    failed, as step 3 and the inconclusive line say."""
    got = measure(_hundred_hz(drop_before_crossing=5), 10)
    assert isinstance(got, Measured) and got.followed == 10 and not any(j.missed for j in got.jumps)
    jump = next(j for j in got.jumps if j.index == 5)
    assert jump.latency_ms is None and jump.unjudged == UNSEEN
    assert all(j.unjudged is None for j in got.jumps if j.index != 5)
