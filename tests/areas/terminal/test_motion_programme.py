"""Tracking on a motion programme a reference rig measures (TD-PERF-004): the position's and the orientation's
latencies are found apart (a tracker late in orientation alone shows it), each error taken at its own latency; a
reference that does not cover the programme (no tilt, no travel, no fast turn) is inconclusive, naming what it
lacks; the clean rig passes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from conformance import Message
from conformance.areas.terminal.generate.motion import yaw_pitch_roll
from conformance.areas.terminal.generate.programme import programme
from conformance.areas.terminal.model import StreamStats
from conformance.areas.terminal.motion_programme import Measured, PoseTrack, measure
from tests.conftest import captures_verdict
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "motion-programme.ndjson.gz"
T0 = 1_000_000_000_000


def _stream(hz: float, position_late_s: float = 0.0, orientation_late_s: float = 0.0,
            still: bool = False) -> StreamStats:
    t_s = np.arange(int(5.0 * hz)) / hz
    q = np.array([yaw_pitch_roll(*(math.radians(a) for a in programme(0.0 if still else s - orientation_late_s)[:2]),
                                 0.0) for s in t_s])
    p = np.array([[programme(0.0 if still else s - position_late_s)[2], 1.2, -0.5] for s in t_s])
    stats = StreamStats(id=f"pose{hz:g}", type="pose", rate_hz=hz)
    stats.pose_track = PoseTrack(t=[T0 + np.round(t_s * 1e9).astype(np.int64)], q=[q], p=[p], kept=len(t_s))
    return stats


def test_the_orientation_latency_is_found_apart_from_the_position_s():
    got = measure(_stream(120, orientation_late_s=0.03), _stream(240), 500)
    assert isinstance(got, Measured)
    assert got.position_latency_ms == 0 and got.orientation_latency_ms == pytest.approx(30, abs=1)
    assert got.orientation_trueness_deg < 0.1 and got.orientation_precision_deg < 0.2  # taken at its own latency


def test_a_reference_that_does_not_cover_the_programme_is_inconclusive():
    got = measure(_stream(120), _stream(240, still=True), 500)
    assert isinstance(got, Message) and "tilt_deg 0 < 20" in got and "peak_deg_s 0 < 780" in got


def test_the_clean_rig_passes(catalog, run_manifest):
    verdict, evidence = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-004", [SAMPLE],
                                         features=["motion-programme"])
    assert verdict == "pass", evidence
    assert "on the motion programme: position trueness" in evidence
