"""A calibrated instrument's trace on a test bench, kept while a capture is read.

Shared by the bench measurements that judge a device's output against the commands it was given:
an accelerometer on a haptic actuator (TD-HAPT-003, ``haptic_output``) and a force sensor at a
force-feedback device's end effector (TD-FORCE-004, ``force_output``). The measuring stream
``annotates`` the stream whose commands it measures and declares, in a member named after the
instrument (``accelerometer``, ``force_sensor``), its ``sample_rate_hz`` and its ``instrument``:
``model`` and ``calibration`` (how and when it was calibrated) at least. Each frame is a block of
samples at that rate, ``t`` its first sample on the capture clock.

The reader keeps at most ``MAX_TRACE_SAMPLES`` samples per stream (16 MB) and, of the stream it
measures, at most ``MAX_COMMANDS`` commands; what comes later is counted, not kept, so a long capture
costs bounded memory. Both are 5.1's reading bounds (drafting/boundtable.py: 「试验台记录保留的样本数」 and
「保留的指令数」): a stream with anything past either is left unjudged, never judged on what was kept
(sixty-eighth reading, c3).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeGuard

import msgspec
import numpy as np

from .chunk import Chunk
from .flicker import block_samples
from .jsonread import is_finite, object_of
from .model import CaptureAnalysis, StreamStats
from .readings import Capped

if TYPE_CHECKING:
    from conformance.area import JsonObject

MAX_TRACE_SAMPLES = 2_000_000
#: the commands kept of a measured stream (force_output, haptic_output, scent_release: one bound, 5.1's)
MAX_COMMANDS = 200_000


@dataclass
class Trace:
    """A measuring stream's samples, kept block by block."""

    rate_hz: float
    target: str  # the id of the stream whose commands it measures
    # chunk by chunk: the t of each kept block's first sample, each kept block's count of samples,
    # and the kept blocks' samples one after another (a list per block cost a microsecond a frame)
    starts: list[np.ndarray] = field(default_factory=list)
    sizes: list[np.ndarray] = field(default_factory=list)
    blocks: list[np.ndarray] = field(default_factory=list)
    kept: int = 0
    dropped: int = 0
    unread: int = 0  # blocks that are no array of numbers


@dataclass
class KeptCommands(Capped):
    """A measured stream's commands kept column by column, chunk by chunk (each kind adds its own
    columns): their times and lines, and how many were kept and, past the cap, dropped."""

    t: list[np.ndarray] = field(default_factory=list)
    lines: list[np.ndarray] = field(default_factory=list)


def _text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def declaration(spec: JsonObject, member: str) -> JsonObject:
    return object_of(spec.get(member))


def instrument(spec: JsonObject, member: str) -> str | None:
    """The instrument's model when the stream names it and how it was calibrated; else None."""
    value = declaration(spec, member).get("instrument")
    if isinstance(value, dict) and _text(value.get("model")) and _text(value.get("calibration")):
        return str(value["model"])
    return None


def sample_rate(spec: JsonObject, member: str) -> float | None:
    rate = declaration(spec, member).get("sample_rate_hz")
    return float(rate) if is_finite(rate) and rate > 0 else None


def read_benches(result: CaptureAnalysis, kind: str, target_kind: str, member: str, attribute: str,
                 commands_attribute: str, commands: Callable[[], KeptCommands]) -> None:
    """Each stream of type ``kind`` annotating a stream of ``target_kind`` and declaring a sample rate
    in ``member``: a Trace in its ``attribute``, and in the target's ``commands_attribute`` the
    ``commands`` it keeps (a stream nothing measures keeps nothing); an unmeasurable one keeps nothing
    (measure() says why)."""
    for stats in result.streams_of(kind):
        target = result.annotated(stats)
        rate = sample_rate(stats.spec, member)
        if target is None or target.type != target_kind or rate is None:
            continue
        setattr(stats, attribute, Trace(rate, target.id))
        if getattr(target, commands_attribute) is None:
            setattr(target, commands_attribute, commands())


def keep_rows(kept: KeptCommands, chunk: Chunk, columns: list[tuple[list[np.ndarray], np.ndarray]], cap: int) -> None:
    """A chunk's rows of commands appended to ``columns`` (each a kept list and the chunk's values),
    while ``kept`` holds fewer than ``cap`` rows."""
    room = kept.take(cap, len(chunk))
    if room:
        for column, values in columns:
            column.append(np.array(values[:room]))


def keep_blocks(trace: Trace | None, chunk: Chunk, samples_of: Callable[[object], msgspec.Raw]) -> None:
    """The chunk's blocks kept in its stream's ``trace``, while it holds fewer than MAX_TRACE_SAMPLES
    samples; a stream with no trace (not measurable: measure() names why) keeps nothing."""
    if trace is None or not len(chunk):
        return
    samples, sizes, unread = block_samples(list(map(samples_of, chunk.frames)))
    trace.unread += len(unread)
    readable = sizes > 0
    readable[unread] = False
    if trace.kept + int(sizes[readable].sum()) <= MAX_TRACE_SAMPLES:  # all of them fit: kept at once
        kept = readable
    else:  # in order, block by block: one that does not fit is dropped, a later, smaller one may still fit
        kept = np.zeros(len(sizes), bool)
        room = MAX_TRACE_SAMPLES - trace.kept
        for row in np.flatnonzero(readable).tolist():
            size = int(sizes[row])
            if size > room:
                trace.dropped += size
                continue
            kept[row], room = True, room - size
    if not kept.any():
        return
    trace.starts.append(chunk.t[kept])
    trace.sizes.append(sizes[kept])
    trace.blocks.append(samples if kept.all() else samples[np.repeat(kept, sizes)])
    trace.kept += int(trace.sizes[-1].sum())


def timed(trace: Trace) -> tuple[np.ndarray, np.ndarray]:
    """(each kept sample's time in ns, the samples), in order."""
    if not trace.blocks:
        return np.zeros(0), np.zeros(0)
    sizes = np.concatenate(trace.sizes)
    offsets = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    times = np.repeat(np.concatenate(trace.starts).astype(np.float64), sizes) + offsets * (1e9 / trace.rate_hz)
    samples = np.concatenate(trace.blocks)
    order = np.argsort(times, kind="stable")
    return times[order], samples[order]


def measured_stream(analysis: CaptureAnalysis, stats: StreamStats, kind: str, model: str | None,
                    trace: Trace | None, unmeasurable: tuple[str, str]) -> StreamStats | tuple[str, dict[str, object]]:
    """The stream of type ``kind`` a measuring stream annotates, when it names one, its instrument
    (``model``) and a trace; else why not, as (message key, values). ``unmeasurable``: the caller's
    message keys for no such stream and for no instrument."""
    target = analysis.annotated(stats)
    if target is None or target.type != kind:
        return unmeasurable[0], {"annotates": repr(stats.spec.get("annotates"))}
    if model is None:
        return unmeasurable[1], {}
    if trace is None:
        return "terminal.bench-trace-no-rate", {}
    return target
