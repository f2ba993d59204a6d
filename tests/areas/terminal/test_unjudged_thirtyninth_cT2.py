"""The thirty-ninth reading's rows c8, c9, c10 and c11 (part cT2): every planned item (trial, set-up, stream, signal)
a check cannot measure is recorded unjudged, so an otherwise passing run is inconclusive. Each test failed against
the check before the fix (the run passed)."""

from __future__ import annotations

from conformance.areas.terminal.generate.capture import write
import pytest

from tests.areas.terminal.test_streams_unjudged import SAMPLES, _edited
from tests.conftest import captures_verdict


def test_td_pwr_003_a_stream_ending_early_beside_a_judged_one_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c10: a second analyser stream whose record ends after 30 min, still drawing power, beside the bench that
    cuts off after 2.4 h: inconclusive (it passed on the bench alone)."""
    short = tmp_path / "short.ndjson.gz"
    write(short, "battery_bench", 1800.0)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PWR-003",
                                     [SAMPLES / "battery-bench.ndjson.gz", short], features=["battery-life"])
    assert verdict == "inconclusive" and "short.ndjson.gz" in text and "not judged" in text, text


@pytest.mark.parametrize("setup", ["shorted", "common_mode", "series"])
def test_td_bci_007_a_declared_set_up_outside_the_recording_is_inconclusive(tmp_path, catalog, run_manifest, setup):
    """Row c9: the reference calibration recording with one declared set-up moved past its end: R4, R5 or R6 is
    never judged, so the run is inconclusive (it passed, the set-up noted or, for the shorted span, not even that)."""
    def later(streams: dict) -> None:
        streams["eeg_bench"]["calibration_signal"][setup]["start_s"] = 100.0
    moved = _edited("bci-calibration.ndjson.gz", tmp_path / "moved.ndjson", header=later)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-007", [moved])
    assert verdict == "inconclusive" and f"the {setup} set-up is declared but not in the recording" in text, text


def test_td_face_005_correct_trials_without_an_onset_on_the_reference_are_inconclusive(tmp_path, catalog,
                                                                                         run_manifest):
    """Row c8: the reference facial capture's weights held below the onset level: every correct trial has no onset
    there, so
    R4 is never judged and the run is inconclusive (it passed, the trials only counted in a note)."""
    def flat(frame: dict) -> dict:
        if frame["stream"] != "face_cued_reference":
            return frame
        return {**frame, "weights": [min(w, 0.2) for w in frame["weights"]]}
    unseen = _edited("face-expressions.ndjson.gz", tmp_path / "flat.ndjson", frame=flat)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-face", "TD-FACE-005", [unseen],
                                     features=["expression-recognition"])
    assert verdict == "inconclusive" and "without an expression onset on the reference" in text, text


def _signals(change):
    def edit(streams: dict) -> None:
        change(streams["distance-ears"]["binaural"]["test_signals"])
    return edit


def _late(signals: list) -> None:
    signals.append({**signals[1], "t": signals[1]["t"] + 10**12})  # played long after the recording ends


def _unplaced(signals: list) -> None:
    del signals[2]["source"]


def _alone(signals: list) -> None:
    signals[-1]["source"] = "c"  # a source heard at one distance only


@pytest.mark.parametrize(("change", "words"), [
    (_late, "not measured"), (_unplaced, "names no source and position"),
    (_alone, "test source c measured at"),
])
def test_td_aud_007_a_declared_signal_or_source_not_judged_is_inconclusive(tmp_path, catalog, run_manifest, change,
                                                                           words):
    """Row c11: the reference distance rig with one declared test signal outside the recording, one naming no source,
    or one source heard at a single distance: beside the judged sources the run is inconclusive (it passed, the signal
    dropped without a record or the source only noted)."""
    edited = _edited("spatial-audio-distance.ndjson.gz", tmp_path / "edited.ndjson", header=_signals(change))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-spatial-audio", "TD-AUD-007", [edited],
                                     features=["distance-attenuation"])
    assert verdict == "inconclusive" and words in text, text
