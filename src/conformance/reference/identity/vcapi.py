"""Reference credential issuing and verifying, shaped after the W3C VC API:
``POST /credentials/issue`` ``{credential, options}`` → 201 ``{verifiableCredential}`` with an
``eddsa-jcs-2022`` Data Integrity proof by the platform's did:key issuer key;
``POST /credentials/verify`` ``{verifiableCredential}`` → 200 ``{verified: true, checks,
warnings, errors}`` when the proof verifies, else 400 with the ``errors`` (both are answers the
VC API allows; checks.identity.vcapi states the rule)."""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...codecs import keys
from ..problems import problem
from . import documents
from .registry import Registry, utc_now

VC_CONTEXTS = ("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1")
DEFECTS: dict[str, str] = {
    "vc-verify-own-issuer-only": "credential verification refuses every issuer but the platform's own",
    "vc-issue-bad-proof": "issued credentials are signed before the issuer is set, so their proof does not verify",
    "vc-issue-invalid": "issued credentials lose the VerifiableCredential type",
    "vc-issue-legacy-proof": "issued credentials carry an Ed25519Signature2020 proof, not a DataIntegrityProof",
    "vc-verify-accepts-tampered": "the verifier reports every credential as verified",
    "vc-verify-refuses-all": "the verifier refuses every credential, its own issued ones too",
    "vc-verify-refusal-422": "a credential that fails verification is answered 422, not 200 or 400",
    "vc-verify-verified-with-errors": "a failed verification is answered 200 with verified true beside its errors",
}


def routes(registry: Registry, defects: frozenset[str]) -> list[Route]:
    key = ed25519.Ed25519PrivateKey.generate()
    issuer = keys.did_key(key.public_key())
    method = f"{issuer}#{keys.multikey(key.public_key())}"

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
        refusal = _invalid_credential(credential)
        if refusal:
            return problem(400, "Invalid Request", refusal, defects=defects)
        assert isinstance(credential, dict)
        unsigned = {k: v for k, v in credential.items() if k != "proof"}
        if "vc-issue-invalid" in defects:
            unsigned["type"] = [t for t in unsigned["type"] if t != "VerifiableCredential"] or ["Credential"]
        if "vc-issue-bad-proof" in defects:
            signed = documents.sign_credential(unsigned, key, method, utc_now())
            signed["issuer"] = issuer
        else:
            unsigned["issuer"] = issuer
            # VC 1.1 names the start of validity issuanceDate; VC 2.0 names it validFrom.
            unsigned.setdefault("issuanceDate" if unsigned["@context"][0] == VC_CONTEXTS[1] else "validFrom",
                                utc_now())
            signed = documents.sign_credential(unsigned, key, method, utc_now())
        if "vc-issue-legacy-proof" in defects:  # the proof type of the widely used agents of 2020-2023
            proof = {k: v for k, v in signed["proof"].items() if k != "cryptosuite"}
            signed["proof"] = {**proof, "type": "Ed25519Signature2020"}
        return JSONResponse({"verifiableCredential": signed}, status_code=201)

    async def verify(request: Request) -> Response:
        body = await body_of(request)
        credential = body.get("verifiableCredential") if body else None
        if not isinstance(credential, dict):
            return problem(400, "Invalid Request", "verifiableCredential is required", defects=defects)
        error = documents.proof_problem(credential, key_of)
        if "vc-verify-own-issuer-only" in defects and credential.get("issuer") != issuer:
            error = "the issuer is not this platform"
        if "vc-verify-refuses-all" in defects:
            error = error or "verification is not available"
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
    ]


def _invalid_credential(credential: Any) -> str | None:
    """Why an unsigned credential cannot be issued (VC Data Model: @context, type, subject)."""
    if not isinstance(credential, dict):
        return "credential (an object) is required"
    context = credential.get("@context")
    if not isinstance(context, list) or not context or context[0] not in VC_CONTEXTS:
        return f"@context must be an array starting with one of {', '.join(VC_CONTEXTS)}"
    types = credential.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types:
        return "type must be an array containing VerifiableCredential"
    if not isinstance(credential.get("credentialSubject"), dict | list):
        return "credentialSubject (an object or an array) is required"
    return None
