"""Public keys as text: base58btc multibase with multicodec prefixes (did:key, Multikey),
JWKs, base64url, and the signatures the identity area uses (EdDSA, ES256 raw r||s).

Facts used: multibase ``z`` = base58btc (Bitcoin alphabet); multicodec ``ed25519-pub`` is
0xed (varint ``ed 01``) and ``p256-pub`` is 0x1200 (varint ``80 24``, followed by the
33-byte compressed point); JWKs per RFC 7517/7518 and RFC 8037 (OKP). Tested against the
did:key specification's published keys and RFC 8037's example (``tests/codecs/test_keys.py``).
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from ..messages import msg
# re-exported (the ``as`` forms say so to mypy): the keys' encodings, where areas have long imported them
from .bases import BASE58 as BASE58
from .bases import b64url as b64url
from .bases import base58_decode as base58_decode
from .bases import base58_encode as base58_encode
from .bases import unb64url as unb64url

ED25519_PUB = b"\xed\x01"
P256_PUB = b"\x80\x24"

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey
PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey


def multikey(public_key: PublicKey) -> str:
    """The base58btc multibase (``z...``) of a public key with its multicodec prefix."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return "z" + base58_encode(ED25519_PUB + public_key.public_bytes(Encoding.Raw, PublicFormat.Raw))
    if isinstance(public_key, ec.EllipticCurvePublicKey) and public_key.curve.name == "secp256r1":
        point = public_key.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
        return "z" + base58_encode(P256_PUB + point)
    raise ValueError(msg("codecs.key-type-unsupported"))


def key_from_multibase(value: str) -> PublicKey:
    if not value.startswith("z"):
        raise ValueError(msg("codecs.multibase-z-only"))
    raw = base58_decode(value[1:])
    if raw[:2] == ED25519_PUB and len(raw) == 34:
        return ed25519.Ed25519PublicKey.from_public_bytes(raw[2:])
    if raw[:2] == P256_PUB and len(raw) == 35:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw[2:])
    raise ValueError(msg("codecs.multicodec-unsupported"))


def public_jwk(public_key: PublicKey) -> dict[str, str]:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url(public_key.public_bytes(Encoding.Raw, PublicFormat.Raw))}
    if isinstance(public_key, ec.EllipticCurvePublicKey) and public_key.curve.name == "secp256r1":
        numbers = public_key.public_numbers()
        return {"kty": "EC", "crv": "P-256", "x": b64url(numbers.x.to_bytes(32, "big")),
                "y": b64url(numbers.y.to_bytes(32, "big"))}
    raise ValueError(msg("codecs.key-type-unsupported"))


def key_from_jwk(jwk: object) -> PublicKey:
    if not isinstance(jwk, dict):
        raise ValueError(msg("codecs.jwk-not-object"))
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(unb64url(jwk.get("x", "")))
    if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
        x, y = unb64url(jwk.get("x", "")), unb64url(jwk.get("y", ""))
        if len(x) != 32 or len(y) != 32:
            raise ValueError(msg("codecs.p256-coordinates"))
        return ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"),
                                             ec.SECP256R1()).public_key()
    raise ValueError(msg("codecs.jwk-unsupported", kty=repr(jwk.get("kty")), crv=repr(jwk.get("crv"))))


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
