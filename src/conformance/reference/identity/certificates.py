"""Reference certificate login (ID-CERT-001): a digital certificate as an authentication tool.

- ``POST /1.0/auth/certificates`` (bearer token of a key login) ``{csr}``, a PKCS #10 request
  (RFC 2986) in PEM for a P-256 key, naming the token's DID as its URI subject alternative
  name → 201 ``{certificate, chain}``: an X.509 certificate (RFC 5280) the platform's own
  certification authority issues for that key and DID, and that authority's certificate;
- ``POST /1.0/auth/certificates/revoke`` (bearer token of the same DID) ``{certificate}`` → 204;
- ``POST /1.0/auth/certificate-proofs`` ``{did, challenge, proof}``: ``proof`` is a compact JWS
  (RFC 7515) over the challenge's UTF-8 bytes, ``alg`` ES256, its ``x5c`` header (4.1.6) the
  certificate → 200 an access token, when the certificate chains to the authority, is within its
  validity, is not revoked and names the DID, and the signature verifies with its key; else 401.

One authority a process, made at start-up like the TLS one (tls.py).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Callable
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import clock as reference_clock
from ..problems import Refused, json_object, problem

DEFECTS: dict[str, str] = {
    "cert-enrol-refused": "a certificate request for the identity's own DID is refused (400) however valid",
    "cert-enrol-200": "a certificate is issued with 200, not the 201 annex D gives for a resource created",
    "cert-login-refused": "a certificate proof with a certificate the platform issued is refused",
    "cert-untrusted-accepted": "a certificate proof is accepted without checking that the certificate chains to "
                               "the platform's authority",
    "cert-revoked-accepted": "a certificate proof is accepted with a certificate its holder revoked",
}
#: how long an issued certificate is valid (the reference's own choice)
VALIDITY = datetime.timedelta(days=30)

Bearer = Callable[[Request], "dict[str, Any] | None"]  # the active session of a request's token
TakeChallenge = Callable[[str, str], bool]  # (challenge, DID) -> issued for it, unexpired, now used
Issue = Callable[[str], "dict[str, Any]"]  # DID -> the token answer


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


_CA_KEY = ec.generate_private_key(ec.SECP256R1())
_NOW = datetime.datetime.now(datetime.UTC)
_CA_NAME = _name("reference identity CA")
_CA = (x509.CertificateBuilder().subject_name(_CA_NAME).issuer_name(_CA_NAME)
       .public_key(_CA_KEY.public_key()).serial_number(x509.random_serial_number())
       .not_valid_before(_NOW - datetime.timedelta(days=1)).not_valid_after(_NOW + datetime.timedelta(days=3650))
       .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
       .sign(_CA_KEY, hashes.SHA256()))


def _pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _dids(certificate: x509.Certificate) -> list[str]:
    try:
        names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    return names.get_values_for_type(x509.UniformResourceIdentifier)


def _b64url(value: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise Refused(401, "Unauthorized", "the proof is not a compact JWS") from None


def routes(defects: frozenset[str], bearer: Bearer, take_challenge: TakeChallenge, issue: Issue) -> list[Route]:
    revoked: set[int] = set()  # serial numbers revoked by their holders

    def issue_certificate(csr_pem: object, did: str) -> x509.Certificate:
        try:
            csr = x509.load_pem_x509_csr(str(csr_pem).encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise Refused(400, "Invalid Request", "csr must be a PKCS #10 request in PEM") from None
        key = csr.public_key()
        p256 = isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1"
        if not csr.is_signature_valid or not p256:
            raise Refused(400, "Invalid Request", "the request must be signed by the P-256 key it names")
        try:
            named = csr.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        except x509.ExtensionNotFound:
            named = None
        if named is None or named.get_values_for_type(x509.UniformResourceIdentifier) != [did]:
            raise Refused(400, "Invalid Request", "the request must name the token's DID as its URI alternative name")
        now = reference_clock.now()
        return (x509.CertificateBuilder().subject_name(_name(did)).issuer_name(_CA.subject).public_key(key)
                .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
                .not_valid_after(now + VALIDITY)
                .add_extension(x509.SubjectAlternativeName([x509.UniformResourceIdentifier(did)]), critical=False)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .sign(_CA_KEY, hashes.SHA256()))

    async def enrol(request: Request) -> Response:
        session = bearer(request)
        if session is None:
            return problem(401, "Unauthorized", "a bearer token from /1.0/auth/proofs is required", defects=defects)
        try:
            body = await json_object(request)
            if "cert-enrol-refused" in defects:
                raise Refused(400, "Invalid Request", "certificate requests are not taken")
            certificate = issue_certificate(body.get("csr"), session["did"])
        except Refused as exc:
            return problem(exc.status, exc.title, exc.detail, defects=defects)
        return JSONResponse({"certificate": _pem(certificate), "chain": [_pem(_CA)]},
                            status_code=200 if "cert-enrol-200" in defects else 201)

    async def revoke(request: Request) -> Response:
        session = bearer(request)
        if session is None:
            return problem(401, "Unauthorized", "a bearer token from /1.0/auth/proofs is required", defects=defects)
        try:
            body = await json_object(request)
            certificate = x509.load_pem_x509_certificate(str(body.get("certificate")).encode("ascii"))
        except (Refused, ValueError, UnicodeEncodeError):
            return problem(400, "Invalid Request", "certificate must be a certificate in PEM", defects=defects)
        if certificate.issuer != _CA.subject or _dids(certificate) != [session["did"]]:
            return problem(403, "Forbidden", "only a certificate this platform issued to the token's DID",
                           defects=defects)
        revoked.add(certificate.serial_number)
        return Response(status_code=204)

    def holder(body: dict[str, Any]) -> str:
        """The DID a certificate proof authenticates, or Refused (401)."""
        did, challenge, proof = body.get("did"), body.get("challenge"), body.get("proof")
        parts = proof.split(".") if isinstance(proof, str) else []
        if not isinstance(did, str) or not isinstance(challenge, str) or len(parts) != 3:
            raise Refused(401, "Unauthorized", "did, challenge and a compact JWS proof are required")
        if not take_challenge(challenge, did):
            raise Refused(401, "Unauthorized", "the challenge was not issued for this DID, has expired or was used")
        try:
            header = json.loads(_b64url(parts[0]))
            chain = header.get("x5c") if isinstance(header, dict) else None
            certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0], validate=True))
        except (ValueError, TypeError, IndexError, KeyError, binascii.Error):
            raise Refused(401, "Unauthorized", "the proof's x5c header holds no certificate") from None
        if header.get("alg") != "ES256" or _b64url(parts[1]) != challenge.encode("utf-8"):
            raise Refused(401, "Unauthorized", "the proof must be ES256 over the challenge")
        if "cert-untrusted-accepted" not in defects:
            try:
                certificate.verify_directly_issued_by(_CA)
            except (ValueError, TypeError, InvalidSignature):
                raise Refused(401, "Unauthorized", "the certificate does not chain to this authority") from None
        now = reference_clock.now()
        if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
            raise Refused(401, "Unauthorized", "the certificate is not within its validity")
        if certificate.serial_number in revoked and "cert-revoked-accepted" not in defects:
            raise Refused(401, "Unauthorized", "the certificate is revoked")
        if _dids(certificate) != [did]:
            raise Refused(401, "Unauthorized", "the certificate does not name this DID")
        key, signature = certificate.public_key(), _b64url(parts[2])
        if not isinstance(key, ec.EllipticCurvePublicKey) or len(signature) != 64:
            raise Refused(401, "Unauthorized", "the signature is not ES256 by a P-256 key")
        der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
        try:
            key.verify(der, f"{parts[0]}.{parts[1]}".encode("ascii"), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            raise Refused(401, "Unauthorized", "the signature does not verify with the certificate's key") from None
        if "cert-login-refused" in defects:
            raise Refused(401, "Unauthorized", "certificate logins are not taken")
        return did

    async def prove(request: Request) -> Response:
        try:
            did = holder(await json_object(request))
        except Refused as exc:
            return problem(401 if exc.status == 400 else exc.status, exc.title, exc.detail, defects=defects)
        return JSONResponse(issue(did))

    return [
        Route("/1.0/auth/certificates", enrol, methods=["POST"]),
        Route("/1.0/auth/certificates/revoke", revoke, methods=["POST"]),
        Route("/1.0/auth/certificate-proofs", prove, methods=["POST"]),
    ]
