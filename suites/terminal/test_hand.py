"""Hand tracking (OpenXR XR_EXT_hand_tracking): joint validity and rigid bones."""

from dataclasses import replace

import pytest

from conformance import Inconclusive
from conformance.checks.terminal.hand import bone_drifts
from conformance.checks.terminal.suite import analyses, check_rule


@pytest.mark.requirement("TD-HAND-001")
def test_joint_validity_follows_activity(targets, evidence):
    check_rule(targets, evidence, "hand_valid", ("hand",), "hand joint(s)")


@pytest.mark.requirement("TD-HAND-003")
def test_located_joints_have_a_radius(targets, evidence):
    check_rule(targets, evidence, "hand_radius", ("hand",), "hand joint(s) with a valid position")


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
            for drift in bones:
                if drift.worst_m > tolerance and drift.where is not None:
                    found = drift.where
                    evidence.record(replace(found, message=f"{found.message} (tolerance {tolerance * 1000:g} mm)",
                                            file=name))
            worst = max(d.worst_m for d in bones)
            evidence.note(f"{name}: stream {stats.id!r}: largest bone length deviation {worst * 1000:.2f} mm")
    if not measured and not evidence.findings_count:
        raise Inconclusive("no hand stream has an active frame with every joint position valid")
