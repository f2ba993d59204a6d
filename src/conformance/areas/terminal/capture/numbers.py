"""JSON arrays of numbers, kept as raw text by the decoder, parsed in bulk into one NumPy array.

Decoding an EEG frame's ``values`` into a Python list of floats costs a list and a float
object per value, made and freed again; for eight channels that is as much as orjson's
whole parse of the line. Instead the decoder keeps each frame's array as ``msgspec.Raw`` (a
view of the JSON text, validated as JSON), and :func:`number_rows` parses the arrays of a
whole chunk at once, with NumPy over their bytes:

- structure, on the joined text: each array is flat (one ``[`` per array, at its start),
  holds ``width`` elements, and only bytes of numbers and JSON whitespace occur, so (the
  text being valid JSON) every element is a JSON number;
- each number of at most 8 bytes is read as one little-endian 64-bit word ending at its
  last byte (an unaligned strided view: one gather per number), the bytes before it masked
  off, the sign and decimal point found and removed with byte-parallel ("SWAR") arithmetic,
  and its up to 8 digits combined into the integer ``m`` in three multiplications;
- the value is ``m / 10**f`` (``f`` digits after the point): both operands are exact
  doubles (``m`` < 10**8, ``f`` < 8), so the one division rounds correctly, giving exactly
  the double a correct parser gives (Clinger's fast path). An integer without a point is
  converted as an integer (``-0`` is 0.0, as msgspec reads it into a float);
- the rest (more than 8 bytes, an exponent, whitespace after the number) are decoded by
  msgspec as ``list[float]`` in one call, as the frame decoder would have.

None means the arrays are not all of that shape (or a number is out of the double range):
the caller then decodes the frames as before, which judges them.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import Any

import msgspec
import numpy as np

_OPEN, _CLOSE, _COMMA, _SPACE, _QUOTE = ord("["), ord("]"), ord(","), ord(" "), ord('"')
_PAD = bytes(8)
_u64 = np.uint64
_MASKS = np.array([0] + [(1 << 64) - (1 << (64 - 8 * k)) for k in range(1, 8)] + [(1 << 64) - 1], np.uint64)
_POW10 = 10.0 ** np.arange(8)
#: SWAR: each step joins neighbouring groups of digits (1 to 2 bytes, 2 to 4, 4 to 8)
_COMBINE = [(_u64(8), _u64(10), _u64(0x00FF00FF00FF00FF)), (_u64(16), _u64(100), _u64(0x0000FFFF0000FFFF)),
            (_u64(32), _u64(10000), _u64(0x00000000FFFFFFFF))]
_FLOATS = msgspec.json.Decoder(list[float]).decode
#: Numbers read per pass of the arithmetic: the words and masks of a batch (128 KiB each)
#: stay in the CPU's cache between the passes; a chunk's all at once (about 90 000 EEG
#: values, 0.7 MB an array) cost about 8 % more.
BATCH = 1 << 14


def _only_numbers(u: np.ndarray, low: int, high: int) -> bool:
    """Only the bytes of numbers, arrays and spaces (``low``, ``high``: the smallest and the
    largest byte): none below a space (other whitespace), none above "e" (every literal has
    one: "f", "n", "t"; objects "{"), no '"' (strings). In valid JSON the other bytes in
    between (":", letters but "E" and "e") need one of those."""
    return low >= _SPACE and high <= ord("e") and not (u == _QUOTE).any()


def number_rows(raws: Iterable[Any], n: int, width: int) -> np.ndarray | None:
    """(n, width) float64 of ``n`` JSON arrays (``msgspec.Raw``) of ``width`` numbers each, or None."""
    if not n or width < 1:
        return None
    text = b"".join(chain((_PAD,), raws))  # 8 bytes before the first number: every word below is in the text
    if len(text) < 8 + 2 * n:
        return None
    u = np.frombuffer(text, np.uint8, offset=8)
    low, high = int(u.min()), int(u.max())
    if not _only_numbers(u, low, high):
        return None
    ends = np.flatnonzero((u == _COMMA) | (u == _CLOSE))  # the byte after each number
    if len(ends) != n * width:
        return None
    # every "]" ends a row (each "]" is an end, so these are all of them)
    row_ends = ends[width - 1::width]
    if not ((u[row_ends] == _CLOSE).all() and np.count_nonzero(u == _CLOSE) == n):
        return None
    # each array starts with the only "[" it holds: no nesting, no bare numbers
    if u[0] != _OPEN or not (u[row_ends[:-1] + 1] == _OPEN).all() or np.count_nonzero(u == _OPEN) != n:
        return None
    lengths = np.empty_like(ends)  # of each number, spaces before it included
    lengths[0] = ends[0] - 1
    np.subtract(ends[1:], ends[:-1], out=lengths[1:])
    lengths[1:] -= 1
    lengths[width::width] -= 1  # a row's first number: after "]["
    if (lengths < 1).any():
        return None  # an empty array (width 1)
    # A number of at most 8 bytes ending in a digit (not a space) and without an exponent is
    # read here; JSON allows only digits, "-" first and one "." in it, and spaces before it.
    slow = lengths > 8
    if high == ord("e") or (u == ord("E")).any():
        slow[np.searchsorted(ends, np.flatnonzero((u | np.uint8(0x20)) == ord("e")))] = True
    if low == _SPACE:
        slow |= u[ends - 1] == _SPACE
    pieces: list[bytes] = []
    if slow.any():  # msgspec reads these, as the frame decoder would have
        slow_at = np.flatnonzero(slow)
        starts = (ends[slow_at] - lengths[slow_at]).tolist()
        pieces = [text[s + 8:e + 8] for s, e in zip(starts, ends[slow_at].tolist(), strict=True)]
    words = np.ndarray((len(text) - 7,), "<u8", text, 0, (1,))  # the 8 bytes ending at any byte
    np.minimum(lengths, 8, out=lengths)
    out = np.empty(len(ends), np.float64)
    for at in range(0, len(ends), BATCH):
        _decimals(words, ends[at:at + BATCH], lengths[at:at + BATCH], out[at:at + BATCH])
    if pieces:
        try:
            out[slow_at] = _FLOATS(b"[" + b",".join(pieces) + b"]")
        except msgspec.DecodeError:
            return None  # e.g. 1e999: msgspec refuses it, the frame decoder says where
    return out.reshape(n, width)


def _decimals(words: np.ndarray, ends: np.ndarray, lengths: np.ndarray, out: np.ndarray) -> None:
    """The value of each number of at most 8 bytes (and no exponent) ending before ``ends``
    (``lengths``: its bytes, at most 8) into ``out``; ``words``: the 8 bytes ending at each byte."""
    # In place where it can be: a fresh array per step costs more than the step (page faults).
    w = words[ends]  # the 8 bytes ending at each end (a copy)
    w &= _MASKS[lengths]  # the bytes before the number: 0
    # the "." byte (0x2e): bits 0x08 and 0x02 set, 0x10 not (digits have it; "-" lacks 0x02)
    dot = np.left_shift(w, _u64(2))
    dot &= w
    a = np.right_shift(w, _u64(1))
    np.invert(a, out=a)
    dot &= a
    dot &= _u64(0x0808080808080808)
    has = np.not_equal(dot, 0).view(np.uint8)  # 1 where there is a point
    fraction = np.left_shift(dot, _u64(5), out=a)  # the bytes after the point (none without one)
    fraction -= _u64(1)
    np.invert(fraction, out=fraction)
    above = np.subtract(has, _u64(1), out=lengths.view(np.uint64))  # no point: every byte
    above |= fraction
    fraction = np.bitwise_count(fraction)
    fraction >>= 3
    dot >>= _u64(3)
    dot -= has  # the bytes before the point
    dot &= w
    dot <<= _u64(8)
    w &= above
    w |= dot  # the point taken out
    # "-" (0x2d): 0x08 set, 0x10 not; the sign bit of a double where it is
    sign = np.right_shift(w, _u64(1), out=dot)
    np.invert(sign, out=sign)
    sign &= w
    sign &= _u64(0x0808080808080808)
    sign += _u64(0x7FFFFFFFFFFFFFFF)
    sign &= _u64(0x8000000000000000)
    digits = np.right_shift(w, _u64(4), out=above)
    digits &= _u64(0x0101010101010101)
    digits *= _u64(0x0F)
    w &= digits  # the digits' values; "-" and spaces: 0
    for shift, factor, mask in _COMBINE:  # pairs of digits, then fours, then eights
        np.right_shift(w, shift, out=digits)
        w *= factor
        w += digits
        w &= mask
    if not w.all():  # "-0" is the integer 0: 0.0, as msgspec reads it into a float ("-0.0" is -0.0)
        sign[(w == 0) & (has == 0)] = 0
    # m < 2**52 as a double without a conversion: its bits beside 2**52's exponent, less 2**52
    w |= _u64(0x4330000000000000)
    value = w.view(np.float64)
    value -= 4503599627370496.0
    np.divide(value, _POW10.take(fraction), out=out)
    bits = out.view(np.uint64)
    bits |= sign
