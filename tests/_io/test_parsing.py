"""Reading JSON a target produced (conformance._io.parsing): a member name repeated within one
object is found wherever the text puts it, whatever its whitespace or the strings around it
hold (the quick counts that skip the slow parse must never skip a repetition), and the shape
walked is the value's nesting depth and member count."""

from __future__ import annotations

import json

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conformance._io.parsing import duplicate_members, json_shape


@pytest.mark.parametrize(("body", "found"), [
    (b'{"a":1,"a":2}', [("", "a")]),
    (b'{"a" :1,"a":2}', [("", "a")]),  # whitespace before one colon only
    (b'{"a"\n\t: 1, "a" : 2}', [("", "a")]),
    (b'{"s":"x\\":y","a":1,"a":2}', [("", "a")]),  # a string holding a quote and a colon
    (b'{"s":"x\\\\","a":1,"a":2}', [("", "a")]),  # a string ending in an escaped backslash
    (b'{"k\\"":1,"k\\"" :2}', [("", 'k"')]),
    (b'{"items":[{"id":1,"name":"a"},{"id":2,"id" :3}],"next":null}', [("/items/1", "id")]),
    (b'[{"a/b":{"c~":0,"c~":1}}]', [("/0/a~1b", "c~")]),
])
def test_a_repeated_member_name_is_found_where_it_is(body, found):
    assert duplicate_members(body, orjson.loads(body)) == found


@pytest.mark.parametrize("body", [
    b'{"s":"x\\":y","a":1}',  # more quote-colons than names: the exact count decides
    b'{"a" : {"b" :[1, {"c":"\\":"}]}}',
    b'[1, "a", ":"]',
    b'{}',
])
def test_no_repetition_is_found_where_there_is_none(body):
    assert duplicate_members(body, orjson.loads(body)) == []


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-2**53, 2**53) | st.text(alphabet='ab":\\ {}[],'),
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text(alphabet='ab":\\ ', max_size=3), inner, max_size=4),
                     max_leaves=20)


def _shape(value: object, depth: int = 1) -> tuple[int, int]:
    """The shape by plain recursion, to compare the iterative walk with."""
    if isinstance(value, dict):
        below = [_shape(v, depth + 1) for v in value.values()]
        return max([depth, *(d for d, _ in below)]), len(value) + sum(m for _, m in below)
    if isinstance(value, list):
        below = [_shape(v, depth + 1) for v in value]
        return max([depth, *(d for d, _ in below)]), sum(m for _, m in below)
    return depth - 1, 0


@given(_JSON, st.sampled_from(["", " ", "\n  "]))
def test_any_document_and_one_with_a_member_repeated(value, space):
    body = json.dumps(value, separators=(",", space + ":")).encode()
    assert json_shape(value) == _shape(value)
    assert duplicate_members(body, value) == []
    if isinstance(value, dict) and value:
        name = next(iter(value))
        repeated = body[:-1] + b"," + orjson.dumps(name) + space.encode() + b":0}"
        assert duplicate_members(repeated, orjson.loads(repeated)) == [("", name)]
