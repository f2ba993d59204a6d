"""Percentiles of answer times (IF-LAT-001), without NumPy: loading it for two percentiles of a
few dozen samples cost a run of the HTTP profiles 0.12 s, and hypothesis then saves and restores
NumPy's random state around every example of every property test after it."""

from __future__ import annotations

from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0 to 100) of ``values``, linear between the two nearest order
    statistics: NumPy's default (``method="linear"``, Hyndman and Fan's definition 7)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)
