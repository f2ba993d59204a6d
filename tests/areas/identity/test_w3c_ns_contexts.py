"""The contexts W3C publishes under https://www.w3.org/ns/ that issuers and DID methods name
(issue 62): VC Data Model 2.0's ``undefined-terms/v2`` (section 5.2), Controlled Identifiers
``cid/v1`` and DID 1.1's ``did/v1.1`` are bundled, so documents naming them are decided offline:
signed here with a did:key (``cryptography``'s Ed25519 over the harness's own eddsa-rdfc-2022
hashing), each verifies, and a copy with one value changed does not."""

from __future__ import annotations

import copy
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from conformance.areas._shared import jsonld
from conformance.areas.identity import proofs
from conformance.areas.identity.vcmodel import document_findings, undefined_term_findings
from conformance.codecs.keys import base58_encode, did_key

V2 = "https://www.w3.org/ns/credentials/v2"
UNDEFINED_TERMS = "https://www.w3.org/ns/credentials/undefined-terms/v2"
DID_V11 = "https://www.w3.org/ns/did/v1.1"
CID_V1 = "https://www.w3.org/ns/cid/v1"
DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v2"

KEY = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([7]) * 32)
ISSUER = did_key(KEY.public_key())


def _credential() -> dict:
    """``favouriteColour`` and ``MembershipCredential`` are defined by no context but the
    undefined-terms one, which the issuer names last as VC Data Model 2.0 section 5.2 says."""
    return {"@context": [V2, UNDEFINED_TERMS], "type": ["VerifiableCredential", "MembershipCredential"],
            "issuer": ISSUER, "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:member", "favouriteColour": "green"}}


def _controller_document(context: list[str]) -> dict:
    return {"@context": context, "id": ISSUER, "verificationMethod": [
        {"id": f"{ISSUER}#{ISSUER[8:]}", "type": "Multikey", "controller": ISSUER,
         "publicKeyMultibase": ISSUER[8:]}], "assertionMethod": [f"{ISSUER}#{ISSUER[8:]}"]}


def _signed(document: dict) -> dict:
    proof = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "created": "2026-01-01T00:00:00Z",
             "verificationMethod": f"{ISSUER}#{ISSUER[8:]}", "proofPurpose": "assertionMethod"}
    data = proofs.hash_data(document, proof, hashlib.sha256)
    return {**document, "proof": {**proof, "proofValue": "z" + base58_encode(KEY.sign(data))}}


def _changed(document: dict) -> dict:
    changed = copy.deepcopy(document)
    if "credentialSubject" in changed:
        changed["credentialSubject"]["favouriteColour"] = "red"
    else:
        changed["alsoKnownAs"] = ["https://attacker.example/"]
    return changed


@pytest.mark.parametrize("document", [
    _credential(),
    _controller_document([DID_V11, DATA_INTEGRITY]),
    _controller_document([CID_V1, DATA_INTEGRITY]),
], ids=["undefined-terms-v2", "did-v1.1", "cid-v1"])
def test_a_document_naming_the_context_verifies_and_a_changed_copy_does_not(document):
    signed = _signed(document)
    assert proofs.verify(signed, proofs.offline_resolver({})) == (proofs.VERIFIED, "every proof verifies")
    outcome, why = proofs.verify(_changed(signed), proofs.offline_resolver({}))
    assert outcome == proofs.FAILED, why


def test_the_changed_term_is_signed_under_the_undefined_term_vocabulary():
    """The term the test changes is one only undefined-terms/v2 gives an IRI: without that
    context it would be dropped from what is signed, and the changed copy could not fail."""
    expanded = jsonld.expand(_credential())
    subject = expanded[0]["https://www.w3.org/2018/credentials#credentialSubject"][0]
    assert subject["https://www.w3.org/ns/credentials/undefined-term#favouriteColour"] == [{"@value": "green"}]


def test_a_credential_naming_undefined_terms_is_judged_not_left_undecided():
    found = [f for f in document_findings(_signed(_credential())) if f.rule in ("context-known", "jsonld-unprocessed")]
    assert found == [], [str(f.message) for f in found]


def test_a_term_defined_only_by_undefined_terms_is_still_called_undefined():
    """The context gives such terms an IRI, not a meaning: what the harness itself sends an
    issuer must define every term, and this one is caught."""
    terms = {str(f.message) for f in undefined_term_findings(_credential())}
    assert any("favouriteColour" in message for message in terms), terms
    assert any("MembershipCredential" in message for message in terms), terms


def test_did_v1_1_is_the_digest_did_1_1_pins_and_the_cid_context_byte_for_byte():
    """DID 1.1 ("Remote Resource Integrity") pins https://www.w3.org/ns/did/v1.1 to the digest
    of its v1.1rc1 context, which is the Controlled Identifiers v1 context."""
    pins = {entry["url"]: entry["sha256"] for entry in jsonld.listing()}
    assert pins[DID_V11] == pins[CID_V1] == "ea216ecc1cb02cd39b693dba2250141e270ba0bf95890be107dd9a9e8e43de85"
    assert jsonld.bundled()[DID_V11] == jsonld.bundled()[CID_V1]
