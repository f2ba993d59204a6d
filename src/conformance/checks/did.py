"""DIDs and their keys: base58btc multibase, multicodec public keys (did:key), JWKs.

Used by the identity suite (to turn a DID document's verification material into a key the
harness can verify a signature with) and by the reference implementation. Only public
material is handled here; signing keys live with whoever generated them.

Facts used: multibase ``z`` = base58btc (Bitcoin alphabet); multicodec ``ed25519-pub`` is
0xed (varint ``ed 01``) and ``p256-pub`` is 0x1200 (varint ``80 24``, followed by the
33-byte compressed point); JWKs per RFC 7517/7518 and RFC 8037 (OKP).
"""

from __future__ import annotations

import base64
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_PUB = b"\xed\x01"
P256_PUB = b"\x80\x24"

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey
PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """base64url without padding; raises ValueError on anything else."""
    if not isinstance(text, str) or any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                                        for c in text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = BASE58[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def base58_decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = BASE58.find(char)
        if index < 0:
            raise ValueError(f"{char!r} is not a base58btc character")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def multikey(public_key: PublicKey) -> str:
    """The base58btc multibase (``z...``) of a public key with its multicodec prefix."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return "z" + base58_encode(ED25519_PUB + public_key.public_bytes(Encoding.Raw, PublicFormat.Raw))
    if isinstance(public_key, ec.EllipticCurvePublicKey) and public_key.curve.name == "secp256r1":
        point = public_key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
        return "z" + base58_encode(P256_PUB + point)
    raise ValueError("only Ed25519 and P-256 keys are supported")


def key_from_multibase(value: str) -> PublicKey:
    if not value.startswith("z"):
        raise ValueError("only base58btc (z) multibase is supported")
    raw = base58_decode(value[1:])
    if raw[:2] == ED25519_PUB and len(raw) == 34:
        return ed25519.Ed25519PublicKey.from_public_bytes(raw[2:])
    if raw[:2] == P256_PUB and len(raw) == 35:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:])
    raise ValueError("not an ed25519-pub or p256-pub multicodec key")


def public_jwk(public_key: PublicKey) -> dict[str, str]:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw))}
    if isinstance(public_key, ec.EllipticCurvePublicKey) and public_key.curve.name == "secp256r1":
        numbers = public_key.public_numbers()
        return {"kty": "EC", "crv": "P-256", "x": b64url(numbers.x.to_bytes(32, "big")),
                "y": b64url(numbers.y.to_bytes(32, "big"))}
    raise ValueError("only Ed25519 and P-256 keys are supported")


def key_from_jwk(jwk: Any) -> PublicKey:
    if not isinstance(jwk, dict):
        raise ValueError("a JWK is an object")
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(unb64url(jwk.get("x", "")))
    if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
        x, y = unb64url(jwk.get("x", "")), unb64url(jwk.get("y", ""))
        if len(x) != 32 or len(y) != 32:
            raise ValueError("P-256 coordinates are 32 bytes each")
        return ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"),
                                             ec.SECP256R1()).public_key()
    raise ValueError(f"unsupported JWK (kty {jwk.get('kty')!r}, crv {jwk.get('crv')!r})")


def key_of_method(method: Any) -> PublicKey:
    """The public key of a verification method (publicKeyJwk or publicKeyMultibase)."""
    if not isinstance(method, dict):
        raise ValueError("a verification method is an object")
    if "publicKeyJwk" in method:
        return key_from_jwk(method["publicKeyJwk"])
    if isinstance(method.get("publicKeyMultibase"), str):
        return key_from_multibase(method["publicKeyMultibase"])
    raise ValueError("the verification method has no supported key material")


def did_key(public_key: PublicKey) -> str:
    return "did:key:" + multikey(public_key)


def sign(private_key: PrivateKey, data: bytes) -> bytes:
    """EdDSA for Ed25519, ES256 (raw r||s, RFC 7518 3.4) for P-256."""
    if isinstance(private_key, ed25519.Ed25519PrivateKey):
        return private_key.sign(data)
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    r, s = decode_dss_signature(private_key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def verify(public_key: PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        if isinstance(public_key, ed25519.Ed25519PublicKey):
            public_key.verify(signature, data)
            return True
        from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

        if len(signature) != 64:
            return False
        der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
        public_key.verify(der, data, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def find_method(document: Any, method_id: str) -> dict[str, Any] | None:
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


def operation_payload(body: dict[str, Any]) -> bytes:
    """What a registrar operation's signature covers: the RFC 8785 canonical form of the
    request body without its ``secret`` member (where the signature itself travels)."""
    from .jcs import canonicalize

    return canonicalize({k: v for k, v in body.items() if k != "secret"})


def alg_of(private_key: PrivateKey) -> str:
    return "EdDSA" if isinstance(private_key, ed25519.Ed25519PrivateKey) else "ES256"


def signed_operation(body: dict[str, Any], private_key: PrivateKey, kid: str, name: str) -> dict[str, Any]:
    """``body`` with ``secret.signingResponse.<name>`` holding a signature by ``kid``'s key
    (client-managed secret mode: the private key never leaves the client)."""
    signature = b64url(sign(private_key, operation_payload(body)))
    response = {name: {"kid": kid, "alg": alg_of(private_key), "signature": signature}}
    return {**body, "secret": {"signingResponse": response}}
