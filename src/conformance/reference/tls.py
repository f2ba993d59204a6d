"""TLS for the reference implementation: a test certification authority made at start-up with
``cryptography``, its certificate written to a temporary folder for the harness to trust (the
manifest's ``ca_bundle``), and the server's certificate and TLS settings, with the planted
transport defects IF-TLS-001 must catch (suites/interfaces/known_bad.yaml).

One authority a process: every TLS server it starts presents a certificate that authority
issued for 127.0.0.1 and localhost, except where a defect says otherwise.
"""

from __future__ import annotations

import atexit
import datetime
import functools
import ipaddress
import shutil
import ssl
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

#: Transport defects: each changes only how the server speaks TLS, never what it answers.
DEFECTS: dict[str, str] = {
    "plain-http": "the server speaks plain HTTP, no TLS at all",
    "tls-no-tls13": "the server refuses TLS 1.3 (TLS 1.2 only)",
    "tls-cbc-only": "under TLS 1.2 the server accepts only CBC suites, none RFC 9325 4.2 recommends",
    "tls-legacy-versions": "the server also accepts TLS 1.0 and TLS 1.1",
    "tls-anonymous-cipher": "the server accepts anonymous (unauthenticated) cipher suites under TLS 1.2",
    "tls-rc4-cipher": "the server agrees to TLS_ECDHE_ECDSA_WITH_RC4_128_SHA when a TLS 1.2 ClientHello offers it",
    "tls-expired-certificate": "the server's certificate expired yesterday",
    "tls-wrong-name": "the server's certificate names another host (conformance.invalid)",
    "tls-untrusted-ca": "the server's certificate chains to a CA the manifest does not name",
}
#: The defects whose certificate no client verifies: a run reaches them only with ``verify_tls:
#: false`` (IF-TLS-001 still judges the chain by its own handshakes).
UNVERIFIABLE = frozenset({"tls-expired-certificate", "tls-wrong-name", "tls-untrusted-ca"})
#: The names the server's good certificate carries (RFC 9525 6: DNS-ID and IP-ID).
SERVER_NAMES = ("localhost", "127.0.0.1", "::1")
#: How long the generated certificates are valid: the life of a test session, with room for
#: a harness whose clock is moved on a simulated week (tests/reference/test_week_of_runs.py:
#: IF-TLS-001 R8 judges the dates at the harness's time).
VALIDITY = datetime.timedelta(days=30)
_KEY_USAGE = dict(content_commitment=False, data_encipherment=False, key_agreement=False,
                  encipher_only=False, decipher_only=False)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "metaverse-conformance reference"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass(frozen=True)
class Authority:
    """A CA: its key and certificate, and where its certificate is written (PEM)."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    folder: Path

    @property
    def bundle(self) -> Path:
        """The CA certificate as a PEM file: what a manifest's ``ca_bundle`` names."""
        return self.folder / "ca.pem"

    @classmethod
    def create(cls, common_name: str) -> Authority:
        now = datetime.datetime.now(datetime.timezone.utc)
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = (
            x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(_name(common_name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=False, key_cert_sign=True,
                                         crl_sign=True, **_KEY_USAGE), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        folder = Path(tempfile.mkdtemp(prefix="conformance-reference-ca-"))
        atexit.register(shutil.rmtree, folder, True)
        authority = cls(key, certificate, folder)
        authority.bundle.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        return authority

    def issue(self, names: Iterable[str], *, expired: bool = False) -> bytes:
        """A server certificate for ``names`` (host names or IP addresses) and its key, as one PEM."""
        now = datetime.datetime.now(datetime.timezone.utc)
        start, end = ((now - datetime.timedelta(days=30), now - datetime.timedelta(days=1)) if expired
                      else (now - datetime.timedelta(hours=1), now + VALIDITY))
        alt: list[x509.GeneralName] = []
        for name in names:
            try:
                alt.append(x509.IPAddress(ipaddress.ip_address(name)))
            except ValueError:
                alt.append(x509.DNSName(name))
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = (
            x509.CertificateBuilder().subject_name(_name("reference server")).issuer_name(self.certificate.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=False, key_cert_sign=False,
                                         crl_sign=False, **_KEY_USAGE), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        return certificate.public_bytes(serialization.Encoding.PEM) + _pem_key(key)


@functools.cache
def authority() -> Authority:
    """The process's test CA, made on first use: the one a manifest trusts."""
    return Authority.create("metaverse-conformance reference test CA")


@functools.cache
def _stranger() -> Authority:
    """Another CA, which no manifest names (the ``tls-untrusted-ca`` defect)."""
    return Authority.create("an authority nobody trusts")


def trust_anchor() -> Path:
    """The PEM file of the test CA the reference's TLS servers chain to (a manifest's ``ca_bundle``)."""
    return authority().bundle


@functools.cache
def _chain_file(defects: frozenset[str]) -> Path:
    """The server's certificate and key as the planted defects want them, written once a process."""
    issuer = _stranger() if "tls-untrusted-ca" in defects else authority()
    names = ("conformance.invalid",) if "tls-wrong-name" in defects else SERVER_NAMES
    path = authority().folder / f"server-{'-'.join(sorted(defects)) or 'good'}.pem"
    path.write_bytes(issuer.issue(names, expired="tls-expired-certificate" in defects))
    path.chmod(0o600)
    return path


#: TLS_ECDHE_ECDSA_WITH_RC4_128_SHA (IANA TLS Cipher Suites registry, RFC 8422 6): the RC4 suite a
#: server with this ECDSA certificate would choose, were RC4 still enabled in it.
_RC4_SUITE = 0xC007


def _offers_rc4(hello: bytes) -> bool:
    """Whether a TLS 1.2 ClientHello record (RFC 5246 7.4.1.2) offers ``_RC4_SUITE``."""
    body = hello[9:]
    if len(hello) < 9 + 35 or hello[0] != 0x16 or hello[5] != 1 or body[:2] != b"\x03\x03":
        return False
    at = 2 + 32 + 1 + body[34]
    count = int.from_bytes(body[at:at + 2], "big")
    offered = body[at + 2:at + 2 + count]
    return any(offered[i:i + 2] == _RC4_SUITE.to_bytes(2, "big") for i in range(0, len(offered) - 1, 2))


class _AgreesToRc4(ssl.SSLObject):
    """``tls-rc4-cipher``: the library has no RC4 to agree to, so the planted server answers a
    ClientHello offering the RC4 suite with the ServerHello that agrees to it, bytes it writes
    itself; the handshake goes no further, and every other ClientHello is the library's."""

    @classmethod
    def _create(cls, incoming: ssl.MemoryBIO, outgoing: ssl.MemoryBIO, *args: object,
                **kwargs: object) -> ssl.SSLObject:
        made = super()._create(incoming, outgoing, *args, **kwargs)  # type: ignore[misc]
        made._bios = (incoming, outgoing)
        return made

    def do_handshake(self) -> None:
        incoming, outgoing = self._bios  # type: ignore[attr-defined]
        hello = incoming.read()
        incoming.write(hello)  # put back for the library, which reads it when RC4 is not offered
        if not _offers_rc4(hello):
            return super().do_handshake()
        body = b"\x03\x03" + bytes(32) + b"\x00" + _RC4_SUITE.to_bytes(2, "big") + b"\x00"
        message = b"\x02" + len(body).to_bytes(3, "big") + body
        outgoing.write(b"\x16\x03\x03" + len(message).to_bytes(2, "big") + message)
        incoming.read()  # answered: what follows is the client leaving
        raise ssl.SSLWantReadError


def server_context(defects: Iterable[str] = ()) -> ssl.SSLContext:
    """The server's TLS context: TLS 1.2 and 1.3 with the library's default (AEAD, forward-secret
    first) suites, unless a planted transport defect loosens it."""
    planted = frozenset(d for d in defects if d in DEFECTS)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(_chain_file(planted))
    if "tls-legacy-versions" in planted:
        # OpenSSL's security level 0 lets TLS 1.0/1.1 (SHA-1 signatures) be negotiated at all
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
        with warnings.catch_warnings():  # deprecated in ssl, which is the defect's point
            warnings.simplefilter("ignore", DeprecationWarning)
            context.minimum_version = ssl.TLSVersion.TLSv1  # noqa: S502 - the planted defect
    if "tls-anonymous-cipher" in planted:
        context.set_ciphers("ALL:@SECLEVEL=0")  # ALL holds the anonymous (aNULL) suites
    if "tls-rc4-cipher" in planted:
        context.sslobject_class = _AgreesToRc4
    if "tls-no-tls13" in planted:
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    if "tls-cbc-only" in planted:
        context.set_ciphers("ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384")
    context.set_alpn_protocols(["http/1.1"])
    return context
