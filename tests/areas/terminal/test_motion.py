"""TD-MOT-*: the motion measures of pose streams, the same however the capture is chunked."""

from __future__ import annotations

import io

import numpy as np
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.capture import generate
from conformance.areas.terminal.plausibility import MEASURES, rotation_vectors


def _extremes(device: str, faults: list[str], chunk_lines: int) -> dict[str, dict[str, tuple[float, int, int]]]:
    buffer = io.BytesIO()
    generate(buffer, device, 4.0, faults)
    buffer.seek(0)
    result = analyse(buffer, chunk_lines=chunk_lines)
    return {s.id: {m: (round(e.value, 6), e.count, (e.where or {}).get("frame", -1))
                   for m, e in s.motion.extremes.items()} for s in result.streams_of("pose")}


@pytest.mark.parametrize("fault", ["frozen-pose", "position-jump", "orientation-shake"])
def test_chunk_boundaries_change_nothing(fault):
    whole = _extremes("head_tracker", [fault], 100_000)
    assert _extremes("head_tracker", [fault], 7) == whole
    (head,) = whole.values()
    assert head["linear_speed"][1] == 4 * 90 - 1  # every interval measured, across chunks


def test_the_frozen_run_and_the_jump_are_found_where_they_are():
    (head,) = _extremes("head_tracker", ["frozen-pose"], 13).values()
    value, _, frame = head["frozen_ms"]
    assert 1950 < value < 2000 and frame == 20 + 179  # held from frame 20 for 2 s at 90 Hz
    (head,) = _extremes("head_tracker", ["position-jump"], 13).values()
    assert head["linear_speed"][0] > 40 and head["linear_speed"][2] in (20, 21)


def test_a_clean_capture_moves_like_a_person():
    for stream in _extremes("vr_headset", [], 1000).values():
        assert stream["frozen_ms"][0] == 0
        assert stream["linear_speed"][0] < 1 and stream["angular_speed"][0] < 100
        assert stream["linear_acceleration"][0] < 5 and stream["angular_acceleration"][0] < 500
    assert set(MEASURES) == set(stream)


def test_frames_flagged_valid_but_untracked_may_hold_their_last_pose():
    header = b'{"format":"mvx-capture","version":"1.0","device":{},"streams":[{"id":"c","type":"pose"}]}'
    pose = b'{"orientation":{"x":0,"y":0,"z":0,"w":1},"position":{"x":0,"y":1,"z":0}}'
    lines = [header] + [b'{"stream":"c","t":%d,"pose":%s,"flags":3}' % (10**9 + k * 10**7, pose) for k in range(500)]
    (stats,) = analyse(io.BytesIO(b"\n".join(lines) + b"\n")).streams_of("pose")
    assert stats.motion.extremes["frozen_ms"].value == 0  # OpenXR's last-known pose: not judged
    tracked = [line.replace(b'"flags":3', b'"flags":15') for line in lines]
    (stats,) = analyse(io.BytesIO(b"\n".join(tracked) + b"\n")).streams_of("pose")
    assert stats.motion.extremes["frozen_ms"].value == pytest.approx(4990)
    bare = [line.replace(b',"flags":3', b"") for line in lines]  # no flags: valid, judged as tracked
    (stats,) = analyse(io.BytesIO(b"\n".join(bare) + b"\n")).streams_of("pose")
    assert stats.motion.extremes["frozen_ms"].value == pytest.approx(4990)


def test_rotation_vectors_are_the_turn_between_orientations_in_degrees():
    half = np.sqrt(0.5)
    before = np.array([[0, 0, 0, 1.0], [0, 0, 0, 1.0], [0, 0, 0, -1.0]])
    after = np.array([[0, half, 0, half], [0, 0, 0, 1.0], [0, 0, 0.0871557, 0.9961947]])
    turned = rotation_vectors(before.T, after.T).T  # rows x, y, z, w in, rows x, y, z out
    assert turned[0] == pytest.approx([0, 90, 0], abs=1e-9)
    assert turned[1] == pytest.approx([0, 0, 0])
    assert turned[2] == pytest.approx([0, 0, 10], abs=1e-4)  # -q is the same orientation as q


@pytest.mark.parametrize("declared", ['"seated_mode":{"switched_on_t":2000000000,"height_offset_m":0.4}',
                                      '"seated_mode":{"switched_on_t":1.5}', '"reference_hold":{"t0":0,"duration_s":5}'])
def test_a_stream_declaring_a_seated_mode_or_a_hold_is_not_judged_for_motion(declared):
    """Sixty-seventh reading, c1: TD-MOT-001 to -003 do not judge a pose stream declaring ``seated_mode`` (TD-ACC-005),
    usable or not (one TD-ACC-005 cannot use was judged), or ``reference_hold`` (TD-PERF-003), as their step 1 says;
    the same stream undeclared is judged."""
    header = b'{"format":"mvx-capture","version":"1.0","device":{},"streams":[{"id":"c","type":"pose",%s}]}'
    pose = b'{"orientation":{"x":0,"y":0,"z":0,"w":1},"position":{"x":0,"y":1,"z":0}}'
    frames = [b'{"stream":"c","t":%d,"pose":%s}' % (10**9 + k * 10**7, pose) for k in range(200)]
    (stats,) = analyse(io.BytesIO(b"\n".join([header % declared.encode(), *frames]) + b"\n")).streams_of("pose")
    assert stats.motion is None
    plain = b'{"format":"mvx-capture","version":"1.0","device":{},"streams":[{"id":"c","type":"pose"}]}'
    (stats,) = analyse(io.BytesIO(b"\n".join([plain, *frames]) + b"\n")).streams_of("pose")
    assert stats.motion is not None and stats.motion.extremes["frozen_ms"].value == pytest.approx(1990)
