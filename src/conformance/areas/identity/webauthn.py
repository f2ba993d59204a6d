"""The device the harness holds for a second factor: a WebAuthn authenticator (W3C Web
Authentication Level 2) whose P-256 key the test generates and keeps, so that a platform's
registration and verification of a device-bound possession factor (RFC 8176 ``hwk``) can be
observed with stimuli the test controls: a valid assertion, one by another key, one over a
challenge the platform did not issue, one without user presence.

Bodies are the JSON forms of ``PublicKeyCredential`` (the binary members base64url), with the
registration's ``publicKey``, ``publicKeyAlgorithm`` and ``authenticatorData`` as
``AuthenticatorAttestationResponse`` exposes them (5.2.1.1), so that a platform need not decode
the attestation object; the attestation is ``none`` (8.7). The client's origin is
``https://`` and the relying party ID the platform names.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from typing import TYPE_CHECKING

import cbor2
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from conformance.codecs.keys import b64url

if TYPE_CHECKING:
    from conformance.area import JsonObject

ES256 = -7  # COSE algorithm identifier (RFC 9053): ECDSA with SHA-256
UP, UV, AT = 0x01, 0x04, 0x40  # authenticator data flags (6.1): user present, user verified, attested data


class Authenticator:
    """One authenticator holding one credential (a P-256 key and a random credential ID)."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = secrets.token_bytes(16)
        self.sign_count = 0

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: ES256, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                            -3: numbers.y.to_bytes(32, "big")})

    def _authenticator_data(self, rp_id: str, flags: int, *, attested: bool = False) -> bytes:
        """6.1: rpIdHash, flags, signCount; with the attested credential data (6.5.1) at registration."""
        self.sign_count += 1
        data = hashlib.sha256(rp_id.encode("utf-8")).digest() + bytes([flags]) + struct.pack(">I", self.sign_count)
        if attested:
            data += bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + self._cose_key()
        return data

    @staticmethod
    def client_data(kind: str, challenge: str, rp_id: str) -> bytes:
        """5.8.1 CollectedClientData, serialized as a client does."""
        return json.dumps({"type": kind, "challenge": challenge, "origin": f"https://{rp_id}", "crossOrigin": False},
                          separators=(",", ":")).encode("utf-8")

    def registration(self, options: JsonObject) -> JsonObject:
        """The response to ``navigator.credentials.create()`` for creation ``options`` (5.4)."""
        rp = options.get("rp")
        rp_id = str(rp.get("id") if isinstance(rp, dict) else "")
        data = self._authenticator_data(rp_id, UP | UV | AT, attested=True)
        client = self.client_data("webauthn.create", str(options["challenge"]), rp_id)
        spki = self.key.public_key().public_bytes(serialization.Encoding.DER,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": data})
        return {"id": b64url(self.credential_id), "rawId": b64url(self.credential_id), "type": "public-key",
                "response": {"clientDataJSON": b64url(client), "authenticatorData": b64url(data),
                             "publicKey": b64url(spki), "publicKeyAlgorithm": ES256,
                             "attestationObject": b64url(attestation)},
                "clientExtensionResults": {}}

    def assertion(self, rp_id: str, challenge: str, *, key: ec.EllipticCurvePrivateKey | None = None,
                  flags: int = UP | UV) -> JsonObject:
        """The response to ``navigator.credentials.get()``: the signature over authenticator data
        and the client data's hash (6.3.3), by this credential's key unless ``key`` is given."""
        data = self._authenticator_data(rp_id, flags)
        client = self.client_data("webauthn.get", challenge, rp_id)
        signature = (key or self.key).sign(data + hashlib.sha256(client).digest(), ec.ECDSA(hashes.SHA256()))
        return {"id": b64url(self.credential_id), "rawId": b64url(self.credential_id), "type": "public-key",
                "response": {"clientDataJSON": b64url(client), "authenticatorData": b64url(data),
                             "signature": b64url(signature), "userHandle": None},
                "clientExtensionResults": {}}
