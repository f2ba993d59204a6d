"""Accessibility features observed working in a capture recorded while each is switched on (TD-ACC-004,
TD-ACC-005), not read from the descriptor.

- Mono audio (TD-ACC-004). A ``binaural`` stream recorded with the device's mono audio setting on declares
  ``binaural.mono_audio: true``; the test sources of :mod:`.binaural` (noise bursts at azimuths around the
  listener) are what a stereo or binaural renderer would pan. :mod:`.binaural` measures each burst's window
  (each ear's RMS level, their difference); with mono audio on, the two ears carry the same level whatever
  the source's direction. TD-AUD-004 leaves these streams alone: a mono stream is meant not to lateralise.
- Seated mode (TD-ACC-005). A ``pose`` stream of the headset held still on a stand, recorded while the
  laboratory switches the seated mode on, declares ``seated_mode``: ``switched_on_t`` (capture clock, ns)
  and ``height_offset_m``, the height the setting applies (what the device's own setting shows). The mean
  position over the ``WINDOW_S`` before the switch and over the ``WINDOW_S`` from ``SETTLE_S`` after it
  gives the step: its height (y) the offset applied, its horizontal part (x, z) what the mode should not
  move. Sums only, per window: memory stays flat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .chunk import Chunk
from .model import CaptureAnalysis, StreamStats

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: seated mode: the windows averaged before the switch, and after it once the device has settled
WINDOW_S, SETTLE_S = 1.0, 1.0


def mono_audio(stats: StreamStats) -> bool:
    """A binaural stream recorded with the device's mono audio setting on (TD-ACC-004's, not TD-AUD-004's)."""
    declared = stats.spec.get("binaural")
    return isinstance(declared, dict) and declared.get("mono_audio") is True


@dataclass
class WindowSums:
    """The valid positions of one window: their count, sum and sum of squares per axis (x, y, z)."""

    n: int = 0
    total: np.ndarray = field(default_factory=lambda: np.zeros(3))
    squares: np.ndarray = field(default_factory=lambda: np.zeros(3))

    def add(self, p: np.ndarray) -> None:
        self.n += len(p)
        self.total += p.sum(axis=0)
        self.squares += np.einsum("ij,ij->j", p, p)

    def mean(self) -> np.ndarray:
        return self.total / self.n

    def variance_of_mean(self) -> np.ndarray:
        """Per axis, the variance of the mean (the sample variance over n): the type A part."""
        if self.n < 2:
            return np.full(3, math.inf)
        var = np.maximum(self.squares - self.total ** 2 / self.n, 0.0) / (self.n - 1)
        return var / self.n


@dataclass
class SeatedState:
    """A seated-mode stream's declaration and its two windows' sums."""

    switched_on_t: int  # ns
    offset_m: float
    before: WindowSums = field(default_factory=WindowSums)
    after: WindowSums = field(default_factory=WindowSums)

    def windows(self) -> tuple[tuple[float, float], tuple[float, float]]:
        on = float(self.switched_on_t)
        return (on - WINDOW_S * 1e9, on), (on + SETTLE_S * 1e9, on + (SETTLE_S + WINDOW_S) * 1e9)


@dataclass(frozen=True)
class SeatedStep:
    """What the seated mode moved the head by: its height (m) and horizontal (m) parts, their standard
    uncertainties (type A, m), and the poses in each window."""

    rise_m: float
    u_rise_m: float
    horizontal_m: float
    u_horizontal_m: float
    before: int
    after: int


#: the member a pose stream declares seated mode by (TD-ACC-005)
MEMBER = "seated_mode"


def declared_seated(spec: JsonObject) -> SeatedState | None:
    """The seated-mode declaration of a pose stream, or None when it has none usable."""
    seated = spec.get(MEMBER)
    if not isinstance(seated, dict):
        return None
    on, offset = seated.get("switched_on_t"), seated.get("height_offset_m")
    if type(on) is not int or not isinstance(offset, int | float) or isinstance(offset, bool) \
            or not math.isfinite(offset):
        return None
    return SeatedState(on, float(offset))


def read_seated(result: CaptureAnalysis) -> None:
    """Each pose stream declaring a usable seated mode gets the state its frames fill."""
    for stats in result.streams_of("pose"):
        stats.seated = declared_seated(stats.spec)


def fold_seated(chunk: Chunk, p: np.ndarray, position_valid: np.ndarray) -> None:
    """Add the chunk's valid positions inside the before and after windows to their sums."""
    state = chunk.stats.seated
    if state is None:  # a pose stream recorded without seated mode switched on
        return
    t = chunk.t.astype(np.float64)
    for (lo, hi), sums in zip(state.windows(), (state.before, state.after), strict=True):
        inside = position_valid & (t >= lo) & (t < hi) & np.isfinite(p).all(axis=1)
        if inside.any():
            sums.add(p[inside])


def seated_step(state: SeatedState, fewest: int) -> SeatedStep | None:
    """The step between the windows, or None when either holds fewer than ``fewest`` valid poses."""
    if state.before.n < fewest or state.after.n < fewest:
        return None
    step = state.after.mean() - state.before.mean()
    var = state.after.variance_of_mean() + state.before.variance_of_mean()
    horizontal = math.hypot(step[0], step[2])
    # the horizontal distance's uncertainty by the law of propagation (GUM 5.1.2), its axes weighted by
    # their share of it; at a zero distance the larger axis's
    u_h = math.sqrt((step[0] ** 2 * var[0] + step[2] ** 2 * var[2]) / horizontal ** 2) if horizontal > 0 \
        else math.sqrt(max(var[0], var[2]))
    return SeatedStep(float(step[1]), math.sqrt(float(var[1])), horizontal, u_h, state.before.n, state.after.n)
