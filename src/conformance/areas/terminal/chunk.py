"""One stream's frames of one chunk, as columns, and how checks report from a mask."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from conformance import Message

from .capture.columns import pose_view
from .capture.frames import Pose
from .model import CaptureAnalysis, IssueLog, StreamStats, captured


@dataclass
class Chunk:
    """The frames of one stream in one chunk that decoded and carry their type's members.

    ``index`` maps row ``i`` to its position among the stream's frames in this chunk, so
    ``stats.frames + index[i]`` is the frame's index within the whole stream.
    """

    analysis: CaptureAnalysis
    stats: StreamStats
    frames: list[Any]  # structs of the stream type's class in .frames
    lines: np.ndarray  # int64, line number of each row
    t: np.ndarray  # int64
    index: np.ndarray  # int64
    base: int  # stats.frames before this chunk
    #: members the reader already parsed in bulk, one row per frame (an eeg stream's "values")
    columns: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.frames)

    def where(self, row: int, pointer: str | None = None, **extra: object) -> dict[str, object]:
        return {"line": int(self.lines[row]), "stream": self.stats.id, "frame": self.base + int(self.index[row]),
                "t": int(self.t[row]), "pointer": pointer, **extra}

    def column(self, path: str, dtype: npt.DTypeLike = np.float64) -> np.ndarray:
        """One member of every row; an integer column beyond int64 is read as float64."""
        values = map(attrgetter(path), self.frames)
        try:
            return np.fromiter(values, dtype=dtype, count=len(self.frames))
        except OverflowError:
            return np.fromiter(map(float, map(attrgetter(path), self.frames)), np.float64, len(self.frames))


def report(chunk: Chunk, key: str, mask: np.ndarray, describe: Callable[[int], tuple[Message, dict[str, object]]],
           rows_of: np.ndarray | None = None) -> int:
    """Log under ``key`` the items where ``mask`` is true: the first few in detail (``describe(item)``
    gives the message and location extras, a ``rule`` among them the R-number the item breaks), the rest
    only counted. Items are rows, or with ``rows_of`` (the row of each item) e.g. the joints of hand
    frames. Returns how many."""
    log: IssueLog = chunk.analysis.log(key)
    items = np.flatnonzero(mask)
    room = min(max(log.room, 0), len(items))
    for item in items[:room]:
        message, extra = describe(int(item))
        row = int(rows_of[item]) if rows_of is not None else int(item)
        log.add(captured(message, **{**chunk.where(row), **extra}))
    log.count(len(items) - room)
    return len(items)


def pose_columns(poses: list[Pose]) -> tuple[np.ndarray, np.ndarray]:
    """(n, 4) orientations x, y, z, w and (n, 3) positions of a list of poses."""
    columns = pose_view(poses)  # read from their MessagePack bytes: half the cost of a gather
    if columns is None:
        # One pass with a 7-tuple per pose is the cheapest gather measured: about 8 % less
        # than a pass per column or per orientation and position.
        columns = np.fromiter(chain.from_iterable(map(_POSE_MEMBERS, poses)), np.float64, 7 * len(poses))
        columns = columns.reshape(len(poses), 7)
    return columns[:, :4], columns[:, 4:]


_POSE_MEMBERS = attrgetter(*(f"orientation.{a}" for a in "xyzw"), *(f"position.{a}" for a in "xyz"))
