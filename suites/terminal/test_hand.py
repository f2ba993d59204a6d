"""Hand tracking (OpenXR XR_EXT_hand_tracking): joint validity and rigid bones."""

import pytest

from conformance import Inconclusive, msg
from conformance.areas.terminal.hand import bone_drifts, drift_finding
from conformance.areas.terminal.suite import analyses, check_rule


@pytest.mark.requirement("TD-HAND-001")
def test_joint_validity_follows_activity(targets, evidence):
    check_rule(targets, evidence, "hand_valid", ("hand",), msg("terminal.what-hand-joints"))


@pytest.mark.requirement("TD-HAND-003")
def test_located_joints_have_a_radius(targets, evidence):
    check_rule(targets, evidence, "hand_radius", ("hand",), msg("terminal.what-located-joints"))


@pytest.mark.requirement("TD-HAND-002")
def test_bone_lengths_stay_constant(targets, evidence, params):
    tolerance = params.bone_tolerance_m
    measured = 0
    for name, analysis in analyses(targets["captures"]):
        for stats in analysis.streams_of("hand"):
            bones = bone_drifts(stats)
            if not bones:
                continue
            measured += 1
            evidence.findings_from((drift_finding(bone, drift, tolerance) for bone, drift in enumerate(bones)
                                    if drift.worst_m > tolerance and drift.where is not None), file=name)
            worst = max(d.worst_m for d in bones)
            evidence.note(msg("terminal.bone-deviation", file=name, sid=repr(stats.id), mm=worst * 1000))
    if not measured and not evidence.findings_count:
        raise Inconclusive(msg("terminal.no-usable-hand"))
