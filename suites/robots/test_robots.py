"""Service and humanoid robots: their URDF descriptions and the joint states they export
(ROS sensor_msgs/JointState messages as JSON Lines), judged against each other."""

from __future__ import annotations

from typing import Any

import pytest

from conformance import Catalog, Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.uncertainty import DecisionRule
from conformance.areas.robots import jointstates, tracker, tracking, urdf


def _robots(files: Any) -> list[tuple[str, urdf.Robot]]:
    """Every description parsed once a run (several tests read them); one that does not parse
    is a finding of the test that reads it."""
    parsed = files.derived.get("robots")
    if parsed is None:
        parsed = files.derived["robots"] = [(doc.name, doc.data) for doc in
                                            files.documents(parse=urdf.parse, suffixes=(".urdf",))]
    if not parsed:  # the required input missing (or none parses): inconclusive (3.23), not "none to check"
        raise Inconclusive(msg("robots.no-description"))
    return parsed


def _joints(targets: Any) -> dict[str, urdf.Joint]:
    """The described joints by name, the first description that names a joint defining it."""
    joints: dict[str, urdf.Joint] = {}
    for _, robot in _robots(targets["robot_description"]):
        for joint in robot.joints:
            joints.setdefault(joint.name, joint)
    return joints


def _limits(joint: urdf.Joint) -> tuple[float | None, float | None, float | None]:
    """The joint's described lower and upper position and velocity limit (None where unstated)."""
    limit = joint.limit
    return (None, None, None) if limit is None else (limit.lower, limit.upper, limit.velocity)


def _recordings(targets: Any, schemas: Any, evidence: Any, report: bool = False) -> list[tuple[str, Any]]:
    """Each recording's joint series, read once a run. With ``report`` (RB-JOINT-001), the
    findings of the recordings' form (R1 to R3) and order (R5) go to the test's evidence; the
    other tests judge the messages fit to judge."""
    files = targets["joint_states"]
    read = files.derived.get("recordings")
    if read is None:
        read = files.derived["recordings"] = [
            (doc.name, jointstates.read(doc.data, lambda r: schemas.findings(r, jointstates.SCHEMA)))
            for doc in files.documents(parse=jointstates.parse, suffixes=(".jsonl",))]
    if not read:  # the profile's required input missing: inconclusive (3.23; twenty-first reading), not "none to check"
        raise Inconclusive(msg("robots.no-recording"))
    if report:
        for name, reading in read:
            evidence.findings_from(reading.findings, file=name)
        if not evidence.findings_count and not sum(r.messages for _, r in read):
            # recordings holding no message (empty, blank lines only): R1 to R5 would pass on nothing, and the
            # recording is the profile's required input: inconclusive (3.23, 3.24), as RB-JOINT-003 is
            raise Inconclusive(msg("robots.recordings-empty", files=len(read)))
        evidence.note(msg("robots.recordings-checked", files=len(read), messages=sum(r.messages for _, r in read),
                          joints=len({j for _, r in read for j in r.series})))
    return [(name, reading.series) for name, reading in read]


@pytest.mark.requirement("RB-URDF-001")
def test_robot_description_is_one_tree(targets: Targets, evidence: Evidence):
    robots = _robots(targets["robot_description"])
    for name, robot in robots:
        for check in (urdf.names, urdf.connections, urdf.tree, urdf.numbers):
            evidence.findings_from(check(robot), file=name)
    evidence.note(msg("robots.descriptions-checked", count=len(robots),
                      links=sum(len(r.links) for _, r in robots), joints=sum(len(r.joints) for _, r in robots)))


@pytest.mark.requirement("RB-URDF-002")
def test_movable_joints_declare_limits(targets: Targets, evidence: Evidence):
    robots = _robots(targets["robot_description"])
    for name, robot in robots:
        evidence.findings_from(urdf.limits(robot), file=name)
    if not evidence.findings_count and not any(j.type not in urdf.UNJUDGED for _, r in robots for j in r.joints):
        raise NotApplicable(msg("robots.no-movable-joint"))


@pytest.mark.requirement("RB-URDF-003")
def test_limits_and_inertias_are_physical(targets: Targets, evidence: Evidence):
    robots = _robots(targets["robot_description"])
    for name, robot in robots:
        evidence.findings_from(urdf.positive_limits(robot), file=name)
        evidence.findings_from(urdf.ranges(robot), file=name)
        evidence.findings_from(urdf.inertials(robot), file=name)
    if not evidence.findings_count and not any(j.type in urdf.MOVABLE for _, r in robots for j in r.joints) \
            and not any(link.has_inertial for _, r in robots for link in r.links):
        raise NotApplicable(msg("robots.no-movable-joint-or-inertial"))
    evidence.note(msg("robots.inertials-checked", count=sum(link.has_inertial for _, r in robots for link in r.links)))


@pytest.mark.requirement("RB-JOINT-001")
def test_joint_states_report_the_robots_joints(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    joints = _joints(targets)
    for name, series in _recordings(targets, schemas, evidence, report=True):
        evidence.findings_from(jointstates.unknown(series, joints), file=name)


@pytest.mark.requirement("RB-JOINT-002")
def test_joint_states_stay_within_limits(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                         params: Parameters):
    joints = _joints(targets)
    recordings = _recordings(targets, schemas, evidence)
    if not any(series for _, series in recordings):
        # no message fit to judge (empty recordings, or only messages RB-JOINT-001 fails): the required input gives
        # nothing, inconclusive as in RB-JOINT-001/-003 (thirty-ninth reading, c17), not "nothing to judge"
        raise Inconclusive(msg("robots.recordings-unusable", files=len(recordings)))
    if not any(joint in joints and joints[joint].limit is not None for _, series in recordings for joint in series):
        raise NotApplicable(msg("robots.no-limited-joint-state"))  # its 不适用 line's state: nothing to judge
    for name, series in recordings:
        evidence.findings_from(jointstates.within_limits(series, joints, params.position_tolerance,
                                                         params.velocity_margin, params.effort_margin), file=name)


@pytest.mark.requirement("RB-JOINT-003")
def test_reported_velocities_agree_with_positions(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                                  params: Parameters):
    joints = _joints(targets)
    judged = 0
    unjudged: list[str] = []  # "file: joint" whose stamps do not increase (RB-JOINT-001 R5's finding)
    for name, series in _recordings(targets, schemas, evidence):
        findings, count, skipped = jointstates.velocity_agreement(series, joints, params.velocity_agreement)
        evidence.findings_from(findings, file=name)
        judged += count
        unjudged.extend(f"{name}: {joint}" for joint in skipped)
    if unjudged and not evidence.findings_count:  # a joint not judged is no pass of it
        raise Inconclusive(msg("robots.velocity-unjudged", count=len(unjudged), first=unjudged[0]))
    if judged == 0:  # declared but too short or without velocities: no item judged is no pass (3.23)
        raise Inconclusive(msg("robots.no-velocity", count=jointstates.MIN_INTERVALS))
    evidence.note(msg("robots.velocities-checked", count=judged))


@pytest.mark.requirement("RB-TRACK-001")
def test_robot_follows_commanded_motion(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                        params: Parameters):
    if "controller_states" not in targets:
        raise Inconclusive(msg("robots.no-controller-states"))
    files = targets["controller_states"]
    # the command is the catalog's test motion, from each joint's described range and velocity limit:
    # without a description no command can be told to be it (inconclusive, not "not applicable")
    try:
        described = _joints(targets)
    except Inconclusive as none:
        raise Inconclusive(msg("robots.motion-no-description", why=none.args[0])) from None
    motions = {name: tracking.standard_motion(j.type, *_limits(j)) for name, j in described.items()}
    judged = recorded = 0
    unjudged: list[str] = []  # "file: joint" whose lag could not be taken (stamps that do not increase)
    off_motion: list[tuple[str, Any]] = []  # ("file: joint", why) whose command is not the test motion
    too_few: list[str] = []  # "file: joint" with fewer than MIN_SAMPLES messages (judge() passes over them)
    for doc in files.documents(parse=jointstates.parse, suffixes=(".jsonl",)):
        findings, tracks = tracking.tracks(doc.data, lambda r: schemas.findings(r, tracking.SCHEMA))
        tracks, off = tracking.on_motion(tracks, motions)
        off_motion.extend((f"{doc.name}: {joint}", why) for joint, why in off)
        too_few.extend(f"{doc.name}: {joint}" for joint, track in tracks.items()
                       if len(track.t) < tracking.MIN_SAMPLES)
        found, count, skipped = tracking.judge(tracks, params.max_tracking_error, params.max_tracking_lag_ms)
        recorded += evidence.findings_from(findings + found, file=doc.name)
        judged += count
        unjudged.extend(f"{doc.name}: {joint}" for joint in skipped)
    if off_motion and not evidence.findings_count:  # judged on another motion is no pass of it
        first, why = off_motion[0]
        raise Inconclusive(msg("robots.motion-not-run", count=len(off_motion), first=first, why=why))
    if unjudged and not evidence.findings_count:  # R3 not judged for a joint is no pass of it
        raise Inconclusive(msg("robots.lag-unjudged", count=len(unjudged), first=unjudged[0]))
    # a recording too short to judge is a missing input (3.23), as for RB-TRACK-002: not "not applicable"
    if too_few and not evidence.findings_count:
        raise Inconclusive(msg("robots.tracks-too-few", count=len(too_few), first=too_few[0],
                               minimum=tracking.MIN_SAMPLES))
    if judged == 0 and recorded == 0:
        raise Inconclusive(msg("robots.no-tracks", minimum=tracking.MIN_SAMPLES))
    evidence.note(msg("robots.tracks-checked", count=judged, minimum=tracking.MIN_SAMPLES))


@pytest.mark.requirement("RB-TRACK-002")
def test_tracker_measures_commanded_motion(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                           params: Parameters, catalog: Catalog):
    if "controller_states" not in targets:
        raise Inconclusive(msg("robots.no-controller-states"))
    if "tracker_captures" not in targets:
        raise Inconclusive(msg("robots.no-tracker-captures"))
    try:
        described = _joints(targets)
    except Inconclusive as none:
        raise Inconclusive(msg("robots.motion-no-description", why=none.args[0])) from None
    motions = {name: tracking.standard_motion(j.type, *_limits(j)) for name, j in described.items()}
    units = {name: "m" if j.type == "prismatic" else "rad" for name, j in described.items()}
    # the command, from the controller's state: only joints whose command is the test motion, over at least
    # MIN_SAMPLES messages; each other joint is not judged and named, as RB-TRACK-001 names it (seventieth
    # reading, c3: until 1.1 they were dropped unrecorded, so the case could pass with a joint unmeasured)
    commands: dict[str, tracking.Track] = {}
    unjudged: list[tuple[str, Any]] = []
    for doc in targets["controller_states"].documents(parse=jointstates.parse, suffixes=(".jsonl",)):
        _, tracks = tracking.tracks(doc.data, lambda r: schemas.findings(r, tracking.SCHEMA))
        kept, off = tracking.on_motion(tracks, motions)
        unjudged.extend((f"{doc.name}: {joint}", why) for joint, why in off)
        for name, track in kept.items():
            if len(track.t) < tracking.MIN_SAMPLES:
                unjudged.append((f"{doc.name}: {name}", msg("robots.commands-too-few", joint=name,
                                                             count=len(track.t), minimum=tracking.MIN_SAMPLES)))
            else:
                commands.setdefault(name, track)
    stated = catalog.requirement("RB-TRACK-002").decision_rule
    decision = DecisionRule(stated.kind) if stated is not None else DecisionRule()
    limits = tracker.Limits(params.max_tracking_error, params.max_tracking_lag_ms, params.velocity_agreement)
    judged = 0
    instruments: list[str] = []
    for doc in targets["tracker_captures"].documents(parse=jointstates.parse, suffixes=(".jsonl",)):
        findings, capture = tracker.read(doc.data, schemas.findings)
        evidence.findings_from(findings, file=doc.name)
        if not capture.uncertainty:  # not a laboratory's measurement: nothing it says is judged
            unjudged.append((doc.name, msg("robots.tracker-no-instrument")))
            continue
        instruments.append(str((capture.instrument or {}).get("model") or (capture.instrument or {}).get("kind")))
        result = tracker.judge(commands, capture, motions, units, limits, decision)
        evidence.findings_from(result.findings, file=doc.name)
        for m in result.measurements:
            evidence.measurement({**m.item(), "file": doc.name})
        judged += result.joints
        unjudged.extend((f"{doc.name}: {joint}", why) for joint, why in result.unjudged)
    if unjudged and not evidence.findings_count:  # a joint not measured is no pass of it
        first, why = unjudged[0]
        raise Inconclusive(msg("robots.tracker-unjudged", count=len(unjudged), first=first, why=why))
    if judged == 0 and not evidence.findings_count:
        raise Inconclusive(msg("robots.no-tracks", minimum=tracking.MIN_SAMPLES))
    evidence.note(msg("robots.tracker-checked", count=judged, instrument=", ".join(sorted(set(instruments)))))
