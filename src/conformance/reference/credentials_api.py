"""A small W3C VC API of the reference: issue and verify credentials.

``POST /credentials/issue`` (bearer token of a holder identity) signs the credential it is
given as the platform's issuer, a ``did:key`` Ed25519 identity generated per app, with a
Data Integrity proof of cryptosuite ``eddsa-jcs-2022`` (the hash of the RFC 8785 form of
the proof configuration, then of the credential without proof, signed with Ed25519).
``POST /credentials/verify`` checks such a proof for any ``did:key`` issuer, so a
credential issued by one platform verifies at another without either calling the other.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..checks import did as didlib
from ..checks.jcs import canonicalize
from .assets_portability import _tokens
from .problems import problem

DEFECTS = {
    "vc-verify-own-issuer-only": "credential verification refuses every issuer but the platform's own",
}
SUITE = "eddsa-jcs-2022"


def _hash_data(credential: dict[str, Any], proof: dict[str, Any]) -> bytes:
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    config["@context"] = credential.get("@context")
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    return hashlib.sha256(canonicalize(config)).digest() + hashlib.sha256(canonicalize(unsecured)).digest()


def verify_errors(credential: Any) -> list[str]:
    """Why a credential's proof does not verify (empty: it verifies)."""
    if not isinstance(credential, dict) or not isinstance(credential.get("proof"), dict):
        return ["verifiableCredential must be an object with a proof"]
    proof = credential["proof"]
    issuer = credential.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    method = proof.get("verificationMethod")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != SUITE:
        return [f"only DataIntegrityProof with cryptosuite {SUITE} is supported"]
    if not (isinstance(issuer, str) and issuer.startswith("did:key:") and isinstance(method, str)
            and method.split("#")[0] == issuer):
        return ["the proof must be made with a key of the issuer, a did:key"]
    try:
        key = didlib.key_from_multibase(issuer.removeprefix("did:key:"))
        value = proof.get("proofValue")
        signature = didlib.base58_decode(value[1:]) if isinstance(value, str) and value.startswith("z") else b""
    except ValueError as exc:
        return [str(exc)]
    if not didlib.verify(key, signature, _hash_data(credential, proof)):
        return ["the proof does not verify"]
    return []


def routes(defects: frozenset[str]) -> list[Route]:
    key = ed25519.Ed25519PrivateKey.generate()
    issuer = didlib.did_key(key.public_key())
    method = f"{issuer}#{issuer.removeprefix('did:key:')}"

    async def body_of(request: Request) -> Any:
        try:
            return await request.json()
        except ValueError:
            return None

    async def issue(request: Request) -> Response:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or token not in _tokens(request.app):
            response = problem(401, "Unauthorized", "a bearer token is required", kind="unauthenticated",
                               defects=defects)
            response.headers["WWW-Authenticate"] = 'Bearer realm="credentials"'
            return response
        body = await body_of(request)
        credential = body.get("credential") if isinstance(body, dict) else None
        if not isinstance(credential, dict) or not isinstance(credential.get("credentialSubject"), dict | list) \
                or not isinstance(credential.get("@context"), list) or not isinstance(credential.get("type"), list):
            return problem(400, "Bad Request", "credential must be an object with @context, type and "
                           "credentialSubject", kind="bad-request", defects=defects)
        credential = {k: copy.deepcopy(v) for k, v in credential.items() if k != "proof"}
        credential["issuer"] = issuer
        created = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        proof = {"type": "DataIntegrityProof", "cryptosuite": SUITE, "created": created,
                 "verificationMethod": method, "proofPurpose": "assertionMethod"}
        proof["proofValue"] = "z" + didlib.base58_encode(key.sign(_hash_data(credential, proof)))
        return JSONResponse({"verifiableCredential": {**credential, "proof": proof}}, status_code=201)

    async def verify(request: Request) -> Response:
        body = await body_of(request)
        credential = body.get("verifiableCredential") if isinstance(body, dict) else None
        errors = verify_errors(credential)
        if not errors and "vc-verify-own-issuer-only" in defects and isinstance(credential, dict) \
                and credential.get("issuer") != issuer:
            errors = ["unknown issuer"]
        if errors:
            return problem(400, "Bad Request", "; ".join(errors), kind="credential-not-verified", defects=defects,
                           errors=errors)
        return JSONResponse({"checks": ["proof"], "warnings": [], "errors": []})

    return [Route("/credentials/issue", issue, methods=["POST"]),
            Route("/credentials/verify", verify, methods=["POST"])]
