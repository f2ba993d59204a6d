"""The Data Integrity BIP340 cryptosuites ``bip340-jcs-2025`` and ``bip340-rdfc-2025`` (DCD
"Data Integrity BIP340 Cryptosuite v0.1", the suites of did:btcr2 and other Bitcoin-anchored
issuers): Schnorr signatures over secp256k1 as BIP340 defines them, verified offline.

Hashing is that of the other Data Integrity suites (the proof configuration with the
document's ``@context`` and the document without its proof, each canonicalised with RFC 8785
JCS or RDFC-1.0 and hashed with SHA-256, :func:`proofs.hash_data`), then one step more: the
two hashes, concatenated, are hashed again with SHA-256, and that 32-byte ``hashData`` is
what the BIP340 signature signs (the specification's "Hashing" algorithm step 4 and its
worked example). The key is a secp256k1 public key (a Multikey with header ``0xe701`` and a
33-byte compressed point, as did:key ``zQ3s…`` carries; any lossless form, e.g. a JWK, is
the same key): BIP340 verifies against its x coordinate alone. ``proofValue`` is the 64-byte
signature in multibase: the specification's algorithms and test vectors write base58btc
(``z``), its "Proof Representations" section base64url (``u``); both are read.

The signature check is libsecp256k1's, through ``coincurve`` (a maintained binding on PyPI
that ships the library in its wheels); ``cryptography`` has no Schnorr signatures.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from conformance import msg

from ...codecs.keys import base58_decode
from .unchecked import Unavailable

SUITES = ("bip340-jcs-2025", "bip340-rdfc-2025")
SIGNATURE_LENGTH = 64


def signature_of(value: object) -> bytes:
    """The 64 bytes of a ``proofValue`` in base58btc (``z``) or base64url (``u``) multibase;
    ValueError naming what is wrong."""
    if not isinstance(value, str) or value[:1] not in ("z", "u") or len(value) > 256:
        raise ValueError(msg("identity.bip340-proof-value"))
    try:
        raw = base58_decode(value[1:]) if value[0] == "z" else base64.urlsafe_b64decode(
            value[1:] + "=" * (-len(value[1:]) % 4))
    except (ValueError, binascii.Error):
        raise ValueError(msg("identity.bip340-proof-value")) from None
    if len(raw) != SIGNATURE_LENGTH:
        raise ValueError(msg("identity.bip340-signature-length", length=len(raw)))
    return raw


def x_only(key: object) -> bytes:
    """The 32-byte x coordinate BIP340 verifies against, of a secp256k1 public key; ValueError
    for a key of another kind (the suite's key check)."""
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256k1":
        raise ValueError(msg("identity.bip340-needs-secp256k1"))
    return key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)[1:]


def hash_data(two_hashes: bytes) -> bytes:
    """The specification's ``hashData``: SHA-256 of the proof configuration's hash followed by
    the document's."""
    return hashlib.sha256(two_hashes).digest()


def verify(value: object, key: object, two_hashes: Callable[[], bytes]) -> bool:
    """Whether the BIP340 signature in ``value`` over the document's ``hashData`` verifies
    with ``key``; ValueError when the proof value or the key is not of the suite's kind;
    Unavailable when libsecp256k1 (coincurve) is not installed."""
    signature = signature_of(value)
    public = x_only(key)
    try:
        from coincurve import PublicKeyXOnly
    except ImportError:
        raise Unavailable(msg("identity.bip340-not-installed")) from None
    try:
        return bool(PublicKeyXOnly(public).verify(signature, hash_data(two_hashes())))
    except ValueError:  # libsecp256k1 refused the key or the signature's form
        return False
