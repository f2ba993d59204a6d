"""Who performed the cued gestures (TD-HAND-004 1.1): the subjects the test case states (at least four, both
sexes, hand lengths in each percentile band, each with both hands over every gesture), read from the gesture
schedule's subjects and each cue's subject; a session that does not cover them is inconclusive, naming the gap,
where until 1.0 any users passed."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conformance.areas.terminal import gesture_subjects
from conformance.areas.terminal.generate.gesture import SUBJECTS, gesture_stream_spec
from tests.conftest import captures_verdict
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples" / "captures"
RIGHT, LEFT = SAMPLES / "hand-gestures.ndjson.gz", SAMPLES / "hand-gestures-left.ndjson.gz"
RECORDING = (0, 2**62)
HANDS = {"right": {"id": "hand_right", "path": "/user/hand/right"},
         "left": {"id": "hand_left", "path": "/user/hand/left"}}


def _verdict(catalog, run_manifest, *captures):
    return captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-004", captures,
                            features=["gesture-recognition"])


def _covered(*specs: tuple[dict, str]) -> gesture_subjects.Coverage:
    coverage = gesture_subjects.Coverage()
    for spec, hand in specs:
        coverage.add(spec, HANDS.get(hand, {"id": "hand", "path": hand}), RECORDING)
    return coverage


def _keys(coverage: gesture_subjects.Coverage) -> list[str]:
    return [gap.key for gap in coverage.gaps()]


def _edited(capture: Path, folder: Path, edit) -> Path:
    """``capture`` with its gesture stream's declaration passed through ``edit``."""
    lines = gzip.decompress(capture.read_bytes()).splitlines(keepends=True)
    header = json.loads(lines[0])
    for stream in header["streams"]:
        if "gesture_schedule" in stream:
            edit(stream["gesture_schedule"])
    path = folder / capture.name
    path.write_bytes(gzip.compress(json.dumps(header).encode() + b"\n" + b"".join(lines[1:]), mtime=0))
    return path


def test_the_sample_sessions_cover_the_stated_subjects():
    assert _keys(_covered((gesture_stream_spec("right"), "right"), (gesture_stream_spec("left"), "left"))) == []


def test_one_hand_leaves_each_subject_s_other_hand_missing():
    gaps = _covered((gesture_stream_spec("right"), "right")).gaps()
    assert [(g.key, g.args["subject"], g.args["hand"]) for g in gaps] == [
        ("terminal.subjects-hand", s["id"], "left") for s in SUBJECTS]


@pytest.mark.parametrize(("edit", "key"), [
    (lambda s: s["subjects"][3].update(hand_length_percentile=70.0), "terminal.subjects-band"),  # no large hand
    (lambda s: [d.update(sex="female") for d in s["subjects"]], "terminal.subjects-sex"),
    (lambda s: [c.update(subject="S1") for c in s["cues"][10:]], "terminal.subjects-few"),  # S3, S4 perform nothing
    (lambda s: s["cues"][0].pop("subject"), "terminal.subjects-unnamed"),
    (lambda s: s["cues"][0].update(subject="S9"), "terminal.subjects-unnamed"),  # not declared
])
def test_a_schedule_missing_what_the_test_case_states_names_the_gap(edit, key):
    specs = [gesture_stream_spec("right"), gesture_stream_spec("left")]
    for spec in specs:
        edit(spec["gesture_schedule"])
    assert key in _keys(_covered((specs[0], "right"), (specs[1], "left")))


def test_a_subject_missing_a_gesture_with_one_hand_is_named():
    spec = gesture_stream_spec("left")
    for cue in spec["gesture_schedule"]["cues"][:5]:  # S1's five: never the ring pinch
        if cue["gesture"] == "ring_pinch":
            cue["gesture"] = "index_pinch"
    gaps = _covered((gesture_stream_spec("right"), "right"), (spec, "left")).gaps()
    assert [(g.args["subject"], g.args["hand"], g.args["gestures"]) for g in gaps] == [("S1", "left", "ring_pinch")]


def test_a_hand_stream_tracking_neither_hand_is_named():
    assert "terminal.subjects-unhanded" in _keys(_covered((gesture_stream_spec("right"), "/user/head")))


def test_cues_outside_the_recording_are_no_trials():
    coverage = gesture_subjects.Coverage()
    for hand in ("right", "left"):
        coverage.add(gesture_stream_spec(hand), HANDS[hand], (0, 1))  # the hand stream ends before every cue
    assert "terminal.subjects-few" in _keys(coverage) and sum(coverage.trials.values()) == 0


def test_both_hands_of_the_stated_subjects_pass(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, RIGHT, LEFT)
    assert verdict == "pass", evidence
    assert "cover the subjects the test case states: 4 subject(s), 40 trial(s)" in evidence


def test_a_session_of_one_hand_is_inconclusive_naming_the_other(catalog, run_manifest):
    verdict, evidence = _verdict(catalog, run_manifest, RIGHT)
    assert verdict == "inconclusive", evidence
    assert "do not cover the subjects TD-HAND-004 states (4 gap(s))" in evidence
    assert "subject S1 performed 0 cued trial(s) with the left hand" in evidence


def test_subjects_without_a_large_hand_are_inconclusive(catalog, run_manifest, tmp_path):
    def no_large_hand(schedule):
        schedule["subjects"][3]["hand_length_percentile"] = 70.0

    (tmp_path / "r").mkdir()
    (tmp_path / "l").mkdir()
    captures = (_edited(RIGHT, tmp_path / "r", no_large_hand), _edited(LEFT, tmp_path / "l", no_large_hand))
    verdict, evidence = _verdict(catalog, run_manifest, *captures)
    assert verdict == "inconclusive" and "between the 90th and the 100th percentile of their sex" in evidence


def test_a_failing_recogniser_still_fails_on_part_of_the_subjects(catalog, run_manifest):
    """A finding on the trials performed decides (as a lag left unjudged does not hide a fail elsewhere)."""
    from tests.conftest import fixture_path

    confused = fixture_path("terminal", "gesture-rules/gesture-confused.ndjson.gz")  # the right hand alone
    verdict, evidence = _verdict(catalog, run_manifest, confused)
    assert verdict == "fail" and "with the left hand" in evidence
