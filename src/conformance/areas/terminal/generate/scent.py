"""An olfactory device on a bench (TD-OLF-003): the scents it is commanded, and what a photoionization
detector (PID) sampling the air in front of its outlet records.

Four commands, one each ``EVERY_S`` from ``FIRST_S``: pine at intensities 0.25, 0.5 and 1.0 for 2 s, then
coffee at 1.0 for 4 s. The device releases each ``LATENCY_S`` after it arrives; at the PID the
concentration (ppm, isobutylene equivalent) rises and falls as first-order responses of time constants
``RISE_S`` and ``FALL_S`` towards ``PEAK_PPM`` times the commanded intensity while the release lasts, over a
baseline of ``BASELINE_PPM`` with ``NOISE_PPM`` RMS of noise. The faults reach it through ``x-`` members of
the gas_sensor stream (faults.py sets them): ``x-latency-s`` (each release begins this long after its
command), ``x-linger-s`` (each release lasts this much longer than commanded), ``x-flat-intensity`` (every
command released at this intensity).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

DIFFUSER_ID, PID_ID = "diffuser", "pid"
BLOCK_S = 1.0  # one gas_sensor frame's block of samples
RATE_HZ = 20
FIRST_S, EVERY_S = 2.0, 12.0
#: (scent, intensity, duration s) of each command, in order
COMMANDS = (("pine", 0.25, 2.0), ("pine", 0.5, 2.0), ("pine", 1.0, 2.0), ("coffee", 1.0, 4.0))
DURATION_S = FIRST_S + EVERY_S * len(COMMANDS)  # the whole bench: the last release decayed
LATENCY_S, RISE_S, FALL_S = 0.5, 0.3, 0.5
PEAK_PPM, BASELINE_PPM, NOISE_PPM = 8.0, 0.05, 0.01


def diffuser_spec() -> JsonObject:
    return {"id": DIFFUSER_ID, "type": "olfactory"}


def pid_spec() -> JsonObject:
    return {"id": PID_ID, "type": "gas_sensor", "annotates": DIFFUSER_ID,
            "gas_sensor": {"sample_rate_hz": RATE_HZ, "unit": "ppm", "calibration_gas": "isobutylene",
                           "placement": "inlet 100 mm in front of the outlet, on its axis",
                           "instrument": {"model": "Reference PID-F fast photoionization detector, 10.6 eV lamp",
                                          **declared("PID-0001"),
                                          "calibration": "zero air and 10 ppm isobutylene span gas, 2024-05-20",
                                          "response_t90_s": 0.05}}}


def specs() -> dict[str, JsonObject]:
    """The bench's two streams by id: the device's commanded scents and the detector at its outlet."""
    return {DIFFUSER_ID: diffuser_spec(), PID_ID: pid_spec()}


def command_times(start: float, end: float) -> list[float]:
    return [FIRST_S + EVERY_S * k for k in range(len(COMMANDS)) if start <= FIRST_S + EVERY_S * k < end]


def command_frame(index: int) -> JsonObject:
    """The ``index``-th command as the device received it."""
    scent, intensity, duration = COMMANDS[index % len(COMMANDS)]
    return {"scent": scent, "intensity": intensity, "duration_ns": round(duration * 1e9)}


def _level(on: np.ndarray, hold: float) -> np.ndarray:
    """The share of a release's full concentration ``on`` seconds after it begins, for a release of ``hold`` s."""
    rising = 1.0 - np.exp(-np.clip(on, 0.0, None) / RISE_S)
    held = 1.0 - math.exp(-hold / RISE_S)
    falling = held * np.exp(-np.clip(on - hold, 0.0, None) / FALL_S)
    return np.where(on < 0, 0.0, np.where(on <= hold, rising, falling))


def pid_block(spec: dict[str, Any], s: float, index: int) -> list[float]:
    """One block of the PID's trace from ``s`` seconds (ppm)."""
    rate = spec["gas_sensor"]["sample_rate_hz"]
    at = s + np.arange(round(BLOCK_S * rate)) / rate
    concentration = np.full(len(at), BASELINE_PPM)
    for k, (_, intensity, duration) in enumerate(COMMANDS):
        begin = FIRST_S + EVERY_S * k + spec.get("x-latency-s", LATENCY_S)
        level = PEAK_PPM * spec.get("x-flat-intensity", intensity)
        concentration += level * _level(at - begin, duration + spec.get("x-linger-s", 0.0))
    noise = np.random.default_rng(30_000 + index).normal(0.0, NOISE_PPM, len(at))
    return np.round(np.clip(concentration + noise, 0.0, None), 4).tolist()
