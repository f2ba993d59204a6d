"""DIDs and their verification methods: which key a method holds, which method a
document names, and the signed operations of a registrar.

The encodings (multibase, multicodec, JWK, signatures) are codecs
(:mod:`conformance.codecs.keys`), re-exported here for the suites.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric import ed25519

from conformance import msg

from ...codecs.keys import (  # noqa: F401  (re-exported for the suites)
    BASE58,
    ED25519_PUB,
    P256_PUB,
    PrivateKey,
    PublicKey,
    b64url,
    base58_decode,
    base58_encode,
    did_key,
    key_from_jwk,
    key_from_multibase,
    multikey,
    public_jwk,
    sign,
    unb64url,
    verify,
)

if TYPE_CHECKING:
    from conformance.area import JsonObject


def key_of_method(method: object) -> PublicKey:
    """The public key of a verification method (publicKeyJwk or publicKeyMultibase)."""
    if not isinstance(method, dict):
        raise ValueError(msg("identity.method-not-object"))
    if "publicKeyJwk" in method:
        return key_from_jwk(method["publicKeyJwk"])
    if isinstance(method.get("publicKeyMultibase"), str):
        return key_from_multibase(method["publicKeyMultibase"])
    raise ValueError(msg("identity.method-no-key"))


def find_method(document: object, method_id: str) -> JsonObject | None:
    """The verification method with this id (absolute or relative to the document's DID)."""
    if not isinstance(document, dict) or not isinstance(document.get("id"), str):
        return None
    did = document["id"]
    candidates = list(document.get("verificationMethod") or [])
    for name in ("authentication", "assertionMethod", "capabilityInvocation"):
        candidates.extend(e for e in document.get(name) or [] if isinstance(e, dict))
    for method in candidates:
        if isinstance(method, dict) and isinstance(method.get("id"), str):
            absolute = did + method["id"] if method["id"].startswith("#") else method["id"]
            if absolute == method_id or (method_id.startswith("#") and absolute == did + method_id):
                return method
    return None


def operation_payload(body: JsonObject) -> bytes:
    """What a registrar operation's signature covers: the RFC 8785 canonical form of the
    request body without its ``secret`` member (where the signature itself travels)."""
    from ...codecs.jcs import canonicalize

    return canonicalize({k: v for k, v in body.items() if k != "secret"})


def alg_of(private_key: PrivateKey) -> str:
    return "EdDSA" if isinstance(private_key, ed25519.Ed25519PrivateKey) else "ES256"


def signed_operation(body: JsonObject, private_key: PrivateKey, kid: str, name: str) -> JsonObject:
    """``body`` with ``secret.signingResponse.<name>`` holding a signature by ``kid``'s key
    (client-managed secret mode: the private key never leaves the client)."""
    signature = b64url(sign(private_key, operation_payload(body)))
    response: JsonObject = {name: {"kid": kid, "alg": alg_of(private_key), "signature": signature}}
    return {**body, "secret": {"signingResponse": response}}
