"""The HTML report's chart of HTTP response times over the whole run (the exchanges every
requirement's evidence holds), drawn inline as SVG."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from markupsafe import Markup, escape

from conformance.area import HEIGHT, PAD, WIDTH, svg_open


class Evidenced(Protocol):
    """A requirement's result as the report holds it: its evidence items."""

    @property
    def evidence(self) -> Sequence[Mapping[str, object]]: ...


@runtime_checkable
class RunReport(Protocol):
    """The report a chart is drawn from (a run's report): its requirements' results."""

    @property
    def requirements(self) -> Sequence[Evidenced]: ...


def latency_histogram(report: object, t: Mapping[str, str]) -> Markup | None:
    """The distribution of the run's HTTP response times (log-spaced bins), with the median
    and p95 marked; None when the run made fewer than five exchanges (or ``report`` is no run's)."""
    if not isinstance(report, RunReport):
        return None
    exchanges = [item for r in report.requirements for item in r.evidence if item.get("kind") == "http"]
    responses = [response for e in exchanges if isinstance(response := e.get("response"), Mapping)]
    times = sorted(float(elapsed) * 1000 for r in responses
                   if isinstance(elapsed := r.get("elapsed_s"), int | float))
    if len(times) < 5:
        return None
    low, high = max(times[0], 0.01), max(times[-1], 0.02)
    bins = 24
    span = math.log10(high) - math.log10(low) or 1.0
    counts = [0] * bins
    for value in times:
        index = int((math.log10(max(value, low)) - math.log10(low)) / span * bins)
        counts[min(index, bins - 1)] += 1
    top = max(counts)
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    bar_w = plot_w / bins

    def x_of(ms: float) -> float:
        return PAD + (math.log10(max(ms, low)) - math.log10(low)) / span * plot_w

    parts = [svg_open(t["latency_title"]),
             f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#57606a"/>']
    for i, count in enumerate(counts):
        if count:
            h = count / top * plot_h
            parts.append(f'<rect x="{PAD + i * bar_w:.1f}" y="{HEIGHT - PAD - h:.1f}" width="{bar_w - 1:.1f}" '
                         f'height="{h:.1f}" fill="#0969da"><title>{count}</title></rect>')
    for name, q in (("p50", 0.5), ("p95", 0.95)):
        ms = times[min(len(times) - 1, int(q * len(times)))]
        x = x_of(ms)
        parts.append(f'<line x1="{x:.1f}" y1="{PAD - 8}" x2="{x:.1f}" y2="{HEIGHT - PAD}" stroke="#cf222e" '
                     f'stroke-dasharray="3 2"/><text x="{x + 3:.1f}" y="{PAD - 10}" font-size="11">{name} '
                     f'{ms:.1f} ms</text>')
    for ms in (low, math.sqrt(low * high), high):
        parts.append(f'<text x="{x_of(ms):.1f}" y="{HEIGHT - PAD + 14}" font-size="10" text-anchor="middle">'
                     f'{ms:.1f}</text>')
    parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT - 4}" font-size="11" text-anchor="middle">'
                 f'{escape(t["latency_axis"])} ({len(times)})</text></svg>')
    return Markup("".join(parts))  # noqa: S704 - built from numbers and escaped labels only
