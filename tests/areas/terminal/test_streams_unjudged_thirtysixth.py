"""The thirty-sixth reading's row c8: states the terminal checks passed over without a word. TD-GAZE-005 skipped a
`gaze_selection` stream whose `selection_schedule` is not usable and dropped fixations naming an undeclared target
silently; TD-DISP-002 skipped a `display` stream with no frame. Each capture is a reference sample edited in one way;
the tests of the unjudged streams passed before the fix, the note's test found no note."""

from __future__ import annotations

from tests.areas.terminal.test_streams_unjudged import SAMPLES, _edited
from tests.conftest import captures_verdict


def _schedule(change) -> callable:
    def edit(streams: dict) -> None:
        change(streams["gaze_selections"]["selection_schedule"])
    return edit


def test_td_gaze_005_an_unusable_schedule_beside_a_passing_one_is_inconclusive(tmp_path, catalog, run_manifest):
    unusable = _edited("gaze-select.ndjson.gz", tmp_path / "nodwell.ndjson", _schedule(lambda s: s.pop("dwell_ms")))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-005",
                                     [SAMPLES / "gaze-select.ndjson.gz", unusable], features=["gaze-selection"])
    assert verdict == "inconclusive" and "nodwell.ndjson" in text and "is not usable" in text, text


def test_td_gaze_005_a_fixation_on_an_undeclared_target_is_noted(tmp_path, catalog, run_manifest):
    def stray(schedule: dict) -> None:
        last = schedule["fixations"][-1]
        schedule["fixations"].append({"target": "zz", "t": last["t"] + 10**9, "duration_ms": 500.0})
    edited = _edited("gaze-select.ndjson.gz", tmp_path / "stray.ndjson", _schedule(stray))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-eye-gaze", "TD-GAZE-005", [edited],
                                     features=["gaze-selection"])
    assert "1 fixation(s) of its schedule name an undeclared target" in text, text


def test_td_disp_002_a_display_stream_without_frames_beside_a_passing_one_is_inconclusive(tmp_path, catalog,
                                                                                          run_manifest):
    empty = _edited("display-headset.ndjson.gz", tmp_path / "noframes.ndjson",
                    frame=lambda f: None if f.get("stream") == "display" else f)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-002",
                                     [SAMPLES / "display-headset.ndjson.gz", empty])
    assert verdict == "inconclusive" and "noframes.ndjson" in text and "0 frame(s)" in text, text
