"""Decoded frame structs as NumPy columns without a Python loop over their members.

Gathering members one by one (``np.fromiter`` over ``attrgetter``) costs about as much as
decoding the frames. Instead, a list of structs whose MessagePack encoding has a fixed
layout (every member a float, or a small non-negative integer) is encoded in one C call
(msgspec), and each member is read from the bytes as a strided view: a float64 member is
``0xcb`` then 8 big-endian bytes at the same offset in every record; an integer 0..127
is one byte (a positive fixint). Where the layout is not what it must be (a member of
another type or size, a list of another length) the functions return None and the
caller takes the member-by-member path, which judges the odd values.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
import msgspec
import numpy as np

from .frames import HAND_JOINT_COUNT, Dof6, Joint, Pose, Quat, Vec3

_encode = msgspec.msgpack.Encoder().encode
_FLOAT64 = 0xCB


@dataclass(frozen=True)
class Layout:
    """Where each member of one record sits in its MessagePack encoding."""

    size: int
    floats: tuple[int, ...]  # offset of the 0xcb marker of each float member, in member order
    fixints: tuple[int, ...]  # offset of each small integer member

    @classmethod
    def of(cls, make: Callable[[list[float], list[int]], msgspec.Struct], n_floats: int, n_ints: int) -> Layout:
        """Measured on samples: ``make(floats, ints)`` builds one record from member values."""
        sentinels = [1.0 + (k + 1) / 1024 for k in range(n_floats)]  # exact, distinct bytes
        one, two = _encode(make(sentinels, [0x11] * n_ints)), _encode(make(sentinels, [0x22] * n_ints))
        floats = tuple(one.index(struct.pack(">d", s)) - 1 for s in sentinels)
        fixints = tuple(i for i, (a, b) in enumerate(zip(one, two, strict=True)) if a != b)
        if len(one) != len(two) or len(fixints) != n_ints or any(one[o] != _FLOAT64 for o in floats):
            raise AssertionError("unexpected MessagePack layout")  # a msgspec that encodes otherwise
        return cls(len(one), floats, fixints)

    @property
    def dtype(self) -> np.dtype[np.void]:
        """One record as a NumPy structured type: ``m<k>`` the marker and ``f<k>`` the
        big-endian value of float ``k``, ``i<k>`` integer ``k``. Read through it, every
        member is a strided view of the encoding: nothing is copied before the conversion."""
        fields = [(f"m{k}", "u1", o) for k, o in enumerate(self.floats)]
        fields += [(f"f{k}", ">f8", o + 1) for k, o in enumerate(self.floats)]
        fields += [(f"i{k}", "u1", o) for k, o in enumerate(self.fixints)]
        names, formats, offsets = zip(*fields, strict=True)
        return np.dtype({"names": names, "formats": formats, "offsets": offsets, "itemsize": self.size})


POSE = Layout.of(lambda f, i: Pose(Quat(*f[:4]), Vec3(*f[4:7])), 7, 0)
JOINT = Layout.of(lambda f, i: Joint(Pose(Quat(*f[:4]), Vec3(*f[4:7])), f[7], i[0]), 8, 1)
VEC3 = Layout.of(lambda f, i: Vec3(*f[:3]), 3, 0)
DOF6 = Layout.of(lambda f, i: Dof6(*f[:6]), 6, 0)
_DTYPES = {POSE: POSE.dtype, JOINT: JOINT.dtype, VEC3: VEC3.dtype, DOF6: DOF6.dtype}


def _array_header(n: int) -> int:
    return 1 if n < 16 else 3 if n < 1 << 16 else 5


def _records(encoded: bytes, n: int, layout: Layout, inner: int = 0) -> np.ndarray | None:
    """The encoding of a list of ``n`` records (or of ``n`` lists of ``inner`` records) as a
    structured view of shape (n,) or (n, inner) (:attr:`Layout.dtype`), or None when it is
    not laid out as expected."""
    head = _array_header(n)
    shape: tuple[int, ...]
    strides: tuple[int, ...]
    if not inner:
        per, shape, strides, offset = layout.size, (n,), (layout.size,), head
    else:
        inner_head = _array_header(inner)
        per = inner_head + inner * layout.size
        shape, strides, offset = (n, inner), (per, layout.size), head + inner_head
    if len(encoded) != head + n * per:
        return None
    if inner:
        expected = _encode([None] * inner)[:inner_head]
        heads = np.ndarray((n, inner_head), np.uint8, encoded, head, (per, 1))
        if not (heads == np.frombuffer(expected, np.uint8)).all():
            return None
    records = np.ndarray(shape, _DTYPES[layout], encoded, offset, strides)
    if not all((records[f"m{k}"] == _FLOAT64).all() for k in range(len(layout.floats))):
        return None
    if not all((records[f"i{k}"] < 0x80).all() for k in range(len(layout.fixints))):
        return None  # a negative fixint or a wider integer: judged member by member
    return records


def _floats(records: np.ndarray, layout: Layout) -> np.ndarray:
    """(records, floats) float64 of the float members, in native byte order."""
    out = np.empty((*records.shape, len(layout.floats)), np.float64)
    for column in range(len(layout.floats)):
        out[..., column] = records[f"f{column}"]  # one strided, byte-swapping pass
    return out.reshape(-1, len(layout.floats))


def pose_view(poses: Sequence[Pose | None]) -> np.ndarray | None:
    """(n, 7) orientation x, y, z, w and position x, y, z of a list of :class:`Pose`."""
    rows = _records(_encode(poses), len(poses), POSE)
    return None if rows is None else _floats(rows, POSE)


def vec3_view(vectors: Sequence[Vec3 | None]) -> np.ndarray | None:
    """(n, 3) x, y, z of a list of :class:`Vec3` (a force, a torque, a position), or None
    when one is missing (None) or not laid out as expected (the caller gathers those)."""
    rows = _records(_encode(vectors), len(vectors), VEC3)
    return None if rows is None else _floats(rows, VEC3)


def dof6_view(axes: Sequence[Dof6 | None]) -> np.ndarray | None:
    """(n, 6) surge, sway, heave, roll, pitch, yaw of a list of :class:`Dof6` (a motion
    platform's displacement or velocity), or None where the layout is not the expected one."""
    rows = _records(_encode(axes), len(axes), DOF6)
    return None if rows is None else _floats(rows, DOF6)


def joint_view(joint_lists: Sequence[Sequence[Joint]]) -> tuple[np.ndarray, np.ndarray] | None:
    """For lists of exactly 26 :class:`Joint` each: (n*26, 8) pose members and radius, and
    (n*26,) int64 flags, or None (e.g. a flags value over 127: the checked path)."""
    rows = _records(_encode(joint_lists), len(joint_lists), JOINT, HAND_JOINT_COUNT)
    if rows is None:
        return None
    return _floats(rows, JOINT), rows["i0"].astype(np.int64).reshape(-1)


def float_rows(lists: Sequence[Sequence[float]], width: int) -> np.ndarray | None:
    """(n, width) float64 of a list of ``n`` lists of ``width`` floats each (EEG samples, one
    value per channel), read from their MessagePack encoding as one strided view; None when
    a list is of another length (the caller judges those frames one by one)."""
    n = len(lists)
    if not n or not width:
        return None
    encoded = _encode(lists)
    head, inner_head = _array_header(n), _array_header(width)
    per = inner_head + 9 * width
    if len(encoded) != head + n * per:
        return None
    expected = np.frombuffer(_encode([0.0] * width)[:inner_head], np.uint8)
    if not (np.ndarray((n, inner_head), np.uint8, encoded, head, (per, 1)) == expected).all():
        return None
    markers = np.ndarray((n, width), np.uint8, encoded, head + inner_head, (per, 9))
    if not (markers == _FLOAT64).all():
        return None
    return np.ndarray((n, width), ">f8", encoded, head + inner_head + 1, (per, 9)).astype(np.float64)
