"""W3C Data Integrity proofs with the ``eddsa-jcs-2022`` cryptosuite (VC Data Integrity EdDSA
Cryptosuites v1.0, section 3.3), and did:key identifiers for Ed25519 keys.

Below the certification layer so that everything the harness signs as readable JSON uses
one form: a programme's certificates, status lists and trust lists (:mod:`conformance.programme.signing`)
and a laboratory's record of its measurements (:mod:`conformance.certification.labrecords`).

Hashing: the proof configuration (the proof without ``proofValue``, carrying the
document's ``@context``) and the document without ``proof`` are each canonicalised with
RFC 8785 and hashed with SHA-256; the Ed25519 signature covers the configuration's hash
followed by the document's; ``proofValue`` is the signature in base58btc multibase.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .bases import base58_decode, base58_encode
from .jcs import canonicalize
from .keys import did_key, key_from_multibase, multikey

CRYPTOSUITE = "eddsa-jcs-2022"


def issuer_did(public_key: Ed25519PublicKey) -> str:
    return did_key(public_key)


def verification_method(public_key: Ed25519PublicKey) -> str:
    return f"{did_key(public_key)}#{multikey(public_key)}"


def key_of_method(method: str) -> Ed25519PublicKey:
    """The public key a did:key verification method names; ValueError when it names none."""
    did, _, fragment = method.partition("#")
    if not did.startswith("did:key:") or fragment != did.removeprefix("did:key:"):
        raise ValueError(f"{method!r} is not a did:key verification method (did:key:z…#z…)")
    key = key_from_multibase(fragment)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{method!r} is not an Ed25519 key ({CRYPTOSUITE} needs one)")
    return key


def hash_data(document: Mapping[str, object], proof: Mapping[str, object]) -> bytes:
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in document:
        config["@context"] = document["@context"]
    return hashlib.sha256(canonicalize(config)).digest() + hashlib.sha256(canonicalize(unsecured)).digest()


def add_proof(document: Mapping[str, object], key: Ed25519PrivateKey, created: str) -> dict[str, object]:
    """``document`` secured with an ``eddsa-jcs-2022`` proof for assertion by ``key``."""
    proof = {"type": "DataIntegrityProof", "cryptosuite": CRYPTOSUITE, "created": created,
             "verificationMethod": verification_method(key.public_key()), "proofPurpose": "assertionMethod"}
    signature = key.sign(hash_data(document, proof))
    return {**document, "proof": {**proof, "proofValue": "z" + base58_encode(signature)}}


def check_proof(document: object) -> str:
    """The issuer DID whose key made the document's proof; ValueError saying why when the
    proof is missing, of another kind, not by the issuer, or does not verify."""
    if not isinstance(document, dict):
        raise ValueError("not a JSON object")
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ValueError("no proof (one Data Integrity proof object expected)")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ValueError(f"the proof is {proof.get('type')!r}/{proof.get('cryptosuite')!r}, "
                         f"not DataIntegrityProof/{CRYPTOSUITE}")
    if proof.get("proofPurpose") != "assertionMethod":
        raise ValueError(f"the proof's purpose is {proof.get('proofPurpose')!r}, not assertionMethod")
    method, value = proof.get("verificationMethod"), proof.get("proofValue")
    if not isinstance(method, str) or not isinstance(value, str) or not value.startswith("z"):
        raise ValueError("the proof lacks verificationMethod or a base58btc proofValue")
    key = key_of_method(method)
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != method.partition("#")[0]:
        raise ValueError(f"the proof is by {method.partition('#')[0]}, not by the issuer {issuer_id!r}")
    try:
        key.verify(base58_decode(value[1:]), hash_data(document, proof))
    except (InvalidSignature, ValueError):  # ValueError: a proofValue that is not base58
        raise ValueError(f"the proof by {issuer_id} does not verify: the document was altered") from None
    return str(issuer_id)
