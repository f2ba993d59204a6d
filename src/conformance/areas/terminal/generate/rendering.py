"""A force-feedback device on a bench (TD-FORCE-004): the forces its arm is commanded, and what a
force sensor (a load cell) at its end effector records.

The load cell records from the capture's start; the arm's commands begin ``LEAD_S`` later, so the first level
has the 50 ms before it that TD-FORCE-004 measures each step from (sixty-eighth reading, c3: a step the trace does
not cover is unjudged, and the staircase's 0 N had no time before it). The arm is commanded a staircase of forces
along the load cell's axis, each held ``HOLD_S``: 0, 1,
2, 3, 1.5, 0.5 and 2.5 N (its declared limit and safety force are 3.3 N), a command frame at the
stream's rate repeating the level held; then, at ``CEASE_S``, the commands cease while 2.5 N is held
(TD-FORCE-005), and the device, noticing ``WATCHDOG_S`` later that no command came, lets its output
fall to zero (its declared stop_after_ms is 100). The device follows each change ``LATENCY_S`` after it
arrives as a second-order system (natural frequency ``NATURAL_HZ``, damping ``DAMPING``: a 4.6 %
overshoot, half the step reached about 13 ms after the command) at a gain of ``GAIN``; the load
cell at 1 kHz adds ``NOISE_N`` RMS of noise. The faults reach it through ``x-`` members of the
force_sensor stream (faults.py sets them): ``x-gain`` (the share of each command delivered),
``x-latency-s`` (how long after the command the device follows), ``x-damping`` (a lower damping:
a larger overshoot), ``x-stop-s`` (how long after the commands cease the device lets go).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

ARM_ID = "bench_arm"
FORCE_SENSOR_ID = "load_cell"
BLOCK_S = 0.1  # one force_sensor frame's block of samples
HOLD_S = 0.4
LEAD_S = 0.1  # the trace before the first command: twice the 50 ms TD-FORCE-004 takes the force before a step from
LEVELS_N = (0.0, 1.0, 2.0, 3.0, 1.5, 0.5, 2.5, 0.0)  # the last: no command (they ceased), the output let go
CEASE_S = LEAD_S + (len(LEVELS_N) - 1) * HOLD_S
WATCHDOG_S = 0.02  # four missed command periods at 200 Hz
LATENCY_S, NATURAL_HZ, DAMPING, GAIN = 0.004, 25.0, 0.7, 0.99
NOISE_N = 0.01


def arm_spec() -> JsonObject:
    return {"id": ARM_ID, "type": "force_feedback", "rate_hz": 200, "commands": ["force"]}


def force_sensor_spec() -> JsonObject:
    return {"id": FORCE_SENSOR_ID, "type": "force_sensor", "annotates": ARM_ID,
            "force_sensor": {"sample_rate_hz": 1000,
                             "instrument": {"model": "Reference LC-10 S-beam load cell, 10 N", **declared("LC10-0001"),
                                            "calibration": "dead weights, 0.5 to 10 N in five steps, 2024-05-02",
                                            "capacity_n": 10.0,
                                            "mounting": "between the arm's end effector and a rigid stop, "
                                                        "its axis along the commanded force"}}}


def level_at(s: float) -> float:
    """The force commanded at ``s`` seconds (the last level holds to the end; the first from LEAD_S)."""
    return LEVELS_N[min(max(int((s - LEAD_S) / HOLD_S + 1e-9), 0), len(LEVELS_N) - 1)]  # 1.2 / 0.4 is 2.9999...


def command_frame(s: float) -> JsonObject:
    return {"force": {"x": 0.0, "y": level_at(s), "z": 0.0}}


def _step_response(tau: np.ndarray, damping: float) -> np.ndarray:
    """A unit step's response of a second-order system, ``tau`` seconds after it (0 before)."""
    w = 2 * math.pi * NATURAL_HZ
    wd = w * math.sqrt(1 - damping**2)
    on = np.clip(tau, 0.0, None)
    decay = np.exp(-damping * w * on) * (np.cos(wd * on) + damping / math.sqrt(1 - damping**2) * np.sin(wd * on))
    return np.where(tau >= 0, 1.0 - decay, 0.0)


def force_block(spec: dict[str, Any], s: float, index: int) -> list[float]:
    """One block of the load cell's trace from ``s`` seconds (N)."""
    rate = spec["force_sensor"]["sample_rate_hz"]
    at = s + np.arange(round(BLOCK_S * rate)) / rate
    latency, damping = spec.get("x-latency-s", LATENCY_S), spec.get("x-damping", DAMPING)
    stop = spec.get("x-stop-s", WATCHDOG_S) + latency  # the last change is no command: the device lets go
    force = np.zeros(len(at))
    for k in range(1, len(LEVELS_N)):
        delay = stop if k == len(LEVELS_N) - 1 else latency
        force += (LEVELS_N[k] - LEVELS_N[k - 1]) * _step_response(at - LEAD_S - k * HOLD_S - delay, damping)
    force *= spec.get("x-gain", GAIN)
    noise = np.random.default_rng(30_000 + index).normal(0.0, NOISE_N, len(at))
    return np.round(force + noise, 4).tolist()
