"""The reference's signature on a user's data export (IF-TDX-001): a JWS with detached content
(RFC 7515 appendix F), alg EdDSA (RFC 8037), over the RFC 8785 form of the package without its
integrity member, in ``integrity.signature``; the key is published in the discovery document as
``user_data.signature_key``. An import verifies the signature with the key its ``kid`` names
before taking the package, so a package altered after signing is refused whatever its digest.

One key per process: two reference platforms served by one process sign with the same key,
which the checks do not mind (they compare each export with its own platform's declaration).
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ...codecs.bases import b64url, unb64url
from ...codecs.dataintegrity import key_of_method, verification_method
from ...codecs.jcs import canonicalize
from ...codecs.keys import verify

DEFECTS: dict[str, str] = {
    "user-export-unsigned": "a user's data export carries no signature (its integrity member only the keyless digest)",
    "user-export-signed-undeclared-key": "a user's data export is signed with a key other than the one the discovery "
                                         "document publishes",
    "user-import-signature-unchecked": "an import takes a package whose signature does not verify (altered after "
                                       "signing, its digest recomputed)",
    "user-export-digest-uppercase": "a user's data export writes its sha-256-jcs digest in uppercase hex, which the "
                                    "schema's base16 pattern refuses (RFC 4648 8: lowercase)",
}

_KEY = Ed25519PrivateKey.generate()
_OTHER_KEY = Ed25519PrivateKey.generate()  # user-export-signed-undeclared-key's


def signature_key() -> str:
    """The did:key verification method the discovery document publishes."""
    return verification_method(_KEY.public_key())


def _input(protected: str, package: dict[str, Any]) -> bytes:
    unsealed = {k: v for k, v in package.items() if k != "integrity"}
    return f"{protected}.{b64url(canonicalize(unsealed))}".encode("ascii")


def signed(package: dict[str, Any], defects: frozenset[str]) -> dict[str, Any]:
    """The sealed package with its signature added to its integrity member."""
    if "user-export-digest-uppercase" in defects:  # the signature covers the package without its integrity member
        package = {**package, "integrity": {**package["integrity"], "digest": package["integrity"]["digest"].upper()}}
    if "user-export-unsigned" in defects:
        return package
    key = _OTHER_KEY if "user-export-signed-undeclared-key" in defects else _KEY
    protected = b64url(json.dumps({"alg": "EdDSA", "kid": verification_method(key.public_key())}).encode())
    jws = f"{protected}..{b64url(key.sign(_input(protected, package)))}"
    return {**package, "integrity": {**package["integrity"], "signature": jws}}


def signature_errors(package: dict[str, Any], defects: frozenset[str]) -> list[str]:
    """Why an imported package's signature does not hold (empty: it does)."""
    if "user-import-signature-unchecked" in defects:
        return []
    jws = package.get("integrity", {}).get("signature")
    parts = jws.split(".") if isinstance(jws, str) else []
    if len(parts) != 3 or parts[1]:
        return ["export.integrity.signature must be a JWS with detached content"]
    try:
        header = json.loads(unb64url(parts[0]))
        key = key_of_method(str(header.get("kid")) if isinstance(header, dict) else "")
        valid = header.get("alg") == "EdDSA" and verify(key, unb64url(parts[2]), _input(parts[0], package))
    except (ValueError, TypeError):
        valid = False
    return [] if valid else ["export.integrity.signature does not verify over the package"]
