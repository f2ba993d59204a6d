"""W3C Data Integrity proofs with the JCS cryptosuites: ``eddsa-jcs-2022`` (Ed25519) and
``ecdsa-jcs-2019`` (P-256, SHA-256).

Both hash the same way: the proof configuration (the proof without ``proofValue``, with
the document's ``@context``) and the document without ``proof`` are each canonicalised
with RFC 8785 and hashed with SHA-256; the signature covers the configuration's hash
followed by the document's. ``proofValue`` is the signature in base58btc multibase.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from conformance import Message, msg, reason

from ...codecs.jcs import canonicalize
from . import did as didlib

if TYPE_CHECKING:
    from conformance.area import JsonObject

SUITES = {"eddsa-jcs-2022": "Ed25519", "ecdsa-jcs-2019": "P-256"}


def hash_data(document: JsonObject, proof: JsonObject) -> bytes:
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in document:
        config["@context"] = document["@context"]
    return hashlib.sha256(canonicalize(config)).digest() + hashlib.sha256(canonicalize(unsecured)).digest()


def add_proof(document: JsonObject, key: didlib.PrivateKey, verification_method: str, created: str,
              purpose: str = "assertionMethod") -> JsonObject:
    suite = "eddsa-jcs-2022" if isinstance(key, ed25519.Ed25519PrivateKey) else "ecdsa-jcs-2019"
    proof: JsonObject = {"type": "DataIntegrityProof", "cryptosuite": suite, "created": created,
             "verificationMethod": verification_method, "proofPurpose": purpose}
    signature = didlib.sign(key, hash_data(document, proof))
    return {**document, "proof": {**proof, "proofValue": "z" + didlib.base58_encode(signature)}}


def verify_proof(document: object, key_of: Callable[[str], object]) -> Message | None:
    """None when the document's single proof verifies, else why not. ``key_of`` maps a
    verification method id to its public key (raising ValueError when it cannot)."""
    proof = document.get("proof") if isinstance(document, dict) else None
    if not isinstance(document, dict) or not isinstance(proof, dict):
        return msg("identity.di-no-proof")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") not in SUITES:
        return msg("identity.di-unsupported", type=repr(proof.get("type")), suite=repr(proof.get("cryptosuite")))
    value, method = proof.get("proofValue"), proof.get("verificationMethod")
    if not isinstance(value, str) or not value.startswith("z") or not isinstance(method, str):
        return msg("identity.di-members")
    try:
        public = key_of(method)
        signature = didlib.base58_decode(value[1:])
    except ValueError as exc:
        return msg("identity.di-key-unusable", reason=reason(exc))
    wanted = ed25519.Ed25519PublicKey if SUITES[proof["cryptosuite"]] == "Ed25519" else ec.EllipticCurvePublicKey
    if not isinstance(public, wanted):
        return msg("identity.di-needs-key", suite=proof["cryptosuite"], key=SUITES[proof["cryptosuite"]])
    return None if didlib.verify(public, signature, hash_data(document, proof)) else msg("identity.di-signature")
