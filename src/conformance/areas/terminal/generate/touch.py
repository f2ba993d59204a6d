"""A device recognising touches on its tactile array under the reference indenter (TD-TACT-004).

The indenter's schedule (seconds from the capture's start, ``SCHEDULE``): off the array; one 4 mm tip pressed
with 2 N at three grid points in turn (0.6 s each, lifted 0.3 s between); a bar of two tips ``SPACING_MM`` apart
pressed with 3 N in all (0.8 s); one tip touched down with 1.5 N, slid ``SLIDE_MM`` along x at ``SPEED_MM_S``,
held, lifted. Both streams run at 100 Hz. The device reports each tip as a contact ``LAG_S`` after the indenter
(its recognition latency), at the tip's place with a deterministic wobble of ``WOBBLE_MM`` and the load's share
at a gain of ``GAIN`` (a two-tip bar's load split evenly). Faults reach it through ``x-`` members of the touch
stream: ``x-merged`` (two tips reported as one contact between them: R1), ``x-press-offset-mm`` (a press read
that far along x: R2), ``x-gain`` (R3), ``x-slide-offset-mm`` (a slide read that far along y: R4),
``x-ghost-s`` (the last contact still reported that long after the lift-off: R5).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conformance.area import JsonObject

SENSOR_ID, INDENTER_ID = "touch", "touch_indenter"
RATE_HZ = 100
SPACING_MM, SPEED_MM_S, SLIDE_MM = 20.0, 20.0, 20.0
LAG_S, WOBBLE_MM, GAIN = 0.01, 0.1, 0.98
#: (start s, end s, load N, tips at the start, the slide's end or None)
SCHEDULE: list[tuple[float, float, float, list[tuple[float, float]], tuple[float, float] | None]] = [
    (0.3, 0.9, 2.0, [(7.5, 7.5)], None),
    (1.2, 1.8, 2.0, [(15.0, 5.0)], None),
    (2.1, 2.7, 2.0, [(20.0, 17.5)], None),
    (3.0, 3.8, 3.0, [(2.5, 12.5), (2.5 + SPACING_MM, 12.5)], None),
    (4.1, 4.3, 1.5, [(2.5, 10.0)], None),
    (4.3, 4.3 + SLIDE_MM / SPEED_MM_S, 1.5, [(2.5, 10.0)], (2.5 + SLIDE_MM, 10.0)),
    (4.3 + SLIDE_MM / SPEED_MM_S, 5.5, 1.5, [(2.5 + SLIDE_MM, 10.0)], None),
]
DURATION_S = 6.0
LAST_LIFT_S = SCHEDULE[-1][1]
SLIDE_FROM_S = SCHEDULE[4][0]  # the slide's touch: touched down, slid, held, lifted


def sensor_spec() -> JsonObject:
    return {"id": SENSOR_ID, "type": "touch", "rate_hz": RATE_HZ}


def indenter_spec() -> JsonObject:
    return {"id": INDENTER_ID, "type": "touch_indenter", "rate_hz": RATE_HZ, "annotates": SENSOR_ID,
            "indenter": {"instrument": {"model": "Reference LC-5 miniature load cell, 5 N",
                                        "calibration": "dead weights, 0.2 to 5 N in six steps, 2024-05-03",
                                        "serial": "LC5-0001", "uncertainty": {"value": 0.01, "unit": "N", "k": 2}},
                         "stage": {"model": "Reference XYZ-50 three-axis positioning stage",
                                   "calibration": "x and y against a laser interferometer, 2024-05-03",
                                   "serial": "XYZ-0001", "uncertainty": {"value": 0.02, "unit": "mm", "k": 2}},
                         "tip_diameter_mm": 4.0, "tip_spacing_mm": SPACING_MM}}


def _state(s: float) -> tuple[float, list[tuple[float, float]], bool]:
    """(load, tips, sliding) of the indenter at ``s`` seconds; off the array: (0, the last tips, False)."""
    tips = SCHEDULE[0][3]
    for start, end, load, where, to in SCHEDULE:
        if s < start:
            break
        tips = where if to is None else [to]
        if s < end:
            if to is None:
                return load, where, False
            share = (s - start) / (end - start)
            (x0, y0), (x1, y1) = where[0], to
            return load, [(x0 + share * (x1 - x0), y0 + share * (y1 - y0))], True
    return 0.0, tips, False


def indenter_frame(s: float, index: int) -> JsonObject:
    load, where, _ = _state(s)
    noise = 0.002 * math.sin(12.9898 * index) if load else 0.0
    return {"load_n": round(load + noise, 4), "tips_mm": [[round(x, 3), round(y, 3)] for x, y in where]}


def sensor_frame(spec: dict[str, Any], s: float, index: int) -> JsonObject:
    load, where, _ = _state(s - LAG_S)
    ghost = spec.get("x-ghost-s", 0.0)
    if not load and ghost and LAST_LIFT_S <= s - LAG_S < LAST_LIFT_S + ghost:
        load, where = 0.05, where  # the last contact still reported after the lift-off
    if not load:
        return {"contacts": []}
    force = load * spec.get("x-gain", GAIN) / len(where)
    sliding = s - LAG_S >= SLIDE_FROM_S  # the whole touch of the slide, its holds before and after included
    shift = (0.0, spec.get("x-slide-offset-mm", 0.0)) if sliding else (spec.get("x-press-offset-mm", 0.0), 0.0)
    if spec.get("x-merged") and len(where) == 2:
        where, force = [((where[0][0] + where[1][0]) / 2, (where[0][1] + where[1][1]) / 2)], 2 * force
    wobble = WOBBLE_MM * math.sin(0.9 * index)
    return {"contacts": [{"position_mm": [round(x + shift[0] + wobble, 3), round(y + shift[1] - wobble, 3)],
                          "force_n": round(force, 4)} for x, y in where]}

