"""The ambisonic sound field measured (TD-AUD-006): the direction each declared test source arrives
from in an ambisonic stream a device or renderer exports, against the direction it was played from.

An ``audio`` stream of format ``ambisonics`` (AmbiX: ACN channel order, SN3D normalisation, as
TD-AUD-001 reads the declaration) may carry its sound: each block's ``field``, one array of samples
per channel in the declared order. Recorded while a test application plays test sources at known
positions, it declares in ``audio`` the ``listener`` (the pose in stage space whose axes the
field is counted in) and the ``test_sources`` (each ``t``, ``duration_ms``, ``position``: the
ground truth), as a binaural stream declares its test signals (:func:`.binaural.declared_signals`,
windows from a source's start to 100 ms past its end, those overlapping another's not measured).

Over each source's window, from the first-order channels (ACN 0 .. 3: W, Y, Z, X):

- the pseudo-intensity vector, the time average of W times (X, Y, Z): it points to where a plane
  wave comes from, so its azimuth (anticlockwise from the front) and elevation (upwards) are the
  direction of arrival; read as FuMa's order (W, X, Y, Z) too, to say so when that fits better;
- the first order's energy over W's, in dB: a plane wave gives 0 dB in SN3D (X^2 + Y^2 + Z^2 = W^2),
  10 log10 3 = 4.8 dB in N3D, and 3.0 dB in FuMa (W weighted 1 / sqrt 2);
- W's RMS level in dB full scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
import msgspec
import numpy as np

from conformance import Message, msg

from .audio import declaration
from .binaural import Source, declared_signals, gather_windows
from .chunk import Chunk
from .model import CaptureAnalysis, StreamStats

#: a plane wave's first-order energy over W's, in dB, per normalisation (FuMa's for the diagnosis)
PLANE_WAVE_DB = {"SN3D": 0.0, "N3D": 10 * math.log10(3), "FuMa": 10 * math.log10(2)}
_FIELD = msgspec.json.Decoder(list[list[float]])


@dataclass(frozen=True)
class Heard:
    """One test source's window: W's level (dB FS), the direction of arrival (degrees) read in the
    declared ACN order and in FuMa's, the first order's energy over W's (dB), and where it began."""

    signal: Source
    w_dbfs: float
    azimuth_deg: float
    elevation_deg: float
    fuma_azimuth_deg: float
    fuma_elevation_deg: float
    first_order_db: float
    where: dict[str, object]


@dataclass
class FieldState:
    """An ambisonic stream's blocks carrying sound: the windows gathered, the sources heard."""

    rate_hz: float
    signals: list[Source] | None  # None: no listener or no usable test source declared
    gathered: dict[int, list[np.ndarray]] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)
    starts: dict[int, dict[str, object]] = field(default_factory=dict)
    heard: list[Heard] = field(default_factory=list)
    done: set[int] = field(default_factory=set)
    blocks: int = 0  # blocks carrying a field
    unread: int = 0  # blocks whose field is no channels x samples array of at least 4 channels

    def window_samples(self, signal: Source) -> int:
        return max(int(round((signal.end - signal.onset) * self.rate_hz / 1e9)), 2)

    def unmeasured(self) -> list[Source]:
        return [s for s in self.signals or () if s.index not in self.done]


def read_sound_field(result: CaptureAnalysis) -> None:
    """Each first-order or higher ambisonic stream with a sample rate gets the state its blocks fill."""
    for stats in result.streams_of("audio"):
        audio = declaration(stats)
        order, rate = audio.get("order"), audio.get("sample_rate_hz")
        rate = float(rate) if isinstance(rate, int | float) and not isinstance(rate, bool) and rate > 0 else None
        if audio.get("format") == "ambisonics" and isinstance(order, int) and order >= 1 and rate is not None:
            stats.sound_field = FieldState(rate, declared_signals(stats.spec, "audio", "test_sources"))


def _first_order(raw: msgspec.Raw, samples: int) -> np.ndarray | None:
    """A block's W, Y, Z, X (ACN 0 .. 3) as a (4, samples) array, or None when unreadable."""
    try:
        channels = _FIELD.decode(raw)
    except msgspec.DecodeError:  # (ValidationError is one)
        return None
    if len(channels) < 4 or any(len(c) != samples for c in channels[:4]):
        return None
    return np.array(channels[:4], dtype=np.float64)


def check_field_frames(chunk: Chunk) -> None:
    """An ambisonic stream's blocks: each test source's window gathered, measured once whole."""
    state: FieldState | None = chunk.stats.sound_field
    if state is None:
        return
    carried = [(row, frame) for row, frame in enumerate(chunk.frames) if len(frame.field)]
    if not carried:
        return
    state.blocks += len(carried)
    sizes = np.zeros(len(chunk), np.int64)
    good = np.zeros(len(chunk), bool)
    parts: dict[int, np.ndarray] = {}
    for row, frame in carried:
        block = _first_order(frame.field, frame.samples) if frame.samples > 0 else None
        if block is None:
            state.unread += 1
            continue
        parts[row], sizes[row], good[row] = block, block.shape[1], True
    if state.signals is None or not parts:
        return
    gather_windows(chunk, state, sizes, good, "/field", _measure, lambda row, k0, k1: parts[row][:, k0:k1])


def direction_of_arrival(intensity: np.ndarray) -> tuple[float, float]:
    """(azimuth, elevation) in degrees of a pseudo-intensity vector (x front, y left, z up)."""
    x, y, z = intensity
    return math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y)))


def measure_field(block: np.ndarray) -> tuple[float, tuple[float, float], tuple[float, float], float]:
    """(W's RMS in dB FS, the direction of arrival read in ACN order, read in FuMa's, the first
    order's energy over W's in dB) of a (4, n) window."""
    block = block - block.mean(axis=1, keepdims=True)
    w = block[0]
    energy = np.einsum("ij,ij->i", block, block)
    w_dbfs = 10 * math.log10(energy[0] / len(w)) if energy[0] > 0 else -math.inf
    products = block[1:] @ w / len(w)  # channels 1 .. 3 times W
    acn = direction_of_arrival(products[[2, 0, 1]])  # Y, Z, X -> x, y, z
    fuma = direction_of_arrival(products)  # X, Y, Z
    first = float(energy[1:].sum())
    ratio = 10 * math.log10(first / energy[0]) if energy[0] > 0 and first > 0 else -math.inf
    return w_dbfs, acn, fuma, ratio


def _measure(state: FieldState, signal: Source) -> None:
    block = np.concatenate(state.gathered.pop(signal.index), axis=1)
    state.counts.pop(signal.index)
    w_dbfs, (azimuth, elevation), (fuma_az, fuma_el), ratio = measure_field(block)
    state.done.add(signal.index)
    state.heard.append(Heard(signal, w_dbfs, azimuth, elevation, fuma_az, fuma_el, ratio,
                             state.starts.pop(signal.index)))


def angle_between(a_deg: float, b_deg: float) -> float:
    """The smaller angle from one azimuth to another, in degrees (0 .. 180)."""
    return abs((a_deg - b_deg + 180.0) % 360.0 - 180.0)


def field_unjudged(stats: StreamStats, state: FieldState, fewest: int, elevated_deg: float) -> Message | None:
    """Why an ambisonic export carrying its sound cannot be judged (a message), or None: no listener
    or test source declared, fewer than ``fewest`` sources measured, or none ``elevated_deg`` or more
    above and below the horizontal plane among them (the elevation's sign then untested)."""
    sid = repr(stats.id)
    if state.signals is None:
        return msg("terminal.field-no-sources", sid=sid)
    elevations = [h.signal.elevation_deg for h in state.heard]
    if len(elevations) < fewest or max(elevations) < elevated_deg or min(elevations) > -elevated_deg:
        return msg("terminal.field-too-few", sid=sid, count=len(elevations), fewest=fewest, elevated=elevated_deg,
                   unread=state.unread)
    return None
