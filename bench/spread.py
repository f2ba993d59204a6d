"""min / median / max of a benchmark's rounds as one column group, the form every script
in bench/ prints (imported by name: the scripts run as ``python bench/<script>.py``)."""

from __future__ import annotations

import statistics


def spread(values: list[float], digits: int = 2, width: int = 0, sep: str = " / ") -> str:
    """``values``' minimum, median and maximum, each with ``digits`` decimals, right-aligned
    to ``width`` characters, joined by ``sep``."""
    return sep.join(f"{v:{width}.{digits}f}" for v in (min(values), statistics.median(values), max(values)))
