"""Captions, eye skew and rest reminders: the helpers' arithmetic, and bad declarations judged
rather than crashed on."""

from __future__ import annotations

import io

import numpy as np
import orjson

from conformance.areas.terminal import analyse
from conformance.areas.terminal.captions import covered, language_valid
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.health import PAUSE, REMIND, RESUME, stretches


def test_language_tags_follow_bcp47_and_the_registry():
    assert all(map(language_valid, ("en", "en-GB", "zh-Hans-CN", "yue", "sgn-BE-FR")))
    assert not any(map(language_valid, ("en_GB", "english", "xx-QQQ", "", "en-", None, ["en"], {"tag": "en"})))


def test_coverage_is_the_share_of_each_segment_under_the_cues_union():
    segments = np.array([[0, 10], [20, 30], [40, 50]])
    cues = np.array([[2, 5], [4, 8], [25, 60]])
    assert covered(segments, cues, 0).tolist() == [0.6, 0.5, 1.0]
    assert covered(segments, cues, 2).tolist() == [0.8, 0.7, 1.0]  # a cue counts from 2 before its start
    assert covered(segments, cues[:0], 0).tolist() == [0.0, 0.0, 0.0]


def test_stretches_of_use_end_at_reminders_pauses_and_the_end():
    t = np.array([30, 10, 50, 70])
    code = np.array([PAUSE, REMIND, RESUME, REMIND])
    assert stretches(t, code, 0, 100).tolist() == [[0, 10], [10, 30], [50, 70], [70, 100]]


def _capture(device: str, seconds: float, edit) -> bytes:
    out = io.BytesIO()
    generate(out, device, seconds)
    lines = out.getvalue().split(b"\n")
    header = orjson.loads(lines[0])
    edit(header)
    return b"\n".join([orjson.dumps(header), *lines[1:]])


def test_a_caption_language_of_the_wrong_type_is_a_finding():
    def edit(header):
        next(s for s in header["streams"] if s["type"] == "caption")["language"] = ["en"]

    result = analyse(io.BytesIO(_capture("captioned_headset", 5.0, edit)))
    assert [f.pointer for f in result.log("caption_cues").detailed] == ["/streams/3/language"]


def test_eye_skew_pairs_every_frame_of_a_clean_stereo_capture():
    result = analyse(io.BytesIO(_capture("stereo_headset", 2.0, lambda header: None)))
    (skew,) = {id(s.latency.skew): s.latency.skew for s in result.streams_of("display")}.values()
    assert skew.pairs == 180 and skew.worst_ns < 1_000_000 and skew.over(1.0) == 0


def test_a_placed_cue_before_its_source_has_a_position_is_not_held_to_a_later_one():
    """TD-CAPT-003 holds a cue to its source's position at the cue's start; a cue that starts
    before the source's first block has none: unjudged (counted), not compared with the first
    block's position (issue 59)."""
    out = io.BytesIO()
    generate(out, "captioned_scene", 7.0)
    lines = out.getvalue().split(b"\n")
    frames = [orjson.loads(line) for line in lines[1:] if line]
    first_block = min(f["t"] for f in frames if f["stream"] == "source")
    early = {"stream": "guide_captions", "t": first_block - 500_000_000, "end": first_block - 100_000_000,
             "text": "...", "source": "source", "position": {"x": 9.0, "y": 9.0, "z": 9.0}}
    result = analyse(io.BytesIO(b"\n".join([lines[0], orjson.dumps(early), *lines[1:]])))
    (captions,) = result.streams_of("caption")
    for source in result.streams_of("audio"):
        source.caption_source.close()
    assert captions.captions.unplaced == 1
    assert max(captions.captions.offsets) < 0.5  # the far cue was not compared with a later position
