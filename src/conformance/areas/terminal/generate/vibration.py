"""A haptic actuator on a bench (TD-HAPT-003): the vibrations a controller's actuator is commanded,
and what an accelerometer fixed to it records.

Nine commands of 150 ms, one each 0.4 s from 0.2 s: 80, 170 and 250 Hz, each at amplitudes 0.25, 0.5
and 1.0. The actuator (a wideband voice-coil type, resonant at 170 Hz) follows each command 8 ms after
it arrives, rising and decaying with time constants of 5 and 8 ms, at 15 m/s^2 peak times the
commanded amplitude (a little less away from resonance); the accelerometer adds 0.03 m/s^2 RMS of
noise. The faults reach it through ``x-`` members of the acceleration stream (faults.py sets them):
``x-stuck-hz`` (the actuator rings at this frequency whatever is commanded), ``x-latency-s`` (it starts
this long after the command), ``x-flat-amplitude`` (it plays every command at this amplitude).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

ACTUATOR_ID = "actuator"
ACCELEROMETER_ID = "accelerometer"
BLOCK_S = 0.1  # one acceleration frame's block of samples
FIRST_S, EVERY_S, DURATION_S = 0.2, 0.4, 0.15
FREQUENCIES = (80.0, 170.0, 250.0)
AMPLITUDES = (0.25, 0.5, 1.0)
RESONANCE_HZ = 170.0
LATENCY_S, RISE_S, DECAY_S = 0.008, 0.005, 0.008
PEAK_MS2, NOISE_MS2 = 15.0, 0.03
COMMANDS = [(FIRST_S + EVERY_S * k, FREQUENCIES[k % 3], AMPLITUDES[k // 3]) for k in range(9)]


def accelerometer_spec() -> JsonObject:
    return {"id": ACCELEROMETER_ID, "type": "acceleration", "annotates": ACTUATOR_ID,
            "accelerometer": {"sample_rate_hz": 2000,
                              "instrument": {"model": "Reference AX-3 piezoelectric accelerometer, 0.5 g", **declared("AX3-0001"),
                                             "calibration": "back-to-back against a reference accelerometer "
                                                            "(ISO 16063-21), 2024-03-11",
                                             "sensitivity_mv_per_g": 10.0,
                                             "mounting": "wax-bonded to the controller's grip over the actuator"}}}


def command_times(start: float, end: float) -> list[float]:
    return [at for at, _, _ in COMMANDS if start <= at < end]


def command_frame(index: int) -> JsonObject:
    """The ``index``-th command (XrHapticVibration)."""
    _, frequency, amplitude = COMMANDS[index]
    return {"duration_ns": round(DURATION_S * 1e9), "frequency_hz": frequency, "amplitude": amplitude}


def _response(frequency: float) -> float:
    return 1.0 / (1.0 + ((frequency - RESONANCE_HZ) / 250.0) ** 2)


def acceleration_block(spec: dict[str, Any], s: float, index: int) -> list[float]:
    """One block of the accelerometer's trace from ``s`` seconds (m/s^2)."""
    rate = spec["accelerometer"]["sample_rate_hz"]
    at = s + np.arange(round(BLOCK_S * rate)) / rate
    latency = spec.get("x-latency-s", LATENCY_S)
    wave = np.zeros(len(at))
    for start, frequency, amplitude in COMMANDS:
        begin, end = start + latency, start + latency + DURATION_S
        if end + 10 * DECAY_S < at[0] or begin > at[-1]:
            continue
        played = spec.get("x-stuck-hz", frequency)
        level = PEAK_MS2 * spec.get("x-flat-amplitude", amplitude) * _response(played)
        on = np.clip(at - begin, 0.0, None)
        rise = np.where(at >= begin, 1.0 - np.exp(-on / RISE_S), 0.0)
        held = 1.0 - math.exp(-DURATION_S / RISE_S)
        shape = np.where(at <= end, rise, held * np.exp(-np.clip(at - end, 0.0, None) / DECAY_S))
        wave += level * shape * np.sin(2 * math.pi * played * on)
    noise = np.random.default_rng(20_000 + index).normal(0.0, NOISE_MS2, len(at))
    return np.round(wave + noise, 4).tolist()
