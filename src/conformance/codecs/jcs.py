"""The JSON Canonicalization Scheme (RFC 8785), for hashing JSON values reproducibly.

Two parties that hash "the same" JSON must serialise it byte for byte alike. RFC 8785
fixes that form: object members sorted by the UTF-16 code units of their names, no
whitespace, strings escaped as ECMAScript ``JSON.stringify`` does, numbers written as
ECMAScript ``Number.prototype.toString`` writes doubles, all encoded in UTF-8.
"""

from __future__ import annotations

import hashlib
import math
from decimal import Decimal
from typing import Any

import orjson

from ..messages import msg

# RFC 8785 3.2.2.2: these control characters have short escapes; other controls use \u00xx.
_SHORT_ESCAPES = {
    '"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r",
}
# Integers beyond this lose precision as IEEE 754 doubles, the only numbers JCS knows.
_MAX_SAFE_INTEGER = 2**53 - 1
_SCALARS = {str, bool, type(None)}


def canonicalize(value: object) -> bytes:
    """The RFC 8785 canonical form of a parsed JSON value, as UTF-8 bytes."""
    if _orjson_canonical(value):
        try:
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:
            pass  # e.g. a lone surrogate: the writer below raises the error callers expect
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts).encode("utf-8")


def _orjson_canonical(value: Any) -> bool:
    """Whether orjson's sorted output is already the canonical form: no floats (its digits
    are not ECMAScript's), integers a double holds exactly, ASCII member names (sorted by
    code point, orjson's order, is then the UTF-16 order RFC 8785 asks for). Its strings
    are escaped as RFC 8785 escapes them (tests/codecs/test_jcs.py checks both paths).
    A hash chain hashes every event: this keeps it at a few µs an event."""
    if type(value) is dict:  # the common case, a flat record: two C-level passes
        try:
            names = "".join(value)
        except TypeError:
            return False
        if names.isascii() and set(map(type, value.values())) <= _SCALARS:
            return True
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str or item is None or kind is bool:
            continue
        if kind is int:
            if -_MAX_SAFE_INTEGER <= item <= _MAX_SAFE_INTEGER:
                continue
            return False
        if kind is dict:
            for key, member in item.items():
                if type(key) is not str or not key.isascii():
                    return False
                stack.append(member)
        elif kind is list:
            stack.extend(item)
        else:
            return False  # floats, tuples, subclasses: the writer below
    return True


def sha256_hex(value: object) -> str:
    """Lowercase hex SHA-256 of the canonical form: how an event is referred to by hash."""
    return hashlib.sha256(canonicalize(value)).hexdigest()


def _write(value: object, parts: list[str]) -> None:
    if value is None:
        parts.append("null")
    elif value is True:
        parts.append("true")
    elif value is False:
        parts.append("false")
    elif isinstance(value, str):
        parts.append(_string(value))
    elif isinstance(value, int):
        parts.append(str(value) if abs(value) <= _MAX_SAFE_INTEGER else _number(float(value)))
    elif isinstance(value, float):
        parts.append(_number(value))
    elif isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError(msg("codecs.jcs-member-names"))
        parts.append("{")
        # RFC 8785 3.2.3: sort by UTF-16 code units, not code points (they differ above U+FFFF).
        for i, key in enumerate(sorted(value, key=lambda k: k.encode("utf-16-be"))):
            if i:
                parts.append(",")
            parts.append(_string(key))
            parts.append(":")
            _write(value[key], parts)
        parts.append("}")
    elif isinstance(value, list | tuple):
        parts.append("[")
        for i, item in enumerate(value):
            if i:
                parts.append(",")
            _write(item, parts)
        parts.append("]")
    else:
        raise TypeError(msg("codecs.jcs-not-json", type=type(value).__name__))


def _string(text: str) -> str:
    out = ['"']
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif char < " ":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _number(value: float) -> str:
    """ECMAScript Number::toString for a finite double (ECMA-262, as RFC 8785 3.2.2.3 cites)."""
    if not math.isfinite(value):
        raise ValueError(msg("codecs.jcs-not-finite"))
    if value == 0:
        return "0"  # also for -0
    if value < 0:
        return "-" + _number(-value)
    # repr() gives the shortest digits that round-trip, the same digits ECMAScript picks.
    _sign, digit_tuple, exponent = Decimal(repr(value)).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0")
    exponent = int(exponent) + len(digit_tuple) - len(digits)
    k = len(digits)
    n = exponent + k  # value = 0.digits * 10**n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
