"""Body frames' bones parsed from their JSON text (capture/records.py ``parse_bones``) give the poses msgspec's structs
give, bit for bit, or nothing (then the chunk is decoded into structs); a capture is judged alike either way, and
the reference pairs of TD-BODY-003 and TD-BODY-006 are read by one function (interface_log.reference_pairs)."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import msgspec
import numpy as np
import pytest

from conformance.areas.terminal import analyse, body_accuracy, body_interface
from conformance.areas.terminal.capture import records
from conformance.areas.terminal.capture.columns import pose_view
from conformance.areas.terminal.capture.frames import Pose
from tests.areas.terminal.text_path import assert_judged_alike, both_paths, capture, compiled, edit_frame

if TYPE_CHECKING:
    from conformance.areas.terminal.model import StreamStats

_NAMES = ("hips", "spine", "chest", "head")


def _bones(k: int, names: tuple[str, ...] = _NAMES) -> str:
    poses = {name: {"orientation": {"x": 0.0, "y": -0.707107 + j / 8, "z": 1e-3 * k, "w": 0.707107},
                    "position": {"x": k / 3, "y": -0.5 * j, "z": 1.25e-7}} for j, name in enumerate(names)}
    return json.dumps(poses, separators=(",", ":"))


class _Raws(msgspec.Struct):
    bones: msgspec.Raw


class _Structs(msgspec.Struct):
    bones: dict[str, Pose]


def _frames(texts: list[str]) -> bytes:
    return ("[" + ",".join(f'{{"bones":{t}}}' for t in texts) + "]").encode()


def test_bones_parsed_from_text_are_msgspecs_poses():
    compiled()
    texts = [_bones(k) for k in range(5)]
    got = records.parse_bones([f.bones for f in msgspec.json.Decoder(list[_Raws]).decode(_frames(texts))])
    decoded = msgspec.json.Decoder(list[_Structs]).decode(_frames(texts))
    want = pose_view([pose for frame in decoded for pose in frame.bones.values()])
    assert got is not None and want is not None
    assert got.reshape(-1, 7).view(np.uint64).tolist() == want.view(np.uint64).tolist()


@pytest.mark.parametrize("odd", [
    _bones(1, ("spine", "hips", "chest", "head")),  # another order
    _bones(1, _NAMES[:3]),  # a bone fewer
    _bones(1, (*_NAMES, "tail")),  # a bone more
    _bones(1).replace('"z":1.25e-07}', '"z":1.25e-07,"v":1}', 1),  # a member the structs do not read
    _bones(1).replace('{"hips":', '{ "hips":', 1),  # whitespace
    _bones(1).replace('"hips"', '"h\\u0069ps"', 1),  # the same name, escaped
    _bones(1).replace('"x":0.3333333333333333', '"x":"1"', 1),  # a string for a number
    "[]", "{}",
])
def test_a_chunk_whose_frames_are_not_all_laid_out_alike_is_refused(odd):
    compiled()
    assert odd != _bones(1)  # each odd text is made odd
    texts = [_bones(0), odd] if odd not in ("[]", "{}") else [odd, _bones(0)]
    raws = [f.bones for f in msgspec.json.Decoder(list[_Raws]).decode(_frames(texts))]
    assert records.parse_bones(raws) is None


def test_names_the_layout_cannot_be_measured_with_are_left_to_the_structs():
    assert records.bones_layout(()) is None
    assert records.bones_layout(("hips", "bone7")) is None  # a digit in a name
    assert records.bones_layout(_NAMES) is not None


def _break_body(data: bytes, how: str) -> bytes:
    """The 40th body frame made odd: a bone named with a digit, a required bone left out, a pose member a string."""
    def edit(frame: dict) -> None:
        if how == "digit":
            frame["bones"]["bone7"] = frame["bones"]["hips"]
        elif how == "missing":
            del frame["bones"]["spine"]
        else:
            frame["bones"]["head"]["position"]["x"] = "far"
    return edit_frame(data, b'"bones"', edit)


def _held_bones(stats: StreamStats) -> list[bytes] | None:
    """TD-BODY-003's held bones, bit for bit."""
    return None if stats.body_track is None else [pose.tobytes() for pose in stats.body_track.poses()]


@pytest.mark.parametrize("case", [("body_reference_rig", ["body-late"]), ("body_reference_rig", ["body-arm-twisted"]),
                                  ("mocap_suit", ["body-bone-name"]), ("body_interface_bench", []),
                                  ("body_edge_rig", []), "digit", "missing", "not-a-number"])
def test_a_body_capture_parsed_from_text_is_judged_as_decoded_into_structs(case, monkeypatch):
    compiled()
    data = capture(*case, 4.0) if isinstance(case, tuple) else _break_body(capture("body_reference_rig", [], 4.0), case)
    fast, plain, parsed = both_paths(data, monkeypatch, "parse_bones")
    assert any(p is not None for p in parsed) == (case != ("mocap_suit", ["body-bone-name"]))  # the text path taken
    if not isinstance(case, tuple):
        assert any(p is None for p in parsed)  # ... and refused the chunk with the odd frame
    assert_judged_alike(fast, plain, _held_bones)
    for (reference, tracked), (reference_, tracked_) in zip(body_accuracy.pairs(fast), body_accuracy.pairs(plain),
                                                            strict=True):
        got, want = body_accuracy.measure(tracked, reference, 10), body_accuracy.measure(tracked_, reference_, 10)
        assert got == want


@pytest.mark.parametrize(("device", "logged"), [("body_reference_rig", False), ("body_interface_bench", True)])
def test_the_reference_pairs_of_the_body_stream_and_of_the_interface_log(device, logged):
    result = analyse(io.BytesIO(capture(device, [], 4.0)))
    measured = body_accuracy.pairs(result)  # any body stream the reference annotates
    read = body_interface.pairs(result)  # ... only one logging what xrLocateBodyJointsFB answered
    assert [r.id for r, _ in measured] == [r.id for r, _ in read] and len(measured) == 1
    assert measured[0][1] is not None
    assert (read[0][1] is not None) == logged
