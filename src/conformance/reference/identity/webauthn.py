"""Reference device factor: a WebAuthn authenticator registered by an identity's key login and
asserted as the second factor of the high assurance level (W3C Web Authentication Level 2,
7.1 and 7.2; RFC 8176 ``hwk``).

- ``POST /1.0/auth/webauthn/registration-options`` (bearer token) → 200 creation options;
- ``POST /1.0/auth/webauthn/registrations`` (bearer token) the registration response → 201;
- ``POST /1.0/auth/webauthn/assertion-options`` ``{mfa_token}`` → 200 request options;
- ``POST /1.0/auth/webauthn/assertions`` ``{mfa_token, credential}`` → 200 the high assurance token.

The relying party ID is ``RP_ID``, its origin ``https://`` and that ID; challenges are single-use.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
import struct
from collections.abc import Callable
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..problems import Refused, json_object, problem

RP_ID = "reference.metaverse-conformance.invalid"
UP = 0x01

DEFECTS: dict[str, str] = {
    "webauthn-registration-200": "a device registration is answered 200, not the 201 annex D gives",
    "webauthn-any-signature": "device assertions are accepted without verifying their signature",
    "webauthn-challenge-unchecked": "a device assertion over a challenge the platform never issued is accepted",
    "webauthn-presence-ignored": "a device assertion without the user-present flag is accepted",
    "webauthn-registration-refused": "a device's registration response is refused (400) however valid",
    "webauthn-amr-no-hwk": "the token after a device assertion states amr ['pop', 'mfa'], not naming the device "
                           "key (hwk)",
}

Issue = Callable[[str, str, list[str]], dict[str, Any]]  # (DID, mfa_token, amr) -> the token answer


def _unb64(value: object) -> bytes:
    if not isinstance(value, str):
        raise Refused(400, "Invalid Request", "a base64url member is missing")
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise Refused(400, "Invalid Request", "a member is not base64url") from None


def _client_data(response: dict[str, Any], kind: str, challenges: dict[str, str], owner: str,
                 defects: frozenset[str]) -> bytes:
    """7.1 steps 5-9 / 7.2 steps 10-13: the type, a challenge issued here (used once), the origin."""
    raw = _unb64(response.get("clientDataJSON"))
    try:
        client = json.loads(raw)
    except ValueError:
        raise Refused(401, "Unauthorized", "clientDataJSON is no JSON") from None
    if not isinstance(client, dict) or client.get("type") != kind or client.get("origin") != f"https://{RP_ID}":
        raise Refused(401, "Unauthorized", f"clientDataJSON is not of type {kind} at this origin")
    challenge = str(client.get("challenge"))
    if challenges.get(challenge) == owner:
        del challenges[challenge]
    elif "webauthn-challenge-unchecked" not in defects:
        raise Refused(401, "Unauthorized", "the challenge was not issued here for this login, or has been used")
    return raw


def _authenticator_data(response: dict[str, Any], defects: frozenset[str]) -> tuple[bytes, int]:
    """7.1 steps 13-14 / 7.2 steps 15-16: the relying party ID's hash, the user-present flag."""
    data = _unb64(response.get("authenticatorData"))
    if len(data) < 37 or data[:32] != hashlib.sha256(RP_ID.encode()).digest():
        raise Refused(401, "Unauthorized", "authenticatorData is not for this relying party")
    if not data[32] & UP and "webauthn-presence-ignored" not in defects:
        raise Refused(401, "Unauthorized", "the user was not present (UP flag clear)")
    return data, int(struct.unpack(">I", data[33:37])[0])


def routes(defects: frozenset[str], tokens: dict[str, dict[str, Any]], mfa_pending: dict[str, str],
           issue: Issue) -> list[Route]:
    registering: dict[str, str] = {}  # challenge -> DID
    asserting: dict[str, str] = {}  # challenge -> mfa_token
    credentials: dict[str, dict[str, Any]] = {}  # credential ID -> {did, key, count}

    def session_of(request: Request) -> dict[str, Any]:
        session = tokens.get(request.headers.get("authorization", "").removeprefix("Bearer ").strip())
        if session is None:
            raise Refused(401, "Unauthorized", "a bearer token from /1.0/auth/proofs is required")
        return session

    async def registration_options(request: Request) -> Response:
        try:
            session = session_of(request)
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)
        challenge = secrets.token_urlsafe(32)
        registering[challenge] = session["did"]
        user = base64.urlsafe_b64encode(hashlib.sha256(session["did"].encode()).digest()).decode().rstrip("=")
        return JSONResponse({"rp": {"id": RP_ID, "name": "Reference platform"}, "challenge": challenge,
                             "user": {"id": user, "name": session["did"], "displayName": session["did"]},
                             "pubKeyCredParams": [{"type": "public-key", "alg": -7}], "attestation": "none"})

    async def register(request: Request) -> Response:
        try:
            session = session_of(request)
            body = await json_object(request)
            if "webauthn-registration-refused" in defects:
                raise Refused(400, "Invalid Request", "no device is registered here")
            response = body.get("response")
            if not isinstance(response, dict):
                raise Refused(400, "Invalid Request", "response is required")
            _client_data(response, "webauthn.create", registering, session["did"], defects)
            _, count = _authenticator_data(response, defects)
            key = serialization.load_der_public_key(_unb64(response.get("publicKey")))
            if not isinstance(key, ec.EllipticCurvePublicKey) or response.get("publicKeyAlgorithm") != -7:
                raise Refused(400, "Invalid Request", "only ES256 (P-256) credentials are registered")
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)
        except ValueError:
            return problem(400, "Invalid Request", "publicKey is no SubjectPublicKeyInfo", defects=defects)
        credentials[str(body.get("id"))] = {"did": session["did"], "key": key, "count": count}
        return JSONResponse({"id": body.get("id")},
                            status_code=200 if "webauthn-registration-200" in defects else 201)

    async def assertion_options(request: Request) -> Response:
        try:
            body = await json_object(request)
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)
        mfa_token = body.get("mfa_token")
        did = mfa_pending.get(mfa_token) if isinstance(mfa_token, str) else None
        if did is None:
            return problem(401, "Unauthorized", "unknown mfa_token", defects=defects)
        challenge = secrets.token_urlsafe(32)
        asserting[challenge] = str(mfa_token)
        allowed = [{"type": "public-key", "id": c} for c, d in credentials.items() if d["did"] == did]
        return JSONResponse({"challenge": challenge, "rpId": RP_ID, "allowCredentials": allowed,
                             "userVerification": "preferred"})

    async def assert_(request: Request) -> Response:
        try:
            body = await json_object(request)
            mfa_token, credential = body.get("mfa_token"), body.get("credential")
            did = mfa_pending.get(mfa_token) if isinstance(mfa_token, str) else None
            stored = credentials.get(str(credential.get("id"))) if isinstance(credential, dict) else None
            response = credential.get("response") if isinstance(credential, dict) else None
            if did is None or stored is None or stored["did"] != did or not isinstance(response, dict):
                raise Refused(401, "Unauthorized", "unknown mfa_token, or no device registered for it")
            client = _client_data(response, "webauthn.get", asserting, str(mfa_token), defects)
            data, count = _authenticator_data(response, defects)
            signed = data + hashlib.sha256(client).digest()
            if "webauthn-any-signature" not in defects:
                try:
                    stored["key"].verify(_unb64(response.get("signature")), signed, ec.ECDSA(hashes.SHA256()))
                except InvalidSignature:
                    raise Refused(401, "Unauthorized", "the assertion is not signed by the registered device") from None
            if count and count <= stored["count"]:  # 7.2 step 21: a possibly cloned authenticator
                raise Refused(401, "Unauthorized", "the signature counter did not increase")
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)
        stored["count"] = count
        mfa_pending.pop(str(mfa_token), None)
        factors = ["pop", "mfa"] if "webauthn-amr-no-hwk" in defects else ["pop", "hwk", "mfa"]
        return JSONResponse(issue(did, str(mfa_token), factors))

    return [
        Route("/1.0/auth/webauthn/registration-options", registration_options, methods=["POST"]),
        Route("/1.0/auth/webauthn/registrations", register, methods=["POST"]),
        Route("/1.0/auth/webauthn/assertion-options", assertion_options, methods=["POST"]),
        Route("/1.0/auth/webauthn/assertions", assert_, methods=["POST"]),
    ]
