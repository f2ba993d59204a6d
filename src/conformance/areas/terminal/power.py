"""Power and thermal records (TD-PWR-*): battery level, power draw and surface temperature.

A ``power`` stream samples, at its ``rate_hz``, the device's ``battery`` level (0 empty .. 1
full, as the W3C Battery Status API's level), its ``power_w`` draw in watts and the
``temperature_c`` of the part touching the user, in degrees Celsius; a frame carries any of
them.

- ``power_range`` (TD-PWR-001 R1), on the frames' columns: every battery level within 0..1;
- for TD-PWR-001 R2, gathered per stream (:class:`BatteryFit`): running sums for the
  least-squares line through the valid battery levels against their capture times, so the suite
  reads how fast the battery falls (per hour) over the session, and how long the session was,
  without keeping the samples;
- for TD-PWR-002, gathered per stream: the highest temperature and where, judged by the
  suite against the contact-temperature parameter when the stream declares the calibrated
  contact ``thermometer`` its temperatures come from (:func:`measured_by_thermometer`);
- for TD-PWR-003, gathered per stream that declares the calibrated ``power_analyser`` between the
  battery and the device its ``power_w`` readings come from (:func:`analyser`): the energy drawn
  and the cut-off, the first reading after which the power stays below ``CUTOFF_W`` (:class:`Supply`),
  so the suite reads how long the battery ran the test workload, not what the fuel gauge says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from conformance import msg

from .._shared.uncertainty import Declared, declared

from .bench_trace import instrument
from .chunk import Chunk, report
from .jsonread import text
from .plausibility import Extreme

if TYPE_CHECKING:
    from conformance.area import JsonObject

HOUR_NS = 3.6e12
#: TD-PWR-003: below this the device draws no more than a switched-off device does (this catalog's figure)
CUTOFF_W = 0.1


def measured_by_thermometer(spec: JsonObject) -> bool:
    """Whether a power stream declares the contact thermometer its temperatures come from, with its
    calibration (TD-PWR-002's test method; the header schema says what a malformed one lacks)."""
    thermometer = spec.get("thermometer")
    return isinstance(thermometer, dict) and isinstance(thermometer.get("kind"), str) \
        and text(thermometer.get("calibration")) is not None


def thermometer_uncertainty(spec: JsonObject) -> Declared | None:
    """The expanded uncertainty the contact thermometer's calibration states, as the stream declares it in
    ``thermometer.uncertainty`` (TD-PWR-002's apparatus, at most 0.5 C at k = 2); None: none stated, and a
    passing hottest sample is then recorded unjudged (measured.Judge)."""
    return declared(spec.get("thermometer"))


def analyser(spec: JsonObject) -> str | None:
    """The power analyser's model when a power stream declares it with its calibration (TD-PWR-003's
    test method); else None."""
    return instrument(spec, "power_analyser")


@dataclass
class Supply:
    """What a power analyser measured of the power drawn from the battery, frame by frame (each
    reading the mean power since the previous one): the energy, and when the device cut off."""

    first_t: int | None = None
    last_t: int | None = None
    running_j: float = 0.0  # through the last reading
    energy_j: float = 0.0  # through the last reading at or above CUTOFF_W
    on_t: int | None = None  # the last reading at or above CUTOFF_W
    cut_t: int | None = None  # the first reading after on_t (None while the last is on)
    readings: int = 0

    def add(self, t: np.ndarray, watts: np.ndarray) -> None:
        if not len(t):
            return
        if self.first_t is None:
            self.first_t = int(t[0])
        before = np.concatenate(([self.last_t if self.last_t is not None else int(t[0])], t[:-1]))
        joules = self.running_j + np.cumsum(watts * (t - before) / 1e9)
        on = np.flatnonzero(watts >= CUTOFF_W)
        if len(on):
            k = int(on[-1])
            self.energy_j, self.on_t = float(joules[k]), int(t[k])
            self.cut_t = int(t[k + 1]) if k + 1 < len(t) else None
        elif self.on_t is not None and self.cut_t is None:
            self.cut_t = int(t[0])
        self.running_j, self.last_t = float(joules[-1]), int(t[-1])
        self.readings += len(t)


@dataclass
class BatteryFit:
    """Running sums of the valid battery levels against time, for the slope of their least-squares
    line. Times count in hours from the first sample, so nanosecond timestamps lose no precision."""

    first_t: int | None = None
    last_t: int | None = None
    first_level: float | None = None
    n: int = 0
    sx: float = 0.0
    sy: float = 0.0
    sxx: float = 0.0
    sxy: float = 0.0

    def add(self, t: np.ndarray, level: np.ndarray) -> None:
        if not len(t):
            return
        if self.first_t is None:
            self.first_t, self.first_level = int(t[0]), float(level[0])
        self.last_t = int(t[-1])
        x = (t - self.first_t) / HOUR_NS
        self.n += len(x)
        self.sx += float(x.sum())
        self.sy += float(level.sum())
        self.sxx += float(np.dot(x, x))
        self.sxy += float(np.dot(x, level))

    @property
    def minutes(self) -> float:
        """How long the valid battery levels span."""
        return 0.0 if self.first_t is None or self.last_t is None else (self.last_t - self.first_t) / 6e10

    def drain_per_hour(self) -> float | None:
        """How much of a full battery the level loses an hour (the negated slope of the line), or None
        with fewer than two distinct times."""
        spread = self.n * self.sxx - self.sx * self.sx
        if self.n < 2 or spread <= 0:
            return None
        return -(self.n * self.sxy - self.sx * self.sy) / spread


def _column(chunk: Chunk, member: str) -> np.ndarray:
    return np.array(list(map(attrgetter(member), chunk.frames)), dtype=np.float64)  # None: NaN


def check_power_frames(chunk: Chunk) -> None:
    stats = chunk.stats
    if stats.power is None:
        stats.power = Extreme(value=-np.inf)
    if stats.battery is None:
        stats.battery = BatteryFit()
    if stats.supply is None and analyser(stats.spec) is not None:
        stats.supply = Supply()
    hottest: Extreme = stats.power
    battery = _column(chunk, "battery")
    present = ~np.isnan(battery)
    stats.add_checked("power_range", int(np.count_nonzero(present)))
    valid = present & (battery >= 0) & (battery <= 1)
    report(chunk, "power_range", present & ~valid, lambda r: (
        msg("terminal.power-out-of-range", quantity="battery", value=float(battery[r]), low=0, high=1),
        {"pointer": "/battery", "actual": float(battery[r]), "expected": "0 .. 1"}))
    stats.battery.add(chunk.t[valid], battery[valid])
    if stats.supply is not None:  # TD-PWR-003: an analyser's readings
        watts = _column(chunk, "power_w")
        read = ~np.isnan(watts)
        stats.supply.add(chunk.t[read], watts[read])
    temperature = _column(chunk, "temperature_c")
    present = ~np.isnan(temperature)
    if present.any():
        hottest.offer(*_present(chunk, temperature, present))


def _present(chunk: Chunk, values: np.ndarray, present: np.ndarray
             ) -> tuple[np.ndarray, Callable[[int], dict[str, object]]]:
    rows = np.flatnonzero(present)
    return values[rows], lambda k: chunk.where(int(rows[k]), "/temperature_c", actual=float(values[rows[k]]))
