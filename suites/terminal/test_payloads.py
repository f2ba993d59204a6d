"""Face, haptic, olfactory, motion-platform and body frames."""

import pytest

from conformance import msg
from conformance.areas.terminal.suite import check_rule


@pytest.mark.requirement("TD-FACE-001")
def test_face_weight_count_matches_set(targets, evidence):
    check_rule(targets, evidence, "face_count", ("face",), msg("terminal.what-face-frames"))


@pytest.mark.requirement("TD-FACE-002")
def test_face_weights_in_range(targets, evidence):
    check_rule(targets, evidence, "face_weights", ("face",), msg("terminal.what-face-frames"))


@pytest.mark.requirement("TD-FACE-003")
def test_face_weights_zero_when_not_valid(targets, evidence):
    check_rule(targets, evidence, "face_invalid", ("face",), msg("terminal.what-face-frames"))


@pytest.mark.requirement("TD-HAPT-001")
def test_haptic_vibrations_in_range(targets, evidence):
    check_rule(targets, evidence, "haptic", ("haptic",), msg("terminal.what-haptic-frames"))


@pytest.mark.requirement("TD-HAPT-002")
def test_haptic_vibrations_within_the_offer(targets, evidence):
    check_rule(targets, evidence, "haptic_offer", ("haptic",), msg("terminal.what-haptic-frames"))


@pytest.mark.requirement("TD-OLF-001")
def test_olfactory_output_in_range(targets, evidence):
    check_rule(targets, evidence, "olfactory", ("olfactory",), msg("terminal.what-olfactory-frames"))


@pytest.mark.requirement("TD-OLF-002")
def test_olfactory_output_within_the_offer(targets, evidence):
    check_rule(targets, evidence, "olfactory_offer", ("olfactory",), msg("terminal.what-olfactory-frames"))


@pytest.mark.requirement("TD-MPLAT-001")
def test_motion_platform_within_limits(targets, evidence):
    check_rule(targets, evidence, "motion_platform", ("motion_platform",), msg("terminal.what-platform-frames"))


@pytest.mark.requirement("TD-BODY-001")
def test_body_uses_vrm_humanoid_bones(targets, evidence):
    check_rule(targets, evidence, "body", ("body",), msg("terminal.what-body-frames"))


@pytest.mark.requirement("TD-BODY-002")
def test_body_carries_the_required_bones(targets, evidence):
    check_rule(targets, evidence, "body_required", ("body",), msg("terminal.what-body-frames"))
