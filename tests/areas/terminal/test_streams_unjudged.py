"""The thirty-fifth reading's rows c10, c11, c13 and c16: a declared stream in scope that the check cannot judge is
recorded unjudged, so beside a judged stream that passes (or alone, where a rule is never judged) the run is
inconclusive, not a pass, as the 不确定 lines say (the terminal area's rule, TD-PERF-002's). Each capture here is a
reference sample edited in one way; each test passed before the fix."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from tests.conftest import captures_verdict, manifest_for
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples" / "captures"


def _edited(sample: str, out: Path, header: Callable[[dict], None] | None = None,
            frame: Callable[[dict], dict | None] | None = None) -> Path:
    """``sample`` with its header changed in place by ``header`` and each frame mapped by ``frame`` (None: dropped)."""
    head, *rows = gzip.decompress((SAMPLES / sample).read_bytes()).splitlines()
    parsed = orjson.loads(head)
    if header:
        header({s["id"]: s for s in parsed["streams"]})
    frames = [orjson.loads(r) for r in rows if r.strip()]
    if frame:
        frames = [f for f in map(frame, frames) if f is not None]
    out.write_bytes(b"\n".join([orjson.dumps(parsed), *map(orjson.dumps, frames)]) + b"\n")
    return out


def _few_cues(stream: str, keep: int) -> Callable[[dict], None]:
    def change(streams: dict) -> None:
        schedule = streams[stream]["gesture_schedule"]
        schedule["cues"] = schedule["cues"][:keep]
    return change


def test_td_perf_003_a_short_hold_beside_a_still_rig_is_inconclusive(tmp_path, catalog, run_manifest):
    from conformance.areas.terminal.generate.capture import write
    rig, short = tmp_path / "rig.ndjson.gz", tmp_path / "short.ndjson"
    write(rig, "hold_rig", 62.0)
    head, *rows = gzip.decompress(rig.read_bytes()).splitlines()
    parsed = orjson.loads(head)
    parsed["streams"][0]["reference_hold"]["duration_s"] = 30
    short.write_bytes(b"\n".join([orjson.dumps(parsed), *rows]) + b"\n")
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-003",
                                     [rig, short], features=["tracking-drift"])
    assert verdict == "inconclusive" and "short.ndjson" in text, text


def test_td_face_005_a_stream_of_too_few_trials_beside_a_passing_one_is_inconclusive(tmp_path, catalog,
                                                                                       run_manifest):
    few = _edited("face-expressions.ndjson.gz", tmp_path / "few.ndjson", _few_cues("expressions", 5))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-face", "TD-FACE-005",
                                     [SAMPLES / "face-expressions.ndjson.gz", few], features=["expression-recognition"])
    assert verdict == "inconclusive" and "few.ndjson" in text, text


def test_td_face_007_a_log_of_too_few_trials_beside_a_passing_one_is_inconclusive(tmp_path, catalog, run_manifest):
    few = _edited("expression-interface-bench.ndjson.gz", tmp_path / "few.ndjson", _few_cues("expressions_read", 5))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-face", "TD-FACE-007",
                                     [SAMPLES / "expression-interface-bench.ndjson.gz", few],
                                     features=["expression-interface-reference"])
    assert verdict == "inconclusive" and "few.ndjson" in text, text


def test_td_hand_004_a_stream_of_too_few_trials_beside_passing_ones_is_inconclusive(tmp_path, catalog, run_manifest):
    few = _edited("hand-gestures.ndjson.gz", tmp_path / "few.ndjson", _few_cues("gestures", 5))
    good = [SAMPLES / "hand-gestures.ndjson.gz", SAMPLES / "hand-gestures-left.ndjson.gz"]
    passed, text = captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-004", good,
                                    features=["gesture-recognition"])
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-004", [*good, few],
                                     features=["gesture-recognition"])
    assert verdict == "inconclusive" and "few.ndjson" in text and passed == "pass", text


def test_td_bci_006_a_decision_stream_not_judged_beside_a_passing_one_is_inconclusive(tmp_path, catalog,
                                                                                         run_manifest):
    def elsewhere(streams: dict) -> None:
        streams["decisions"]["decodes"] = "eeg_motor"  # no marker stream: decoder-no-cues
    none = _edited("bci-decoder.ndjson.gz", tmp_path / "no-cues.ndjson", elsewhere)
    few = _edited("bci-decoder.ndjson.gz", tmp_path / "few.ndjson",
                  frame=lambda f: f if f.get("stream") != "cues" or f["t"] < 1_000_010_000_000 else None)
    good = SAMPLES / "bci-decoder.ndjson.gz"
    for bad, why in ((none, "no marker stream"), (few, "fewer than 20")):
        verdict, text = captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-006", [good, bad],
                                         features=["decoding"])
        assert verdict == "inconclusive" and bad.name in text and why in text, text


def test_td_bci_005_markers_over_a_recording_without_samples_are_inconclusive(tmp_path, catalog, run_manifest):
    empty = _edited("bci-headset.ndjson.gz", tmp_path / "empty.ndjson",
                    frame=lambda f: None if f.get("stream") == "eeg" else f)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-005", [empty])
    assert verdict == "inconclusive" and "has no samples" in text, text


def test_td_gaze_006_no_settled_step_leaves_r1_unjudged_so_inconclusive(tmp_path, catalog, run_manifest):
    invalid = _edited("gaze-interface-bench.ndjson.gz", tmp_path / "invalid.ndjson",
                      frame=lambda f: {**f, "flags": 0} if "flags" in f else f)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-006", [invalid],
                                     features=["gaze-interface-steps"])
    assert verdict == "inconclusive" and "R1 is not judged" in text, text


def _caption_verdict(catalog, run_manifest, *captures: Path) -> tuple[str, str]:
    return captures_verdict(catalog, run_manifest, "terminal-captions", "TD-CAPT-004", captures,
                            features=["captions-measured"])


def test_td_capt_004_a_device_showing_no_captions_fails_r1(tmp_path, catalog, run_manifest):
    """Row c12: a caption stream annotating the voice stream that holds no cue is a device that showed no captions:
    every phrase is uncaptioned (step 4, R1), not inconclusive (as the check had it) nor not applicable."""
    blank = _edited("captioned-bench.ndjson.gz", tmp_path / "blank.ndjson",
                    frame=lambda f: None if f.get("stream") == "captions_bench" else f)
    verdict, text = _caption_verdict(catalog, run_manifest, blank)
    assert verdict == "fail" and "was not captioned" in text, text


def test_td_capt_004_a_voice_stream_not_judged_beside_a_passing_one_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c12: a captioned voice stream whose stimulus is not the corpus played cannot be judged; it was only noted.
    A voice stream with no caption stream annotating it (TD-VOICE-004's bench) is not in scope: the pass stands."""
    def other(streams: dict) -> None:
        streams["mic_bench"]["speech_stimulus"]["corpus"] = "another-corpus"
    unknown = _edited("captioned-bench.ndjson.gz", tmp_path / "unknown.ndjson", other)
    good = SAMPLES / "captioned-bench.ndjson.gz"
    verdict, text = _caption_verdict(catalog, run_manifest, good, unknown)
    assert verdict == "inconclusive" and "unknown.ndjson" in text, text
    passed, text = _caption_verdict(catalog, run_manifest, good, SAMPLES / "speech-bench.ndjson.gz")
    assert passed == "pass", text


@pytest.mark.parametrize(("profile", "rid"), [
    ("terminal-biometric-data", "TD-BIO-001"), ("terminal-biometric-data", "TD-BIO-002"),
    ("terminal-biometric-data", "TD-BIO-003"), ("terminal-eye-gaze", "TD-RATE-001"),
    ("terminal-eye-gaze", "TD-RATE-002"), ("terminal-eye-gaze", "TD-RATE-003")])
def test_an_unreadable_capture_beside_readable_ones_is_inconclusive(profile, rid, tmp_path, catalog, run_manifest):
    """Row c5: a capture whose header cannot be read leaves its streams unjudged; beside captures whose streams
    pass, the check passed (TD-BIO) or, alone, was not applicable (TD-RATE), where the 不确定 lines name it."""
    broken = tmp_path / "broken.ndjson"
    broken.write_bytes(b"not a header\n")
    manifest = manifest_for(catalog, profile)
    good = [Path(p) for p in manifest["targets"]["captures"]["paths"]]
    verdict, text = captures_verdict(catalog, run_manifest, profile, rid, [*good, broken])
    assert verdict == "inconclusive" and "broken.ndjson" in text, text
    if rid.startswith("TD-RATE"):
        alone, text = captures_verdict(catalog, run_manifest, profile, rid, [broken])
        assert alone == "inconclusive", text


def test_td_hand_004_a_gesture_stream_on_a_hand_stream_without_frames_is_inconclusive(tmp_path, catalog,
                                                                                      run_manifest):
    """Open rows, part k2: the hand stream the gestures annotate is declared but holds no frame; no trial can be
    judged, so beside passing captures the run is inconclusive (the check only noted it and passed)."""
    empty = _edited("hand-gestures.ndjson.gz", tmp_path / "no-hand.ndjson",
                    frame=lambda f: None if f.get("stream") == "hand_right" else f)
    good = [SAMPLES / "hand-gestures.ndjson.gz", SAMPLES / "hand-gestures-left.ndjson.gz"]
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-004", [*good, empty],
                                     features=["gesture-recognition"])
    assert verdict == "inconclusive" and "no-hand.ndjson" in text and "holds no frames" in text, text


@pytest.mark.parametrize(("rid", "sample", "sensor", "feature"), [
    ("TD-DEPTH-002", "depth-bench.ndjson.gz", "tof", "depth-sensing"),
    ("TD-RADAR-002", "radar-bench.ndjson.gz", "mmwave", "radar-sensing")])
def test_a_reference_stream_with_no_hold_measured_is_inconclusive(rid, sample, sensor, feature, tmp_path, catalog,
                                                                  run_manifest):
    """Open rows, part k2: a range target or reflector whose sensor recorded no frame leaves every hold uncovered;
    with nothing measured the stream is unjudged, alone or beside a passing bench (the check counted it judged on
    zero holds and passed)."""
    blind = _edited(sample, tmp_path / "blind.ndjson", frame=lambda f: None if f.get("stream") == sensor else f)
    for captures in ([blind], [SAMPLES / sample, blind]):
        verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", rid, captures,
                                         features=[feature])
        assert verdict == "inconclusive" and "blind.ndjson" in text, text


@pytest.mark.parametrize("rid", ["TD-RATE-001", "TD-RATE-002"])
def test_td_rate_a_rated_stream_of_one_frame_beside_passing_ones_is_inconclusive(rid, tmp_path, catalog,
                                                                                 run_manifest):
    """The thirty-eighth reading's c14: a capture whose rated streams hold one frame each cannot be measured (no
    effective rate, no interval); beside the passing captures the run is inconclusive, as TD-BCI-002 records the
    like (the check only noted it and passed)."""
    manifest = manifest_for(catalog, "terminal-eye-gaze")
    good = [Path(p) for p in manifest["targets"]["captures"]["paths"]]
    head, *rows = gzip.decompress((SAMPLES / "headset-session.ndjson.gz").read_bytes()).splitlines()
    seen: set[str] = set()
    kept = []
    for row in (r for r in rows if r.strip()):
        stream = orjson.loads(row).get("stream")
        if stream not in seen:
            seen.add(stream)
            kept.append(row)
    short = tmp_path / "one-frame.ndjson"
    short.write_bytes(b"\n".join([head, *kept]) + b"\n")
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", rid, [*good, short])
    assert verdict == "inconclusive" and "cannot be measured: fewer than two frames" in text, text
