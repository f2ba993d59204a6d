"""JWS signature algorithms (RFC 7518 3.3, 3.4 and 3.5, RFC 8037, RFC 8812) checked with the
``cryptography`` package: what every securing mechanism of the identity area verifies with
(Data Integrity cryptosuites, detached-JWS Linked Data proofs, JOSE and COSE envelopes)."""

from __future__ import annotations

import base64
import hashlib
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from conformance import msg

from ...codecs.jcs import canonicalize

if TYPE_CHECKING:
    from conformance.area import JsonObject

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey

#: JWS algorithm -> (key kind, curve name or None, hash).
JWS_ALGS: dict[str, tuple[str, str | None, type[hashes.HashAlgorithm] | None]] = {
    "EdDSA": ("Ed25519", None, None), "Ed25519": ("Ed25519", None, None),
    "ES256": ("EC", "secp256r1", hashes.SHA256), "ES384": ("EC", "secp384r1", hashes.SHA384),
    "ES256K": ("EC", "secp256k1", hashes.SHA256), "PS256": ("RSA", None, hashes.SHA256),
    "RS256": ("RSA-PKCS1", None, hashes.SHA256)}


def signature_ok(alg: str, key: PublicKey, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` (as JWS encodes it: raw r||s for ECDSA) over ``data`` verifies
    with ``key`` under JWS algorithm ``alg``; ValueError when the key is not of the kind the
    algorithm needs."""
    kind, curve, digest = JWS_ALGS[alg]
    try:
        if kind == "Ed25519" or digest is None:  # EdDSA: the hash is the signature scheme's own
            if not isinstance(key, ed25519.Ed25519PublicKey):
                raise ValueError(msg("identity.jws-needs-ed25519", alg=alg))
            key.verify(signature, data)
        elif kind in ("RSA", "RSA-PKCS1"):
            if not isinstance(key, rsa.RSAPublicKey):
                raise ValueError(msg("identity.jws-needs-rsa", alg=alg))
            scheme = (padding.PKCS1v15() if kind == "RSA-PKCS1"  # RS256: RSASSA-PKCS1-v1_5 (RFC 7518 3.3)
                      else padding.PSS(mgf=padding.MGF1(digest()), salt_length=padding.PSS.DIGEST_LENGTH))
            key.verify(signature, data, scheme, digest())
        else:
            if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != curve:
                raise ValueError(msg("identity.jws-needs-curve", alg=alg, curve=str(curve)))
            size = (key.curve.key_size + 7) // 8
            if len(signature) != 2 * size:
                return False
            der = encode_dss_signature(int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big"))
            key.verify(der, data, ec.ECDSA(digest()))
    except InvalidSignature:
        return False
    return True


#: The members of a JWK its RFC 7638 thumbprint covers, by key type (RFC 7638 3.2).
THUMBPRINT_MEMBERS = {"EC": ("crv", "kty", "x", "y"), "OKP": ("crv", "kty", "x"), "RSA": ("e", "kty", "n")}


def jwk_thumbprint(jwk: JsonObject) -> str | None:
    """RFC 7638: base64url SHA-256 of the JCS form of the key type's required members."""
    required = THUMBPRINT_MEMBERS.get(str(jwk.get("kty")))
    if required is None or not all(isinstance(jwk.get(name), str) for name in required):
        return None
    digest = hashlib.sha256(canonicalize({name: jwk[name] for name in required})).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
