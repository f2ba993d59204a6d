"""A user's data export signed by the platform that gives it (IF-TDX-001, trusted data exchange).

IF-UDP-002's seal (sha-256-jcs) is keyless: whoever alters a package in transit can recompute its
digest. The signature is what tells the package a platform gave from an altered one: a JWS in
compact serialization with detached content (RFC 7515 5.2 and appendix F), ``alg`` EdDSA over an
Ed25519 key (RFC 8037 3.1), whose payload is the bytes IF-UDP-002's digest hashes, the RFC 8785
form of the package without its ``integrity`` member. It sits in ``integrity.signature``, so the
digest and the signature cover the same bytes and neither covers the other. The key is the one
the platform's discovery document publishes as ``user_data.signature_key`` (a did:key
verification method), served at the platform's own origin: what binds the key to the platform.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING

from conformance import msg
from conformance.codecs.bases import b64url, unb64url
from conformance.codecs.dataintegrity import key_of_method
from conformance.codecs.jcs import canonicalize
from conformance.codecs.keys import verify

from .userdata import sealed_digest

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: RFC 8037 3.1: the JWS algorithm of an Ed25519 signature
ALG = "EdDSA"
#: the display name the tampered copy carries (what the harness altered is visible in the record)
TAMPERED_NAME = "conformance-tampered-after-signing"


def signing_input(protected: str, package: JsonObject) -> bytes:
    """RFC 7515 5.2 step 8's input: the protected header as sent, '.', the detached payload
    (the package without its integrity member, RFC 8785) base64url-encoded."""
    unsealed = {k: v for k, v in package.items() if k != "integrity"}
    return f"{protected}.{b64url(canonicalize(unsealed))}".encode("ascii")


def signature_problem(package: JsonObject, declared_key: JsonValue) -> str | None:
    """Why the package's signature does not show it given by the platform whose discovery
    document declared ``declared_key`` (None: it does)."""
    if not isinstance(declared_key, str):
        return msg("interfaces.tdx-no-key", key=repr(declared_key)[:80])
    try:
        key = key_of_method(declared_key)
    except ValueError:
        return msg("interfaces.tdx-key-unusable", key=declared_key[:120])
    integrity = package.get("integrity")
    jws = integrity.get("signature") if isinstance(integrity, dict) else None
    parts = jws.split(".") if isinstance(jws, str) else []
    if len(parts) != 3 or parts[1] != "":
        return msg("interfaces.tdx-no-signature")
    try:
        header = json.loads(unb64url(parts[0]))
        signature = unb64url(parts[2])
    except ValueError:  # bad base64url, or a header that is no JSON (JSONDecodeError is one)
        return msg("interfaces.tdx-no-signature")
    if not isinstance(header, dict) or header.get("alg") != ALG or header.get("kid") != declared_key:
        named = header.get("kid") == declared_key if isinstance(header, dict) else False
        return msg("interfaces.tdx-header", alg=repr(header.get("alg") if isinstance(header, dict) else None),
                   kid=msg("interfaces.tdx-kid-published" if named else "interfaces.tdx-kid-other"))
    try:
        data = signing_input(parts[0], package)
    except (TypeError, ValueError):  # a value RFC 8785 cannot express: IF-UDP-002 reports it too
        return msg("interfaces.udp-not-canonical")
    if not verify(key, signature, data):
        return msg("interfaces.tdx-signature-invalid")
    return None


def tampered(package: JsonObject) -> JsonObject:
    """The package as one who altered it in transit would pass it on: the profile's display
    name changed and the holdings removed (no asset can then conflict at the importing
    platform), the sha-256-jcs digest recomputed, the signature kept."""
    altered = copy.deepcopy(package)
    profile = altered.get("profile")
    if isinstance(profile, dict):
        profile["display_name"] = TAMPERED_NAME
    altered["holdings"] = []
    integrity = altered.get("integrity")
    if isinstance(integrity, dict):
        try:
            integrity["digest"] = sealed_digest(altered)
        except (TypeError, ValueError):
            pass  # not canonical: IF-UDP-002's finding; the copy is still altered
    return altered
