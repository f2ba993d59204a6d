"""Reference credential issuing and verifying, shaped after the W3C VC API:
``POST /credentials/issue`` ``{credential, options}`` → 201 ``{verifiableCredential}`` with an
``eddsa-jcs-2022`` Data Integrity proof by the platform's did:key issuer key;
``POST /credentials/verify`` ``{verifiableCredential}`` → 200 ``{verified: true, checks,
warnings, errors}`` when the proof verifies, else 400 with the ``errors`` (both are answers the
VC API allows; checks.identity.vcapi states the rule).

What it refuses to issue (400, RFC 9457 problem details): a credential whose ``credentialSubject``
is not an object with a member, nor a non-empty array of such objects (VC Data Model 2.0 4.8:
each subject object carries a claim; a credential is a set of claims, 3.2), and a credential
whose ``issuer`` is neither a string (a URL) nor an object with an ``id`` (4.7), or names an
issuer this platform does not hold the key of. VCALM's issue operation (``post
/credentials/issue``, its 400 answer; the ``IssuerRequest`` schema of components/Issuer.yml)
says the ``issuer`` a caller gives MUST align with the instance's configuration, and that a
value that does not is answered 400: the platform never signs a credential as someone else
while replacing the issuer it was asked for. A subject object with only an ``id`` is issued:
the W3C VC 2.0 test suite's own conforming input (credential-ok.json) has one."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...areas.identity.requestbodies import PROBES
from ...areas.identity.vcmodel import UNJUDGED, document_findings
from ...codecs import keys
from ..problems import problem
from . import documents, ed25519_2020
from .status import StatusList
from .registry import Registry, utc_now

#: the harness's VC checks of a subject's claims, which the defect vc-issue-empty-subject ignores
SUBJECT_RULES = frozenset({"subject-present", "subject-claims"})
VC_CONTEXTS = ("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1")
DEFECTS: dict[str, str] = {
    "issue-200": "a credential is issued with 200, not the 201 annex D gives",
    "vc-verify-own-issuer-only": "credential verification refuses every issuer but the platform's own",
    "vc-issue-bad-proof": "issued credentials are signed before the issuer is set, so their proof does not verify",
    "vc-issue-invalid": "issued credentials lose the VerifiableCredential type",
    "vc-issue-legacy-proof": "issued credentials carry an Ed25519Signature2020 proof, not a DataIntegrityProof",
    "vc-issue-unlisted-suite": "issued credentials' DataIntegrityProof names bbs-2023, which ID-VC-003 does not list",
    "vc-verify-accepts-tampered": "the verifier reports every credential as verified",
    "vc-verify-refuses-all": "the verifier refuses every credential, its own issued ones too",
    "vc-verify-refusal-422": "a credential that fails verification is answered 422, not 200 or 400",
    "vc-verify-verified-with-errors": "a failed verification is answered 200 with verified true beside its errors",
    "vc-verify-no-verified-member": "verification is answered 200 with the checks/errors result of earlier VC API "
                                    "drafts, without the verified boolean VCALM and annex D D.56 require",
    "vc-issue-empty-subject": "credentials whose credentialSubject holds no claim ([] or {}) are signed and issued",
    "vc-issue-any-issuer": "an issuer of any JSON type (null, true, 4, []) is accepted and replaced by the platform's",
    "vc-issue-replaces-issuer": "an issuer the platform does not hold is silently replaced by the platform's own",
    # one pair per probe of the harness (issue 79): each lets exactly that probe's violation through
    **{f"vc-issue-signs-{p.key}": f"a credential that breaks VC Data Model 2.0 {p.section} (probe {p.key}) "
                                  "is signed as sent" for p in PROBES},
    **{f"vc-verify-accepts-{p.key}": f"a signed credential that breaks VC Data Model 2.0 {p.section} "
                                     f"(probe {p.key}) is verified" for p in PROBES},
}


def routes(registry: Registry, defects: frozenset[str], bearer: Callable[[Request], object]) -> list[Route]:
    """``bearer``: the session of a request's bearer token (None without a usable one), which the status
    update asks for."""
    key = ed25519.Ed25519PrivateKey.generate()
    issuer = keys.did_key(key.public_key())
    method = f"{issuer}#{keys.multikey(key.public_key())}"
    statuses = StatusList(defects, key, issuer, method, bearer)

    def key_of(method_id: str) -> Any:
        record = registry.get(method_id.split("#")[0])
        found = documents.method_by_id(record.document, method_id) if record else None
        if found is None:
            raise ValueError(f"{method_id} does not resolve")
        return documents.public_key(found)

    async def body_of(request: Request) -> dict[str, Any] | None:
        try:
            body = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            return None
        return body if isinstance(body, dict) else None

    async def issue(request: Request) -> Response:
        body = await body_of(request)
        credential = body.get("credential") if body else None
        refusal = _invalid_credential(credential, defects)
        if refusal is None and isinstance(credential, dict):
            refusal = _foreign_issuer(credential, issuer, defects)
        if refusal:
            return problem(400, "Invalid Request", refusal, defects=defects)
        assert isinstance(credential, dict)
        unsigned = {k: v for k, v in credential.items() if k != "proof"}
        # the caller's own form of the issuer (an object with a name, say) is kept; none given: this platform
        given = unsigned.get("issuer")
        own = given if isinstance(given, dict) and given.get("id") == issuer else issuer
        # VC Data Model 2.0 1.3: a conforming issuer produces only conforming documents: what would
        # be signed is judged by the harness's own VC checks first
        # VC 1.1 names the start of validity issuanceDate; VC 2.0 names it validFrom.
        start = "issuanceDate" if unsigned["@context"][0] == VC_CONTEXTS[1] else "validFrom"
        errors = model_errors({start: utc_now(), **unsigned, "issuer": own},
                              _probes_let_through(defects, "vc-issue-signs-"),
                              SUBJECT_RULES if "vc-issue-empty-subject" in defects else frozenset())
        if errors:
            return problem(400, "Invalid Request", "the credential does not conform to the VC Data Model: "
                           + "; ".join(errors), defects=defects, errors=errors)
        if "vc-issue-invalid" in defects:
            unsigned["type"] = [t for t in unsigned["type"] if t != "VerifiableCredential"] or ["Credential"]
        if "vc-issue-bad-proof" in defects:
            signed = documents.sign_credential(unsigned, key, method, utc_now())
            signed["issuer"] = own
        else:
            unsigned["issuer"] = own
            unsigned.setdefault(start, utc_now())
            statuses.entry(unsigned, body.get("options") if body else None, str(request.base_url))
            signed = documents.sign_credential(unsigned, key, method, utc_now())
        if "vc-issue-legacy-proof" in defects:  # the proof type of the widely used agents of 2020-2023
            proof = {k: v for k, v in signed["proof"].items() if k != "cryptosuite"}
            signed["proof"] = {**proof, "type": "Ed25519Signature2020"}
        if "vc-issue-unlisted-suite" in defects:  # W3C's BBS cryptosuite, which the catalog does not list
            signed["proof"] = {**signed["proof"], "cryptosuite": "bbs-2023"}
        return JSONResponse({"verifiableCredential": signed}, status_code=200 if "issue-200" in defects else 201)

    async def verify(request: Request) -> Response:
        body = await body_of(request)
        credential = body.get("verifiableCredential") if body else None
        if not isinstance(credential, dict):
            return problem(400, "Invalid Request", "verifiableCredential is required", defects=defects)
        # VC Data Model 2.0 1.3: a conforming verifier produces errors for a non-conforming document,
        # whatever its proof says: the harness's own VC checks, then the proof (Data Integrity, or
        # the older Ed25519Signature2020 the CCG verifier suite still signs with)
        errors = model_errors(credential, _probes_let_through(defects, "vc-verify-accepts-"))
        proof = credential.get("proof")
        legacy = isinstance(proof, dict) and proof.get("type") == ed25519_2020.PROOF_TYPE
        error = "; ".join(errors) or (ed25519_2020 if legacy else documents).proof_problem(credential, key_of)
        if "vc-verify-own-issuer-only" in defects and credential.get("issuer") != issuer:
            error = "the issuer is not this platform"
        if "vc-verify-refuses-all" in defects:
            error = error or "verification is not available"
        if error is None and statuses.revoked(credential):  # Bitstring Status List 3.3
            error = "the credential is revoked (its bit in the status list is set)"
        if "vc-verify-no-verified-member" in defects:  # earlier VC API drafts' result
            return JSONResponse({"checks": ["proof"], "warnings": [], "errors": [error] if error else []})
        if error is None or "vc-verify-accepts-tampered" in defects:
            return JSONResponse({"verified": True, "checks": ["proof"], "warnings": [], "errors": []})
        if "vc-verify-verified-with-errors" in defects:
            return JSONResponse({"verified": True, "checks": ["proof"], "warnings": [],
                                 "errors": [{"type": "https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR",
                                             "title": "CRYPTOGRAPHIC_SECURITY_ERROR", "detail": error}]})
        # A refusal is an RFC 9457 problem; the VC API's error list travels as an extension member.
        status = 422 if "vc-verify-refusal-422" in defects else 400
        return problem(status, "Verification Failed", error, kind="verification-failed", defects=defects,
                       errors=[error])

    return [
        Route("/credentials/issue", issue, methods=["POST"]),
        Route("/credentials/verify", verify, methods=["POST"]),
        *statuses.routes(),
    ]


def model_errors(document: dict[str, Any], let_through: tuple[frozenset[tuple[str, str]], ...] = (),
                 ignored: frozenset[str] = frozenset()) -> list[str]:
    """What the harness's VC checks (conformance.areas.identity.vcmodel, reused: one reading of
    the data model) find wrong in ``document``, each as "pointer: what"; a context the checks
    do not hold is no error. ``let_through``: sets of findings a planted defect ignores (a
    probe's whole set, so that exactly that probe passes); ``ignored``: rules a defect ignores."""
    found = [f for f in document_findings(document)
             if f.extra.get("check") not in UNJUDGED and f.extra.get("check") not in ignored]
    if {(f.extra.get("check"), f.pointer) for f in found} in let_through:
        return []
    return [f"{f.pointer or '/'}: {f.message}" for f in found]


def _probes_let_through(defects: frozenset[str], prefix: str) -> tuple[frozenset[tuple[str, str]], ...]:
    return tuple(frozenset(p.findings) for p in PROBES if prefix + p.key in defects)


def _invalid_credential(credential: Any, defects: frozenset[str] = frozenset()) -> str | None:
    """Why an unsigned credential cannot be issued: what the platform needs to read it (@context
    and type arrays), the subject's claims and the issuer's JSON type (the rest of the data model:
    :func:`model_errors`)."""
    if not isinstance(credential, dict):
        return "credential (an object) is required"
    context = credential.get("@context")
    if not isinstance(context, list) or not context:
        return f"@context must be an array starting with one of {', '.join(VC_CONTEXTS)}"
    if not isinstance(credential.get("type"), list):
        return "type must be an array containing VerifiableCredential"
    if "vc-issue-empty-subject" in defects:
        if not isinstance(credential.get("credentialSubject"), dict | list):
            return "credentialSubject (an object or an array) is required"
    elif not _has_claims(credential.get("credentialSubject")):
        return ("credentialSubject must be an object holding a claim, or a non-empty array of such objects "
                "(VC Data Model 2.0 4.8)")
    if "issuer" in credential and "vc-issue-any-issuer" not in defects:
        given = credential["issuer"]
        if not (isinstance(given, str) and given or isinstance(given, dict) and isinstance(given.get("id"), str)):
            return "issuer must be a URL (a string) or an object with an id (VC Data Model 2.0 4.7)"
    return None


def _has_claims(subjects: Any) -> bool:
    """One subject object, or a non-empty array of them, each with at least one member."""
    many = subjects if isinstance(subjects, list) else [subjects]
    return bool(many) and all(isinstance(one, dict) and one for one in many)


def _foreign_issuer(credential: dict[str, Any], own: str, defects: frozenset[str]) -> str | None:
    """Why the issuer a caller named cannot be the credential's: this platform holds no key of it
    (VCALM, post /credentials/issue: an issuer that does not match the configuration is a 400)."""
    if "issuer" not in credential or {"vc-issue-replaces-issuer", "vc-issue-any-issuer"} & defects:
        return None
    given = credential["issuer"]
    named = given.get("id") if isinstance(given, dict) else given
    if named == own:
        return None
    return f"this platform issues as {own} only; it holds no key of the issuer {named}"
