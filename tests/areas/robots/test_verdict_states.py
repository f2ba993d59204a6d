"""The robots checks give the verdicts their cases' lines name (issue 76, thirty-fifth reading, rows c1, c2, c6):
a missing description is inconclusive, not "not applicable" (c1); a recording in which no joint reports position
and velocity over 10 intervals is inconclusive (c2); the axis of every joint that uses one is judged, a
continuous joint without `<limit>` included, and a case with nothing to check is not applicable (c6)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest

from conformance import Inconclusive, NotApplicable
from conformance.areas.robots import urdf
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_robots", ROOT / "suites/robots/test_robots.py")
robots = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(robots)


class Files:
    """A target's files as the checks read them: parsed documents and a per-run cache."""

    def __init__(self, docs: list[tuple[str, object]]):
        self.derived: dict[str, object] = {}
        self._docs = docs

    def documents(self, parse=None, suffixes=()):
        return [SimpleNamespace(name=name, data=data) for name, data in self._docs]


class Evidence:
    def __init__(self):
        self.findings: list[object] = []

    @property
    def findings_count(self) -> int:
        return len(self.findings)

    def findings_from(self, found, file=None):
        self.findings.extend(found)

    def note(self, message, **data):
        pass


def _robot(joints: str) -> urdf.Robot:
    return urdf.parse(f'<robot name="r"><link name="a"/><link name="b"/>{joints}</robot>'.encode())


def _joint(kind: str, inner: str = "") -> str:
    return f'<joint name="j" type="{kind}"><parent link="a"/><child link="b"/>{inner}</joint>'


def test_a_missing_description_is_inconclusive():
    """c1: no `.urdf` among the description files was 不适用 (robots.no-description); 3.23 makes a required input
    missing 不确定, as the six cases' lines say."""
    with pytest.raises(Inconclusive):
        robots._robots(Files([]))


def test_no_joint_with_velocity_over_enough_intervals_is_inconclusive():
    """c2: RB-JOINT-003 gave 不适用 (robots.no-velocity) for a recording too short or without velocities although
    the ICS declares them; its 不确定 line now names the state."""
    targets = {"robot_description": Files([("r.urdf", _robot(_joint("revolute", '<limit effort="1" velocity="1"/>')))]),
               "joint_states": Files([])}
    targets["joint_states"].derived["recordings"] = [("s.jsonl", SimpleNamespace(series={}, findings=[]))]
    with pytest.raises(Inconclusive):
        robots.test_reported_velocities_agree_with_positions(targets, None, Evidence(),
                                                             SimpleNamespace(velocity_agreement=0.1))


@pytest.mark.parametrize("kind", ["continuous", "planar"])
def test_the_axis_of_a_joint_without_limit_is_judged(kind):
    """c6: the axis test was reached only for a joint with `<limit>` of a movable type: a continuous joint
    without `<limit>` (URDF makes it optional) or a planar joint passed with `<axis xyz="0 0 0"/>`."""
    found = list(urdf.limits(_robot(_joint(kind, '<axis xyz="0 0 0"/>'))))
    assert [f.rule for f in found] == ["R2"]


def test_a_fixed_joints_axis_is_not_judged():
    """The URDF joint element: fixed and floating joints do not use the axis (urdfdom reads none of theirs)."""
    assert list(urdf.limits(_robot(_joint("fixed", '<axis xyz="0 0 0"/>')))) == []


def test_only_fixed_joints_are_not_applicable_to_rb_urdf_002_and_003():
    """c6: RB-URDF-002's and -003's 不适用 lines named a state the checks never gave (they passed)."""
    targets = {"robot_description": Files([("r.urdf", _robot(_joint("fixed")))])}
    with pytest.raises(NotApplicable):
        robots.test_movable_joints_declare_limits(targets, Evidence())
    with pytest.raises(NotApplicable):
        robots.test_limits_and_inertias_are_physical(targets, Evidence())


def test_no_recorded_joint_with_declared_limits_is_not_applicable_to_rb_joint_002():
    """c6: RB-JOINT-002's 不适用 line (no joint state of a joint whose description declares limits) was never given."""
    targets = {"robot_description": Files([("r.urdf", _robot(_joint("continuous")))]), "joint_states": Files([])}
    targets["joint_states"].derived["recordings"] = [("s.jsonl", SimpleNamespace(series={"j": object()}, findings=[]))]
    with pytest.raises(NotApplicable):
        robots.test_joint_states_stay_within_limits(targets, None, Evidence(), SimpleNamespace(
            position_tolerance=0.01, velocity_margin=0.05, effort_margin=0.05))


@pytest.mark.parametrize("kinds", [("floating",), ("fixed", "floating")])
def test_only_fixed_or_floating_joints_are_not_applicable_to_rb_urdf_002(kinds):
    """Open rows of the thirty-fifth reading, part k3: RB-URDF-002 1.3.0 passed a description whose only joints
    besides fixed ones were floating (no limit and no axis to judge); its 不适用 line names this state."""
    joints = "".join(f'<joint name="j{i}" type="{kind}"><parent link="a"/><child link="{child}"/></joint>'
                     for i, (kind, child) in enumerate(zip(kinds, ("b", "c")[:len(kinds)], strict=True)))
    robot = urdf.parse(f'<robot name="r"><link name="a"/><link name="b"/><link name="c"/>{joints}</robot>'.encode())
    with pytest.raises(NotApplicable):
        robots.test_movable_joints_declare_limits({"robot_description": Files([("r.urdf", robot)])}, Evidence())


def test_a_planar_joint_is_judged_by_rb_urdf_002():
    """A planar joint uses an axis (R2): a description of it alone is judged, not not applicable."""
    targets = {"robot_description": Files([("r.urdf", _robot(_joint("planar", '<axis xyz="0 0 1"/>')))])}
    robots.test_movable_joints_declare_limits(targets, Evidence())


@pytest.mark.parametrize("body", [b"", b"\n  \n"])
def test_a_recording_holding_no_message_is_inconclusive(body):
    """Issue 76, thirty-sixth reading c4: RB-JOINT-001 passed a recording holding no message (empty, or blank lines
    only), R1 to R5 judged on nothing; the recording is the profile's required input (3.23), so it is 不确定."""
    from conformance.areas.robots import jointstates

    reading = jointstates.read(jointstates.parse(body), lambda record: [])
    assert reading.messages == 0 and not reading.findings
    targets = {"robot_description": Files([("r.urdf", _robot(_joint("revolute", '<limit effort="1" velocity="1"/>')))]),
               "joint_states": Files([])}
    targets["joint_states"].derived["recordings"] = [("s.jsonl", reading)]
    with pytest.raises(Inconclusive):
        robots.test_joint_states_report_the_robots_joints(targets, None, Evidence())
