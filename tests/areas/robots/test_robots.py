"""The robots area's readers and checks on inputs the known-bad cases do not cover: hostile
XML, cycles, point masses, rounding noise, wrapping joints and arbitrary bytes."""

from __future__ import annotations

import contextlib
import functools
import math

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance import NonConformance
from conformance._catalog.schemas import SchemaRegistry
from conformance.areas.robots import jointstates, urdf
from tests.paths import ROOT


def _robot(joints: str, links: str = "a b c") -> urdf.Robot:
    body = "".join(f'<link name="{n}"/>' for n in links.split()) + joints
    return urdf.parse(f'<robot name="r">{body}</robot>'.encode())


def _joint(name: str, parent: str, child: str, kind: str = "fixed") -> str:
    return f'<joint name="{name}" type="{kind}"><parent link="{parent}"/><child link="{child}"/></joint>'


def _rules(findings) -> list[str | None]:
    return [f.rule for f in findings]


def test_entity_expansion_is_refused_not_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            b'<robot name="&b;"/>')
    with pytest.raises(NonConformance) as raised:
        urdf.parse(bomb, what="bomb.urdf")
    assert raised.value.evidence.get("rule") == "R1"


def test_external_entity_is_refused():
    with pytest.raises(NonConformance):
        urdf.parse(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><robot name="&x;"/>')


def test_a_cycle_of_joints_is_found():
    robot = _robot(_joint("j1", "a", "b") + _joint("j2", "c", "b"))
    assert set(_rules(urdf.tree(robot))) == {"R4"}  # b has two parents (and c is a second root)
    looped = _robot(_joint("j1", "b", "c") + _joint("j2", "c", "b"))
    messages = [f.message.text()["key"] for f in urdf.tree(looped)]
    assert messages == ["robots.cycle"]


def test_tree_is_left_to_r3_when_a_joint_names_an_unknown_link():
    robot = _robot(_joint("j1", "a", "b") + _joint("j2", "nowhere", "c"))
    assert list(urdf.tree(robot)) == []
    assert _rules(urdf.connections(robot)) == ["R3"]


def test_a_single_link_robot_is_one_tree():
    assert list(urdf.tree(_robot("", links="base"))) == []


def _inertial(mass: str, ixx: str, iyy: str, izz: str, ixy: str = "0") -> urdf.Robot:
    return urdf.parse(f'<robot name="r"><link name="a"><inertial><mass value="{mass}"/><inertia ixx="{ixx}" '
                      f'ixy="{ixy}" ixz="0" iyy="{iyy}" iyz="0" izz="{izz}"/></inertial></link></robot>'.encode())


@pytest.mark.parametrize(("mass", "moments", "ixy", "rules"), [
    ("1", ("0.1", "0.1", "0.1"), "0", []),
    ("1", ("0", "0", "0"), "0", []),  # a point mass
    ("1", ("0", "0", "0"), "2.4e-35", []),  # exporter noise under the floor
    ("1", ("0.1", "0.1", "0.2"), "0", []),  # a flat plate: the triangle's equality
    ("1", ("0.01", "0.01", "0.3"), "0", ["R3"]),
    ("1", ("-0.1", "0.1", "0.1"), "0", ["R3"]),
    ("0", ("0.1", "0.1", "0.1"), "0", ["R2"]),
    ("1", ("0.1", "nan", "0.1"), "0", ["R3"]),
])
def test_inertia_conditions(mass, moments, ixy, rules):
    assert _rules(urdf.inertials(_inertial(mass, *moments, ixy=ixy))) == rules


def test_limits_of_a_locked_joint_pass_and_an_inverted_range_is_a_should():
    locked = _robot('<joint name="j" type="revolute"><parent link="a"/><child link="b"/>'
                    '<limit lower="0" upper="0" effort="1" velocity="1"/></joint>')
    assert list(urdf.limits(locked)) == [] and list(urdf.ranges(locked)) == []
    inverted = _robot('<joint name="j" type="prismatic"><parent link="a"/><child link="b"/>'
                      '<limit lower="1" upper="0" effort="1" velocity="1"/></joint>')
    # urdfdom loads it and the URDF specification orders neither limit: no RB-URDF-002 finding
    assert _rules(urdf.limits(inverted)) == []
    assert _rules(urdf.ranges(inverted)) == ["R4"]  # RB-URDF-003 R4 (a SHOULD)
    # upper omitted defaults to 0, so lower 1 is inverted too
    implicit = _robot('<joint name="j" type="revolute"><parent link="a"/><child link="b"/>'
                      '<limit lower="1" effort="1" velocity="1"/></joint>')
    assert _rules(urdf.ranges(implicit)) == ["R4"]


def _message(t: float, position: float, velocity: float, name: str = "wheel") -> dict:
    return {"header": {"stamp": {"sec": int(t), "nanosec": round((t % 1) * 1e9)}}, "name": [name],
            "position": [position], "velocity": [velocity]}


def _series(records: list) -> dict:
    body = b"\n".join(orjson.dumps(record) for _, record in records)
    return jointstates.read(jointstates.parse(body), lambda record: []).series


def test_a_continuous_joint_that_wraps_at_pi_agrees_with_its_velocity():
    speed = 3.0
    records = []
    for step in range(100):
        t = step / 50
        angle = math.remainder(speed * t, 2 * math.pi)  # wraps at ±π as some drivers report it
        records.append((step + 1, _message(t, angle, speed)))
    joints = _series(records)
    robot = _robot('<joint name="wheel" type="continuous"><parent link="a"/><child link="b"/></joint>')
    assert jointstates.velocity_agreement(joints, {j.name: j for j in robot.joints}, 0.1) == ([], 1, [])
    stale = _series([(n, {**r, "velocity": [0.0]}) for n, r in records])
    findings, _, _ = jointstates.velocity_agreement(stale, {j.name: j for j in robot.joints}, 0.1)
    assert len(findings) == 1


def test_too_few_intervals_are_not_judged():
    records = [(n, _message(n / 10, n / 10, 1.0)) for n in range(5)]
    assert jointstates.velocity_agreement(_series(records), {}, 0.1) == ([], 0, [])


def test_stamps_that_do_not_increase_leave_the_joint_unjudged_not_passed():
    """RB-JOINT-003 1.1: a joint with enough samples whose stamps repeat or go back has no change
    per second to compare; it is named as not judged (the test makes that inconclusive)."""
    records = [(n, _message(n / 10, n / 10, 1.0)) for n in range(20)]
    records[5] = (6, _message(0.4, 0.5, 1.0))  # the stamp of the message before
    assert jointstates.velocity_agreement(_series(records), {}, 0.1) == ([], 0, ["wheel"])


@functools.cache
def _schemas() -> SchemaRegistry:
    """The shipped schemas, meta-checked once, when the property first needs them (not at
    import: every xdist worker imports this module to collect it, most never run it)."""
    return SchemaRegistry.from_directory(ROOT / "schemas")


@given(st.binary(max_size=400) | st.lists(st.sampled_from([
    b'{"header":{"stamp":{"sec":1,"nanosec":0}},"name":["a"],"position":[1]}', b'{"name":5}', b"[]", b"{",
    b'{"header":{"stamp":{"secs":2,"nsecs":0}},"name":["a","a"],"velocity":[1,2]}', b"\xff\xfe"]),
    max_size=6).map(b"\n".join))
@settings(deadline=None)  # the first examples compile the schema's validators
def test_any_bytes_are_judged_without_crashing(body):
    reading = jointstates.read(jointstates.parse(body), lambda record: _schemas().findings(record, jointstates.SCHEMA))
    assert all(f.rule in ("R1", "R2", "R3", "R5") for f in reading.findings)
    assert reading.messages <= body.count(b"\n") + 1
    with contextlib.suppress(NonConformance):
        urdf.parse(body)


@pytest.mark.parametrize("lag", [0.0, 0.06, 0.25])
def test_lag_is_found_within_one_interval_under_noise(lag):
    import numpy as np

    from conformance.areas.robots import tracking

    rng = np.random.default_rng(7)
    t = np.arange(0, 8, 0.02) + rng.uniform(-0.002, 0.002, 400)  # jittered stamps
    command = np.sin(2 * np.pi * 0.3 * t) + 0.4 * np.sin(2 * np.pi * 0.7 * t)
    measured = np.sin(2 * np.pi * 0.3 * (t - lag)) + 0.4 * np.sin(2 * np.pi * 0.7 * (t - lag))
    measured += rng.normal(0, 0.002, t.size)
    assert abs(tracking.lag_seconds(np.sort(t), command, measured) - lag) <= 0.021


def test_a_command_that_does_not_move_gives_no_lag():
    import numpy as np

    from conformance.areas.robots import tracking

    t = np.arange(0, 2, 0.02)
    assert tracking.lag_seconds(t, np.full(t.size, 0.3), np.full(t.size, 0.31)) is None


def test_findings_of_one_kind_are_capped_with_a_count():
    body = b"\n".join([b"{"] * 100)
    reading = jointstates.read(jointstates.parse(body), lambda record: [])
    assert len(reading.findings) == jointstates.SHOWN + 1
    assert reading.findings[-1].message.text()["args"]["count"] == 100 - jointstates.SHOWN


def test_a_recording_whose_stamps_repeat_leaves_the_velocity_requirement_inconclusive(catalog, run_manifest,
                                                                                       tmp_path):
    """RB-JOINT-003 1.1: the reference's recording with one message's stamp repeated (every joint of
    it unjudged) is inconclusive naming a joint, where it was not applicable; RB-JOINT-001 fails it."""
    from tests.conftest import SAMPLES, manifest_for, verdicts

    lines = (SAMPLES / "joint_states" / "greeter-session.jsonl").read_bytes().splitlines()
    previous = orjson.loads(lines[9])
    repeated = {**orjson.loads(lines[10]), "header": previous["header"]}
    lines[10] = orjson.dumps(repeated)
    recording = tmp_path / "greeter-session.jsonl"
    recording.write_bytes(b"\n".join(lines) + b"\n")
    result = run_manifest(manifest_for(catalog, "robot-joint-data", files={"joint_states": [str(recording)]}),
                          requirements=["RB-JOINT-001", "RB-JOINT-003"])
    assert verdicts(result) == {"RB-JOINT-001": "fail", "RB-JOINT-003": "inconclusive"}
    record = next(r for r in result.report.requirements if r.requirement == "RB-JOINT-003")
    assert "greeter-session.jsonl: " in record.message and "do not increase" in record.message


def test_a_controller_recording_whose_stamps_repeat_leaves_tracking_inconclusive(catalog, run_manifest, tmp_path):
    """RB-TRACK-001 1.2: with one message's stamp repeated, no joint's lag can be taken (R3 not
    judged): inconclusive naming a joint, where the error alone (R2) let it pass."""
    from tests.conftest import SAMPLES, manifest_for, verdicts

    lines = (SAMPLES / "controller_states" / "greeter-controller.jsonl").read_bytes().splitlines()
    lines[10] = orjson.dumps({**orjson.loads(lines[10]), "header": orjson.loads(lines[9])["header"]})
    recording = tmp_path / "greeter-controller.jsonl"
    recording.write_bytes(b"\n".join(lines) + b"\n")
    result = run_manifest(manifest_for(catalog, "robot-joint-data", files={"controller_states": [str(recording)]}),
                          requirements=["RB-TRACK-001"])
    assert verdicts(result) == {"RB-TRACK-001": "inconclusive"}
    assert "greeter-controller.jsonl: " in result.report.requirements[0].message


def _generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location("robots_fixtures_generate",
                                                  ROOT / "suites" / "robots" / "fixtures" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_test_motion_follows_the_described_limits():
    """RB-TRACK-001 1.3: the motion is the catalog's, from the joint's range and velocity limit."""
    from conformance.areas.robots import tracking

    fast = tracking.standard_motion("revolute", -1.0, 1.0, 100.0)  # the range caps the amplitude
    slow = tracking.standard_motion("revolute", -1.0, 1.0, 0.5)  # the speed does
    assert fast is not None and slow is not None
    assert (fast.centre, fast.amplitude) == (0.0, 0.5)
    assert slow.amplitude == pytest.approx(0.5 * 0.5 / (2 * math.pi * tracking.MOTION_HZ))
    assert tracking.standard_motion("continuous", None, None, 1.0).centre is None
    assert [tracking.standard_motion(*args) for args in (("fixed", None, None, None), ("revolute", 0.0, 1.0, 0.0),
                                                          ("prismatic", None, None, 1.0))] == [None, None, None]
    assert fast.seconds == tracking.MOTION_CYCLES / tracking.MOTION_HZ


def test_a_command_that_is_not_the_test_motion_is_named():
    from conformance.areas.robots import tracking

    motion = tracking.standard_motion("revolute", -1.0, 1.0, 1.0)
    assert motion is not None
    t = [i / 25 for i in range(int(25 * motion.seconds) + 1)]
    own = tracking.Track(t=t, commanded=[motion.position(x + 0.37) for x in t])  # any phase
    assert tracking.off_motion(own, motion) is None
    bigger = tracking.Track(t=t, commanded=[1.2 * motion.position(x) for x in t])
    assert tracking.off_motion(bigger, motion).key == "robots.motion-other"
    short = tracking.Track(t=t[: len(t) // 2], commanded=[motion.position(x) for x in t[: len(t) // 2]])
    assert tracking.off_motion(short, motion).key == "robots.motion-short"


@pytest.mark.parametrize(("recording", "verdict", "words"), [
    ({"other_motion": True}, "inconclusive", "did not run RB-TRACK-001's test motion"),
    ({"lagging": {"torso_lift": 0.3}}, "fail", "lags its command"),
    ({}, "pass", ""),
])
def test_tracking_is_judged_on_the_test_motion_only(catalog, run_manifest, tmp_path, recording, verdict, words):
    """RB-TRACK-001 1.3: a capture of another motion (the joint-state sample's, which any
    programme could have named until 1.2, and whose error and lag are within the limits) is
    inconclusive naming the joint, not judged on it; a robot that lags on the test motion fails."""
    from tests.conftest import manifest_for, verdicts

    generate = _generator()
    path = tmp_path / "greeter-controller.jsonl"
    path.write_text(generate.jsonl(generate.controller_states(**recording)), encoding="utf-8")
    result = run_manifest(manifest_for(catalog, "robot-joint-data", files={"controller_states": [str(path)]}),
                          requirements=["RB-TRACK-001"])
    assert verdicts(result) == {"RB-TRACK-001": verdict}
    record = result.report.requirements[0]
    assert words in record.message + " ".join(str(f) for f in getattr(record, "findings", []))


def test_tracking_without_a_description_is_inconclusive(catalog, run_manifest):
    """RB-TRACK-001 1.3: the test motion follows the described limits, so without a description no
    command can be judged against it: inconclusive, not "not applicable"."""
    from tests.conftest import SAMPLES, manifest_for, verdicts

    recording = str(SAMPLES / "controller_states" / "greeter-controller.jsonl")
    result = run_manifest(manifest_for(catalog, "robot-joint-data", files={"robot_description": [recording]}),
                          requirements=["RB-TRACK-001"])
    assert verdicts(result) == {"RB-TRACK-001": "inconclusive"}
    assert "no robot description (.urdf)" in result.report.requirements[0].message


@pytest.mark.parametrize(("case", "rule"), [("tracker-offset", "R2"), ("tracker-lag", "R3"), ("tracker-overshoot", "R4"),
                                            ("tracker-drift", "R5"), ("tracker-velocity-sign", "R6"),
                                            ("tracker-sensor-offset", "R7"), (None, None)])
def test_tracker_faults_fail_exactly_their_rule(case, rule):
    # RB-TRACK-002: the reference capture passes every rule; each planted fault fails only its own
    from conformance.areas._shared.uncertainty import DecisionRule
    from conformance.areas.robots import jointstates, tracker, tracking, urdf

    samples, fixtures = ROOT / "src/conformance/reference/samples", ROOT / "suites/robots/fixtures"
    robot = urdf.parse((samples / "robot_description/greeter.urdf").read_bytes())
    motions = {j.name: tracking.standard_motion(j.type, *((None, None, None) if j.limit is None else
                                                          (j.limit.lower, j.limit.upper, j.limit.velocity)))
               for j in robot.joints}
    units = {j.name: "m" if j.type == "prismatic" else "rad" for j in robot.joints}
    folder = fixtures / case if case else samples
    states = folder / "greeter-controller.jsonl" if case else samples / "controller_states/greeter-controller.jsonl"
    frames = folder / "greeter-mocap.jsonl" if case else samples / "tracker_captures/greeter-mocap.jsonl"
    _, tracks = tracking.tracks(jointstates.parse(states.read_bytes()), lambda r: [])
    kept, off = tracking.on_motion(tracks, motions)
    found, capture = tracker.read(jointstates.parse(frames.read_bytes()), _schemas().findings)
    judged = tracker.judge(kept, capture, motions, units, tracker.Limits(0.05, 100, 0.1), DecisionRule("guarded"))
    assert not off and not found and judged.joints == 7 and not judged.unjudged
    assert [f.rule for f in judged.findings] == ([rule] if rule else [])


def test_a_joint_whose_command_barely_moves_leaves_its_lag_unjudged_not_passed():
    """RB-TRACK-001 1.6.0 (fifty-sixth reading, cx1): a joint commanded through less than 0.01 rad peak to peak gives
    no lag; the check names it unjudged (the test makes that inconclusive) where R3 passed it silently."""
    import numpy as np

    from conformance.areas.robots import tracking

    t = np.arange(0, 6, 0.05)
    still = 0.004 * np.sin(2 * np.pi * 0.5 * t)  # 0.008 rad peak to peak
    track = tracking.Track(t=list(t), commanded=list(still), measured=list(still), lines=list(range(t.size)))
    findings, judged, unjudged = tracking.judge({"wrist": track}, 0.05, 100)
    assert (findings, judged, unjudged) == ([], 1, ["wrist"])
