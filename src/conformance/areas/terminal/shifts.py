"""The latency search TD-AUD-005 and TD-PERF-002 share: what a device produced is compared with
what it should have produced delayed by each shift of ``SHIFTS_MS`` (-100 to 500 ms, 1 ms apart;
negative: a device predicting ahead), and the shift with the least root-mean-square difference
is its latency. Each caller computes the differences its way (an interaural time difference
track, tracked positions on a rotary stage); the choice is made here, once. TD-FACE-004 also bounds
a lead (max_face_lead_ms, 125 ms at most), so its search reaches further ahead (``LEAD_SHIFTS_MS``)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

SHIFTS_MS = np.arange(-100, 501)  # the latencies searched, 1 ms apart
#: the latencies searched where a lead is bounded too (TD-FACE-004, -006): past the largest lead a limit allows
#: (max_face_lead_ms 125, only lowered), so a lead the limit fails is found where it is; a best shift at -200 ms is
#: beyond that limit whatever the true lead, so the lower edge needs no flag of its own
LEAD_SHIFTS_MS = np.arange(-200, 501)
#: a latency found on that grid carries its step as a resolution: a rectangular distribution one step
#: wide, whose standard uncertainty (GUM 4.3.7) is the step / sqrt(12)
U_SHIFT_MS = float(SHIFTS_MS[1] - SHIFTS_MS[0]) / 12 ** 0.5


@dataclass(frozen=True)
class BestShift:
    """The shift with the least root-mean-square difference (ms) and its index in ``SHIFTS_MS``, that
    difference, the difference at no shift, and whether the best is the last shift searched (the
    latency may be longer still)."""

    latency_ms: float
    index: int
    residual: float
    unshifted: float
    at_edge: bool


def best_shift(rms: np.ndarray, shifts: np.ndarray = SHIFTS_MS) -> BestShift:
    """The best of ``rms``, the root-mean-square difference at each shift of ``shifts``."""
    best = int(np.argmin(rms))
    zero = int(np.flatnonzero(shifts == 0)[0])
    return BestShift(float(shifts[best]), best, float(rms[best]), float(rms[zero]), best == len(shifts) - 1)


def rate_on_reference_clock(t: np.ndarray, reach: np.ndarray, search_frames: int,
                            spread: Callable[[np.ndarray, float], float],
                            shifts: np.ndarray = SHIFTS_MS) -> tuple[float | None, float]:
    """(rate in frames a second, its standard uncertainty) of a device's frames counted against a reference's clock:
    the latency found apart on the first and on the last third of the frames that reach the reference (at most
    ``search_frames`` of each, evenly spread; ``spread(frames, shift_ms)`` the error of those frames against the
    reference shifted by ``shift_ms``), each at its middle frame (numbers c1 < c2, stamps t1, t2); what the reference
    shows there is its time t - latency, so the rate is (c2 - c1) / ((t2 - latency2) - (t1 - latency1)). Frames are
    counted, their stamps cancel: a device stamping its frames at the declared rate while sampling at another is
    found. The standard uncertainty: each latency to the search's grid (:data:`U_SHIFT_MS`), the two apart."""
    frames = np.flatnonzero(reach)
    third = len(frames) // 3
    if third < 2:
        return None, 0.0
    ends = []
    for part in (frames[:third], frames[-third:]):
        part = part[np.unique(np.linspace(0, len(part) - 1, min(len(part), search_frames)).astype(np.int64))]
        rms = np.array([spread(part, shift) for shift in shifts.astype(np.float64)])
        if not np.isfinite(rms).any():
            return None, 0.0
        middle = int(part[len(part) // 2])
        ends.append((middle, float(t[middle]) - best_shift(rms, shifts).latency_ms * 1e6))
    (c1, tau1), (c2, tau2) = ends
    if not tau2 > tau1:
        return None, 0.0
    rate = (c2 - c1) / ((tau2 - tau1) / 1e9)
    return rate, rate * math.sqrt(2) * U_SHIFT_MS * 1e6 / (tau2 - tau1)
