"""A motion platform's rated envelope measured at its corners on a test bench (TD-MPLAT-004).

The device descriptor's rated envelope (``limits``: the largest displacement and velocity per axis)
is the maker's specification sheet. On a test bench the host commands, per rated axis, a sinusoid
(the stream's ``commanded_motion``, as TD-MPLAT-003 reads it) whose peaks reach the rated values: an
amplitude of at least the rated displacement, and 2 pi f times it of at least the rated velocity
(one sinusoid does both when f is the rated velocity over 2 pi times the rated displacement). The
frames carry what the moving base achieved, as measured; the velocity is the frames' own, or for an
instrument measuring displacement only the one payloads.derived_velocity differences from it.

Per commanded axis, each commanded cycle (theta = 2 pi f (t - t0) + phase from 2 pi k to 2 pi (k + 1))
keeps the largest magnitude of displacement and of velocity measured in it (:class:`CyclePeaks`,
carried across chunks). The peak the platform reaches is the median of these over the complete cycles
(the first and the last cycle the stream touches are left out: they may be cut short), so one spike
does not make a corner reached, and a platform stopping short on most cycles is seen short. A platform
stopped by its stroke shows a displacement short of the rating (R1); one limited in rate reaches the
displacement late, at its turnarounds, and shows the velocity short (R2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from conformance import msg

from .._shared.uncertainty import u_median
from .capture.frames import DOF6_AXES
from .chunk import Chunk
from .platform_response import Sinusoid, commanded_of, on_bench

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: the quantities of the rated envelope, and the rule each corner is judged under
RULE_OF = {"displacement": "R1", "velocity": "R2"}
#: complete commanded cycles the peak reached is taken over, at the fewest
MIN_CYCLES = 3
#: a command computed from the rating (f = velocity / (2 pi displacement)) reads back within this share of it
COMMAND_ROUNDING = 1e-9


def commanded_peak(wave: Sinusoid, quantity: str) -> float:
    """The peak of ``quantity`` the sinusoid commands: its amplitude, or 2 pi f times it."""
    return wave.amplitude if quantity == "displacement" else 2 * math.pi * wave.frequency_hz * wave.amplitude


@dataclass
class CyclePeaks:
    """Per (commanded axis, quantity): commanded cycle index -> the largest magnitude measured in it; and the cycles
    holding a frame with no value measured (NaN: a displacement-only stream's frame given no derived velocity), whose
    peak is not known, with how many such frames there were."""

    peaks: dict[tuple[str, str], dict[int, float]] = field(default_factory=dict)
    holed: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    unmeasured: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, axis: str, quantity: str, cycle: np.ndarray, magnitude: np.ndarray) -> None:
        kept = self.peaks.setdefault((axis, quantity), {})
        missing = ~np.isfinite(magnitude)
        if missing.any():
            holes = np.unique(cycle[missing]).tolist()
            self.holed.setdefault((axis, quantity), set()).update(holes)
            self.unmeasured[(axis, quantity)] = self.unmeasured.get((axis, quantity), 0) + int(missing.sum())
            for k in holes:
                kept.setdefault(k, -math.inf)
            cycle, magnitude = cycle[~missing], magnitude[~missing]
        cycles, where = np.unique(cycle, return_inverse=True)
        largest = np.full(len(cycles), -np.inf)
        np.maximum.at(largest, where, magnitude)
        for k, value in zip(cycles.tolist(), largest.tolist(), strict=True):
            kept[k] = max(kept.get(k, -math.inf), value)

    def _complete(self, axis: str, quantity: str) -> list[float]:
        """The peaks of the complete cycles: neither the first nor the last the stream touches, nor one holding a
        frame with no value measured."""
        kept, holed = self.peaks.get((axis, quantity), {}), self.holed.get((axis, quantity), set())
        return [kept[k] for k in sorted(kept)[1:-1] if k not in holed]

    def reached(self, axis: str, quantity: str) -> tuple[float | None, int]:
        """(the median peak over the complete cycles, or None with fewer than MIN_CYCLES; their count).

        With at least 3 cycles the median is a middle value, not the mean of two, so one spiking cycle does not set it."""
        complete = self._complete(axis, quantity)
        if len(complete) < MIN_CYCLES:
            return None, len(complete)
        return float(np.median(complete)), len(complete)

    def reached_u(self, axis: str, quantity: str) -> float:
        """The type A standard uncertainty of that median peak, over the complete cycles (u_median)."""
        return u_median(self._complete(axis, quantity))


def fold_corners(chunk: Chunk, displacement: np.ndarray, velocity: np.ndarray) -> None:
    """Add one chunk's measured ``displacement`` and ``velocity`` ((n, 6), DOF6_AXES order) to the peaks
    of each commanded cycle."""
    bench = on_bench(chunk, "corners", CyclePeaks)
    if bench is None:
        return
    state, t0, sinusoids = bench
    seconds = (chunk.t.astype(np.float64) - t0) / 1e9
    for axis, wave in sinusoids.items():
        column = DOF6_AXES.index(axis)
        cycle = np.floor((2 * np.pi * wave.frequency_hz * seconds + wave.phase_rad) / (2 * np.pi)).astype(np.int64)
        for quantity, values in (("displacement", displacement[:, column]), ("velocity", velocity[:, column])):
            state.add(axis, quantity, cycle, np.abs(values))


@dataclass(frozen=True)
class Corner:
    """One rated corner (axis, quantity) of a bench stream: the rating, what the bench commanded (None:
    the axis is not commanded) and what the platform reached over how many complete cycles."""

    axis: str
    quantity: str
    rated: float
    commanded: float | None
    reached: float | None
    cycles: int
    reached_u: float = 0.0  # the type A standard uncertainty of ``reached`` (a median over the cycles)
    unmeasured: int = 0  # frames with no value measured (a displacement-only stream's frames given no velocity)

    @property
    def rule(self) -> str:
        return RULE_OF[self.quantity]

    @property
    def commands_the_corner(self) -> bool:
        return self.commanded is not None and self.commanded >= self.rated * (1 - COMMAND_ROUNDING)

    def shortfall(self) -> float:
        """How far short of the rating the reached peak stays, as a share of the rating (0 at or beyond it)."""
        return max(0.0, 1 - (self.reached or 0.0) / self.rated)


def corners_of(spec: JsonObject, offer: JsonObject, peaks: CyclePeaks | None) -> list[Corner]:
    """Every corner the stream's offer rates, with what its bench commanded and reached (an empty list
    when the stream records no usable commanded motion or the offer rates nothing)."""
    command = commanded_of(spec)
    limits = offer.get("limits")
    if command is None or not isinstance(limits, dict):
        return []
    sinusoids = command[1]
    corners = []
    for quantity in RULE_OF:
        bounds = limits.get(quantity)
        if not isinstance(bounds, dict):
            continue
        for axis in DOF6_AXES:
            rated = bounds.get(axis)
            if not isinstance(rated, int | float) or isinstance(rated, bool) or not rated > 0:
                continue
            wave = sinusoids.get(axis)
            reached, cycles = peaks.reached(axis, quantity) if peaks is not None and wave else (None, 0)
            u = peaks.reached_u(axis, quantity) if peaks is not None and reached is not None else 0.0
            unmeasured = peaks.unmeasured.get((axis, quantity), 0) if peaks is not None and wave else 0
            corners.append(Corner(axis, quantity, float(rated), commanded_peak(wave, quantity) if wave else None,
                                  reached, cycles, u, unmeasured))
    return corners


#: a corner's quantity, named in the run's language (keys written out, as the message check reads them)
QUANTITY_KEYS = {"displacement": "terminal.corner-quantity-displacement",
                 "velocity": "terminal.corner-quantity-velocity"}


def unjudged_corner(name: str, sid: str, corner: Corner) -> str:
    """Why the bench leaves ``corner`` unjudged: not commanded, commanded below the rating, or too few cycles (of
    them, with frames given no derived velocity)."""
    what = {"file": name, "sid": repr(sid), "axis": corner.axis, "rated": corner.rated,
            "quantity": msg(QUANTITY_KEYS[corner.quantity])}
    if corner.commanded is None:
        return msg("terminal.corner-uncommanded", **what)
    if not corner.commands_the_corner:
        return msg("terminal.corner-below", commanded=corner.commanded, **what)
    if corner.unmeasured:
        return msg("terminal.corner-underived", cycles=corner.cycles, fewest=MIN_CYCLES, frames=corner.unmeasured,
                   **what)
    return msg("terminal.corner-few-cycles", cycles=corner.cycles, fewest=MIN_CYCLES, **what)
