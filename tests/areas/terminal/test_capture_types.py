"""Per-type capture checks: hands, eye gaze, volume, face, haptics, olfactory, platform, body."""

from __future__ import annotations

import io
import json
from typing import Any

import orjson
import pytest

from conformance.areas.terminal import analyse
from conformance.areas.terminal.body import REQUIRED_BONES
from conformance.areas.terminal.generate.device import PLATFORM_LIMITS

UNIT = {"orientation": {"x": 0, "y": 0, "z": 0, "w": 1}, "position": {"x": 0, "y": 1.2, "z": 0}}
OFFERS = [{"type": t} for t in ("pose", "hand", "eye_gaze", "face", "body")] + [
    {"type": "haptic", "max_frequency_hz": 300, "max_duration_ns": 1_000_000_000},
    {"type": "olfactory", "scents": ["pine"], "max_duration_ns": 5_000_000_000},
    {"type": "motion_platform", "limits": PLATFORM_LIMITS},
]
DEVICE = {"class": "other", "vendor": "V", "model": "M", "firmware": "1", "offers": OFFERS,
          "system": {"name": "S", "tracking": {"orientation": True, "position": True, "volume": {
              "min": {"x": -1, "y": 0, "z": -1}, "max": {"x": 1, "y": 2, "z": 1}}}}}
STREAMS = [{"id": "head", "type": "pose", "rate_hz": 90, "space": "stage"},
           {"id": "view", "type": "pose", "rate_hz": 90, "space": "view"},
           {"id": "hand", "type": "hand", "rate_hz": 30, "space": "stage"},
           {"id": "gaze", "type": "eye_gaze", "rate_hz": 60, "space": "stage"},
           {"id": "face", "type": "face", "rate_hz": 30},
           {"id": "buzz", "type": "haptic"}, {"id": "smell", "type": "olfactory"},
           {"id": "seat", "type": "motion_platform", "rate_hz": 100}, {"id": "body", "type": "body", "rate_hz": 60},
           {"id": "seat_measured", "type": "motion_platform", "rate_hz": 100,
            "measured_by": {"kind": "imu", "calibration": "against a laser tracker"}}]


def run(stream: str, *payloads: dict[str, Any]):
    header = {"format": "mvx-capture", "version": "1.0", "device": DEVICE, "streams": STREAMS}
    lines = [orjson.dumps(header)] + [orjson.dumps({"stream": stream, "t": i + 1, **p}) for i, p in enumerate(payloads)]
    return analyse(io.BytesIO(b"\n".join(lines)))


def issues(result, rule: str) -> list[tuple[int | None, str | None]]:
    return [(i.coordinates.get("frame"), i.pointer) for i in result.log(rule).detailed]


def hand(active: bool, flags: int = 0x3, radius: float = 0.01, **joint: Any) -> dict[str, Any]:
    joints = [{"pose": UNIT, "radius": radius, "flags": flags} for _ in range(26)]
    for index, value in joint.items():
        joints[int(index[1:])] = {**joints[int(index[1:])], **value}
    return {"active": active, "joints": joints}


def test_hand_joint_validity_follows_activity_and_radius():
    result = run("hand", hand(True), hand(False, flags=0), hand(True, j7={"flags": 0x1}),
                 hand(False, flags=0, j3={"flags": 0x2}), hand(True, j25={"radius": 0.0}), hand(False, flags=0x1))
    assert issues(result, "hand_valid")[:3] == [(2, "/joints/7/flags"), (3, "/joints/3/flags"), (5, "/joints/0/flags")]
    assert result.log("hand_valid").total == 2 + 26
    # TD-HAND-003 apart: the radius of a joint with a valid position
    assert issues(result, "hand_radius")[:1] == [(4, "/joints/25/radius")]
    assert result.log("hand_radius").total == 1


def test_a_hand_needs_26_joints():
    result = run("hand", hand(True), {"active": True, "joints": hand(True)["joints"][:21]})
    assert [(i.coordinates.get("frame"), i.pointer) for i in result.log("structure").detailed] == [(1, "/joints")]


def test_eye_gaze_tracked_bits_go_together():
    result = run("gaze", *({"pose": UNIT, "flags": f} for f in (0xF, 0x3, 0x7, 0xB, 0x0)))
    assert issues(result, "gaze_flags") == [(2, "/flags"), (3, "/flags")]


def test_positions_outside_the_volume_count_only_when_valid_and_in_stage_space():
    far = {"orientation": UNIT["orientation"], "position": {"x": 0, "y": 3.5, "z": 0}}
    result = run("head", {"pose": far, "flags": 0x3}, {"pose": far, "flags": 0x1}, {"pose": UNIT})
    assert issues(result, "volume") == [(0, "/pose/position")]
    assert run("view", {"pose": far}).log("volume").total == 0


@pytest.mark.parametrize(("face_set", "count"), [("fb2_70", 70), ("htc_eye14_lip37", 51), ("arkit52", 52)])
def test_face_weight_counts_follow_the_set(face_set, count):
    good = {"valid": True, "weights": [0.5] * count, "set": face_set}
    result = run("face", good, {**good, "weights": [0.5] * (count - 1)})
    assert issues(result, "face_count") == [(1, "/weights")]


def test_face_weights_in_range_and_zero_when_not_valid():
    weights = [0.0] * 52
    result = run("face", {"valid": True, "weights": [*weights[:3], 1.2, *weights[4:]], "set": "arkit52"},
                 {"valid": False, "weights": weights, "set": "arkit52"},
                 {"valid": False, "weights": [*weights[:9], 0.1, *weights[10:]], "set": "arkit52"},
                 {"valid": True, "weights": [-0.1, *weights[1:]], "set": "arkit52"})
    assert issues(result, "face_weights") == [(0, "/weights/3"), (3, "/weights/0")]
    assert issues(result, "face_invalid") == [(2, "/weights/9")]


def test_haptic_vibrations_follow_xrhapticvibration_and_the_offer():
    def pulse(d: int = 10_000_000, f: float = 0.0, a: float = 0.5) -> dict[str, Any]:
        return {"duration_ns": d, "frequency_hz": f, "amplitude": a}

    result = run("buzz", pulse(-1), pulse(-2), pulse(f=-5), pulse(a=1.01), pulse(f=400), pulse(d=2_000_000_000))
    assert issues(result, "haptic") == [(1, "/duration_ns"), (2, "/frequency_hz"), (3, "/amplitude")]
    assert issues(result, "haptic_offer") == [(4, "/frequency_hz"), (5, "/duration_ns")]


def test_olfactory_output_in_range_with_declared_scents():
    def puff(scent: str = "pine", i: float = 0.5, d: int = 1) -> dict[str, Any]:
        return {"scent": scent, "intensity": i, "duration_ns": d}

    result = run("smell", puff(), puff(i=1.5), puff(d=-1), puff("tar"), puff(d=6_000_000_000))
    assert issues(result, "olfactory") == [(1, "/intensity"), (2, "/duration_ns")]
    assert issues(result, "olfactory_offer") == [(3, "/scent"), (4, "/duration_ns")]


def test_motion_platform_measured_within_its_rated_envelope():
    """TD-MPLAT-001 2.0: a stream an instrument on the moving base measured is held to the offer's limits;
    the platform's own report (no measured_by) is not judged, whatever it holds."""
    still = dict.fromkeys(("surge", "sway", "heave", "roll", "pitch", "yaw"), 0.0)
    frames = ({"displacement": still, "velocity": still},
              {"displacement": {**still, "heave": -0.2}, "velocity": still},
              {"displacement": still, "velocity": {**still, "yaw": 2.0}})
    result = run("seat_measured", *frames)
    assert issues(result, "motion_platform") == [(1, "/displacement/heave"), (2, "/velocity/yaw")]
    assert [i.rule for i in result.log("motion_platform").detailed] == ["R1", "R2"]
    assert issues(run("seat", *frames), "motion_platform") == []


def test_body_bones_are_vrm_humanoid_and_complete():
    bones = dict.fromkeys(REQUIRED_BONES, UNIT)
    unnormal = {"orientation": {"x": 0, "y": 0, "z": 0, "w": 0.5}, "position": UNIT["position"]}
    result = run("body", {"bones": bones}, {"bones": {**bones, "tail": UNIT}},
                 {"bones": {k: v for k, v in bones.items() if k != "spine"}},
                 {"bones": {**bones, "chest": unnormal}})
    assert issues(result, "body") == [(1, "/bones/tail")]
    assert issues(result, "body_required") == [(2, "/bones")]
    assert issues(result, "norm") == [(3, "/bones/chest/orientation")]


HOSTILE_DEVICE = {"class": "other", "vendor": "V", "model": "M", "firmware": "1",
                  "offers": [{"type": "pose"}, {"type": "haptic", "max_duration_ns": 2**70, "max_frequency_hz": True},
                             {"type": "olfactory", "scents": [1, [2]], "max_duration_ns": -5},
                             {"type": "motion_platform", "limits": {"displacement": {"surge": "x"}, "velocity": []}}],
                  "system": {"tracking": {"volume": {"min": {"x": "a"}, "max": 5}}}}
AXES = ("surge", "sway", "heave", "roll", "pitch", "yaw")


@pytest.mark.parametrize(("stream", "frames"), [
    ({"id": "s", "type": "pose", "rate_hz": 1e308, "space": "stage"}, [{"t": i, "pose": UNIT} for i in range(5)]),
    ({"id": "s", "type": "pose", "rate_hz": 1e-300}, [{"t": i * 10**18, "pose": UNIT} for i in range(5)]),
    ({"id": "s", "type": "pose"}, [{"t": 1, "pose": UNIT, "flags": 2**64}, {"t": 2**64, "pose": UNIT}]),
    ({"id": "s", "type": "haptic"}, [{"t": 1, "duration_ns": 2**64, "frequency_hz": 1e308, "amplitude": -0.0}]),
    ({"id": "s", "type": "olfactory"}, [{"t": 1, "scent": "a", "intensity": 0.5, "duration_ns": 2**64}]),
    ({"id": "s", "type": "motion_platform"}, [{"t": 1, "displacement": dict.fromkeys(AXES, 1e308),
                                                "velocity": dict.fromkeys(AXES, 0)}]),
    ({"id": "s", "type": "face"}, [{"t": 1, "valid": True, "weights": [], "set": "arkit52"}]),
    ({"id": "s", "type": "body"}, [{"t": 1, "bones": {}}]),
    ({"id": "s", "type": "hand"}, [{"t": 1, "active": True,
                                    "joints": [{"pose": UNIT, "radius": -1, "flags": -3}] * 26}]),
    ({"id": "s", "type": None}, [{"t": 1}]),
])
def test_hostile_captures_are_judged_never_crashed_on(stream, frames):
    header = {"format": "mvx-capture", "version": "1.0", "device": HOSTILE_DEVICE, "streams": [stream, "junk"]}
    lines = [json.dumps(value).encode() for value in (header, *({"stream": "s", **f} for f in frames))]
    result = analyse(io.BytesIO(b"\n".join(lines)))
    assert result.streams["s"].frames >= len(frames) - 1
