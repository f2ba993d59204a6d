"""The compiled validators (jsonschema-rs) decide exactly as python-jsonschema does.

Checked over every JSON document the project holds that a schema judges or could be
handed: the known-bad fixtures of every area, the reference samples, the examples, the
public corpora (tests/corpora), every line of the NDJSON exports and captures, and the
contract's request examples with each of their mutations, each against every schema of
the catalog and every request and response schema of the OpenAPI contract."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from conformance import load_catalog
from conformance._catalog.compiled import CompiledSchemas, compiled
from conformance.areas.interfaces.mutations import mutations
from conformance.areas.interfaces.openapi import Contract, escape
from conformance.areas.interfaces.robustness import body_operations
from conformance.reference import SAMPLES
from tests.paths import ROOT

FOLDERS = [*sorted((ROOT / "suites").glob("*/fixtures")), SAMPLES, ROOT / "examples", ROOT / "tests" / "corpora"]
LINES_PER_FILE = 50


def _documents() -> Iterator[tuple[str, Any]]:
    for folder in FOLDERS:
        for path in sorted(folder.rglob("*.json")):
            try:
                yield str(path.relative_to(ROOT)), orjson.loads(path.read_bytes())
            except orjson.JSONDecodeError:
                continue  # not JSON: the parser's business, not a schema's
        for path in sorted(folder.rglob("*.ndjson")):
            with path.open("rb") as stream:
                for number, line in enumerate(stream, 1):
                    if number > LINES_PER_FILE:
                        break
                    try:
                        yield f"{path.relative_to(ROOT)}:{number}", orjson.loads(line)
                    except orjson.JSONDecodeError:
                        continue


def _value(document: Any) -> Any:
    """A key equal for two documents exactly when they are the same JSON value, whatever their
    members' order: each scalar with its type (1, 1.0 and True stay apart, and NaN is not null)."""
    if isinstance(document, dict):
        return ("object", tuple(sorted((repr(key), _value(item)) for key, item in document.items())))
    if isinstance(document, list):
        return ("array", tuple(_value(item) for item in document))
    return (type(document).__name__, repr(document))


def _distinct(documents: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Each JSON value once, under the first name it came with: about half the documents repeat
    another (a fixture copied into a sample, an export's lines, a mutation that gives the example
    back), and a value judged twice by both validators decides nothing new (issue 77: half the
    test's 20 s)."""
    seen: dict[Any, tuple[str, Any]] = {}
    for name, document in documents:
        seen.setdefault(_value(document), (name, document))
    return list(seen.values())


def _contract_schemas(contract: Contract) -> Iterator[str]:
    for op in contract.operations:
        spec = contract.document["paths"][op.path][op.method.lower()]
        for media, content in spec.get("requestBody", {}).get("content", {}).items():
            if "schema" in content:
                yield f"{contract.uri}#{op.pointer}/requestBody/content/{escape(media)}/schema"
        for status, answer in spec.get("responses", {}).items():
            answer, pointer = contract._resolve(answer, f"{op.pointer}/responses/{escape(status)}")
            for media, content in (answer.get("content") or {}).items():
                if "schema" in content:
                    yield f"{contract.uri}#{pointer}/content/{escape(media)}/schema"


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract(load_catalog().schemas)


def test_every_schema_compiles(contract):
    fast = compiled(contract.schemas)
    ids = [i for i in contract.schemas.ids() if i != contract.uri] + sorted(set(_contract_schemas(contract)))
    assert [i for i in ids if fast.validator(i) is None] == []


@pytest.mark.slow
def test_compiled_and_python_jsonschema_decide_alike(contract):
    schemas = contract.schemas
    fast = compiled(schemas)
    ids = [i for i in schemas.ids() if i != contract.uri] + sorted(set(_contract_schemas(contract)))
    documents = list(_documents())
    for bop in body_operations(contract):
        documents.append((f"{bop.op.operation_id} example", bop.example))
        documents.extend((f"{bop.op.operation_id}: {m.description}", m.body)
                         for m in mutations(bop.example, bop.schema) if m.raw is None)
    assert len(documents) > 400
    documents = _distinct(documents)
    disagreements, invalid = [], 0
    for schema_id in ids:
        reference = schemas.validator(schema_id)
        for name, document in documents:
            expected = reference.is_valid(document)
            invalid += not expected
            if fast.is_valid(document, schema_id) is not expected:
                disagreements.append((schema_id, name, expected))
    assert invalid > 1000  # the comparison covers rejections, not only acceptances
    assert disagreements == []


def test_findings_come_from_python_jsonschema_only_on_failure(contract):
    event_schema = "https://metaverse-conformance.org/schemas/assets/lifecycle-event.json"
    fast = compiled(contract.schemas)
    good = {"type": "issue", "asset_id": "a-1", "from": None, "to": "did:web:a.example",
            "time": "2024-05-01t10:00:00z", "actor": "did:web:a.example", "prev_hash": None}
    bad = {**good, "asset_id": "a-1\n"}
    assert fast.decide(good, event_schema) is True  # compiled from the first instance
    assert fast.decide(bad, event_schema) is False
    assert fast.findings(good, event_schema) == []
    [finding] = fast.findings(bad, event_schema)
    assert finding.pointer == "/asset_id" and finding.extra["check"] == "pattern"
    assert fast.is_valid(2**80, event_schema) in (False, None)


def test_a_large_instance_is_decided_by_the_compiled_validator(contract):
    # A listing of thousands of valid items: python-jsonschema alone walked every one of them.
    listing_schema = "https://metaverse-conformance.org/schemas/assets/asset-list.json"
    fast = CompiledSchemas(contract.schemas)
    large = {"items": [{"asset_id": f"asset-{i}"} for i in range(300)]}
    assert fast.decide(large, listing_schema) is True
    [first, *_] = fast.findings({"items": [*large["items"], {"asset_id": 7}]}, listing_schema)
    assert first.pointer == "/items/300/asset_id"


def test_harness_input_is_decided_compiled_and_explained_by_python_jsonschema(contract):
    """require_valid: a valid manifest passes on the compiled decision; an invalid one is
    worded by python-jsonschema (one line, located as a JSONPath), as before."""
    from conformance._catalog.catalog import MANIFEST_SCHEMA
    from conformance.errors import HarnessInputError

    schemas = contract.schemas
    manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-document"],
                "targets": {"documents": {"adapter": "file", "paths": ["a.json"]}}}
    assert compiled(schemas).decide(manifest, MANIFEST_SCHEMA) is True
    schemas.require_valid(manifest, MANIFEST_SCHEMA, "m.yaml", "fix")
    with pytest.raises(HarnessInputError) as caught:
        schemas.require_valid({**manifest, "profiles": "identity-document"}, MANIFEST_SCHEMA, "m.yaml", "fix")
    assert "m.yaml at $.profiles" in str(caught.value)


def test_an_openapi_contract_the_cache_vouches_for_is_parsed_only_when_reached():
    """A start whose catalog cache says the contract's bytes passed before does not parse it
    (a DID-document run never reads it); the compiled validator reaches it through the
    registry's retriever, python-jsonschema through get()."""
    from conformance._catalog.catalog import default_root
    from conformance._catalog.schemas import SchemaRegistry

    folder = default_root() / "schemas"
    uri = "https://metaverse-conformance.org/schemas/interfaces/platform.openapi.yaml"
    eager = SchemaRegistry.from_directories([folder])  # no cache: parsed and checked at once
    assert eager.parsed() and uri in dict(eager.parsed())
    lazy = SchemaRegistry.from_directories([folder], lambda path, data: True)
    assert uri in lazy and uri not in dict(lazy.parsed())
    fast = CompiledSchemas(lazy)
    assert fast.validator("https://metaverse-conformance.org/schemas/identity/did-document.json") is not None
    assert uri not in dict(lazy.parsed())  # another schema compiled: the contract still unread
    contract = Contract(eager)
    op = contract.operations[0]
    pointer = f"{uri}#{op.pointer}"
    assert fast.validator(pointer) is not None  # reached through the retriever
    assert uri in dict(lazy.parsed()) and lazy.get(uri) == eager.get(uri)


def test_a_schema_inside_a_contract_is_looked_up_once_not_per_instance(contract):
    """A validator for ``$id#/pointer`` validates the schema found there (the pointer walked
    when the validator is made), not a ``{"$ref": ...}`` walked again for every instance."""
    [schema_id, *_] = sorted(set(_contract_schemas(contract)))
    base, _, pointer = schema_id.partition("#")
    found = contract.schemas.get(base)
    for part in pointer.lstrip("/").split("/"):
        found = found[part.replace("~1", "/").replace("~0", "~")]
    assert contract.schemas.validator(schema_id).schema is found
