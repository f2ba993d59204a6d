"""Invalid inputs for robustness probes: each breaks exactly one rule of a schema.

Starting from a valid example body and the schema it satisfies, :func:`mutations` lists
bodies that each violate one rule (a wrong type, a missing required member, a string
over its maxLength, a bad format, a value outside an enum) and one body that is not JSON
at all. A platform must refuse every one of them with a 4xx problem; accepting one means
it accepted what its contract forbids, and a 5xx means it broke on it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import orjson

from conformance import msg

from .._shared.numbers import is_integer

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: A value of another JSON type, for each type a schema may declare.
_OTHER_TYPE: JsonObject = {
    "string": 12345,
    "integer": "not-a-number",
    "number": "not-a-number",
    "boolean": "true",
    "object": ["not", "an", "object"],
    "array": {"not": "an array"},
    "null": "not-null",
}
#: A string each format must refuse.
_BAD_FORMAT = {
    "date-time": "2026-13-45T99:99:99",
    "date": "2026-02-30x",
    "uri": "not a uri",
    "uri-reference": "http://[broken",
    "email": "no-at-sign",
    "uuid": "not-a-uuid",
    "ipv4": "999.1.1.1",
}


@dataclass(frozen=True)
class Mutation:
    kind: str
    pointer: str
    description: str
    body: JsonValue = None
    raw: bytes | None = None

    def content(self) -> bytes:
        """The bytes to send."""
        return self.raw if self.raw is not None else orjson.dumps(self.body)


Resolve = Callable[["JsonObject"], "JsonObject"]


def _parent(document: JsonValue, path: list[str]) -> JsonObject:
    """The object holding the member at ``path`` (every step an object: :func:`_walk` descends
    into objects only)."""
    target = document
    for key in path[:-1]:
        assert isinstance(target, dict)
        target = target[key]
    assert isinstance(target, dict)
    return target


def _set(document: JsonValue, path: list[str], value: JsonValue) -> JsonValue:
    document = copy.deepcopy(document)
    _parent(document, path)[path[-1]] = value
    return document


def _delete(document: JsonValue, path: list[str]) -> JsonValue:
    document = copy.deepcopy(document)
    del _parent(document, path)[path[-1]]
    return document


def _pointer(path: list[str]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _types(schema: JsonObject) -> list[str]:
    declared = schema.get("type")
    return [declared] if isinstance(declared, str) else [t for t in declared if isinstance(t, str)] \
        if isinstance(declared, list) else []


def _walk(
    root: JsonValue, example: JsonValue, schema: JsonObject, resolve: Resolve, path: list[str]
) -> Iterator[Mutation]:
    """Mutations of ``root`` at ``path`` (where ``example`` sits, described by ``schema``)."""
    schema = resolve(schema)
    where = _pointer(path) or "/"
    types = _types(schema)
    if types and path:
        wrong = next((_OTHER_TYPE[t] for t in types if t in _OTHER_TYPE), None)
        if wrong is not None and not any(_accepts(t, wrong) for t in types):
            yield Mutation("wrong_type", where, msg("interfaces.mutation-wrong-type", where=where,
                                                     sent=type(wrong).__name__, types="/".join(types)),
                           body=_set(root, path, wrong))
    if isinstance(schema.get("enum"), list) and path:
        yield Mutation("unknown_enum", where, msg("interfaces.mutation-unknown-enum", where=where),
                       body=_set(root, path, "conformance-not-in-enum"))
    if isinstance(example, str) and path:
        if isinstance(limit := schema.get("maxLength"), int):
            yield Mutation("oversized_string", where,
                           msg("interfaces.mutation-oversized", where=where, limit=limit),
                           body=_set(root, path, "x" * (limit + 1)))
        if isinstance(form := schema.get("format"), str) and form in _BAD_FORMAT:
            yield Mutation("bad_format", where, msg("interfaces.mutation-bad-format", where=where, format=form),
                           body=_set(root, path, _BAD_FORMAT[form]))
    if isinstance(example, dict):
        properties = schema.get("properties", {})
        required = schema.get("required", [])
        for name in required if isinstance(required, list) else []:
            if isinstance(name, str) and name in example:
                yield Mutation("missing_required", _pointer([*path, name]),
                               msg("interfaces.mutation-missing", name=repr(name)),
                               body=_delete(root, [*path, name]))
        for name, value in example.items():
            if isinstance(properties, dict) and isinstance(member := properties.get(name), dict):
                yield from _walk(root, value, member, resolve, [*path, name])


def _accepts(json_type: str, value: JsonValue) -> bool:
    checks: dict[str, Callable[[JsonValue], bool]] = {
        "string": lambda v: isinstance(v, str), "integer": is_integer,
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool), "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list), "null": lambda v: v is None,
    }
    return checks[json_type](value)


def mutations(example: JsonValue, schema: JsonObject, resolve: Resolve = lambda s: s) -> list[Mutation]:
    """One-rule violations of ``schema`` derived from the valid ``example``, plus malformed JSON."""
    found = list(_walk(example, example, schema, resolve, []))
    text = orjson.dumps(example)
    found.append(Mutation("malformed_json", "/", msg("interfaces.mutation-malformed"),
                          raw=text[: max(1, len(text) - 1)]))
    return found
