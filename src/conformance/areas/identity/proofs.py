"""Verifying W3C Data Integrity proofs offline: ``eddsa-rdfc-2022``, ``eddsa-jcs-2022``,
``ecdsa-rdfc-2019`` and ``ecdsa-jcs-2019`` (P-256 with SHA-256, P-384 with SHA-384), and
the ``Ed25519Signature2020`` proof type deployed credentials still carry.

Each cryptosuite hashes two things and verifies one signature over their concatenation:
the proof configuration (the proof without ``proofValue``, carrying the document's
``@context``) and the document without ``proof``, each canonicalised (RDFC-1.0 over the
JSON-LD, with the bundled contexts, or RFC 8785 JCS). The key comes from the verification
method: a did:key is decoded locally; any other DID is resolved only among the DID
documents handed in (e.g. another input of the run). Nothing is fetched; when the key or a
context is not available offline the answer says so instead of guessing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from ...codecs.jcs import canonicalize
from ...codecs.keys import base58_decode, unb64url
from ...messages import Message, msg, reason
from . import jsonld
from .didcore import methods, multikey_parts

SUITES = ("eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019")
#: Linked Data proof types issued before Data Integrity named cryptosuites, by the suite that
#: hashes and signs exactly as they do. Ed25519Signature2020 (W3C CCG, still what most
#: deployed education and workforce credentials carry): the proof options with the
#: document's @context and the document, each RDFC-1.0 canonicalised and SHA-256 hashed,
#: signed with Ed25519, proofValue in base58btc multibase: eddsa-rdfc-2022's procedure.
LEGACY = {"Ed25519Signature2020": "eddsa-rdfc-2022"}
CURVES = {0x1200: ec.SECP256R1, 0x1201: ec.SECP384R1}
VERIFIED, FAILED, NOT_VERIFIED = "verified", "does not verify", "not verified"

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey


class Unavailable(Exception):
    """What is needed to verify is not available offline (key, context, suite)."""


def key_from_multikey(value: str) -> PublicKey:
    codec, raw = multikey_parts(value)
    if codec == 0xED and len(raw) == 32:
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    if codec in CURVES:
        return ec.EllipticCurvePublicKey.from_encoded_point(CURVES[codec](), raw)
    raise Unavailable(msg("identity.proof-codec-unsupported", codec=hex(codec)))


def key_from_jwk(jwk: Any) -> PublicKey:
    if not isinstance(jwk, dict):
        raise Unavailable(msg("identity.proof-jwk-not-object"))
    if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(unb64url(jwk.get("x", "")))
    curve = {"P-256": ec.SECP256R1, "P-384": ec.SECP384R1}.get(jwk.get("crv", ""))
    if jwk.get("kty") == "EC" and curve is not None:
        x, y = unb64url(jwk.get("x", "")), unb64url(jwk.get("y", ""))
        return ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"), curve()).public_key()
    raise Unavailable(msg("identity.proof-jwk-unsupported", kty=repr(jwk.get("kty")), crv=repr(jwk.get("crv"))))


def offline_resolver(documents: Mapping[str, Any] | None = None) -> Callable[[str], PublicKey]:
    """A key resolver: did:key decoded locally, other DIDs looked up in ``documents``."""
    known = dict(documents or {})

    def key_of(method_id: str) -> PublicKey:
        did = method_id.split("#")[0]
        if did.startswith("did:key:"):
            return key_from_multikey(did.removeprefix("did:key:"))
        document = known.get(did)
        if document is None:
            raise Unavailable(msg("identity.proof-did-offline", did=did))
        for _, method in methods(document):
            mid = method.get("id")
            absolute = did + mid if isinstance(mid, str) and mid.startswith("#") else mid
            if absolute == method_id:
                if isinstance(method.get("publicKeyMultibase"), str):
                    return key_from_multikey(method["publicKeyMultibase"])
                return key_from_jwk(method.get("publicKeyJwk"))
        raise Unavailable(msg("identity.proof-no-method", did=did, method=method_id))
    return key_of


def _canonical(value: dict[str, Any], suite: str) -> bytes:
    if suite.endswith("-jcs-2022") or suite.endswith("-jcs-2019"):
        return canonicalize(value)
    from pyld import jsonld as pyld

    try:
        text = pyld.normalize(value, {"algorithm": "URDNA2015", "format": "application/n-quads",
                                      "documentLoader": jsonld._loader})
    except pyld.JsonLdError as exc:
        inner = jsonld._cause(exc)
        if isinstance(inner, jsonld.UnknownContext):
            raise Unavailable(msg("identity.proof-context-unknown", url=inner.url)) from None
        raise Unavailable(msg("identity.proof-rdfc-failed", error=str(exc))) from None
    except (RecursionError, KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise Unavailable(msg("identity.proof-processor-failed", error=type(exc).__name__)) from None
    return str(text).encode("utf-8")


def suite_of(proof: dict[str, Any]) -> Any:
    """The cryptosuite a proof is verified with (a legacy proof type's equivalent)."""
    kind = proof.get("type")
    return proof.get("cryptosuite") if kind == "DataIntegrityProof" else LEGACY.get(str(kind))


def hash_data(document: dict[str, Any], proof: dict[str, Any], digest: Callable[[bytes], Any]) -> bytes:
    suite = suite_of(proof)
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in document:
        config["@context"] = document["@context"]
    return digest(_canonical(config, suite)).digest() + digest(_canonical(unsecured, suite)).digest()


def verify(document: Any, key_of: Callable[[str], PublicKey]) -> tuple[str, Message]:
    """(VERIFIED | FAILED | NOT_VERIFIED, why) for the document's Data Integrity proof(s)."""
    proofs = document.get("proof") if isinstance(document, dict) else None
    if proofs is None:
        return NOT_VERIFIED, msg("identity.proof-none")
    # A proof set (VC Data Integrity 2.1): every proof is judged on its own, so a failing proof
    # is reported even after one that cannot be checked offline.
    failed: list[Message] = []
    unchecked: list[Message] = []
    for i, proof in enumerate(proofs if isinstance(proofs, list) else [proofs]):
        try:
            if not _one(document, proof, key_of):
                suite = suite_of(proof) if proof.get("type") == "DataIntegrityProof" else proof.get("type")
                failed.append(msg("identity.proof-signature", index=i, suite=str(suite)))
        except Unavailable as exc:
            unchecked.append(msg("identity.proof-at", index=i, reason=reason(exc)))
        except ValueError as exc:
            failed.append(msg("identity.proof-at", index=i, reason=reason(exc)))
    if failed:
        return FAILED, failed[0]
    if unchecked:
        return NOT_VERIFIED, unchecked[0]
    return VERIFIED, msg("identity.proof-verified")


def _one(document: dict[str, Any], proof: Any, key_of: Callable[[str], PublicKey]) -> bool:
    if not isinstance(proof, dict) or (proof.get("type") != "DataIntegrityProof" and proof.get("type") not in LEGACY):
        shown = str(proof.get("type")) if isinstance(proof, dict) else repr(proof)
        raise Unavailable(msg("identity.proof-type-unsupported", type=shown))
    suite, value, method = suite_of(proof), proof.get("proofValue"), proof.get("verificationMethod")
    if suite not in SUITES:
        raise Unavailable(msg("identity.proof-suite-unsupported", suite=repr(suite), suites=", ".join(SUITES)))
    if not isinstance(value, str) or not value.startswith("z") or not isinstance(method, str):
        raise ValueError(msg("identity.proof-members"))
    if len(value) > 1024:  # a signature is at most a few hundred characters; base58 decoding is quadratic
        raise ValueError(msg("identity.proof-value-too-long", length=len(value)))
    signature = base58_decode(value[1:])
    key = key_of(method)
    if suite.startswith("eddsa"):
        if not isinstance(key, ed25519.Ed25519PublicKey):
            raise ValueError(msg("identity.proof-needs-ed25519", suite=suite))
        try:
            key.verify(signature, hash_data(document, proof, hashlib.sha256))
            return True
        except InvalidSignature:
            return False
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise ValueError(msg("identity.proof-needs-ec", suite=suite))
    size = (key.curve.key_size + 7) // 8
    if len(signature) != 2 * size:
        return False
    wide = key.curve.name == "secp384r1"
    data = hash_data(document, proof, hashlib.sha384 if wide else hashlib.sha256)
    der = encode_dss_signature(int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big"))
    try:
        key.verify(der, data, ec.ECDSA(hashes.SHA384() if wide else hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


# --- VC-JOSE-COSE: enveloped credentials and presentations (JWS, SD-JWT, COSE) ----------

JOSE_ALGS = {"EdDSA": None, "Ed25519": None, "ES256": ec.SECP256R1, "ES384": ec.SECP384R1,
             "ES256K": ec.SECP256K1}  # ES256K: RFC 8812 3.2, secp256k1 with SHA-256


def verify_jose(token: str, key_of: Callable[[str], PublicKey]) -> tuple[str, Message | str]:
    """(VERIFIED | FAILED | NOT_VERIFIED, why) for a compact JWS securing a credential: the
    key is the one ``kid`` names (a did:key DID URL, or a method of a given DID document)."""
    import json

    parts = token.split(".")
    if len(parts) != 3:
        return FAILED, msg("identity.jws-parts")
    try:
        header = json.loads(unb64url(parts[0]))
        signature = unb64url(parts[2])
    except ValueError:
        return FAILED, msg("identity.jws-encoding")
    if not isinstance(header, dict):
        return FAILED, msg("identity.jws-header-object")
    alg, kid = header.get("alg"), header.get("kid")
    if alg not in JOSE_ALGS:
        return NOT_VERIFIED, msg("identity.jws-alg", alg=repr(alg), algs=", ".join(JOSE_ALGS))
    if not isinstance(kid, str):
        return NOT_VERIFIED, msg("identity.jws-kid")
    try:
        key = key_of(kid)
    except Unavailable as exc:
        return NOT_VERIFIED, reason(exc)
    return check_jws(alg, key, f"{parts[0]}.{parts[1]}".encode("ascii"), signature)


def check_jws(alg: str, key: PublicKey, signed: bytes, signature: bytes) -> tuple[str, Message]:
    """(VERIFIED | FAILED, why): a JWS signature (RFC 7515/7518/8037/8812) checked with ``key``."""
    try:
        curve = JOSE_ALGS[alg]
        if curve is None:
            if not isinstance(key, ed25519.Ed25519PublicKey):
                return FAILED, msg("identity.jws-needs-ed25519", alg=alg)
            key.verify(signature, signed)
        else:
            if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != curve.name:
                return FAILED, msg("identity.jws-needs-curve", alg=alg, curve=curve.name)
            size = (key.curve.key_size + 7) // 8
            if len(signature) != 2 * size:
                return FAILED, msg("identity.jws-ecdsa-size")
            der = encode_dss_signature(int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big"))
            key.verify(der, signed, ec.ECDSA(hashes.SHA384() if alg == "ES384" else hashes.SHA256()))
    except InvalidSignature:
        return FAILED, msg("identity.jws-signature")
    return VERIFIED, msg("identity.jws-verified")


def enveloped_tokens(document: Any) -> list[tuple[str, str]]:
    """(pointer, data: URL) of each enveloped credential or presentation: the document itself
    when it is one (``EnvelopedVerifiableCredential`` / ``EnvelopedVerifiablePresentation``,
    VC 2.0 4.13), and each EnvelopedVerifiableCredential of a presentation."""
    found: list[tuple[str, str]] = []
    if not isinstance(document, dict):
        return found
    if _enveloped(document):
        found.append(("/id", document["id"]))
    entries = document.get("verifiableCredential")
    for i, entry in enumerate(entries if isinstance(entries, list) else [entries] if entries else []):
        if isinstance(entry, dict) and _enveloped(entry):
            found.append((f"/verifiableCredential/{i}/id", entry["id"]))
    return found


def _enveloped(node: dict[str, Any]) -> bool:
    kinds = node.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return (any(k in ("EnvelopedVerifiableCredential", "EnvelopedVerifiablePresentation") for k in kinds)
            and isinstance(node.get("id"), str) and node["id"].startswith("data:"))


def verify_enveloped(url: str, key_of: Callable[[str], PublicKey]) -> tuple[str, Message | str]:
    """An enveloped credential or presentation judged by its own securing mechanism, named by
    the media type of its data: URL (VC-JOSE-COSE 3): a compact JWS (``+jwt``), an SD-JWT
    (``+sd-jwt``: the issuer's JWS and every disclosure's digest), or COSE (not verified)."""
    head, _, token = url.partition(",")
    media = head.removeprefix("data:").split(";")[0].strip().lower()
    if media.endswith("+sd-jwt"):
        return verify_sd_jwt(token, key_of)
    if media.endswith("+jwt"):
        return verify_jose(token, key_of)
    if media.endswith("+cose"):
        return NOT_VERIFIED, msg("identity.enveloped-cose")
    return NOT_VERIFIED, msg("identity.enveloped-media-type", media=media[:80])


def verify_sd_jwt(token: str, key_of: Callable[[str], PublicKey]) -> tuple[str, Message | str]:
    """An SD-JWT (``<issuer JWS>~<disclosure>~...~[<key binding JWT>]``, RFC 9901): the issuer's
    JWS verifies, and every disclosure's digest (base64url of its hash, ``_sd_alg``, SHA-256 by
    default) is one the signed payload or another disclosure lists. A key binding JWT is not
    verified (it binds a presentation to a verifier's nonce, which a file does not carry)."""
    import base64
    import json

    issuer_jws, *rest = token.split("~")
    outcome, why = verify_jose(issuer_jws, key_of)
    if outcome != VERIFIED:
        return outcome, why
    disclosures = rest[:-1] if rest else []  # the last part is the key binding JWT, or empty
    try:
        payload = json.loads(unb64url(issuer_jws.split(".")[1]))
    except ValueError:
        return FAILED, msg("identity.jws-encoding")
    algorithm = payload.get("_sd_alg", "sha-256") if isinstance(payload, dict) else "sha-256"
    if algorithm not in ("sha-256", "sha-384", "sha-512"):
        return NOT_VERIFIED, msg("identity.sd-jwt-alg", alg=repr(algorithm)[:40])
    digest = getattr(hashlib, algorithm.replace("-", ""))
    listed: set[str] = set()
    _collect_digests(payload, listed)
    for disclosure in disclosures:
        try:
            _collect_digests(json.loads(unb64url(disclosure)), listed)
        except ValueError:
            return FAILED, msg("identity.sd-jwt-disclosure-encoding")
    for i, disclosure in enumerate(disclosures):
        hashed = base64.urlsafe_b64encode(digest(disclosure.encode("ascii")).digest()).rstrip(b"=").decode()
        if hashed not in listed:
            return FAILED, msg("identity.sd-jwt-disclosure-unlisted", index=i)
    return VERIFIED, msg("identity.sd-jwt-verified", count=len(disclosures))


def _collect_digests(node: Any, into: set[str]) -> None:
    """Digests an SD-JWT payload (or a disclosed value) lists: ``_sd`` arrays and array
    elements ``{"...": digest}``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "_sd" and isinstance(value, list):
                into.update(v for v in value if isinstance(v, str))
            elif key == "..." and isinstance(value, str):
                into.add(value)
            else:
                _collect_digests(value, into)
    elif isinstance(node, list):
        for value in node:
            _collect_digests(value, into)
