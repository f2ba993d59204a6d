"""A synthetic distance test (TD-AUD-007): a renderer's two ear signals while two test sources play,
each at several distances along one direction, around a still listener.

The listener stands at the stage's origin at ear height facing -Z, as TD-AUD-004's rig. Each source
of ``SOURCES`` (its name, azimuth and noise seed) plays the same noise burst of ``BURST_S`` at each of
``DISTANCES_M``, one signal after another, declared in ``binaural.test_signals`` with its ``source``;
the scene's distance model (``MODEL``, Web Audio's inverse model with a reference distance of 2 m) is
declared in ``binaural.distance_model``. The renderer scales each burst by the model's gain at the
signal's declared distance and renders it from its azimuth as TD-AUD-004's rig does (the spherical
head's ITD, up to 10 dB of ILD), ``LATENCY_S`` after the declared start.

The stream's ``x-distance-rendering`` member, which a fault sets, changes the gain rendered: ``none``
(distance ignored), ``linear`` (the linear model with the declared parameters, not the declared
inverse one), ``unclamped`` (the inverse formula without its clamp at the reference distance, so a
nearer source grows louder), ``linear-unclamped`` (the linear formula without its clamp at the maximum
distance, so the gain's magnitude grows again beyond it).

:func:`linear_scene` declares the same rig under the linear model with a rolloff factor of 1
(``LINEAR_MODEL``, 2 to 8 m), each source's 1 m signal moved to ``BEYOND_M``: its gain is 0 at the maximum
distance and beyond, where a correct renderer is silent (TD-AUD-007's floor, not a level within 1 dB).
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np

from ..distance import DistanceModel, declared_model
from .binaural import EAR_HEIGHT_M, T0, add_burst

DISTANCE_ID = "distance-ears"
RATE_HZ = 16_000  # levels need no more, and the ITD stays within TD-AUD-004's limit at 62.5 us a sample
BLOCK_S = 0.01
LATENCY_S = 0.005
BURST_S, FIRST_S, EVERY_S = 0.05, 0.2, 0.3  # each window (burst plus 100 ms) ends before the next burst
SOURCES = (("a", 30.0, 700), ("b", -60.0, 701))  # name, azimuth (anticlockwise from the front), noise seed
DISTANCES_M = (2.0, 4.0, 1.0, 8.0)  # as played: the reference distance, two beyond it, one nearer
MODEL = {"model": "inverse", "ref_distance_m": 2.0, "max_distance_m": 10.0, "rolloff_factor": 1.0}
LEVEL = 0.1  # the bursts' RMS at the reference distance, -20 dB FS (twice that unclamped at 1 m)
#: the linear scene: silent at 8 m and beyond, the 1 m signals played at 12 m instead
LINEAR_REF_M, BEYOND_M = 2.0, 12.0
LINEAR_MODEL = {"model": "linear", "ref_distance_m": LINEAR_REF_M, "max_distance_m": 8.0, "rolloff_factor": 1.0}


def _position(distance: float, azimuth: float) -> dict[str, float]:
    a = math.radians(azimuth)
    return {"x": round(-distance * math.sin(a), 6), "y": EAR_HEIGHT_M, "z": round(-distance * math.cos(a), 6)}


def distance_spec() -> dict[str, Any]:
    """The binaural stream's declaration: the recorder, the listener, the distance model, the signals."""
    signals = []
    for s, (name, azimuth, _) in enumerate(SOURCES):
        for d, distance in enumerate(DISTANCES_M):
            k = s * len(DISTANCES_M) + d
            signals.append({"t": T0 + round((FIRST_S + k * EVERY_S) * 1e9), "duration_ms": BURST_S * 1e3,
                            "position": _position(distance, azimuth),
                            "signal": "white_noise_burst", "source": name})
    return {"id": DISTANCE_ID, "type": "binaural", "rate_hz": round(1 / BLOCK_S),
            "binaural": {"sample_rate_hz": RATE_HZ,
                         "recorder": {"kind": "digital_output", "model": "renderer's stereo output, 24-bit capture",
                                      "calibration": "0 dB FS at full scale; both channels checked with a 1 kHz tone"},
                         "listener": {"position": {"x": 0.0, "y": EAR_HEIGHT_M, "z": 0.0},
                                      "orientation": {"x": 0.0, "y": 0.0, "z": 0.0, "w": 1.0}},
                         "distance_model": dict(MODEL), "test_signals": signals}}


def linear_scene(spec: dict[str, Any]) -> None:
    """The rig declared under ``LINEAR_MODEL`` (silent at 8 m and beyond), each source's 1 m signal at
    ``BEYOND_M``: per source 2 m (the reference), 4 m (R1, -3.5 dB), 8 m (R1, silent) and 12 m (R2, silent)."""
    declared = spec["binaural"]
    declared["distance_model"] = dict(LINEAR_MODEL)
    azimuths = {name: azimuth for name, azimuth, _ in SOURCES}
    for item, distance in zip(declared["test_signals"], DISTANCES_M * len(SOURCES), strict=True):
        if distance < LINEAR_REF_M:
            item["position"] = _position(BEYOND_M, azimuths[item["source"]])


def linear_unclamped(header: dict[str, Any], spec: dict[str, Any]) -> None:
    """:func:`linear_scene` rendered by the linear formula without its clamp at the maximum distance."""
    linear_scene(spec)
    spec["x-distance-rendering"] = "linear-unclamped"


@cache
def _burst(seed: int) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, LEVEL, round(BURST_S * RATE_HZ))


def _rendered_gain(model: DistanceModel, rendering: str | None, distance_m: float) -> float:
    if rendering == "none":
        return 1.0
    if rendering == "linear":
        return DistanceModel("linear", model.ref_m, model.max_m, model.rolloff).gain(distance_m)
    if rendering == "unclamped":  # the inverse formula without max(d, ref)
        return model.ref_m / (model.ref_m + model.rolloff * (distance_m - model.ref_m))
    if rendering == "linear-unclamped":  # the linear formula without min(d, max): below 0 beyond max
        rolloff = min(max(model.rolloff, 0.0), 1.0)
        return 1.0 - rolloff * (max(distance_m, model.ref_m) - model.ref_m) / (model.max_m - model.ref_m)
    return model.gain(distance_m)


def distance_block(spec: dict[str, Any], s: float) -> dict[str, list[float]]:
    """The block of both ears from ``s`` seconds into the capture: each declared signal at its
    declared position, attenuated for its distance."""
    declared = spec["binaural"]
    model = declared_model(spec) or DistanceModel("inverse", 1.0, 10_000.0, 1.0)
    n, first = round(BLOCK_S * RATE_HZ), round(s * RATE_HZ)
    ears = {"left": np.zeros(n), "right": np.zeros(n)}
    seeds = {name: seed for name, _, seed in SOURCES}
    for item in declared.get("test_signals", ()):
        start_s = (item["t"] - T0) / 1e9 + LATENCY_S
        if start_s + BURST_S < s or start_s > s + BLOCK_S:
            continue
        x, z = item["position"]["x"], item["position"]["z"]
        distance = math.hypot(x, item["position"]["y"] - EAR_HEIGHT_M, z)
        gain = _rendered_gain(model, spec.get("x-distance-rendering"), distance)
        add_burst(ears, first, RATE_HZ, start_s, math.degrees(math.atan2(-x, -z)), gain * _burst(seeds[item["source"]]))
    return {ear: np.round(values, 4).tolist() for ear, values in ears.items()}
