"""Reference authentication: challenge–response proof of control of a DID's key, and a
TOTP second factor (RFC 6238) for the high assurance level, with RFC 8176 ``amr`` values.

- ``POST /1.0/auth/challenges`` ``{did, ttl_s?, acr?}`` → 201 ``{challenge, expires, did, acr}``;
- ``POST /1.0/auth/proofs`` ``{did, challenge, verificationMethod, signature}`` (EdDSA or
  ES256 over the challenge's UTF-8 bytes, base64url) → 200 ``{access_token, token_type,
  acr, amr}``, or for ``acr: high`` ``{mfa_required: true, mfa_token, amr}``;
- ``POST /1.0/auth/totp`` (bearer token) → 201 ``{secret (base32), algorithm, digits, period}``;
- ``POST /1.0/auth/otp`` ``{mfa_token, code}`` → 200 the high assurance token;
- ``DELETE /1.0/auth/totp`` (a high assurance bearer token) → 204, the second factor removed; a
  key-only token → 401 ``insufficient_user_authentication`` (RFC 9470 3);
- ``POST /1.0/auth/introspect`` (form ``token=...``, RFC 7662 2.1) → 200 ``{active, ...}``
  (RFC 7662 2.2): a token is active while the key it was issued on still authenticates the DID
  and the DID is not deactivated; the caller presents an active bearer token of its own (2.1
  asks for authorization against token scanning), else 401;
- ``GET /1.0/auth/userinfo`` (bearer token; OpenID Connect Core 1.0 5.3) → 200 ``{sub}``, the
  token's DID, or 401 with ``WWW-Authenticate: Bearer error="invalid_token"`` (RFC 6750 3.1)
  for a token not active: what introspection calls inactive is refused where it is presented.

Challenges are single-use and expire; refusals are 401 RFC 9457 problems. Proofs are verified
against the DID's current document: a key rotated out no longer authenticates, nor does a
deactivated DID. After ``FAILED_PROOF_LIMIT`` consecutive refused proofs for one DID, its
logins are refused (429) until the limit is reset by hand: NIST SP 800-63B 5.2.2 allows at
most 100.
"""

from __future__ import annotations

import base64
import copy
import secrets
import urllib.parse
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ...codecs.totp import totp
from .. import clock as reference_clock
from ..problems import Refused, json_object, problem
from . import certificates, documents, webauthn
from .registry import Registry

DEFAULT_TTL_S = 300
#: consecutive refused proofs for one DID after which its logins are refused (NIST SP 800-63B
#: 5.2.2 asks for no more than 100; the reference is stricter, as a platform may be)
FAILED_PROOF_LIMIT = 10
KEY_AMR = "pop"  # RFC 8176: proof-of-possession of a key

DEFECTS: dict[str, str] = {
    "auth-no-expiry": "challenges are issued without an expiry",
    "challenge-200": "challenges are issued with 200, not the 201 annex D gives for a resource created",
    "totp-200": "a TOTP seed is provisioned with 200, not the 201 annex D gives",
    "auth-any-signature": "proofs are accepted without verifying the signature",
    "auth-unbound-challenge": "proofs are accepted for challenges the platform never issued",
    "auth-replay": "a challenge can be used more than once",
    "auth-expiry-ignored": "expired challenges are still accepted",
    "auth-expired-5xx": "a proof for an expired challenge is answered 500 (problem details), not a 4xx",
    "auth-expired-bare-401": "a proof for an expired challenge is answered 401 with a plain-text body, not problem "
                             "details",
    "mfa-skipped": "the high assurance level is granted on the key proof alone",
    "mfa-required-omitted": "the demand for a second factor carries the mfa_token without mfa_required",
    "mfa-token-beside-low": "the demand for a second factor carries an access token with acr 'low' beside the "
                            "mfa_token",
    "mfa-any-code": "any six-digit one-time code is accepted",
    "amr-unregistered": "tokens state their factors as 'did-key' and 'totp', not RFC 8176 values",
    "auth-proof-no-token": "a valid key proof is answered 200 without an access_token",
    "auth-refusal-token": "a refused proof is answered 401 with problem details that carry an access_token",
    "auth-short-challenge": "challenges are 8 characters long (at least 16 are required)",
    "auth-expiry-no-offset": "challenge expiries are date-times without a time offset",
    "auth-expiry-basic-format": "challenge expiries are ISO 8601 basic-format date-times (20261129T080000Z), "
                                "a form RFC 3339 5.6 excludes",
    "auth-ttl-lengthened": "a requested challenge lifetime is lengthened to 5 minutes in the stated expiry",
    "mfa-step-up-skipped": "removing the second factor (DELETE /1.0/auth/totp) is allowed with a key-only "
                           "token: the second factor is never required",
    "mfa-step-up-refuses-all": "DELETE /1.0/auth/totp refuses even the two-factor token",
    "amr-overstated": "the key-only token states amr ['pop', 'otp'], a factor never used",
    "mfa-acr-low": "the token after the second factor states acr 'low', not 'high'",
    "totp-seed-incomplete": "TOTP provisioning omits the number of digits",
    "totp-algorithm-spelled": "TOTP provisioning names its algorithm 'sha-1', a spelling annex D's enumeration "
                              "does not give",
    "amr-missing-otp": "the high assurance token's amr does not list the one-time password",
    "auth-rotated-out-accepted": "a key rotated out of a DID document still logs in (the engine keeps the "
                                 "document of the DID's first login beside the current one)",
    "auth-rotated-in-refused": "a key an update added to a DID document does not log in (only keys the DID had at "
                               "its first login do)",
    "auth-deactivated-accepted": "a deactivated DID still logs in with its last keys",
    **{  # token revocation and failed-proof limits (ID-PORT-005, ID-AUTH-004)
        "token-never-active": "token introspection answers every token inactive, even one just issued",
        "token-survives-rotation": "a token issued on a key stays active after an update rotated the key out",
        "token-survives-deactivation": "tokens of a DID stay active after the DID is deactivated",
        "auth-unthrottled": "failed proofs are not limited: any number of wrong proofs, then a right one logs in",
        "token-honoured-after-revocation": "a token introspection answers inactive (its key rotated out, its DID "
                                           "deactivated) is still honoured at the bearer operations",
        "userinfo-refuses-all": "GET /1.0/auth/userinfo refuses every token, even one just issued",
        "introspect-unprotected": "token introspection answers without a bearer token, which RFC 7662 2.1 asks "
                                  "for against token scanning",
    },
}


class Expired(Refused):
    """A proof for a challenge past its expiry: refused as any other, unless a defect answers it otherwise."""


class Tokens(dict[str, dict[str, Any]]):
    """The access tokens key logins issued (token -> its session), and which of them a bearer operation
    still honours; shared with the VC API's status update, which a bearer token opens too."""

    def __init__(self, registry: Registry, defects: frozenset[str]) -> None:
        super().__init__()
        self.registry, self.defects = registry, defects

    def active(self, session: dict[str, Any]) -> bool:
        """RFC 7662 2.2: issued here, not revoked: the DID not deactivated, the key it was issued on
        still one of the DID's authentication keys."""
        record = self.registry.get(session["did"])
        if record is None:
            return False
        if record.deactivated and "token-survives-deactivation" not in self.defects:
            return False
        did, kid = session["did"], session.get("kid")
        current = [did + e if e.startswith("#") else e for e in record.document.get("authentication", [])
                   if isinstance(e, str)]
        return kid in current or kid is None or "token-survives-rotation" in self.defects

    def bearer(self, request: Request) -> dict[str, Any] | None:
        """The session of the request's bearer token while it is active: a revoked token is
        refused wherever it is presented, as introspection reports it (ID-PORT-005 R4)."""
        session = self.get(request.headers.get("authorization", "").removeprefix("Bearer ").strip())
        if session is None or not (self.active(session) or "token-honoured-after-revocation" in self.defects):
            return None
        return session


def unauthorised(detail: str, defects: frozenset[str]) -> Response:
    """RFC 6750 3.1: a request without a usable bearer token, answered 401 with its challenge."""
    refused = problem(401, "Unauthorized", detail, defects=defects)
    refused.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    return refused


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def routes(registry: Registry, defects: frozenset[str], tokens: Tokens) -> list[Route]:
    challenges: dict[str, dict[str, Any]] = {}
    mfa_pending: dict[str, str] = {}
    seeds: dict[str, bytes] = {}
    mfa_kids: dict[str, str | None] = {}  # the key a pending second factor follows
    failures: dict[str, int] = {}  # consecutive refused proofs per DID (FAILED_PROOF_LIMIT)
    first_seen: dict[str, dict[str, Any]] = {}  # the document at a DID's first login, for two planted defects

    def amr(*values: str) -> list[str]:
        if "amr-unregistered" in defects:
            return ["did-key" if v == KEY_AMR else "totp" if v == "otp" else v for v in values]
        if "amr-missing-otp" in defects:
            return [v for v in values if v not in ("otp", "mfa")]
        return list(values)

    def issue(did: str, acr: str, factors: list[str], kid: str | None) -> dict[str, Any]:
        if "amr-overstated" in defects and factors == [KEY_AMR]:
            factors = [KEY_AMR, "otp"]
        token = secrets.token_urlsafe(24)
        tokens[token] = {"did": did, "acr": acr, "kid": kid}
        return {"access_token": token, "token_type": "Bearer", "acr": acr, "amr": amr(*factors)}

    async def challenge(request: Request) -> Response:
        try:
            body = await json_object(request)
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)
        did = body.get("did")
        if not isinstance(did, str) or registry.get(did) is None:
            return problem(400, "Invalid Request", "did must be a DID this platform resolves", defects=defects)
        ttl = body.get("ttl_s", DEFAULT_TTL_S)
        usable = isinstance(ttl, int) and not isinstance(ttl, bool) and ttl > 0
        ttl = min(ttl, DEFAULT_TTL_S) if usable else DEFAULT_TTL_S
        acr = "high" if body.get("acr") == "high" else "low"
        value = secrets.token_urlsafe(6 if "auth-short-challenge" in defects else 32)
        expires = reference_clock.seconds() + ttl
        challenges[value] = {"did": did, "expires": expires, "acr": acr}
        stated = reference_clock.seconds() + DEFAULT_TTL_S if "auth-ttl-lengthened" in defects else expires
        answer: dict[str, Any] = {"challenge": value, "did": did, "acr": acr, "expires": _iso(stated)}
        if "auth-no-expiry" in defects:
            del answer["expires"]
        if "auth-expiry-no-offset" in defects:
            answer["expires"] = answer["expires"][:19]
        if "auth-expiry-basic-format" in defects:  # fromisoformat reads it; RFC 3339 5.6 does not allow it
            answer["expires"] = "20991231T235959Z"  # one fixed instant: two laboratories quote the same finding
        return JSONResponse(answer, status_code=200 if "challenge-200" in defects else 201)

    def check_proof(body: dict[str, Any]) -> dict[str, Any]:
        did, value = body.get("did"), body.get("challenge")
        if not isinstance(did, str) or not isinstance(value, str):
            raise Refused(401, "Unauthorized", "did and challenge are required")
        issued = challenges.get(value)
        if issued is None:
            if "auth-unbound-challenge" not in defects:
                raise Refused(401, "Unauthorized", "this challenge was not issued, or has been used")
            issued = {"did": did, "expires": reference_clock.seconds() + 60, "acr": "low"}
        if issued["did"] != did:
            raise Refused(401, "Unauthorized", "the challenge was issued for another DID")
        if "auth-replay" not in defects:
            challenges.pop(value, None)
        if issued["expires"] < reference_clock.seconds() and "auth-expiry-ignored" not in defects:
            raise Expired(401, "Unauthorized", "the challenge has expired")
        record = registry.get(did)
        kid = body.get("verificationMethod")
        deactivated = record is not None and record.deactivated and "auth-deactivated-accepted" not in defects
        if record is None or deactivated or not isinstance(kid, str):
            raise Refused(401, "Unauthorized", "no usable DID or verification method")
        kid = did + kid if kid.startswith("#") else kid
        document = record.document
        first = first_seen.setdefault(did, copy.deepcopy(document))  # read by two planted defects only
        authentication = [did + e if e.startswith("#") else e for e in document.get("authentication", [])
                          if isinstance(e, str)]
        if "auth-any-signature" in defects:
            return issued
        valid = kid in authentication and documents.signature_valid(
            document, kid, body.get("signature"), value.encode("utf-8"))
        if "auth-rotated-in-refused" in defects and documents.method_by_id(first, kid) is None:
            valid = False
        if "auth-rotated-out-accepted" in defects and not valid:
            valid = documents.signature_valid(first, kid, body.get("signature"), value.encode("utf-8"))
        if not valid:
            raise Refused(401, "Unauthorized", "the signature is not by an authentication key of the DID")
        return {**issued, "kid": kid}

    async def proof(request: Request) -> Response:
        did_named: object = None
        try:
            body = await json_object(request)
            did_named = body.get("did")
            if isinstance(did_named, str) and throttled(did_named):
                return problem(429, "Too Many Requests", "too many failed proofs for this DID", defects=defects)
            issued = check_proof(body)
        except Refused as exc:  # a body that is no JSON object is no proof either: 401 too
            if isinstance(did_named, str):
                failures[did_named] = failures.get(did_named, 0) + 1
            if isinstance(exc, Expired) and "auth-expired-5xx" in defects:
                return problem(500, "Internal Server Error", exc.detail, defects=defects)
            if isinstance(exc, Expired) and "auth-expired-bare-401" in defects:
                return PlainTextResponse(exc.detail, status_code=401)
            if "auth-refusal-token" in defects:
                return problem(401, "Unauthorized", exc.detail, defects=defects,
                               access_token=secrets.token_urlsafe(24), token_type="Bearer")
            return problem(401, "Unauthorized", exc.detail, defects=defects)
        did = body["did"]
        failures.pop(did, None)  # the limit counts consecutive failures
        if issued["acr"] == "high" and "mfa-skipped" not in defects:
            mfa_token = secrets.token_urlsafe(24)
            mfa_pending[mfa_token] = did
            mfa_kids[mfa_token] = issued.get("kid")
            demand: dict[str, object] = {"mfa_required": True, "mfa_token": mfa_token, "amr": amr(KEY_AMR)}
            if "mfa-required-omitted" in defects:
                del demand["mfa_required"]
            if "mfa-token-beside-low" in defects:
                demand = {**issue(did, "low", [KEY_AMR], issued.get("kid")), **demand}
            return JSONResponse(demand)
        answer = issue(did, issued["acr"], [KEY_AMR], issued.get("kid"))
        if "auth-proof-no-token" in defects:
            answer.pop("access_token")
        return JSONResponse(answer)

    bearer, active = tokens.bearer, tokens.active

    async def userinfo(request: Request) -> Response:
        """OpenID Connect Core 1.0 5.3: the token's subject; RFC 6750 3.1 for a token not active."""
        session = bearer(request)
        if session is None or "userinfo-refuses-all" in defects:
            return unauthorised("the access token is not active", defects)
        return JSONResponse({"sub": session["did"]})

    async def provision_totp(request: Request) -> Response:
        session = bearer(request)
        if session is None:
            return problem(401, "Unauthorized", "a bearer token from /1.0/auth/proofs is required", defects=defects)
        seed = secrets.token_bytes(20)
        seeds[session["did"]] = seed
        provisioned = {"secret": base64.b32encode(seed).decode("ascii").rstrip("="), "algorithm": "SHA1",
                       "digits": 6, "period": 30}
        if "totp-seed-incomplete" in defects:
            del provisioned["digits"]
        if "totp-algorithm-spelled" in defects:
            provisioned["algorithm"] = "sha-1"
        return JSONResponse(provisioned, status_code=200 if "totp-200" in defects else 201)

    async def remove_totp(request: Request) -> Response:
        """Removing the second factor is the high assurance operation: a key-only token is
        refused as RFC 9470 3 says (401, ``insufficient_user_authentication``)."""
        session = bearer(request)
        if session is None:
            return problem(401, "Unauthorized", "a bearer token from /1.0/auth/proofs is required", defects=defects)
        if (session["acr"] != "high" and "mfa-step-up-skipped" not in defects) or "mfa-step-up-refuses-all" in defects:
            refused = problem(401, "Unauthorized", "this operation needs a high assurance token (second factor)",
                              defects=defects)
            refused.headers["WWW-Authenticate"] = 'Bearer error="insufficient_user_authentication", acr_values="high"'
            return refused
        seeds.pop(session["did"], None)
        return Response(status_code=204)

    async def otp(request: Request) -> Response:
        try:
            body = await json_object(request)
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)
        mfa_token = body.get("mfa_token")
        did = mfa_pending.get(mfa_token) if isinstance(mfa_token, str) else None
        code = body.get("code")
        seed = seeds.get(did) if did else None
        if did is None or seed is None or not isinstance(code, str):
            return problem(401, "Unauthorized", "unknown mfa_token, or no TOTP provisioned", defects=defects)
        now = reference_clock.seconds()
        given = code.encode("utf-8")
        valid = any(secrets.compare_digest(totp(seed, now + step * 30).encode(), given) for step in (-1, 0, 1))
        if not valid and not ("mfa-any-code" in defects and code.isdigit() and len(code) == 6):
            return problem(401, "Unauthorized", "wrong one-time code", defects=defects)
        mfa_pending.pop(str(mfa_token), None)
        return JSONResponse(issue(did, "low" if "mfa-acr-low" in defects else "high", [KEY_AMR, "otp", "mfa"],
                                  mfa_kids.pop(str(mfa_token), None)))

    def throttled(did: str) -> bool:
        return failures.get(did, 0) >= FAILED_PROOF_LIMIT and "auth-unthrottled" not in defects

    def take_challenge(value: str, did: str) -> bool:
        """A challenge issued for ``did`` and unexpired, used up (a certificate proof's, ID-CERT-001)."""
        issued = challenges.pop(value, None)
        return issued is not None and issued["did"] == did and issued["expires"] >= reference_clock.seconds()

    async def introspect(request: Request) -> Response:
        """RFC 7662: the form member ``token``; ``{"active": false}`` alone for a token not active (2.2).
        The caller's own bearer token authorises the request (2.1)."""
        if bearer(request) is None and "introspect-unprotected" not in defects:
            return unauthorised("token introspection needs the caller's own active bearer token", defects)
        form = urllib.parse.parse_qs((await request.body()).decode("utf-8", "replace"))
        token = (form.get("token") or [""])[0]
        session = tokens.get(token)
        if session is None or not active(session) or "token-never-active" in defects:
            return JSONResponse({"active": False})
        return JSONResponse({"active": True, "token_type": "Bearer", "sub": session["did"], "acr": session["acr"]})

    return [
        Route("/1.0/auth/challenges", challenge, methods=["POST"]),
        Route("/1.0/auth/proofs", proof, methods=["POST"]),
        Route("/1.0/auth/totp", provision_totp, methods=["POST"]),
        Route("/1.0/auth/totp", remove_totp, methods=["DELETE"]),
        Route("/1.0/auth/otp", otp, methods=["POST"]),
        Route("/1.0/auth/introspect", introspect, methods=["POST"]),
        Route("/1.0/auth/userinfo", userinfo, methods=["GET"]),
        *certificates.routes(defects, bearer, take_challenge, lambda did: issue(did, "low", [KEY_AMR], None)),
        *webauthn.routes(defects, tokens, mfa_pending,
                         lambda did, mfa_token, factors: issue(did, "high", factors, mfa_kids.pop(mfa_token, None))),
    ]
