"""A near-eye display's blue-light weighted radiance, as a spectroradiometer at an eyepiece measures it (TD-DISP-010).

A ``spectrum`` stream is a calibrated spectroradiometer looking through one eyepiece of a headset showing full-field
white at its highest brightness: its declaration's ``spectrum`` names the eye, the first wavelength (``start_nm``),
the step (``step_nm``) and the ``instrument`` (model, calibration; optionally serial and the expanded uncertainty of
one reading, in %); each frame's ``radiance`` holds one spectral radiance (W m^-2 sr^-1 nm^-1) per wavelength. While
the frames are read, each becomes one number (columns, memory flat): its blue-light weighted radiance
L_B = sum of L(lambda) B(lambda) d(lambda) with IEC 62471's blue-light hazard function B (:func:`hazard`); a frame
not spanning ``FROM_NM`` to ``TO_NM`` with finite, non-negative radiances is counted as unusable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from conformance import msg

from .._shared.uncertainty import u_median
from .chunk import Chunk
from .flicker import block_samples
from .jsonread import calibrated_model, is_finite
from .model import CaptureAnalysis, StreamStats
from .readings import Capped, joined

if TYPE_CHECKING:
    from conformance.area import JsonObject

KIND = "spectrum"
FROM_NM, TO_NM = 380.0, 700.0  # the span a frame must cover (B is 0.01 below 380 nm and 0.001 above 600 nm)
MAX_STEP_NM = 5.0
MIN_FRAMES = 5
MAX_FRAMES = 200_000

#: IEC 62471:2006 (after ICNIRP), the blue-light hazard function B(lambda) from 380 to 500 nm in 5 nm steps;
#: from 500 to 600 nm it is 10^((450 - lambda) / 50), from 600 to 700 nm 0.001
_TABLE_NM = np.arange(380.0, 500.0 + 1, 5.0)
_TABLE_B = np.array([0.01, 0.013, 0.025, 0.05, 0.10, 0.20, 0.40, 0.80, 0.90, 0.95, 0.98, 1.0, 1.0, 0.97, 0.94,
                     0.90, 0.80, 0.70, 0.62, 0.55, 0.45, 0.40, 0.22, 0.16, 0.10])


def hazard(nm: np.ndarray) -> np.ndarray:
    """B(lambda) at each wavelength (nm): the table's values between its rows interpolated linearly."""
    nm = np.asarray(nm, dtype=np.float64)
    b = np.interp(nm, _TABLE_NM, _TABLE_B)
    b = np.where(nm > 500, 10 ** ((450 - nm) / 50), b)
    b = np.where(nm > 600, 0.001, b)
    return np.where(nm < 380, 0.01, b)


@dataclass
class Weighted(Capped):
    """A spectrum stream's per-frame blue-light weighted radiance (W m^-2 sr^-1), chunk by chunk."""

    start_nm: float
    step_nm: float
    t: list[np.ndarray] = field(default_factory=list)
    l_b: list[np.ndarray] = field(default_factory=list)
    unusable: int = 0  # frames not spanning FROM_NM to TO_NM with finite, non-negative radiances


@dataclass
class Exposure:
    sensor: str
    eye: str
    model: str
    l_b: float  # the median over the frames
    u_a: float  # its standard uncertainty (type A)
    frames: int
    unusable: int


def declaration(spec: JsonObject) -> tuple[float, float, str, str] | None:
    """(start, step, eye, instrument model) a spectrum stream declares; None when it declares none usable."""
    held = spec.get(KIND)
    if not isinstance(held, dict):
        return None
    start, step, eye, instrument = held.get("start_nm"), held.get("step_nm"), held.get("eye"), held.get("instrument")
    model = calibrated_model(instrument)
    if not is_finite(start) or not is_finite(step) or model is None or not isinstance(eye, str) \
            or eye not in ("left", "right") or not (0 < step <= MAX_STEP_NM and 200 <= start <= 800):
        return None
    return float(start), float(step), eye, model


def read_spectrum(result: CaptureAnalysis) -> None:
    """Each spectrum stream declaring a usable span and instrument keeps its weighted radiances."""
    for stats in result.streams_of(KIND):
        held = declaration(stats.spec)
        if held is not None:
            stats.blue_light = Weighted(held[0], held[1])


def check_spectrum_frames(chunk: Chunk) -> None:
    """Each frame's weighted radiance kept; a frame whose radiances are no array of finite, non-negative numbers
    spanning FROM_NM to TO_NM is counted as unusable instead."""
    weighted: Weighted | None = chunk.stats.blue_light
    if weighted is None or not len(chunk):
        return
    samples, sizes, unread = block_samples([f.radiance for f in chunk.frames])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    l_b = np.full(len(chunk), np.nan)
    for row, (start, count) in enumerate(zip(starts.tolist(), sizes.tolist(), strict=True)):
        v = samples[start:start + count]
        nm = weighted.start_nm + weighted.step_nm * np.arange(count)
        if count and nm[0] <= FROM_NM and nm[-1] >= TO_NM and np.isfinite(v).all() and (v >= 0).all():
            l_b[row] = float(np.sum(v * hazard(nm)) * weighted.step_nm)
    l_b[unread] = np.nan
    usable = np.flatnonzero(~np.isnan(l_b))
    weighted.unusable += len(chunk) - len(usable)
    room = weighted.take(MAX_FRAMES, len(usable))
    if room:
        weighted.t.append(np.asarray(chunk.t)[usable[:room]])
        weighted.l_b.append(l_b[usable[:room]])


def measure(analysis: CaptureAnalysis, stats: StreamStats) -> Exposure | tuple[str, dict[str, object]]:
    """A spectrum stream's median weighted radiance; else why it cannot be judged."""
    held = declaration(stats.spec)
    weighted: Weighted | None = stats.blue_light
    if held is None or weighted is None:
        return "terminal.spectrum-undeclared", {}
    values = joined(weighted.l_b)
    if len(values) < MIN_FRAMES:
        return "terminal.spectrum-too-few", {"count": len(values), "minimum": MIN_FRAMES,
                                             "unusable": weighted.unusable}
    return Exposure(stats.id, held[2], held[3], float(np.median(values)), u_median(values), len(values),
                    weighted.unusable)
