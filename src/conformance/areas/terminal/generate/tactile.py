"""A flexible tactile sensor array under a reference indenter (TD-TACT-001, -002).

The array has 6 x 6 taxels at a 5 mm pitch and reports at 100 Hz. The indenter, a 4 mm round tip on a
load cell carried by a three-axis stage, presses on ``POINTS`` in turn; at each it loads in ``LEVELS_N``
steps and unloads in the same steps reversed, each held ``HOLD_S``, then lifts off (0 N) and moves on.
The array spreads a contact over its taxels as a Gaussian of ``SPREAD_MM`` around the tip at a gain of
``GAIN``, and reads ``HYSTERESIS`` of the load more while unloading; its readings carry a deterministic
ripple of ``RIPPLE_N``. The faults reach it through ``x-`` members of the tactile stream (faults.py sets
them): ``x-gain`` (the share of the load the array reads), ``x-offset-mm`` (the contact read that far
along x from the tip), ``x-hysteresis`` (the share read more while unloading, and as much less loading),
``x-crosstalk`` (the share of the load leaking from the loaded taxel to the farthest taxel of its row),
``x-idle-n`` (a force in N the array reads with the tip lifted off: TD-TACT-005).

After the grid, the indenter holds ``DRIFT_LOAD_N`` at ``DRIFT_POINT`` for ``DRIFT_HOLD_S`` (TD-TACT-002 R6, the
drift under a held load) and lifts off. The array follows each step of the load as a first-order lag of time
constant ``LAG_S`` and its reading creeps by ``CREEP`` of itself a second while a load is held; the faults
``x-lag-s`` (a slower array: R5) and ``x-creep`` (a drifting one: R6) set them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conformance.area import JsonObject

SENSOR_ID, INDENTER_ID = "skin", "indenter"
ROWS = COLUMNS = 6
PITCH_MM = 5.0
RATE_HZ = 100
POINTS = ((7.5, 7.5), (15.0, 5.0), (20.0, 17.5))  # mm: between four taxels, on one, off-centre
LEVELS_N = (0.5, 1.0, 2.0, 4.0)
HOLD_S = 0.3
SPREAD_MM, GAIN, HYSTERESIS, RIPPLE_N = 2.5, 0.98, 0.015, 0.0005
#: the indentation schedule: (x, y, load, unloading) per hold; each point: up, down, lift off
SCHEDULE = [(x, y, load, i >= len(LEVELS_N))
            for x, y in POINTS for i, load in enumerate((*LEVELS_N, *LEVELS_N[-2::-1], 0.0))]
#: the held load (R6): on a taxel, 2 N for 5.5 s (the rule measures a hold of at least 5 s), then lift off
DRIFT_POINT, DRIFT_LOAD_N, DRIFT_HOLD_S = (10.0, 10.0), 2.0, 5.5
GRID_S = len(SCHEDULE) * HOLD_S
#: the whole bench's length in seconds (what `--duration` gives for one pass of it)
DURATION_S = GRID_S + DRIFT_HOLD_S + HOLD_S
LAG_S, CREEP = 0.003, 0.0005  # the array's time constant; its creep, a share of its reading a second


def sensor_spec() -> JsonObject:
    return {"id": SENSOR_ID, "type": "tactile", "rate_hz": RATE_HZ,
            "taxels": {"rows": ROWS, "columns": COLUMNS, "pitch_mm": PITCH_MM, "unit": "N"}}


def indenter_spec() -> JsonObject:
    return {"id": INDENTER_ID, "type": "indenter", "rate_hz": RATE_HZ, "annotates": SENSOR_ID,
            "indenter": {"instrument": {"model": "Reference LC-5 miniature load cell, 5 N",
                                        "calibration": "dead weights, 0.2 to 5 N in six steps, 2024-05-03",
                                        "serial": "LC5-0001", "uncertainty": {"value": 0.01, "unit": "N", "k": 2}},
                         "stage": {"model": "Reference XYZ-50 three-axis positioning stage",
                                   "calibration": "x and y against a laser interferometer, 2024-05-03",
                                   "serial": "XYZ-0001", "uncertainty": {"value": 0.02, "unit": "mm", "k": 2}},
                         "tip_diameter_mm": 4.0}}


def _step(s: float) -> tuple[tuple[float, float, float, bool], float, float]:
    """(the hold at ``s`` seconds: x, y, load, unloading; when it began, s; the load held before it, N);
    the last hold (lift off after the held load) lasts to the end."""
    if s < GRID_S:
        index = int(s / HOLD_S + 1e-9)
        return SCHEDULE[index], index * HOLD_S, SCHEDULE[index - 1][2] if index else 0.0
    if s < GRID_S + DRIFT_HOLD_S:
        return (*DRIFT_POINT, DRIFT_LOAD_N, False), GRID_S, 0.0
    return (*DRIFT_POINT, 0.0, True), GRID_S + DRIFT_HOLD_S, DRIFT_LOAD_N


def _hold(s: float) -> tuple[float, float, float, bool]:
    """(x, y, load, unloading) at ``s`` seconds."""
    return _step(s)[0]


def indenter_frame(s: float, index: int) -> JsonObject:
    x, y, load, _ = _hold(s)
    noise = 0.002 * math.sin(12.9898 * index) if load else 0.0
    return {"load_n": round(load + noise, 4), "position_mm": [x, y]}


def sensor_frame(spec: dict[str, Any], s: float, index: int) -> JsonObject:
    (x, y, load, unloading), began, before = _step(s)
    held = load
    x += spec.get("x-offset-mm", 0.0)
    extra = spec.get("x-hysteresis")
    lag = (extra if unloading else -extra) if extra is not None else (HYSTERESIS if unloading else 0.0)
    gain = spec.get("x-gain", GAIN)
    since = max(s - began, 0.0)
    settled = math.exp(-since / spec.get("x-lag-s", LAG_S))  # what is left of the step
    load = load + (before - load) * settled  # the array follows the step (both gains alike: R1 judges them)
    read = load * gain * (1 + lag) * (1 + spec.get("x-creep", CREEP) * since)
    if not held:  # the tip lifted off: the array reads x-idle-n (TD-TACT-005 R4's fault) once it has followed
        read += spec.get("x-idle-n", 0.0) * (1 - settled)
    weights = [math.exp(-((c * PITCH_MM - x) ** 2 + (r * PITCH_MM - y) ** 2) / (2 * SPREAD_MM ** 2))
               for r in range(ROWS) for c in range(COLUMNS)]
    whole = sum(weights)
    forces = [read * w / whole for w in weights]
    leak = spec.get("x-crosstalk", 0.0) * load
    if leak and load:
        peak = max(range(len(forces)), key=forces.__getitem__)
        row, column = divmod(peak, COLUMNS)
        farthest = row * COLUMNS + (0 if column >= COLUMNS / 2 else COLUMNS - 1)
        forces[peak] -= leak
        forces[farthest] += leak
    ripple = [RIPPLE_N * (0.5 + 0.5 * math.sin(0.7 * index + 1.3 * k)) for k in range(len(forces))]
    return {"forces": [round(max(f + e, 0.0), 4) for f, e in zip(forces, ripple, strict=True)]}
