"""An OpenAPI document of the catalog as one self-contained file.

A contract in the catalog reuses the catalog's JSON Schemas by their ``$id`` rather than
copying them, so a tool that reads it alone would have to fetch
https://metaverse-conformance.org/... . Bundled, every schema it references is a member of
``components/schemas`` (named after its ``$id``'s path) and every ``$ref`` is a local JSON
pointer: the document resolves offline, in any OpenAPI tool (Schemathesis, code generators,
viewers). The reference implementation serves its platform contract so at ``/openapi.json``.
"""

from __future__ import annotations

import copy
from typing import Protocol
from urllib.parse import urldefrag, urljoin, urlparse

from .._io.jsontypes import JsonObject, JsonValue


class SchemaSource(Protocol):
    def get(self, uri: str) -> JsonValue: ...


def component_name(uri: str) -> str:
    """``https://host/schemas/identity/did-document.json`` -> ``identity.did-document``
    (OpenAPI component names allow letters, digits, ``.``, ``-`` and ``_``)."""
    path = urlparse(uri).path.removeprefix("/schemas/")
    stem = path.rsplit(".", 1)[0] if path.endswith((".json", ".yaml")) else path
    return "".join(c if c.isalnum() or c in ".-_" else "." for c in stem.replace("/", "."))


def bundle_contract(schemas: SchemaSource, uri: str) -> JsonObject:
    """The contract at ``uri`` with every schema it reaches embedded and every reference local."""
    document = copy.deepcopy(schemas.get(uri))
    embedded: dict[str, str] = {}  # schema resource URI -> component name
    pending: list[str] = []

    def local(ref: str, base: str, prefix: str) -> str:
        target, fragment = urldefrag(urljoin(base, ref))
        if target in ("", urldefrag(base)[0]):  # a pointer into the same resource
            return prefix + fragment
        if target not in embedded:
            embedded[target] = component_name(target)
            pending.append(target)
        return f"#/components/schemas/{embedded[target]}{fragment}"

    def rewrite(node: JsonValue, base: str, prefix: str) -> JsonValue:
        if isinstance(node, dict):
            out: JsonObject = {k: rewrite(v, base, prefix) for k, v in node.items() if k not in ("$id", "$schema")}
            ref = node.get("$ref")
            if isinstance(ref, str):
                out["$ref"] = local(ref, base, prefix)
            return out
        if isinstance(node, list):
            return [rewrite(v, base, prefix) for v in node]
        return node

    bundled = rewrite(document, uri, "#")
    if not isinstance(bundled, dict):
        raise ValueError(f"the contract {uri} is not a JSON object")
    components = _member_object(_member_object(bundled, "components", uri), "schemas", uri)
    while pending:
        target = pending.pop()
        name = embedded[target]
        components[name] = rewrite(copy.deepcopy(schemas.get(target)), target, f"#/components/schemas/{name}")
    return bundled


def _member_object(parent: JsonObject, name: str, uri: str) -> JsonObject:
    """The object member ``name`` of ``parent``, added empty when absent."""
    member = parent.setdefault(name, {})
    if not isinstance(member, dict):
        raise ValueError(f"the contract {uri} has a member {name} that is not an object")
    return member


def unresolved_refs(document: JsonObject) -> list[str]:
    """Every ``$ref`` of ``document`` that is not a JSON pointer resolving inside it."""
    problems: list[str] = []

    def resolves(pointer: str) -> bool:
        node: JsonValue = document
        for part in pointer.lstrip("/").split("/") if pointer.strip("/") else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return False
        return True

    def walk(node: JsonValue) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not (ref.startswith("#") and resolves(ref[1:])):
                problems.append(ref)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return problems
