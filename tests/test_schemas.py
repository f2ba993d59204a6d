"""The schema registry: by $id, offline, with ECMA-262 patterns and findings that locate."""

from __future__ import annotations

import pytest

from conformance.catalog import load_catalog
from conformance.errors import HarnessInputError
from conformance.schemas import ecma_regex

DID = "https://metaverse-conformance.org/schemas/identity/did.json"


@pytest.fixture(scope="module")
def schemas():
    return load_catalog().schemas


def test_every_schema_is_served_by_its_id(schemas):
    for schema_id in schemas.ids():
        if schema_id.endswith(".openapi.yaml"):  # a contract, served under its file's URI
            continue
        assert schemas.get(schema_id)["$id"] == schema_id
        assert schemas.get(schema_id)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_dollar_means_end_of_input_as_in_ecma_262(schemas):
    assert schemas.findings("did:web:example.com", DID) == []
    findings = schemas.findings("did:web:example.com\n", DID)
    assert findings and findings[0].rule == "pattern"


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("^a$", "a", True), ("^a$", "a\n", False), (r"^a\$$", "a$", True),
        ("^[$]$", "$", True), ("^[$]$", "$\n", False), ("^a(b|$)", "a", True),
    ],
)
def test_ecma_regex(pattern, text, matches):
    assert bool(ecma_regex(pattern).search(text)) is matches


MANIFEST = "https://metaverse-conformance.org/schemas/manifest/manifest.json"
BAD_MANIFEST = {"product": {"name": "x", "version": 3}, "profiles": [], "targets": {}}


def test_findings_carry_pointer_and_keyword(schemas):
    findings = schemas.findings(BAD_MANIFEST, MANIFEST)
    places = {(f.pointer, f.rule) for f in findings}
    assert ("/product/version", "type") in places
    assert ("/profiles", "minItems") in places


def test_harness_input_errors_say_where_as_a_json_path(schemas):
    with pytest.raises(HarnessInputError, match=r"^m\.yaml at \$\.profiles: \[\] should be non-empty"):
        schemas.require_valid(BAD_MANIFEST, MANIFEST, "m.yaml", "fix it")
