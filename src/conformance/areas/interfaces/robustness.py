"""Robustness and authentication probes driven by the OpenAPI contract.

The contract names, for each operation with a JSON request body, a valid ``example``;
:mod:`.mutations` breaks it one rule at a time. ``x-fill`` on the body's media type says
which members the harness fills per run (``fresh-id``: a new unique identifier;
``other-holder``: the DID of a second harness identity), so that the example stays valid
against any registry. ``x-valid-probe: true`` marks operations whose filled example the
harness sends as a valid input (the others need a signature only the identity suite makes).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeGuard
from urllib.parse import quote

from conformance import NonConformance, msg, reason
from conformance.area import (
    SchemaRegistry,
    bearer_only,
    candidate_only,
    example_body,
    path_read,
    probed_read,
    valid_probe,
)

from .._shared.problems import PROBLEM_MEDIA_TYPE, problem_findings
from .openapi import Contract, Operation

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue, Response

JSON = "application/json"


class Resolved(Protocol):
    """What ``referencing`` resolves a ``$ref`` to: the document there and a resolver for its own references."""

    @property
    def contents(self) -> JsonValue: ...

    @property
    def resolver(self) -> Resolver: ...


class Resolver(Protocol):
    """A ``referencing`` resolver, as :func:`inline` uses it."""

    def lookup(self, ref: str) -> Resolved: ...
MAX_DEPTH = 12


def inline(schema: JsonValue, schemas: SchemaRegistry, base: str, depth: int = 0) -> JsonValue:
    """``schema`` with every ``$ref`` replaced by what it points to (to ``MAX_DEPTH`` levels;
    deeper references are left as ``{}``, which accepts anything and mutates nothing)."""
    resolver = schemas.registry.resolver(base_uri=base)
    return _inline(schema, resolver, depth)


def _inline(node: JsonValue, resolver: Resolver, depth: int) -> JsonValue:
    if isinstance(node, list):
        return [_inline(item, resolver, depth) for item in node]
    if not isinstance(node, dict):
        return node
    if isinstance(ref := node.get("$ref"), str):
        if depth >= MAX_DEPTH:
            return {}
        resolved = resolver.lookup(ref)
        rest = {k: v for k, v in node.items() if k != "$ref"}
        target, own = _inline(resolved.contents, resolved.resolver, depth + 1), _inline(rest, resolver, depth)
        # a $ref to a boolean schema (true) adds nothing of its own to merge
        return {**(target if isinstance(target, dict) else {}), **(own if isinstance(own, dict) else {})}
    return {k: (v if k in ("example", "examples", "const", "enum", "default") else _inline(v, resolver, depth))
            for k, v in node.items()}


@dataclass(frozen=True)
class BodyOperation:
    op: Operation
    schema: JsonObject
    example: JsonValue
    secured: bool
    fill: dict[str, str] = field(default_factory=dict)
    valid_probe: bool = False
    success: tuple[int, ...] = ()


def _object(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def spec(contract: Contract, op: Operation) -> dict[str, object]:
    return contract.operation_object(op)


def secured(contract: Contract, op: Operation) -> bool:
    """Whether the operation needs a bearer token (the reading annex D's column shares)."""
    return bearer_only(spec(contract, op))


def success_statuses(contract: Contract, op: Operation) -> tuple[int, ...]:
    responses = _object(spec(contract, op).get("responses"))
    return tuple(sorted(int(k) for k in responses if k.isdigit() and k[0] == "2"))


def normative_operations(contract: Contract) -> list[Operation]:
    """The operations of the contract annex D defines: those the contract does not mark ``x-candidate`` (used only by
    annex C's candidate requirements), which a normative check taking every operation of a kind leaves out."""
    return [op for op in contract.operations if not candidate_only(spec(contract, op))]


def path_reads(contract: Contract) -> list[Operation]:
    """The read operations (``GET``) of annex D with one path parameter: those IF-ROB-003 generates values for, by
    the rule annex D's "Requirements" column reads too (:func:`conformance.area.path_read`)."""
    return [op for op in contract.operations if path_read(spec(contract, op), op.method, op.path)]


def probed_reads(contract: Contract) -> list[Operation]:
    """The reads (``GET``) of annex D IF-CON-001 may send a request, each of whose path parameters the contract gives a
    value for (``x-probe``, ``x-probe-missing``): by the rule annex D's "Requirements" column reads too
    (:func:`conformance.area.probed_read`), over the operation object with its parameters resolved, the path item's
    among them, as that column reads it (sixtieth reading: the prober read ``x-probe`` itself, a second coding)."""
    return [op for op in contract.operations
            if probed_read({**spec(contract, op), "parameters": contract.parameters(op)}, op.method, op.path)]


def body_operations(contract: Contract) -> list[BodyOperation]:
    """Every operation of annex D (:func:`normative_operations`) with a JSON request body and an example."""
    found = []
    for op in normative_operations(contract):
        media = example_body(spec(contract, op))
        if media is None:
            continue
        schema = inline(_json(media["schema"]), contract.schemas, contract.uri)
        if not isinstance(schema, dict):
            continue  # a boolean schema: nothing to break one rule of
        fill = _object(media.get("x-fill"))
        found.append(BodyOperation(
            op=op, schema=schema, example=_json(media["example"]), secured=secured(contract, op),
            fill={k: v for k, v in fill.items() if isinstance(v, str)},
            valid_probe=valid_probe(spec(contract, op)),
            success=success_statuses(contract, op),
        ))
    return found


def filled(example: JsonValue, fill: dict[str, str], values: dict[str, str]) -> JsonValue:
    """The example with each ``x-fill`` pointer set to its per-run value."""
    body = copy.deepcopy(example)
    for pointer, kind in fill.items():
        keys = [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("/").split("/")]
        target = body
        for key in keys[:-1]:
            target = _child(target, key)
        if kind not in values:
            continue
        if isinstance(target, list):
            target[int(keys[-1])] = values[kind]
        elif isinstance(target, dict):
            target[keys[-1]] = values[kind]
        else:
            raise TypeError(f"x-fill {pointer} passes through a {type(target).__name__}")
    return body


def _child(node: JsonValue, key: str) -> JsonValue:
    """The member or item ``key`` of ``node`` (an item's index written as digits)."""
    if isinstance(node, list) and key.isdigit():
        return node[int(key)]
    if isinstance(node, dict):
        return node[key]
    raise TypeError(f"a JSON pointer token {key!r} into a {type(node).__name__}")


def _json(value: object) -> JsonValue:
    """A value of the contract as JSON (the registry parses its YAML to JSON's types; a value of
    another type, a YAML date, is the contract's defect and refused here)."""
    if not _is_json(value):
        raise TypeError(f"the contract holds a {type(value).__name__} where JSON belongs")
    return value


def _is_json(value: object) -> TypeGuard[JsonValue]:
    """Whether ``value`` and all it holds are JSON's types (a schema's or an example's few nodes)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not all(isinstance(k, str) for k in node):
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif node is not None and not isinstance(node, str | int | float):
            return False
    return True


def path_values(asset_id: str, a_did: str, b_did: str) -> dict[str, str]:
    """What IF-ROB-001's step 2 fills paths and examples with: the probe asset's identifier, a path's ``{did}`` with
    identity A's DID (whose token goes with it: fifty-ninth reading d1, the profile set and the biometric enrolment
    went unprobed), and the ``x-fill`` kinds ``holder`` (A) and ``other-holder`` (B)."""
    return {"asset_id": asset_id, "did": a_did, "holder": a_did, "other-holder": b_did}


def fill_path(path: str, values: dict[str, str]) -> str | None:
    """The path with its template parameters filled (None when one has no value)."""
    for name in [p[1:-1] for p in _params(path)]:
        if name not in values:
            return None
        path = path.replace("{" + name + "}", quote(values[name], safe=""))
    return path


def _params(path: str) -> list[str]:
    import re

    return re.findall(r"\{[^}]+\}", path)


def request_record(method: str, path: str, body: bytes | None) -> JsonObject:
    """The exact request, for a finding (the token is never part of it)."""
    text = body.decode("utf-8", "replace") if body is not None else None
    return {"method": method, "path": path, "body": text if text is None or len(text) <= 2000 else text[:2000] + "…"}


def refusal_findings(response: Response, schemas: SchemaRegistry) -> list[str]:
    """How an answer to an invalid input departs from "a 4xx problem" (empty: it is one): a 4xx
    status, the problem media type and a body that is a problem (RFC 9457, as IF-ERR-001 holds it)."""
    if response.status >= 500:
        return [msg("interfaces.broke-on-invalid", status=response.status)]
    if response.status < 400:
        return [msg("interfaces.accepted-invalid", status=response.status)]
    if not response.media_type:
        return [msg("interfaces.refused-untyped", status=response.status)]
    if response.media_type != PROBLEM_MEDIA_TYPE:
        return [msg("interfaces.refused-not-problem", status=response.status, media_type=response.media_type)]
    try:
        found = problem_findings(response, schemas)
    except NonConformance as exc:
        return [msg("interfaces.refused-problem-unreadable", status=response.status, reason=reason(exc))]
    return [msg("interfaces.refused-problem-invalid", status=response.status, pointer=f.pointer or "/",
                problem=f.message) for f in found]
