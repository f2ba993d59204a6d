"""Poses in captures (OpenXR XrPosef, XrSpaceLocationFlags): unit quaternions, tracking
volume, eye-gaze flags."""

import pytest

from conformance import msg, undeclared
from conformance.areas.terminal.poses import VOLUME_SPACES
from conformance.areas.terminal.series import record_positions
from conformance.areas.terminal.suite import analyses, check_rule

POSED = ("pose", "eye_gaze", "hand", "body")


@pytest.mark.requirement("TD-POSE-001")
def test_orientations_are_unit_quaternions(targets, evidence):
    check_rule(targets, evidence, "norm", POSED, msg("terminal.what-orientations"))


@pytest.mark.requirement("TD-POSE-002")
def test_positions_within_tracking_volume(targets, params, evidence):
    # The tracking volume is optional in a device descriptor: a capture without one has no
    # volume to hold its positions to (not applicable), unless the profile requires one.
    captures = [(name, a) for name, a in analyses(targets["captures"]) if a.header_usable]
    without = [name for name, a in captures if a.volume is None]
    for name in without:
        undeclared(msg("terminal.tracking-volume"), mandatory=params.require_tracking_volume,
                   evidence=evidence, every=len(without) == len(captures), file=name,
                   pointer="/device/system/tracking/volume")
    staged = [s for _, a in captures if a.volume is not None for s in a.streams_of(*POSED)
              if s.spec.get("space") in VOLUME_SPACES]
    if captures and not staged and not evidence.findings_count:
        undeclared(msg("terminal.stage-space-stream"), mandatory=False, evidence=evidence)
    record_positions(targets["captures"], evidence)  # the charts, passing or not
    check_rule(targets, evidence, "volume", POSED, msg("terminal.what-staged-positions"))


@pytest.mark.requirement("TD-GAZE-001")
def test_eye_gaze_tracked_bits_agree(targets, evidence):
    check_rule(targets, evidence, "gaze_flags", ("eye_gaze",), msg("terminal.what-gaze-frames"))
