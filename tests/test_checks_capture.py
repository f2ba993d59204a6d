"""Capture analysis: streaming NDJSON, column checks, state carried across chunks."""

from __future__ import annotations

import gzip
import io
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator

from conformance import load_catalog
from conformance.checks.capture import MAX_LINE_BYTES, analyse, effective_rates
from conformance.reference import SAMPLES

SAMPLE = SAMPLES / "captures" / "headset-session.ndjson"
TERMINAL = "https://metaverse-conformance.org/schemas/terminal"
HEADER = {
    "format": "mvx-capture", "version": "1.0",
    "device": {"class": "controller", "vendor": "V", "model": "M", "firmware": "1", "offers": [{"type": "pose"}]},
    "streams": [{"id": "hand", "type": "pose", "rate_hz": 100, "space": "stage"}],
}
UNIT = {"orientation": {"x": 0, "y": 0, "z": 0, "w": 1}, "position": {"x": 0, "y": 1.2, "z": 0}}


def frame(t: int, pose: Any = UNIT, stream: str = "hand", **extra: Any) -> dict[str, Any]:
    return {"stream": stream, "t": t, "pose": pose, **extra}


def capture(*lines: Any, header: Any = HEADER) -> io.BytesIO:
    raw = [line if isinstance(line, bytes) else orjson.dumps(line) for line in (header, *lines)]
    return io.BytesIO(b"\n".join(raw) + b"\n")


def test_the_sample_capture_is_clean_and_measured():
    with SAMPLE.open("rb") as stream:
        result = analyse(stream)
    assert result.header_usable and result.lines == 451
    assert (result.structure.total, result.order.total, result.pose.total) == (0, 0, 0)
    assert {s.id: (s.frames, s.pose_checked) for s in result.streams.values()} == {
        "head": (270, 270), "hand_right": (180, 180)}
    measured, unmeasured = effective_rates(result)
    assert not unmeasured and all(r.deviation() < 0.01 for r in measured)


def test_the_sample_follows_the_published_schemas():
    schemas = load_catalog().schemas
    lines = SAMPLE.read_bytes().splitlines()
    assert schemas.findings(orjson.loads(lines[0]), f"{TERMINAL}/capture-header.json") == []
    pose_frame = Draft202012Validator({"$ref": f"{TERMINAL}/frame.json#/$defs/pose_frame"},
                                      registry=schemas.registry)
    assert all(pose_frame.is_valid(orjson.loads(line)) for line in lines[1:])
    assert not pose_frame.is_valid({"stream": "head", "t": 1})  # a pose frame needs its pose


@pytest.mark.parametrize("chunk_lines", [1, 2, 3, 50_000])
def test_time_order_is_checked_across_chunk_boundaries(chunk_lines):
    stream = capture(frame(10), frame(20), frame(20), frame(15), frame(30))
    result = analyse(stream, chunk_lines=chunk_lines)
    assert [(i.line, i.frame, i.t, i.pointer) for i in result.order.detailed] == [
        (4, 2, 20, "/t"), (5, 3, 15, "/t")]
    assert "after t=20 (line 3)" in result.order.detailed[0].message


def test_extreme_int64_timestamps_do_not_overflow():
    result = analyse(capture(frame(-(2**63)), frame(2**63 - 1), frame(-(2**63))))
    assert [i.line for i in result.order.detailed] == [4]


def test_structure_problems_are_located_by_line():
    result = analyse(capture(
        frame(1), b'{"stream": "hand", "t": 2', b"[1, 2]", frame(3, stream="eyes"), {"t": 4},
        frame(5.0), frame("6"), frame(2**63), b"   ", frame(7),
    ))
    found = [(i.line, i.pointer) for i in result.structure.detailed]
    assert found == [(3, None), (4, ""), (5, "/stream"), (6, "/stream"), (7, "/t"), (8, "/t"), (9, "/t")]
    assert result.streams["hand"].frames == 2 and result.lines == 11


def test_an_unusable_header_stops_the_analysis():
    result = analyse(capture(frame(1), header=b"not json"))
    assert not result.header_usable and [i.line for i in result.structure.detailed] == [1]
    for first in (b"[]", orjson.dumps({"format": "mvx-capture"})):
        # Parsed but without streams: the header schema reports it; the frames are not read.
        result = analyse(capture(frame(1), header=first))
        assert not result.header_usable and result.header is not None and result.structure.total == 0
    assert analyse(io.BytesIO(b"")).structure.detailed[0].message.startswith("the capture is empty")


def test_header_streams_are_unique_and_offered_by_the_device():
    header = {**HEADER, "streams": [*HEADER["streams"], {"id": "hand", "type": "pose"},
                                    {"id": "gaze", "type": "eye_gaze"}]}
    result = analyse(capture(header=header))
    assert [(i.pointer, i.actual) for i in result.structure.detailed] == [
        ("/streams/1/id", "hand"), ("/streams/2/type", "eye_gaze")]


def test_orientations_must_be_unit_quaternions_within_one_percent():
    def pose(scale: float) -> dict[str, Any]:
        half = 0.5 * scale
        return {"orientation": {"x": half, "y": half, "z": half, "w": half}, "position": UNIT["position"]}

    result = analyse(capture(frame(1, pose(1.009)), frame(2, pose(0.991)), frame(3, pose(1.02)),
                             frame(4, pose(0.0), flags=2), frame(5, pose(0.0), flags=1)))
    assert [(i.line, i.frame, i.pointer, i.actual) for i in result.pose.detailed] == [
        (4, 2, "/pose/orientation", 1.02), (6, 4, "/pose/orientation", 0.0)]
    assert result.streams["hand"].pose_checked == 4 and result.streams["hand"].pose_exempt == 1


def test_malformed_poses_name_the_member_at_fault():
    no_w = {"orientation": {"x": 0, "y": 0, "z": 0}, "position": UNIT["position"]}
    text_x = {"orientation": UNIT["orientation"], "position": {"x": "0", "y": 0, "z": 0}}
    result = analyse(capture(frame(1, None), frame(2, no_w), frame(3, text_x), frame(4, flags=-1),
                             frame(5, flags=True), frame(6)))
    assert [i.pointer for i in result.pose.detailed] == [
        "/pose", "/pose/orientation/w", "/pose/position/x", "/flags", "/flags"]


def test_detail_is_capped_and_the_rest_counted():
    bad = {"orientation": {"x": 0, "y": 0, "z": 0, "w": 2}, "position": UNIT["position"]}
    result = analyse(capture(*(frame(t, bad) for t in range(1, 11))), limit=3, chunk_lines=4)
    assert (len(result.pose.detailed), result.pose.total, result.pose.omitted) == (3, 10, 7)


def test_gzip_captures_stream_and_a_truncated_one_is_a_finding():
    packed = gzip.compress(capture(*(frame(t) for t in range(1, 2001))).getvalue())
    with gzip.open(io.BytesIO(packed)) as stream:
        assert analyse(stream, chunk_lines=500).streams["hand"].frames == 2000
    with gzip.open(io.BytesIO(packed[: len(packed) // 2])) as stream:
        result = analyse(stream, chunk_lines=500)
    assert result.structure.total == 1 and "cannot be read after line" in result.structure.detailed[0].message
    assert 0 < result.streams["hand"].frames < 2000  # what was read before the damage was checked


def test_an_overlong_line_is_a_finding_not_a_memory_spike():
    result = analyse(capture(frame(1), b"x" * (MAX_LINE_BYTES + 10), frame(2)))
    assert [(i.line, i.message[:22]) for i in result.structure.detailed] == [(3, "line is longer than 10")]
    assert result.streams["hand"].frames == 2


def test_effective_rate_needs_two_frames_and_a_positive_span():
    measured, unmeasured = effective_rates(analyse(capture(*(frame(i * 10_000_000) for i in range(101)))))
    assert unmeasured == [] and measured[0].effective_hz == pytest.approx(100.0)
    assert effective_rates(analyse(capture(frame(5)))) == ([], ["hand"])
