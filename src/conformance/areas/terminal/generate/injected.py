"""A calibration segment at the start of an EEG capture (TD-BCI-007): what a calibrated signal
generator injects into the amplifier's inputs, and what the amplifier records of it.

The generator plays sines of 50 uV peak-to-peak at 5 Hz (the reference, as IEC 60601-2-26's
frequency response test takes it), 0.5 Hz and 50 Hz (the ends of that test), then the inputs are
shorted. The recording adds the chain's own noise (under 1 uV peak-to-valley). The faults reach it
through ``x-`` members of the stream's ``calibration_signal`` (faults.py sets them): ``x-gain``
(per channel), ``x-rolloff`` (one channel's gain at one frequency), ``x-clock`` (every tone
reproduced at this multiple of its frequency), ``x-noise`` (one channel's noise in uV peak-to-peak).

After the shorted span the generator drives every input together against the ground (the common-mode
set-up: 2 V rms at 50 Hz, an imbalance in one lead) and then plays the reference sine through a series
impedance (the input-impedance set-up); the amplifier rejects the common mode by COMMON_MODE_DB and its
inputs load the series impedance as INPUT_OHM would. Faults: ``x-cmrr-db`` (the rejection recorded),
``x-input-ohm`` (the input impedance recorded).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .binaural import T0
from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

TAU = 2 * math.pi
#: the reference amplifier's common-mode rejection and input impedance (what its recording shows)
COMMON_MODE_DB, INPUT_OHM = 110.0, 1e9
#: 2 V rms as microvolts peak-to-peak: the common-mode signal of the set-up
COMMON_MODE_UV_PP = round(2 * math.sqrt(2) * 2e6)


def calibration_spec() -> JsonObject:
    """The declaration of the segment, from the capture's first sample (T0)."""
    return {"generator": {"model": "Reference SG-2 bioelectric signal generator, sine 0.1-100 Hz", **declared("SG2-0001"),
                          "calibration": "amplitude and frequency against a reference DMM and counter, 2024-05-20"},
            "t0": T0,
            "tones": [{"frequency_hz": 5.0, "amplitude_uv_pp": 50.0, "start_s": 0.0, "duration_s": 2.0},
                      {"frequency_hz": 0.5, "amplitude_uv_pp": 50.0, "start_s": 2.0, "duration_s": 4.0},
                      {"frequency_hz": 50.0, "amplitude_uv_pp": 50.0, "start_s": 6.0, "duration_s": 2.0}],
            "shorted": {"start_s": 8.0, "duration_s": 2.0}, **chain_spec()}


def chain_spec() -> JsonObject:
    """The common-mode and series-impedance set-ups after the shorted span (TD-BCI-007 R5, R6)."""
    return {"common_mode": {"frequency_hz": 50.0, "amplitude_uv_pp": COMMON_MODE_UV_PP, "start_s": 10.0,
                            "duration_s": 2.0, "imbalance": "10 kOhm parallel 47 nF in the tested lead"},
            "series": {"frequency_hz": 5.0, "amplitude_uv_pp": 50.0, "start_s": 12.0, "duration_s": 2.0,
                       "impedance_ohm": 1e7}}


def _chain(signal: dict[str, Any], at: float, s: float, channels: int) -> list[float] | None:
    """What the amplifier records in the common-mode or the series span, or None outside both; its gain
    (``x-gain``) and clock (``x-clock``) as in the tones' spans."""
    common, series = signal.get("common_mode"), signal.get("series")
    gains, clock = signal.get("x-gain", [1.0] * channels), signal.get("x-clock", 1.0)
    if common and common["start_s"] <= at < common["start_s"] + common["duration_s"]:
        tone, kept = common, 10 ** (-signal.get("x-cmrr-db", COMMON_MODE_DB) / 20)
    elif series and series["start_s"] <= at < series["start_s"] + series["duration_s"]:
        load = signal.get("x-input-ohm", INPUT_OHM)
        tone, kept = series, load / (load + series["impedance_ohm"])
    else:
        return None
    wave = kept * tone["amplitude_uv_pp"] / 2 * math.sin(TAU * tone["frequency_hz"] * clock * (at - tone["start_s"]))
    return [round(gains[c] * wave + _noise(s, c, signal), 2) for c in range(channels)]


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
    return _chain(signal, at, s, channels)
