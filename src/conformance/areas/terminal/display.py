"""Display frames (TD-DISP-*): frame-time stability, a motion-to-photon proxy, and the
near-eye display's declaration (:func:`read_display`).

A ``display`` stream holds one frame per refresh: ``t`` the time its photons were shown
(OpenXR's displayTime of the frame, on the capture clock) and ``pose_t`` the sample time of
the tracked pose it was rendered from (the t of a frame of the stream it ``renders``, not a
predicted time). ``t - pose_t`` is a proxy for motion-to-photon latency: what the user sees
is that old. Frame timing against the declared refresh rate comes from the timing pass
every rated stream has (:mod:`.timing`); here, per stream and across chunks, a histogram of
the latencies (the jitter histogram's bins: 10 us to 50 ms, 1 % wider beyond), their
count, and the frames whose pose is later than their own display time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...findings import Finding
from ...messages import msg
from .chunk import Chunk
from .model import JITTER_BINS, CaptureAnalysis
from .timing import bin_upper_ms, jitter_bins


@dataclass
class LatencyState:
    histogram: np.ndarray = field(default_factory=lambda: np.zeros(JITTER_BINS, dtype=np.int64))
    frames: int = 0
    early: int = 0  # frames whose pose_t is after their t
    first_early: dict[str, Any] | None = None

    def p99_ms(self) -> float | None:
        """The 99th percentile latency, nearest rank (as TD-RATE-003's), in milliseconds."""
        total = int(self.histogram.sum())
        if not total:
            return None
        rank = -(-99 * total // 100)
        return bin_upper_ms(int(np.searchsorted(np.cumsum(self.histogram), rank)))


def check_display_frames(chunk: Chunk) -> None:
    stats = chunk.stats
    state: LatencyState = stats.latency if stats.latency is not None else LatencyState()
    stats.latency = state
    pose_t = chunk.column("pose_t", np.int64)
    latency = chunk.t.astype(np.float64) - pose_t.astype(np.float64)
    early = latency < 0
    if early.any():
        if state.first_early is None:
            row = int(np.argmax(early))
            state.first_early = chunk.where(row, "/pose_t", actual=int(pose_t[row]), expected=f"<= {int(chunk.t[row])}")
        state.early += int(np.count_nonzero(early))
    state.histogram += np.bincount(jitter_bins(latency[~early]), minlength=JITTER_BINS)
    state.frames += int(np.count_nonzero(~early))


EYES = ("left", "right")


def _display(result: CaptureAnalysis) -> dict[str, Any]:
    device = result.header.get("device") if isinstance(result.header, dict) else None
    system = device.get("system") if isinstance(device, dict) else None
    display = system.get("display") if isinstance(system, dict) else None
    return display if isinstance(display, dict) else {}


def _range(value: Any) -> tuple[float, float] | None:
    if not isinstance(value, dict):
        return None
    low, high = value.get("min"), value.get("max")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (low, high)):
        return None
    return float(low), float(high)  # type: ignore[arg-type]


def read_display(result: CaptureAnalysis) -> None:
    """TD-DISP-003 over the header of a capture with display streams: the near-eye display's
    persistence within a refresh period, its IPD range ordered and the same as the
    accessibility declaration's, and per-eye display streams in left/right pairs at one rate."""
    streams = result.streams_of("display")
    if not streams:
        return
    log = result.log("display_declared")
    display = _display(result)
    where = "/device/system/display"
    for stats in streams:
        stats.add_checked("display_declared", 1)
    rates = [r for r in display.get("refresh_rates_hz", []) if isinstance(r, int | float) and r > 0] \
        if isinstance(display.get("refresh_rates_hz"), list) else []
    persistence = display.get("persistence_ms")
    if isinstance(persistence, int | float) and rates and persistence > 1e3 / max(rates):
        log.add(Finding(msg("terminal.display-persistence", persistence=persistence, period=1e3 / max(rates),
                            rate=max(rates)), line=1, pointer=f"{where}/persistence_ms", actual=persistence,
                        expected=f"<= {1e3 / max(rates):.3g} ms"))
    ipd = _range(display.get("ipd_range_mm"))
    if ipd is not None and not ipd[0] < ipd[1]:
        log.add(Finding(msg("terminal.display-ipd-order", low=ipd[0], high=ipd[1]), line=1,
                        pointer=f"{where}/ipd_range_mm", actual=list(ipd), expected="min < max"))
    device = result.header.get("device") if isinstance(result.header, dict) else {}
    accessibility = device.get("accessibility") if isinstance(device, dict) else None
    stated = _range(accessibility.get("ipd_range_mm")) if isinstance(accessibility, dict) else None
    if ipd is not None and stated is not None and ipd != stated:
        log.add(Finding(msg("terminal.display-ipd-differs", display=f"{ipd[0]:g} .. {ipd[1]:g}",
                            accessibility=f"{stated[0]:g} .. {stated[1]:g}"), line=1,
                        pointer=f"{where}/ipd_range_mm", actual=list(ipd), expected=list(stated)))
    by_eye = {eye: [s for s in streams if s.spec.get("eye") == eye] for eye in EYES}
    for eye, other in (EYES, EYES[::-1]):
        for stats in by_eye[eye]:
            partners = [s for s in by_eye[other] if s.rate_hz == stats.rate_hz]
            if not partners:
                log.add(Finding(msg("terminal.display-eye-unpaired", sid=repr(stats.id), eye=eye, other=other,
                                    rate=stats.rate_hz or 0), line=1, stream=stats.id,
                                pointer=f"/streams/{stats.index}/eye", actual=eye))
