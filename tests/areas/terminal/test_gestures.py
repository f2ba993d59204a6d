"""Recognised gestures against the gestures a test cued (TD-HAND-004): the schedule read from hostile
declarations, the windows and the first event in each, false recognitions, and the verdicts: the reference
session passes, two confused pinches fail R1 alone, guessing fails R2, spurious events R3 alone, too few cues
or no schedule are inconclusive, captures without a hand stream not applicable."""

from __future__ import annotations

import gzip
import io

import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.decoding import MarkerEvents
from conformance.areas.terminal.gestures import declared_schedule, score_gestures
from tests.conftest import captures_verdict, fixture_path
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples" / "captures"
SAMPLE = SAMPLES / "hand-gestures.ndjson.gz"
T = 1_000_000_000_000
MS = 1_000_000
VOCABULARY = ["pinch", "grasp", "poke"]


def _verdict(catalog, run_manifest, *captures):
    return captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-004", captures,
                            features=["gesture-recognition"])


def _rules(name: str):
    return fixture_path("terminal", f"gesture-rules/{name}")


def _schedule(*cues, vocabulary=VOCABULARY):
    return declared_schedule({"gesture_schedule": {"vocabulary": vocabulary, "cues": [
        {"gesture": g, "t": t, "duration_ms": d} for g, t, d in cues]}})


@pytest.mark.parametrize("declared", [
    None, "all", {"cues": []}, {"vocabulary": ["pinch"], "cues": []}, {"vocabulary": ["pinch", "pinch", 3], "cues": []},
    {"vocabulary": VOCABULARY, "cues": "all"},
])
def test_a_schedule_without_two_gestures_or_a_list_of_cues_is_none(declared):
    assert declared_schedule({"gesture_schedule": declared}) is None
    assert declared_schedule({}) is None


def test_unusable_cues_are_left_out_and_counted():
    schedule = declared_schedule({"gesture_schedule": {"vocabulary": VOCABULARY, "cues": [
        {"gesture": "poke", "t": T + 2000 * MS, "duration_ms": 300}, {"gesture": "wave", "t": T, "duration_ms": 300},
        {"gesture": "pinch", "t": True, "duration_ms": 300}, {"gesture": "pinch", "t": T, "duration_ms": 0},
        {"gesture": "grasp", "t": T + 1000 * MS, "duration_ms": 250.5}, "pinch",
        {"gesture": "poke", "t": 2**70, "duration_ms": 300}, {"gesture": "poke", "t": T, "duration_ms": float("inf")},
        {"gesture": "poke", "t": T, "duration_ms": 61_000}]}})
    assert schedule.gestures == ("grasp", "poke") and schedule.skipped == 7  # in time order
    assert list(schedule.ends - schedule.starts) == [250_500_000, 300 * MS]


def test_the_first_event_in_a_window_decides_and_the_next_cue_closes_it():
    schedule = _schedule(("pinch", T, 200), ("grasp", T + 300 * MS, 200), ("poke", T + 2000 * MS, 200),
                         ("pinch", T + 3000 * MS, 200), ("grasp", T + 9000 * MS, 200))  # the last after the recording
    events = MarkerEvents(t=[T + 290 * MS, T + 100 * MS,  # pinch right (first in its window, 100 ms)
                             T + 350 * MS, T + 360 * MS,  # grasp taken for poke, then grasp: wrong
                             T + 2449 * MS, T + 2450 * MS,  # poke at 449 ms (200 + 250 tolerance): right; then false
                             T - 5 * MS],  # before the first cue: false
                          values=["pinch", "pinch", "poke", "grasp", "poke", "poke", "grasp"])
    got = score_gestures(schedule, events, 250 * MS, (T - 10 * MS, T + 5000 * MS))
    assert (got.trials, got.correct, got.missed, got.outside) == (4, 2, 1, 1)
    assert got.false == 2 and got.minutes == pytest.approx(5.01 / 60)
    assert got.classes["pinch"].latencies_ms == [100.0] and got.classes["poke"].latencies_ms == [449.0]
    assert dict(got.classes["grasp"].taken_for) == {"poke": 1}
    assert got.summary() == "pinch 1/2 100 ms (- 1); grasp 0/1 (poke 1); poke 1/1 449 ms"
    assert got.chance_bound() == 4 and got.median_latency_ms() == pytest.approx(274.5)
    # the 290 ms pinch is inside the first window (closed at the grasp cue, 300 ms): not false
    nothing = score_gestures(schedule, MarkerEvents(), 250 * MS, (T, T + 5000 * MS))
    assert nothing.correct == 0 and nothing.missed == 4 and nothing.false == 0 and nothing.median_latency_ms() is None


def test_the_reference_session_is_measured_whatever_the_chunking():
    data = gzip.decompress(SAMPLE.read_bytes())
    figures = []
    for lines in (None, 37):
        result = analyse(io.BytesIO(data)) if lines is None else analyse(io.BytesIO(data), chunk_lines=lines)
        events, hand = result.streams["gestures"], result.streams["hand_right"]
        got = score_gestures(declared_schedule(events.spec), events.markers, 250 * MS, (hand.first_t, hand.last_t))
        figures.append((got.trials, got.correct, got.false, got.summary()))
    assert figures[0] == figures[1]
    assert figures[0][:3] == (20, 19, 0)


def test_the_reference_session_passes(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, SAMPLE, SAMPLES / "hand-gestures-left.ndjson.gz")
    assert verdict == "pass", evidence  # the right hand's and the left's: the subjects TD-HAND-004 states
    assert "19 of 20 cued gestures recognised (95 %, 1 without a recognition; chance bound 9 for 4 gestures), " \
           "median 170 ms from cue to recognition, 0 false recognition(s)" in evidence
    assert "little_pinch 4/5 170 ms (- 1)" in evidence


def test_two_confused_gestures_fail_r1_alone(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, _rules("gesture-confused.ndjson.gz"))
    assert verdict == "fail" and "10 of 20 cued gestures recognised (50 %), less than 90 %" in evidence
    assert "ring_pinch 0/5 (little_pinch 5)" in evidence
    assert "guessing among" not in evidence and "outside all cue windows" not in evidence


def test_guessing_fails_r2(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, _rules("gesture-guessing.ndjson.gz"))
    assert verdict == "fail" and "4 of 20 cued gestures recognised, fewer than the 9 guessing among 4" in evidence


def test_spurious_recognitions_fail_r3_alone(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, _rules("gesture-spurious.ndjson.gz"))
    assert verdict == "fail" and "10 recognition(s) outside all cue windows in 0.199 min of recording, 50.1 a minute" \
        in evidence
    assert "less than 90 %" not in evidence and "guessing among" not in evidence


@pytest.mark.parametrize(("capture", "verdict", "why"), [
    (_rules("gesture-few.ndjson.gz"), "inconclusive",
     "12 cued gesture(s) within the hand stream's recording, fewer than 20"),
    (fixture_path("terminal", "cap-bone-stretch.ndjson.gz"), "inconclusive",
     "no recognised-gesture stream declaring a gesture schedule"),
    (SAMPLES / "platform-corners.ndjson.gz", "inconclusive", "the captures declare no hand stream"),
])
def test_too_few_cues_no_schedule_or_no_hand_stream_is_inconclusive(catalog, run_manifest, capture, verdict, why):
    got, evidence = _verdict(catalog, run_manifest, capture)
    assert got == verdict and why in evidence
