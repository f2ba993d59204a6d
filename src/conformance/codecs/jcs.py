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

# RFC 8785 3.2.2.2: these control characters have short escapes; other controls use \u00xx.
_SHORT_ESCAPES = {
    '"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r",
}
# Integers beyond this lose precision as IEEE 754 doubles, the only numbers JCS knows.
_MAX_SAFE_INTEGER = 2**53 - 1


def canonicalize(value: Any) -> bytes:
    """The RFC 8785 canonical form of a parsed JSON value, as UTF-8 bytes."""
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts).encode("utf-8")


def sha256_hex(value: Any) -> str:
    """Lowercase hex SHA-256 of the canonical form: how an event is referred to by hash."""
    return hashlib.sha256(canonicalize(value)).hexdigest()


def _write(value: Any, parts: list[str]) -> None:
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
            raise TypeError("JSON object member names are strings")
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
        raise TypeError(f"not a JSON value: {type(value).__name__}")


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
        raise ValueError("NaN and Infinity are not JSON numbers")
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
