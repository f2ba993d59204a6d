"""Data Integrity JCS proofs on their own: both cryptosuites sign and verify; any change to
the document or the proof options breaks the signature."""

from __future__ import annotations

import pytest

from conformance.areas.identity import dataintegrity
from conformance.areas.identity import did as didlib
from conformance.areas.identity.registration import new_key

CREDENTIAL = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
              "issuer": "did:example:issuer", "credentialSubject": {"id": "did:example:1", "name": "Ada"}}


@pytest.mark.parametrize(("curve", "suite"), [("Ed25519", "eddsa-jcs-2022"), ("P-256", "ecdsa-jcs-2019")])
def test_sign_verify_and_tamper(curve, suite):
    key = new_key(curve)
    method = didlib.did_key(key.public_key()) + "#k"
    signed = dataintegrity.add_proof(CREDENTIAL, key, method, "2025-01-01T00:00:00Z")
    assert signed["proof"]["cryptosuite"] == suite

    def key_of(_method_id):
        return key.public_key()

    assert dataintegrity.verify_proof(signed, key_of) is None
    claim = {**signed, "credentialSubject": {"id": "did:example:1", "name": "Eve"}}
    assert dataintegrity.verify_proof(claim, key_of) == "the signature does not verify"
    option = {**signed, "proof": {**signed["proof"], "created": "2025-01-02T00:00:00Z"}}
    assert dataintegrity.verify_proof(option, key_of) == "the signature does not verify"
    other = new_key("P-256" if curve == "Ed25519" else "Ed25519")
    assert "needs a" in dataintegrity.verify_proof(signed, lambda _m: other.public_key())


def test_unusable_proofs_are_explained():
    assert dataintegrity.verify_proof({"a": 1}, lambda m: None).startswith("no proof")
    assert dataintegrity.verify_proof({"proof": {"type": "Ed25519Signature2020"}}, lambda m: None).startswith(
        "unsupported proof")
