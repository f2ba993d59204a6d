"""Spatial audio streams (TD-AUD-*): ambisonic scenes after AmbiX, positioned sound objects.

An ``audio`` stream describes its sound in ``audio``: ``format`` ``ambisonics`` (``order``,
``channels`` = (order + 1)^2, ``ordering`` ACN, ``normalization`` SN3D or N3D: the AmbiX
conventions) or ``object`` (a source positioned in the stage space the poses are in, its
frames carrying ``position``), with ``sample_rate_hz`` and ``bit_depth``. A frame is one
block of audio: ``t`` the capture-clock time of its first sample, ``samples`` the samples
per channel it holds (the sound itself is not carried in the capture).

- ``audio_format`` (TD-AUD-001), read with the header: the declaration as above;
- for TD-AUD-002, gathered per stream: the samples counted, so the suite can hold the time
  the blocks span on the capture clock to the time their samples last (the audio clock);
- for TD-AUD-003, gathered per object stream: the farthest any position lies outside the
  device's tracking volume, and where.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from conformance import Message, msg

from .._shared.numbers import is_integer
from .capture.columns import vec3_view
from .chunk import Chunk, report
from .jsonread import object_of
from .model import CaptureAnalysis, StreamStats, captured
from .plausibility import Extreme

if TYPE_CHECKING:
    from conformance.area import JsonObject

FORMATS = ("ambisonics", "object")
ORDERING = "ACN"
NORMALIZATIONS = ("SN3D", "N3D")
BIT_DEPTHS = (16, 24, 32)
MAX_ORDER = 7  # the highest order AmbiX tools and common renderers take (64 channels)


def declaration(stats: StreamStats) -> JsonObject:
    return object_of(stats.spec.get("audio"))


def read_audio(result: CaptureAnalysis) -> None:
    """TD-AUD-001 over the header's audio streams."""
    log = result.log("audio_format")
    for stats in result.streams_of("audio"):
        stats.add_checked("audio_format", 1)
        where = f"/streams/{stats.index}/audio"
        audio = declaration(stats)

        def add(message: Message, pointer: str, stats: StreamStats = stats, **extra: object) -> None:
            log.add(captured(message, line=1, stream=stats.id, pointer=pointer, **extra))

        kind = audio.get("format")
        if kind not in FORMATS:
            add(msg("terminal.audio-format", sid=repr(stats.id), format=repr(kind)), where + "/format",
                actual=kind, expected=list(FORMATS))
            continue
        rate, depth = audio.get("sample_rate_hz"), audio.get("bit_depth")
        if not (isinstance(rate, int | float) and not isinstance(rate, bool) and rate > 0):
            add(msg("terminal.audio-sample-rate", sid=repr(stats.id)), where + "/sample_rate_hz", actual=rate)
        if depth not in BIT_DEPTHS:
            add(msg("terminal.audio-bit-depth", sid=repr(stats.id), depth=repr(depth)), where + "/bit_depth",
                actual=depth, expected=list(BIT_DEPTHS))
        if kind == "ambisonics":
            _ambisonics(audio, where, stats, add)
        elif stats.spec.get("space", "stage") != "stage":  # annex E: an object source is in stage space, declared or not
            add(msg("terminal.audio-object-space", sid=repr(stats.id), space=repr(stats.spec.get("space"))),
                f"/streams/{stats.index}/space", actual=stats.spec.get("space"), expected="stage")


def _ambisonics(audio: JsonObject, where: str, stats: StreamStats, add: Callable[..., None]) -> None:
    order, channels = audio.get("order"), audio.get("channels")
    if not (isinstance(order, int | float) and is_integer(order) and 0 <= order <= MAX_ORDER):
        add(msg("terminal.audio-order", sid=repr(stats.id), order=repr(order), top=MAX_ORDER), where + "/order",
            actual=order, expected=f"0 .. {MAX_ORDER}")
    elif channels != (order + 1) ** 2:
        add(msg("terminal.audio-channels", sid=repr(stats.id), channels=repr(channels), order=order,
                expected=(order + 1) ** 2), where + "/channels", actual=channels, expected=(order + 1) ** 2)
    if audio.get("ordering") != ORDERING:
        add(msg("terminal.audio-ordering", sid=repr(stats.id), ordering=repr(audio.get("ordering"))),
            where + "/ordering", actual=audio.get("ordering"), expected=ORDERING)
    if audio.get("normalization") not in NORMALIZATIONS:
        add(msg("terminal.audio-normalization", sid=repr(stats.id), normalization=repr(audio.get("normalization"))),
            where + "/normalization", actual=audio.get("normalization"), expected=list(NORMALIZATIONS))


@dataclass
class AudioState:
    """Samples counted over a stream's blocks, and how far its positions left the volume."""

    samples: int = 0
    last_samples: int = 0  # the samples of the block read last (it starts at last_t)
    blocks: int = 0
    outside: Extreme = field(default_factory=Extreme)  # metres beyond the tracking volume


def check_audio_frames(chunk: Chunk) -> None:
    stats = chunk.stats
    state: AudioState = stats.audio if stats.audio is not None else AudioState()
    stats.audio = state
    samples = chunk.column("samples", np.int64)
    bad = samples <= 0  # the frame schema's minimum: TD-CAP-001 R5, in its structure log
    report(chunk, "structure", bad, lambda r: (
        msg("terminal.audio-samples", samples=int(samples[r])),
        {"rule": "R5", "pointer": "/samples", "actual": int(samples[r]), "expected": ">= 1"}))
    state.samples += int(samples[~bad].sum())
    state.blocks += int(np.count_nonzero(~bad))
    state.last_samples = int(samples[-1])
    if declaration(stats).get("format") != "object":
        return
    positions = list(map(attrgetter("position"), chunk.frames))
    volume = chunk.analysis.volume
    p = vec3_view(positions)  # every block has a position: read from their MessagePack bytes
    if p is not None:
        chunk.columns["position"] = p  # for the caption checks' source track (captions.py), read once
        rows = np.arange(len(positions))
        if volume is not None:
            _outside_volume(chunk, state, p, rows, volume)
        return
    if None in positions:
        missing = np.fromiter((p is None for p in positions), bool, len(positions))
        report(chunk, "structure", missing, lambda r: (
            msg("terminal.audio-no-position"), {"rule": "R5", "pointer": "/position"}))  # TD-CAP-001 R5
        rows = np.flatnonzero(~missing)
    else:
        rows = np.arange(len(positions))
    if volume is None or not len(rows):
        return
    present = positions if len(rows) == len(positions) else [positions[r] for r in rows]
    p = np.fromiter(chain.from_iterable(map(_XYZ, present)), np.float64, 3 * len(rows)).reshape(-1, 3)
    _outside_volume(chunk, state, p, rows, volume)


def _outside_volume(chunk: Chunk, state: AudioState, p: np.ndarray, rows: np.ndarray,
                    volume: tuple[np.ndarray, np.ndarray]) -> None:
    low, high = volume
    with np.errstate(all="ignore"):
        beyond = np.maximum(np.maximum(low - p, p - high), 0.0)
        distance = np.sqrt(np.einsum("ij,ij->i", beyond, beyond))
    state.outside.offer(distance, lambda k: chunk.where(int(rows[k]), "/position",
                                                        actual=[round(float(v), 4) for v in p[k]]))


_XYZ = attrgetter("x", "y", "z")
