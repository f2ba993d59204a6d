"""Flicker measured (TD-DISP-005): a photometer's or photodiode's trace of the display, judged
against IEEE 1789-2015's recommended practice for modulation against frequency.

The harness measures no light; a laboratory records it. A ``luminance`` stream carries the
trace: its header entry declares in ``luminance`` the ``sample_rate_hz`` and the
``instrument`` (``kind`` photodiode, photometer or luminance_meter, its ``model``,
``bandwidth_hz``, the -3 dB bandwidth of the anti-alias low-pass before the sampler, from
MIN_BANDWIDTH_HZ to half the rate; optionally ``photopic``, whether a V(lambda) filter weights it); each frame is a
block of samples of relative luminance (any unit, zero for dark), ``t`` the time of its first
sample on the capture clock. The blocks follow one another without a gap: the next block
starts one sample period after the last sample of this one.

The trace is cut into windows of ``WINDOW_S`` (1 s: a 1 Hz frequency resolution); a gap
or a bad block ends a run, and the run's last, shorter window is judged too if it lasts at
least ``MIN_WINDOW_S`` (20 ms, so an oscilloscope's capture of a few periods is judged;
:meth:`TraceState.finish` does so at the trace's end), its spectrum zero-padded to 1 s. For
each window: the percent modulation 100 (max - min) / (max + min) (IEEE 1789's Mod %) and
the dominant flicker frequency, the highest peak of the spectrum of the mean-removed,
Hann-weighted samples (NumPy's real FFT), above 0 Hz. Each window, (start t, frequency,
modulation, line, seconds), is held to the regions (:func:`low_risk_limit`,
:func:`no_effect_limit`) as it is measured: a :class:`WindowTally` keeps only what R2 reports
(counts, the worst and the most modulated window), so memory stays the same however long the
trace (a list of the windows grew by one a second: about 7 MB per GB of capture).
:func:`judge` gives the same over a list of windows.

- ``luminance_trace`` (TD-DISP-005), with the header: the instrument and the sample rate
  declared; on the frames: samples finite and not negative, blocks contiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING

import msgspec
import numpy as np

from conformance import Message, msg

from .capture.numbers import rows_in_batches
from .chunk import Chunk
from .jsonread import object_of
from .model import CaptureAnalysis, IssueLog, StreamStats, captured

if TYPE_CHECKING:
    from conformance.area import JsonObject

WINDOW_S = 1.0
#: the shortest run of contiguous samples judged (an oscilloscope's capture of a few periods)
MIN_WINDOW_S = 0.02
INSTRUMENTS = ("photodiode", "photometer", "luminance_meter")
#: IEEE 1789-2015's low-risk region ends here: above it no limit applies
LOW_RISK_TOP_HZ = 1250.0
#: the least anti-alias bandwidth a trace may declare (2.2): an octave above the judged band, which it passes
MIN_BANDWIDTH_HZ = 2 * LOW_RISK_TOP_HZ


def low_risk_limit(frequency_hz: float) -> float | None:
    """IEEE 1789-2015 recommended practice 1 (low risk): the highest Mod % at a flicker
    frequency; None where no limit applies (above 1250 Hz)."""
    if frequency_hz < 90:
        return 0.025 * frequency_hz
    return 0.08 * frequency_hz if frequency_hz <= LOW_RISK_TOP_HZ else None


def no_effect_limit(frequency_hz: float) -> float | None:
    """IEEE 1789-2015 recommended practice 2 (no observable effect level): the highest
    Mod %; None above 3000 Hz."""
    if frequency_hz < 90:
        return 0.01 * frequency_hz
    return 0.0333 * frequency_hz if frequency_hz <= 3000 else None


@dataclass
class Judged:
    """The windows of one trace against the regions: how many exceed the low-risk limit and
    the no-observable-effect level, the worst window (the largest Mod % to limit ratio) and
    the most modulated one."""

    windows: int
    over: int
    noel_over: int
    worst: tuple[int, float, float, int, float] | None  # t, frequency, Mod %, line, limit
    top: tuple[float, float]  # frequency, Mod % of the most modulated window


#: (start t, dominant frequency Hz, Mod %, line, seconds) of one window
Window = tuple[int, float, float, int, float]


@dataclass
class WindowTally:
    """R2 of TD-DISP-005 over a trace's windows, taken one window at a time (the windows are
    not kept): what :func:`judge` gives over the list of the same windows."""

    windows: int = 0
    over: int = 0
    noel_over: int = 0
    worst: tuple[int, float, float, int, float] | None = None
    ratio_worst: float = -1.0
    top: tuple[float, float] | None = None  # the first window of the largest Mod %

    def add(self, t: int, frequency: float, modulation: float, line: int) -> None:
        self.windows += 1
        limit, noel = low_risk_limit(frequency), no_effect_limit(frequency)
        self.noel_over += noel is not None and modulation > noel
        if self.top is None or modulation > self.top[1]:  # as max() keeps the first of equals
            self.top = (frequency, modulation)
        if limit is None:
            return
        self.over += modulation > limit
        ratio = modulation / limit if limit > 0 else float("inf") if modulation > 0 else 0.0
        if ratio > self.ratio_worst:
            self.ratio_worst, self.worst = ratio, (t, frequency, modulation, line, limit)

    def judged(self) -> Judged | None:
        """None before the first window."""
        if self.top is None:
            return None
        return Judged(self.windows, self.over, self.noel_over, self.worst, self.top)


def judge(windows: list[Window]) -> Judged:
    """R2 of TD-DISP-005 over a trace's windows (at least one)."""
    tally = WindowTally()
    for t, frequency, modulation, line, _ in windows:
        tally.add(t, frequency, modulation, line)
    judged = tally.judged()
    if judged is None:
        raise ValueError("judge: no window")
    return judged


@dataclass
class TraceState:
    rate_hz: float
    pending: list[np.ndarray] = field(default_factory=list)  # samples of the open window
    pending_n: int = 0
    window_t: int | None = None  # t of the open window's first sample
    window_line: int = 0
    next_t: float | None = None  # when the next block is due
    samples: int = 0
    gaps: int = 0
    #: what R2 reads from the windows measured so far
    tally: WindowTally = field(default_factory=WindowTally)
    #: every window too, in order, when a caller gives a list (tests, benches); never the analysis
    kept: list[Window] | None = None

    @property
    def window_n(self) -> int:
        return max(int(round(self.rate_hz * WINDOW_S)), 2)

    def restart(self) -> None:
        """A gap or a bad block ends the run: its last, shorter window is judged if it lasts
        MIN_WINDOW_S, and the next block opens a new window."""
        if self.window_t is not None and self.pending_n >= max(MIN_WINDOW_S * self.rate_hz, 2):
            window = np.concatenate(self.pending)
            frequency, modulation = measure(window, self.rate_hz)
            self._measured(frequency, modulation, len(window) / self.rate_hz)
        self.pending, self.pending_n, self.window_t = [], 0, None

    def _measured(self, frequency: float, modulation: float, seconds: float) -> None:
        """The open window, measured, to the tally (and to ``kept``)."""
        assert self.window_t is not None
        self.tally.add(self.window_t, frequency, modulation, self.window_line)
        if self.kept is not None:
            self.kept.append((self.window_t, frequency, modulation, self.window_line, seconds))

    def finish(self) -> None:
        """The trace's end: its last run's rest judged as :meth:`restart` does (idempotent)."""
        self.restart()

    def add(self, t: int, line: int, samples: np.ndarray) -> None:
        if self.window_t is None:
            self.window_t, self.window_line = t, line
        self.pending.append(samples)
        self.pending_n += len(samples)
        n = self.window_n
        if self.pending_n < n:
            return
        held = np.concatenate(self.pending) if len(self.pending) > 1 else self.pending[0]
        whole = len(held) // n * n
        for frequency, modulation in measure_rows(held[:whole].reshape(-1, n), self.rate_hz):
            self._measured(frequency, modulation, WINDOW_S)
            self.window_t = int(self.window_t + round(n / self.rate_hz * 1e9))
            self.window_line = line  # the block the next window's first sample is in, near enough
        rest = held[whole:]
        self.pending, self.pending_n = [rest], len(rest)


def measure(window: np.ndarray, rate_hz: float) -> tuple[float, float]:
    """(dominant flicker frequency in Hz, percent modulation) of one window of samples; a
    dark window (max + min = 0) has no modulation (0 %). A window shorter than WINDOW_S is
    padded with zeros to WINDOW_S, so the spectrum is read on the same 1 Hz grid."""
    high, low = float(window.max()), float(window.min())
    modulation = 100.0 * (high - low) / (high + low) if high + low > 0 else 0.0
    size = max(len(window), int(round(rate_hz * WINDOW_S)))
    spectrum = np.abs(np.fft.rfft((window - window.mean()) * _hann(len(window)), n=size))
    k = int(np.argmax(spectrum[1:])) + 1 if len(spectrum) > 1 else 0
    return k * rate_hz / size, modulation


#: Whole windows measured at once by :func:`measure_rows` (8 of 4 000 samples: 256 KB, in cache)
ROWS_AT_ONCE = 8


def measure_rows(windows: np.ndarray, rate_hz: float) -> list[tuple[float, float]]:
    """:func:`measure` of each row of ``windows`` (whole windows of WINDOW_S: no padding), a
    few rows per NumPy call. The same numbers bit for bit: the row means, the real FFT of
    each row (pocketfft transforms the rows one by one with one plan) and the elementwise
    steps are those of one window (tests/areas/terminal/test_flicker_rows.py); a 4 000-sample
    transform alone cost twice as much called once per window."""
    got: list[tuple[float, float]] = []
    n = windows.shape[1]
    hann = _hann(n)
    for at in range(0, len(windows), ROWS_AT_ONCE):
        rows = windows[at:at + ROWS_AT_ONCE]
        highs, lows = rows.max(axis=1).tolist(), rows.min(axis=1).tolist()
        centred = rows - rows.mean(axis=1)[:, None]
        centred *= hann
        spectrum = np.abs(np.fft.rfft(centred, n=n, axis=1))
        peaks = (np.argmax(spectrum[:, 1:], axis=1) + 1).tolist() if spectrum.shape[1] > 1 else [0] * len(rows)
        for high, low, k in zip(highs, lows, peaks, strict=True):
            modulation = 100.0 * (high - low) / (high + low) if high + low > 0 else 0.0
            got.append((k * rate_hz / n, modulation))
    return got


@lru_cache(maxsize=8)
def _hann(n: int) -> np.ndarray:
    return np.hanning(n)


def declaration(stats: StreamStats) -> JsonObject:
    return object_of(stats.spec.get("luminance"))


def sample_rate(stats: StreamStats) -> float | None:
    rate = declaration(stats).get("sample_rate_hz")
    return float(rate) if isinstance(rate, int | float) and not isinstance(rate, bool) and rate > 0 else None


def unusable(stats: StreamStats, floor: float) -> tuple[str, dict[str, object]] | None:
    """Why a luminance stream is not judged (1.3): a trace naming no instrument or no sample rate, sampled
    under ``floor``, or declaring no anti-alias bandwidth from MIN_BANDWIDTH_HZ to half its rate (2.2), is
    the laboratory's input not fit to judge the display by, not the product's fault, as
    TD-DISP-009 and TD-DISP-011 treat their instruments; None when it can be judged."""
    instrument = declaration(stats).get("instrument")
    kind = instrument.get("kind") if isinstance(instrument, dict) else None
    model = instrument.get("model") if isinstance(instrument, dict) else None
    if kind not in INSTRUMENTS or not (isinstance(model, str) and model.strip()):
        return "terminal.luminance-instrument", {"kinds": ", ".join(INSTRUMENTS)}
    rate = sample_rate(stats)
    if rate is None:
        return "terminal.luminance-rate-undeclared", {}
    if rate < floor:
        return "terminal.luminance-rate-low", {"rate": rate, "floor": floor, "nyquist": rate / 2}
    # 2.2: an anti-alias low-pass the instrument declares, passing the judged band and nothing from the Nyquist
    # frequency up, so that a component above it (PWM dimming) does not fold into the band whatever the apparatus
    bandwidth = instrument.get("bandwidth_hz") if isinstance(instrument, dict) else None
    if not (isinstance(bandwidth, int | float) and not isinstance(bandwidth, bool)
            and MIN_BANDWIDTH_HZ <= bandwidth <= rate / 2):
        shown = bandwidth if isinstance(bandwidth, int | float) else "none"
        return "terminal.luminance-bandwidth", {"bandwidth": shown, "least": MIN_BANDWIDTH_HZ, "nyquist": rate / 2}
    return None


def read_luminance(result: CaptureAnalysis) -> None:
    """TD-DISP-005 with the header: a trace is read when it declares its sample rate (whether it can be
    judged, the suite decides by ``unusable``)."""
    for stats in result.streams_of("luminance"):
        stats.add_checked("luminance_trace", 1)
        rate = sample_rate(stats)
        if rate is not None and unusable(stats, 0.0) is None:  # an unjudged trace's samples are not read
            stats.flicker = TraceState(rate)


def check_luminance_frames(chunk: Chunk) -> None:
    """The chunk's blocks at once: their samples gathered into one array, the bad blocks and
    the gaps found over it, and each run of good, contiguous blocks added to the windows."""
    state: TraceState | None = chunk.stats.flicker
    if state is None or not len(chunk):
        return  # no sample rate: the header finding says so
    log = chunk.analysis.log("luminance_trace")
    period_ns = 1e9 / state.rate_hz
    blocks = list(map(_LUMINANCE, chunk.frames))
    samples, sizes, unread = block_samples(blocks)
    for row in unread:
        _add(log, msg("terminal.luminance-not-numbers"), chunk.where(row, "/luminance", expected="an array of numbers"))
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    state.samples += len(samples)
    chunk.stats.add_checked("luminance_trace", len(samples))
    bad = ~(np.isfinite(samples) & (samples >= 0))
    flagged = np.zeros(len(blocks), bool)
    if bad.any():
        flagged[np.repeat(np.arange(len(blocks)), sizes)[bad]] = True
    flagged[unread] = True
    bad_rows = np.flatnonzero(flagged)
    due = chunk.t.astype(np.float64)[:-1] + sizes[:-1] * period_ns  # when each next block is due
    gap_rows = np.flatnonzero(np.abs(chunk.t[1:] - due) > period_ns / 2) + 1
    if state.next_t is not None and abs(int(chunk.t[0]) - state.next_t) > period_ns / 2:
        gap_rows = np.concatenate(([0], gap_rows))
    breaks = sorted(set(bad_rows.tolist()) | set(gap_rows.tolist()))
    bad_set = set(bad_rows.tolist())
    begin = 0
    for row in [*breaks, len(blocks)]:  # a few per chunk: runs of good, contiguous blocks between them
        if row > begin:
            state.add(int(chunk.t[begin]), int(chunk.lines[begin]), samples[starts[begin]:starts[row - 1] +
                                                                          sizes[row - 1]])
        if row == len(blocks):
            break
        t = int(chunk.t[row])
        if row in bad_set:
            inside = np.flatnonzero(bad[starts[row]:starts[row] + sizes[row]])
            if len(inside):  # (a block that is no array of numbers is reported above)
                value = float(samples[starts[row] + int(inside[0])])
                _add(log, msg("terminal.luminance-sample", value=value, index=int(inside[0]), count=len(inside)),
                     chunk.where(row, f"/luminance/{int(inside[0])}", actual=value, expected=">= 0"))
            state.restart()
            state.next_t = None
            begin = row + 1
            continue
        expected = state.next_t if row == 0 else float(due[row - 1])
        if row - 1 not in bad_set and expected is not None:  # after a bad block the trace restarts
            state.gaps += 1
            _add(log, msg("terminal.luminance-gap", due=int(expected), t=t, samples=(t - expected) / period_ns),
                 chunk.where(row, "/t", actual=t, expected=int(expected)))
        state.restart()
        begin = row
    last = len(blocks) - 1
    state.next_t = None if last in bad_set else float(chunk.t[last]) + int(sizes[last]) * period_ns


_LUMINANCE = attrgetter("luminance")
_FLOATS = msgspec.json.Decoder(list[float]).decode


def block_samples(blocks: list[msgspec.Raw]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """(every sample of the blocks in order, each block's count, the blocks that are no array
    of numbers). Blocks of one length (a recorder's) are parsed at once from their JSON text
    (:func:`.capture.numbers.rows_in_batches`); otherwise each block is decoded on its own."""
    first = bytes(blocks[0])
    width = first.count(b",") + 1 if first.strip(b" []") else 0
    rows = rows_in_batches(blocks, width) if width else None
    if rows is not None:
        return rows.ravel(), np.full(len(blocks), width, np.int64), []
    parsed: list[list[float]] = []
    unread: list[int] = []
    for row, raw in enumerate(blocks):
        try:
            parsed.append(_FLOATS(raw))
        except msgspec.DecodeError:  # (ValidationError is one)
            parsed.append([])
            unread.append(row)
    sizes = np.fromiter(map(len, parsed), np.int64, len(parsed))
    return np.fromiter(chain.from_iterable(parsed), np.float64, int(sizes.sum())), sizes, unread


def _add(log: IssueLog, message: Message, where: dict[str, object]) -> None:
    """At most one finding per block (a tenth of a second of trace); beyond the log's detail
    limit only counted. Every such block breaks TD-DISP-005's R1 (finite, non-negative samples in
    contiguous blocks)."""
    if log.room > 0:
        log.add(captured(message, rule="R1", **where))
    else:
        log.count(1)
