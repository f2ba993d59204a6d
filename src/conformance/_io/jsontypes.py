"""The types of parsed JSON, in one place.

What ``orjson.loads``, :func:`conformance._io.strictjson.loads` and ``json.loads`` give is one
of these; code that reads a member narrows with ``isinstance`` before it relies on a shape, so
a document that is not the shape expected is bad input, not an AttributeError. Used where the
value really is parsed JSON (or is written as JSON): a report's pieces, schemas, evidence.
"""

from __future__ import annotations

from typing import TypeAlias

#: any JSON value (RFC 8259): what a parser returns
JsonValue: TypeAlias = "None | bool | int | float | str | list[JsonValue] | dict[str, JsonValue]"
#: a JSON object: members by name
JsonObject: TypeAlias = "dict[str, JsonValue]"
#: a JSON array
JsonArray: TypeAlias = "list[JsonValue]"
#: a JSON scalar (what is neither an array nor an object)
JsonScalar: TypeAlias = "None | bool | int | float | str"
