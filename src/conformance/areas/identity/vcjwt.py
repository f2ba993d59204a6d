"""Credentials and presentations secured as JWTs: VC 1.1 JWTs (VC Data Model 1.1 6.3.1
"JWT and JWS Considerations") and SD-JWT key binding (RFC 9901 4.3, 7.3).

A VC 1.1 JWT is a compact JWS whose payload carries the credential in its ``vc`` claim (a
presentation: ``vp``); the registered claims stand for data-model properties:

=========  ===============================  ==================
claim      credential                       presentation
=========  ===============================  ==================
``iss``    ``issuer`` (or ``issuer.id``)    ``holder``
``sub``    ``credentialSubject.id``         (none)
``jti``    ``id``                           ``id``
``nbf``    ``issuanceDate``                 (none)
``exp``    ``expirationDate``               (none)
=========  ===============================  ==================

A file holding such a token (``.jwt``, or a JSON string) is read as the credential the
token carries (:func:`parse`), the claims put in place of the properties, so the data-model
requirements judge it as any other; what the mapping itself requires (the claim present and
an object, NumericDate times, a claim and the property it stands for agreeing) is
:func:`claim_findings`, and the signature is checked with the issuer's key (``kid``, else
``iss``): did:key and did:jwk decoded locally, other DIDs among the DID documents given.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric import ec

from conformance import Finding, NonConformance, msg, reason
from conformance.area import parse_json

from ...codecs.keys import unb64url
from . import jose, proofs
from .multikey import multikey_parts

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

    from .didresults import Unresolved

_B64 = r"[A-Za-z0-9_-]"
#: A compact JWS (RFC 7515 7.1) and an SD-JWT (RFC 9901 4: the issuer-signed JWT, each
#: disclosure followed by "~", then an optional key binding JWT).
COMPACT = re.compile(rf"{_B64}+\.{_B64}+\.{_B64}*")
SD_JWT = re.compile(rf"{_B64}+\.{_B64}+\.{_B64}*~(?:{_B64}+~)*(?:{_B64}+\.{_B64}+\.{_B64}*)?")
#: Claim -> credential property it stands for (VC 1.1 6.3.1), and for a presentation.
CREDENTIAL_CLAIMS = {"jti": "id", "nbf": "issuanceDate", "exp": "expirationDate"}
NUMERIC_DATES = ("nbf", "exp", "iat")


class JwtDocument(dict[str, "JsonValue"]):
    """The credential or presentation a JWT carries, its claims put in place of the
    properties they stand for; the token, its header and payload stay with it."""

    form: str  #: "vc", "vp" (VC 1.1 JWT), "sd-jwt", or "jwt" (neither claim)
    token: str
    header: JsonObject
    payload: JsonObject


def is_token(text: str) -> bool:
    # whole: the patterns match in linear time, and the text is already bounded by 5.1's response bound
    return bool(COMPACT.fullmatch(text) or SD_JWT.fullmatch(text))


def parse(body: bytes, *, what: str) -> object:
    """A credential file: a JWT (``.jwt``, or a JSON string holding one) decoded to the
    credential or presentation it carries; any other file as JSON."""
    text = body.strip().decode("ascii", "replace")
    if is_token(text):
        return decode(text, what=what)
    value = parse_json(body, what=what)
    if isinstance(value, str) and is_token(value.strip()):
        return decode(value.strip(), what=what)
    return value


def _segment(part: str) -> JsonValue:
    return json.loads(unb64url(part))


def decode(token: str, *, what: str = "token") -> JwtDocument:
    """The document a JWT or SD-JWT carries (a non-conformance when it does not decode)."""
    jws = token.split("~")[0]
    try:
        header, payload = _segment(jws.split(".")[0]), _segment(jws.split(".")[1])
    except ValueError:
        raise NonConformance(msg("identity.jwt-not-json", what=what)) from None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise NonConformance(msg("identity.jwt-not-object", what=what))
    form = "sd-jwt" if "~" in token else "vc" if "vc" in payload else "vp" if "vp" in payload else "jwt"
    document = JwtDocument(_mapped(payload, form))
    document.form, document.token, document.header, document.payload = form, token, header, payload
    return document


def _date(value: JsonValue) -> JsonValue:
    """A NumericDate as the date-time it stands for; anything else as it is (R2 judges it)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e11:
        try:
            return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        except (OverflowError, OSError, ValueError):
            return value
    return value


def _mapped(payload: JsonObject, form: str) -> JsonObject:
    """VC 1.1 6.3.1 (decoding): the ``vc``/``vp`` object with the claims in place of the properties."""
    if form == "sd-jwt":
        return dict(payload)
    inner = payload.get(form) if form in ("vc", "vp") else None
    if not isinstance(inner, dict):
        return {}
    document = dict(inner)
    if "jti" in payload:
        document["id"] = payload["jti"]
    if form == "vp":
        if "iss" in payload:
            document["holder"] = payload["iss"]
        return document
    if "iss" in payload:
        issuer = document.get("issuer")
        if isinstance(issuer, dict):
            document["issuer"] = {**issuer, "id": payload["iss"]}
        else:
            document["issuer"] = payload["iss"]
    for claim, name in CREDENTIAL_CLAIMS.items():
        if claim in payload and claim != "jti":
            document[name] = _date(payload[claim])
    subject = document.get("credentialSubject")
    if "sub" in payload and isinstance(subject, dict):
        document["credentialSubject"] = {**subject, "id": payload["sub"]}
    return document


def form_of(data: object) -> str | None:
    return data.form if isinstance(data, JwtDocument) else None


def _f(message: str, pointer: str, rule: str) -> Finding:
    return Finding(message, pointer=pointer, rule=rule)


def _instant(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
        return parsed.timestamp() if parsed.tzinfo is not None else None
    return None


def claim_findings(document: JwtDocument) -> Iterator[Finding]:
    """What VC 1.1 6.3.1 requires of a JWT's header and claims: ``typ``, if present, is
    ``JWT``; the ``vc`` (or ``vp``) claim is an object, times are NumericDates, and a claim and
    the property it stands for agree when the object also carries the property. Pointers are
    into the JWT's payload (``/header/...``: its header)."""
    payload, form = document.payload, document.form
    if form == "jwt":
        yield _f(msg("identity.jwt-no-vc-claim"), "/vc", "R1")
        return
    if form == "sd-jwt":
        return
    typ = document.header.get("typ")
    if typ is not None and typ != "JWT":  # VC 1.1 6.3.1: typ, if present, MUST be set to JWT
        yield _f(msg("identity.jwt-typ", typ=repr(typ)[:60]), "/header/typ", "R5")
    inner = payload.get(form)
    if not isinstance(inner, dict):
        yield _f(msg("identity.jwt-claim-object", claim=form), f"/{form}", "R1")
        return
    for claim in NUMERIC_DATES:
        value = payload.get(claim)
        if claim in payload and (not isinstance(value, int | float) or isinstance(value, bool)):
            yield _f(msg("identity.jwt-numeric-date", claim=claim), f"/{claim}", "R2")
    for claim in ("iss", "sub", "jti"):
        if claim in payload and not isinstance(payload[claim], str):
            yield _f(msg("identity.jwt-claim-string", claim=claim), f"/{claim}", "R2")
    pairs = [("jti", "id")]
    pairs += [("iss", "holder")] if form == "vp" else [("iss", "issuer"), ("nbf", "issuanceDate"),
                                                         ("exp", "expirationDate")]
    for claim, name in pairs:
        if claim not in payload or name not in inner:
            continue
        held = inner[name]
        if name in ("issuer", "holder") and isinstance(held, dict):
            held, name = held.get("id"), f"{name}/id"
        if claim in NUMERIC_DATES:
            agree = _instant(held) is not None and _instant(held) == _instant(payload[claim])
        else:
            agree = held == payload[claim]
        if not agree:
            yield _f(msg("identity.jwt-claim-disagrees", claim=claim, property=name, form=form),
                     f"/{form}/{name}", "R3")
    subject = inner.get("credentialSubject")
    if form == "vc" and "sub" in payload and isinstance(subject, dict) and "id" in subject \
            and subject["id"] != payload["sub"]:
        yield _f(msg("identity.jwt-claim-disagrees", claim="sub", property="credentialSubject/id", form=form),
                 "/vc/credentialSubject/id", "R3")


def embedded_tokens(document: object) -> list[tuple[str, str]]:
    """(pointer, token) of each credential a presentation carries as a JWT string (VC 1.1 6.3.1)."""
    entries = document.get("verifiableCredential") if isinstance(document, dict) else None
    listed = entries if isinstance(entries, list) else [entries] if entries is not None else []
    return [(f"/verifiableCredential/{i}" if isinstance(entries, list) else "/verifiableCredential", entry)
            for i, entry in enumerate(listed) if isinstance(entry, str) and is_token(entry)]


# --- keys -------------------------------------------------------------------------------

def key_from_jwk(jwk: object) -> proofs.PublicKey:
    """A public key from a JWK: secp256k1 here (ES256K), the rest as proofs decodes them."""
    if isinstance(jwk, dict) and jwk.get("kty") == "EC" and jwk.get("crv") == "secp256k1":
        x, y = unb64url(jwk.get("x", "")), unb64url(jwk.get("y", ""))
        return ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"),
                                             ec.SECP256K1()).public_key()
    return proofs.key_from_jwk(jwk)


def key_resolver(documents: Mapping[str, JsonValue | Unresolved] | None = None) -> Callable[[str], proofs.PublicKey]:
    """did:jwk and did:key (secp256k1 included) decoded locally; other DIDs looked up in
    ``documents`` (a did:web issuer's document, by its ``id``)."""
    fallback = proofs.offline_resolver(documents)

    def key_of(method_id: str) -> proofs.PublicKey:
        did = method_id.split("#")[0]
        if did.startswith("did:jwk:"):  # a DID that does not decode: ValueError (a wrong key, not a missing one)
            return key_from_jwk(json.loads(unb64url(did.removeprefix("did:jwk:"))))
        if did.startswith("did:key:zQ3s"):
            codec, raw = multikey_parts(did.removeprefix("did:key:"))
            if codec == 0xE7:
                return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256K1(), raw)
        return fallback(method_id)
    return key_of


def unsecured(document: JwtDocument) -> bool:
    """An unsecured JWT (alg "none", RFC 7519 6: no signature) carrying a credential or
    presentation with no embedded proof: nothing secures it, so it is invalid, not undecided
    (RFC 8725 3.1: a verifier does not accept "none" where a signature is expected). With an
    embedded proof, that proof is what secures it, and is judged as such."""
    if document.header.get("alg") != "none":
        return False
    inner = document.payload.get(document.form) if document.form in ("vc", "vp") else document.payload
    return not (isinstance(inner, dict) and "proof" in inner) and "proof" not in document


def signing_key_id(document: JwtDocument) -> str | None:
    """The verification method the JWS names: ``kid`` (a fragment joined to ``iss``), else ``iss``."""
    kid, iss = document.header.get("kid"), document.payload.get("iss")
    if isinstance(kid, str) and kid.startswith("#") and isinstance(iss, str):
        return iss + kid
    if isinstance(kid, str):
        return kid
    return iss if isinstance(iss, str) else None


def verify(document: JwtDocument, key_of: Callable[[str], proofs.PublicKey]) -> tuple[str, str]:
    """(VERIFIED | FAILED | NOT_VERIFIED, why) for the issuer's (or holder's) JWS."""
    if "alg" not in document.header:  # RFC 7515 4.1.1: alg is required
        return proofs.FAILED, msg("identity.jwt-no-alg")
    if unsecured(document):
        return proofs.FAILED, msg("identity.jwt-unsecured")
    kid = signing_key_id(document)
    if kid is None:
        return proofs.NOT_VERIFIED, msg("identity.jws-kid")
    return _verify_with(document.token.split("~")[0], {**document.header, "kid": kid}, key_of)


def verify_sd_jwt(token: str, key_of: Callable[[str], proofs.PublicKey]) -> tuple[str, str]:
    """The issuer part of an SD-JWT (:func:`jose.verify_sd_jwt`), a key that does not decode
    being a failure rather than an error."""
    try:
        return jose.verify_sd_jwt(token, key_of)
    except (ValueError, TypeError) as exc:
        return proofs.FAILED, msg("identity.jwt-key-undecodable", reason=reason(exc))


def _verify_with(jws: str, header: JsonObject, key_of: Callable[[str], proofs.PublicKey]) -> tuple[str, str]:
    kid, alg = header.get("kid"), header.get("alg")
    if not isinstance(kid, str):
        return proofs.NOT_VERIFIED, msg("identity.jws-kid")
    try:
        key = key_of(kid)
    except proofs.Unavailable as exc:
        return proofs.NOT_VERIFIED, reason(exc)
    except (ValueError, TypeError) as exc:  # a key that is there but does not decode
        return proofs.FAILED, msg("identity.jwt-did-undecodable", did=kid[:80], reason=reason(exc))
    if not isinstance(alg, str) or alg not in jose.JOSE_ALGS:
        return proofs.NOT_VERIFIED, msg("identity.jws-alg", alg=repr(alg), algs=", ".join(jose.JOSE_ALGS))
    head, body, signature = jws.split(".")
    try:
        raw = unb64url(signature)
    except ValueError:
        return proofs.FAILED, msg("identity.jws-encoding")
    return jose.check_jws(alg, key, f"{head}.{body}".encode("ascii"), raw)


# --- SD-JWT key binding (RFC 9901 4.3, 7.3) --------------------------------------------

#: the ``_sd_alg`` hashes the harness computes: one list for ID-VC-006 and ID-VC-007 (forty-first reading, bx1)
SD_ALGS = jose.SD_ALGS
#: the check (a finding's extra ``check``) for what the key binding check could not judge (the
#: caller: a member not judged)
UNJUDGED = "kb-unjudged"
#: ID-VC-006's rule each key binding check judges (the report's Rule column names the text's R-number).
#: ``kb-encoding`` (a KB-JWT that does not decode) breaks R1 (RFC 9901 4.3: a KB-JWT is a JWT); UNJUDGED breaks
#: no rule (an input not judged): no R-number.
KB_RULES = {"kb-encoding": "R1", "kb-typ": "R1", "kb-signature": "R2", "kb-sd-hash": "R3", "kb-claims": "R4", "kb-present": "R5"}


def _kb(message: str, pointer: str, check: str) -> Finding:
    return Finding.of(message, pointer=pointer, rule=KB_RULES.get(check), check=check)


def sd_hash(token: str, algorithm: str) -> str:
    """RFC 9901 4.3.1: the digest over the SD-JWT up to and including the last "~"."""
    presented = token[:token.rindex("~") + 1]
    digest = hashlib.new(SD_ALGS[algorithm], presented.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _issuer_payload(token: str) -> tuple[JsonObject | None, str]:
    """The issuer JWT's payload (None when it does not decode to an object) and the KB-JWT."""
    issuer_jws, _, kb = token.rpartition("~")
    try:
        payload = _segment(issuer_jws.split("~")[0].split(".")[1])
    except (ValueError, IndexError):
        return None, kb
    return (payload if isinstance(payload, dict) else None), kb


def key_binding_applies(token: str, *, presented: bool) -> bool:
    """Whether ID-VC-006 judges this SD-JWT: its issuer JWT decodes, and it carries a KB-JWT or
    is presented while its issuer JWT has ``cnf`` (3.24: otherwise there is nothing to judge)."""
    payload, kb = _issuer_payload(token)
    return payload is not None and bool(kb or (presented and payload.get("cnf") is not None))


def key_binding_findings(token: str, key_of: Callable[[str], proofs.PublicKey], *,
                         presented: bool) -> Iterator[Finding]:
    """What RFC 9901 requires of an SD-JWT's key binding: a KB-JWT (the part after the last
    "~") of ``typ`` ``kb+jwt``, signed with the key the issuer's ``cnf`` claim names, whose
    ``sd_hash`` is the digest of the presented SD-JWT and which carries ``iat``, ``nonce``
    and ``aud``; and, when the SD-JWT is presented (in a presentation) and its issuer asks
    for binding (``cnf``), a KB-JWT at all. Pointers name the part (``/kb-jwt/...``)."""
    payload, kb = _issuer_payload(token)
    if payload is None:
        return  # an issuer JWS not decoding to an object: ID-VC-004's (file) or ID-VC-007's (envelope)
    cnf = payload.get("cnf")
    if not kb:
        if presented and cnf is not None:
            yield _kb(msg("identity.kb-missing"), "/kb-jwt", "kb-present")
        return
    parts = kb.split(".")
    try:
        header, claims, signature = _segment(parts[0]), _segment(parts[1]), unb64url(parts[2])
    except (ValueError, IndexError):
        yield _kb(msg("identity.kb-encoding"), "/kb-jwt", "kb-encoding")
        return
    if not isinstance(header, dict) or not isinstance(claims, dict):
        yield _kb(msg("identity.kb-encoding"), "/kb-jwt", "kb-encoding")
        return
    if header.get("typ") != "kb+jwt":
        yield _kb(msg("identity.kb-typ", typ=repr(header.get("typ"))[:60]), "/kb-jwt/header/typ", "kb-typ")
    for claim in ("iat", "nonce", "aud"):
        if claim not in claims:
            yield _kb(msg("identity.kb-claim", claim=claim), f"/kb-jwt/payload/{claim}", "kb-claims")
    algorithm = payload.get("_sd_alg", "sha-256")
    if not isinstance(algorithm, str) or algorithm not in SD_ALGS:  # one the harness does not compute
        yield _kb(msg("identity.kb-unjudged-sd-alg", alg=repr(algorithm)[:40]), "/_sd_alg", UNJUDGED)
    elif claims.get("sd_hash") != sd_hash(token, algorithm):
        yield _kb(msg("identity.kb-sd-hash"), "/kb-jwt/payload/sd_hash", "kb-sd-hash")
    yield from _kb_signature(cnf, header, f"{parts[0]}.{parts[1]}".encode("ascii"), signature, key_of)


def _kb_signature(cnf: object, header: JsonObject, signed: bytes, signature: bytes,
                  key_of: Callable[[str], proofs.PublicKey]) -> Iterator[Finding]:
    if not isinstance(cnf, dict) or not ("jwk" in cnf or isinstance(cnf.get("kid"), str)):
        yield _kb(msg("identity.kb-no-cnf"), "/cnf", "kb-signature")
        return
    alg = header.get("alg")
    if not isinstance(alg, str) or alg.lower() == "none":  # RFC 9901 4.3: signed, never "none"
        yield _kb(msg("identity.jws-alg", alg=repr(alg)[:40], algs=", ".join(jose.JOSE_ALGS)),
                 "/kb-jwt/header/alg", "kb-signature")
        return
    if alg not in jose.JOSE_ALGS:  # a JWS algorithm the harness does not verify: not judged
        yield _kb(msg("identity.kb-unjudged-alg", alg=repr(alg)[:40], algs=", ".join(jose.JOSE_ALGS)),
                 "/kb-jwt/header/alg", UNJUDGED)
        return
    try:
        key = key_from_jwk(cnf["jwk"]) if "jwk" in cnf else key_of(cnf["kid"])
    except proofs.Unavailable as exc:  # the key was not found (offline): not judged
        yield _kb(msg("identity.kb-key", reason=reason(exc)), "/cnf", UNJUDGED)
        return
    except (ValueError, TypeError) as exc:
        yield _kb(msg("identity.kb-key", reason=reason(exc)), "/cnf", "kb-signature")
        return
    outcome, why = jose.check_jws(alg, key, signed, signature)
    if outcome != proofs.VERIFIED:
        yield _kb(msg("identity.kb-signature", reason=why), "/kb-jwt", "kb-signature")
