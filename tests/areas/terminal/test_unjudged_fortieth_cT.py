"""The fortieth reading's rows c9, c10, c12 and c13 (part cT): a declared stream or a planned fixation a terminal
check cannot use is recorded unjudged, so beside a judged one an otherwise passing run is inconclusive. Each test
failed against the check before the fix (the run passed)."""

from __future__ import annotations

import pytest

from tests.areas.terminal.test_streams_unjudged import SAMPLES, _edited
from tests.conftest import captures_verdict


def test_td_pwr_002_a_stream_without_a_thermometer_beside_a_judged_one_is_inconclusive(tmp_path, catalog,
                                                                                       run_manifest):
    """Row c13: a second power session whose `thermometer` is gone and whose surface reads 50 °C, beside the
    reference session: inconclusive (it passed, the stream only noted)."""
    def undeclared(streams: dict) -> None:
        del streams["power"]["thermometer"]

    def hot(frame: dict) -> dict:
        return {**frame, "temperature_c": 50.0} if "temperature_c" in frame else frame
    edited = _edited("power-session.ndjson.gz", tmp_path / "hot.ndjson", header=undeclared, frame=hot)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PWR-002",
                                     [SAMPLES / "power-session.ndjson.gz", edited])
    assert verdict == "inconclusive" and "hot.ndjson" in text and "thermometer" in text, text


def test_td_gaze_005_a_fixation_naming_an_undeclared_target_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c10: the reference schedule with one more fixation naming a target it does not declare (20 usable
    remain): inconclusive (it passed, the fixation only noted as not counted)."""
    def stray(streams: dict) -> None:
        fixations = streams["gaze_selections"]["selection_schedule"]["fixations"]
        fixations.append({**fixations[-1], "target": "zz"})
    edited = _edited("gaze-select.ndjson.gz", tmp_path / "stray.ndjson", header=stray)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-005", [edited],
                                     features=["gaze-selection"])
    assert verdict == "inconclusive" and "name an undeclared target" in text, text


def test_td_bci_006_labels_calling_for_one_decision_beside_a_judged_stream_are_inconclusive(tmp_path, catalog,
                                                                                           run_manifest):
    """Row c9: a second decoder capture whose `labels` map every cue to one decision, beside the reference
    decoder: inconclusive (it passed, the stream passed over without a record)."""
    def one_class(streams: dict) -> None:
        labels = streams["decisions"]["labels"]
        streams["decisions"]["labels"] = dict.fromkeys(labels, "left_hand")
    edited = _edited("bci-decoder.ndjson.gz", tmp_path / "one.ndjson", header=one_class)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-006",
                                     [SAMPLES / "bci-decoder.ndjson.gz", edited], features=["decoding"])
    assert verdict == "inconclusive" and "fewer than two distinct decisions" in text, text


@pytest.mark.parametrize(("requirement", "sample", "stream"), [
    ("TD-MPLAT-003", "platform-rig.ndjson.gz", "platform_rig"),
    ("TD-MPLAT-004", "platform-corners.ndjson.gz", "platform_corners"),
])
def test_td_mplat_a_commanded_motion_above_5_hz_beside_a_judged_stream_is_inconclusive(
        tmp_path, catalog, run_manifest, requirement, sample, stream):
    """Row c12: a second platform capture commanding its surge at 6 Hz (above the header's 5 Hz; 1 Hz before),
    beside the reference one: inconclusive (it passed, the stream passed over without a record)."""
    def fast(streams: dict) -> None:
        streams[stream]["commanded_motion"]["axes"]["surge"]["frequency_hz"] = 6.0
    edited = _edited(sample, tmp_path / "fast.ndjson", header=fast)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", requirement,
                                     [SAMPLES / sample, edited], features=["motion-platform"])
    assert verdict == "inconclusive" and "commanded_motion the checks cannot use" in text, text


def test_td_mplat_003_names_an_axis_commanded_above_1_hz_and_judges_the_others(tmp_path, catalog, run_manifest):
    """Fifty-seventh reading, cx1: the header admits up to 5 Hz (TD-MPLAT-004's velocity bounds); TD-MPLAT-003's
    0 to 500 ms window finds one latency at 1 Hz or less only, so an axis commanded at 1.6 Hz is named, not judged,
    and the stream's other axes are."""
    def fast(streams: dict) -> None:
        streams["platform_rig"]["commanded_motion"]["axes"]["surge"]["frequency_hz"] = 1.6
    edited = _edited("platform-rig.ndjson.gz", tmp_path / "fast.ndjson", header=fast)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-MPLAT-003",
                                     [edited], features=["motion-platform"])
    assert verdict == "pass" and "surge is commanded at 1.6 Hz, above the 1 Hz" in text, text
    assert "heave 40 ms behind its command" in text, text
