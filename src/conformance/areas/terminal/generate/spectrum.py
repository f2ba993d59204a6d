"""A spectroradiometer at each eyepiece of a headset showing full-field white at its highest brightness (TD-DISP-010).

Each instrument reads 380 to 780 nm in 5 nm steps once a second. The display's white is a blue LED's peak at 450 nm
under a broad phosphor band at 560 nm (a white LED backlight's shape), about 200 cd/m^2 through the optics: its
blue-light weighted radiance is some 0.1 W m^-2 sr^-1, far inside IEC 62471's exempt group. The fault reaches it
through an ``x-`` member of the spectrum streams (faults.py sets it): ``x-blue-gain`` multiplies the blue peak.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject

LEFT_ID, RIGHT_ID = "spectro_left", "spectro_right"
RATE_HZ = 1
START_NM, STEP_NM, COUNT = 380, 5, 81
BLUE_PEAK = 0.006  # W m^-2 sr^-1 nm^-1 at 450 nm
PHOSPHOR_PEAK = 0.004  # at 560 nm


def spectrum_spec(eye: str) -> JsonObject:
    return {"id": LEFT_ID if eye == "left" else RIGHT_ID, "type": "spectrum", "rate_hz": RATE_HZ,
            "spectrum": {"eye": eye, "start_nm": START_NM, "step_nm": STEP_NM,
                         "instrument": {"model": "Reference SR-3 spectroradiometer",
                                        "calibration": "against a NIST-traceable spectral radiance standard lamp, 2024-05-03",
                                        "serial": f"SR-000{1 if eye == 'left' else 2}",
                                        "uncertainty": {"value": 4, "unit": "%", "k": 2}},
                         "scene": "full-field white at the highest brightness"}}


def spectrum_frame(spec: dict[str, Any], index: int) -> JsonObject:
    gain = spec.get("x-blue-gain", 1.0)
    ripple = 1 + 0.01 * math.sin(1.3 * index)
    values: JsonArray = []
    for k in range(COUNT):
        nm = START_NM + STEP_NM * k
        blue = BLUE_PEAK * gain * math.exp(-((nm - 450) / 12) ** 2)
        phosphor = PHOSPHOR_PEAK * math.exp(-((nm - 560) / 50) ** 2)
        values.append(float(f"{(blue + phosphor) * ripple:.6g}"))
    return {"radiance": values}
