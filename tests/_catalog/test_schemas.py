"""The schema registry: by $id, offline, with ECMA-262 patterns and findings that locate."""

from __future__ import annotations

import pytest

from conformance._catalog.catalog import load_catalog
from conformance._catalog.schemas import ecma_regex
from conformance.errors import HarnessInputError

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
    assert findings and findings[0].extra["check"] == "pattern" and findings[0].rule is None
    # a caller whose requirement states the schema as a rule names it
    assert [f.rule for f in schemas.findings("did:web:example.com\n", DID, "R2")] == ["R2"]


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
    places = {(f.pointer, f.extra["check"]) for f in findings}
    assert ("/product/version", "type") in places
    assert ("/profiles", "minItems") in places


def test_harness_input_errors_say_where_as_a_json_path(schemas):
    with pytest.raises(HarnessInputError, match=r"^m\.yaml at \$\.profiles: \[\] should be non-empty"):
        schemas.require_valid(BAD_MANIFEST, MANIFEST, "m.yaml", "fix it")


def test_at_most_max_explained_violations_are_explained_then_one_says_more(schemas):
    # A hostile listing of many invalid items: explaining each would cost python-jsonschema
    # a long time and a report keeps about 20 findings per input anyway.
    from conformance._catalog.schemas import MAX_EXPLAINED

    listing = {"items": [{"bad": i} for i in range(500)]}
    found = list(schemas.iter_findings(listing, "https://metaverse-conformance.org/schemas/assets/asset-list.json"))
    assert len(found) == MAX_EXPLAINED + 1
    assert found[-1].extra["check"] == "more-violations"
    assert all(f.extra["check"] != "more-violations" and f.pointer.startswith("/items/") for f in found[:-1])


def test_several_missing_properties_of_one_object_are_one_finding(catalog) -> None:
    """An answer of `{}` where an asset was expected: one finding naming what is missing,
    not one per property; a single missing property keeps its own wording."""
    metadata = "https://metaverse-conformance.org/schemas/assets/asset-metadata.json"
    (finding,) = catalog.schemas.findings({}, metadata)
    assert finding.extra["check"] == "required" and finding.pointer == ""
    assert str(finding.message).startswith("7 required properties are missing: 'asset_id', 'asset_type'")
    from conformance.messages import localize

    assert localize(str(finding.message), finding.message.text(), "zh").startswith("缺少 7 个必需的属性")
    valid = catalog.schemas.get(metadata)  # one missing: the plain wording
    assert "required" in valid
    one = {k: "x" for k in valid["required"] if k != "rights"}
    assert any(str(f.message) == "'rights' is a required property" for f in catalog.schemas.findings(one, metadata))
