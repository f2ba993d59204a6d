"""The schema registry: every JSON Schema of the catalog, served by its ``$id``.

Built on ``referencing`` so that ``$ref`` between schemas resolves by ``$id`` from what is
on disk. Nothing is ever fetched over the network: an unknown URI is an error.

python-jsonschema and ``referencing`` are imported only when they are needed: to
meta-validate a schema, or to explain a document the compiled validator
(:mod:`conformance._catalog.compiled`) rejects. Importing them costs ~60 ms, a fifth of a start that
validates one valid document (bench/startup.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache, cached_property, lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import orjson

from .._record.findings import Finding
from ..errors import CatalogError, HarnessInputError, Location
from ..messages import Message, msg
from .formats import format_checker
from .schemaerrors import error_message, error_order, input_fix, json_pointer, most_specific, shortened

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry, Resource

BASE_URI = "https://metaverse-conformance.org/schemas/"


@lru_cache(maxsize=1024)
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """Compile a JSON Schema pattern with ECMA-262's meaning of ``$``.

    In Python, ``$`` also matches before a trailing newline, so ``"did:web:x\\n"`` would
    pass ``^did:...$``; in ECMA-262 (which JSON Schema follows) it matches only at the end.
    Every ``$`` outside a character class and not escaped becomes ``\\Z``.
    """
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            out.append(r"\Z")
            continue
        out.append(char)
    return re.compile("".join(out))


def _pattern(validator: object, pattern: str, instance: object, schema: dict[str, object]) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator_class() -> Any:
    """Draft 2020-12 with ECMA-262's ``pattern`` (built on first use: see the module's doc)."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(Draft202012Validator, {"pattern": _pattern})


def _check_schema(schema: Mapping[str, object] | bool) -> None:
    """Meta-validate ``schema`` (raises jsonschema's SchemaError)."""
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)

#: How many violations of one schema in one instance are explained, one finding each.
MAX_EXPLAINED = 100


def _no_network(uri: str) -> Resource[Any]:
    # Called by referencing for any URI not in the registry: refuse instead of fetching.
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


#: The SHA-256 of each schema file that passed meta-validation in this process (an OpenAPI
#: contract's prefixed ``openapi:``): the same bytes pass again (a process that loads several
#: catalogs, or copies of one, checks each schema once; the check costs tens of milliseconds a
#: schema).
_META_VALID: set[str] = set()


#: In :attr:`SchemaRegistry._schemas`, an OpenAPI contract not parsed yet (its bytes wait in
#: ``_pending``): the place of its ``$id`` in the order of the documents is kept.
_PENDING: dict[str, Any] = {}


class SchemaRegistry:
    def __init__(self, schemas: dict[str, dict[str, object]], files: dict[str, Path] | None = None):
        self._schemas = schemas
        self.files = files or {}
        self._validators: dict[str, Draft202012Validator] = {}
        #: $id -> the bytes of an OpenAPI contract that passed its checks before (the catalog
        #: cache says so), parsed when first asked for: the interfaces contract is ~46 KB of
        #: YAML (~10 ms of a start) that a run of another area never reads.
        self._pending: dict[str, tuple[Path, bytes]] = {}
        #: the $ids :meth:`register` added (a kept catalog with any is not given again: held.py)
        self.registered: list[str] = []

    @classmethod
    def from_directory(cls, root: Path) -> SchemaRegistry:
        return cls.from_directories([root])

    @classmethod
    def from_directories(cls, roots: Iterable[Path],
                         checked_before: Callable[[Path, bytes], bool] | None = None) -> SchemaRegistry:
        """Every schema under these folders (the catalog's, then each plug-in catalog's),
        each meta-validated unless ``checked_before(path, its bytes)`` says these very bytes
        passed before (the catalog cache)."""
        registry = cls({})
        for root in roots:
            for path in sorted(root.rglob("*.json")):
                data = path.read_bytes()
                try:
                    contents = orjson.loads(data)
                except orjson.JSONDecodeError as exc:
                    raise CatalogError(str(path), f"not valid JSON: {exc}") from None
                sha256 = hashlib.sha256(data).hexdigest()
                check = (checked_before is None or not checked_before(path, data)) and sha256 not in _META_VALID
                registry._add(contents, path, str(path), check=check)
                if check:  # only what this process checked itself (never what a cache vouched for)
                    _META_VALID.add(sha256)
            for path in sorted(root.rglob("*.openapi.yaml")):
                document_id = BASE_URI + path.relative_to(root).as_posix()
                if document_id in registry:
                    raise CatalogError(str(path), f"duplicate $id {document_id} (also {registry.files[document_id]})")
                data = path.read_bytes()
                if checked_before is None or not checked_before(path, data):
                    # its component schemas meta-validated once per process, as the JSON schemas
                    # above (the reference server loads the contracts for every app it makes)
                    passed = "openapi:" + hashlib.sha256(data).hexdigest()
                    registry._schemas[document_id] = _load_openapi(path, data, check=passed not in _META_VALID)
                    _META_VALID.add(passed)
                else:  # these bytes parsed and passed before: parsed when a lookup needs them
                    registry._schemas[document_id] = _PENDING
                    registry._pending[document_id] = (path, data)
                registry.files[document_id] = path
        return registry

    def register(self, schema: object, source: str) -> str:
        """Add a schema that is not a file of the catalog (a plug-in adapter's configuration
        schema); returns its ``$id``. The same document registered again is a no-op."""
        schema_id = schema.get("$id") if isinstance(schema, dict) else None
        if schema_id in self._schemas and self.get(schema_id) == schema:
            return str(schema_id)
        self._add(schema, None, source)
        self.registered.append(str(schema_id))
        # Resolution and validators were built without it.
        self.__dict__.pop("registry", None)
        self._validators.clear()
        return str(schema_id)

    def _add(self, contents: object, path: Path | None, where: str, check: bool = True) -> None:
        if not isinstance(contents, dict) or not isinstance(schema_id := contents.get("$id"), str):
            raise CatalogError(where, "schema has no $id", "give it a stable $id")
        if schema_id in self._schemas:
            also = self.files.get(schema_id, "another schema")
            raise CatalogError(where, f"duplicate $id {schema_id} (also {also})")
        if check:
            from jsonschema.exceptions import SchemaError

            try:
                _check_schema(contents)
            except SchemaError as exc:
                raise CatalogError(where, f"invalid JSON Schema: {shortened(exc.message, 160)}") from None
        self._schemas[schema_id] = contents
        if path is not None:
            self.files[schema_id] = path

    def unresolved_refs(self) -> Iterator[tuple[str, str, str]]:
        """(schema $id, JSON pointer, $ref) for every ``$ref`` that does not resolve here."""
        from referencing.exceptions import Unresolvable

        for schema_id, schema in self._every():
            for base, pointer, ref in _refs(schema, schema_id, ()):
                try:
                    self.registry.resolver(base_uri=base).lookup(ref)
                except Unresolvable:
                    yield schema_id, pointer, ref

    @cached_property
    def registry(self) -> Registry[Any]:
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012

        resources = [(sid, DRAFT202012.create_resource(s)) for sid, s in self._every()]
        return Registry(retrieve=_no_network).with_resources(resources)  # type: ignore[call-arg]

    def ids(self) -> list[str]:
        return sorted(self._schemas)

    def __contains__(self, schema_id: object) -> bool:
        return schema_id in self._schemas

    def get(self, schema_id: str) -> dict[str, object]:
        try:
            found = self._schemas[schema_id]
        except KeyError:
            raise KeyError(f"no schema with $id {schema_id}") from None
        if found is _PENDING:
            path, data = self._pending.pop(schema_id)
            found = self._schemas[schema_id] = _load_openapi(path, data, check=False)
        return found

    def parsed(self) -> list[tuple[str, dict[str, object]]]:
        """($id, document) of the documents parsed so far (an OpenAPI contract no lookup
        asked for yet is not)."""
        return [(sid, d) for sid, d in self._schemas.items() if d is not _PENDING]

    def _every(self) -> list[tuple[str, dict[str, object]]]:
        """($id, document) of every document, in the order they were read."""
        return [(sid, self.get(sid)) for sid in list(self._schemas)]

    def validator(self, schema_id: str) -> Draft202012Validator:
        """A validator for a schema by $id, or for a schema inside a document by
        ``$id#/json/pointer`` (e.g. a response schema inside an OpenAPI contract)."""
        if schema_id not in self._validators:
            base, _, fragment = schema_id.partition("#")
            if not fragment:
                self._validators[schema_id] = _validator_class()(
                    self.get(base), registry=self.registry, format_checker=format_checker())
            else:
                # The pointer resolved once, here, as a `{"$ref": schema_id}` would resolve it
                # on every instance: walking the pointer through the contract was half of
                # python-jsonschema's time over a contract's response schemas (issue 77).
                resolved = self.registry.resolver().lookup(schema_id)
                self._validators[schema_id] = _validator_class()(
                    resolved.contents, registry=self.registry, format_checker=format_checker(),
                    _resolver=resolved.resolver)
        return self._validators[schema_id]

    def _errors(self, instance: object, schema_id: str, limit: int | None = None) -> Iterator[ValidationError]:
        """Each violation, the most specific error of each, in document order; with ``limit``,
        only the first ``limit`` + 1 that validation meets are collected and ordered."""
        errors = self.validator(schema_id).iter_errors(instance)
        for error in sorted(errors if limit is None else islice(errors, limit + 1), key=error_order):
            yield most_specific(error)

    def iter_findings(self, instance: object, schema_id: str, rule: str | None = None) -> Iterator[Finding]:
        """One finding per violation, located by JSON pointer. ``rule`` is the R-number of the
        caller's requirement rule the schema stands for (None: no rule states it); the schema
        keyword that failed is the finding's ``check`` (the report's Rule column names only a
        rule the text defines: issue 76, the thirty-sixth reading's a9).

        At most :data:`MAX_EXPLAINED` violations are explained, then one finding says more
        exist: a report keeps about 20 per input anyway, and explaining each of 180 000
        invalid list items took python-jsonschema most of a minute."""
        errors = list(islice(self._errors(instance, schema_id, MAX_EXPLAINED), MAX_EXPLAINED + 1))
        # Several required properties missing from one object (an answer of `{}`) are one
        # finding naming them all: seven "is a required property" lines bury the cause.
        missing: dict[str, list[Message]] = {}
        for error in errors[:MAX_EXPLAINED]:
            if error.validator == "required":
                missing.setdefault(json_pointer(error.absolute_path), []).append(error_message(error))
        grouped = {pointer for pointer, names in missing.items() if len(names) > 1}
        for error in errors[:MAX_EXPLAINED]:
            pointer = json_pointer(error.absolute_path)
            if error.validator == "required" and pointer in grouped:
                names = missing.pop(pointer, None)
                if names is not None:  # the first of them: one finding for all
                    properties = ", ".join(str(n.args.get("property", n)) for n in names)
                    yield Finding(msg("schema.required-several", count=len(names), properties=properties),
                                  pointer=pointer, rule=rule, extra={"check": "required"})
                continue
            yield Finding(error_message(error), pointer=pointer, rule=rule, extra={"check": str(error.validator)})
        if len(errors) > MAX_EXPLAINED:
            yield Finding(msg("schema.more-violations", limit=MAX_EXPLAINED), pointer="", rule=rule,
                          extra={"check": "more-violations"})

    def findings(self, instance: object, schema_id: str, rule: str | None = None) -> list[Finding]:
        """Every violation (``rule``: as :meth:`iter_findings`). A compiled validator decides first,
        so only an instance it rejects pays for python-jsonschema's explanation
        (:mod:`conformance._catalog.compiled`)."""
        from .compiled import compiled

        return compiled(self).findings(instance, schema_id, rule)

    def require_valid(self, instance: object, schema_id: str, where: str | Location, fix: str) -> None:
        """Check harness input (manifest, profile...): raise one clear line on the first error,
        located at its path within ``where`` (a file, or a place in one whose path the error's
        continues; said as JSONPath: what a user of YAML reads best). The compiled validator
        decides first; python-jsonschema words what it rejects (or cannot decide)."""
        from .compiled import compiled

        if compiled(self).decide(instance, schema_id):
            return
        file, prefix = (where.file, where.path or ()) if isinstance(where, Location) else (where, ())
        for error in self._errors(instance, schema_id):
            raise HarnessInputError.at(file, (*prefix, *error.absolute_path), shortened(error_message(error)),
                                       input_fix(error, fix))


def show_command(schema_id: str) -> str:
    """The command that prints a schema of this catalog: its $id after the catalog's base and
    without ``.json`` (``conformance show manifest/target-file``), which ``conformance show``
    takes as it takes the whole $id."""
    short = schema_id.removeprefix(BASE_URI).removesuffix(".json") if schema_id.startswith(BASE_URI) else schema_id
    return f"conformance show {'manifest' if short == 'manifest/manifest' else short}"


def _load_openapi(path: Path, data: bytes | None = None, check: bool = True) -> dict[str, object]:
    """An OpenAPI 3.1 contract: its schemas are JSON Schema 2020-12, served from the registry
    under the contract's own URI so that ``#/components/schemas/...`` references resolve."""
    import yaml

    from .._io.yamlload import parse_kept

    try:  # libyaml where it is installed, once per process: the pure-Python parser takes half a second here
        document = parse_kept(path.read_bytes() if data is None else data, walk=False)  # the catalog's own
    except yaml.YAMLError as exc:
        raise CatalogError(str(path), f"not valid YAML: {exc}") from None
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3.1"):
        raise CatalogError(str(path), "not an OpenAPI 3.1 document", "set openapi: 3.1.0")
    for name, schema in document.get("components", {}).get("schemas", {}).items() if check else ():
        from jsonschema.exceptions import SchemaError

        try:
            _check_schema(schema)
        except SchemaError as exc:
            raise CatalogError(f"{path} at components.schemas.{name}", f"invalid schema: {exc.message}") from None
    return document


def _refs(node: object, base: str, path: tuple[str, ...]) -> Iterator[tuple[str, str, str]]:
    """(base URI, JSON pointer, $ref) of every ``$ref`` in a document; a nested ``$id`` moves the base."""
    if isinstance(node, dict):
        if isinstance(node.get("$id"), str):
            base = urljoin(base, node["$id"])
        if isinstance(node.get("$ref"), str):
            yield base, json_pointer(path), node["$ref"]
        for key, value in node.items():
            yield from _refs(value, base, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _refs(value, base, (*path, str(index)))
