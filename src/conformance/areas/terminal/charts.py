"""The HTML report's charts of capture series (evidence items of kind ``series``, written by
:mod:`.series`): frame intervals over time and positions against the tracking volume, drawn
inline as SVG from numbers only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

from conformance.area import HEIGHT, PAD, WIDTH, number, numbers, svg_open


def interval_chart(item: Mapping[str, Any], t: Mapping[str, str]) -> Markup | None:
    """Frame interval over time: each bucket's shortest to longest interval as a bar, the
    declared period as a dashed line, the jitter bound as a band around it, and buckets
    with dropped frames marked red along the top (a spike above the plot is drawn at its top)."""
    low, high = numbers(item.get("min_ms")), numbers(item.get("max_ms"))
    rate, jitter = number(item.get("rate_hz")), number(item.get("jitter_ms"))
    bucket_s = number(item.get("bucket_s")) or 0.0
    buckets = min(len(low), len(high))
    if not buckets or rate is None or rate <= 0:
        return None
    period = 1000.0 / rate
    band = max(jitter or 0.0, 0.0)
    seen = [v for v in high[:buckets] if v is not None]
    top = max(2 * period, period + 2 * band, min(max(seen, default=0.0), 4 * period + 2 * band)) or 1.0
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = plot_w / buckets

    def y_of(ms: float) -> float:
        return HEIGHT - PAD - min(max(ms, 0.0), top) / top * plot_h

    stream = str(item.get("stream", ""))
    parts = [svg_open(f'{t["intervals_title"]}: {stream}'),
             f'<rect x="{PAD}" y="{y_of(period + band):.1f}" width="{plot_w}" '
             f'height="{max(y_of(period - band) - y_of(period + band), 0.5):.1f}" fill="#dafbe1" class="band">'
             f'<title>{escape(t["jitter_band"])} ±{band:g} ms</title></rect>',
             f'<line x1="{PAD}" y1="{y_of(period):.1f}" x2="{WIDTH - PAD}" y2="{y_of(period):.1f}" stroke="#1a7f37" '
             f'stroke-dasharray="5 3"/>',
             f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#57606a"/>',
             f'<line x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{HEIGHT - PAD}" stroke="#57606a"/>']
    # one path per colour, a vertical stroke per bucket: a few bytes a bucket, not an element
    strokes: dict[str, list[str]] = {"#0969da": [], "#cf222e": []}
    for i in range(buckets):
        lo, hi = low[i], high[i]
        if lo is None or hi is None:
            continue
        y1, y2 = y_of(hi), y_of(lo)
        colour = "#cf222e" if band and (hi > period + band or lo < period - band) else "#0969da"
        strokes[colour].append(f"M{PAD + (i + 0.5) * step:.1f} {y1:.1f}V{max(y2, y1 + 2.5):.1f}")
    for colour, segments in strokes.items():
        if segments:
            parts.append(f'<path d="{"".join(segments)}" stroke="{colour}" '
                         f'stroke-width="{max(min(step, 3.0), 1.5):.1f}" fill="none" class="iv"/>')
    drops: list[Any] = item["dropped"] if isinstance(item.get("dropped"), list) else []
    for pair in drops[:500]:
        index = number(pair[0]) if isinstance(pair, list) and len(pair) == 2 else None
        count = number(pair[1]) if index is not None else None
        if index is None or count is None or not 0 <= index < buckets:
            continue
        x = PAD + (int(index) + 0.5) * step
        parts.append(f'<rect x="{x - max(step, 2.0) / 2:.1f}" y="{PAD}" width="{max(step, 2.0):.1f}" height="{plot_h}" '
                     f'fill="#cf222e" fill-opacity="0.15"/>')
        parts.append(f'<path d="M{x - 4:.1f} {PAD - 10} L{x + 4:.1f} {PAD - 10} L{x:.1f} {PAD - 3} Z" fill="#cf222e" '
                     f'class="drop"><title>{int(count)} {escape(t["dropped_frames"])}</title></path>')
    span = bucket_s * buckets
    for label, y in ((f"{top:.1f}", PAD), (f"{period:.2f}", y_of(period)), ("0", HEIGHT - PAD)):
        parts.append(f'<text x="{PAD - 3}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{label}</text>')
    for fraction in (0.0, 0.5, 1.0):
        parts.append(f'<text x="{PAD + fraction * plot_w:.1f}" y="{HEIGHT - PAD + 14}" font-size="10" '
                     f'text-anchor="middle">{fraction * span:.2f}</text>')
    dropped = number(item.get("dropped_total"))
    legend = f'{stream} · {t["declared_rate"]} {rate:g} Hz ({period:.2f} ms)'
    if jitter is not None:
        legend += f' · {t["jitter_band"]} ±{band:g} ms'
    legend += f' · {t["dropped_frames"]}: {int(dropped or 0)}'
    parts.append(f'<text x="{PAD}" y="{PAD - 14}" font-size="11">{escape(legend)}</text>')
    parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT - 4}" font-size="11" text-anchor="middle">'
                 f'{escape(t["intervals_axis"])}</text></svg>')
    return Markup("".join(parts))  # noqa: S704 - built from numbers and escaped labels only


def positions_chart(item: Mapping[str, Any], t: Mapping[str, str]) -> Markup | None:
    """Positions against the tracking volume: the top view (x right, z down: toward the
    user) and the side view (x right, y up), the volume as a box in each; points outside it
    red. A point far outside is drawn at the edge of the plot (one volume beyond the box)."""
    volume: Mapping[str, Any] = item["volume"] if isinstance(item.get("volume"), Mapping) else {}
    low, high = numbers(volume.get("min")), numbers(volume.get("max"))
    xs, ys, zs = numbers(item.get("x")), numbers(item.get("y")), numbers(item.get("z"))
    if len(low) != 3 or len(high) != 3 or None in low or None in high or not xs:
        return None
    lo = [float(v or 0.0) for v in low]
    hi = [float(v or 0.0) for v in high]
    outside = {int(i) for i in numbers(item.get("outside")) if i is not None}
    height = 260
    panel = (WIDTH - 3 * PAD) / 2
    plot_h = height - 2 * PAD
    parts = [svg_open(f'{t["positions_title"]}: {item.get("stream", "")}', height)]
    # (axis across, axis up or down, flip: y grows upward), per view
    for v, (across, along, up, name) in enumerate(((0, 2, False, t["top_view"]), (0, 1, True, t["side_view"]))):
        left = PAD + v * (panel + PAD)
        extent = [(lo[a] - (hi[a] - lo[a]) * 0.25, hi[a] + (hi[a] - lo[a]) * 0.25) for a in (across, along)]
        scale = min(panel / ((extent[0][1] - extent[0][0]) or 1.0), plot_h / ((extent[1][1] - extent[1][0]) or 1.0))

        def place(a: float, b: float, ext: list[tuple[float, float]] = extent, s: float = scale,
                  x0: float = left, flip: bool = up) -> tuple[float, float]:
            a = min(max(a, ext[0][0]), ext[0][1])
            b = min(max(b, ext[1][0]), ext[1][1])
            y = (ext[1][1] - b) * s if flip else (b - ext[1][0]) * s
            return x0 + (a - ext[0][0]) * s, PAD + y

        (bx1, by1), (bx2, by2) = place(lo[across], lo[along]), place(hi[across], hi[along])
        parts.append(f'<rect x="{min(bx1, bx2):.1f}" y="{min(by1, by2):.1f}" width="{abs(bx2 - bx1):.1f}" '
                     f'height="{abs(by2 - by1):.1f}" fill="#f6f8fa" stroke="#57606a" class="volume"/>')
        # the volume's bounds in metres, at its edges: the scale the positions are read against
        box_left, box_right, box_top, box_bottom = min(bx1, bx2), max(bx1, bx2), min(by1, by2), max(by1, by2)
        low_b, high_b = (box_bottom, box_top) if up else (box_top, box_bottom)
        for x, anchor, value in ((box_left, "start", lo[across]), (box_right, "end", hi[across])):
            parts.append(f'<text x="{x:.1f}" y="{box_bottom + 11:.1f}" font-size="9" text-anchor="{anchor}" '
                         f'class="tick">{value:.2f}</text>')
        for y, value in ((low_b, lo[along]), (high_b, hi[along])):
            parts.append(f'<text x="{box_left - 3:.1f}" y="{y + 3:.1f}" font-size="9" text-anchor="end" '
                         f'class="tick">{value:.2f}</text>')
        parts.append(f'<text x="{left:.1f}" y="{PAD - 8}" font-size="11">{escape(name)}</text>')
        axes = ("x", "z") if along == 2 else ("x", "y")
        parts.append(f'<text x="{left + panel / 2:.1f}" y="{height - PAD + 16}" font-size="10" '
                     f'text-anchor="middle">{axes[0]} (m) · {axes[1]} {"↑" if up else "↓"}</text>')
        columns = (xs, ys, zs)
        dots: dict[bool, list[str]] = {False: [], True: []}  # a dot: a zero-length round-capped stroke
        for i in range(min(len(xs), len(ys), len(zs))):
            a, b = columns[across][i], columns[along][i]
            if a is not None and b is not None:
                px, py = place(a, b)
                dots[i in outside].append(f"M{px:.1f} {py:.1f}h0")
        for out, look in ((False, 'stroke="#0969da" stroke-width="3" class="in"'),
                          (True, 'stroke="#cf222e" stroke-width="6" class="out"')):
            if dots[out]:
                parts.append(f'<path d="{"".join(dots[out])}" stroke-linecap="round" {look}/>')
    total, frames = number(item.get("outside_total")), number(item.get("frames"))
    legend = (f'{item.get("stream", "")} · {t["outside_volume"]}: {int(total or 0)} / {int(frames or 0)} · '
              f'{t["points_shown"]}: {len(xs)}')
    parts.append(f'<text x="{PAD}" y="{height - 6}" font-size="11">{escape(legend)}</text></svg>')
    return Markup("".join(parts))  # noqa: S704 - built from numbers and escaped labels only
