"""The input modes a device claims, seen in its capture (TD-ACC-003): which streams deliver which mode,
and the verdicts (the reference captures pass; a capture of a claimed mode with no frames fails in
tests/e2e/test_known_bad.py; descriptors alone, or claims of no observable mode, are inconclusive)."""

from __future__ import annotations

import pytest

from conformance.areas.terminal.accessibility import MIN_FRAMES, unseen_modes
from conformance.areas.terminal.generate.capture import write
from tests.conftest import captures_verdict

HEAD = ("pose", "/user/head", 90)
RIGHT = ("pose", "/user/hand/right", 90)


def _claiming(*modes: str) -> dict:
    return {"accessibility": {"input_modes": list(modes)}}


@pytest.mark.parametrize(("modes", "streams", "unseen"), [
    (["head", "controller", "voice"], [HEAD, RIGHT], []),
    (["head", "controller"], [HEAD], [(1, "controller", "pose", "/user/hand/left, /user/hand/right")]),
    (["hand"], [("hand", None, MIN_FRAMES - 1)], [(0, "hand", "hand", "-")]),  # too few frames to count
    (["eye_gaze"], [("eye_gaze", None, MIN_FRAMES)], []),
    (["head"], [("pose", "/user/hand/left", 90)], [(0, "head", "pose", "/user/head")]),  # another path
])
def test_each_claimed_mode_needs_a_stream_of_it_with_frames(modes, streams, unseen):
    assert unseen_modes(_claiming(*modes), streams) == unseen


@pytest.mark.parametrize("descriptor", [{}, None, "descriptor", _claiming(), _claiming("voice", "switch"),
                                        {"accessibility": {"input_modes": "head"}}, {"accessibility": []}])
def test_a_descriptor_claiming_no_observable_mode_is_not_judged(descriptor):
    assert unseen_modes(descriptor, [HEAD]) is None


def test_the_reference_captures_pass_and_no_claim_is_inconclusive(tmp_path, catalog, run_manifest):
    def verdict(*captures):
        return captures_verdict(catalog, run_manifest, "terminal-accessibility", "TD-ACC-003", captures,
                                features=["observed-input-modes"])
    good, text = verdict()  # the reference samples: the captioned headset claims head input and records it
    assert good == "pass", text
    assert "every claimed input mode is delivered" in text
    plain = tmp_path / "plain.ndjson.gz"  # a controller's capture: its descriptor declares no accessibility
    write(plain, "controller", 1.0)
    none, text = verdict(plain)
    assert none == "inconclusive" and "no capture's descriptor claims an input mode" in text
