"""Force feedback (TD-FORCE-*): commands judged on columns, with or without every member."""

from __future__ import annotations

import io

import orjson

from conformance.areas.terminal import analyse
from conformance.areas.terminal.generate.device import descriptor, stream_specs


def _capture(frames: list[dict]) -> bytes:
    header = {"format": "mvx-capture", "version": "1.0", "device": descriptor("haptic_arm"),
              "streams": stream_specs("haptic_arm")}
    lines = [orjson.dumps(header)] + [orjson.dumps({"stream": "stylus", "t": 10**9 + k * 10**6, **f})
                                      for k, f in enumerate(frames)]
    return b"\n".join(lines) + b"\n"


def test_frames_without_a_member_are_not_judged_by_it_and_the_rest_are():
    frames = [{"force": {"x": 0, "y": 1.0, "z": 0}}, {"stiffness": 500.0}, {"force": {"x": 3.0, "y": 3.0, "z": 0}},
              {"torque": {"x": 0, "y": 0.2, "z": 0}}, {"stiffness": -1.0}, {}]
    log = analyse(io.BytesIO(_capture(frames))).log("force_range")
    # |(3, 3, 0)| = 4.24 N > 3.3; 0.2 N m > 0.15; -1 N/m
    assert [f.coordinates.get("frame") for f in log.detailed] == [2, 3, 4]
    assert "commanded force 4.243 N" in log.detailed[0].message


def test_a_curl_of_an_unknown_finger_or_beyond_1_is_a_finding():
    frames = [{"curl": {"index": 0.5}}, {"curl": {"index": 1.2}}, {"curl": {"pinky": 0.3}}, {"curl": {"thumb": -0.1}}]
    log = analyse(io.BytesIO(_capture(frames))).log("force_range")
    assert [f.coordinates.get("frame") for f in log.detailed] == [1, 2, 3]


def test_the_strongest_commanded_force_is_kept_for_the_standards_force():
    """TD-FORCE-002 holds the commanded force to the standard's 140 N too: the reader keeps the strongest
    command, where it was, across frames without a force (suites/terminal/test_force.py judges it)."""
    frames = [{"force": {"x": 0, "y": 1.0, "z": 0}}, {"stiffness": 500.0}, {"force": {"x": 3.0, "y": 4.0, "z": 0}},
              {"force": {"x": 0, "y": 2.0, "z": 0}}]
    (stylus,) = analyse(io.BytesIO(_capture(frames))).streams_of("force_feedback")
    assert stylus.strongest.value == 5.0 and stylus.strongest.where == {"line": 4, "t": 10**9 + 2 * 10**6}
    (bare,) = analyse(io.BytesIO(_capture([{"stiffness": 500.0}]))).streams_of("force_feedback")
    assert bare.strongest is None
