"""The strict reader of signed JSON (conformance._io.strictjson): what every parser reads
alike is read; a member twice, a lone surrogate, an integer beyond the safe range, or bytes
that are not JSON are refused, the place named as a JSON path."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance._io.strictjson import MAX_REPORT_INTEGER, MAX_SAFE_INTEGER, NotStrictJSON, loads


@pytest.mark.parametrize(("data", "where", "problem"), [
    (b'{"a":1,"a":2}', "$.a", 'the member "a" appears more than once'),
    (b'{"a":{"b":[1,{"c":1,"d":0,"c":2}]}}', "$.a.b[1].c", 'the member "c" appears more than once'),
    (b'{"a b":{"x":1,"x":1}}', "$['a b'].x", 'the member "x" appears more than once'),
    (b'{"a":"x\\ud800"}', "$.a", "a string with a lone surrogate"),
    (b'["ok", "\\udfff"]', "$[1]", "a string with a lone surrogate"),
    (b'{"k\\udc00":1}', "$['k\\\\udc00']", "a member name with a lone surrogate"),
    (b'{"n":1152921504606846976}', "$.n", "the integer 1152921504606846976 is beyond ±(2^53 - 1)"),
    (b'{"n":-9007199254740992}', "$.n", "the integer -9007199254740992 is beyond"),
    (b'{"n":99999999999999999999999}', "$.n", "the integer 99999999999999999999999 is beyond"),
    (b'[' + b"9" * 5000 + b']', "$[0]", "(5000 characters) is beyond"),
    (b'[1, NaN]', "$[1]", "nan is not a JSON number"),
    (b'{"x":-Infinity}', "$.x", "-inf is not a JSON number"),
    (b'{"x":[1e400]}', "$.x[0]", "inf is not a JSON number"),
])
def test_what_parsers_read_differently_is_refused_naming_the_place(data, where, problem):
    with pytest.raises(NotStrictJSON) as caught:
        loads(data)
    assert caught.value.where == where
    assert problem in caught.value.problem
    assert str(caught.value) == f"at {where}: {caught.value.problem}"


@pytest.mark.parametrize("data", [b'{"a":1', b"[01]", b"[+1]", b"[" * 2000 + b"]" * 2000, b"\xff",
                                  b"", b'{"a":1}x'])
def test_bytes_that_are_not_json_are_refused_without_a_place(data):
    with pytest.raises(NotStrictJSON) as caught:
        loads(data)
    assert caught.value.path is None and caught.value.problem.startswith("not JSON")


def test_the_integer_bound_is_the_callers():
    assert loads(b"[9007199254740991, -9007199254740991]") == [MAX_SAFE_INTEGER, -MAX_SAFE_INTEGER]
    assert loads(b"[1152921504606846976]", max_integer=MAX_REPORT_INTEGER) == [2**60]
    with pytest.raises(NotStrictJSON, match=r"at \$\[0\]: the integer 9223372036854775808 is beyond"):
        loads(b"[9223372036854775808]", max_integer=MAX_REPORT_INTEGER)


def test_a_long_member_name_is_shown_as_an_excerpt():
    name = "n" * 100_000
    with pytest.raises(NotStrictJSON) as caught:
        loads(orjson.dumps({name: 1})[:-1] + b"," + orjson.dumps(name) + b":2}")
    assert len(str(caught.value)) < 700 and "(100000 characters)" in str(caught.value)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER) | st.floats(allow_nan=False,
                                                                                            allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@given(_JSON)
def test_strict_json_reads_as_orjson_does(value):
    data = orjson.dumps(value)
    assert loads(data) == orjson.loads(data)
