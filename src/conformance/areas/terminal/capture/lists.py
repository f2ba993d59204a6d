"""The touch and indenter streams' short members (a device's contacts, an indenter's tips or its tip's place), kept
as raw text by the decoder and parsed a chunk at a time into the columns their readings keep.

Their lines are short (60 to 90 bytes), so decoding each member into structs, tuples and floats, then reading
them back frame by frame, cost four times what orjson's whole parse of the line does (bench/README.md, issue
75). Instead the text decoder keeps the member as ``msgspec.Raw`` (a view of the JSON text, validated as JSON),
and :func:`touch_columns` reads the numbers of a chunk's members at once: an empty list is ``[]``; a list of
``k`` records is parsed by :func:`.records.parse_records` against the layout msgspec writes for ``k`` of them
(frames grouped by ``k``, counted from the text), which checks the text is exactly that layout. Anything else
(None) sends the chunk back to the struct decoder, which judges it as before: the columns are the values the
struct path reads (:mod:`..touch`, :mod:`..tactile`), so the verdicts are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from itertools import compress
from operator import attrgetter
from typing import Any

import msgspec
import numpy as np

from .frames import Contact, IndenterFrame, TouchFrame, TouchIndenterFrame
from .numbers import rows_in_batches
from .records import RecordLayout, parse_records

#: a list longer than this is left to the struct decoder (a layout per length is measured and kept)
MAX_ITEMS = 16
_OPEN, _BRACE = ord("["), ord("{")
_NAN = float("nan")


class TouchTextFrame(msgspec.Struct, gc=False):
    """A touch frame whose ``contacts`` stay JSON text (:func:`touch_columns`)."""

    t: int
    contacts: msgspec.Raw


class TouchIndenterTextFrame(msgspec.Struct, gc=False):
    """A touch_indenter frame whose ``tips_mm`` stay JSON text (:func:`touch_columns`)."""

    t: int
    load_n: float
    tips_mm: msgspec.Raw


class IndenterTextFrame(msgspec.Struct, gc=False):
    """An indenter frame whose ``position_mm`` stays JSON text (:func:`touch_columns`)."""

    t: int
    load_n: float
    position_mm: msgspec.Raw


#: the frame types whose short members the text decoder keeps as text
TEXT_FRAMES: dict[type[msgspec.Struct], type[msgspec.Struct]] = {
    TouchFrame: TouchTextFrame, TouchIndenterFrame: TouchIndenterTextFrame, IndenterFrame: IndenterTextFrame}


@cache
def _contacts(k: int) -> RecordLayout:
    """k contacts: per contact its place x, y (mm) and its force (N)."""
    return RecordLayout.of(lambda f, _: [Contact((f[3 * j], f[3 * j + 1]), f[3 * j + 2]) for j in range(k)],
                           3 * k, 0)


@cache
def _tips(k: int) -> RecordLayout:
    """k tips: per tip its centre x, y (mm)."""
    return RecordLayout.of(lambda f, _: [(f[2 * j], f[2 * j + 1]) for j in range(k)], 2 * k, 0)


def record_lists(raws: list[Any], layout: Callable[[int], RecordLayout],
                 mark: int) -> tuple[np.ndarray, dict[int, tuple[np.ndarray, np.ndarray]]] | None:
    """(each raw's count of records, {count: (its rows, (rows, numbers) of their records)}) of raws each a JSON
    list of records of ``layout(count)``, counted by the ``mark`` bytes in the text (less one for the list's own
    ``[`` when ``mark`` is ``[``); None when one is not exactly such a list."""
    n = len(raws)
    if (parsed := parse_records(raws, layout(1))) is not None:  # a record each (one tip, one contact)
        return np.ones(n, np.int64), {1: (np.arange(n), parsed[0])}
    text = b"".join(raws)
    if len(text) == 2 * n and text.count(b"[]") == n:  # every list empty (a touch stream while nothing touches)
        return np.zeros(n, np.int64), {}
    sizes = np.fromiter(map(len, raws), np.int64, n)
    u = np.frombuffer(text, np.uint8)
    starts = np.zeros(n, np.int64)
    np.cumsum(sizes[:-1], out=starts[1:])
    if not n or not (u[starts] == _OPEN).all():  # valid JSON: "[" opens a list; of two bytes, "[]"
        return None
    counts = np.add.reduceat(u == mark, starts, dtype=np.int64)
    if mark == _OPEN:
        counts -= 1
    full = sizes != 2
    groups: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for k in np.unique(counts[full]).tolist():
        if not 0 < k <= MAX_ITEMS:
            return None
        mine = full & (counts == k)
        part = raws if mine.all() else list(compress(raws, mine))
        parsed = parse_records(part, layout(k))
        if parsed is None:
            return None
        groups[k] = (np.flatnonzero(mine), parsed[0])
    counts[~full] = 0
    return counts, groups


def _first_two(n: int, groups: dict[int, tuple[np.ndarray, np.ndarray]], per: int) -> dict[str, np.ndarray]:
    """x0, y0, x1, y1: the first two records' places (NaN where a frame has fewer)."""
    columns = {name: np.full(n, _NAN) for name in ("x0", "y0", "x1", "y1")}
    for k, (rows, numbers) in groups.items():
        for i in range(min(k, 2)):
            columns[f"x{i}"][rows] = numbers[:, per * i]
            columns[f"y{i}"][rows] = numbers[:, per * i + 1]
    return columns


def contact_columns(n: int, groups: dict[int, tuple[np.ndarray, np.ndarray]]) -> dict[str, np.ndarray]:
    """What a touch stream's readings keep of ``n`` frames, ``groups`` the numbers of those with ``k`` contacts
    ({k: (their rows, (rows, 3 k) numbers)}; a frame in none holds no contact)."""
    counts, total = np.zeros(n), np.zeros(n)
    for k, (rows, numbers) in groups.items():
        force = np.zeros(len(rows))
        for j in range(k):  # in order, from 0, as sum() adds them
            force += numbers[:, 3 * j + 2]
        counts[rows], total[rows] = k, force
    return {"count": counts, "total": total, **_first_two(n, groups, 3)}


def tip_columns(n: int, groups: dict[int, tuple[np.ndarray, np.ndarray]], load: np.ndarray) -> dict[str, np.ndarray]:
    """What a touch_indenter stream's readings keep of ``n`` frames (``load``: each one's), ``groups`` as in
    :func:`contact_columns` with 2 k numbers a row."""
    counts = np.zeros(n)
    for k, (rows, _) in groups.items():
        counts[rows] = k
    return {"load": load, "tips": counts, **_first_two(n, groups, 2)}


_CONTACTS, _TIPS, _PLACE, _LOAD = map(attrgetter, ("contacts", "tips_mm", "position_mm", "load_n"))


def touch_columns(bucket: list[Any]) -> dict[str, np.ndarray] | None:
    """The columns a touch, touch_indenter or indenter stream's readings keep, of one chunk's text frames ({} for
    the frames of other types); None when a member is not as the struct decoder reads it."""
    first, n = bucket[0], len(bucket)
    if isinstance(first, TouchTextFrame):
        got = record_lists(list(map(_CONTACTS, bucket)), _contacts, _BRACE)
        return None if got is None else contact_columns(n, got[1])
    if isinstance(first, TouchIndenterTextFrame):
        got = record_lists(list(map(_TIPS, bucket)), _tips, _OPEN)
        return None if got is None else tip_columns(n, got[1], np.fromiter(map(_LOAD, bucket), np.float64, n))
    if isinstance(first, IndenterTextFrame):
        place = rows_in_batches(list(map(_PLACE, bucket)), 2)
        if place is None:
            return None
        return {"load": np.fromiter(map(_LOAD, bucket), np.float64, n), "x": place[:, 0], "y": place[:, 1]}
    return {}
