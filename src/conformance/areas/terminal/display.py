"""Display frames (TD-DISP-*): frame-time stability, a motion-to-photon proxy, and the
near-eye display's declaration (:func:`read_display`).

A ``display`` stream holds one frame per refresh: ``t`` the time its photons were shown
(OpenXR's displayTime of the frame, on the capture clock) and ``pose_t`` the sample time of
the tracked pose it was rendered from (the t of a frame of the stream it ``renders``, not a
predicted time). ``t - pose_t`` is a proxy for motion-to-photon latency: what the user sees
is that old. Frame timing against the declared refresh rate comes from the timing pass
every rated stream has (:mod:`.timing`); here, per stream and across chunks, a histogram of
the latencies (the jitter histogram's bins: 10 us to 50 ms, 1 % wider beyond), their
count, and the frames whose pose is later than their own display time. Two per-eye streams
(``eye`` left and right, at one rate) whose frames carry the application's frame index
(``frame``) are paired frame by frame: how far apart each frame's two images were shown
(TD-DISP-006).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from conformance import Finding, msg

from .chunk import Chunk
from .jsonread import list_of, min_max, object_of
from .model import JITTER_BINS, CaptureAnalysis, StreamStats, captured
from .timing import bin_upper_ms, jitter_bins

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: Frames of one eye kept waiting for the other eye's frame of the same index: a pair split
#: by more than this many frames of one eye is left unpaired (not judged).
PENDING_FRAMES = 4096


@dataclass
class SkewState:
    """A left/right pair of per-eye display streams: |t_left - t_right| of the frames with
    the same index (``frame``), as a histogram (the jitter bins), the worst and where."""

    pending: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # stream -> frame, t, line waiting
    histogram: np.ndarray = field(default_factory=lambda: np.zeros(JITTER_BINS, dtype=np.int64))
    pairs: int = 0
    worst_ns: int = 0
    worst: dict[str, object] | None = None

    def over(self, limit_ms: float) -> int:
        """Pairs whose skew lies in a bin wholly above ``limit_ms`` (10 us bins to 50 ms)."""
        filled = np.flatnonzero(self.histogram)
        return sum(int(self.histogram[b]) for b in filled if bin_upper_ms(int(b) - 1) >= limit_ms)


@dataclass
class LatencyState:
    histogram: np.ndarray = field(default_factory=lambda: np.zeros(JITTER_BINS, dtype=np.int64))
    frames: int = 0
    early: int = 0  # frames whose pose_t is after their t
    first_early: dict[str, object] | None = None
    skew: SkewState | None = None  # a per-eye stream paired with the other eye's (read_display)
    partner: str | None = None

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
    if state.skew is not None and state.partner is not None:
        _pair_eyes(chunk, state.skew, state.partner)


def _pair_eyes(chunk: Chunk, skew: SkewState, partner: str) -> None:
    """Match this chunk's frames with the partner eye's waiting frames of the same index;
    the rest wait in turn (the last PENDING_FRAMES of them)."""
    try:  # in one pass when every frame has its index
        index = np.fromiter(map(_FRAME, chunk.frames), np.int64, len(chunk.frames))
    except TypeError:  # one without (None): -1
        index = np.fromiter((-1 if f is None else f for f in map(_FRAME, chunk.frames)), np.int64, len(chunk.frames))
    have = index >= 0
    index, t, lines = index[have], chunk.t[have], chunk.lines[have]
    rows = np.flatnonzero(have)
    other_index, other_t, other_lines = skew.pending[partner]
    mine, theirs = shared(index, other_index)
    if len(mine):
        gap = np.abs(t[mine] - other_t[theirs])
        skew.histogram += np.bincount(jitter_bins(gap.astype(np.float64)), minlength=JITTER_BINS)
        skew.pairs += len(mine)
        k = int(np.argmax(gap))
        if int(gap[k]) > skew.worst_ns:
            skew.worst_ns = int(gap[k])
            skew.worst = chunk.where(int(rows[mine[k]]), "/t", actual=int(t[mine[k]]),
                                     other_line=int(other_lines[theirs[k]]), frame_index=int(index[mine[k]]))
        keep = np.ones(len(other_index), bool)
        keep[theirs] = False
        skew.pending[partner] = (other_index[keep], other_t[keep], other_lines[keep])
    left = np.ones(len(index), bool)
    left[mine] = False
    waiting = skew.pending[chunk.stats.id]
    skew.pending[chunk.stats.id] = tuple(  # type: ignore[assignment]
        np.concatenate((old, new[left]))[-PENDING_FRAMES:] for old, new in zip(waiting, (index, t, lines), strict=True))


def shared(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the values ``a`` and ``b`` share are in each, as ``np.intersect1d(a, b,
    return_indices=True)`` gives them; for two strictly increasing arrays (each eye's
    frame indices, as a renderer writes them) by a binary search, without its three sorts."""
    if len(a) and len(b) and (a[1:] > a[:-1]).all() and (b[1:] > b[:-1]).all():
        at = np.searchsorted(b, a)
        np.minimum(at, len(b) - 1, out=at)
        hit = b[at] == a
        return np.flatnonzero(hit), at[hit]
    _, mine, theirs = np.intersect1d(a, b, assume_unique=False, return_indices=True)
    return mine, theirs


_FRAME = attrgetter("frame")
EYES = ("left", "right")


def _display(result: CaptureAnalysis) -> JsonObject:
    return object_of(object_of(object_of(object_of(result.header).get("device")).get("system")).get("display"))


def _pair(left: StreamStats, right: StreamStats) -> None:
    states = [s.latency if s.latency is not None else LatencyState() for s in (left, right)]
    if any(state.skew is not None for state in states):
        return  # already paired (with another stream of the same rate)
    empty = (np.empty(0, np.int64),) * 3
    skew = SkewState({left.id: empty, right.id: empty})
    for stats, state, other in zip((left, right), states, (right, left), strict=True):
        stats.latency, state.skew, state.partner = state, skew, other.id


def read_display(result: CaptureAnalysis) -> None:
    """Over the header of a capture with display streams: the near-eye display's persistence
    within a refresh period (TD-DISP-003), its IPD range ordered and the same as the
    accessibility declaration's (TD-DISP-007), and per-eye display streams in left/right pairs
    at one rate (TD-DISP-008)."""
    streams = result.streams_of("display")
    if not streams:
        return
    log, ipd_log, eyes_log = result.log("display_declared"), result.log("display_ipd"), result.log("display_eyes")
    display = _display(result)
    where = "/device/system/display"
    for stats in streams:
        for key in ("display_declared", "display_ipd", "display_eyes"):  # the reader's logs, not rules
            stats.add_checked(key, 1)
    rates = [r for r in list_of(display.get("refresh_rates_hz")) if isinstance(r, int | float) and r > 0]
    persistence = display.get("persistence_ms")
    if isinstance(persistence, int | float) and rates and persistence > 1e3 / max(rates):
        log.add(Finding(msg("terminal.display-persistence", persistence=persistence, period=1e3 / max(rates),
                            rate=max(rates)), line=1, pointer=f"{where}/persistence_ms", actual=persistence,
                        expected=f"<= {1e3 / max(rates):.3g} ms"))
    ipd = min_max(display.get("ipd_range_mm"))
    if ipd is not None and not ipd[0] < ipd[1]:
        ipd_log.add(Finding(msg("terminal.display-ipd-order", low=ipd[0], high=ipd[1]), line=1,
                        pointer=f"{where}/ipd_range_mm", rule="R1", actual=list(ipd), expected="min < max"))
    device = result.header.get("device") if isinstance(result.header, dict) else {}
    accessibility = device.get("accessibility") if isinstance(device, dict) else None
    stated = min_max(accessibility.get("ipd_range_mm")) if isinstance(accessibility, dict) else None
    if ipd is not None and stated is not None and ipd != stated:
        ipd_log.add(Finding(msg("terminal.display-ipd-differs", display=f"{ipd[0]:g} .. {ipd[1]:g}",
                            accessibility=f"{stated[0]:g} .. {stated[1]:g}"), line=1,
                        pointer=f"{where}/ipd_range_mm", rule="R2", actual=list(ipd), expected=list(stated)))
    by_eye = {eye: [s for s in streams if s.spec.get("eye") == eye] for eye in EYES}
    for eye, other in (EYES, EYES[::-1]):
        for stats in by_eye[eye]:
            partners = [s for s in by_eye[other] if s.rate_hz == stats.rate_hz]
            if partners and eye == "left":  # TD-DISP-006: the skew of the first pair at one rate, frame by frame
                _pair(stats, partners[0])
            if not partners:
                eyes_log.add(captured(msg("terminal.display-eye-unpaired", sid=repr(stats.id), eye=eye, other=other,
                                     rate=stats.rate_hz or 0), line=1, stream=stats.id,
                                 pointer=f"/streams/{stats.index}/eye", actual=eye))
