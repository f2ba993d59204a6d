"""Parsing what a target produced, with the caps that keep a hostile target harmless."""

from __future__ import annotations

from typing import Any

import orjson

from ..errors import NonConformance

DEFAULT_MAX_DEPTH = 64


def json_depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value, iteratively (no recursion to exhaust)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in node)
    return deepest


def parse_json(body: bytes, *, what: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """Parse JSON produced by a target; malformed or too deep JSON is a non-conformance."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise NonConformance(f"{what} is not valid JSON: {exc}", actual=body[:200].decode("utf-8", "replace")) from None
    depth = json_depth(value)
    if depth > max_depth:
        raise NonConformance(f"{what} nests JSON {depth} levels deep (limit {max_depth})")
    return value
