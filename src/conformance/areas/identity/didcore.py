"""Verification methods as DID Core 1.0 §5.2 and the DID Specification Registries define
them: which material property a method carries is decided by its ``type``, and the
registries list the properties (some deprecated). The JSON Schema keeps the document's
shape; what depends on the type, on decoding, or on the DID method lives here, so that
every finding names the member's JSON pointer and the rule in plain words.

Unknown extension properties and unregistered method types are allowed (DID Core §4.1:
a consumer ignores what it does not understand); only what is known is judged.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from conformance import Finding, Message, msg, reason

from ...codecs.bases import base58_decode, unb64url
from .multikey import MAX_KEY_TEXT, TooLong, multikey_parts

if TYPE_CHECKING:
    from conformance.area import SchemaRegistry
    from conformance.area import JsonObject

#: Verification material properties of the DID Specification Registries (now DID
#: Extensions; w3c/did-spec-registries properties/index.html at c315db9: publicKeyJwk,
#: publicKeyMultibase, blockchainAccountId, and the deprecated publicKeyBase58,
#: publicKeyHex, ethereumAddress; publicKeyBase64 and publicKeyPem of earlier editions, and
#: publicKeyPgp of PgpVerificationKey2021). True marks the deprecated ones.
MATERIAL = {
    "publicKeyJwk": False,
    "publicKeyMultibase": False,
    "blockchainAccountId": False,
    "publicKeyBase58": True,
    "publicKeyBase64": True,
    "publicKeyHex": True,
    "publicKeyPem": True,
    "ethereumAddress": True,
    "publicKeyPgp": False,
}

#: Material that names an account rather than holding a key: it may stand beside a key
#: property (did:pkh, did:ethr), since it is not the same material expressed twice.
ACCOUNT = ("blockchainAccountId", "ethereumAddress")

#: Properties of condition-based methods (VerifiableCondition2021): they stand in for material.
CONDITIONS = ("conditionOr", "conditionAnd", "conditionThreshold", "conditionWeightedThreshold",
              "conditionDelegated", "relationshipParent", "relationshipChild", "relationshipSibling")

#: Registered method types whose specification fixes the material property.
TYPE_MATERIAL = {
    "JsonWebKey2020": ("publicKeyJwk",),
    "JsonWebKey": ("publicKeyJwk",),
    "Multikey": ("publicKeyMultibase",),
    "Ed25519VerificationKey2020": ("publicKeyMultibase",),
    "X25519KeyAgreementKey2020": ("publicKeyMultibase",),
}

#: Multicodec key codecs (the multicodec table) with the key length after the prefix
#: (compressed points for the elliptic curves, as the Multikey format asks).
CODECS: dict[int, tuple[str, tuple[int, ...]]] = {
    0xED: ("ed25519-pub", (32,)),
    0xEC: ("x25519-pub", (32,)),
    0xE7: ("secp256k1-pub", (33,)),
    0xEA: ("bls12_381-g1-pub", (48,)),
    0xEB: ("bls12_381-g2-pub", (96,)),
    0xEE: ("bls12_381-g1g2-pub", (144,)),
    0x1200: ("p256-pub", (33,)),
    0x1201: ("p384-pub", (49,)),
    0x1202: ("p521-pub", (67,)),
    0x1203: ("ed448-pub", (57,)),
    0x1204: ("x448-pub", (56,)),
    0x1205: ("rsa-pub", ()),
}

#: Method types whose specification implies one multicodec.
TYPE_CODEC = {
    "Ed25519VerificationKey2020": 0xED,
    "X25519KeyAgreementKey2020": 0xEC,
    "Bls12381G1Key2020": 0xEA,
    "Bls12381G2Key2020": 0xEB,
}

#: RFC 7517/7518/8037: the members each key type needs, and the coordinate size per curve.
JWK_REQUIRED = {"EC": ("crv", "x"), "OKP": ("crv", "x"), "RSA": ("n", "e")}
#: RFC 7518 6.2.1.3: the registered EC curves also need "y" (curves registered elsewhere,
#: e.g. BLS12381_G2 in the BLS key drafts, define their own members).
EC_WITH_Y = ("P-256", "P-384", "P-521", "secp256k1")
CURVE_BYTES = {"P-256": 32, "P-384": 48, "P-521": 66, "secp256k1": 32, "Ed25519": 32, "X25519": 32,
               "Ed448": 57, "X448": 56}
#: BLS12-381 curve names in JWKs, by the family that registered each, with the key type that
#: family gives them and the bytes of a compressed point (48 on G1, 96 on G2; an affine
#: coordinate has as many). The IETF drafts (draft-ietf-cose-bls-key-representations,
#: draft-ietf-jose-json-proof-algorithms) register Bls12381G1/Bls12381G2 as kty OKP: x the
#: compressed point, or x and y the coordinates. The W3C CCG's Bls12381G2Key2020 / did:key
#: JsonWebKey2020 form (MATTR's and Transmute's keys; the W3C DID test suite's did:key
#: documents) names BLS12381_G1/BLS12381_G2 with kty EC: x the compressed point, or x and y.
BLS_CURVES = {"Bls12381G1": ("OKP", 48), "Bls12381G2": ("OKP", 96),
              "BLS12381_G1": ("EC", 48), "BLS12381_G2": ("EC", 96)}
JWK_PRIVATE = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")

# CAIP-10 account id: namespace:reference:address; the earlier "address@namespace:reference"
# form of the 2020 drafts is still served by did:ethr resolvers and noted, not rejected.
CAIP10 = re.compile(r"[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}:[-.%a-zA-Z0-9]{1,128}")
CAIP10_LEGACY = re.compile(r"[-.%a-zA-Z0-9]{1,128}@[-a-z0-9]{3,8}(?::[-_a-zA-Z0-9]{1,32})?")
HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")


class Note(Finding):
    """A SHOULD-level remark (deprecated material): recorded as a note, never a failure."""

    __slots__ = ()


class Unjudged(Finding):
    """Key text past 5.1's reading bound 「密钥文本的长度」 (``MAX_KEY_TEXT``): not decoded, so the document is not
    judged whole; its case is inconclusive when nothing else fails, never failed for the bound."""

    __slots__ = ()


def _codec_problem(codec: int, key: bytes, method_type: object) -> Message | None:
    wanted = TYPE_CODEC.get(method_type) if isinstance(method_type, str) else None
    if wanted is not None and codec != wanted:
        have = CODECS.get(codec, (hex(codec),))[0]
        return msg("identity.codec-type", type=method_type, wanted=CODECS[wanted][0], have=have)
    if codec not in CODECS:
        return None  # a codec this harness does not know (DID Core 4.1: ignore, not reject)
    name, lengths = CODECS[codec]
    if lengths and len(key) not in lengths:
        return msg("identity.codec-length", codec=name, lengths="/".join(map(str, lengths)), length=len(key))
    return None


def jwk_problems(jwk: object, pointer: str) -> Iterator[Finding]:
    if not isinstance(jwk, dict):
        yield Finding.of(msg("identity.jwk-object"), pointer=pointer, check="jwk-object")
        return
    for member in JWK_PRIVATE:
        if member in jwk:
            yield Finding.of(msg("identity.jwk-private-member", member=repr(member)),
                          pointer=f"{pointer}/{member}", check="jwk-no-private-member")
    kty = jwk.get("kty")
    if not isinstance(kty, str) or not kty:
        yield Finding.of(msg("identity.jwk-kty"), pointer=f"{pointer}/kty", check="jwk-kty")
        return
    for member in JWK_REQUIRED.get(kty, ()):
        if member not in jwk:
            yield Finding.of(msg("identity.jwk-required-member", kty=kty, member=repr(member)),
                          pointer=f"{pointer}/{member}", check="jwk-required-member")
    if kty == "EC" and jwk.get("crv") in EC_WITH_Y and "y" not in jwk:
        yield Finding.of(msg("identity.jwk-ec-y", crv=jwk["crv"]),
                      pointer=f"{pointer}/y", check="jwk-required-member")
    crv = jwk.get("crv")
    if isinstance(crv, str) and crv in BLS_CURVES:
        yield from _bls_jwk_problems(jwk, kty, crv, pointer)
        return
    size = CURVE_BYTES.get(crv) if kty in ("EC", "OKP") and isinstance(crv, str) else None
    for member in ("x", "y") if kty == "EC" else ("x",) if kty == "OKP" else ():
        if member not in jwk:
            continue
        try:
            decoded = unb64url(jwk[member])
        except ValueError:
            yield Finding.of(msg("identity.jwk-base64url", member=repr(member)),
                          pointer=f"{pointer}/{member}", check="jwk-base64url")
            continue
        if size is not None and len(decoded) != size:
            yield Finding.of(msg("identity.jwk-coordinate-size", crv=jwk["crv"], member=repr(member), size=size,
                                  length=len(decoded)),
                          pointer=f"{pointer}/{member}", check="jwk-coordinate-size")


def _bls_jwk_problems(jwk: JsonObject, kty: str, crv: str, pointer: str) -> Iterator[Finding]:
    """A BLS12-381 JWK in the form its curve name's family registered (:data:`BLS_CURVES`):
    that family's kty, with x (the compressed point) or x and y (the coordinates)."""
    family_kty, size = BLS_CURVES[crv]
    if kty != family_kty or "x" not in jwk:
        yield Finding.of(msg("identity.jwk-bls-form", crv=crv, expected=family_kty, kty=kty, members=", ".join(sorted(
            m for m in ("x", "y") if m in jwk)) or "none"), pointer=f"{pointer}/kty", check="jwk-bls-form")
        return
    for member in ("x", "y") if "y" in jwk else ("x",):
        value = jwk[member]
        try:
            decoded = unb64url(value) if isinstance(value, str) else None
        except ValueError:
            decoded = None
        if decoded is None:
            yield Finding.of(msg("identity.jwk-base64url", member=repr(member)),
                          pointer=f"{pointer}/{member}", check="jwk-base64url")
            continue
        if len(decoded) != size:
            yield Finding.of(msg("identity.jwk-coordinate-size", crv=crv, member=repr(member), size=size,
                              length=len(decoded)), pointer=f"{pointer}/{member}", check="jwk-coordinate-size")


def material_problems(method: object, pointer: str) -> Iterator[Finding]:
    """Findings (and :class:`Note`\\ s) on one verification method's material."""
    if not isinstance(method, dict):
        return
    method_type = method.get("type")
    present = [name for name in MATERIAL if name in method]
    if not present:
        if not any(name in method for name in CONDITIONS):
            yield Finding.of(msg("identity.material-present", properties=", ".join(MATERIAL)),
                          pointer=pointer, check="material-present", actual=sorted(method))
        return
    for group in ([n for n in present if n not in ACCOUNT], [n for n in present if n in ACCOUNT]):
        for extra in group[1:]:
            yield Finding.of(msg("identity.material-exactly-one", first=group[0], extra=extra),
                          pointer=f"{pointer}/{extra}", check="material-exactly-one")
    for name in present[:1] + [n for n in present[1:] if n in ACCOUNT and present[0] not in ACCOUNT][:1]:
        yield from _one_material(method, method_type, name, f"{pointer}/{name}")


def _one_material(method: JsonObject, method_type: object, name: str, at: str) -> Iterator[Finding]:
    value = method[name]
    expected = TYPE_MATERIAL.get(method_type) if isinstance(method_type, str) else None
    if expected and name not in expected and name not in ACCOUNT:
        yield Finding.of(msg("identity.material-matches-type", type=method_type, expected="/".join(expected),
                          name=name), pointer=at, check="material-matches-type")
    if MATERIAL[name]:
        yield Note.of(msg("identity.material-deprecated", name=name), pointer=at, check="material-deprecated")
    if name == "publicKeyJwk":
        yield from jwk_problems(value, at)
        return
    if not isinstance(value, str):
        yield Finding.of(msg("identity.material-string", name=name), pointer=at, check="material-string")
        return
    try:
        problem = _string_problem(name, value, method_type)
    except TooLong as exc:
        yield Unjudged.of(reason(exc), pointer=at, check=f"{name}-past-bound")
        return
    if problem:
        yield Finding.of(msg("identity.material-encoding", name=name, problem=problem), pointer=at,
                      check=f"{name}-encoding")
    elif name == "blockchainAccountId" and not CAIP10.fullmatch(value):
        yield Note.of(msg("identity.caip10-legacy"), pointer=at, check="blockchainAccountId-legacy")


def _string_problem(name: str, value: str, method_type: object) -> Message | None:
    if name == "publicKeyMultibase":
        try:
            codec, key = multikey_parts(value)
        except TooLong:
            raise  # not decoded, so not judged: the caller marks it
        except ValueError as exc:
            return msg("identity.does-not-decode", reason=reason(exc))
        if method_type in TYPE_CODEC or method_type == "Multikey" or value[:1] == "z" and codec in CODECS:
            return _codec_problem(codec, key, method_type)
        return None
    if name == "publicKeyBase58":
        if not value or any(c not in "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz" for c in value):
            return msg("identity.must-be-base58")
        return None
    if name == "publicKeyHex":
        if value[:2] in ("0x", "0X") and HEX.fullmatch(value[2:]):  # the registry's form is bare hex
            return msg("identity.hex-with-prefix")
        return None if HEX.fullmatch(value) else msg("identity.must-be-hex")
    if name == "publicKeyBase64":
        try:
            base64.b64decode(value, validate=True)
        except (ValueError, binascii.Error):
            return msg("identity.must-be-base64")
        return None
    if name == "publicKeyPem":
        if not value.lstrip().startswith("-----BEGIN"):
            return msg("identity.must-be-pem")
        from cryptography.exceptions import UnsupportedAlgorithm  # only for a PEM key: a start stays lean
        from cryptography.hazmat.primitives.serialization import load_pem_public_key

        try:  # a PEM block that is no public key ("-----BEGIN PUBLIC X...") is no key material
            public = load_pem_public_key(value.encode("ascii", "replace"))
        except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
            return msg("identity.pem-not-a-key", reason=type(exc).__name__)
        return _pem_type_problem(public, method_type)
    if name == "ethereumAddress":
        return None if re.fullmatch(r"0x[0-9a-fA-F]{40}", value) else msg("identity.must-be-ethereum-address")
    if name == "blockchainAccountId":
        if CAIP10.fullmatch(value) or CAIP10_LEGACY.fullmatch(value):
            return None
        return msg("identity.must-be-caip10")
    return None


#: Method types whose specification fixes the kind of key (the DID Specification Registries'
#: entries: Ed25519 and X25519 keys of the 2018-2020 suites, the secp256k1 and P-256 ECDSA
#: 2019 types, RSA 2018): a PEM key of another kind is not the type's key.
PEM_KINDS = {
    "Ed25519VerificationKey2018": "Ed25519", "Ed25519VerificationKey2020": "Ed25519",
    "X25519KeyAgreementKey2019": "X25519", "X25519KeyAgreementKey2020": "X25519",
    "EcdsaSecp256k1VerificationKey2019": "secp256k1", "EcdsaSecp256r1VerificationKey2019": "secp256r1",
    "RsaVerificationKey2018": "RSA",
}


def _pem_kind(key: object) -> str:
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, x448, x25519

    kinds = ((ed25519.Ed25519PublicKey, "Ed25519"), (x25519.X25519PublicKey, "X25519"),
             (ed448.Ed448PublicKey, "Ed448"), (x448.X448PublicKey, "X448"), (rsa.RSAPublicKey, "RSA"))
    for cls, name in kinds:
        if isinstance(key, cls):
            return name
    return key.curve.name if isinstance(key, ec.EllipticCurvePublicKey) else type(key).__name__


def _pem_type_problem(key: object, method_type: object) -> Message | None:
    wanted = PEM_KINDS.get(method_type) if isinstance(method_type, str) else None
    have = _pem_kind(key)
    return msg("identity.pem-type", type=method_type, wanted=wanted, have=have) if wanted and have != wanted else None


def methods(document: JsonObject) -> Iterator[tuple[str, JsonObject]]:
    """(pointer, method) of every verification method the document declares or embeds."""
    from_list = document.get("verificationMethod")
    for i, method in enumerate(from_list if isinstance(from_list, list) else []):
        if isinstance(method, dict):
            yield f"/verificationMethod/{i}", method
    for name in ("authentication", "assertionMethod", "keyAgreement", "capabilityInvocation",
                 "capabilityDelegation"):
        entries = document.get(name)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict):
                yield f"/{name}/{i}", entry


def _raw_key(method: JsonObject) -> bytes | None:
    """The key bytes a method holds, in the form did:key encodes them, where comparable; TooLong past 5.1's reading
    bound 「密钥文本的长度」."""
    multibase, base58 = method.get("publicKeyMultibase"), method.get("publicKeyBase58")
    if isinstance(base58, str) and not isinstance(multibase, str) and len(base58) > MAX_KEY_TEXT:
        raise TooLong(msg("identity.multibase-too-long", length=len(base58), limit=MAX_KEY_TEXT))
    try:
        if isinstance(multibase, str):
            return multikey_parts(multibase)[1]
        if isinstance(base58, str):
            return base58_decode(base58)
        jwk = method.get("publicKeyJwk")
        x, y = (jwk.get("x", ""), jwk.get("y", "")) if isinstance(jwk, dict) else ("", "")
        if not isinstance(x, str) or not isinstance(y, str):
            return None
        if isinstance(jwk, dict) and jwk.get("kty") == "OKP":
            return unb64url(x)
        if isinstance(jwk, dict) and jwk.get("kty") == "EC":
            y_bytes = unb64url(y)
            return bytes([2 + (y_bytes[-1] & 1)]) + unb64url(x) if y_bytes else None
    except TooLong:
        raise
    except ValueError:
        return None
    return None


def did_jwk_problems(document: JsonObject) -> Iterator[Finding]:
    """did:jwk: the DID is the base64url of the JWK, and the document's method ``#0`` holds
    that JWK (did:jwk specification, "Read")."""
    did = document.get("id")
    if not isinstance(did, str) or not did.startswith("did:jwk:"):
        return
    try:
        import json

        encoded = json.loads(unb64url(did[len("did:jwk:"):]))
    except ValueError:
        yield Finding.of(msg("identity.did-jwk-identifier"), pointer="/id",
                      check="did-jwk-identifier")
        return
    for pointer, method in methods(document):
        if isinstance(method.get("id"), str) and method["id"] in ("#0", f"{did}#0"):
            if method.get("publicKeyJwk") != encoded:
                yield Finding.of(msg("identity.did-jwk-agreement"),
                              pointer=f"{pointer}/publicKeyJwk", check="did-jwk-agreement")
            return
    yield Finding.of(msg("identity.did-jwk-method"),
                  pointer="/verificationMethod", check="did-jwk-method")


def did_key_problems(document: JsonObject) -> Iterator[Finding]:
    """did:key: the document follows from the DID (did:key 0.7 §3.1.2), so the method whose
    fragment is the DID's key must hold that key."""
    did = document.get("id")
    if not isinstance(did, str) or not did.startswith("did:key:"):
        return
    encoded = did[len("did:key:"):]
    try:
        codec, key = multikey_parts(encoded)
    except TooLong as exc:
        yield Unjudged.of(reason(exc), pointer="/id", check="did-key-past-bound")
        return
    except ValueError as exc:
        yield Finding.of(msg("identity.did-key-identifier", reason=reason(exc)), pointer="/id",
                      check="did-key-identifier")
        return
    if codec in (0xE7, 0x1200, 0x1201, 0x1202) and len(key) > 1 and key[0] == 4:
        return  # uncompressed point in the DID: compared forms would differ, not judged
    if codec == 0xEE:
        return  # a BLS12-381 G1+G2 pair expands to two methods, one per key (did:key 0.7 §3.1.2)
    for pointer, method in methods(document):
        method_id = method.get("id")
        if not isinstance(method_id, str) or method_id.rpartition("#")[2] != encoded:
            continue
        try:
            held = _raw_key(method)
        except TooLong as exc:
            yield Unjudged.of(reason(exc), pointer=pointer, check="did-key-past-bound")
            return
        if held is not None and held != key:
            yield Finding.of(msg("identity.did-key-agreement", method=method_id), pointer=pointer,
                          check="did-key-agreement")
        return
    yield Finding.of(msg("identity.did-key-method", fragment=encoded),
                  pointer="/verificationMethod", check="did-key-method")


def document_problems(document: object) -> list[Finding]:
    """Material findings over all methods, then the DID method's own rule."""
    if not isinstance(document, dict):
        return []
    found = [f for pointer, method in methods(document) for f in material_problems(method, pointer)]
    found.extend(did_key_problems(document))
    found.extend(did_jwk_problems(document))
    return found


DID_DOCUMENT_SCHEMA = "https://metaverse-conformance.org/schemas/identity/did-document.json"


def data_model(document: object, schemas: SchemaRegistry) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """ID-DOC-001 on one document: (findings, notes, unjudged). The schema's findings (shape), then the verification
    material by type and the DID method's own rule (did:key); the unjudged are key texts past 5.1's reading bound
    「密钥文本的长度」, each leaving the document unjudged (the caller's ``evidence.unjudged``), so a case judging it is
    inconclusive when nothing else fails, never failed for the bound."""
    found = schemas.findings(document, DID_DOCUMENT_SCHEMA) + document_problems(document)
    return ([f for f in found if not isinstance(f, (Note, Unjudged))], [f for f in found if isinstance(f, Note)],
            [f for f in found if isinstance(f, Unjudged)])


def data_model_findings(document: object, schemas: SchemaRegistry) -> tuple[list[Finding], list[Finding]]:
    """:func:`data_model`'s findings and notes."""
    return data_model(document, schemas)[:2]
