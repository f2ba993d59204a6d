"""The reference resolver and the DID resolution result schema on their own."""

from __future__ import annotations

import json

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from conformance.adapters.deadline import verifying_context
from conformance.areas.identity import did as didlib
from conformance.reference import SAMPLES
from tests.paths import ROOT

RESULT = "https://metaverse-conformance.org/schemas/identity/did-resolution-result.json"
DID_URL = "https://metaverse-conformance.org/schemas/identity/did-url.json"
KNOWN = "did:web:identity.example.com"


@pytest.fixture(scope="module")
def client(reference_url):
    with httpx.Client(verify=verifying_context(), base_url=reference_url) as http:
        yield http


def test_p256_did_key_sample_is_real():
    document = json.loads((SAMPLES / "did_documents" / "did-key-p256.json").read_text(encoding="utf-8"))
    multibase = document["id"].removeprefix("did:key:")
    assert multibase.startswith("zDn")  # p256-pub multicodec, base58btc
    key = didlib.key_from_multibase(multibase)
    assert isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1"


@pytest.mark.parametrize("curve", ["Ed25519", "P-256"])
def test_keys_round_trip_and_verify(curve):
    private = ed25519.Ed25519PrivateKey.generate() if curve == "Ed25519" else ec.generate_private_key(ec.SECP256R1())
    public = private.public_key()
    for decoded in (didlib.key_from_multibase(didlib.multikey(public)), didlib.key_from_jwk(didlib.public_jwk(public))):
        signature = didlib.sign(private, b"challenge")
        assert didlib.verify(decoded, signature, b"challenge")
        assert not didlib.verify(decoded, signature, b"challengf")


def test_generated_did_key_resolves_to_its_key(client):
    public = ec.generate_private_key(ec.SECP256R1()).public_key()
    did = didlib.did_key(public)
    response = client.get(f"/1.0/identifiers/{did}", headers={"Accept": "application/did-resolution"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/did-resolution")
    result = response.json()
    method = result["didDocument"]["verificationMethod"][0]
    assert didlib.key_of_method(method).public_numbers() == public.public_numbers()


@pytest.mark.parametrize(
    ("did", "accept", "status"),
    [
        ("did:nosuchmethod:1", "application/did+json", 501),
        ("did:key:zNotAKey", "application/did+json", 400),
        ("did:web:unknown.invalid", "application/did+json", 404),
        (KNOWN, "image/png", 406),
        (KNOWN, "application/did+ld+json", 200),
    ],
)
def test_reference_status_mapping(client, did, accept, status):
    assert client.get(f"/1.0/identifiers/{did}", headers={"Accept": accept}).status_code == status


def test_resolution_result_schema(catalog, client):
    result = client.get(f"/1.0/identifiers/{KNOWN}", headers={"Accept": "application/did-resolution"}).json()
    assert not catalog.schemas.findings(result, RESULT)
    broken = {**result, "didDocumentMetadata": {"deactivated": "true", "created": "2024-01-01T00:00:00.5+08:00"}}
    assert {f.pointer for f in catalog.schemas.findings(broken, RESULT)} == {
        "/didDocumentMetadata/deactivated", "/didDocumentMetadata/created"}
    failed = {"didDocument": result["didDocument"], "didResolutionMetadata": {"error": "notFound"},
              "didDocumentMetadata": {}}
    assert {f.pointer for f in catalog.schemas.findings(failed, RESULT)} == {"/didDocument"}
    assert catalog.schemas.findings({"didDocument": result["didDocument"], "didResolutionMetadata": {},
                                     "didDocumentMetadata": {}}, RESULT)  # contentType missing


@pytest.mark.parametrize(("value", "valid"), [
    ("did:example:123/path?query=1#frag", True), ("did:example:123#key-1", True),
    ("did:example:123#a b", False), ("did:Example:1#x", False), ("#key-1", False),
])
def test_did_url_schema(catalog, value, valid):
    assert (not catalog.schemas.findings(value, DID_URL)) is valid


def test_a_real_did_jwk_document_is_accepted(catalog):
    """did:jwk (the DID is the base64url of the JWK): another method's real document passes."""

    from conformance.areas.identity.privacy import private_key_material

    fixture = ROOT / "suites/identity/fixtures/real/did-jwk-p256.json"
    document = json.loads(fixture.read_text())
    encoded = document["id"].removeprefix("did:jwk:")
    assert json.loads(didlib.unb64url(encoded)) == document["verificationMethod"][0]["publicKeyJwk"]
    assert not catalog.schemas.findings(document, "https://metaverse-conformance.org/schemas/identity/did-document.json")
    assert not private_key_material(document)
