"""The public key a proof's verification method names, decoded offline: a Multikey, a JWK, the
raw bytes of the verification method types that define them, a did:key or did:jwk decoded from
the DID itself, any other DID looked up among the controller documents handed in (nothing is
fetched). What :mod:`.proofs` (which re-exports these names) and the envelope verifiers use."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from conformance import msg

from ...codecs.keys import base58_decode, unb64url
from . import didresults
from .didcore import methods
from .jwa import PublicKey, jwk_thumbprint
from .multikey import multikey_parts
from .unchecked import Unavailable, UnsupportedKey

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

CurveOf = Callable[[], ec.EllipticCurve]
CURVES: dict[int, CurveOf] = {0x1200: ec.SECP256R1, 0x1201: ec.SECP384R1, 0xE7: ec.SECP256K1}
JWK_CURVES: dict[str, CurveOf] = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1, "secp256k1": ec.SECP256K1}


#: URL schemes a verification method's controller document can be obtained by (a DID, by
#: resolution; http(s), by retrieval), when it is not given with the run.
DEREFERENCEABLE = ("did", "http", "https")


def key_from_multikey(value: str) -> PublicKey:
    codec, raw = multikey_parts(value)
    if codec == 0xED and len(raw) == 32:
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    if codec in CURVES:
        return ec.EllipticCurvePublicKey.from_encoded_point(CURVES[codec](), raw)
    raise UnsupportedKey(msg("identity.proof-codec-unsupported", codec=hex(codec)), codec, raw)


#: JWK forms of a BLS12-381 G2 key as their families registered them (didcore.BLS_CURVES).
BLS_G2_JWKS = (("OKP", "Bls12381G2"), ("EC", "BLS12381_G2"))


def key_from_jwk(jwk: object) -> PublicKey:
    if not isinstance(jwk, dict):
        raise Unavailable(msg("identity.proof-jwk-not-object"))
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(unb64url(jwk.get("x", "")))
    curve = JWK_CURVES.get(jwk.get("crv", ""))
    if jwk.get("kty") == "EC" and curve is not None:
        x, y = unb64url(jwk.get("x", "")), unb64url(jwk.get("y", ""))
        return ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"), curve()).public_key()
    if jwk.get("kty") == "RSA":
        n, e = unb64url(jwk.get("n", "")), unb64url(jwk.get("e", ""))
        return rsa.RSAPublicNumbers(int.from_bytes(e, "big"), int.from_bytes(n, "big")).public_key()
    if (jwk.get("kty"), jwk.get("crv")) in BLS_G2_JWKS and isinstance(jwk.get("x"), str) and "y" not in jwk:
        # a compressed G2 point (the registered OKP form, or the CCG's EC one): only bbs2020 takes it
        raise UnsupportedKey(msg("identity.proof-codec-unsupported", codec=hex(0xEB)), 0xEB, unb64url(jwk["x"]))
    raise Unavailable(msg("identity.proof-jwk-unsupported", kty=repr(jwk.get("kty")), crv=repr(jwk.get("crv"))))


def offline_resolver(documents: Mapping[str, JsonValue | didresults.Unresolved] | None = None
                     ) -> Callable[[str], PublicKey]:
    """A key resolver: did:key and did:jwk decoded locally, other DIDs looked up in ``documents`` (by
    DID: a DID document, or ``didresults.Unresolved`` when a recorded resolution result says
    the DID does not resolve, which makes a proof naming it fail: ValueError)."""
    known = dict(documents or {})

    def key_of(method_id: str) -> PublicKey:
        did = method_id.split("#")[0]
        if did.startswith("did:key:"):
            return key_from_multikey(did.removeprefix("did:key:"))
        if did.startswith("did:jwk:"):
            return key_from_did_jwk(method_id)
        if not SCHEME.match(method_id):
            # A JOSE/COSE kid need not be a URL (RFC 7515 4.1.4): a bare key id or an RFC 7638
            # JWK thumbprint names a key only a given document can hold; without one it is
            # undecidable here, not a wrong key.
            return _by_bare_kid(method_id, known)
        document = known.get(did)
        if document is None and did.partition(":")[0].lower() not in DEREFERENCEABLE:
            # Controlled Identifiers 1.0 3.3 Retrieve Verification Method: the URL is dereferenced by
            # its scheme's rules; with no such rules (urn:, an unknown scheme) nothing can be retrieved.
            raise ValueError(msg("identity.proof-method-scheme", url=method_id[:200]))
        if document is None:
            raise Unavailable(msg("identity.proof-did-offline", did=did))
        if isinstance(document, didresults.Unresolved):  # a recorded result: the DID does not resolve
            raise ValueError(msg("identity.proof-did-unresolved", did=did, error=document.error[:80]))
        if not isinstance(document, dict):  # not a document: it lists no method
            raise ValueError(msg("identity.proof-no-method", did=did, method=method_id))
        legacy = document.get("publicKey")  # DID drafts before 1.0
        declared = [m for _, m in methods(document)] \
            + [m for m in (legacy if isinstance(legacy, list) else []) if isinstance(m, dict)]
        for method in declared:
            mid = method.get("id")
            absolute = did + mid if isinstance(mid, str) and mid.startswith("#") else mid
            if absolute == method_id:
                return key_from_method(method)
        # the controller document is at hand and lists no such method (CID 1.0 3.3): an error
        raise ValueError(msg("identity.proof-no-method", did=did, method=method_id))
    return key_of


SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def key_from_did_jwk(method_id: str) -> PublicKey:
    """The key of a did:jwk verification method, decoded offline: the DID is the base64url of
    the JWK, and its document's one method is ``#0`` (did:jwk specification, "Read"; the
    document didcore.did_jwk_problems checks). A DID that does not decode, or another fragment,
    names no key of it: ValueError (a wrong key, not a missing one)."""
    import json

    did, _, fragment = method_id.partition("#")
    if fragment not in ("", "0"):
        raise ValueError(msg("identity.proof-no-method", did=did[:200], method=method_id[:200]))
    try:
        jwk = json.loads(unb64url(did.removeprefix("did:jwk:")))
    except ValueError as exc:
        raise ValueError(msg("identity.did-jwk-identifier")) from exc
    return key_from_jwk(jwk)


def _by_bare_kid(kid: str, known: Mapping[str, JsonValue | didresults.Unresolved]) -> PublicKey:
    """The key a kid that is no URL names among the given documents' methods: the method
    whose JWK has that RFC 7638 thumbprint or that ``kid``; Unavailable (what to supply) when
    no given document has it."""
    for document in known.values():
        for _, method in methods(document) if isinstance(document, dict) else []:
            jwk = method.get("publicKeyJwk")
            if isinstance(jwk, dict) and kid in (jwk.get("kid"), jwk_thumbprint(jwk)):
                return key_from_method(method)
    raise Unavailable(msg("identity.proof-kid-bare", kid=kid[:120]))


#: Verification method types whose publicKeyBase58 / publicKeyHex hold raw key bytes: an
#: Ed25519 key, or a (compressed or uncompressed) secp256k1 point.
RAW_KEY_TYPES: dict[str, CurveOf | None] = {
    "Ed25519VerificationKey2018": None, "Ed25519VerificationKey2020": None,
    "EcdsaSecp256k1VerificationKey2019": ec.SECP256K1, "EcdsaSecp256r1VerificationKey2019": ec.SECP256R1}


#: Verification method types whose publicKeyBase58 is a BLS12-381 G2 key (W3C CCG BBS+ 2020).
BLS_G2_TYPES = ("Bls12381G2Key2020",)


def key_from_method(method: JsonObject) -> PublicKey:
    """The public key of a verification method: Multikey multibase, JWK, or the raw bytes
    of publicKeyBase58 / publicKeyHex for the types that define them."""
    multibase = method.get("publicKeyMultibase")
    if isinstance(multibase, str):
        return key_from_multikey(multibase)
    if "publicKeyJwk" in method:
        return key_from_jwk(method.get("publicKeyJwk"))
    kind = method.get("type")
    g2 = method.get("publicKeyBase58")
    if kind in BLS_G2_TYPES and isinstance(g2, str) and len(g2) <= 256:
        # the BBS+ 2020 key type: raw G2 key bytes, which only bbs2020 takes
        raw = base58_decode(g2)
        raise UnsupportedKey(msg("identity.proof-codec-unsupported", codec=hex(0xEB)), 0xEB, raw)
    # publicKeyHex is bare hex in the registry; a 0x prefix (DID documents of Ethereum-era
    # methods write one) leaves the key unambiguous, and ID-DOC-001 names the form.
    decoders: tuple[tuple[str, Callable[[str], bytes]], ...] = (
        ("publicKeyBase58", base58_decode), ("publicKeyHex", lambda text: bytes.fromhex(text.removeprefix("0x"))))
    for name, decode in decoders:
        value = method.get(name)
        if isinstance(value, str) and len(value) <= 256 and isinstance(kind, str) and kind in RAW_KEY_TYPES:
            raw = decode(value)
            curve = RAW_KEY_TYPES[kind]
            if curve is None:
                return ed25519.Ed25519PublicKey.from_public_bytes(raw)
            return ec.EllipticCurvePublicKey.from_encoded_point(curve(), raw)
    raise Unavailable(msg("identity.proof-method-material", type=repr(kind)))
