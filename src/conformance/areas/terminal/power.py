"""Power and thermal records (TD-PWR-*): battery level, power draw and surface temperature.

A ``power`` stream samples, at its ``rate_hz``, the device's ``battery`` level (0 empty .. 1
full, as the W3C Battery Status API's level), its ``power_w`` draw in watts and the
``temperature_c`` of the part touching the user, in degrees Celsius; a frame carries any of
them. The device's ``power`` offer declares, in ``operating``, the ranges it claims for a
session: ``power_w`` and ``temperature_c``, each a ``min`` and ``max``.

- ``power_range`` (TD-PWR-001): the ranges declared (read with the header), and on the
  frames' columns every battery level within 0..1 and every power and temperature within
  the declared range;
- for TD-PWR-002, gathered per stream: the highest temperature and where, judged by the
  suite against the contact-temperature parameter when the stream declares the calibrated
  contact ``thermometer`` its temperatures come from (:func:`measured_by_thermometer`).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeGuard

import numpy as np

from conformance import Message, msg

from .chunk import Chunk, report
from .model import CaptureAnalysis, StreamStats, captured
from .plausibility import Extreme

QUANTITIES = ("power_w", "temperature_c")


def measured_by_thermometer(spec: dict[str, Any]) -> bool:
    """Whether a power stream declares the contact thermometer its temperatures come from, with its
    calibration (TD-PWR-002's test method; the header schema says what a malformed one lacks)."""
    thermometer = spec.get("thermometer")
    return isinstance(thermometer, dict) and isinstance(thermometer.get("kind"), str) \
        and isinstance(thermometer.get("calibration"), str) and bool(thermometer["calibration"].strip())


def declared(stats: StreamStats, quantity: str) -> tuple[float, float] | None:
    """The (min, max) the stream's offer declares for ``quantity``, or None."""
    operating = stats.offer.get("operating")
    bounds = operating.get(quantity) if isinstance(operating, dict) else None
    if not isinstance(bounds, dict):
        return None
    low, high = bounds.get("min"), bounds.get("max")
    if not (_number(low) and _number(high)) or not low <= high:
        return None
    return float(low), float(high)


def _number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def read_power(result: CaptureAnalysis) -> None:
    """TD-PWR-001, the declaration: each power stream's offer declares both ranges."""
    log = result.log("power_range")
    for stats in result.streams_of("power"):
        stats.add_checked("power_range", 1)
        for quantity in QUANTITIES:
            if declared(stats, quantity) is None:
                where = "/device/offers" + (f"/{stats.offer_index}" if stats.offer_index is not None else "")
                log.add(captured(msg("terminal.power-undeclared", sid=repr(stats.id), quantity=quantity), line=1,
                                 stream=stats.id, pointer=f"{where}/operating/{quantity}", expected="{min, max}"))


def _column(chunk: Chunk, member: str) -> np.ndarray:
    return np.array(list(map(attrgetter(member), chunk.frames)), dtype=np.float64)  # None: NaN


def check_power_frames(chunk: Chunk) -> None:
    stats = chunk.stats
    if stats.power is None:
        stats.power = Extreme(value=-np.inf)
    hottest: Extreme = stats.power
    battery = _column(chunk, "battery")
    present = ~np.isnan(battery)
    stats.add_checked("power_range", int(np.count_nonzero(present)))
    off = present & ~((battery >= 0) & (battery <= 1))
    report(chunk, "power_range", off, lambda r: (
        msg("terminal.power-out-of-range", quantity="battery", value=float(battery[r]), low=0, high=1),
        {"pointer": "/battery", "actual": float(battery[r]), "expected": "0 .. 1"}))
    for quantity in QUANTITIES:
        values = _column(chunk, quantity)
        present = ~np.isnan(values)
        stats.add_checked("power_range", int(np.count_nonzero(present)))
        if quantity == "temperature_c" and present.any():
            hottest.offer(*_present(chunk, values, present))
        bounds = declared(stats, quantity)
        if bounds is None:
            continue
        low, high = bounds
        off = present & ~((values >= low) & (values <= high))
        report(chunk, "power_range", off, _outside(quantity, values, low, high))


def _present(chunk: Chunk, values: np.ndarray, present: np.ndarray
             ) -> tuple[np.ndarray, Callable[[int], dict[str, Any]]]:
    rows = np.flatnonzero(present)
    return values[rows], lambda k: chunk.where(int(rows[k]), "/temperature_c", actual=float(values[rows[k]]))


def _outside(quantity: str, values: np.ndarray, low: float, high: float
             ) -> Callable[[int], tuple[Message, dict[str, Any]]]:
    return lambda r: (msg("terminal.power-out-of-range", quantity=quantity, value=float(values[r]), low=low, high=high),
                      {"pointer": f"/{quantity}", "actual": float(values[r]), "expected": f"{low:g} .. {high:g}"})
