"""Poses in captures (OpenXR XrPosef, XrSpaceLocationFlags): unit quaternions, tracking
volume, eye-gaze flags."""

import pytest

from conformance.checks.terminal.suite import check_rule

POSED = ("pose", "eye_gaze", "hand", "body")


@pytest.mark.requirement("TD-POSE-001")
def test_orientations_are_unit_quaternions(targets, evidence):
    check_rule(targets, evidence, "norm", POSED, "valid orientation(s)")


@pytest.mark.requirement("TD-POSE-002")
def test_positions_within_tracking_volume(targets, evidence):
    check_rule(targets, evidence, "volume", POSED, "valid stage-space position(s) against a declared volume")


@pytest.mark.requirement("TD-GAZE-001")
def test_eye_gaze_tracked_bits_agree(targets, evidence):
    check_rule(targets, evidence, "gaze_flags", ("eye_gaze",), "eye gaze frame(s)")
