"""Inline SVG for the HTML report's charts, which the areas draw (``conformance_charts``,
``conformance_report_charts`` in :mod:`conformance.hookspecs`) from the report's own data:
numbers only, so no target-supplied text reaches the markup unescaped. The sizes and the few
helpers every chart uses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from markupsafe import Markup, escape

from .. import _areas

WIDTH, HEIGHT, PAD = 560, 180, 36


def number(value: object) -> float | None:
    """A finite number from report data, else None (a report can be edited by hand)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    found = float(value)
    return found if math.isfinite(found) else None


def numbers(values: object, limit: int = 500) -> list[float | None]:
    return [number(v) for v in values[:limit]] if isinstance(values, list) else []


def svg_open(title: str, height: int = HEIGHT) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
            f'width="{WIDTH}" height="{height}"><title>{escape(title)}</title>')


def series_chart(item: Mapping[str, object], t: Mapping[str, str]) -> Markup | None:
    """The chart of one evidence item of kind ``series``, drawn by the renderer its ``chart``
    names; None when no area has one or the item holds nothing to draw."""
    render = _areas.charts().get(str(item.get("chart")))
    return render(item, t) if render is not None else None


def report_charts(report: object, t: Mapping[str, str]) -> list[tuple[str, Markup]]:
    """(name, chart) of every chart of the whole run an area draws, in name order; the name is
    also the section's anchor and the label of its heading."""
    drawn = ((name, render(report, t)) for name, render in _areas.report_charts().items())
    return [(name, chart) for name, chart in drawn if chart is not None]
