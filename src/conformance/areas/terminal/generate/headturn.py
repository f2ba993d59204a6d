"""A synthetic head-tracked binaural recording (TD-AUD-005): a head and torso simulator turning on a
turntable while a world-fixed source plays, and what the renderer sends to its ears.

The simulator's head stands at the stage's origin at ear height and turns about the vertical axis,
``TURN_DEG`` either way, once every ``PERIOD_S`` (its pose stream ``hats``, 100 Hz). A source 1.5 m
in front of the head's rest direction plays white noise from ``SIGNAL_FROM_S`` for ``SIGNAL_S``.
The renderer places it from the head pose it was given ``LATENCY_S`` earlier: the far ear delayed
by the spherical head's ITD for the source's lateral angle there (linear interpolation between
samples) and attenuated by up to 10 dB, as generate/binaural.py renders a fixed listener's sources.

The ``x-`` members a fault sets change what is rendered or done: ``x-latency-ms`` (the head pose
this much older), ``x-head-locked`` (the source rendered where it was relative to the head when the
signal began: it turns with the head), ``x-front-back`` (the source rendered at its front-back
mirror in stage space, 1.5 m behind the head's rest direction, as a renderer taking +Z for forward
would: a static head hears the same ITD, the turning head hears it swing the other way),
``x-turn-deg`` (the turntable's swing, on both streams).
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..binaural import woodworth_itds_us
from .binaural import EAR_HEIGHT_M, MAX_ILD_DB, T0
from .motion import Quat, quat_axis
from .apparatus import declared

if TYPE_CHECKING:
    from conformance.area import JsonObject

HEAD_ID, EARS_ID = "hats", "ears_turning"
RATE_HZ = 16_000  # what a HATS's ear simulators are often recorded at for speech; enough for an ITD track
BLOCK_S = 0.01
TURN_DEG, PERIOD_S = 40.0, 2.0
LATENCY_S = 0.02
SIGNAL_FROM_S, SIGNAL_S = 0.5, 2.4
DISTANCE_M = 1.5
LEVEL = 0.2  # the noise's RMS, about -14 dB FS


def head_spec() -> JsonObject:
    return {"id": HEAD_ID, "type": "pose", "rate_hz": 100, "space": "stage", "path": "/user/head"}


def ears_spec() -> JsonObject:
    """The head-tracked binaural stream's declaration: the recorder, the source, the head's stream."""
    return {"id": EARS_ID, "type": "binaural", "rate_hz": round(1 / BLOCK_S),
            "binaural": {"sample_rate_hz": RATE_HZ,
                         "recorder": {"kind": "head_and_torso_simulator",
                                      "model": "head and torso simulator on a turntable, ear simulators per ITU-T P.57", **declared("HATS-0001"),
                                      "calibration": "94 dB SPL at 1 kHz per ear with a sound calibrator"},
                         "head_tracked": {"pose_stream": HEAD_ID, "t": T0 + round(SIGNAL_FROM_S * 1e9),
                                          "duration_ms": SIGNAL_S * 1e3,
                                          "position": {"x": 0.0, "y": EAR_HEIGHT_M, "z": -DISTANCE_M},
                                          "signal": "white_noise"}}}


def yaw_rad(spec: dict[str, Any], s: np.ndarray | float) -> np.ndarray | float:
    """The turntable's yaw at ``s`` seconds (positive: turned left, anticlockwise from above)."""
    return math.radians(spec.get("x-turn-deg", TURN_DEG)) * np.sin(2 * math.pi * np.asarray(s) / PERIOD_S)


def turntable(spec: dict[str, Any], s: float) -> tuple[Quat, np.ndarray]:
    """The simulator's head pose at ``s`` seconds."""
    return quat_axis((0, 1, 0), float(yaw_rad(spec, s))), np.array([0.0, EAR_HEIGHT_M, 0.0])


@cache
def _noise(n: int) -> np.ndarray:
    return np.random.default_rng(505).normal(0.0, LEVEL, n)


def head_turn_block(spec: dict[str, Any], s: float) -> dict[str, list[float]]:
    """The block of both ears from ``s`` seconds into the capture."""
    n = round(BLOCK_S * RATE_HZ)
    at = s + np.arange(n) / RATE_HZ
    latency = spec.get("x-latency-ms", LATENCY_S * 1e3) / 1e3
    given = np.full(n, SIGNAL_FROM_S) if spec.get("x-head-locked") else at - latency  # the pose the renderer used
    # a source ahead, the head turned left: heard on the right; behind (its front-back mirror): on the left
    lateral = np.asarray(yaw_rad(spec, given)) * (1.0 if spec.get("x-front-back") else -1.0)
    itd = woodworth_itds_us(lateral) / 1e6
    noise = _noise(round(SIGNAL_S * RATE_HZ))
    far = 10 ** (-MAX_ILD_DB * np.abs(np.sin(lateral)) / 20)
    ears = {}
    for ear, delay, gain in (("left", np.maximum(-itd, 0.0), np.where(lateral >= 0, 1.0, far)),
                             ("right", np.maximum(itd, 0.0), np.where(lateral >= 0, far, 1.0))):
        k = (at - SIGNAL_FROM_S - 0.005 - delay) * RATE_HZ  # the renderer's 5 ms of audio output latency
        inside = (k >= 0) & (k <= len(noise) - 1)
        ears[ear] = np.where(inside, gain * np.interp(k, np.arange(len(noise)), noise), 0.0)
    return {ear: np.round(values, 3).tolist() for ear, values in ears.items()}
