"""A standalone headset's battery run on a power analyser (TD-PWR-003): the power it draws from its battery
while it runs the test workload from a full charge until it cuts off.

The analyser sits between the battery and the device and reports, every ``PERIOD_S``, the mean power drawn
since its last reading: about 6.5 W with a slow swing of 0.8 W (the workload's scene and audio), until the
device cuts off at ``CUTOFF_S`` (2.4 hours), then the 2 mW of a device switched off. The fault reaches it
through the stream's ``x-cutoff-s`` (faults.py sets it): a battery that runs out sooner.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conformance.area import JsonObject

SUPPLY_ID = "supply"
PERIOD_S = 5.0
CUTOFF_S = 2.4 * 3600


def supply_spec() -> JsonObject:
    return {"id": SUPPLY_ID, "type": "power", "rate_hz": 1 / PERIOD_S,
            "power_analyser": {
                "instrument": {"model": "Reference PA-2 two-channel power analyser",
                               "calibration": "DC voltage and current against a calibrator, 2024-05-02",
                               "serial": "PA2-00417",
                               "uncertainty": {"value": 0.2, "unit": "%", "k": 2}},
                "connection": "a battery adapter between the battery pack and the device, 4-wire shunt"}}


def supply_frame(spec: dict[str, Any], s: float) -> JsonObject:
    """The analyser's reading at ``s`` seconds: the mean power (W) drawn from the battery since the last."""
    if s >= spec.get("x-cutoff-s", CUTOFF_S) + PERIOD_S:  # the first reading after the cut-off is all off
        return {"power_w": 0.002}
    return {"power_w": round(6.5 + 0.8 * math.sin(2 * math.pi * s / 600), 3)}
