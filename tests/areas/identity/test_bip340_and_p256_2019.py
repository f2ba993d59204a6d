"""The suites issue 62 found unverified: EcdsaSecp256r1Signature2019 (proofValue and detached JWS
forms) and the bip340 cryptosuites. Their published vectors verify, and altered copies do not,
in tests/areas/identity/test_proof_suites.py (tests/corpora/identity/proof-vectors/sources.yaml);
here: the bip340 hashing step by step against the specification's intermediate values, the key
where a proof names it (did:key, did:jwk, a controller document handed in), the suite's key
and encoding rules, and a missing libsecp256k1 binding named, never a pass."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import sys

import coincurve  # a dependency (pyproject): libsecp256k1, which signs the test documents here
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from conformance.areas.identity import bip340, proofs
from conformance.codecs.keys import b64url, base58_decode, base58_encode, did_key, sign
from tests.paths import ROOT

VECTORS = ROOT / "tests" / "corpora" / "identity" / "proof-vectors"
#: The specification's key pair (TestVectors/keyPair.json): did:key of the public key, and the
#: secret key as Multikey (header 0x8126, then 32 bytes).
PUBLIC = "zQ3shcJDnkBjY3XqD4WVKktWQZqgQSrYzhaTo6gxcs6GXjUuM"
SECRET = "z3vLhXkdoZmXj6TwZoG5D8CXvDQ4AzYeZHLusAR5RU5K56zk"
#: The specification's intermediate values for its two signed vectors (TestVectors/<suite>/
#: finalHash*.txt, sigHex*.txt; signed with auxiliary randomness 0xff * 32).
FINAL_HASH = {"bip340-jcs-2025": "4867b3e5fe6432a2ce023dff3dad5ed6dd95e1ea6a6bb50691df50b0de419f76",
              "bip340-rdfc-2025": "02418bcf1802efb7344cfe1797038723837be8acf194103b0eb280385e3de09f"}
SIGNATURE = {"bip340-jcs-2025": "eb0e6f7b62855b1820968f3b918e01503776a98746f011b6e739d3faed1c968c"
                                "a8b34b19a9d29d02663952a42677cf267c916014d3e489d62bbb55a94d63258c",
             "bip340-rdfc-2025": "0242772115c647162ea28af9017e3c19a9734e639e6c68bc34a2170540e3039b"
                                 "aaa2a286f8d968cc300ea4019663d70d6d01c5642bae12a3863041d9d1b483b0"}
FILES = {"bip340-jcs-2025": "bip340/bip340-jcs-2025.json", "bip340-rdfc-2025": "bip340/bip340-rdfc-2025.json"}



def _vector(suite: str) -> dict:
    return json.loads((VECTORS / FILES[suite]).read_text(encoding="utf-8"))


def _secret() -> bytes:
    raw = base58_decode(SECRET[1:])
    assert raw[:2] == b"\x81\x26" and len(raw) == 34
    return raw[2:]


def _sign_bip340(document: dict, method: str, suite: str = "bip340-jcs-2025") -> dict:
    """``document`` signed as the specification's Create Proof does, with its published key."""
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    proof = {"type": "DataIntegrityProof", "cryptosuite": suite, "created": "2026-11-25T00:00:00Z",
             "verificationMethod": method, "proofPurpose": "assertionMethod"}
    message = bip340.hash_data(proofs.hash_data(unsigned, proof, hashlib.sha256))
    signature = coincurve.PrivateKey(_secret()).sign_schnorr(message)
    return {**unsigned, "proof": {**proof, "proofValue": "z" + base58_encode(signature)}}


@pytest.mark.parametrize("suite", sorted(FINAL_HASH))
def test_hash_data_and_signature_are_the_specifications(suite):
    document = _vector(suite)
    proof = document.pop("proof")
    final = bip340.hash_data(proofs.hash_data(document, proof, hashlib.sha256))
    assert final.hex() == FINAL_HASH[suite]
    assert bip340.signature_of(proof["proofValue"]).hex() == SIGNATURE[suite]
    # the published key and auxiliary randomness sign the same bytes (BIP340 is deterministic given them)
    assert coincurve.PrivateKey(_secret()).sign_schnorr(final, b"\xff" * 32).hex() == SIGNATURE[suite]


def _public_key() -> ec.EllipticCurvePublicKey:
    return proofs.key_from_multikey(PUBLIC)  # type: ignore[return-value]


def _jwk() -> dict:
    numbers = _public_key().public_numbers()
    return {"kty": "EC", "crv": "secp256k1", "x": b64url(numbers.x.to_bytes(32, "big")),
            "y": b64url(numbers.y.to_bytes(32, "big"))}


def test_a_did_jwk_key_verifies_and_a_tampered_copy_does_not():
    did = "did:jwk:" + b64url(json.dumps(_jwk()).encode())
    signed = _sign_bip340(_vector("bip340-jcs-2025"), did + "#0")
    assert proofs.verify(signed, proofs.offline_resolver())[0] == proofs.VERIFIED
    signed["credentialSubject"]["alumniOf"] = "Another School"
    assert proofs.verify(signed, proofs.offline_resolver())[0] == proofs.FAILED


def test_a_key_in_a_controller_document_given_with_the_run_verifies():
    controller = {"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
                  "id": "did:example:btc", "verificationMethod": [
                      {"id": "did:example:btc#key-0", "type": "Multikey", "controller": "did:example:btc",
                       "publicKeyMultibase": PUBLIC}], "assertionMethod": ["did:example:btc#key-0"]}
    signed = _sign_bip340(_vector("bip340-rdfc-2025"), "did:example:btc#key-0", "bip340-rdfc-2025")
    assert proofs.verify(signed, proofs.offline_resolver({"did:example:btc": controller}))[0] == proofs.VERIFIED
    assert proofs.verify(signed, proofs.offline_resolver())[0] == proofs.NOT_VERIFIED  # the key is not at hand


def test_a_base64url_proof_value_is_read_as_the_representation_section_writes_it():
    signed = _vector("bip340-jcs-2025")
    raw = bip340.signature_of(signed["proof"]["proofValue"])
    signed["proof"]["proofValue"] = "u" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    assert proofs.verify(signed, proofs.offline_resolver())[0] == proofs.VERIFIED


@pytest.mark.parametrize("value", ["z" + base58_encode(b"\x01" * 63), "m" + "A" * 86, "z0OIl"])
def test_a_malformed_proof_value_does_not_verify(value):
    signed = _vector("bip340-jcs-2025")
    signed["proof"]["proofValue"] = value
    outcome, why = proofs.verify(signed, proofs.offline_resolver())
    assert outcome == proofs.FAILED and "bip340" in why


def test_a_key_of_another_kind_does_not_verify():
    """The suite takes secp256k1 keys only: the same proof naming a P-256 did:key fails."""
    signed = _vector("bip340-jcs-2025")
    other = did_key(ec.generate_private_key(ec.SECP256R1()).public_key())
    signed["proof"]["verificationMethod"] = f"{other}#{other.removeprefix('did:key:')}"
    outcome, why = proofs.verify(signed, proofs.offline_resolver())
    assert outcome == proofs.FAILED and "secp256k1" in why


def test_without_libsecp256k1_the_proof_is_not_verified_naming_the_package(monkeypatch):
    monkeypatch.setitem(sys.modules, "coincurve", None)
    outcome, why = proofs.verify(_vector("bip340-rdfc-2025"), proofs.offline_resolver())
    assert outcome == proofs.NOT_VERIFIED and "coincurve" in why


# --- EcdsaSecp256r1Signature2019 ------------------------------------------------------------

def _credential() -> dict:
    return json.loads((VECTORS / "EcdsaSecp256r1Signature2019" / "acapy-vc-signed-p256.json").read_text("utf-8"))


def _sign_p256_2019(key: ec.EllipticCurvePrivateKey, method: str, jws: bool = False) -> dict:
    """ACA-Py's credential re-signed by ``key``: proofValue (base58btc r||s over the two URDNA2015
    hashes) or, as the Java and Kotlin libraries write it, a detached ES256 JWS over them."""
    unsigned = {k: v for k, v in _credential().items() if k != "proof"}
    proof = {"type": "EcdsaSecp256r1Signature2019", "created": "2026-11-25T00:00:00Z",
             "verificationMethod": method, "proofPurpose": "assertionMethod"}
    hashes = proofs.hash_data(unsigned, proof, hashlib.sha256)
    if not jws:
        return {**unsigned, "proof": {**proof, "proofValue": "z" + base58_encode(sign(key, hashes))}}
    head = b64url(json.dumps({"alg": "ES256", "b64": False, "crit": ["b64"]}).encode())
    signature = sign(key, head.encode() + b"." + hashes)
    return {**unsigned, "proof": {**proof, "jws": f"{head}..{b64url(signature)}"}}


@pytest.mark.parametrize("jws", [False, True], ids=["proofValue", "jws"])
def test_p256_2019_with_a_did_jwk_key_in_either_form_verifies_and_a_tampered_copy_does_not(jws):
    key = ec.generate_private_key(ec.SECP256R1())
    numbers = key.public_key().public_numbers()
    jwk = {"kty": "EC", "crv": "P-256", "x": b64url(numbers.x.to_bytes(32, "big")),
           "y": b64url(numbers.y.to_bytes(32, "big"))}
    signed = _sign_p256_2019(key, "did:jwk:" + b64url(json.dumps(jwk).encode()) + "#0", jws)
    assert proofs.verify(signed, proofs.offline_resolver()) == (proofs.VERIFIED, "every proof verifies")
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["givenName"] = "JANE"
    assert proofs.verify(tampered, proofs.offline_resolver())[0] == proofs.FAILED


def test_p256_2019_key_as_an_ecdsa_secp256r1_verification_key_2019_method_verifies():
    """ACA-Py's own key form: publicKeyBase58 of the compressed P-256 point."""
    key = ec.generate_private_key(ec.SECP256R1())
    point = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
    controller = {"id": "did:example:issuer", "verificationMethod": [
        {"id": "did:example:issuer#k", "type": "EcdsaSecp256r1VerificationKey2019",
         "controller": "did:example:issuer", "publicKeyBase58": base58_encode(point)}]}
    signed = _sign_p256_2019(key, "did:example:issuer#k")
    assert proofs.verify(signed, proofs.offline_resolver({"did:example:issuer": controller}))[0] == proofs.VERIFIED


def test_p256_2019_is_p256_only():
    """A P-384 key signing the same way is not the suite's (its name says secp256r1)."""
    key = ec.generate_private_key(ec.SECP384R1())
    unsigned = {k: v for k, v in _credential().items() if k != "proof"}
    method = did_key_p384(key.public_key())
    proof = {"type": "EcdsaSecp256r1Signature2019", "created": "2026-11-25T00:00:00Z",
             "verificationMethod": method, "proofPurpose": "assertionMethod"}
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    r, s = decode_dss_signature(key.sign(proofs.hash_data(unsigned, proof, hashlib.sha384), ec.ECDSA(hashes.SHA384())))
    value = "z" + base58_encode(r.to_bytes(48, "big") + s.to_bytes(48, "big"))
    signed = {**unsigned, "proof": {**proof, "proofValue": value}}
    outcome, why = proofs.verify(signed, proofs.offline_resolver())
    assert outcome == proofs.FAILED and "P-256" in why


def did_key_p384(public: ec.EllipticCurvePublicKey) -> str:
    point = public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
    value = "z" + base58_encode(b"\x81\x24" + point)
    return f"did:key:{value}#{value}"
