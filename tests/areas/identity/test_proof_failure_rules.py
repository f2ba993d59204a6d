"""A proof that does not verify names the rule of ID-VC-003 it breaks (issue 76, the thirty-seventh
reading's a4): its members or verificationMethod R4, a DID that does not resolve R3, otherwise by
its type (R1 Data Integrity, R2 a detached JWS, R5/R6 the BBS+ 2020 types). The known-bad cases
of ID-VC-003 cover each rule end to end (their `rule:` is the finding's)."""

from __future__ import annotations

import pytest

from conformance.areas.identity import proofs


@pytest.mark.parametrize(("proof", "rule"), [
    ({"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022"}, "R1"),
    ({"type": "Ed25519Signature2020"}, "R1"),
    ({"type": "EcdsaSecp256r1Signature2019", "proofValue": "z1"}, "R1"),
    ({"type": "EcdsaSecp256r1Signature2019", "jws": "a..b"}, "R2"),
    ({"type": "Ed25519Signature2018"}, "R2"),
    ({"type": "JsonWebSignature2020"}, "R2"),
    ({"type": "BbsBlsSignature2020"}, "R5"),
    ({"type": "BbsBlsSignatureProof2020"}, "R6"),
])
def test_a_proof_that_does_not_verify_breaks_the_rule_of_its_type(proof, rule):
    assert proofs.type_rule(proof) == rule


def test_a_proof_without_its_members_breaks_r4_whatever_its_type():
    document = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                "proof": {"type": "Ed25519Signature2018", "verificationMethod": "did:example:a#k"}}
    outcome, _, rule = proofs.verify_ruled(document, proofs.offline_resolver())
    assert (outcome, rule) == (proofs.FAILED, "R4")
    assert proofs.verify(document, proofs.offline_resolver())[0] == proofs.FAILED  # the two-member answer stays


def test_a_document_without_a_proof_names_no_rule():
    assert proofs.verify_ruled({"type": ["VerifiableCredential"]}, proofs.offline_resolver())[2] is None
