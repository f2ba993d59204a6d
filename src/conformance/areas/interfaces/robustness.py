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
from typing import Any
from urllib.parse import quote

from conformance import NonConformance, msg, reason
from conformance.area import SchemaRegistry

from .._shared.problems import PROBLEM_MEDIA_TYPE, problem_findings
from .openapi import Contract, Operation

JSON = "application/json"
MAX_DEPTH = 12


def inline(schema: Any, schemas: SchemaRegistry, base: str, depth: int = 0) -> Any:
    """``schema`` with every ``$ref`` replaced by what it points to (to ``MAX_DEPTH`` levels;
    deeper references are left as ``{}``, which accepts anything and mutates nothing)."""
    resolver = schemas.registry.resolver(base_uri=base)
    return _inline(schema, resolver, depth)


def _inline(node: Any, resolver: Any, depth: int) -> Any:
    if isinstance(node, list):
        return [_inline(item, resolver, depth) for item in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str):
        if depth >= MAX_DEPTH:
            return {}
        resolved = resolver.lookup(node["$ref"])
        rest = {k: v for k, v in node.items() if k != "$ref"}
        merged = {**_inline(resolved.contents, resolved.resolver, depth + 1), **_inline(rest, resolver, depth)}
        return merged
    return {k: (v if k in ("example", "examples", "const", "enum", "default") else _inline(v, resolver, depth))
            for k, v in node.items()}


@dataclass(frozen=True)
class BodyOperation:
    op: Operation
    schema: dict[str, Any]
    example: Any
    secured: bool
    fill: dict[str, str] = field(default_factory=dict)
    valid_probe: bool = False
    success: tuple[int, ...] = ()


def spec(contract: Contract, op: Operation) -> dict[str, Any]:
    spec_: dict[str, Any] = contract.document["paths"][op.path][op.method.lower()]
    return spec_


def secured(contract: Contract, op: Operation) -> bool:
    """Whether the operation needs a bearer token. OpenAPI lists alternatives; an empty one
    (``{}``) means anonymous access is allowed, so the operation is not secured."""
    alternatives = spec(contract, op).get("security", [])
    return bool(alternatives) and all(alternatives) and any("bearer" in a for a in alternatives)


def success_statuses(contract: Contract, op: Operation) -> tuple[int, ...]:
    return tuple(sorted(int(k) for k in spec(contract, op).get("responses", {}) if k.isdigit() and k[0] == "2"))


def body_operations(contract: Contract) -> list[BodyOperation]:
    """Every operation of the contract with a JSON request body and an example."""
    found = []
    for op in contract.operations:
        media = spec(contract, op).get("requestBody", {}).get("content", {}).get(JSON)
        if not media or "example" not in media or "schema" not in media:
            continue
        schema = inline(media["schema"], contract.schemas, contract.uri)
        found.append(BodyOperation(
            op=op, schema=schema, example=media["example"], secured=secured(contract, op),
            fill=dict(media.get("x-fill", {})), valid_probe=bool(spec(contract, op).get("x-valid-probe")),
            success=success_statuses(contract, op),
        ))
    return found


def filled(example: Any, fill: dict[str, str], values: dict[str, str]) -> Any:
    """The example with each ``x-fill`` pointer set to its per-run value."""
    body = copy.deepcopy(example)
    for pointer, kind in fill.items():
        keys: list[Any] = [t.replace("~1", "/").replace("~0", "~") for t in pointer.lstrip("/").split("/")]
        target = body
        for index, key in enumerate(keys):
            keys[index] = int(key) if isinstance(target, list) and key.isdigit() else key
            if index < len(keys) - 1:
                target = target[keys[index]]
        if kind in values:
            target[keys[-1]] = values[kind]
    return body


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


def request_record(method: str, path: str, body: bytes | None) -> dict[str, Any]:
    """The exact request, for a finding (the token is never part of it)."""
    text = body.decode("utf-8", "replace") if body is not None else None
    return {"method": method, "path": path, "body": text if text is None or len(text) <= 2000 else text[:2000] + "…"}


def refusal_findings(response: Any, schemas: SchemaRegistry) -> list[str]:
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
