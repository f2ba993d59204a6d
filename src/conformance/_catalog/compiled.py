"""Compiled JSON Schema validators for the hot paths: record after record of an export,
answer after answer of an HTTP run.

python-jsonschema (:mod:`conformance._catalog.schemas`) stays the judge of record: it says where a
document breaks a schema and which rule (the finding's pointer and keyword). It costs
about 200 µs for a small record; jsonschema-rs, compiled once per schema, decides
valid/invalid in a few µs. So every record goes through the compiled validator, and only
a record it rejects is validated again by python-jsonschema to produce the findings: the
slow path is paid for failures only.

The two must agree on every decision. What could make them differ is pinned down here:
formats (the compiled validator calls the very functions of ``formats.FORMATS``,
and every other format the catalog names is not checked, as python-jsonschema's explicit
checker does not check it) and ``$`` in patterns (Rust's ``$`` matches only at the end of
the text, which is ECMA-262's meaning that :func:`conformance._catalog.schemas.ecma_regex` gives
Python). tests/_catalog/test_compiled.py checks identical decisions over the known-bad fixtures,
the samples and the public corpora. Anything the compiled validator cannot take (a schema
it cannot build, a value it cannot convert) goes to python-jsonschema alone.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol
from urllib.parse import quote

from .._record.findings import Finding
from .formats import FORMATS


class SchemaRegistry(Protocol):
    """What the compiled validators need of the schema registry (:class:`conformance._catalog.schemas.SchemaRegistry`,
    which imports this module: a protocol keeps the two from importing each other)."""

    def ids(self) -> Iterable[str]: ...

    def __contains__(self, schema_id: object) -> bool: ...

    def parsed(self) -> Iterable[tuple[str, dict[str, object]]]: ...

    def get(self, schema_id: str) -> object: ...

    def iter_findings(self, instance: object, schema_id: str, rule: str | None = None) -> Iterator[Finding]: ...

_UNBUILT = object()
#: The formats JSON Schema 2020-12 defines (7.3), which jsonschema-rs checks by itself: each
#: is given the harness's function or none, as python-jsonschema's explicit checker does,
#: also in a document parsed after the compiled registry was built (whose names
#: ``_formats`` did not see). A format beyond these that jsonschema-rs might check itself
#: could only make it reject what python-jsonschema then finds valid: no finding either way.
SPEC_FORMATS = frozenset({
    "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
    "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template", "json-pointer",
    "relative-json-pointer", "regex"})


def _formats(node: object) -> Iterator[str]:
    """Every ``format`` value a schema document names."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("format"), str):
                yield item["format"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _format_function(name: str) -> Callable[[object], bool]:
    return FORMATS.get(name, lambda value: True)  # python-jsonschema's explicit checker does not check it either


class CompiledSchemas:
    """Compiled validators of one schema registry, built on first use per schema ``$id``
    (or ``$id#/pointer`` into a document, e.g. a response schema of the OpenAPI contract)."""

    def __init__(self, schemas: SchemaRegistry) -> None:
        self.schemas = schemas
        self._validators: dict[str, object] = {}
        self._registry: object = None
        self._known: frozenset[str] = frozenset()
        self._formats: dict[str, Callable[[object], bool]] = {}

    def _rs_registry(self) -> Any:
        import jsonschema_rs

        ids = frozenset(self.schemas.ids())
        if self._registry is None or ids != self._known:
            # The documents parsed so far; one not parsed yet (an OpenAPI contract) is parsed
            # when a reference reaches it (the retriever: only $ids of the registry).
            documents = sorted(self.schemas.parsed())
            self._registry = jsonschema_rs.Registry(resources=documents, retriever=self._retrieve)
            self._known = ids
            names = {name for _, document in documents for name in _formats(document)} | SPEC_FORMATS
            self._formats = {name: _format_function(name) for name in names}
        return self._registry

    def _retrieve(self, uri: str) -> Any:
        base = uri.partition("#")[0]
        if base not in self.schemas:
            raise ValueError(f"no schema with $id {base}")  # never fetched: the build fails, python-jsonschema judges
        return self.schemas.get(base)

    def validator(self, schema_id: str) -> Any:
        """The compiled validator, or None when jsonschema-rs cannot build one."""
        found = self._validators.get(schema_id, _UNBUILT)
        if found is _UNBUILT:
            try:
                import jsonschema_rs

                registry = self._rs_registry()
                # A JSON pointer in a URI fragment is percent-encoded (RFC 6901, 6): a path
                # template's braces (/paths/~1assets~1{asset_id}) are not URI characters.
                base, hash_sign, fragment = schema_id.partition("#")
                ref = base + hash_sign + quote(fragment, safe="/~!$&'()*+,;=:@-._")
                found = jsonschema_rs.validator_for(
                    {"$ref": ref}, registry=registry, validate_formats=True, formats=self._formats)
            except Exception:  # noqa: BLE001 - any failure to compile means: judge with python-jsonschema
                found = None
            self._validators[schema_id] = found
        return found

    def is_valid(self, instance: object, schema_id: str) -> bool | None:
        """True or False as the compiled validator decides; None when it cannot say."""
        validator = self.validator(schema_id)
        if validator is None:
            return None
        try:
            return bool(validator.is_valid(instance))
        except Exception:  # noqa: BLE001 - e.g. an integer beyond 64 bits, a value nested too deep
            return None

    def decide(self, instance: object, schema_id: str) -> bool | None:
        """:meth:`is_valid`, from the first instance of a schema. (Compiling was once held
        back for the first few instances; but jsonschema-rs imports in a few ms and builds a
        registry of the whole catalog and a validator in ~6 ms, while python-jsonschema with
        ``referencing`` costs ~60 ms of a process's start to import: a run that only meets
        valid documents, a DID document's, never imports it. bench/startup.py.)"""
        return self.is_valid(instance, schema_id)

    def findings(self, instance: object, schema_id: str, rule: str | None = None) -> list[Finding]:
        """What python-jsonschema says, computed only when the compiled validator rejects
        the instance (or cannot decide); ``rule``: the caller's R-number (SchemaRegistry.iter_findings)."""
        if self.decide(instance, schema_id):
            return []
        return list(self.schemas.iter_findings(instance, schema_id, rule))


_BY_REGISTRY: weakref.WeakKeyDictionary[SchemaRegistry, CompiledSchemas] = weakref.WeakKeyDictionary()


def compiled(schemas: SchemaRegistry) -> CompiledSchemas:
    """The compiled validators of a registry, one set per registry (they live as long as it)."""
    found = _BY_REGISTRY.get(schemas)
    if found is None:
        found = _BY_REGISTRY[schemas] = CompiledSchemas(schemas)
    return found
