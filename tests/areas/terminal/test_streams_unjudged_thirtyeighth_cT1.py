"""The thirty-eighth reading's rows c1, c2, c3, c4, c6, c12, c13, c21 and c22 (part cT1): a frame that is there but does not parse is the
product's fail for the case judging its stream, and a declared stream in scope the check cannot judge is recorded
unjudged. Each capture here is a reference sample edited in one way; each test failed against the check before the fix."""

from __future__ import annotations

import gzip

import orjson
import pytest

from tests.areas.terminal.test_streams_unjudged import SAMPLES, _edited
from tests.conftest import captures_verdict


def _first(stream: str, change):
    """Apply ``change`` to the first frame of ``stream`` only."""
    done = []

    def edit(frame: dict) -> dict | None:
        if frame["stream"] == stream and not done:
            done.append(1)
            return change(frame)
        return frame
    return edit


def test_td_bci_003_a_frame_with_a_value_missing_fails(tmp_path, catalog, run_manifest):
    """Row c1: an eeg frame with one value fewer than the channels is TD-BCI-003's fail (it passed beside the frames
    within range, the frame dropped as TD-CAP-001's)."""
    short = _edited("bci-headset.ndjson.gz", tmp_path / "short.ndjson",
                    frame=_first("eeg", lambda f: {**f, "values": f["values"][:-1]}))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-003", [short])
    assert verdict == "fail" and "value(s) in a frame of a stream with" in text, text


def test_td_face_002_a_face_frame_whose_weights_are_not_numbers_fails(tmp_path, catalog, run_manifest):
    """Row c2: a face frame whose weights are not numbers is TD-FACE-002's fail (it passed beside the frames that parse)."""
    def words(frame: dict) -> dict:
        return {**frame, "weights": ["high"] * len(frame["weights"])}
    unread = _edited("face-reference.ndjson.gz", tmp_path / "words.ndjson", frame=_first("face_tracked", words))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-face", "TD-FACE-002", [unread])
    assert verdict == "fail" and "words.ndjson" in text, text


def test_td_disp_002_a_display_frame_without_pose_t_fails(tmp_path, catalog, run_manifest):
    """Row c21: a display frame without its required pose_t does not parse: TD-DISP-002's fail (it passed on the
    frames that parse)."""
    def bare(frame: dict) -> dict:
        return {k: v for k, v in frame.items() if k != "pose_t"}
    unposed = _edited("display-headset.ndjson.gz", tmp_path / "unposed.ndjson", frame=_first("display", bare))
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-comfort", "TD-DISP-002", [unposed])
    assert verdict == "fail" and "pose_t" in text, text


def test_td_perf_002_an_unusable_reference_motion_beside_a_judged_stream_is_inconclusive(tmp_path, catalog,
                                                                                          run_manifest):
    """Row c22: a pose stream declaring a reference_motion with a negative radius cannot be judged; beside the passing
    rig the run is inconclusive (it passed, the stream passed over), as TD-PERF-001."""
    def negative(streams: dict) -> None:
        streams["rig"]["reference_motion"]["radius_m"] = -0.3
    bent = _edited("tracking-rig.ndjson.gz", tmp_path / "bent.ndjson", header=negative)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-sensor-performance", "TD-PERF-002",
                                     [SAMPLES / "tracking-rig.ndjson.gz", bent])
    assert verdict == "inconclusive" and "bent.ndjson" in text and "cannot be used" in text, text


def test_td_hand_002_a_hand_stream_never_usable_beside_a_judged_one_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c4: a hand stream none of whose frames has the hand active gives no reference length; beside the passing
    sample the run is inconclusive (it passed on the other hand alone)."""
    def inactive(frame: dict) -> dict:
        return {**frame, "active": False} if frame["stream"] == "hand_tracked" else frame
    idle = _edited("hand-reference.ndjson.gz", tmp_path / "idle.ndjson", frame=inactive)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-002",
                                     [SAMPLES / "hand-reference.ndjson.gz", idle])
    assert verdict == "inconclusive" and "idle.ndjson" in text and "no reference length" in text, text


def test_td_bci_004_a_stream_without_usable_channels_beside_a_judged_one_is_inconclusive(tmp_path, catalog,
                                                                                          run_manifest):
    """Row c3: an eeg stream whose channels are not a list cannot have its channels judged; beside the passing
    headset the run is inconclusive (it passed, the stream passed over)."""
    def no_channels(streams: dict) -> None:
        streams["eeg"]["channels"] = "Fz, Cz"
    bare = _edited("bci-headset.ndjson.gz", tmp_path / "bare.ndjson", header=no_channels)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-004",
                                     [SAMPLES / "bci-headset.ndjson.gz", bare])
    assert verdict == "inconclusive" and "bare.ndjson" in text and "no usable channels" in text, text


def test_td_bci_003_a_stream_without_range_beside_a_judged_one_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c3: an eeg stream declaring no range_uv has no range to compare its values with; beside the passing
    headset the run is inconclusive (it passed, the stream passed over)."""
    def no_range(streams: dict) -> None:
        del streams["eeg"]["range_uv"]
    rangeless = _edited("bci-headset.ndjson.gz", tmp_path / "rangeless.ndjson", header=no_range)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-bci", "TD-BCI-003",
                                     [SAMPLES / "bci-headset.ndjson.gz", rangeless])
    assert verdict == "inconclusive" and "rangeless.ndjson" in text and "no usable range_uv" in text, text


def test_td_hand_006_a_reference_without_its_device_stream_beside_a_judged_pair_is_inconclusive(tmp_path, catalog,
                                                                                                 run_manifest):
    """Row c6: a reference hand stream naming a device hand stream the capture lacks cannot be judged; beside the
    passing pinch sample the run is inconclusive (it passed, the reference passed over without a record)."""
    def elsewhere(streams: dict) -> None:
        streams["hand_pinching_mocap"]["annotates"] = "hand_elsewhere"
    orphan = _edited("hand-pinches.ndjson.gz", tmp_path / "orphan.ndjson", header=elsewhere)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-hand-tracking", "TD-HAND-006",
                                     [SAMPLES / "hand-pinches.ndjson.gz", orphan],
                                     features=["reference-gesture-capture"])
    assert verdict == "inconclusive" and "orphan.ndjson" in text and "hand_elsewhere" in text, text


def test_td_body_005_a_reference_without_its_device_stream_beside_a_judged_pair_is_inconclusive(tmp_path, catalog,
                                                                                                 run_manifest):
    """Row c12 (1): a reference body stream naming a device body stream the capture lacks is unjudged, as TD-BODY-003
    records it; beside the passing edge sample the run is inconclusive (it passed, the reference passed over)."""
    def elsewhere(streams: dict) -> None:
        streams["body_edge_mocap"]["annotates"] = "body_elsewhere"
    orphan = _edited("body-edge.ndjson.gz", tmp_path / "orphan.ndjson", header=elsewhere)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-body", "TD-BODY-005",
                                     [SAMPLES / "body-edge.ndjson.gz", orphan], features=["body-coverage"])
    assert verdict == "inconclusive" and "orphan.ndjson" in text and "body_elsewhere" in text, text


def test_td_body_005_nothing_judged_under_an_occlusion_is_inconclusive(tmp_path, catalog, run_manifest):
    """Row c12 (3): the device leaves out both hidden bones during the declared occlusion (untracked, no R1 value)
    and the descriptor declares no tracking volume (no R2 value): nothing is judged, so the run is inconclusive
    (it passed on nothing)."""
    head, *rows = gzip.decompress((SAMPLES / "body-edge.ndjson.gz").read_bytes()).splitlines()
    header = orjson.loads(head)
    del header["device"]["system"]["tracking"]["volume"]
    frames = [orjson.loads(r) for r in rows if r.strip()]
    for frame in frames:
        if frame["stream"] == "body_edge_tracked" and 1001_250_000_000 <= frame["t"] <= 1001_750_000_000:
            frame["bones"] = {k: v for k, v in frame["bones"].items() if k not in ("leftLowerArm", "leftHand")}
    hidden = tmp_path / "hidden.ndjson"
    hidden.write_bytes(b"\n".join([orjson.dumps(header), *map(orjson.dumps, frames)]) + b"\n")
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-body", "TD-BODY-005", [hidden],
                                     features=["body-coverage"])
    assert verdict == "inconclusive" and "hidden.ndjson" in text and "no value for R1" in text, text


@pytest.mark.parametrize("case, sample, stream, feature", [
    ("TD-FACE-005", "face-expressions.ndjson.gz", "expressions", "expression-recognition"),
    ("TD-FACE-007", "expression-interface-bench.ndjson.gz", "expressions_read", "expression-interface-reference")])
def test_td_face_005_007_an_unusable_schedule_beside_a_judged_one_is_inconclusive(tmp_path, catalog, run_manifest,
                                                                                   case, sample, stream, feature):
    """Row c13 (1): a gesture_schedule whose vocabulary holds one name cannot be used; beside the passing sample the
    run is inconclusive (it passed, the recogniser passed over), as TD-HAND-004 since the 37th's part c2."""
    def one_name(streams: dict) -> None:
        streams[stream]["gesture_schedule"]["vocabulary"] = streams[stream]["gesture_schedule"]["vocabulary"][:1]
    lone = _edited(sample, tmp_path / "lone.ndjson", header=one_name)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-face", case, [SAMPLES / sample, lone],
                                     features=[feature])
    assert verdict == "inconclusive" and "lone.ndjson" in text and "cannot be used" in text, text


@pytest.mark.parametrize("case, sample, feature", [
    ("TD-FACE-005", "face-expressions.ndjson.gz", "expression-recognition"),
    ("TD-FACE-007", "expression-interface-bench.ndjson.gz", "expression-interface-reference")])
def test_td_face_005_007_an_empty_device_face_stream_beside_a_judged_one_is_inconclusive(tmp_path, catalog,
                                                                                         run_manifest, case, sample,
                                                                                         feature):
    """Row c13 (2): the device face stream the reference names holds no frames; beside the passing sample the run is
    inconclusive (it passed, the pair passed over)."""
    empty = _edited(sample, tmp_path / "empty.ndjson", frame=lambda f: None if f["stream"] == "face_cued" else f)
    verdict, text = captures_verdict(catalog, run_manifest, "terminal-face", case, [SAMPLES / sample, empty],
                                     features=[feature])
    assert verdict == "inconclusive" and "empty.ndjson" in text and "holds no frames" in text, text
