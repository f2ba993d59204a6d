"""The interface contract as one document that resolves offline: what the reference serves at
/openapi.json, and what a vendor points their own OpenAPI tools (Schemathesis) at."""

from __future__ import annotations

import os
import shutil
import subprocess

import httpx
import pytest
from jsonschema import Draft202012Validator

from conformance._catalog.bundle import bundle_contract, component_name, unresolved_refs
from conformance._catalog.catalog import Catalog
from conformance.adapters.deadline import verifying_context
from conformance.areas.interfaces.openapi import CONTRACT


def test_the_shipped_contract_references_schemas_by_id(catalog: Catalog) -> None:
    """What bundling is for: alone, the contract names schemas a tool would have to fetch."""
    remote = unresolved_refs(catalog.schemas.get(CONTRACT))
    assert remote and all(ref.startswith("https://metaverse-conformance.org/schemas/") for ref in remote)


def test_bundled_every_reference_resolves_inside_the_document(catalog: Catalog) -> None:
    bundled = bundle_contract(catalog.schemas, CONTRACT)
    assert unresolved_refs(bundled) == []
    schemas = bundled["components"]["schemas"]
    assert {"identity.did-document", "assets.asset-metadata", "interfaces.problem-details"} <= set(schemas)
    for name, schema in schemas.items():
        Draft202012Validator.check_schema(schema)
        assert "$id" not in schema, name  # a pointer inside it is relative to the document now


def test_a_broken_pointer_is_reported() -> None:
    document = {"components": {"schemas": {"a": {"type": "string"}}},
                "paths": {"/x": {"get": {"responses": {"200": {"$ref": "#/components/schemas/b"}}}}}}
    assert unresolved_refs(document) == ["#/components/schemas/b"]
    assert component_name("https://h/schemas/identity/did-document.json") == "identity.did-document"


def test_the_reference_serves_the_bundled_contract(catalog: Catalog, reference_url: str) -> None:
    served = httpx.get(reference_url + "/openapi.json", verify=verifying_context()).json()
    assert served["servers"] == [{"url": reference_url}]
    assert {k: v for k, v in served.items() if k != "servers"} == bundle_contract(catalog.schemas, CONTRACT)


@pytest.mark.slow
def test_schemathesis_reads_the_served_contract_without_a_schema_error(reference_url: str) -> None:
    """Schemathesis is not a dependency of the harness: the test runs where it is installed
    (.ci/run installs it beside the test environment and names it in CONFORMANCE_SCHEMATHESIS)."""
    tool = os.environ.get("CONFORMANCE_SCHEMATHESIS") or shutil.which("schemathesis")
    if not tool:
        pytest.skip("Schemathesis is not installed (set CONFORMANCE_SCHEMATHESIS to its executable)")
    done = subprocess.run([tool, "run", reference_url + "/openapi.json", "--phases", "examples,coverage",
                           "--max-examples", "1", "--checks", "not_a_server_error", "--workers", "1"],
                          capture_output=True, text=True, timeout=600, env={**os.environ, "NO_COLOR": "1"})
    summary = done.stdout[done.stdout.find("SUMMARY"):]
    assert done.returncode == 0, summary
    for word in ("Schema Error", "Errored", "Unresolvable"):
        assert word not in summary, summary
