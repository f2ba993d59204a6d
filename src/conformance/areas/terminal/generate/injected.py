"""A calibration segment at the start of an EEG capture (TD-BCI-007): what a calibrated signal
generator injects into the amplifier's inputs, and what the amplifier records of it.

The generator plays sines of 50 uV peak-to-peak at 5 Hz (the reference, as IEC 60601-2-26's
frequency response test takes it), 0.5 Hz and 50 Hz (the ends of that test), then the inputs are
shorted. The recording adds the chain's own noise (under 1 uV peak-to-valley). The faults reach it
through ``x-`` members of the stream's ``calibration_signal`` (faults.py sets them): ``x-gain``
(per channel), ``x-rolloff`` (one channel's gain at one frequency), ``x-clock`` (every tone
reproduced at this multiple of its frequency), ``x-noise`` (one channel's noise in uV peak-to-peak).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .binaural import T0
from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

TAU = 2 * math.pi


def calibration_spec() -> JsonObject:
    """The declaration of the segment, from the capture's first sample (T0)."""
    return {"generator": {"model": "Reference SG-2 bioelectric signal generator, sine 0.1-100 Hz", **declared("SG2-0001"),
                          "calibration": "amplitude and frequency against a reference DMM and counter, 2024-05-20"},
            "t0": T0,
            "tones": [{"frequency_hz": 5.0, "amplitude_uv_pp": 50.0, "start_s": 0.0, "duration_s": 2.0},
                      {"frequency_hz": 0.5, "amplitude_uv_pp": 50.0, "start_s": 2.0, "duration_s": 4.0},
                      {"frequency_hz": 50.0, "amplitude_uv_pp": 50.0, "start_s": 6.0, "duration_s": 2.0}],
            "shorted": {"start_s": 8.0, "duration_s": 2.0}}


def _noise(s: float, channel: int, signal: dict[str, Any]) -> float:
    extra = signal.get("x-noise", {})
    loud = extra.get("uv_pp", 0.0) / 2 * math.sin(TAU * 23.7 * s) if extra.get("channel") == channel else 0.0
    return 0.25 * math.sin(TAU * 61.3 * s + channel) + 0.2 * math.sin(TAU * 97.1 * s + 2 * channel) + loud


def injected(spec: dict[str, Any], s: float, channels: int) -> list[float] | None:
    """The recorded values at ``s`` seconds into the capture while the segment plays, or None
    outside it (then the stream records the brain)."""
    signal = spec["calibration_signal"]
    at = s - (signal["t0"] - T0) / 1e9  # seconds into the segment
    for tone in signal["tones"]:
        if tone["start_s"] <= at < tone["start_s"] + tone["duration_s"]:
            frequency = tone["frequency_hz"] * signal.get("x-clock", 1.0)
            rolloff = signal.get("x-rolloff", {})
            values = []
            for c in range(channels):
                gain = signal.get("x-gain", [1.0] * channels)[c]
                if rolloff.get("channel") == c and rolloff.get("frequency_hz") == tone["frequency_hz"]:
                    gain *= rolloff["gain"]
                wave = gain * tone["amplitude_uv_pp"] / 2 * math.sin(TAU * frequency * (at - tone["start_s"]))
                values.append(round(wave + _noise(s, c, signal), 2))
            return values
    shorted = signal.get("shorted")
    if shorted and shorted["start_s"] <= at < shorted["start_s"] + shorted["duration_s"]:
        return [round(_noise(s, c, signal), 2) for c in range(channels)]
    return None
