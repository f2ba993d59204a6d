"""A headset on the photon rig (TD-DISP-009): a rotary stage turning it past a trigger angle and back,
and a photodiode at each eyepiece.

The display refreshes at 90 Hz; frame k is shown at ``k / 90 s + SHOW_OFFSET_S`` and lit for
``PERSISTENCE_S`` (the left eye; the right eye ``EYE_SKEW_S`` later). The test application draws it
white when the pose it was rendered from, sampled ``PIPELINE_S`` before the frame is shown, is past
the trigger angle, black otherwise. The stage's encoder marks each crossing: ``stage/enter`` at
``ENTERS``, ``stage/leave`` at ``LEAVES``. Each photodiode sample is the share of its sample
interval the pixels were lit (a box filter, as an integrating detector reads a pulse), to 3 decimals:
the edges fall between samples and are read to a fraction of one.

Faults reach it through ``x-`` members of the photodiode streams (faults.py sets them):
``x-pipeline-s`` (the pose is that much older), ``x-persistence-s`` (each frame lit that long),
``x-drop-every`` (every n-th frame not shown), ``x-skew-s`` (this eye shown that much later).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

STAGE_ID = "stage"
LEFT_ID, RIGHT_ID = "photodiode_left", "photodiode_right"
DISPLAY_ID = "display"
RATE_HZ = 10_000
BLOCK_S = 0.1
REFRESH_HZ = 90.0
SHOW_OFFSET_S = 0.0031
PERSISTENCE_S = 0.0018  # the descriptor declares 2.0 ms
PIPELINE_S = 0.005
EYE_SKEW_S = 0.0001
#: the stage turns past the trigger angle at these seconds, and back at LEAVES
ENTERS = (0.1037, 1.4071, 2.7113)
LEAVES = (1.3, 2.6, 3.9)


def photodiode_spec(eye: str) -> JsonObject:
    serial = "PD2-0001" if eye == "left" else "PD2-0002"
    return {"id": LEFT_ID if eye == "left" else RIGHT_ID, "type": "photodiode", "annotates": DISPLAY_ID,
            "photodiode": {"sample_rate_hz": RATE_HZ, "eye": eye,
                           "instrument": {"model": "Reference PD-2 fast silicon photodiode, 1 us rise",
                                          **declared(serial), "rise_time_us": 1.0,
                                          "calibration": "responsivity and rise time against a reference "
                                                         "photodiode and a pulsed LED, 2024-04-24"}}}


def stage_spec() -> JsonObject:
    return {"id": STAGE_ID, "type": "stage_trigger", "annotates": DISPLAY_ID,
            "measured_by": {"kind": "rotary_stage", "model": "Reference RS-2 rotary stage with an encoder trigger "
                            "output", **declared("RS-0002"), "placement": "headset clamped at its forehead pad, "
                            "eyepieces on the axis",
                            "calibration": "trigger output timing against the encoder and a reference clock, "
                                           "2024-04-24"}}


def stage_times(start: float, end: float) -> list[tuple[float, str]]:
    marks = [(at, "stage/enter") for at in ENTERS] + [(at, "stage/leave") for at in LEAVES]
    return sorted(m for m in marks if start <= m[0] < end)


def stage_frame(s: float) -> JsonObject:
    return {"value": next(v for at, v in stage_times(s, s + 1e-9))}


def _lit(spec: dict[str, Any], frame: np.ndarray, shown: np.ndarray) -> np.ndarray:
    pose = shown - spec.get("x-pipeline-s", PIPELINE_S)
    lit = np.zeros(len(frame), dtype=bool)
    for enter, leave in zip(ENTERS, LEAVES, strict=True):
        lit |= (pose >= enter) & (pose < leave)
    every = spec.get("x-drop-every")
    if every:
        lit &= frame % every != every // 2
    return lit


def photodiode_block(spec: dict[str, Any], s: float) -> list[float]:
    """One block of a photodiode's trace from ``s`` seconds: each sample the lit share of its interval."""
    period = 1 / REFRESH_HZ
    offset = SHOW_OFFSET_S + (EYE_SKEW_S if spec["photodiode"]["eye"] == "right" else 0.0) + spec.get("x-skew-s", 0.0)
    width = spec.get("x-persistence-s", PERSISTENCE_S)
    edges = s + np.arange(round(BLOCK_S * RATE_HZ) + 1) / RATE_HZ
    first = math.floor((s - offset - width) / period)
    frame = np.arange(first, math.ceil((s + BLOCK_S - offset) / period) + 1)
    shown = frame * period + offset
    on = _lit(spec, frame, shown)
    cover = np.zeros(len(edges) - 1)
    for begin in shown[on]:
        cover += np.clip(np.minimum(edges[1:], begin + width) - np.maximum(edges[:-1], begin), 0, None)
    return [round(v, 3) for v in (cover * RATE_HZ).tolist()]
