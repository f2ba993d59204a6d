"""Members of one fixed JSON layout (a hand frame's 26 joints, a pose), kept as raw text by the
decoder and parsed in bulk into NumPy arrays by the compiled parser.

Decoded into structs, a hand frame's joints are some 300 Python objects (a struct per joint,
pose, orientation and position, a float per member), made, gathered into columns (by
re-encoding them, :mod:`.columns`) and freed again: three times what parsing their text costs.
Instead the decoder keeps the member as ``msgspec.Raw`` (a view of the JSON text, validated as
JSON), and :func:`parse_records` reads the numbers of every frame's text straight into arrays
(``parse_records`` of ``src/native/_conformance_numbers.c``), checking on the way that the text
is exactly the layout the frame structs give it: the same keys in the same order, no
whitespace, a number in every place, integers non-negative and at most 18 digits. The layout
is taken from msgspec's own encoding of a sample (:meth:`RecordLayout.of`), so it is the
structs' field order, the order captures are written in.

Anything else (None) sends the chunk back to the struct decoder, which judges it as before:
the fast path never decides a finding. Where the compiled parser is not installed, the
decoder keeps these members as structs (:func:`available`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import msgspec
import numpy as np

from .frames import HAND_JOINT_COUNT, Joint, Pose, Quat, Vec3
from .numbers import compiled_parser

_NUMBER = re.compile(rb"(-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)")


@dataclass(frozen=True)
class RecordLayout:
    """The literal text around each number of a record, and each number's kind."""

    pieces: tuple[bytes, ...]  # one more than the numbers: before the first, ..., after the last
    kinds: bytes  # per number: b"f" a float (to the floats), b"u" an integer (to the ints)

    @property
    def floats(self) -> int:
        return self.kinds.count(b"f")

    @property
    def ints(self) -> int:
        return self.kinds.count(b"u")

    @classmethod
    def of(cls, make: Callable[[list[float], list[int]], object], n_floats: int, n_ints: int) -> RecordLayout:
        """Measured on a sample: ``make(floats, ints)`` builds one record from member values,
        in the order the columns are wanted (which must be the order msgspec writes them)."""
        floats = [1.0 + (k + 1) / 1024 for k in range(n_floats)]  # exact, short, distinct
        ints = [100 + k for k in range(n_ints)]
        parts = _NUMBER.split(msgspec.json.encode(make(floats, ints)))
        tokens = parts[1::2]
        kinds = bytes(b"u"[0] if b"." not in t else b"f"[0] for t in tokens)
        in_order = [float(t) for t in tokens if b"." in t] == floats and \
            [int(t) for t in tokens if b"." not in t] == ints
        if not in_order or any(_NUMBER.search(p) for p in parts[0::2]):
            raise AssertionError("unexpected JSON layout")  # a msgspec that encodes otherwise
        return cls(tuple(parts[0::2]), kinds)


def _joints(f: list[float], i: list[int]) -> list[Joint]:
    return [Joint(Pose(Quat(*f[8 * j:8 * j + 4]), Vec3(*f[8 * j + 4:8 * j + 7])), f[8 * j + 7], i[j])
            for j in range(HAND_JOINT_COUNT)]


#: a pose: orientation x, y, z, w, position x, y, z
POSE = RecordLayout.of(lambda f, i: Pose(Quat(*f[:4]), Vec3(*f[4:7])), 7, 0)
#: a hand frame's joints: per joint its pose (7 floats) and radius, and its flags
JOINTS = RecordLayout.of(_joints, 8 * HAND_JOINT_COUNT, HAND_JOINT_COUNT)


def available() -> bool:
    """Whether the compiled parser that reads these layouts is installed."""
    return hasattr(compiled_parser(), "parse_records")


def parse_records(raws: list[bytes], layout: RecordLayout) -> tuple[np.ndarray, np.ndarray] | None:
    """(n, floats) float64 and (n, ints) int64 of ``n`` raws (``msgspec.Raw``) of ``layout``,
    or None when one is not exactly of it (or the compiled parser is not installed)."""
    parser = compiled_parser()
    if parser is None or not available():
        return None
    n = len(raws)
    floats = np.empty((n, layout.floats), np.float64)
    ints = np.empty((n, layout.ints), np.int64)
    if not parser.parse_records(raws, layout.pieces, layout.kinds, floats, ints):
        return None
    return floats, ints
