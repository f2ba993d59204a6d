"""The one rule for verification answers (ID-VCAPI-002, IF-IOP-003): each kind of answer; the
proof ID-VCAPI-001 asks of an issued credential."""

from __future__ import annotations

import pytest

from conformance.areas.identity.vcapi import REFUSED, UNFIT, VERIFIED, issued_proof_problem, verification_outcome

PROBLEM = {"type": "https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR"}


@pytest.mark.parametrize(("status", "body", "outcome"), [
    (200, {"verified": True, "errors": []}, VERIFIED),
    (200, {"verified": False, "errors": [PROBLEM]}, REFUSED),
    (200, {"verified": False, "problemDetails": [PROBLEM]}, REFUSED),
    (400, None, REFUSED),
    (200, {"verified": True, "errors": [PROBLEM]}, UNFIT),  # contradicts itself
    (200, {"verified": "yes"}, UNFIT),
    # earlier VC API drafts' result without `verified`: VCALM and annex D D.56 require it (ID-VCAPI-002 1.6)
    (200, {"checks": ["proof"], "warnings": [], "errors": []}, UNFIT),
    (200, {"checks": [], "errors": [PROBLEM]}, UNFIT),
    (200, {}, UNFIT),
    (200, ["not", "a", "result"], UNFIT),
    (422, None, UNFIT),
    (403, None, UNFIT),
    (500, None, UNFIT),
])
def test_each_answer_has_one_meaning(status, body, outcome):
    assert verification_outcome(status, body)[0] == outcome


def test_a_result_without_verified_says_what_is_missing_and_where_it_is_asked():
    """ID-VCAPI-002 1.6: the earlier drafts' shape no longer counts; the message names the member,
    the VC API and annex D's table, in both languages."""
    from conformance.messages import render

    why = verification_outcome(200, {"checks": ["proof"], "warnings": [], "errors": []})[1]
    assert "without verified" in why and "VCALM" in why and "D.56" in why
    zh = render(why.key, why.args, "zh")
    assert "没有 verified" in zh and "表 D.56" in zh


@pytest.mark.parametrize(("proof", "outcome"), [
    ({"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022"}, None),
    ({"type": "DataIntegrityProof", "cryptosuite": "ecdsa-jcs-2019"}, None),
    ({"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"}, None),  # ID-VC-003 lists it
    # issue 59: a verifying Ed25519Signature2020 proof passed, though the statement asks a DataIntegrityProof
    ({"type": "Ed25519Signature2020"}, "fail"),
    ({"type": "JsonWebSignature2020"}, "fail"),
    ({"type": "DataIntegrityProof"}, "fail"),  # no cryptosuite
    ({"type": "DataIntegrityProof", "cryptosuite": "bbs-2023"}, "fail"),  # not listed: R1 broken (1.5)
    # the bip340 suites only a draft defines are ID-VC-008's, not listed by ID-VC-003 (5.0): ID-VCAPI-001 1.7
    ({"type": "DataIntegrityProof", "cryptosuite": "bip340-jcs-2025"}, "fail"),
    ({"type": "DataIntegrityProof", "cryptosuite": "bip340-rdfc-2025"}, "fail"),
])
def test_the_issued_proof_is_the_one_the_statement_names(proof, outcome):
    problem = issued_proof_problem(proof)
    assert (problem[0] if problem else None) == outcome


def test_a_published_ed25519signature2020_vector_verifies_but_is_not_what_vcapi_001_asks():
    import json

    from conformance.areas.identity import proofs
    from tests.paths import ROOT

    vector = json.loads((ROOT / "tests/corpora/identity/proof-vectors/ed25519signature2020.json").read_text())
    assert proofs.verify(vector, proofs.offline_resolver())[0] == proofs.VERIFIED
    problem = issued_proof_problem(vector["proof"])
    assert problem is not None and problem[0] == "fail" and "not a DataIntegrityProof" in problem[1]
