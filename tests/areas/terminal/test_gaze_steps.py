"""An eye tracker against an artificial eye a stage steps (TD-GAZE-003): each jump's latency is its half-way
crossing less the step's time, interpolated between successive samples; a jump the gaze never follows while the
tracker keeps sampling is named as missed, one with no samples left unjudged; the rate against the stage's clock
counts the frames delivered, whatever their own times say; the clean rig passes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conformance import Message
from conformance.areas.terminal.gaze_steps import Measured, Step, StepTrack, measure
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
