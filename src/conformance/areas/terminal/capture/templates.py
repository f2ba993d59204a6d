"""Whole lines of one fixed layout, read a chunk at a time: the stream, ``t`` and the members in one compiled pass.

A touch bench's lines are short (40 to 100 bytes) and every line paid, besides msgspec's decode into a struct, one
Python pass per column read back from the structs: the stream's number, ``t``, the raw member, its length, the load
(bench/README.md, issue 75). Where every declared stream's frames have a fixed layout per count of records (touch,
touch_indenter, indenter: :data:`LINE_FRAMES`), a chunk is instead:

1. decoded by msgspec as ``msgspec.Raw`` per line, which validates each line as JSON (numbers included) and builds
   no struct;
2. sorted into layouts by two hints read from the bytes with NumPy: one byte of the stream's name (a place where
   the declared names differ) and the count of ``[`` in the line (a list of ``k`` records holds ``k + 1``);
3. parsed by :func:`.records.parse_records` against the exact text msgspec writes for that stream's struct with
   that many records (its tag ``stream`` first, then ``t``, then the members), which checks every byte but the
   numbers, so a line that matches is the frame the strict struct decoder would give, with the same numbers.

The hints only choose which layout to try: a line under a wrong hint fails its layout. Anything that does not match
(another key order, an extension member, a space, a negative or 19-digit ``t``, an undeclared stream, a blank line)
gives None, and the chunk is decoded as before, which judges it: this path never decides a finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress
from typing import Any

import msgspec
import numpy as np

from .blocks import Block, decoded_lines
from .frames import Contact, IndenterFrame, TouchFrame, TouchIndenterFrame
from .lists import MAX_ITEMS, contact_columns, tip_columns
from .records import RecordLayout, parse_records

_LINES = msgspec.json.Decoder(msgspec.Raw).decode_lines
_OPEN, _NEWLINE = ord("["), ord("\n")
_KEYS = 1 + MAX_ITEMS + 1  # the counts of "[" a line of these layouts can hold, and one for "more"

#: A stream's layout for ``k`` records: (floats, ints) of one line -> a frame of the tagged class ``cls``.
Make = Callable[[type[msgspec.Struct], int], tuple[Callable[[list[float], list[int]], object], int] | None]
#: The columns of one stream's frames in a chunk: (its frames' count, {k: (their rows, their floats)}).
Columns = Callable[[int, dict[int, tuple[np.ndarray, np.ndarray]]], dict[str, np.ndarray]]


def _touch(cls: type[msgspec.Struct], k: int) -> tuple[Callable[[list[float], list[int]], object], int]:
    return (lambda f, i: cls(t=i[0], contacts=[Contact((f[3 * j], f[3 * j + 1]), f[3 * j + 2]) for j in range(k)]),
            3 * k)


def _touch_indenter(cls: type[msgspec.Struct], k: int) -> tuple[Callable[[list[float], list[int]], object], int]:
    return lambda f, i: cls(t=i[0], load_n=f[0], tips_mm=[(f[1 + 2 * j], f[2 + 2 * j]) for j in range(k)]), 1 + 2 * k


def _indenter(cls: type[msgspec.Struct], k: int) -> tuple[Callable[[list[float], list[int]], object], int] | None:
    return (lambda f, i: cls(t=i[0], load_n=f[0], position_mm=(f[1], f[2])), 3) if k == 0 else None


def _tip_columns(n: int, groups: dict[int, tuple[np.ndarray, np.ndarray]]) -> dict[str, np.ndarray]:
    """A touch_indenter line's numbers are its load, then its tips'."""
    load = np.empty(n)
    for rows, numbers in groups.values():
        load[rows] = numbers[:, 0]
    return tip_columns(n, {k: (rows, numbers[:, 1:]) for k, (rows, numbers) in groups.items()}, load)


def _indenter_columns(n: int, groups: dict[int, tuple[np.ndarray, np.ndarray]]) -> dict[str, np.ndarray]:
    numbers = groups[0][1]
    return {"load": numbers[:, 0], "x": numbers[:, 1], "y": numbers[:, 2]}


#: frame type -> (its layout for k records, the columns its readings keep); a line of k records holds k + 1 "["
#: (a touch frame's list of contacts and each one's place, a touch_indenter frame's list of tips and each tip, an
#: indenter frame's place)
LINE_FRAMES: dict[type[msgspec.Struct], tuple[Make, Columns]] = {
    TouchFrame: (_touch, contact_columns),
    TouchIndenterFrame: (_touch_indenter, _tip_columns),
    IndenterFrame: (_indenter, _indenter_columns),
}


def _layout(cls: type[msgspec.Struct], base: type[msgspec.Struct], k: int) -> RecordLayout | None:
    """The text msgspec writes for a frame of ``cls`` (a subclass of ``base`` tagged with its stream) holding ``k``
    records; None where there is none (a name holding a digit, an escaped name, ``k`` records impossible)."""
    made = LINE_FRAMES[base][0](cls, k) if 0 <= k <= MAX_ITEMS else None
    if made is None:
        return None
    try:
        return RecordLayout.of(made[0], made[1], 1)
    except AssertionError:
        return None


@dataclass(frozen=True)
class StreamLines:
    """One stream's frames of a chunk, read from the text: the raw lines, their line numbers, ``t``, the columns."""

    sid: str
    frames: list[Any]
    lines: np.ndarray
    t: np.ndarray
    columns: dict[str, np.ndarray]


@dataclass(frozen=True)
class LineTemplates:
    """The layouts of a capture's streams and where their first lines differ (the stream hint)."""

    streams: tuple[tuple[str, type[msgspec.Struct], type[msgspec.Struct]], ...]  # (sid, tagged class, frame type)
    at: int  # the byte of a line that tells the streams apart
    code: np.ndarray  # that byte -> the stream's position in ``streams`` (-1: none)
    #: (stream's position, k) -> its layout for k records, measured once a capture (the classes are the capture's)
    layouts: dict[tuple[int, int], RecordLayout | None] = field(default_factory=dict)

    @classmethod
    def of(cls, class_of: dict[str, type[msgspec.Struct]]) -> LineTemplates | None:
        """For declared streams whose tagged classes are ``class_of``: None unless every stream's type has layouts
        (:data:`LINE_FRAMES`) and one byte of the lines' start tells them apart."""
        streams, heads = [], []
        for sid, tagged in class_of.items():
            base = next((b for b in tagged.__mro__ if b in LINE_FRAMES), None)
            first = None if base is None else _layout(tagged, base, 0 if base is IndenterFrame else 1)
            if base is None or first is None:
                return None
            streams.append((sid, tagged, base))
            heads.append(first.pieces[0])
        if not streams:
            return None
        for at in range(min(map(len, heads))):
            if len({head[at] for head in heads}) == len(heads):
                code = np.full(256, -1, np.int64)
                code[[head[at] for head in heads]] = np.arange(len(heads))
                return cls(tuple(streams), at, code)
        return None

    def read(self, blocks: list[tuple[Block, int]], start: int) -> list[StreamLines] | None:
        """Each stream's frames of a chunk whose every line (numbered from ``start``) is one of the layouts; None
        when one is not."""
        raws: list[Any] | None = decoded_lines(_LINES, blocks)  # msgspec.Raw, read as bytes by parse_records
        if raws is None:
            return None
        n = len(raws)
        u = np.frombuffer(b"".join(block for block, _ in blocks), np.uint8)  # type: ignore[misc]
        marks = np.flatnonzero((u == _NEWLINE) | (u == _OPEN))  # one pass finds both: a line holds few "["
        newline = np.flatnonzero(u[marks] == _NEWLINE)
        if len(newline) != n:
            return None
        ends = marks[newline]
        opens = np.diff(newline, prepend=-1) - 1  # the "[" between a line's start and its end
        starts = np.zeros(n, np.int64)
        starts[1:] = ends[:-1] + 1
        stream = self.code[u[np.minimum(starts + self.at, ends)]]
        if (stream < 0).any():
            return None
        key = stream * _KEYS + np.minimum(opens, _KEYS - 1)
        found: dict[int, dict[int, tuple[np.ndarray, np.ndarray]]] = {}
        t = np.empty(n, np.int64)
        for value in np.flatnonzero(np.bincount(key)).tolist():
            s, k = divmod(value, _KEYS)
            k -= 1
            _, tagged, base = self.streams[s]
            if (s, k) not in self.layouts:
                self.layouts[s, k] = _layout(tagged, base, k)
            layout = self.layouts[s, k]
            mine = key == value
            rows = np.flatnonzero(mine)
            parsed = None if layout is None else parse_records(raws if len(rows) == n else list(compress(raws, mine)),
                                                               layout)
            if parsed is None:
                return None
            t[rows] = parsed[1][:, 0]
            found.setdefault(s, {})[k] = rows, parsed[0]
        out = []
        for s, groups in sorted(found.items()):
            sid, _, base = self.streams[s]
            mine = stream == s
            rows = np.flatnonzero(mine)
            at = np.empty(n, np.int64)  # row in the chunk -> row among this stream's frames
            at[rows] = np.arange(len(rows))
            columns = LINE_FRAMES[base][1](len(rows), {k: (at[r], v) for k, (r, v) in groups.items()})
            out.append(StreamLines(sid, raws if len(rows) == n else list(compress(raws, mine)), start + rows,
                                   t[rows], columns))
        return out
