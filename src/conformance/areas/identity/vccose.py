"""Verifying COSE-secured credentials and presentations (W3C "Securing Verifiable Credentials
using JOSE and COSE", 3.3 With COSE): a ``COSE_Sign1`` (RFC 9052 4.2, CBOR tag 18) whose
payload is the credential (``application/vc``) or presentation (``application/vp``) JSON,
carried base64-encoded in a ``data:application/vc+cose`` / ``vp+cose`` URL (RFC 2397).

The signature is checked over the ``Sig_structure`` (RFC 9052 4.4: ``["Signature1",
protected, external_aad = b"", payload]`` in CBOR) with the key the ``kid`` header names,
by the same routine that checks JWS signatures (COSE ECDSA signatures are raw r||s too,
RFC 9053 2.1). CBOR is decoded with cbor2: the COSE layer is four array members and a
header map, and the signature routine and the key resolution already exist here, so a COSE
library (pycose brings its own key model and ECDSA backend) would add code paths rather
than remove them. Whatever the bytes are, the answer is a verdict, never an exception.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import unquote_to_bytes

import cbor2

from conformance import Message, msg, reason

from . import jose, proofs, vcmodel
from .didcore import methods
from .jwa import jwk_thumbprint as jwk_thumbprint

if TYPE_CHECKING:
    from conformance.area import JsonValue

    from .didresults import Unresolved
from .jwa import signature_ok

#: COSE algorithm identifiers (IANA "COSE Algorithms") by the JWS algorithm that signs alike.
ALGS = {-7: "ES256", -35: "ES384", -47: "ES256K", -8: "EdDSA", -19: "Ed25519", -37: "PS256"}
ALG, CONTENT_TYPE, KID, TYP = 1, 3, 4, 16
SIGN1_TAG = 18
#: What each envelope media type carries: its payload's content type and its data-model type.
CARRIES = {"vc": ("application/vc", "VerifiableCredential"), "vp": ("application/vp", "VerifiablePresentation")}

Verdict = tuple[str, Message | str]


def verify_url(head: str, data: str, key_of: Callable[[str], proofs.PublicKey],
               documents: Mapping[str, JsonValue | Unresolved] | None = None) -> Verdict:
    """(VERIFIED | FAILED | NOT_VERIFIED, why) for the ``data:`` URL ``head,data`` of an
    enveloped credential (``vc+cose``) or presentation (``vp+cose``)."""
    form = _form(head)
    if form not in CARRIES:
        return proofs.NOT_VERIFIED, msg("identity.enveloped-media-type", media=head.removeprefix("data:")[:80])
    raw = _bytes(head, data)
    if raw is None:
        return proofs.FAILED, msg("identity.cose-base64")
    return verify(raw, form, key_of, documents)


def carried(url: str) -> list[tuple[str, str]]:
    """(pointer in the payload, data: URL) of each enveloped credential a ``vp+cose``
    presentation carries (VC-JOSE-COSE 3.3.2: credentials in a presentation are secured
    themselves), so that each is verified by its own form; none when it does not decode."""
    head, _, data = url.partition(",")
    raw = _bytes(head, data) if _form(head) == "vp" else None
    parts = _sign1(raw) if raw is not None else None
    if parts is None or isinstance(parts, Message) or parts[3] is None:
        return []
    try:
        document = json.loads(parts[3])
    except (ValueError, UnicodeDecodeError):
        return []
    return [(pointer, inner) for pointer, inner in jose.enveloped_tokens(document) if pointer != "/id"]


def _form(head: str) -> str:
    """"vc" or "vp" for a data: URL head of application/vc+cose or vp+cose (else the media type)."""
    media = head.removeprefix("data:").split(";")[0].strip().lower()
    return media.removeprefix("application/").removesuffix("+cose")


def _bytes(head: str, data: str) -> bytes | None:
    """The bytes of a data: URL (RFC 2397): base64, or percent-encoded; None if not base64."""
    if ";base64" not in head.lower():
        return unquote_to_bytes(data)
    try:
        return base64.b64decode(data + "=" * (-len(data) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def verify(raw: bytes, form: str, key_of: Callable[[str], proofs.PublicKey],
           documents: Mapping[str, JsonValue | Unresolved] | None = None) -> Verdict:
    """A COSE_Sign1 (``raw`` CBOR) securing a credential (``form`` "vc") or presentation ("vp")."""
    parts = _sign1(raw)
    if isinstance(parts, Message):
        return proofs.FAILED, parts
    protected_bytes, protected, unprotected, payload, signature = parts
    alg = protected.get(ALG, unprotected.get(ALG))
    if not isinstance(alg, int) or alg not in ALGS:  # any CBOR value, a list included
        return proofs.NOT_VERIFIED, msg("identity.cose-alg", alg=repr(alg)[:40],
                                        algs=", ".join(f"{k} ({v})" for k, v in ALGS.items()))
    if payload is None:
        return proofs.NOT_VERIFIED, msg("identity.cose-detached")
    content_type, kind = CARRIES[form]
    # VC-JOSE-COSE 3.3.1 / 3.3.2: typ (16, RFC 9596) SHOULD be application/vc+cose (vp+cose); one
    # that names another type contradicts the envelope's media type
    typ = protected.get(TYP, unprotected.get(TYP))
    if typ is not None and typ not in (f"application/{form}+cose", f"{form}+cose"):
        return proofs.FAILED, msg("identity.cose-typ", actual=repr(typ)[:80], expected=f"application/{form}+cose")
    declared = protected.get(CONTENT_TYPE, unprotected.get(CONTENT_TYPE))
    if declared is not None and not (isinstance(declared, str) and (declared == content_type or declared.startswith(
            (content_type + "+", content_type + ";")))):  # the type itself, or a more specific one
        return proofs.FAILED, msg("identity.cose-content-type", actual=repr(declared)[:80], expected=content_type)
    try:
        document = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return proofs.FAILED, msg("identity.cose-payload-json")
    kinds = document.get("type") if isinstance(document, dict) else None
    if kind not in (kinds if isinstance(kinds, list) else [kinds]):
        return proofs.FAILED, msg("identity.cose-payload-type", type=kind, media=f"application/{form}+cose")
    kid = protected.get(KID, unprotected.get(KID))
    if isinstance(kid, bytes):
        try:
            kid = kid.decode("utf-8")
        except UnicodeDecodeError:
            kid = None
    if not isinstance(kid, str) or not kid:
        return proofs.NOT_VERIFIED, msg("identity.cose-kid")
    controller = _controller(document, form)
    try:
        key = _key(kid, controller, key_of, documents)
    except proofs.Unavailable as exc:
        return proofs.NOT_VERIFIED, reason(exc)
    except ValueError as exc:  # a key that does not decode: the signer's key is wrong
        return proofs.FAILED, str(exc)[:200]
    signed = cbor2.dumps(["Signature1", protected_bytes, b"", payload])
    try:
        if not signature_ok(ALGS[alg], key, signature, signed):
            return proofs.FAILED, msg("identity.cose-signature")
    except ValueError as exc:
        return proofs.FAILED, reason(exc)
    # What it signs is judged as the credential or presentation it is (VC 2.0 data model):
    # a presentation's enveloped credentials carry data: URLs, and so on (ID-VC-001's rules).
    judged = vcmodel.credential_findings(document) if form == "vc" else vcmodel.presentation_findings(document)
    for finding in judged:
        return proofs.FAILED, msg("identity.cose-payload-model", reason=finding.message, pointer=finding.pointer or "/")
    return proofs.VERIFIED, msg("identity.cose-verified", alg=ALGS[alg])


def _sign1(raw: bytes) -> tuple[bytes, dict[object, object], dict[object, object], bytes | None, bytes] | Message:
    """The members of a COSE_Sign1 (tagged 18, or untagged as RFC 9052 2 allows), or why not."""
    try:
        item = cbor2.loads(raw)
    except (cbor2.CBORError, ValueError, TypeError, LookupError, OverflowError, RecursionError, MemoryError):
        return msg("identity.cose-cbor")
    if isinstance(item, cbor2.CBORTag):
        if item.tag != SIGN1_TAG:
            return msg("identity.cose-tag", tag=item.tag)
        item = item.value
    if not (isinstance(item, (list, tuple)) and len(item) == 4):  # cbor2 6 decodes tagged arrays as tuples
        return msg("identity.cose-structure")
    protected_bytes, unprotected, payload, signature = item
    if not (isinstance(protected_bytes, bytes) and isinstance(unprotected, Mapping)
            and (payload is None or isinstance(payload, bytes)) and isinstance(signature, bytes)):
        return msg("identity.cose-structure")
    try:
        protected = cbor2.loads(protected_bytes) if protected_bytes else {}
    except (cbor2.CBORError, ValueError, TypeError, LookupError, OverflowError, RecursionError, MemoryError):
        return msg("identity.cose-cbor")
    if not isinstance(protected, Mapping):
        return msg("identity.cose-structure")
    return protected_bytes, dict(protected), dict(unprotected), payload, signature


def _controller(document: JsonValue, form: str) -> str | None:
    """Who signs: a credential's issuer, a presentation's holder (their id, or the string)."""
    signer = document.get("issuer" if form == "vc" else "holder") if isinstance(document, dict) else None
    if isinstance(signer, dict):
        signer = signer.get("id")
    return signer if isinstance(signer, str) else None


def _key(kid: str, controller: str | None, key_of: Callable[[str], proofs.PublicKey],
         documents: Mapping[str, JsonValue | Unresolved] | None) -> proofs.PublicKey:
    """The key ``kid`` names: an absolute URL (a DID URL, a controller document's method),
    a fragment of the signer's controller document, or (the JOSE convention) the RFC 7638
    JWK thumbprint of a method's key: in the signer's controller document, else in any
    document given (a thumbprint names one key whoever lists it)."""
    if ":" in kid:
        return key_of(kid)
    if kid.startswith("#"):
        if controller is None:
            raise proofs.Unavailable(msg("identity.cose-kid-relative", kid=kid[:80]))
        return key_of(controller + kid)
    given = dict(documents or {})
    ordered = ([given.pop(controller)] if controller in given else []) + list(given.values())
    for document in ordered:
        for _, method in methods(document) if isinstance(document, dict) else []:
            jwk = method.get("publicKeyJwk")
            if isinstance(jwk, dict) and jwk_thumbprint(jwk) == kid:
                return proofs.key_from_method(method)
    if controller is None:
        raise proofs.Unavailable(msg("identity.cose-kid-relative", kid=kid[:80]))
    return key_of(f"{controller}#{kid}")
