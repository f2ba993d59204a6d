"""The thirty-sixth reading's rows c9, c10, c13 and c16: a declared stream in scope that the check cannot judge (or
could judge but passed over) now gets the verdict its lines give. Each capture here is a reference sample edited
in one way; each test failed against the check before the fix."""

from __future__ import annotations

from tests.areas.terminal.captures import without_offer
from tests.areas.terminal.test_streams_unjudged import SAMPLES, _edited
from tests.conftest import captures_verdict


def test_td_cam_002_a_board_with_no_place_measured_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c9: a camera stream with no frame leaves every hold uncovered; with no place measured the board
    stream is unjudged, alone or beside a passing bench (the check counted it judged on zero holds and passed)."""
    blind = _edited("camera-bench.ndjson.gz", tmp_path / "blind.ndjson",
                    frame=lambda f: None if f.get("stream") == "rgb_camera" else f)
    for captures in ([blind], [SAMPLES / "camera-bench.ndjson.gz", blind]):
        verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-CAM-002",
                                         captures, features=["camera-calibration"])
        assert verdict == "inconclusive" and "blind.ndjson" in text and "no board place measured" in text, text


def test_td_force_002_a_stream_its_descriptor_does_not_offer_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c10: the device descriptor offers no force_feedback type, so the bench arm's commands have no limit to
    compare with: the stream is unjudged (不确定), not every command a fail (`force-unbounded`), as it was."""
    unoffered = without_offer(SAMPLES / "force-bench.ndjson.gz", "force_feedback", tmp_path)
    for captures in ([unoffered], [SAMPLES / "force-bench.ndjson.gz", unoffered]):
        verdict, text = captures_verdict(catalog, run_manifest, "terminal-force-feedback", "TD-FORCE-002", captures)
        assert verdict == "inconclusive" and "unoffered.ndjson" in text and "holds no offer for it" in text, text


def test_td_olf_005_a_planned_scent_the_record_does_not_cover_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c13: the detector's record stops two seconds into the fourth scent of the plan; the other three are
    measured and pass, the fourth is unjudged, so the run is inconclusive (it passed, the scent only counted)."""
    short = _edited("scent-interface-bench.ndjson.gz", tmp_path / "short.ndjson",
                    frame=lambda f: None if f.get("stream") == "pid_sent" and f["t"] >= 1040_000_000_000 else f)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-haptics", "TD-OLF-005", [short],
                                     features=["interface-olfactory-output"])
    assert verdict == "inconclusive" and "1 planned scent(s) not measured" in text, text


def test_td_tact_001_an_array_without_a_pitch_is_judged_on_rows_and_columns(tmp_path, catalog, run_manifest):
    """Row c16: an array declaring rows and columns but no pitch_mm is judged for R1 and R2 (they need no pitch):
    a frame one reading short fails, alone or beside a passing bench (it was never judged: inconclusive alone,
    a pass beside the bench)."""
    def no_pitch(streams: dict) -> None:
        del streams["skin"]["taxels"]["pitch_mm"]
    first = []

    def short(frame: dict) -> dict:
        if frame.get("stream") == "skin" and not first:
            first.append(frame["t"])
            frame["forces"] = frame["forces"][:-1]
        return frame
    bad = _edited("tactile-bench.ndjson.gz", tmp_path / "pitchless.ndjson", header=no_pitch, frame=short)
    for captures in ([bad], [SAMPLES / "tactile-bench.ndjson.gz", bad]):
        verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-001",
                                         captures, features=["tactile-sensing"])
        assert verdict == "fail" and "a frame holds 35 readings" in text, text
    clean = _edited("tactile-bench.ndjson.gz", tmp_path / "clean.ndjson", header=no_pitch)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-TACT-001", [clean],
                                     features=["tactile-sensing"])
    assert verdict == "pass", text
