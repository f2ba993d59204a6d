"""TD-HAND-002: a bone's reference length is its median over the stream's first second of
usable frames, whatever chunks the reader cuts the file into."""

from __future__ import annotations

import io

import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.hand import bone_drifts

from .test_capture_types import DEVICE, STREAMS

RATE_HZ = 30  # the hand stream of STREAMS
STRETCH_M = 0.02


def capture(seconds: float, stretch_from_s: float) -> bytes:
    """A straight hand (joint k at x = 3 cm * k) whose little finger tip moves 2 cm out
    from ``stretch_from_s`` on."""
    header = {"format": "mvx-capture", "version": "1.0", "device": DEVICE, "streams": STREAMS}
    lines = [orjson.dumps(header)]
    for i in range(int(seconds * RATE_HZ)):
        t = 1 + i * 1_000_000_000 // RATE_HZ
        joints = []
        for k in range(26):
            x = 0.03 * k + (STRETCH_M if k == 25 and t >= stretch_from_s * 1e9 else 0.0)
            pose = {"orientation": {"x": 0, "y": 0, "z": 0, "w": 1}, "position": {"x": x, "y": 1.2, "z": 0}}
            joints.append({"pose": pose, "radius": 0.01, "flags": 0x3})
        lines.append(orjson.dumps({"stream": "hand", "t": t, "active": True, "joints": joints}))
    return b"\n".join(lines)


@pytest.mark.parametrize("chunk_lines", [7, 32, 100_000])
def test_the_reference_is_the_first_second_whatever_the_chunks(chunk_lines):
    # Stretched from 1.2 s of 3 s: most frames are stretched, the first second is not.
    result = analyse(io.BytesIO(capture(3.0, 1.2)), chunk_lines=chunk_lines)
    [stats] = result.streams_of("hand")
    drifts = bone_drifts(stats)
    assert drifts is not None
    tip = drifts[-1]  # little_distal -> little_tip, the last bone
    assert tip.reference_m == pytest.approx(0.03)
    assert tip.worst_m == pytest.approx(STRETCH_M)
    assert tip.where is not None and tip.where["t"] >= 1.2e9
    assert max(d.worst_m for d in drifts[:-1]) < 1e-9


def test_a_stream_shorter_than_a_second_takes_all_its_frames():
    result = analyse(io.BytesIO(capture(0.5, 0.4)), chunk_lines=5)
    [stats] = result.streams_of("hand")
    drifts = bone_drifts(stats)
    assert drifts is not None and drifts[-1].reference_m == pytest.approx(0.03)
    assert drifts[-1].worst_m == pytest.approx(STRETCH_M)
