"""A synthetic ambisonic export (TD-AUD-006): the first-order AmbiX stream a renderer exports while
declared test sources play around a fixed listener.

The listener stands at the stage's origin at ear height facing -Z (its pose declared in the
stream's ``audio.listener``). Six noise bursts of ``BURST_S`` play one after another, each from a
source 1.5 m away in a direction of ``DIRECTIONS_DEG`` (azimuth anticlockwise from the front,
elevation upwards), declared in ``audio.test_sources``. The renderer encodes each as a plane wave
``LATENCY_S`` after its declared start, in ACN order with SN3D weights (W = s, Y = s sin az cos el,
Z = s sin el, X = s cos az cos el), with a little uncorrelated noise in every channel.

The ``x-`` members a fault sets change what is exported: ``x-fuma`` (the channels in FuMa's
W, X, Y, Z order with W at -3 dB, still declared ACN and SN3D), ``x-elevation-flipped`` (every
source encoded at minus its elevation), ``x-rotated-deg`` (every source encoded this far
anticlockwise of its azimuth), ``x-dropped-source`` (that source not encoded at all).
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from .binaural import EAR_HEIGHT_M, T0

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject

FIELD_ID = "field"
RATE_HZ = 8_000  # a first-order field's directions need no more
BLOCK_S = 0.01
BURST_S, FIRST_S, EVERY_S = 0.1, 0.2, 0.3  # each window (burst plus 100 ms) ends before the next burst
LATENCY_S = 0.005
DIRECTIONS_DEG = ((30.0, 0.0), (-60.0, 20.0), (120.0, -15.0), (-150.0, 40.0), (90.0, 30.0), (0.0, -35.0))
DISTANCE_M = 1.5
LEVEL, NOISE_FLOOR = 0.2, 0.0005  # RMS: the bursts about -14 dB FS, the floor -66 dB FS


def field_spec() -> JsonObject:
    """The ambisonic stream's declaration: AmbiX first order, the listener, the test sources."""
    sources: JsonArray = []
    for k, (azimuth, elevation) in enumerate(DIRECTIONS_DEG):
        a, e = math.radians(azimuth), math.radians(elevation)
        sources.append({"t": T0 + round((FIRST_S + k * EVERY_S) * 1e9), "duration_ms": BURST_S * 1e3,
                        "position": {"x": round(-DISTANCE_M * math.sin(a) * math.cos(e), 6),
                                     "y": round(EAR_HEIGHT_M + DISTANCE_M * math.sin(e), 6),
                                     "z": round(-DISTANCE_M * math.cos(a) * math.cos(e), 6)},
                        "signal": "white_noise"})
    return {"id": FIELD_ID, "type": "audio", "rate_hz": round(1 / BLOCK_S),
            "audio": {"format": "ambisonics", "order": 1, "channels": 4, "ordering": "ACN", "normalization": "SN3D",
                      "sample_rate_hz": RATE_HZ, "bit_depth": 24,
                      "listener": {"position": {"x": 0.0, "y": EAR_HEIGHT_M, "z": 0.0},
                                   "orientation": {"x": 0.0, "y": 0.0, "z": 0.0, "w": 1.0}},
                      "test_sources": sources}}


@cache
def _burst(k: int) -> np.ndarray:
    return np.random.default_rng(600 + k).normal(0.0, LEVEL, round(BURST_S * RATE_HZ))


def field_block(spec: dict[str, Any], s: float, index: int) -> list[list[float]]:
    """The four ACN channels of the block from ``s`` seconds into the capture."""
    n = round(BLOCK_S * RATE_HZ)
    at = s + np.arange(n) / RATE_HZ
    out = np.random.default_rng(9_000 + index).normal(0.0, NOISE_FLOOR, (4, n))
    for k, (azimuth, elevation) in enumerate(DIRECTIONS_DEG):
        i = np.round((at - FIRST_S - k * EVERY_S - LATENCY_S) * RATE_HZ).astype(np.int64)
        inside = (i >= 0) & (i < round(BURST_S * RATE_HZ))
        if not inside.any() or k == spec.get("x-dropped-source"):
            continue
        signal = np.where(inside, _burst(k)[np.clip(i, 0, None) % len(_burst(k))], 0.0)
        a = math.radians(azimuth + spec.get("x-rotated-deg", 0.0))
        e = math.radians(-elevation if spec.get("x-elevation-flipped") else elevation)
        gains = (1.0, math.sin(a) * math.cos(e), math.sin(e), math.cos(a) * math.cos(e))  # W, Y, Z, X (ACN, SN3D)
        out += np.outer(gains, signal)
    if spec.get("x-fuma"):  # W, X, Y, Z with FuMa's W weight of 1 / sqrt(2)
        out = np.stack((out[0] / math.sqrt(2), out[3], out[1], out[2]))
    return np.round(out, 4).tolist()
