"""A synthetic binaural recording (TD-AUD-004): a renderer's two ear signals while test sources play.

The rig's listener stands at the stage's origin at ear height, facing -Z. Eight noise bursts of
50 ms play one after another, each from a source 1.5 m away at an azimuth of ``AZIMUTHS_DEG``
(anticlockwise from the front, positive to the left). The renderer delays the far ear by the
spherical-head ITD of the source's lateral angle (to the nearest sample) and attenuates it by up
to 10 dB, ``LATENCY_S`` after the declared start. Frames are blocks of ``BLOCK_S``.

The ``x-`` members a fault sets change what is rendered: ``x-itd-scale`` (the ITD times this),
``x-mirrored`` (left and right swapped), ``x-silent`` (that ear silent), ``x-rendered-hz`` (the
rate the samples were made at, when the declaration states another). With ``mono_audio`` declared (the
device's mono audio setting on, TD-ACC-004) both ears get the mix of the two, unless ``x-mono-ignored``
keeps the stereo panning or ``x-muted`` sends nothing to either ear.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import numpy as np

from ..binaural import lateral_deg, woodworth_itd_us

T0 = 1_000_000_000_000  # the capture's first sample time (capture.T0)
BLOCK_S = 0.01
RATE_HZ = 48_000
LATENCY_S = 0.005
BURST_S, FIRST_S, EVERY_S = 0.05, 0.2, 0.35
AZIMUTHS_DEG = (0.0, 30.0, 60.0, 90.0, -30.0, -60.0, -90.0, 135.0)
DISTANCE_M, EAR_HEIGHT_M = 1.5, 1.6
LEVEL = 0.25  # the bursts' RMS, about -12 dB FS
MAX_ILD_DB = 10.0


def ears_spec() -> dict[str, Any]:
    """The binaural stream's declaration: the recorder, the listener, the test signals."""
    signals = []
    for k, azimuth in enumerate(AZIMUTHS_DEG):
        a = math.radians(azimuth)
        signals.append({"t": T0 + round((FIRST_S + k * EVERY_S) * 1e9), "duration_ms": BURST_S * 1e3,
                        "position": {"x": round(-DISTANCE_M * math.sin(a), 6), "y": EAR_HEIGHT_M,
                                     "z": round(-DISTANCE_M * math.cos(a), 6)},
                        "signal": "white_noise_burst"})
    return {"id": "ears", "type": "binaural", "rate_hz": round(1 / BLOCK_S),
            "binaural": {"sample_rate_hz": RATE_HZ,
                         "recorder": {"kind": "digital_output", "model": "renderer's stereo output, 24-bit capture",
                                      "calibration": "0 dB FS at full scale; both channels checked with a 1 kHz tone"},
                         "listener": {"position": {"x": 0.0, "y": EAR_HEIGHT_M, "z": 0.0},
                                      "orientation": {"x": 0.0, "y": 0.0, "z": 0.0, "w": 1.0}},
                         "test_signals": signals}}


@cache  # every block of a capture adds every burst: drawn once a process, read only
def _burst(k: int, n: int) -> np.ndarray:
    """Signal ``k``'s noise burst of ``n`` samples: white noise of LEVEL RMS, 2 ms raised-cosine ramps."""
    noise = np.random.default_rng(500 + k).normal(0.0, LEVEL, n)
    ramp = min(n // 2, 96)
    envelope = np.ones(n)
    envelope[:ramp] = 0.5 - 0.5 * np.cos(np.pi * np.arange(ramp) / ramp)
    envelope[n - ramp:] = envelope[:ramp][::-1]
    burst = noise * envelope
    burst.flags.writeable = False
    return burst


def add_burst(ears: dict[str, np.ndarray], first: int, rate: float, start_s: float, azimuth_deg: float,
              burst: np.ndarray, itd_scale: float = 1.0) -> None:
    """Add to the ears' block (its first sample ``first``) a burst rendered from ``azimuth_deg`` on the
    horizontal plane, starting ``start_s`` into the capture: the far ear delayed by the spherical head's
    ITD (times ``itd_scale``, to the nearest sample) and attenuated by up to MAX_ILD_DB."""
    lateral = lateral_deg(azimuth_deg, 0.0)
    itd = woodworth_itd_us(math.radians(lateral)) * itd_scale / 1e6
    near_gain, far_gain = 1.0, 10 ** (-MAX_ILD_DB * abs(math.sin(math.radians(lateral))) / 20)
    gains = {"left": near_gain, "right": far_gain} if lateral >= 0 else {"left": far_gain, "right": near_gain}
    delays = {"left": max(-itd, 0.0), "right": max(itd, 0.0)}
    for ear, samples in ears.items():
        start = round((start_s + delays[ear]) * rate)
        lo, hi = max(start, first), min(start + len(burst), first + len(samples))
        if lo < hi:
            samples[lo - first:hi - first] += gains[ear] * burst[lo - start:hi - start]


def mono_mix(spec: dict[str, Any], ears: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """What a mono setting sends to the ears: the mean of both channels to each (unless a fault says not)."""
    if spec.get("x-muted"):
        return {ear: np.zeros_like(values) for ear, values in ears.items()}
    if spec.get("x-mono-ignored"):
        return ears
    mix = (ears["left"] + ears["right"]) / 2
    return {"left": mix, "right": mix.copy()}


def binaural_block(spec: dict[str, Any], s: float) -> dict[str, list[float]]:
    """The block of both ears from ``s`` seconds into the capture."""
    declared = spec["binaural"]
    rate = declared.get("x-rendered-hz", declared["sample_rate_hz"])
    n = round(BLOCK_S * rate)
    first = round(s * rate)
    ears = {"left": np.zeros(n), "right": np.zeros(n)}
    scale = spec.get("x-itd-scale", 1.0)
    for k, azimuth in enumerate(AZIMUTHS_DEG):
        add_burst(ears, first, rate, FIRST_S + k * EVERY_S + LATENCY_S, azimuth, _burst(k, round(BURST_S * rate)),
                  scale)
    if spec["binaural"].get("mono_audio"):  # the device's mono audio setting on (TD-ACC-004)
        ears = mono_mix(spec, ears)
    if spec.get("x-mirrored"):
        ears = {"left": ears["right"], "right": ears["left"]}
    if spec.get("x-silent") in ears:
        ears[spec["x-silent"]] = np.zeros(n)
    return {ear: np.round(values, 4).tolist() for ear, values in ears.items()}
