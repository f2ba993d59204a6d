"""Capture analysis: streaming NDJSON, typed decoding, state carried across chunks."""

from __future__ import annotations

import gzip
import io
from typing import Any

import orjson
import pytest

from conformance import load_catalog
from conformance.areas.terminal import MAX_LINE_BYTES, analyse, reader, timings
from conformance.reference import SAMPLES

SAMPLE = SAMPLES / "captures" / "headset-session.ndjson.gz"
TERMINAL = "https://metaverse-conformance.org/schemas/terminal"
HEADER = {
    "format": "mvx-capture", "version": "1.0",
    "device": {"class": "controller", "vendor": "V", "model": "M", "firmware": "1",
               "offers": [{"type": "pose", "max_rate_hz": 200, "paths": ["/user/hand/right"]}]},
    "streams": [{"id": "hand", "type": "pose", "rate_hz": 100, "space": "stage"}],
}
UNIT = {"orientation": {"x": 0, "y": 0, "z": 0, "w": 1}, "position": {"x": 0, "y": 1.2, "z": 0}}


def frame(t: Any, pose: Any = UNIT, stream: str = "hand", **extra: Any) -> dict[str, Any]:
    return {"stream": stream, "t": t, "pose": pose, **extra}


def capture(*lines: Any, header: Any = HEADER) -> io.BytesIO:
    raw = [line if isinstance(line, bytes) else orjson.dumps(line) for line in (header, *lines)]
    return io.BytesIO(b"\n".join(raw) + b"\n")


def totals(result) -> dict[str, int]:
    return {rule: log.total for rule, log in result.logs.items() if log.total}


def test_the_sample_capture_is_clean_and_measured():
    with gzip.open(SAMPLE) as stream:
        result = analyse(stream)
    assert result.header_usable and totals(result) == {}
    assert result.streams["head"].frames == 270 and result.streams["head"].checked["norm"] == 270
    measured, unmeasured = timings(result)
    assert not unmeasured and all(t.deviation() < 0.01 and t.dropped == 0 for t in measured)


def test_the_sample_follows_the_published_schemas():
    schemas = load_catalog().schemas
    lines = gzip.decompress(SAMPLE.read_bytes()).splitlines()
    assert schemas.findings(orjson.loads(lines[0]), f"{TERMINAL}/capture-header.json") == []
    assert all(schemas.findings(orjson.loads(line), f"{TERMINAL}/frame.json") == [] for line in lines[1:200])
    assert schemas.findings({"stream": "head", "t": 1.5}, f"{TERMINAL}/frame.json")


def test_every_device_s_clean_capture_reads_as_annex_e_defines_it():
    # Annex E's capture formats are the schemas (generated into the draft): a clean capture the
    # generator writes for each device class, whose frames the area's checks read, is valid by
    # them, header and every frame, so the annex cannot type a member otherwise than the checks
    # read it (content_depth's depth_m, one distance, stood in the annex as an array alone)
    from conformance.areas.terminal.generate.capture import generate
    from conformance.areas.terminal.generate.device import DEVICES

    schemas = load_catalog().schemas
    invalid = {}
    for device in DEVICES:
        written = io.BytesIO()
        generate(written, device, 0.3)
        header, *frames = (orjson.loads(line) for line in written.getvalue().splitlines())
        for where, found in [("header", schemas.findings(header, f"{TERMINAL}/capture-header.json")),
                             *((f["stream"], schemas.findings(f, f"{TERMINAL}/frame.json")) for f in frames)]:
            if found:
                invalid.setdefault(f"{device} {where}", found[0].message)
    assert invalid == {}


@pytest.mark.parametrize(("chunk_lines", "block_bytes"), [(1, 7), (2, 40), (3, 100), (50_000, 1 << 20)])
def test_time_order_is_checked_across_chunk_boundaries(chunk_lines, block_bytes):
    result = analyse(capture(frame(10), frame(20), frame(20), frame(15), frame(30)), chunk_lines=chunk_lines,
                     block_bytes=block_bytes)
    order = result.log("order").detailed
    assert [(i.line, i.coordinates["frame"], i.coordinates["t"], i.pointer) for i in order] == \
        [(4, 2, 20, "/t"), (5, 3, 15, "/t")]
    assert "after t=20 (line 3)" in order[0].message


def test_extreme_int64_timestamps_do_not_overflow():
    result = analyse(capture(frame(-(2**63)), frame(2**63 - 1), frame(-(2**63))))
    assert [i.line for i in result.log("order").detailed] == [4]


@pytest.mark.parametrize("block_bytes", [50, 1 << 20])
def test_structure_problems_are_located_by_line_and_pointer(block_bytes):
    result = analyse(block_bytes=block_bytes, stream=capture(
        frame(1), b'{"stream": "hand", "t": 2', b"[1, 2]", frame(3, stream="eyes"), {"t": 4},
        frame(5.0), frame("6"), frame(2**63), b"   ", frame(7), frame(8, None),
    ))
    found = sorted((i.line, i.pointer) for i in result.log("structure").detailed)
    assert found == [(3, ""), (4, ""), (5, "/stream"), (6, "/stream"), (7, "/t"), (8, "/t"), (9, "/t"), (12, "/pose")]
    assert result.streams["hand"].frames == 3 and result.lines == 12


def test_a_frame_must_name_a_declared_stream_even_when_the_header_declares_one():
    # The decoder's tag for "no declared stream" is NULs one longer than the longest id.
    result = analyse(capture(frame(1), frame(2, stream="\x00" * 5), {"t": 3, "pose": UNIT}, frame(4)))
    assert sorted((i.line, i.pointer, i.message[:27]) for i in result.log("structure").detailed) == [
        (3, "/stream", "frame names a stream the he"), (4, "/stream", "Object missing required fie")]
    assert result.streams["hand"].frames == 2


@pytest.mark.parametrize("chunk_lines", [2, 50_000])
@pytest.mark.parametrize("block_bytes", [64, 1 << 20])
def test_malformed_payloads_name_the_member_at_fault(chunk_lines, block_bytes):
    no_w = {"orientation": {"x": 0, "y": 0, "z": 0}, "position": UNIT["position"]}
    text_x = {"orientation": UNIT["orientation"], "position": {"x": "0", "y": 0, "z": 0}}
    result = analyse(capture(frame(1, no_w), frame(2, text_x), frame(3, flags=-1), frame(4, flags=True), frame(5)),
                     chunk_lines=chunk_lines, block_bytes=block_bytes)
    assert [i.pointer for i in result.log("structure").detailed] == [
        "/pose/orientation/w", "/pose/position/x", "/flags", "/flags"]
    stats = result.streams["hand"]
    assert stats.frames == 5 and stats.checked["norm"] == 1  # malformed frames still count for timing


def test_an_unusable_header_stops_the_analysis():
    result = analyse(capture(frame(1), header=b"not json"))
    assert not result.header_usable and [i.line for i in result.log("structure").detailed] == [1]
    for first in (b"[]", orjson.dumps({"format": "mvx-capture"})):
        # Parsed but without streams: the header schema reports it; the frames are not read.
        result = analyse(capture(frame(1), header=first))
        assert not result.header_usable and result.header is not None and totals(result) == {}
    assert analyse(io.BytesIO(b"")).log("structure").detailed[0].message.startswith("the capture is empty")


def test_streams_are_unique_and_match_the_device_offers():
    named = {"id": "named", "type": "pose", "rate_hz": 60, "space": "stage", "max_rate_hz": 120}
    device = {**HEADER["device"], "offers": [*HEADER["device"]["offers"], named]}
    header = {**HEADER, "device": device, "streams": [
        *HEADER["streams"], {"id": "hand", "type": "pose"}, {"id": "gaze", "type": "eye_gaze"},
        {"id": "fast", "type": "pose", "rate_hz": 500, "space": "stage"},
        {"id": "left", "type": "pose", "rate_hz": 90, "space": "stage", "path": "/user/hand/left"},
        {"id": "named", "type": "pose", "rate_hz": 150, "space": "local"}]}
    result = analyse(capture(header=header))
    assert [(i.pointer, i.actual) for i in result.log("structure").detailed] == [("/streams/1/id", "hand")]
    assert [(i.pointer, i.actual) for i in result.log("descriptor").detailed] == [
        ("/streams/2/type", "eye_gaze"), ("/streams/3/rate_hz", 500.0), ("/streams/4/path", "/user/hand/left"),
        ("/streams/5/rate_hz", 150), ("/streams/5/space", "local"), ("/streams/5/rate_hz", 150.0)]


def test_detail_is_capped_and_the_rest_counted():
    bad = {"orientation": {"x": 0, "y": 0, "z": 0, "w": 2}, "position": UNIT["position"]}
    result = analyse(capture(*(frame(t, bad) for t in range(1, 11))), limit=3, chunk_lines=4, block_bytes=200)
    log = result.log("norm")
    assert (len(log.detailed), log.total, log.omitted) == (3, 10, 7)


def test_gzip_captures_stream_and_a_truncated_one_is_a_finding():
    packed = gzip.compress(capture(*(frame(t) for t in range(1, 20001))).getvalue())
    with gzip.open(io.BytesIO(packed)) as stream:
        assert analyse(stream, chunk_lines=500).streams["hand"].frames == 20000
    with gzip.open(io.BytesIO(packed[: len(packed) // 2])) as stream:
        result = analyse(stream, chunk_lines=500)
    structure = result.log("structure")
    assert structure.total == 1 and "cannot be read after line" in structure.detailed[0].message
    assert 0 < result.streams["hand"].frames < 20000  # what was read before the damage was checked


def test_a_header_with_too_many_streams_is_refused_before_the_frames():
    many = {**HEADER, "streams": [{"id": f"s{i}", "type": "pose"} for i in range(257)]}
    result = analyse(capture(frame(1, stream="s1"), header=many))
    assert not result.header_usable
    assert [(i.line, i.pointer, i.actual) for i in result.log("structure").detailed] == [(1, "/streams", 257)]
    assert len(analyse(capture(header={**many, "streams": many["streams"][:256]})).streams) == 256


def test_a_chunk_of_long_lines_is_bounded_by_bytes_not_only_lines(monkeypatch):
    # Hand frames are ~30 times a head pose: 20 000 of them in one chunk would hold hundreds of MB.
    seen: list[tuple[int, int]] = []
    process = reader._process

    def recording(blocks, *args):
        seen.append((sum(count for _, count in blocks), sum(len(b) for b, _ in blocks if b is not None)))
        process(blocks, *args)

    monkeypatch.setattr(reader, "_process", recording)
    result = analyse(capture(*(frame(t) for t in range(1, 401))), block_bytes=1000, chunk_bytes=4000)
    assert result.streams["hand"].frames == 400 and sum(lines for lines, _ in seen) == 400
    assert len(seen) > 5 and all(size < 4000 + 1000 for _, size in seen[:-1])


@pytest.mark.parametrize("block_bytes", [1000, 1 << 20, 3 << 20])
@pytest.mark.parametrize("where", ["middle", "header", "last"])
def test_an_overlong_line_is_a_finding_not_a_memory_spike(where, block_bytes):
    long = b'{"x": "' + b"x" * (MAX_LINE_BYTES + 10) + b'"}'
    if where == "header":
        result = analyse(capture(frame(1), header=long), block_bytes=block_bytes)
        assert "header is longer" in result.log("structure").detailed[0].message
        return
    lines = (frame(1), long, frame(2)) if where == "middle" else (frame(1), frame(2), long)
    result = analyse(capture(*lines), block_bytes=block_bytes)
    assert [i.message[:22] for i in result.log("structure").detailed] == ["line is longer than 10"]
    assert result.streams["hand"].frames == 2


def test_timing_rate_drops_and_jitter():
    period = 10_000_000  # 100 Hz
    times = [i * period for i in range(200) if not 50 <= i < 60]  # 10 frames dropped
    times = [t + (3_000_000 if i % 40 == 7 else 0) for i, t in enumerate(times)]  # a few late frames
    measured, unmeasured = timings(analyse(capture(*(frame(t) for t in times)), chunk_lines=16, block_bytes=512))
    (timing,) = measured
    assert unmeasured == [] and timing.dropped == 10 and timing.drop_ratio == pytest.approx(10 / 200)
    assert 2.9 < timing.p99_jitter_ms <= 3.01
    assert timings(analyse(capture(frame(5)))) == ([], ["hand"])


def test_blank_lines_in_a_long_block_keep_the_line_numbers():
    # Newlines of a long block are counted with NumPy (blocks._newlines); blank lines there
    # must number the frames after them as a one-line-at-a-time read does.
    lines: list[Any] = [frame(t, flags=3) for t in range(1, 400)]
    lines[150:150] = [b"", b"  \t"]
    lines[300:300] = [frame(250)]  # out of order: a finding with its line number
    results = [analyse(capture(*lines), block_bytes=size) for size in (1 << 18, 97)]
    found = [[(i.line, i.coordinates["frame"], i.coordinates["t"]) for i in result.log("order").detailed]
             for result in results]
    assert found[0] == found[1] == [(302, 298, 250)]
    assert [result.lines for result in results] == [403, 403]
