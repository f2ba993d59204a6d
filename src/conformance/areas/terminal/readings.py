"""What a measuring stream keeps of its frames while a capture is read, and which streams keep anything.

A sensor stream under test keeps columns of its frames (what its declaration lets the reader compute); a
reference stream that ``annotates`` it (a distance meter's target, an indenter, a calibration board) keeps its
readings, which the suite splits into holds after the capture is read. Each keeps at most a cap; the rest are
counted as dropped, never measured, so the memory a capture costs is bounded whatever its length.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import numpy as np

if TYPE_CHECKING:
    from conformance.area import JsonObject

    from .chunk import Chunk
    from .model import CaptureAnalysis, StreamStats

T = TypeVar("T")


@dataclass(kw_only=True)
class Capped:
    """How many readings a stream kept, and how many past its cap it dropped."""

    kept: int = 0
    dropped: int = 0

    def take(self, limit: int, n: int) -> int:
        """How many of ``n`` new readings to keep while at most ``limit`` are kept in all: those are counted
        as kept (the caller appends exactly that many), the rest as dropped."""
        room = max(0, min(n, limit - self.kept))
        self.dropped += n - room
        self.kept += room
        return room


@dataclass
class Readings(Capped):
    """A reference stream's readings, chunk by chunk: each frame's time (``t``) and line (``line``), and each
    value ``read`` names (a function of one frame), at most ``limit`` frames."""

    limit: int
    read: dict[str, Callable[..., float]]
    columns: dict[str, list[np.ndarray]] = field(default_factory=dict)

    def keep(self, chunk: Chunk) -> None:
        """The chunk's frames kept, while there is room."""
        room = self.take(self.limit, len(chunk))
        if not room:
            return
        self.append("t", np.array(chunk.t[:room]))
        self.append("line", np.array(chunk.lines[:room]))
        bulk = chunk.columns  # what the reader parsed in bulk (.capture.lists): the same values as ``read``
        frames = None if all(name in bulk for name in self.read) else chunk.frames[:room]
        for name, of in self.read.items():
            self.append(name, bulk[name][:room] if frames is None else np.fromiter(map(of, frames), np.float64, room))

    def append(self, name: str, values: np.ndarray) -> None:
        self.columns.setdefault(name, []).append(values)

    def column(self, name: str) -> np.ndarray:
        """Every kept value of ``name`` (``t``, ``line`` or one ``read`` names), in the order read."""
        return joined(self.columns.get(name, []))


def keep(readings: Readings | None, chunk: Chunk) -> None:
    """A chunk of a reference stream kept; nothing when the reader gave it nothing to keep (it annotates no
    stream it measures: the suite says why)."""
    if readings is not None:
        readings.keep(chunk)


def joined(parts: list[np.ndarray]) -> np.ndarray:
    """The chunks' arrays of one column as one array (empty when none was kept)."""
    return np.concatenate(parts) if parts else np.zeros(0)


def measuring_streams(result: CaptureAnalysis, sensor: str, reference: str,
                      declared: Callable[[JsonObject], T | None]) -> tuple[list[tuple[StreamStats, T]],
                                                                          list[StreamStats]]:
    """The ``sensor`` streams with what each ``declared`` (one declaring nothing usable is left out: the suite's
    measure() says why), and the ``reference`` streams annotating a ``sensor`` stream."""
    sensors = [(stats, got) for stats in result.streams_of(sensor) if (got := declared(stats.spec)) is not None]
    references = [stats for stats in result.streams_of(reference)
                  if (target := result.annotated(stats)) is not None and target.type == sensor]
    return sensors, references


def reference_system(spec: JsonObject) -> JsonObject | None:
    """The reference system a stream declares it was recorded by (``reference_system``), when it also names the
    stream it annotates; None otherwise."""
    declared = spec.get("reference_system")
    return declared if isinstance(declared, dict) and isinstance(spec.get("annotates"), str) else None


def hold_reference_tracks(result: CaptureAnalysis, kind: str, attribute: str, track: Callable[[], object]) -> None:
    """Each ``kind`` stream declaring a reference system, and the ``kind`` stream it annotates, given a fresh
    ``track()`` under ``attribute`` (TD-BODY-003's bones, TD-FACE-004's weights)."""
    for stats in result.streams_of(kind):
        if reference_system(stats.spec) is None:
            continue
        setattr(stats, attribute, track())
        tracked = result.annotated(stats)
        if tracked is not None and tracked.type == kind and getattr(tracked, attribute) is None:
            setattr(tracked, attribute, track())


def interpolated(t: np.ndarray, x: np.ndarray, at: np.ndarray, max_gap_ns: float) -> np.ndarray:
    """``x`` (one row per time of ``t``, of any shape) linearly interpolated at ``at`` (any shape); NaN outside ``t``
    or across a gap longer than ``max_gap_ns`` (a reference is not interpolated where it did not measure)."""
    k = np.clip(np.searchsorted(t, at, side="right") - 1, 0, len(t) - 2)
    span = t[k + 1] - t[k]
    share = ((at - t[k]) / span).reshape(np.shape(at) + (1,) * (x.ndim - 1))
    out = x[k] + (x[k + 1] - x[k]) * share
    out[(at < t[0]) | (at > t[-1]) | (span > max_gap_ns)] = np.nan
    return out
