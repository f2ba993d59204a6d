"""An EEG or EMG signal chain measured against a calibrated source (TD-BCI-007).

An ``eeg`` or ``emg`` stream declares in ``calibration_signal`` the test signal a calibrated
generator injected into its inputs, as EEG amplifiers are tested (IEC 60601-2-26): the generator
(``model`` and ``calibration``: how and when it was calibrated), the capture time ``t0`` (ns) the
segment's offsets count from, its ``tones`` (sines of ``frequency_hz`` at ``amplitude_uv_pp``
peak-to-peak, from ``start_s`` for ``duration_s``; the first is the reference) and, optionally,
``shorted``, a span with the inputs shorted (the chain's own noise).

While the capture is read, the samples inside those spans are kept per span (at most
MAX_SAMPLES rows each: 5.1's reading bound "samples of a calibration span"; a longer span is cut there and the
stream left unjudged, naming the bound). Each tone is then measured per channel: its
frequency where the zero-padded spectrum of the evenly resampled span peaks within
SEARCH of the declared one, refined by least squares on the samples' own times (the residual of
a sine, cosine and offset fit over a fine grid about that peak), and its amplitude from the
least-squares fit at that frequency (peak-to-peak = 2 * sqrt(a^2 + b^2)). The shorted span's
noise is each channel's peak-to-valley.

Two set-ups may follow (R5, R6): ``common_mode``, the generator driving every input together against
the ground at ``frequency_hz`` and ``amplitude_uv_pp`` (with an ``imbalance`` in the tested lead), whose
residual on each channel gives the common-mode rejection ratio (20 log10 of the common-mode amplitude
times the reference gain over the residual, fitted at the declared frequency scaled by the channel's own
clock, the reference's measured over its declared frequency); and ``series``, the reference sine played
through ``impedance_ohm`` in series with each input, whose gain over the reference gain r gives the input
impedance the series impedance divides against, Zs r / (1 - r).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .jsonread import calibrated_model, finite, list_of, object_of

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

    from .model import StreamStats

MAX_SAMPLES = 2_000_000  # rows kept per declared span: 5.1's reading bound (drafting/boundtable.py)
SEARCH = 0.5  # a tone's frequency is looked for within +-50 % of the declared one
MIN_CYCLES = 2.0  # a tone measured over fewer cycles than this is not measured
MIN_COVERED = 0.9  # a span whose samples cover less of its declared duration is not in the recording
REFINE_POINTS = 41
#: IEC 60601-2-26:2012 201.12.1.105: the output at the ends of the band within 71 % to 110 % of the
#: output at the reference frequency; 201.12.1.101.3: at most 6 uV peak-to-valley referred to the input
RESPONSE_LOW, RESPONSE_HIGH = 0.71, 1.10
MAX_NOISE_UV_PV = 6.0
#: R5, R6: the catalog's own figures (notes of TD-BCI-007): at least 80 dB of common-mode rejection and an
#: input impedance of at least 10 Mohm
MIN_CMRR_DB, MIN_INPUT_OHM = 80.0, 1e7
CMRR_CAP_DB, IMPEDANCE_CAP_OHM = 200.0, 1e15  # what a residual or a loss below resolution is reported as


@dataclass(frozen=True)
class Span:
    start_ns: int
    end_ns: int

    @property
    def seconds(self) -> float:
        return (self.end_ns - self.start_ns) / 1e9


@dataclass(frozen=True)
class Tone:
    """One sine the generator played, and when."""

    frequency_hz: float
    amplitude_uv_pp: float
    span: Span


@dataclass(frozen=True)
class Declared:
    """What a stream declares of its calibration segment; ``generator`` None when it names no
    calibrated generator (a model and how it was calibrated)."""

    generator: str | None
    tones: tuple[Tone, ...]
    shorted: Span | None
    generator_spec: JsonObject | None = None  # the generator as declared (its stated uncertainty)
    common_mode: Tone | None = None  # R5: every input driven together
    series: Tone | None = None  # R6: the reference sine through a series impedance
    series_ohm: float = 0.0

    @property
    def spans(self) -> tuple[Span, ...]:
        extra = tuple(t.span for t in (self.common_mode, self.series) if t is not None)
        return tuple(t.span for t in self.tones) + ((self.shorted,) if self.shorted else ()) + extra


def _span(item: JsonValue, t0: int) -> Span | None:
    if not isinstance(item, dict):
        return None
    start, duration = finite(item.get("start_s")), finite(item.get("duration_s"))
    if start is None or duration is None or start < 0 or duration <= 0:
        return None
    return Span(t0 + round(start * 1e9), t0 + round((start + duration) * 1e9))


def declared(spec: JsonObject) -> Declared | None:
    """The stream's calibration segment, or None when it declares none usable (no
    ``calibration_signal``, no ``t0``, or no tone with a frequency and amplitude above 0)."""
    signal = spec.get("calibration_signal")
    if not isinstance(signal, dict):
        return None
    t0 = signal.get("t0")
    if isinstance(t0, bool) or not isinstance(t0, int):
        return None
    tones: list[Tone] = []
    for item in list_of(signal.get("tones")):
        span = _span(item, t0)
        frequency, amplitude = (finite(object_of(item).get(k)) for k in ("frequency_hz", "amplitude_uv_pp"))
        if span is None or frequency is None or amplitude is None or frequency <= 0 or amplitude <= 0:
            return None
        tones.append(Tone(frequency, amplitude, span))
    if not tones:
        return None
    generator = object_of(signal.get("generator"))
    model = calibrated_model(generator)
    series, ohm = _tone(signal.get("series"), t0), finite(object_of(signal.get("series")).get("impedance_ohm"))
    return Declared(f"{model} ({generator['calibration']})" if model is not None else None,
                    tuple(tones), _span(signal.get("shorted"), t0), generator if model is not None else None,
                    _tone(signal.get("common_mode"), t0), series if ohm is not None and ohm > 0 else None, ohm or 0.0)


def _tone(item: JsonValue, t0: int) -> Tone | None:
    """A set-up's sine (frequency, peak-to-peak amplitude, span), or None when not declared usably."""
    span = _span(item, t0)
    frequency, amplitude = (finite(object_of(item).get(k)) for k in ("frequency_hz", "amplitude_uv_pp"))
    if span is None or frequency is None or amplitude is None or frequency <= 0 or amplitude <= 0:
        return None
    return Tone(frequency, amplitude, span)


@dataclass
class SpanSamples:
    t: list[np.ndarray] = field(default_factory=list)
    v: list[np.ndarray] = field(default_factory=list)
    rows: int = 0
    cut: bool = False  # rows inside the span past MAX_SAMPLES were left unread

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.t:
            return np.empty(0, np.int64), np.empty((0, 0))
        return np.concatenate(self.t), np.concatenate(self.v)


@dataclass
class CalibrationState:
    """A stream's declared segment and the samples read inside each of its spans."""

    declared: Declared
    samples: dict[Span, SpanSamples]


def collect(stats: StreamStats, v: np.ndarray, t: np.ndarray) -> None:
    """Keep the rows of one chunk (values ``v``, capture times ``t``) inside the declared spans."""
    state = stats.calibration
    if state is None:
        found = declared(stats.spec)
        if found is None:
            stats.calibration = False  # nothing to keep, and nothing to parse again
            return
        state = stats.calibration = CalibrationState(found, {s: SpanSamples() for s in found.spans})
    if state is False or not len(t):
        return
    first, last = int(t[0]), int(t[-1])
    for span, kept in state.samples.items():
        if last < span.start_ns or first >= span.end_ns:
            continue
        inside = np.flatnonzero((t >= span.start_ns) & (t < span.end_ns))
        if len(inside) > MAX_SAMPLES - kept.rows:
            kept.cut = True  # past the reading bound: the stream is left unjudged, naming it (measure)
        rows = inside[:max(0, MAX_SAMPLES - kept.rows)]
        if not len(rows):
            continue
        kept.t.append(t[rows].astype(np.int64))
        kept.v.append(np.array(v[rows], dtype=np.float64))
        kept.rows += len(rows)


def covered(t: np.ndarray, span: Span) -> bool:
    """Whether the samples kept cover the span: at least MIN_COVERED of its duration."""
    return len(t) >= 2 and (int(t[-1]) - int(t[0])) >= MIN_COVERED * (span.end_ns - span.start_ns)


def _residuals(t_s: np.ndarray, x: np.ndarray, frequencies: np.ndarray) -> np.ndarray:
    """The sum of squared residuals of a least-squares sine, cosine and offset fit to ``x`` (one
    channel) at each of ``frequencies``."""
    out = np.empty(len(frequencies))
    for k, f in enumerate(frequencies):
        phase = 2 * math.pi * f * t_s
        design = np.column_stack((np.sin(phase), np.cos(phase), np.ones_like(t_s)))
        coef, *_ = np.linalg.lstsq(design, x, rcond=None)
        out[k] = float(np.sum((x - design @ coef) ** 2))
    return out


def fit_tone(t_ns: np.ndarray, v: np.ndarray, frequency_hz: float) -> tuple[np.ndarray, np.ndarray]:
    """Per channel of ``v`` (rows at capture times ``t_ns``), the measured (peak-to-peak amplitude,
    frequency) of the tone declared at ``frequency_hz``."""
    amplitude, frequency, _, _ = fit_tone_u(t_ns, v, frequency_hz)
    return amplitude, frequency


def fit_tone_u(t_ns: np.ndarray, v: np.ndarray,
               frequency_hz: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`fit_tone` with the type A standard uncertainties of both, from the fit's residual standard
    deviation s over N samples spanning T: the peak-to-peak amplitude 2 s sqrt(2 / N) (each quadrature
    coefficient of a least-squares sine s sqrt(2 / N)), the frequency sqrt(24) s / (2 pi A sqrt(N) T) with A
    the amplitude (the Cramer-Rao bound of a real sine's frequency in white noise, Rife and Boorstyn 1974)."""
    t_s = (t_ns - t_ns[0]) / 1e9
    span = float(t_s[-1])
    dt = float(np.median(np.diff(t_s)))
    even = np.arange(0.0, span, dt)
    pad = 8 * 2 ** math.ceil(math.log2(max(len(even), 2)))
    freqs = np.fft.rfftfreq(pad, dt)
    band = np.flatnonzero((freqs >= frequency_hz * (1 - SEARCH)) & (freqs <= frequency_hz * (1 + SEARCH)))
    amplitude, frequency = np.empty(v.shape[1]), np.empty(v.shape[1])
    u_amplitude, u_frequency = np.zeros(v.shape[1]), np.zeros(v.shape[1])
    n = len(t_s)
    for c in range(v.shape[1]):
        x = v[:, c] - float(np.mean(v[:, c]))
        spectrum = np.abs(np.fft.rfft(np.interp(even, t_s, x), n=pad))
        coarse = float(freqs[band[int(np.argmax(spectrum[band]))]])
        # the residual's valley about the spectral peak: half its main lobe either side
        grid = np.linspace(coarse - 0.5 / span, coarse + 0.5 / span, REFINE_POINTS)
        residual = _residuals(t_s, x, grid)
        k = int(np.clip(np.argmin(residual), 1, len(grid) - 2))
        left, mid, right = residual[k - 1:k + 2]
        curve = left - 2 * mid + right
        shift = 0.5 * (left - right) / curve if curve > 0 else 0.0
        f = float(grid[k] + np.clip(shift, -1, 1) * (grid[1] - grid[0]))
        phase = 2 * math.pi * f * t_s
        design = np.column_stack((np.sin(phase), np.cos(phase), np.ones_like(t_s)))
        coef, *_ = np.linalg.lstsq(design, x, rcond=None)
        amplitude[c], frequency[c] = 2 * math.hypot(coef[0], coef[1]), f
        if n > 3 and span > 0:
            s = math.sqrt(float(np.sum((x - design @ coef) ** 2)) / (n - 3))
            u_amplitude[c] = 2 * s * math.sqrt(2 / n)
            half = amplitude[c] / 2
            u_frequency[c] = math.sqrt(24) * s / (2 * math.pi * half * math.sqrt(n) * span) if half > 0 else 0.0
    return amplitude, frequency, u_amplitude, u_frequency


@dataclass(frozen=True)
class ToneMeasure:
    tone: Tone
    amplitude_uv_pp: np.ndarray  # per channel
    frequency_hz: np.ndarray  # per channel
    amplitude_u: np.ndarray | None = None  # per channel, type A standard uncertainties (fit_tone_u)
    frequency_u: np.ndarray | None = None

    @property
    def gain(self) -> np.ndarray:
        return self.amplitude_uv_pp / self.tone.amplitude_uv_pp


@dataclass(frozen=True)
class Measured:
    """A stream's segment as measured, or why it is not (``unmeasured``: a message key and its values)."""

    generator: str = ""
    tones: tuple[ToneMeasure, ...] = ()
    skipped: tuple[Tone, ...] = ()  # tones too short or too fast for the sampling
    noise_uv_pv: np.ndarray | None = None  # per channel, over the shorted span
    unmeasured: tuple[str, dict[str, object]] | None = None
    generator_spec: JsonObject | None = None  # the generator as declared (its stated uncertainty)
    cmrr_db: tuple[np.ndarray, np.ndarray] | None = None  # R5 per channel: value, standard uncertainty
    input_ohm: tuple[np.ndarray, np.ndarray] | None = None  # R6 per channel: value, standard uncertainty
    common_mode_uv_pp: float = 0.0  # R5's injected common-mode amplitude
    series_ohm: float = 0.0  # R6's series impedance
    unjudged: tuple[tuple[str, str], ...] = ()  # (set-up, rule) declared but not measured
    undeclared: tuple[tuple[str, str], ...] = ()  # (set-up, rule) the test procedure asks for, not declared


def measure(stats: StreamStats) -> Measured | None:
    """The stream's calibration segment measured: each tone per channel, the shorted span's noise;
    None when the stream declares no segment."""
    state = stats.calibration
    if state is None and (found := declared(stats.spec)) is not None:  # declared, but no frame was read
        state = CalibrationState(found, {s: SpanSamples() for s in found.spans})
    if not isinstance(state, CalibrationState):
        return None
    found = state.declared
    if found.generator is None:
        return Measured(unmeasured=("terminal.calibration-no-generator", {}))
    # a span past the reading bound is cut, so its sine would be fitted on part of it or called unrecorded: neither
    # is what the stream shows (sixty-seventh reading, part d's doubtful item 2)
    if cut := [span for span, kept in state.samples.items() if kept.cut]:
        return Measured(unmeasured=("terminal.calibration-span-cut", {"samples": f"{MAX_SAMPLES:,}".replace(",", " "),
                                                                     "seconds": cut[0].seconds}))
    reference = found.tones[0]
    t, v = state.samples[reference.span].arrays()
    if not covered(t, reference.span):
        return Measured(unmeasured=("terminal.calibration-not-recorded", {"seconds": reference.span.seconds,
                                                                 "samples": len(t)}))
    tones: list[ToneMeasure] = []
    skipped: list[Tone] = []
    for tone in found.tones:
        t, v = state.samples[tone.span].arrays()
        rate = (len(t) - 1) / ((int(t[-1]) - int(t[0])) / 1e9) if len(t) >= 2 and t[-1] > t[0] else 0.0
        if not covered(t, tone.span) or tone.frequency_hz * tone.span.seconds < MIN_CYCLES \
                or tone.frequency_hz * (1 + SEARCH) >= rate / 2:
            skipped.append(tone)
            continue
        tones.append(ToneMeasure(tone, *fit_tone_u(t, v, tone.frequency_hz)))
    if not tones or tones[0].tone is not reference:
        return Measured(unmeasured=("terminal.calibration-reference-unmeasurable",
                                    {"frequency": reference.frequency_hz}))
    noise = None
    if found.shorted is not None:
        t, v = state.samples[found.shorted].arrays()
        if covered(t, found.shorted):
            noise = v.max(axis=0) - v.min(axis=0)
    cmrr, impedance = _common_mode(state, tones[0]), _input_impedance(state, tones[0])
    setups = (("shorted", "R4", found.shorted, noise), ("common_mode", "R5", found.common_mode, cmrr),
              ("series", "R6", found.series, impedance))
    # a set-up declared but not measured is recorded unjudged: the rule it serves is never judged, so no pass
    unjudged = tuple((setup, rule) for setup, rule, declared_, got in setups if declared_ is not None and got is None)
    # a set-up the test procedure asks for but the stream does not declare leaves its rule unjudged too: no pass
    # (sixty-first reading, cx1: a capture declaring none of them passed with R4 to R6 never judged)
    undeclared = tuple((setup, rule) for setup, rule, declared_, _ in setups if declared_ is None)
    return Measured(found.generator, tuple(tones), tuple(skipped), noise, generator_spec=found.generator_spec,
                    cmrr_db=cmrr, input_ohm=impedance,
                    common_mode_uv_pp=found.common_mode.amplitude_uv_pp if found.common_mode else 0.0,
                    series_ohm=found.series_ohm, unjudged=unjudged, undeclared=undeclared)


def _amplitude_at(t_ns: np.ndarray, v: np.ndarray, frequencies: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per channel, the peak-to-peak amplitude of the least-squares sine at that channel's frequency (no
    search: a well rejected residual is too small for a spectral peak to find) and its type A standard
    uncertainty (as :func:`fit_tone_u`'s)."""
    t_s = (t_ns - t_ns[0]) / 1e9
    n = len(t_s)
    amplitude, u = np.empty(v.shape[1]), np.zeros(v.shape[1])
    for c in range(v.shape[1]):
        phase = 2 * math.pi * float(frequencies[c]) * t_s
        design = np.column_stack((np.sin(phase), np.cos(phase), np.ones_like(t_s)))
        coef, *_ = np.linalg.lstsq(design, v[:, c], rcond=None)
        amplitude[c] = 2 * math.hypot(coef[0], coef[1])
        if n > 3:
            u[c] = 2 * math.sqrt(float(np.sum((v[:, c] - design @ coef) ** 2)) / (n - 3)) * math.sqrt(2 / n)
    return amplitude, u


def _relative_u(m: ToneMeasure) -> np.ndarray:
    held = m.amplitude_u if m.amplitude_u is not None else np.zeros_like(m.amplitude_uv_pp)
    return held / np.maximum(m.amplitude_uv_pp, 1e-12)


def _common_mode(state: CalibrationState, reference: ToneMeasure) -> tuple[np.ndarray, np.ndarray] | None:
    """R5 per channel: 20 log10(common-mode amplitude x reference gain / residual) and its u in dB."""
    tone = state.declared.common_mode
    if tone is None:
        return None
    t, v = state.samples[tone.span].arrays()
    if not covered(t, tone.span) or tone.frequency_hz * tone.span.seconds < MIN_CYCLES:
        return None
    clock = reference.frequency_hz / reference.tone.frequency_hz  # the channel's own clock against the generator's
    residual, u = _amplitude_at(t, v, tone.frequency_hz * clock)
    expected = tone.amplitude_uv_pp * reference.gain
    db = np.where(residual > expected * 10 ** (-CMRR_CAP_DB / 20),
                  20 * np.log10(np.maximum(expected, 1e-300) / np.maximum(residual, 1e-300)), CMRR_CAP_DB)
    u_db = 20 / math.log(10) * np.hypot(u / np.maximum(residual, 1e-12), _relative_u(reference))
    return db, u_db


def _input_impedance(state: CalibrationState, reference: ToneMeasure) -> tuple[np.ndarray, np.ndarray] | None:
    """R6 per channel: the input impedance the series impedance divides against, Zs r / (1 - r), with r the
    gain through it over the reference gain (the same frequency: the generator's own error cancels)."""
    tone, ohm = state.declared.series, state.declared.series_ohm
    if tone is None or tone.frequency_hz != reference.tone.frequency_hz:
        return None
    t, v = state.samples[tone.span].arrays()
    if not covered(t, tone.span) or tone.frequency_hz * tone.span.seconds < MIN_CYCLES:
        return None
    amplitude, u = _amplitude_at(t, v, reference.frequency_hz)
    r = amplitude / tone.amplitude_uv_pp / np.maximum(reference.gain, 1e-12)
    u_r = r * np.hypot(u / np.maximum(amplitude, 1e-12), _relative_u(reference))
    loss = 1 - r
    resolved = loss > ohm / IMPEDANCE_CAP_OHM
    impedance = np.where(resolved, ohm * r / np.where(resolved, loss, 1.0), IMPEDANCE_CAP_OHM)
    u_impedance = np.where(resolved, ohm * u_r / np.where(resolved, loss, 1.0) ** 2, 0.0)
    return impedance, u_impedance


def summary(measured: Measured, names: list[str]) -> str:
    """Each tone's measured amplitude and frequency per channel, and the shorted noise: the evidence."""
    parts = [f"{m.tone.frequency_hz:g} Hz {m.tone.amplitude_uv_pp:g} uV pp -> " + ", ".join(
        f"{n} {a:.3g} uV {f:.4g} Hz" for n, a, f in zip(names, m.amplitude_uv_pp, m.frequency_hz, strict=False))
        for m in measured.tones]
    if measured.noise_uv_pv is not None:
        parts.append("shorted -> " + ", ".join(f"{n} {v:.3g} uV pv"
                                                for n, v in zip(names, measured.noise_uv_pv, strict=False)))
    if measured.cmrr_db is not None:
        parts.append("common mode -> " + ", ".join(f"{n} {v:.1f} dB"
                                                    for n, v in zip(names, measured.cmrr_db[0], strict=False)))
    if measured.input_ohm is not None:
        parts.append("series -> " + ", ".join(f"{n} {v / 1e6:.4g} Mohm"
                                               for n, v in zip(names, measured.input_ohm[0], strict=False)))
    return "; ".join(parts)
