"""The identity schemas and checks on their own: real documents pass, broken ones fail where
they should, and the reference resolver negotiates as the DID Resolution binding says."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conformance.areas.identity.didcore import data_model_findings
from conformance.reference import SAMPLES
from conformance.reference.identity import routes as identity
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "identity" / "fixtures"
DID = "https://metaverse-conformance.org/schemas/identity/did.json"
DID_DOCUMENT = "https://metaverse-conformance.org/schemas/identity/did-document.json"
SAMPLE_FILES = sorted((SAMPLES / "did_documents").glob("*.json"))
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _suite_module(relative: str):
    """A suite module, imported by path (the suites are not a package)."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(f"suite_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checks = _suite_module("suites/identity/test_did_documents.py")


def _pointers(catalog, instance, schema_id=DID_DOCUMENT) -> set[str]:
    """Where ID-DOC-001 finds problems: the schema's shape and, for DID documents, the
    verification material by type (conformance.areas.identity.didcore)."""
    if schema_id == DID_DOCUMENT:
        return {f.pointer for f in data_model_findings(instance, catalog.schemas)[0]}
    return {f.pointer for f in catalog.schemas.findings(instance, schema_id)}


@pytest.mark.parametrize(
    "did",
    [
        "did:key:z6MksZr5HP91WbEyz5pRB6aQxce4jhCUeGMuXUBuAqvngGog",
        "did:web:example.com",
        "did:web:example.com%3A8443:users:alice",
        "did:example:123:456",
        "did:ebsi:z25F87e2MyLKF7DViuHi5b4z",
        "did:example::trailing",
    ],
)
def test_dids_are_accepted(catalog, did):
    assert not catalog.schemas.findings(did, DID)
    assert identity.is_did(did)


@pytest.mark.parametrize(
    "not_a_did",
    [
        "",
        "did:",
        "did:example",
        "did:example:",
        "did:Example:123",
        "did:ex-ample:123",
        "DID:example:123",
        "did:example:12 3",
        "did:example:12%G3",
        "did:example:123/path",
        "did:example:123#fragment",
        "did:example:123\n",
        "https://example.com",
    ],
)
def test_non_dids_are_refused(catalog, not_a_did):
    assert catalog.schemas.findings(not_a_did, DID)
    assert not identity.is_did(not_a_did)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_samples_pass_every_document_check(catalog, path):
    document = _load(path)
    assert not catalog.schemas.findings(document, DID_DOCUMENT)
    assert not checks.private_key_material(document)
    assert checks.reference_problems(document)[0] == []


def test_samples_cover_both_representations():
    documents = [_load(p) for p in SAMPLE_FILES]
    assert any("@context" in d for d in documents), "a did+ld+json sample"
    assert any("@context" not in d for d in documents), "a did+json sample"
    assert {d["id"].split(":")[1] for d in documents} >= {"key", "web"}


def test_did_key_sample_is_a_real_ed25519_did_key():
    document = _load(SAMPLES / "did_documents" / "did-key-ed25519.json")
    multibase = document["id"].removeprefix("did:key:")
    assert multibase.startswith("z")  # base58btc
    number = 0
    for char in multibase[1:]:
        number = number * 58 + BASE58.index(char)
    decoded = number.to_bytes((number.bit_length() + 7) // 8, "big")
    assert decoded[:2] == b"\xed\x01" and len(decoded) == 34  # multicodec ed25519-pub + 32 bytes
    assert document["verificationMethod"][0]["publicKeyMultibase"] == multibase


def test_invalid_fixture_is_located_precisely(catalog):
    pointers = _pointers(catalog, _load(FIXTURES / "did-doc-invalid.json"))
    assert {"/@context/0", "/id", "/controller", "/verificationMethod/0", "/verificationMethod/0/id",
            "/verificationMethod/0/publicKeyMultibase", "/authentication", "/service/0",
            "/service/0/serviceEndpoint"} <= pointers


def test_private_jwk_is_refused_without_echoing_the_secret(catalog):
    document = _load(FIXTURES / "did-doc-private-jwk.json")
    secret = document["verificationMethod"][0]["publicKeyJwk"]["d"]
    findings = data_model_findings(document, catalog.schemas)[0]
    assert [f.pointer for f in findings] == ["/verificationMethod/0/publicKeyJwk/d"]
    assert all(secret not in f.message for f in findings)
    assert [(f.pointer, f.message) for f in checks.private_key_material(document)] == [
        ("/verificationMethod/0/publicKeyJwk/d", "JWK (kty OKP) has private member 'd'")
    ]


def test_private_keys_outside_the_schema_are_found(catalog):
    document = _load(FIXTURES / "did-doc-private-key-extension.json")
    assert not catalog.schemas.findings(document, DID_DOCUMENT)  # only ID-DOC-002 sees them
    assert {f.pointer for f in checks.private_key_material(document)} == {
        "/verificationMethod/0/privateKeyMultibase", "/recovery/backupKey/d",
    }


def test_dangling_and_duplicate_references_are_found(catalog):
    dangling = _load(FIXTURES / "did-doc-dangling-reference.json")
    duplicate = _load(FIXTURES / "did-doc-duplicate-method-id.json")
    for document in (dangling, duplicate):
        assert not catalog.schemas.findings(document, DID_DOCUMENT)  # only ID-DOC-003 sees them
    assert [p for p, _ in checks.reference_problems(dangling)[0]] == ["/authentication/1", "/assertionMethod/0"]
    assert [p for p, _ in checks.reference_problems(duplicate)[0]] == ["/verificationMethod/1/id"]


def test_references_to_other_dids_are_reported_not_judged():
    document = _load(SAMPLES / "did_documents" / "did-web-user-plain-json.json")
    findings, external = checks.reference_problems(document)
    assert findings == [] and external == ["did:web:identity.example.com#key-1"]


@pytest.mark.parametrize(
    ("accept", "offers", "chosen"),
    [
        (None, [identity.DID_JSON, identity.DID_LD_JSON], identity.DID_JSON),
        ("*/*", [identity.DID_JSON, identity.DID_LD_JSON], identity.DID_JSON),
        ("application/did+ld+json", [identity.DID_JSON, identity.DID_LD_JSON], identity.DID_LD_JSON),
        ("application/did+json;q=0.5, application/did+ld+json", [identity.DID_JSON, identity.DID_LD_JSON],
         identity.DID_LD_JSON),
        ("application/*;q=0.2, application/did+json;q=0", [identity.DID_JSON, identity.DID_LD_JSON],
         identity.DID_LD_JSON),
        ("application/did+ld+json", [identity.DID_JSON], None),
        ("text/html", [identity.DID_JSON], None),
    ],
)
def test_reference_negotiates_did_representations(accept, offers, chosen):
    assert identity.negotiate(accept, offers) == chosen
