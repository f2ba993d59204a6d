"""Linked Data proofs signed as a detached JWS (W3C CCG Ed25519Signature2018,
JsonWebSignature2020, EcdsaSecp256k1Signature2019, EcdsaSecp256r1Signature2019 in that form):
the ``jws`` member is a compact JWS with
an unencoded, detached payload (RFC 7797: header ``b64`` false, ``crit`` ["b64"], nothing
between the two dots), of an algorithm the proof type allows. The signed payload is the
SHA-256 hash of the URDNA2015-canonical proof options (the proof without ``jws``, with the
document's @context and its own, if any) followed by that of the canonical document without
``proof``: Ed25519Signature2020's hashing (``proofs.hash_data``), signed as a JWS."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from conformance import msg

from ...codecs.keys import unb64url
from .jwa import PublicKey, signature_ok

if TYPE_CHECKING:
    from conformance.area import JsonObject

#: The detached-JWS proof types, by the JWS algorithms each allows.
JWS_LEGACY = {"Ed25519Signature2018": ("EdDSA",),
              "JsonWebSignature2020": ("EdDSA", "ES256K", "ES256", "ES384", "PS256"),
              "EcdsaSecp256k1Signature2019": ("ES256K",),
              # issued as a detached JWS by the Java and Kotlin Linked Data signature libraries,
              # and with proofValue by others (proofs.LEGACY)
              "EcdsaSecp256r1Signature2019": ("ES256",)}


def verify(document: JsonObject, proof: JsonObject, key_of: Callable[[str], PublicKey],
           hashes: Callable[[], bytes]) -> bool:
    """Whether the proof's detached JWS verifies; ``hashes`` gives the two hashes it signs.
    ValueError when the proof is malformed (its members, the JWS form, an algorithm its type
    does not allow)."""
    kind, token, method = str(proof["type"]), proof.get("jws"), proof.get("verificationMethod")
    if not isinstance(token, str) or not isinstance(method, str) or len(token) > 4096:
        raise ValueError(msg("identity.proof-jws-members", type=kind))
    head, _, rest = token.partition("..")
    try:
        header = json.loads(unb64url(head))
        signature = unb64url(rest)
    except ValueError:
        raise ValueError(msg("identity.proof-jws-detached", type=kind)) from None
    if not isinstance(header, dict) or "." in rest or header.get("b64") is not False \
            or "b64" not in (header.get("crit") or []):
        raise ValueError(msg("identity.proof-jws-detached", type=kind))
    alg = header.get("alg")
    if alg not in JWS_LEGACY[kind]:
        raise ValueError(msg("identity.proof-jws-alg", type=kind, alg=repr(alg)[:40], algs=", ".join(JWS_LEGACY[kind])))
    key = key_of(method)
    return signature_ok(alg, key, signature, head.encode("ascii") + b"." + hashes())
