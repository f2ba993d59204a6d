"""RFC 8785 canonical JSON: the form asset lifecycle events are hashed in."""

from __future__ import annotations

import re
import struct

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance.codecs.jcs import canonicalize, sha256_hex

# RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical number text.
NUMBERS = [
    ("0000000000000000", "0"),
    ("8000000000000000", "0"),
    ("0000000000000001", "5e-324"),
    ("8000000000000001", "-5e-324"),
    ("7fefffffffffffff", "1.7976931348623157e+308"),
    ("ffefffffffffffff", "-1.7976931348623157e+308"),
    ("4340000000000000", "9007199254740992"),
    ("c340000000000000", "-9007199254740992"),
    ("4430000000000000", "295147905179352830000"),
    ("44b52d02c7e14af5", "9.999999999999997e+22"),
    ("44b52d02c7e14af6", "1e+23"),
    ("44b52d02c7e14af7", "1.0000000000000001e+23"),
    ("444b1ae4d6e2ef4e", "999999999999999700000"),
    ("444b1ae4d6e2ef4f", "999999999999999900000"),
    ("444b1ae4d6e2ef50", "1e+21"),
    ("3eb0c6f7a0b5ed8c", "9.999999999999997e-7"),
    ("3eb0c6f7a0b5ed8d", "0.000001"),
    ("41b3de4355555553", "333333333.3333332"),
    ("41b3de4355555554", "333333333.33333325"),
    ("41b3de4355555555", "333333333.3333333"),
    ("41b3de4355555556", "333333333.3333334"),
    ("41b3de4355555557", "333333333.33333343"),
    ("becbf647612f3696", "-0.0000033333333333333333"),
    ("43143ff3c1cb0959", "1424953923781206.2"),
]


@pytest.mark.parametrize(("bits", "text"), NUMBERS)
def test_numbers_are_written_as_ecmascript_does(bits, text):
    (value,) = struct.unpack(">d", bytes.fromhex(bits))
    assert canonicalize(value) == text.encode()


def test_members_sort_by_utf16_code_units_and_whitespace_goes():
    # RFC 8785 3.2.3: U+1F600 (a surrogate pair in UTF-16) sorts before U+FB33.
    value = {"\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\U0001f600": 5, "\u0080": 6, "\u00f6": 7}
    expected = '{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\U0001f600":5,"\ufb33":3}'
    assert canonicalize(value) == expected.encode("utf-8")
    assert canonicalize({"b": [1, {"d": None, "c": True}], "a": False}) == b'{"a":false,"b":[1,{"c":true,"d":null}]}'


def test_strings_escape_only_what_ecmascript_escapes():
    assert canonicalize('q"\\/\n\t\x0f\x7f€') == '"q\\"\\\\/\\n\\t\\u000f\x7f€"'.encode()


def test_integers_are_exact_up_to_2_53_and_hashing_is_of_the_canonical_bytes():
    assert canonicalize(2**53 - 1) == b"9007199254740991"
    assert canonicalize(10**21) == b"1e+21"
    assert sha256_hex({"b": 1, "a": 2}) == sha256_hex({"a": 2, "b": 1})
    assert sha256_hex({"a": 1.0}) == sha256_hex({"a": 1})


def test_non_json_values_are_refused():
    with pytest.raises(ValueError):
        canonicalize(float("nan"))
    with pytest.raises(TypeError):
        canonicalize({1: "x"})
    with pytest.raises(TypeError):
        canonicalize({"x": object()})


_JSON = st.recursive(
    st.none() | st.booleans() | st.text()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _doubles(value):
    """JCS numbers are IEEE 754 doubles: compare values as such."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict):
        return {k: _doubles(v) for k, v in value.items()}
    return [_doubles(v) for v in value]


@given(_JSON)
def test_the_canonical_form_is_json_that_round_trips_and_is_a_fixed_point(value):
    text = canonicalize(value)
    assert _doubles(orjson.loads(text)) == _doubles(value)
    assert canonicalize(orjson.loads(text)) == text
    # no whitespace between tokens (a member name or string may hold ": " itself)
    between = re.sub(rb'"(?:[^"\\]|\\.)*"', b'""', text)
    assert not re.search(rb"\s", between), text


@given(_JSON)
def test_the_orjson_shortcut_writes_what_the_rfc_8785_writer_writes(value):
    from conformance.codecs import jcs

    parts: list[str] = []
    try:
        jcs._write(value, parts)
    except (TypeError, ValueError):
        return
    assert canonicalize(value) == "".join(parts).encode("utf-8")


def test_the_orjson_shortcut_is_taken_only_where_it_is_exact():
    from conformance.codecs.jcs import _orjson_canonical

    assert _orjson_canonical({"type": "issue", "n": 2**53 - 1, "a": [None, True, "\u2028\x01é"]})
    assert not _orjson_canonical({"n": 1.5})
    assert not _orjson_canonical({"n": 2**53})
    assert not _orjson_canonical({"\U0001f600": 1, "\ufb33": 2})  # UTF-16 order differs from code points
    # Keys above U+FFFF sort differently in UTF-16: the writer's order, not orjson's.
    assert canonicalize({"\U0001f600": 1, "\ufb33": 2}) == '{"\U0001f600":1,"\ufb33":2}'.encode()
