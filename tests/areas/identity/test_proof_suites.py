"""The Linked Data proof suites deployed credentials carry besides Data Integrity
(Ed25519Signature2018, JsonWebSignature2020, EcdsaSecp256k1Signature2019: detached JWS over
URDNA2015 hashes), bbs-2023 named as not checkable, and proof sets and chains (VC Data
Integrity, Verify Proof Sets and Chains), checked on published vectors
(tests/corpora/identity/proof-vectors/sources.yaml) and on altered copies of them."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest
import yaml

from conformance.areas.identity import jose, proofs
from tests.conftest import load_module
from tests.paths import ROOT

VECTORS = ROOT / "tests" / "corpora" / "identity" / "proof-vectors"
ITEMS = {item["file"]: item for item in
         yaml.safe_load((VECTORS / "sources.yaml").read_text(encoding="utf-8"))["items"]}


BENCH = load_module("fidelity_identity", ROOT / "bench" / "fidelity_identity.py")


@pytest.mark.parametrize("name", sorted(ITEMS))
def test_each_published_vector_gives_its_outcome_and_its_altered_copies_do_not_verify(name):
    item = ITEMS[name]
    cases = BENCH.proof_cases("proof-vectors", item)
    if item["expected"] == proofs.VERIFIED:  # as published, a claim changed, a signature byte changed
        assert [wanted for _, _, wanted in cases] == [proofs.VERIFIED, proofs.FAILED, proofs.FAILED]
    for case, document, wanted in cases:
        outcome, why = BENCH.verify_item("proof-vectors", item, document)
        assert outcome == wanted, f"{case}: {why}"


def _load(name: str) -> dict:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def test_bbs_2023_is_not_checked_and_the_reason_names_the_suite():
    for name in ("bbs-2023/signed-base.json", "bbs-2023/derived-reveal.json"):
        outcome, why = proofs.verify(_load(name), proofs.offline_resolver())
        assert outcome == proofs.NOT_VERIFIED
        assert why.startswith("proof 0: bbs-2023 cannot be checked") and "PyPI" in why


def _jws2020(name: str = "transmute--credential-0--key-1-secp256k1.vc.json"):
    document = _load(f"JsonWebSignature2020/{name}")
    did = _load("JsonWebSignature2020/did-example-123.json")
    return document, proofs.offline_resolver({did["id"]: did})


def _with_header(document: dict, header: dict) -> dict:
    from conformance.codecs.keys import b64url

    altered = copy.deepcopy(document)
    signature = altered["proof"]["jws"].partition("..")[2]
    altered["proof"]["jws"] = f"{b64url(json.dumps(header).encode())}..{signature}"
    return altered


def test_a_jws_proof_is_a_detached_jws_with_an_unencoded_payload_of_an_allowed_alg():
    document, key_of = _jws2020()
    encoded = _with_header(document, {"alg": "ES256K", "b64": True, "crit": ["b64"]})
    assert proofs.verify(encoded, key_of) == (proofs.FAILED, (
        "proof 0: the jws of a JsonWebSignature2020 proof is not a detached JWS with an unencoded payload "
        '(header..signature, b64 false, crit ["b64"], RFC 7797)'))
    secp = {**document, "proof": {**document["proof"], "type": "EcdsaSecp256k1Signature2019"}}
    eddsa = _with_header(secp, {"alg": "EdDSA", "b64": False, "crit": ["b64"]})
    outcome, why = proofs.verify(eddsa, key_of)
    assert outcome == proofs.FAILED and "JWS alg 'EdDSA' is not one of ES256K" in why
    # the right alg on the wrong key: the secp256k1 key does not make an Ed25519 signature
    wrong_key = {**document, "proof": {**document["proof"], "verificationMethod": "did:example:123#key-0"}}
    outcome, why = proofs.verify(wrong_key, key_of)
    assert outcome == proofs.FAILED and "alg ES256K needs a secp256k1 key" in why


def test_a_secp256k1_key_as_publicKeyHex_or_did_key_verifies_es256k():
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from conformance.codecs.keys import base58_encode

    document = _load("EcdsaSecp256k1Signature2019/person.json")
    signer = _load("EcdsaSecp256k1Signature2019/did-example-signer.json")
    method = signer["publicKey"][0]
    point = proofs.base58_decode(method.pop("publicKeyBase58"))
    method["publicKeyHex"] = point.hex()
    item = ITEMS["EcdsaSecp256k1Signature2019/person.json"]
    contexts = {url: _load(f) for url, f in item["contexts"].items()}
    from conformance.areas._shared import jsonld

    with jsonld.serving(contexts):
        assert proofs.verify(document, proofs.offline_resolver({signer["id"]: signer}))[0] == proofs.VERIFIED
        method["publicKeyHex"] = "0x" + point.hex()  # not the registry's form (ID-DOC-001 says so), same key
        assert proofs.verify(document, proofs.offline_resolver({signer["id"]: signer}))[0] == proofs.VERIFIED
        method["type"] = ["EcdsaSecp256k1VerificationKey2019"]  # a type that is no string: no material read
        outcome, why = proofs.verify(document, proofs.offline_resolver({signer["id"]: signer}))
        assert outcome == proofs.NOT_VERIFIED and "has no key material this harness decodes" in why
    # did:key with the secp256k1-pub multicodec (0xe7, varint e7 01) and a compact ES256K JWS
    key = ec.generate_private_key(ec.SECP256K1())
    compressed = key.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    did = "did:key:z" + base58_encode(b"\xe7\x01" + compressed)
    token = _compact_jws(key, {"alg": "ES256K", "kid": f"{did}#{did[8:]}"}, {"issuer": did})
    assert jose.verify_jose(token, proofs.offline_resolver())[0] == proofs.VERIFIED


def _compact_jws(key, header: dict, payload: dict) -> str:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    from conformance.codecs.keys import b64url

    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"
    r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def test_a_proof_sets_evidence_names_the_proofs_that_verified_failed_and_were_not_checked():
    good = _load("ed25519signature2020.json")
    forged = {**good["proof"], "proofValue": good["proof"]["proofValue"][:-4] + "AAAA"}
    bbs = {"type": "DataIntegrityProof", "cryptosuite": "bbs-2023", "proofValue": "u2V0",
           "verificationMethod": "did:key:zUC7#zUC7", "proofPurpose": "assertionMethod"}
    outcome, why = proofs.verify({**good, "proof": [good["proof"], bbs, forged]}, proofs.offline_resolver())
    assert outcome == proofs.FAILED
    assert why == ("proof 2 (Ed25519Signature2020): the signature does not verify "
                   "(proof set: verified [0], does not verify [2], not checked [1])")
    outcome, why = proofs.verify({**good, "proof": [good["proof"], good["proof"]]}, proofs.offline_resolver())
    assert (outcome, why) == (proofs.VERIFIED, "every proof verifies (proof set: verified [0, 1], "
                                               "does not verify [], not checked [])")


def test_a_proof_chain_signs_the_proofs_it_names_and_names_only_proofs_of_the_set():
    """VC Data Integrity, Verify Proof Sets and Chains: a proof with previousProof is checked
    over the document whose proof is the list of the proofs it names."""
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from conformance.codecs.keys import base58_encode, did_key

    key = ed25519.Ed25519PrivateKey.generate()
    did = did_key(key.public_key())
    method = f"{did}#{did[8:]}"
    document = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                "issuer": did, "credentialSubject": {"id": "did:example:1", "degree": "BSc"}}

    def signed(proof: dict, previous: list | None) -> dict:
        data = proofs.hash_data(document, proof, hashlib.sha256, previous)
        return {**proof, "proofValue": "z" + base58_encode(key.sign(data))}

    base = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "verificationMethod": method,
            "proofPurpose": "assertionMethod", "created": "2025-01-01T00:00:00Z"}
    first = signed({**base, "id": "urn:uuid:first"}, None)
    second = signed({**base, "id": "urn:uuid:second", "previousProof": "urn:uuid:first"}, [first])
    key_of = proofs.offline_resolver()
    assert proofs.verify({**document, "proof": [first, second]}, key_of)[0] == proofs.VERIFIED
    # the previous proof removed: the chained one names a proof the set no longer has
    outcome, why = proofs.verify({**document, "proof": [second]}, key_of)
    assert outcome == proofs.FAILED and "previousProof names urn:uuid:first" in why
    # the previous proof replaced by another with the same id: the chained proof does not verify
    other = signed({**base, "id": "urn:uuid:first", "created": "2025-06-01T00:00:00Z"}, None)
    outcome, why = proofs.verify({**document, "proof": [other, second]}, key_of)
    assert outcome == proofs.FAILED and why.startswith("proof 1 (eddsa-jcs-2022): the signature does not verify")
    # a chained proof signed without the proofs it names does not verify either
    unchained = signed({**base, "id": "urn:uuid:second", "previousProof": "urn:uuid:first"}, None)
    assert proofs.verify({**document, "proof": [first, unchained]}, key_of)[0] == proofs.FAILED


def test_each_bundled_context_with_a_digest_is_the_document_it_names():
    from conformance.areas._shared import jsonld

    folder = ROOT / "src" / "conformance" / "areas" / "_shared" / "contexts"
    listed = yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8"))["contexts"]
    digests = [(e["file"], e["sha256"]) for e in listed if "sha256" in e]
    assert ("lds-jws2020-v1.jsonld", hashlib.sha256((folder / "lds-jws2020-v1.jsonld").read_bytes()).hexdigest()) \
        in digests
    for file, digest in digests:
        assert hashlib.sha256((folder / file).read_bytes()).hexdigest() == digest, file
    assert "https://w3c-ccg.github.io/lds-jws2020/contexts/lds-jws2020-v1.json" in jsonld.bundled()


def test_the_ed25519_2018_context_is_bundled_and_expands_a_controller_document():
    from conformance.areas._shared import jsonld

    (expanded,) = jsonld.expand(_load("Ed25519Signature2018/controller.json"))
    (method,) = expanded["https://w3id.org/security#assertionMethod"]
    assert method["@type"] == ["https://w3id.org/security#Ed25519VerificationKey2018"]


@pytest.mark.slow
def test_a_run_verifies_a_jws_proof_with_an_issuers_document_and_leaves_bbs_undecided(tmp_path, run_manifest):
    """ID-VC-008 in a run (ID-VC-003 before its 5.0, which leaves it not applicable): a JsonWebSignature2020
    credential passes with its issuer's DID document given as did_documents; under ID-VC-003 a bbs-2023
    credential alone is inconclusive, its note naming the suite."""
    def run(files: dict[str, list[str]], out: str, requirement: str = "ID-VC-003"):
        targets = {role: {"adapter": "file", "paths": [str(VECTORS / f) for f in paths]}
                   for role, paths in files.items()}
        manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-credentials"],
                    "targets": targets}
        report = run_manifest(manifest, out_dir=tmp_path / out).report
        return next(r for r in report.requirements if r.requirement == requirement)

    files = {"credentials": ["JsonWebSignature2020/transmute--credential-0--key-3-secp384r1.vc.json"],
             "did_documents": ["JsonWebSignature2020/did-example-123.json"]}
    assert run(files, "jws", "ID-VC-008").verdict.value == "pass"
    assert run(files, "jws-003").verdict.value == "not_applicable"
    bbs = run({"credentials": ["bbs-2023/signed-base.json"]}, "bbs")
    assert bbs.verdict.value == "inconclusive"
    assert "bbs-2023 cannot be checked" in json.dumps(bbs.model_dump(mode="json"))


def test_jcs_hashes_the_documents_context_as_it_is_written():
    """eddsa-jcs-2022 / ecdsa-jcs-2019: the proof configuration takes the document's @context
    as it is, so a context written as a string is hashed as a string, not as a list."""
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from conformance.areas.identity import dataintegrity
    from conformance.codecs.keys import did_key

    key = ed25519.Ed25519PrivateKey.generate()
    did = did_key(key.public_key())
    document = {"@context": "https://www.w3.org/ns/credentials/v2", "type": ["VerifiableCredential"],
                "issuer": did, "credentialSubject": {"id": "did:example:1"}}
    signed = dataintegrity.add_proof(document, key, f"{did}#{did[8:]}", "2025-01-01T00:00:00Z")
    assert proofs.verify(signed, proofs.offline_resolver())[0] == proofs.VERIFIED
    listed = {**signed, "@context": [signed["@context"]]}
    assert proofs.verify(listed, proofs.offline_resolver())[0] == proofs.FAILED


def _ed25519_2018(document: dict, key, method: str) -> dict:
    """An Ed25519Signature2018 proof generated here: a detached JWS (EdDSA, b64 false) over the
    two URDNA2015 hashes, the proof options read with the document's own @context (the suite
    as jsonld-signatures signs it; the hashing is the one the published vectors above verify)."""
    from conformance.codecs.keys import b64url

    options = {"type": "Ed25519Signature2018", "created": "2026-01-01T00:00:00Z",
               "verificationMethod": method, "proofPurpose": "assertionMethod"}
    head = b64url(json.dumps({"alg": "EdDSA", "b64": False, "crit": ["b64"]}).encode())
    data = proofs.hash_data(document, options, hashlib.sha256)
    signature = key.sign(head.encode("ascii") + b"." + data)
    return {**document, "proof": {**options, "jws": f"{head}..{b64url(signature)}"}}


def test_an_ed25519_2018_proof_under_an_inline_context_is_decided():
    """issue 62: a credentials/v1 document with an inline context and an Ed25519Signature2018
    proof. credentials/v1 defines Ed25519Signature2018 itself (protected), and the suite reads
    the proof with the document's own @context; adding the suite's context after credentials/v1
    redefines a protected term, which JSON-LD refuses, so good and tampered copies both ended
    inconclusive. Read with the document's contexts, the good one verifies and the tampered
    one fails."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from conformance.codecs.keys import base58_encode

    key = ed25519.Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    did = "did:key:z" + base58_encode(b"\xed\x01" + raw)
    credential = {"@context": ["https://www.w3.org/2018/credentials/v1",
                               {"alumniOf": "https://schema.org/alumniOf"}],
                  "type": ["VerifiableCredential"], "issuer": did, "issuanceDate": "2026-01-01T00:00:00Z",
                  "credentialSubject": {"id": "did:example:alice", "alumniOf": "Example University"}}
    signed = _ed25519_2018(credential, key, f"{did}#{did[8:]}")
    assert proofs.verify(signed, proofs.offline_resolver()) == (proofs.VERIFIED, "every proof verifies")
    tampered = {**signed, "credentialSubject": {"id": "did:example:alice", "alumniOf": "Another University"}}
    assert proofs.verify(tampered, proofs.offline_resolver())[0] == proofs.FAILED
