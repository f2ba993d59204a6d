"""TD-ACC-*: every device class the generator knows declares accessibility consistently."""

from __future__ import annotations

import pytest

from conformance.areas.terminal.accessibility import inconsistencies
from conformance.areas.terminal.generate.device import DEVICES, descriptor

DESCRIPTOR = "https://metaverse-conformance.org/schemas/terminal/device-descriptor.json"


@pytest.mark.parametrize("device", DEVICES)
def test_generated_declarations_are_valid_and_consistent(device, catalog):
    doc = descriptor(device, accessible=True)
    assert catalog.schemas.findings(doc, DESCRIPTOR) == []
    assert inconsistencies(doc) == []


def test_a_claimed_controller_needs_a_pose_offer_about_a_hand():
    doc = descriptor("vr_headset", accessible=True)
    doc["offers"] = [o for o in doc["offers"] if o.get("paths") != ["/user/hand/left"]
                     and o.get("paths") != ["/user/hand/right"] or o["type"] != "pose"]
    (found,) = inconsistencies(doc)
    assert "input mode controller is claimed" in found.message and found.pointer == "/accessibility/input_modes/0"


def test_the_declared_ipd_range_is_the_one_the_display_declares():
    """R4: 40..90 mm passes R3, yet it is not the 58..72 mm the display's optics adjust to (the fifty-fourth
    reading's cx2); the same range under both passes, as does a display that declares none."""
    doc = descriptor("vr_headset", accessible=True)
    doc["system"]["display"]["ipd_range_mm"] = {"min": 58, "max": 72}
    assert inconsistencies(doc) == []
    doc["accessibility"]["ipd_range_mm"] = {"min": 40, "max": 90}
    (found,) = inconsistencies(doc)
    assert found.rule == "R4" and found.pointer == "/accessibility/ipd_range_mm"
    assert "(58 .. 72 mm) is not the one the accessibility declaration states (40 .. 90 mm)" in found.message
    del doc["system"]["display"]["ipd_range_mm"]
    assert inconsistencies(doc) == []
