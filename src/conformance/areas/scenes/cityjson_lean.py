"""Large CityJSON documents held lean (issue 48): the City Objects as byte spans decoded one at
a time when a check reads them, the vertices as one NumPy integer array, never the whole model as
Python objects (a 100 MB model parsed whole by orjson is about 13x its size in RAM).

:func:`read` returns such a document (a dict whose ``CityObjects`` is a :class:`LazyObjects`
mapping and ``vertices`` an ``n x 3`` int64 array; every other member decoded as usual) or None
when the file is anything but a plain CityJSON object with integer vertices, in which case the
caller parses it whole (``parse_json``, the reference path): invalid JSON, a duplicate member
name, nesting past the cap, vertices that are not integer triples, or a value msgspec and orjson
would read differently all take that path, so their findings stay those of the reference. Every
byte of the file is decoded by orjson once here (each City Object, each other member, the
vertices in slices), as the reference does, so what the checks later decode cannot fail.

After :meth:`LazyObjects.detach` the spans are read back from the file by offset (``os.pread``)
instead of from the bytes read first: the file's bytes need not stay in memory while the model
is judged. A file changed on disk meanwhile is a finding, not a crash.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import msgspec
import numpy as np
import orjson

from conformance import NonConformance, msg
from conformance.area import DEFAULT_MAX_DEPTH, JSON_STRING, json_shape

from .boundaries import Indices

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: files at least this large are read lean; smaller ones whole (tests set 0 to compare the paths)
LEAN_BYTES = 4 << 20
#: bytes of the vertices text decoded at a time (bounds the Python lists alive at once)
SLICE = 1 << 20
#: the bytes a vertices array of integer triples can hold (digits, signs, brackets, commas, spaces)
_VERTEX_BYTES = b"0123456789-[], \t\r\n"
_TOP = msgspec.json.Decoder(dict[str, msgspec.Raw])

#: a member of a CityJSON document as the checks are given it: parsed JSON, or in a lean
#: document (:func:`read`, :func:`.cityjson_seq.read`) the City Objects as :class:`LazyObjects`
#: and the vertices as an ``n x 3`` int64 array
CityMember: TypeAlias = "JsonValue | LazyObjects | Indices"
#: a CityJSON document: parsed whole (a JSON object) or lean; the checks narrow each member
#: with ``isinstance`` (``dict | LazyObjects`` for the City Objects, ``list | np.ndarray`` for
#: the vertices) before they read it
CityDocument: TypeAlias = "Mapping[str, CityMember]"


def _address(buffer: bytes | msgspec.Raw) -> int:
    return int(np.frombuffer(buffer, dtype=np.uint8).ctypes.data) if len(memoryview(buffer)) else 0


class LazyObjects(Mapping[str, "JsonValue"]):
    """The ``CityObjects`` of a lean document: each value decoded from its bytes on every access
    (nothing kept), so a check walking them holds one City Object at a time."""

    def __init__(self, keys: list[str], starts: Indices, ends: Indices, body: bytes) -> None:
        self._index = {key: i for i, key in enumerate(keys)}
        self._keys = keys
        self._starts, self._ends = starts, ends
        self._body: bytes | None = body
        self._path: Path | None = None
        self._fd: int | None = None

    @classmethod
    def on_descriptor(cls, keys: list[str], starts: Indices, ends: Indices, fd: int) -> LazyObjects:
        """The objects read by offset from the open file ``fd`` (owned from now on): e.g. a
        CityJSONSeq's City Objects re-encoded into a spill file (:mod:`.cityjson_seq`)."""
        objects = cls(keys, starts, ends, b"")
        objects._body, objects._fd = None, fd
        return objects

    def detach(self, path: Path) -> None:
        """Read the spans from ``path`` from now on and let the bytes go (idempotent). Opened
        without blocking and kept only if it is still a regular file of the length read (a FIFO
        or another file swapped in meanwhile is never read): otherwise the bytes stay."""
        if self._body is None:
            return
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            return
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(self._body):
            os.close(fd)
            return
        self._path, self._body, self._fd = path, None, fd

    def __del__(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def raw(self, key: str) -> bytes:
        i = self._index[key]
        start, end = int(self._starts[i]), int(self._ends[i])
        if self._body is not None:
            return self._body[start:end]
        assert self._fd is not None
        return os.pread(self._fd, end - start, start)

    def __getitem__(self, key: str) -> JsonValue:
        text = self.raw(key)
        try:
            value: JsonValue = orjson.loads(text)
            return value
        except orjson.JSONDecodeError:
            raise NonConformance(msg("scenes.cityjson-changed", name=str(self._path))) from None

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def materialised(self) -> JsonObject:
        """Every City Object decoded (a plain dict: for python-jsonschema on the whole document)."""
        return {key: self[key] for key in self._keys}


def _vertices(body: bytes, lo: int, hi: int) -> Indices | None:
    """The vertices array (the JSON text ``body[lo:hi]``, a valid JSON value) as an ``n x 3``
    int64 array, or None unless it is an array of integer triples each within int64: decoded by
    orjson a slice at a time (each slice cut after a triple) into an array sized beforehand, so
    that neither a copy of the text nor a list of every vertex is built."""
    lo, hi = body.find(b"[", lo, hi), body.rfind(b"]", lo, hi)
    if lo < 0 or hi <= lo:
        return None
    array = np.empty((body.count(b"[", lo + 1, hi), 3), dtype=np.int64)
    start, row = lo + 1, 0
    while start < hi:
        cut = body.find(b"]", min(start + SLICE, hi), hi)
        cut = hi if cut < 0 else cut + 1
        text = body[start:cut]
        if text.translate(None, _VERTEX_BYTES):
            return None  # a float, a literal, a string, an object: the reference path judges it
        try:
            part = np.array(orjson.loads(b"[" + text + b"]"))
        except (orjson.JSONDecodeError, ValueError, OverflowError):
            return None
        if part.size and (part.dtype.kind != "i" or part.ndim != 2 or part.shape[1] != 3):
            return None
        part = part.reshape(-1, 3)
        if row + len(part) > len(array):
            return None
        array[row:row + len(part)] = part
        row += len(part)
        start = cut
        while start < hi and body[start] in b", \t\r\n":
            start += 1
    return array if row == len(array) else None


def _names(text: bytes) -> int:
    """How many member names (a string literal followed by a colon) ``text`` holds."""
    found = JSON_STRING.findall(text)
    return len(found) - found.count(b"")


def _between(body: bytes, start: int, end: int, spans: Iterable[tuple[int, int]]) -> bytes:
    """The text of ``body[start:end]`` outside the (start, end) ``spans`` of its values."""
    pieces, at = [], start
    for left, right in sorted(spans):
        pieces.append(body[at:left])
        at = right
    pieces.append(body[at:end])
    return b"".join(pieces)


def read(body: bytes, *, max_depth: int = DEFAULT_MAX_DEPTH) -> dict[str, CityMember] | None:
    """The lean document of ``body`` (see the module), or None: parse it whole."""
    try:
        top = _TOP.decode(body)
        if not isinstance(top.get("CityObjects"), msgspec.Raw) or "vertices" not in top:
            return None
        head = {key: orjson.loads(memoryview(raw)) for key, raw in top.items()
                if key not in ("CityObjects", "vertices")}
        if head.get("type") != "CityJSON":
            return None
        spans = msgspec.json.decode(top["CityObjects"], type=dict[str, msgspec.Raw])
    except (msgspec.DecodeError, orjson.JSONDecodeError):
        return None
    base = _address(body)
    at = _address(top["vertices"]) - base
    vertices = _vertices(body, at, at + len(memoryview(top["vertices"])))
    if vertices is None:
        return None
    keys = list(spans)
    starts = np.empty(len(keys), dtype=np.int64)
    ends = np.empty(len(keys), dtype=np.int64)
    depth = 0
    # A member name given twice in one object (the reference path names it): the member names in
    # the text (string literals followed by a colon, as parse_json counts them) are more than the
    # members decoded. Counted value by value, and between the values for the document's and
    # CityObjects' own names, so that no list of every string of the file is built.
    for key, value in head.items():
        d, m = json_shape(value)
        if _names(memoryview(top[key]).tobytes()) != m:
            return None
        depth = max(depth, d)
    for i, key in enumerate(keys):
        raw = spans[key]
        starts[i] = _address(raw) - base
        ends[i] = starts[i] + len(memoryview(raw))
        text = body[starts[i]:ends[i]]
        try:
            d, m = json_shape(orjson.loads(text))
        except orjson.JSONDecodeError:
            return None
        if _names(text) != m:
            return None
        depth = max(depth, d + 1)
    depth = 1 + max(depth, 1, 2 if len(vertices) else 1)
    if depth > max_depth:
        return None  # the reference path says so
    objects_at = _address(top["CityObjects"]) - base
    if _names(_between(body, objects_at, objects_at + len(memoryview(top["CityObjects"])),
                       zip(starts.tolist(), ends.tolist(), strict=True))) != len(keys):
        return None
    values = [(_address(raw) - base, _address(raw) - base + len(memoryview(raw))) for raw in top.values()]
    if _names(_between(body, 0, len(body), values)) != len(top):
        return None
    del spans  # the spans' objects go before the index of City Objects is built: not both at the peak
    data: dict[str, CityMember] = {}
    for key in top:
        data[key] = (LazyObjects(keys, starts, ends, body) if key == "CityObjects" else vertices if key == "vertices"
                     else head[key])
    return data


def is_lean(data: object) -> bool:
    return isinstance(data, Mapping) and isinstance(data.get("CityObjects"), LazyObjects)


def materialised(data: CityDocument) -> CityDocument:
    """The document as the reference parse gives it (every City Object and vertex as Python
    objects): for what must see it whole (python-jsonschema where jsonschema-rs cannot judge)."""
    objects, vertices = data.get("CityObjects"), data.get("vertices")
    if not isinstance(objects, LazyObjects):
        return data
    return {**data, "CityObjects": objects.materialised(),
            "vertices": vertices.tolist() if isinstance(vertices, np.ndarray) else vertices}

