"""The caps the sixty-eighth reading's bench parts missed (sixty-ninth reading of issue 76, c3/d1 and read69d's
doubtful 1, part h133-tcaps): TD-PERF-004's and TD-PERF-005's poses (``motion_programme.MAX_FRAMES``), TD-GAZE-003's
and TD-GAZE-006's samples and answers (``gaze_steps.MAX_SAMPLES``), TD-AUD-005's head poses
(``headtracking.MAX_POSES``), TD-ACC-006's readings (``magnification.MAX_READINGS``) and TD-VOICE-004's and
TD-CAPT-004's device output (``recognition.MAX_KEPT``). Past a cap what was kept was judged (the poses, samples and
answers dropped uncounted, the rest counted and never read): now the stream is unjudged, naming its 5.1 bound. Each
test past a cap fails on the branch's base (54fe4344c): the reference captures passed with the caps lowered."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from conformance.areas.terminal import (
    gaze_interface,
    gaze_steps,
    headtracking,
    magnification,
    motion_programme,
    recognition,
)
from tests.conftest import captures_verdicts

READINGS = '"readings held of a measurement"'
SAMPLES = '"samples held of a bench record"'
OUTPUT = '"items held of a device\'s output"'
#: each case: its profile, the feature whose reference sample holds its capture, the bound it names
CASES = {
    "TD-PERF-004": ("terminal-sensor-performance", "motion-programme", READINGS),
    "TD-PERF-005": ("terminal-sensor-performance", "session-drift", READINGS),
    "TD-GAZE-003": ("terminal-eye-gaze", "artificial-eye-steps", SAMPLES),
    "TD-GAZE-006": ("terminal-eye-gaze", "gaze-interface-steps", SAMPLES),
    "TD-AUD-005": ("terminal-spatial-audio", "head-tracked-rendering", READINGS),
    "TD-ACC-006": ("terminal-accessibility", "magnification-observed", READINGS),
    "TD-VOICE-004": ("terminal-voice", "recognition-measured", OUTPUT),
    "TD-CAPT-004": ("terminal-captions", "captions-measured", OUTPUT),
}


def test_the_caps_are_the_figures_of_their_bounds():
    assert motion_programme.MAX_FRAMES == headtracking.MAX_POSES == magnification.MAX_READINGS == 200_000
    assert gaze_steps.MAX_SAMPLES == 2_000_000 and recognition.MAX_KEPT == 100_000


def test_a_pose_past_the_cap_is_counted_and_the_pair_unjudged(monkeypatch):
    monkeypatch.setattr(motion_programme, "MAX_FRAMES", 3)
    track = motion_programme.PoseTrack()
    chunk = SimpleNamespace(stats=SimpleNamespace(pose_track=track), t=np.arange(5, dtype=np.int64))
    motion_programme.follow_pose(chunk, np.tile([0.0, 0.0, 0.0, 1.0], (5, 1)), np.zeros((5, 3)), np.ones(5, bool))
    assert (track.kept, track.dropped) == (3, 2)
    tracked = SimpleNamespace(id="device", pose_track=track)
    reference = SimpleNamespace(id="rig", pose_track=motion_programme.PoseTrack())
    got = motion_programme.measure(tracked, reference, 1)
    assert got.key == "terminal.programme-capped" and got.args["dropped"] == 2, got


def test_a_gaze_sample_or_answer_past_the_cap_is_counted_and_the_stream_unjudged(monkeypatch):
    monkeypatch.setattr(gaze_steps, "MAX_SAMPLES", 3)
    track = gaze_steps.StepTrack([], logs_answers=True)
    chunk = SimpleNamespace(stats=SimpleNamespace(gaze_steps=track), t=np.arange(5, dtype=np.int64), base=0,
                            index=np.arange(5))
    flags = np.full(5, gaze_steps.VALID_BITS | gaze_steps.TRACKED_BITS)
    gaze_steps.fold_steps(chunk, np.tile([0.0, 0.0, 0.0, 1.0], (5, 1)), flags)
    assert (track.kept, track.dropped, track.answers.kept, track.answers.dropped) == (3, 2, 3, 2)
    stats = SimpleNamespace(id="gaze", gaze_steps=track, rate_hz=100.0,
                            spec={"read_through": {"method": "xrLocateSpace", "clock": "XrTime"}})
    assert gaze_steps.measure(stats, 1).key == "terminal.gaze-samples-capped"
    track.dropped = 0  # the answers alone past it leave the interface's stream unjudged too
    assert track.capped() == (3, 2)
    assert gaze_interface.read_through(stats.spec) is not None
    assert gaze_interface.measure(stats).key == "terminal.gaze-samples-capped"


def _verdicts(catalog, run_manifest, rid: str) -> tuple[str, str]:
    profile, feature, _ = CASES[rid]
    return captures_verdicts(catalog, run_manifest, profile, [rid], features=[feature])[rid]


@pytest.mark.slow
@pytest.mark.parametrize("rid", sorted(CASES))
def test_the_reference_captures_pass_within_the_caps(rid, catalog, run_manifest):
    verdict, text = _verdicts(catalog, run_manifest, rid)
    assert verdict == "pass", (rid, text)


@pytest.mark.slow
@pytest.mark.parametrize("cut", [(motion_programme, "MAX_FRAMES", 60, "TD-PERF-004"),
                                 (motion_programme, "MAX_FRAMES", 60, "TD-PERF-005"),
                                 (gaze_steps, "MAX_SAMPLES", 60, "TD-GAZE-003"),
                                 (gaze_steps, "MAX_SAMPLES", 60, "TD-GAZE-006"),
                                 (headtracking, "MAX_POSES", 60, "TD-AUD-005"),
                                 (magnification, "MAX_READINGS", 6, "TD-ACC-006"),
                                 (recognition, "MAX_KEPT", 2, "TD-VOICE-004"),
                                 (recognition, "MAX_KEPT", 2, "TD-CAPT-004")], ids=lambda cut: cut[3])
def test_a_stream_past_its_cap_leaves_the_case_unjudged_naming_the_bound(cut, monkeypatch, catalog, run_manifest):
    """Each reference stream cut short: the case is inconclusive, naming its bound, where it passed (or failed) on
    what was kept."""
    module, name, value, rid = cut
    monkeypatch.setattr(module, name, value)
    verdict, text = _verdicts(catalog, run_manifest, rid)
    assert verdict == "inconclusive" and CASES[rid][2] in text, (rid, verdict, text)
