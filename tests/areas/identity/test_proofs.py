"""Data Integrity proofs verified offline against the W3C cryptosuites' published vectors."""

from __future__ import annotations

import json

import pytest

from conformance.areas.identity import envelopes, jose, proofs
from tests.paths import CORPORA

VECTORS = CORPORA / "identity" / "proof-vectors"


@pytest.mark.parametrize("name", sorted(p.name for p in VECTORS.glob("*.json")))
def test_published_vectors_verify_and_altered_ones_do_not(name):
    document = json.loads((VECTORS / name).read_text(encoding="utf-8"))
    assert proofs.verify(document, proofs.offline_resolver()) == (proofs.VERIFIED, "every proof verifies")
    document["validFrom"] = "2024-01-01T00:00:00Z"
    assert proofs.verify(document, proofs.offline_resolver())[0] == proofs.FAILED


def test_what_cannot_be_verified_offline_says_why():
    document = json.loads((VECTORS / "eddsa-rdfc-2022.json").read_text(encoding="utf-8"))
    document["proof"]["verificationMethod"] = "did:web:issuer.example#key-1"
    outcome, why = proofs.verify(document, proofs.offline_resolver())
    assert outcome == proofs.NOT_VERIFIED and "cannot be resolved offline" in why
    document["@context"].append("https://example.com/unknown/v1")
    document["proof"]["verificationMethod"] = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#x"
    outcome, why = proofs.verify(document, proofs.offline_resolver())
    assert outcome == proofs.NOT_VERIFIED and "https://example.com/unknown/v1" in why


def test_a_did_document_given_as_input_supplies_the_key():
    document = json.loads((VECTORS / "eddsa-jcs-2022.json").read_text(encoding="utf-8"))
    key = document["proof"]["verificationMethod"].split("#")[1]
    did = "did:web:issuer.example"
    did_document = {"id": did, "verificationMethod": [
        {"id": "#k", "type": "Multikey", "controller": did, "publicKeyMultibase": key}]}
    document["proof"]["verificationMethod"] = f"{did}#k"
    # The proof options changed, so the signature no longer matches: but the key was found.
    assert proofs.verify(document, proofs.offline_resolver({did: did_document}))[0] == proofs.FAILED


def _jws(private_key, header: dict, payload: dict) -> str:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    from conformance.codecs.keys import b64url

    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"
    r, s = decode_dss_signature(private_key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def test_a_jose_secured_credential_verifies_with_a_did_key_kid():
    from cryptography.hazmat.primitives.asymmetric import ec

    from conformance.codecs.keys import did_key

    key = ec.generate_private_key(ec.SECP256R1())
    did = did_key(key.public_key())
    kid = f"{did}#{did.removeprefix('did:key:')}"
    credential = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                  "issuer": did, "credentialSubject": {"id": "did:example:subject"}}
    token = _jws(key, {"alg": "ES256", "kid": kid, "typ": "vc+jwt"}, credential)
    assert jose.verify_jose(token, proofs.offline_resolver())[0] == proofs.VERIFIED
    head, body, signature = token.split(".")
    other = _jws(key, {"alg": "ES256", "kid": kid}, {**credential, "issuer": "did:example:other"})
    assert jose.verify_jose(f"{head}.{other.split('.')[1]}.{signature}", proofs.offline_resolver())[0] \
        == proofs.FAILED
    unkeyed = _jws(key, {"alg": "ES256"}, credential)
    assert jose.verify_jose(unkeyed, proofs.offline_resolver()) == (
        proofs.NOT_VERIFIED, "the JWS header has no kid, so its key cannot be found offline")
    presentation = {"verifiableCredential": [{"id": f"data:application/vc+jwt,{token}",
                                              "type": "EnvelopedVerifiableCredential"}]}
    assert jose.enveloped_tokens(presentation) == [("/verifiableCredential/0/id", f"data:application/vc+jwt,{token}")]


def test_every_proof_of_a_set_is_judged_on_its_own():
    """VC Data Integrity 2.1 proof sets: a failing proof is reported even after one this
    harness cannot check; one it cannot check keeps a set of good proofs undecided."""
    good = json.loads((VECTORS / "ed25519signature2020.json").read_text(encoding="utf-8"))
    unsupported = {"type": "DataIntegrityProof", "cryptosuite": "bbs-2023", "proofValue": "u2V0",
                   "verificationMethod": "did:key:z#z", "proofPurpose": "assertionMethod"}
    forged = {**good["proof"], "proofValue": good["proof"]["proofValue"][:-4] + "AAAA"}
    outcome, why = proofs.verify({**good, "proof": [unsupported, forged]}, proofs.offline_resolver())
    assert outcome == proofs.FAILED and why.startswith("proof 1 (Ed25519Signature2020): the signature does not verify")
    outcome, why = proofs.verify({**good, "proof": [good["proof"], unsupported]}, proofs.offline_resolver())
    assert outcome == proofs.NOT_VERIFIED and why.startswith("proof 1: bbs-2023 cannot be checked")
    assert proofs.verify({**good, "proof": [good["proof"]]}, proofs.offline_resolver())[0] == proofs.VERIFIED


@pytest.mark.slow
def test_identity_credentials_alone_takes_issuers_did_documents_for_proof_keys(tmp_path, catalog, run_manifest):
    """A did:web issuer's key comes from the optional did_documents target of
    identity-credentials itself, without claiming identity-document too; without that
    target the proof stays undecided (inconclusive), with it the verdict is decided."""
    from conformance.areas.identity import dataintegrity
    from conformance.areas.identity.registration import new_key
    from conformance.codecs.keys import multikey

    key = new_key("Ed25519")
    did = "did:web:issuer.example"
    credential = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                  "issuer": did, "validFrom": "2025-01-01T00:00:00Z",
                  "credentialSubject": {"id": "did:example:1", "degree": "BSc"}}
    signed = dataintegrity.add_proof(credential, key, f"{did}#k", "2025-01-01T00:00:00Z")
    forged = {**signed, "credentialSubject": {"id": "did:example:1", "degree": "PhD"}}
    did_document = {"@context": ["https://www.w3.org/ns/did/v1"], "id": did, "verificationMethod": [
        {"id": f"{did}#k", "type": "Multikey", "controller": did, "publicKeyMultibase": multikey(key.public_key())}],
        "assertionMethod": [f"{did}#k"]}
    for name, data in (("signed.json", signed), ("forged.json", forged), ("issuer.json", did_document)):
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")

    def verdict(files: dict[str, list[str]], out: str) -> str:
        targets = {role: {"adapter": "file", "paths": [str(tmp_path / f) for f in paths]}
                   for role, paths in files.items()}
        manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["identity-credentials"],
                    "targets": targets}
        report = run_manifest(manifest, out_dir=tmp_path / out).report
        return next(r.verdict.value for r in report.requirements if r.requirement == "ID-VC-003")

    assert verdict({"credentials": ["signed.json"]}, "alone") == "inconclusive"
    assert verdict({"credentials": ["signed.json"], "did_documents": ["issuer.json"]}, "keyed") == "pass"
    assert verdict({"credentials": ["forged.json"], "did_documents": ["issuer.json"]}, "forged") == "fail"


def _key_and_kid():
    from cryptography.hazmat.primitives.asymmetric import ec

    from conformance.codecs.keys import did_key

    key = ec.generate_private_key(ec.SECP256R1())
    did = did_key(key.public_key())
    return key, did, f"{did}#{did.removeprefix('did:key:')}"


def _disclosure(*parts) -> tuple[str, str]:
    """(disclosure, its SHA-256 digest) as RFC 9901 section 4.2 builds them."""
    import base64
    import hashlib

    encoded = base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).rstrip(b"=").decode()
    return encoded, base64.urlsafe_b64encode(hashlib.sha256(encoded.encode()).digest()).rstrip(b"=").decode()


def test_an_sd_jwt_verifies_by_its_issuer_signature_and_disclosure_digests():
    key, did, kid = _key_and_kid()
    degree, degree_digest = _disclosure("salt-1", "degree", "BSc")
    name, _ = _disclosure("salt-2", "name", "Ada")  # a disclosure the issuer never signed
    payload = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
               "issuer": did, "credentialSubject": {"id": "did:example:1", "_sd": [degree_digest]},
               "_sd_alg": "sha-256"}
    jws = _jws(key, {"alg": "ES256", "kid": kid, "typ": "vc+sd-jwt"}, payload)
    resolver = proofs.offline_resolver()
    assert envelopes.verify_enveloped(f"data:application/vc+sd-jwt,{jws}~{degree}~", resolver) == (
        proofs.VERIFIED, "the issuer's signature verifies and all 1 disclosures are among its digests")
    outcome, why = envelopes.verify_enveloped(f"data:application/vc+sd-jwt,{jws}~{degree}~{name}~", resolver)
    assert outcome == proofs.FAILED and "disclosure 1 is not among the digests" in why
    head, _, signature = jws.split(".")
    other = _jws(key, {"alg": "ES256"}, {**payload, "issuer": "did:example:other"}).split(".")[1]
    assert envelopes.verify_enveloped(f"data:application/vc+sd-jwt,{head}.{other}.{signature}~", resolver)[0] \
        == proofs.FAILED
    # an SD-JWT is no longer mistaken for a compact JWS, nor is COSE (tests/areas/identity/test_cose.py):
    # three zero bytes are no COSE_Sign1
    outcome, why = envelopes.verify_enveloped("data:application/vc+cose;base64,AAAA", resolver)
    assert outcome == proofs.FAILED and "COSE" in why


def test_an_enveloped_presentation_is_judged_as_one():
    """VC 2.0 4.13.2: an EnvelopedVerifiablePresentation is not a credential missing its
    issuer; its data: URL is verified as its media type says."""
    from conformance.areas.identity.vcmodel import credential_findings, presentation_findings

    key, did, kid = _key_and_kid()
    inner = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"], "holder": did}
    token = _jws(key, {"alg": "ES256", "kid": kid, "typ": "vp+jwt"}, inner)
    envelope = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": "EnvelopedVerifiablePresentation",
                "id": f"data:application/vp+jwt,{token}"}
    assert list(presentation_findings(envelope)) == []
    assert [f.extra.get("check") for f in presentation_findings({**envelope, "id": "not a url"})] == ["enveloped-id"]
    assert list(credential_findings({**envelope, "type": "EnvelopedVerifiableCredential",
                                     "id": f"data:application/vc+jwt,{token}"})) == []
    (pointer, url), = jose.enveloped_tokens(envelope)
    assert pointer == "/id" and envelopes.verify_enveloped(url, proofs.offline_resolver())[0] == proofs.VERIFIED


def _eddsa_jcs(document: dict, key, method: str) -> dict:
    """A Data Integrity proof (eddsa-jcs-2022: JCS of the proof options and of the document,
    each SHA-256, signed with Ed25519), generated here with the cryptography package."""
    import hashlib

    from conformance.codecs.jcs import canonicalize
    from conformance.codecs.keys import base58_encode

    options = {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": "2026-01-01T00:00:00Z",
               "verificationMethod": method, "proofPurpose": "assertionMethod", "@context": document["@context"]}
    data = hashlib.sha256(canonicalize(options)).digest() + hashlib.sha256(canonicalize(document)).digest()
    options.pop("@context")
    return {**document, "proof": {**options, "proofValue": "z" + base58_encode(key.sign(data))}}


def test_a_did_jwk_verification_method_is_resolved_offline_for_a_data_integrity_proof():
    # issue 62: did:jwk keys are decoded offline wherever a proof names them, not only in VC-JWTs
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from conformance.codecs.keys import b64url

    key = ed25519.Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    did = "did:jwk:" + b64url(json.dumps({"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}).encode())
    credential = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                  "issuer": did, "credentialSubject": {"id": "did:example:alice", "name": "Alice"}}
    signed = _eddsa_jcs(credential, key, did + "#0")
    assert proofs.verify(signed, proofs.offline_resolver())[0] == proofs.VERIFIED
    tampered = {**signed, "credentialSubject": {"id": "did:example:alice", "name": "Mallory"}}
    assert proofs.verify(tampered, proofs.offline_resolver())[0] == proofs.FAILED
    # the document of a did:jwk holds one method, #0: another fragment names no key of it
    other = _eddsa_jcs(credential, key, did + "#1")
    assert proofs.verify(other, proofs.offline_resolver())[0] == proofs.FAILED
