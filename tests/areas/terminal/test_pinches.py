"""Pinches recognised as intervals against a reference capture of the same hand (TD-HAND-006): the reference's
pinches are told from its thumb and index tips, a recognised interval answers the pinch it overlaps, and what
the recogniser reports is held to the device's own joints; the clean rig passes with its latencies measured."""

from __future__ import annotations

import gzip
import io
from functools import cache

import numpy as np
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.decoding import MarkerEvents
from conformance.areas.terminal.generate.pinchref import CONTACT_M, ONSET_S, RELEASE_S, contacts
from conformance.areas.terminal.pinches import PinchResult, Tips, judge_pinches, recognised
from tests.conftest import captures_verdict, fixture_path
from tests.paths import ROOT

MS = 1e6
SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "captures" / "hand-pinches.ndjson.gz"


@cache
def _judged(name: str) -> PinchResult:
    path = SAMPLE if name == "sample" else fixture_path("terminal", f"pinch-rules/{name}.ndjson.gz")
    result = analyse(io.BytesIO(gzip.decompress(path.read_bytes())))
    return judge_pinches(Tips.of(result.streams["hand_pinching_mocap"].hand_track),
                         Tips.of(result.streams["hand_pinching"].hand_track), result.streams["pinches"].markers,
                         CONTACT_M, 100)


def test_the_clean_rig_measures_the_recogniser_s_own_delays():
    got = _judged("sample")
    assert got.pinches == len(contacts()) and not (got.missed or got.phantom or got.broken or got.unsupported)
    # the reference's 60 Hz frames, interpolated, find the 50 ms and 60 ms the recogniser takes within 3 ms
    assert got.onset_ms == pytest.approx([ONSET_S * 1e3] * 6, abs=3)
    assert got.release_ms == pytest.approx([RELEASE_S * 1e3] * 6, abs=3)


def test_the_clean_rig_passes_through_the_suite(catalog, run_manifest):
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-006", [SAMPLE],
                                     features=["reference-gesture-capture"])
    assert verdict == "pass", text


def _tips(distances_mm: list[float]) -> Tips:
    t = np.arange(len(distances_mm), dtype=np.float64) * 10 * MS
    return Tips(t, np.array(distances_mm) / 1000)


def test_a_pinch_is_the_tips_within_the_contact_distance_crossings_interpolated():
    tips = _tips([40, 30, 10, 10, 10, 30, 40, 10])  # the last pinch never ends: left out
    assert tips.pinches(0.02) == [pytest.approx((15 * MS, 45 * MS))]


def test_a_held_pinch_reported_released_in_between_is_broken_and_a_pinch_without_contact_unsupported():
    reference = _tips([40, 10, 10, 10, 10, 10, 40, 40, 40, 40, 40])
    events = MarkerEvents(t=[int(t * MS) for t in (12, 30, 35, 63, 85, 90)],
                          values=["index_pinch/begin", "index_pinch/end", "index_pinch/begin", "index_pinch/end",
                                  "index_pinch/begin", "index_pinch/end"])
    assert recognised(events, 100 * MS) == [(12 * MS, 30 * MS), (35 * MS, 63 * MS), (85 * MS, 90 * MS)]
    got = judge_pinches(reference, reference, events, 0.02, 10)
    assert got.broken == [pytest.approx(20 / 3 * MS)] and got.phantom == [85 * MS]
    assert [b for b, _ in got.unsupported] == [85 * MS]  # the reference's tips 40 mm apart at 85 ms
    assert got.onset_ms == [pytest.approx(12 - 20 / 3)] and got.release_ms == [pytest.approx(63 - 160 / 3)]
