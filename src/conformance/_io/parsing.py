"""Parsing what a target produced, with the caps that keep a hostile target harmless."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import orjson

from ..errors import NonConformance
from ..messages import msg

DEFAULT_MAX_DEPTH = 64


class TooDeep(NonConformance):
    """JSON nested deeper than the depth asked for (``depth`` found, ``limit``): a finding where the
    caller keeps it one; the ``http`` adapter, whose ``max_json_depth`` is a reading bound of 5.1,
    leaves such an answer unjudged instead (:class:`~conformance.errors.BeyondReadingBound`)."""

    def __init__(self, message: str, depth: int, limit: int) -> None:
        super().__init__(message)
        self.depth, self.limit = depth, limit


def json_depth(value: object) -> int:
    """Nesting depth of a parsed JSON value, iteratively (no recursion to exhaust)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in node)
    return deepest


def json_shape(value: object) -> tuple[int, int]:
    """(nesting depth, number of object members) of a parsed JSON value, in one iterative walk."""
    if not isinstance(value, _CONTAINERS):
        return 0, 0
    deepest = members = 0
    level: list[Any] = [value]
    while level:  # breadth first: one level of containers at a time
        deepest += 1
        below: list[object] = []
        for node in level:
            if isinstance(node, dict):
                members += len(node)
                node = node.values()
            # a tuple, not ``dict | list``: isinstance with a union is about twice as slow, and
            # every JSON answer of a run is walked here (a listing of hundreds of items, per step)
            below += [c for c in node if isinstance(c, _CONTAINERS)]
        level = below
    return deepest, members


def parse_json(body: bytes, *, what: str | Callable[[], str], max_depth: int = DEFAULT_MAX_DEPTH) -> object:
    """Parse JSON produced by a target; malformed or too deep JSON is a non-conformance.
    ``what`` names the JSON in that message; a callable is called only then (most JSON a run
    parses is sound, and making the name costs more than judging it)."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise NonConformance(msg("adapters.not-json", what=_named(what), error=str(exc)),
                             actual=body[:200].decode("utf-8", "replace")) from None
    depth, members = json_shape(value)
    if depth > max_depth:
        raise TooDeep(msg("adapters.too-deep", what=_named(what), depth=depth, limit=max_depth), depth, max_depth)
    duplicates = duplicate_members(body, value, members)
    if duplicates:
        pointer, name = duplicates[0]
        where = {"what": _named(what), "pointer": pointer or "/", "name": repr(name)}
        raise NonConformance(
            msg("adapters.duplicate-members", **where, more=len(duplicates) - 1) if len(duplicates) > 1
            else msg("adapters.duplicate-member", **where),
            pointer=pointer, check="duplicate-member-name", actual=[f"{p or '/'} {n}" for p, n in duplicates[:20]])
    return value


def _named(what: str | Callable[[], str]) -> str:
    return what if isinstance(what, str) else what()


# A JSON string literal, and whether a colon follows it (then it is a member name). Matching
# every string in order keeps the scan aligned: outside strings JSON has no quote character.
JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?')
# A quote followed by a colon: every member name ends so, and a string may hold one too (the
# text ``"x\":y"``): never fewer matches than names. Three to four times cheaper than
# JSON_STRING's exact count, which is taken only when this one differs from the parsed members.
_NAME_END = re.compile(rb'"\s*:')
_CONTAINERS = (dict, list)


def _member_count(value: object) -> int:
    count = 0
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            count += len(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


class _Pairs(dict[str, Any]):
    """An object as parsed by the slow path, remembering the names it saw twice."""

    repeated: list[str]


def _pairs(pairs: list[tuple[str, object]]) -> _Pairs:
    obj = _Pairs(pairs)
    seen: set[str] = set()
    obj.repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
    return obj


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def duplicate_members(body: bytes, value: object, members: int | None = None) -> list[tuple[str, str]]:
    """(JSON pointer of the object, name) for each member name repeated within one object.

    The fast path is linear and in C: the quotes followed by a colon in the text (at least one
    per member name) are counted with one regular-expression pass and compared with the members
    of the parsed value; when they differ, the member names themselves (string literals followed
    by a colon), and only when those differ too is the text parsed again keeping every pair.
    """
    if not isinstance(value, _CONTAINERS):
        return []
    members = _member_count(value) if members is None else members
    # At least as many quote-colons as member names in the text, which are at least as many as
    # the members parsed: equal counts mean no name was repeated.
    if len(_NAME_END.findall(body)) == members:
        return []
    names = JSON_STRING.findall(body)
    if len(names) - names.count(b"") == members:
        return []
    try:
        tree = json.loads(body, object_pairs_hook=_pairs)
    except ValueError:  # orjson accepted it; the stdlib parser differs only on edge cases
        return []
    found: list[tuple[str, str]] = []
    stack: list[tuple[object, str]] = [(tree, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, _Pairs):
            found.extend((pointer, name) for name in dict.fromkeys(node.repeated))
            stack.extend((v, f"{pointer}/{_escape(k)}") for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{pointer}/{i}") for i, v in enumerate(node))
    return sorted(found)
