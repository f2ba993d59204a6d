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
  last byte (from the two aligned words of the text it straddles), the bytes before it
  masked off, the sign (only where the text holds a "-") and the decimal point found and
  removed with byte-parallel ("SWAR") arithmetic, and its up to 8 digits combined into the
  integer ``m`` in three multiply-and-shift steps;
- the value is ``m / 10**f`` (``f`` digits after the point): both operands are exact
  doubles (``m`` < 10**8, ``f`` < 8), so the one division rounds correctly, giving exactly
  the double a correct parser gives (Clinger's fast path). An integer without a point is
  converted as an integer (``-0`` is 0.0, as msgspec reads it into a float);
- the rest (more than 8 bytes, an exponent, whitespace after the number) are decoded by
  msgspec as ``list[float]`` in one call, as the frame decoder would have.

None means the arrays are not all of that shape (or a number is out of the double range):
the caller then decodes the frames as before, which judges them.

The steps above are about forty NumPy passes over each batch (~30 ns a number). Where a C
compiler was found at install, ``hatch_build.py`` compiled ``src/native/_conformance_numbers.c``,
which decides and computes the same in one pass over the bytes (a few ns a number);
:func:`number_rows` uses it when it imports, the NumPy steps (:func:`number_rows_numpy`)
otherwise. Both give the same doubles bit for bit and the same None
(``tests/areas/terminal/test_numbers_compiled.py``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Literal, Protocol

import msgspec
import numpy as np

_OPEN, _CLOSE, _COMMA, _SPACE, _QUOTE, _MINUS, _DOT = (ord("["), ord("]"), ord(","), ord(" "), ord('"'), ord("-"),
                                                      ord("."))
_PAD, _TAIL = bytes(8), bytes(16)
_u64 = np.uint64
_MASKS = np.array([0] + [(1 << 64) - (1 << (64 - 8 * k)) for k in range(1, 8)] + [(1 << 64) - 1], np.uint64)
_POW10 = 10.0 ** np.arange(8)
#: SWAR: each step joins neighbouring groups of digits (1 to 2 bytes, 2 to 4, 4 to 8) with one
#: multiplication: x * (10**k << s) + x puts 10**k times each group beside the next one, and
#: the shift by s brings their sum down (the multiplier of the first step is 10 * 256 + 1).
_COMBINE = [(_u64(10 * 256 + 1), _u64(8), None), (_u64(100 * 65536 + 1), _u64(16), _u64(0x00FF00FF00FF00FF)),
            (_u64(10000 * 2**32 + 1), _u64(32), _u64(0x0000FFFF0000FFFF))]
_FLOATS = msgspec.json.Decoder(list[float]).decode
#: Numbers read per pass of the arithmetic: the words and masks of a batch (128 KiB each)
#: stay in the CPU's cache between the passes; a chunk's all at once (about 90 000 EEG
#: values, 0.7 MB an array) cost about 8 % more.
BATCH = 1 << 14
#: Numbers parsed by one call of :func:`number_rows` in :func:`rows_in_batches`.
PARSE_NUMBERS = 1 << 14


def _only_numbers(u: np.ndarray, low: int, high: int) -> bool:
    """Only the bytes of numbers, arrays and spaces (``low``, ``high``: the smallest and the
    largest byte): none below a space (other whitespace), none above "e" (every literal has
    one: "f", "n", "t"; objects "{"), no '"' (strings). In valid JSON the other bytes in
    between (":", letters but "E" and "e") need one of those."""
    return low >= _SPACE and high <= ord("e") and not (u == _QUOTE).any()


def rows_in_batches(raws: Sequence[bytes], width: int) -> np.ndarray | None:
    """:func:`number_rows` of all of ``raws``, about PARSE_NUMBERS numbers at a time: the text
    of a batch stays in the CPU's cache through the dozen passes over its bytes (a chunk's
    text at once, about 1 MB of EEG arrays, is read from memory by each of them)."""
    n = len(raws)
    if not n or width < 1:
        return None
    out = np.empty((n, width), np.float64)
    step = max(PARSE_NUMBERS // width, 1)
    for at in range(0, n, step):
        part = raws[at:at + step]
        if number_rows(part, len(part), width, out[at:at + step]) is None:
            return None
    return out


class CompiledParser(Protocol):
    """What ``_conformance_numbers`` offers (src/native/_conformance_numbers.c): ``parse_rows`` parses
    the rows into ``out`` and gives the (index in ``out``, start, end in ``text``) of each number it
    leaves to msgspec, None when the text is not such rows; ``parse_records`` (a later build's) whether
    every raw is of the layout, its numbers written out."""

    def parse_rows(self, text: bytes, n: int, width: int,
                   out: np.ndarray) -> list[tuple[int, int, int]] | None: ...

    def parse_records(self, raws: list[bytes], pieces: tuple[bytes, ...], kinds: bytes, floats: np.ndarray,
                      ints: np.ndarray) -> bool: ...


#: the compiled parser's module, None where it is not installed; False: not looked for yet
_compiled: CompiledParser | None | Literal[False] = False


def compiled_parser() -> CompiledParser | None:
    """``_conformance_numbers`` (built by hatch_build.py when a C compiler was found), or None.
    Imported on first use: a run that reads no arrays of numbers never loads it."""
    global _compiled
    if _compiled is False:
        try:  # by name: a checker where it was not built finds no module to type
            _compiled = importlib.import_module("_conformance_numbers")
        except ImportError:
            _compiled = None
    return _compiled


def number_rows(raws: Iterable[bytes], n: int, width: int, out: np.ndarray | None = None) -> np.ndarray | None:
    """(n, width) float64 of ``n`` JSON arrays (``msgspec.Raw``) of ``width`` numbers each, or None;
    into ``out`` (C-contiguous, of that shape) when given."""
    if not n or width < 1:
        return None
    compiled = compiled_parser()
    if compiled is None:
        return number_rows_numpy(raws, n, width, out)
    text = b"".join(raws)
    flat = np.empty(n * width, np.float64) if out is None else out.reshape(-1)
    slow = compiled.parse_rows(text, n, width, flat)
    if slow is None:
        return None
    if slow:  # msgspec reads these, as the frame decoder would have
        values = _slow_numbers([text[start:end] for _, start, end in slow])
        if values is None:
            return None
        flat[[at for at, _, _ in slow]] = values
    return flat.reshape(n, width)


def _slow_numbers(pieces: list[bytes]) -> list[float] | None:
    """The numbers left to msgspec, one per piece, or None: one it refuses (e.g. 1e999, the
    frame decoder then says where) or a piece that is no number (the spaces of "[ ]", an empty
    array of width 1)."""
    try:
        values = _FLOATS(b"[" + b",".join(pieces) + b"]")
    except msgspec.DecodeError:
        return None
    return values if len(values) == len(pieces) else None


def number_rows_numpy(raws: Iterable[bytes], n: int, width: int, out: np.ndarray | None = None) -> np.ndarray | None:
    """:func:`number_rows` by NumPy's passes alone (where the compiled parser is not installed)."""
    if not n or width < 1:
        return None
    # 8 bytes before the first number and 16 after the last: every word below is in the text
    text = b"".join(chain((_PAD,), raws, (_TAIL,)))
    if len(text) < 24 + 2 * n:
        return None
    u = np.frombuffer(text, np.uint8, len(text) - 24, offset=8)
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
    words = np.frombuffer(text, "<u8", len(text) // 8)  # the text as aligned 64-bit words
    np.minimum(lengths, 8, out=lengths)
    out = np.empty(len(ends), np.float64) if out is None else out.reshape(-1)
    signed = bool((u == _MINUS).any())  # none (a luminance trace): the sign is not looked for
    # as many "." as numbers: in valid JSON a number holds at most one, so each holds one (the
    # usual case: floats written with a point); the point is then not tested for, number by number
    dotted = np.count_nonzero(u == _DOT) == len(ends)
    for at in range(0, len(ends), BATCH):
        _decimals(words, ends[at:at + BATCH], lengths[at:at + BATCH], out[at:at + BATCH], signed, dotted)
    if pieces:
        values = _slow_numbers(pieces)
        if values is None:
            return None
        out[slow_at] = values
    return out.reshape(n, width)


def _decimals(words: np.ndarray, ends: np.ndarray, lengths: np.ndarray, out: np.ndarray, signed: bool,
              dotted: bool = False) -> None:
    """The value of each number of at most 8 bytes (and no exponent) ending before ``ends``
    (``lengths``: its bytes, at most 8) into ``out``; ``words``: the text as aligned 64-bit words.
    ``signed``: whether any number may begin with "-" (else the sign is not looked for);
    ``dotted``: every number holds a point (else each is looked at for one)."""
    # In place where it can be: a fresh array per step costs more than the step (page faults).
    # The 8 bytes ending at each end, from the two aligned words they straddle: a take of a
    # contiguous array is cheaper than indexing an overlapping strided view of every byte's
    # word (the text has 8 bytes before u: those bytes start at text[end]).
    word = ends >> 3
    bits = np.bitwise_and(ends, 7).view(np.uint64)
    bits <<= _u64(3)
    w = words.take(word)
    word += 1
    high = words.take(word)
    w >>= bits
    np.subtract(_u64(64), bits, out=bits)
    high <<= bits  # by 64 (an aligned end): 0, as NumPy defines it
    w |= high
    w &= _MASKS.take(lengths)  # the bytes before the number: 0
    # the "." byte (0x2e): bit 0x08 set, 0x10 not (digits have it, spaces lack 0x08); where a
    # "-" (0x2d) may be, also 0x02 ("-" lacks it)
    a = np.right_shift(w, _u64(1))
    np.invert(a, out=a)
    dot = np.bitwise_and(a, w, out=a)
    if signed:
        dot &= np.left_shift(w, _u64(2))
    dot &= _u64(0x0808080808080808)
    fraction = np.left_shift(dot, _u64(5))  # the bytes after the point (none without one)
    fraction -= _u64(1)
    np.invert(fraction, out=fraction)
    if dotted:
        above = fraction
        has: np.ndarray | np.uint64 = _u64(1)
    else:
        has = np.not_equal(dot, 0).view(np.uint8)  # 1 where there is a point
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
    if signed:
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
    else:
        w &= _u64(0x0F0F0F0F0F0F0F0F)  # the digits' values; spaces (0x20) and the bytes before: 0
    for factor, shift, mask in _COMBINE:  # pairs of digits, then fours, then eights
        if mask is not None:
            w &= mask
        w *= factor
        w >>= shift
    # "-0" is the integer 0: 0.0, as msgspec reads it into a float ("-0.0" is -0.0; dotted: none)
    if signed and not dotted and not w.all():
        sign[(w == 0) & (has == 0)] = 0
    # m < 2**52 as a double without a conversion: its bits beside 2**52's exponent, less 2**52
    w |= _u64(0x4330000000000000)
    value = w.view(np.float64)
    value -= 4503599627370496.0
    np.divide(value, _POW10.take(fraction), out=out)
    if signed:
        bits = out.view(np.uint64)
        bits |= sign
