"""The latency search TD-AUD-005 and TD-PERF-002 share: what a device produced is compared with
what it should have produced delayed by each shift of ``SHIFTS_MS`` (-100 to 500 ms, 1 ms apart;
negative: a device predicting ahead), and the shift with the least root-mean-square difference
is its latency. Each caller computes the differences its way (an interaural time difference
track, tracked positions on a rotary stage); the choice is made here, once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SHIFTS_MS = np.arange(-100, 501)  # the latencies searched, 1 ms apart
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


def best_shift(rms: np.ndarray) -> BestShift:
    """The best of ``rms``, the root-mean-square difference at each shift of ``SHIFTS_MS``."""
    best = int(np.argmin(rms))
    zero = int(np.flatnonzero(SHIFTS_MS == 0)[0])
    return BestShift(float(SHIFTS_MS[best]), best, float(rms[best]), float(rms[zero]), best == len(SHIFTS_MS) - 1)
