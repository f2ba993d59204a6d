"""Binaural rendering measured (TD-AUD-004): the interaural time and level differences of what a
spatial audio renderer sends to the two ears, against the direction of a test source.

The harness hears nothing itself; the test laboratory records it. A ``binaural`` stream carries
the device's output at the left and the right ear while a test application plays test signals
(broadband noise bursts or clicks) as sound objects at known positions in stage space. Its
header entry declares, in ``binaural``:

- ``sample_rate_hz`` and the ``recorder`` (``kind`` ``digital_output``: the renderer's two
  channels taken before the headphones; ``head_and_torso_simulator`` or ``in_ear_microphones``:
  the sound at the ear canals under the device's headphones; with its ``model`` and
  ``calibration``);
- ``listener``: the head's pose in stage space during the test (a head and torso simulator on
  a stand, or the device clamped to one), position in metres and orientation as a unit
  quaternion, OpenXR's axes (+X right, +Y up, -Z forward);
- ``test_signals``: each ``t`` (capture clock, ns: when the application starts the signal),
  ``duration_ms`` and ``position`` (stage space, metres) of one test source: the ground truth.

Each frame is a block of samples, ``left`` and ``right`` of equal length (full scale 1.0), ``t``
the capture-clock time of its first sample. A signal's window runs from its ``t`` for its
duration and ``WINDOW_TAIL_S`` beyond (the renderer's latency). Over that window:

- the interaural time difference (ITD) is the lag, within +-``MAX_LAG_S``, of the largest
  cross-correlation of the right ear's samples with the left's (NumPy's real FFT), refined
  between samples by a parabola through the peak and its neighbours; positive when the right
  ear lags, i.e. the sound reaches the left ear first;
- the interaural level difference (ILD) is 10 log10 of the left ear's energy over the right's,
  in dB, positive when the left ear is louder; each ear's RMS level in dB full scale;
- the predicted ITD is Woodworth's for a rigid spherical head of radius ``HEAD_RADIUS_M`` in
  air at ``SPEED_OF_SOUND_M_S``: (a / c)(alpha + sin alpha), alpha the lateral angle of the
  source, asin(sin(azimuth) cos(elevation)); azimuth counted anticlockwise from the front
  (positive to the left) and elevation upwards, as ITU-R BS.2076 and AmbiX count them.

Only windows that overlap no other signal's are gathered (so at most one window's samples are
held at a time, whatever the header declares), and each is measured as soon as it is whole.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from conformance import Message, msg

from .chunk import Chunk
from .flicker import block_samples
from .jsonread import object_of, vector
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

HEAD_RADIUS_M = 0.0875  # the spherical head of Woodworth's model, as the literature takes it
SPEED_OF_SOUND_M_S = 343.0  # in air at 20 degrees Celsius
MAX_LAG_S = 0.001  # the ITD searched: a human head's is at most about 0.7 ms
WINDOW_TAIL_S = 0.1  # how long past its end a signal's window runs (the renderer's latency)
RECORDERS = ("digital_output", "head_and_torso_simulator", "in_ear_microphones")


@dataclass(frozen=True)
class Source:
    """One declared test source: its window on the capture clock and the direction it came from."""

    index: int
    onset: int  # ns
    end: int  # ns: the window's end (the signal's end plus WINDOW_TAIL_S)
    azimuth_deg: float
    elevation_deg: float
    lateral_deg: float
    predicted_itd_us: float
    overlaps: bool = False  # its window overlaps another's: not gathered


@dataclass(frozen=True)
class Measured:
    """What one signal's window held: ITD (us), ILD (dB), each ear's RMS level (dB FS; -inf when
    silent), and where its window began (the block's line, frame and t)."""

    signal: Source
    itd_us: float | None  # None: an ear was silent, nothing to correlate
    ild_db: float
    left_dbfs: float
    right_dbfs: float
    where: dict[str, object]


@dataclass
class BinauralState:
    rate_hz: float
    signals: list[Source]
    gathered: dict[int, list[tuple[np.ndarray, np.ndarray]]] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)
    starts: dict[int, dict[str, object]] = field(default_factory=dict)
    measured: list[Measured] = field(default_factory=list)
    done: set[int] = field(default_factory=set)  # the signals measured
    #: the clock (R4): samples read, blocks, the last block's samples, blocks whose ears differ
    samples: int = 0
    blocks: int = 0
    last_samples: int = 0
    uneven: int = 0
    uneven_where: dict[str, object] | None = None

    def window_samples(self, signal: Source) -> int:
        return max(int(round((signal.end - signal.onset) * self.rate_hz / 1e9)), 2)

    def unmeasured(self) -> list[Source]:
        """Declared signals without a whole window in the recording (or overlapping another)."""
        return [s for s in self.signals if s.index not in self.done]


def woodworth_itd_us(lateral_rad: float, radius_m: float = HEAD_RADIUS_M, speed: float = SPEED_OF_SOUND_M_S) -> float:
    """Woodworth's ITD for a source at ``lateral_rad`` off the median plane (positive: left), in us,
    positive when the sound reaches the left ear first."""
    return float(woodworth_itds_us(np.asarray(lateral_rad), radius_m, speed))


def woodworth_itds_us(lateral_rad: np.ndarray, radius_m: float = HEAD_RADIUS_M,
                      speed: float = SPEED_OF_SOUND_M_S) -> np.ndarray:
    """:func:`woodworth_itd_us` over an array of lateral angles (a head turning, TD-AUD-005)."""
    alpha = np.minimum(np.abs(lateral_rad), math.pi / 2)
    return np.copysign(radius_m / speed * (alpha + np.sin(alpha)) * 1e6, lateral_rad)


def direction(listener_position: np.ndarray, listener_orientation: np.ndarray,
              source: np.ndarray) -> tuple[float, float]:
    """(azimuth, elevation) in degrees of ``source`` as heard by a head at that pose: the offset
    rotated into the head's axes (by the orientation's conjugate), azimuth anticlockwise from the
    front (-Z), positive to the left, elevation positive upwards."""
    azimuth, elevation = directions(listener_position[None, :], listener_orientation[None, :], source)
    return float(azimuth[0]), float(elevation[0])


def directions(positions: np.ndarray, orientations: np.ndarray, source: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`direction` for (n, 3) head positions and (n, 4) orientations x, y, z, w: (n,) azimuths
    and elevations in degrees (a head turning, TD-AUD-005)."""
    q = orientations / np.linalg.norm(orientations, axis=1, keepdims=True)
    v = source[None, :] - positions
    # rotate v by the conjugate of q = (x, y, z, w): v' = v + 2 u x (u x v + w v), u = -(x, y, z)
    u, w = -q[:, :3], q[:, 3:]
    local = v + 2.0 * np.cross(u, np.cross(u, v) + w * v)
    lx, ly, lz = local[:, 0], local[:, 1], local[:, 2]
    return np.degrees(np.arctan2(-lx, -lz)), np.degrees(np.arctan2(ly, np.hypot(lx, lz)))


def lateral_deg(azimuth_deg: float, elevation_deg: float) -> float:
    """The lateral angle: how far off the median plane, positive to the left."""
    return float(laterals_deg(np.asarray(azimuth_deg), np.asarray(elevation_deg)))


def laterals_deg(azimuth_deg: np.ndarray, elevation_deg: np.ndarray) -> np.ndarray:
    """:func:`lateral_deg` over arrays of directions."""
    s = np.sin(np.radians(azimuth_deg)) * np.cos(np.radians(elevation_deg))
    return np.degrees(np.arcsin(np.clip(s, -1.0, 1.0)))


def declaration(stats: StreamStats) -> JsonObject:
    return object_of(stats.spec.get("binaural"))


def declared_signal(item: JsonValue, longest_ms: float) -> tuple[int, float, np.ndarray] | None:
    """One declared test signal's (start on the capture clock in ns, duration in ms, position in
    stage space), or None when it is unusable: no integer start, a duration not in (0, longest_ms],
    no finite position."""
    if not isinstance(item, dict):
        return None
    onset, duration, position = item.get("t"), item.get("duration_ms"), vector(item.get("position"), "xyz")
    if type(onset) is not int or not isinstance(duration, int | float) or isinstance(duration, bool) \
            or not 0 < duration <= longest_ms or position is None:
        return None
    return onset, float(duration), position


def declared_signals(spec: JsonObject, member: str = "binaural",
                     signals: str = "test_signals") -> list[Source] | None:
    """The declared test signals as the listener hears them, in onset order; None when the listener
    or no usable signal is declared (the test cannot be judged: inconclusive, not a fail). A binaural
    stream declares them in ``binaural.test_signals``, an ambisonic one (TD-AUD-006) in
    ``audio.test_sources``."""
    audio = object_of(spec.get(member))
    listener = object_of(audio.get("listener"))
    where, facing = vector(listener.get("position"), "xyz"), vector(listener.get("orientation"), "xyzw")
    declared = audio.get(signals)
    if where is None or facing is None or not np.linalg.norm(facing) > 0 or not isinstance(declared, list):
        return None
    found: list[Source] = []
    for index, item in enumerate(declared[:256]):
        declared_one = declared_signal(item, 1000)
        if declared_one is None or not np.linalg.norm(declared_one[2] - where) > 0:
            continue
        onset, duration, position = declared_one
        azimuth, elevation = direction(where, facing, position)
        lateral = lateral_deg(azimuth, elevation)
        found.append(Source(index, onset, onset + int(round((duration / 1e3 + WINDOW_TAIL_S) * 1e9)), azimuth,
                                elevation, lateral, woodworth_itd_us(math.radians(lateral))))
    found.sort(key=attrgetter("onset"))
    kept = []
    for k, signal in enumerate(found):  # a window overlapping another's would mix two sources
        clash = (k > 0 and found[k - 1].end > signal.onset) or (k + 1 < len(found) and signal.end > found[k + 1].onset)
        kept.append(Source(**{**signal.__dict__, "overlaps": clash}) if clash else signal)
    return kept or None


def sample_rate(stats: StreamStats) -> float | None:
    rate = declaration(stats).get("sample_rate_hz")
    return float(rate) if isinstance(rate, int | float) and not isinstance(rate, bool) and rate > 0 else None


def head_tracked(stats: StreamStats) -> bool:
    """A binaural stream recorded while the head turns (TD-AUD-005's, :mod:`.headtracking`), not
    on a fixed listener (TD-AUD-004's)."""
    return "head_tracked" in declaration(stats)


def read_binaural(result: CaptureAnalysis) -> None:
    """Each binaural stream on a fixed listener with a sample rate and test signals gets the state
    its frames fill; one without is not judged (TD-AUD-004 is then inconclusive, saying why)."""
    for stats in result.streams_of("binaural"):
        if head_tracked(stats):
            continue
        rate, signals = sample_rate(stats), declared_signals(stats.spec)
        if rate is not None and signals is not None:
            stats.binaural = BinauralState(rate, signals)


def measure(left: np.ndarray, right: np.ndarray, rate_hz: float) -> tuple[float | None, float, float, float]:
    """(ITD in us or None, ILD in dB, left and right RMS level in dB FS) of one window."""
    left = left - left.mean()
    right = right - right.mean()
    energy_l, energy_r = float(np.dot(left, left)), float(np.dot(right, right))
    n = max(len(left), 1)
    level_l = 10 * math.log10(energy_l / n) if energy_l > 0 else -math.inf
    level_r = 10 * math.log10(energy_r / n) if energy_r > 0 else -math.inf
    if energy_l <= 0 or energy_r <= 0:
        ild = math.inf if energy_l > 0 else -math.inf if energy_r > 0 else 0.0
        return None, ild, level_l, level_r
    ild = 10 * math.log10(energy_l / energy_r)
    lags = max(int(math.ceil(MAX_LAG_S * rate_hz)), 1)
    size = 1 << int(math.ceil(math.log2(len(left) + lags + 1)))
    # irfft(conj(L) R)[k] = sum_n l[n] r[n + k]: largest at k = d when the right ear lags by d samples
    cc = np.fft.irfft(np.conj(np.fft.rfft(left, size)) * np.fft.rfft(right, size), size)
    window = np.concatenate((cc[size - lags:], cc[:lags + 1]))  # lags -lags .. +lags
    k = int(np.argmax(window))
    shift = 0.0
    if 0 < k < len(window) - 1:
        below, peak, above = window[k - 1], window[k], window[k + 1]
        curve = below - 2 * peak + above
        shift = float(0.5 * (below - above) / curve) if curve < 0 else 0.0
    return (k - lags + shift) / rate_hz * 1e6, ild, level_l, level_r


_LEFT, _RIGHT = attrgetter("left"), attrgetter("right")


def ear_blocks(chunk: Chunk) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The chunk's blocks: (left samples, right samples, each block's left and right counts, the
    blocks whose ears differ in length or are no array of numbers)."""
    left, left_sizes, left_unread = block_samples(list(map(_LEFT, chunk.frames)))
    right, right_sizes, right_unread = block_samples(list(map(_RIGHT, chunk.frames)))
    bad = left_sizes != right_sizes
    bad[left_unread] = True
    bad[right_unread] = True
    return left, right, left_sizes, right_sizes, bad


def check_binaural_frames(chunk: Chunk) -> None:
    """The chunk's blocks: counted for the clock, uneven ears noted, and the samples inside each
    open test signal's window gathered; a window measured once whole."""
    state: BinauralState | None = chunk.stats.binaural
    if state is None or not len(chunk):
        return
    left, right, left_sizes, right_sizes, bad = ear_blocks(chunk)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        state.uneven += int(np.count_nonzero(bad))
        if state.uneven_where is None:
            state.uneven_where = chunk.where(row, "/right", actual=int(right_sizes[row]),
                                             expected=int(left_sizes[row]))
    good = ~bad
    state.samples += int(left_sizes[good].sum())
    state.blocks += int(np.count_nonzero(good))
    if good[-1]:
        state.last_samples = int(left_sizes[-1])
    starts = np.concatenate(([0], np.cumsum(left_sizes)[:-1]))
    right_starts = np.concatenate(([0], np.cumsum(right_sizes)[:-1]))
    gather_windows(chunk, state, left_sizes, good, "/left", _measure, lambda row, k0, k1: (
        left[starts[row] + k0:starts[row] + k1], right[right_starts[row] + k0:right_starts[row] + k1]))


def gather_windows(chunk: Chunk, state: Any, sizes: np.ndarray, good: np.ndarray, pointer: str,
                   measure: Callable[[Any, Source], None], cut: Callable[[int, int, int], Any]) -> None:
    """Gather into ``state.gathered`` what ``cut(row, k0, k1)`` takes of each good block's samples
    ``k0 .. k1`` inside an open signal's window (``state.signals``, not yet ``done``), counting them
    in ``state.counts`` and noting where each window began in ``state.starts``; a window is handed
    to ``measure`` once whole. Binaural blocks (TD-AUD-004) and ambisonic ones (TD-AUD-006)."""
    period_ns = 1e9 / state.rate_hz
    t = chunk.t.astype(np.float64)
    ends = t + sizes * period_ns
    for signal in state.signals:
        if signal.overlaps or signal.index in state.done or signal.end <= t[0] or signal.onset >= ends[-1]:
            continue
        first = int(np.searchsorted(ends, signal.onset, side="right"))
        last = int(np.searchsorted(t, signal.end, side="left"))
        for row in range(first, last):
            if not good[row]:
                continue
            k0 = max(0, math.ceil((signal.onset - t[row]) / period_ns - 1e-9))
            k1 = min(int(sizes[row]), math.ceil((signal.end - t[row]) / period_ns - 1e-9))
            if k1 <= k0:
                continue
            if signal.index not in state.starts:
                state.starts[signal.index] = chunk.where(row, pointer)
            state.gathered.setdefault(signal.index, []).append(cut(row, k0, k1))
            state.counts[signal.index] = state.counts.get(signal.index, 0) + k1 - k0
        if state.counts.get(signal.index, 0) >= state.window_samples(signal):
            measure(state, signal)


def _measure(state: BinauralState, signal: Source) -> None:
    parts = state.gathered.pop(signal.index)
    state.counts.pop(signal.index)
    left = np.concatenate([p[0] for p in parts])
    right = np.concatenate([p[1] for p in parts])
    itd, ild, level_l, level_r = measure(left, right, state.rate_hz)
    state.done.add(signal.index)
    state.measured.append(Measured(signal, itd, ild, level_l, level_r, state.starts.pop(signal.index)))


def declaration_finding(stats: StreamStats) -> Message | None:
    """Why a binaural stream cannot be judged (a note's message), or None when it can."""
    if sample_rate(stats) is None:
        return msg("terminal.binaural-no-rate", sid=repr(stats.id))
    if declared_signals(stats.spec) is None:
        return msg("terminal.binaural-no-signals", sid=repr(stats.id))
    return None

