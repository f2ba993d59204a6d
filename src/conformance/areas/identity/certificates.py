"""A digital certificate as an authentication tool (ID-CERT-001): what the harness sends a
platform that issues certificates to its identities. A PKCS #10 request (RFC 2986) for a fresh
P-256 key naming a DID as its URI subject alternative name (RFC 5280 4.2.1.6); a certificate
for the same key and DID that an authority the harness makes for the run issued (one the
platform has no reason to trust); and a certificate proof, a compact JWS (RFC 7515) over a
challenge's UTF-8 bytes, ``alg`` ES256 (RFC 7518 3.4), carrying the certificate in its ``x5c``
header (RFC 7515 4.1.6)."""

from __future__ import annotations

import base64
import datetime
import json

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conformance.codecs.bases import b64url
from conformance.codecs.keys import sign

#: how long the harness's own certificates are valid: valid dates, so that only the issuer is wrong
VALIDITY = datetime.timedelta(days=1)


def new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _alternative_name(did: str) -> x509.SubjectAlternativeName:
    return x509.SubjectAlternativeName([x509.UniformResourceIdentifier(did)])


def request(key: ec.EllipticCurvePrivateKey, did: str) -> str:
    """A PKCS #10 request in PEM for ``key``, naming ``did``."""
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, did[:64])]))
           .add_extension(_alternative_name(did), critical=False).sign(key, hashes.SHA256()))
    return csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


def untrusted(key: ec.EllipticCurvePrivateKey, did: str) -> x509.Certificate:
    """A certificate for ``key`` and ``did`` from an authority the harness made just now."""
    authority = new_key()
    now = datetime.datetime.now(datetime.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "conformance harness, untrusted")])
    return (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, did[:64])]))
            .issuer_name(name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + VALIDITY)
            .add_extension(_alternative_name(did), critical=False).sign(authority, hashes.SHA256()))


def issued(pem: object) -> x509.Certificate | None:
    """The certificate a platform answered in PEM, or None."""
    if not isinstance(pem, str):
        return None
    try:
        return x509.load_pem_x509_certificate(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return None


def names(certificate: x509.Certificate, key: ec.EllipticCurvePrivateKey, did: str) -> bool:
    """Whether ``certificate`` is for ``key`` and names ``did`` (and only it) as its URI."""
    raw = serialization.PublicFormat.SubjectPublicKeyInfo
    same_key = certificate.public_key().public_bytes(serialization.Encoding.DER, raw) == \
        key.public_key().public_bytes(serialization.Encoding.DER, raw)
    try:
        uris = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value \
            .get_values_for_type(x509.UniformResourceIdentifier)
    except x509.ExtensionNotFound:
        uris = []
    return same_key and uris == [did]


def proof(key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate, challenge: str) -> str:
    """The compact JWS proving control of ``certificate``'s key over ``challenge``."""
    der = certificate.public_bytes(serialization.Encoding.DER)
    header = b64url(json.dumps({"alg": "ES256", "x5c": [base64.b64encode(der).decode("ascii")]}).encode())
    payload = b64url(challenge.encode("utf-8"))
    return f"{header}.{payload}.{b64url(sign(key, f'{header}.{payload}'.encode('ascii')))}"


def pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
