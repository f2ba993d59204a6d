"""The published JSON-LD contexts, served to a product under test as if from their own hosts,
so that a product that dereferences a context (ACA-Py fetches any it has not cached, such as
``https://www.w3.org/ns/credentials/examples/v2``) behaves the same with or without a network.

A local HTTP proxy (the product is started with ``HTTPS_PROXY`` and ``HTTP_PROXY`` pointing at
it, and ``REQUESTS_CA_BUNDLE`` naming a certificate authority made for this run) answers each
URL with the context the harness ships (``areas/_shared/contexts``, every file pinned by its
sha256) and 404 for anything else: the product reaches nothing outside this machine. Test
support only; never part of the harness."""

from __future__ import annotations

import datetime
import json
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conformance.areas._shared.jsonld import bundled

#: the longest request head the proxy reads (a context fetch is one short GET)
MAX_HEAD = 16 * 1024


def _certificate(subject: str, key: ec.EllipticCurvePrivateKey, issuer: x509.Name | None = None,
                 issuer_key: ec.EllipticCurvePrivateKey | None = None) -> x509.Certificate:
    """A certificate for ``subject`` (a host name, or the authority's own name when no issuer)."""
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer or name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1)))
    # Python 3.13's strict verification (VERIFY_X509_STRICT) wants key identifiers and usages.
    builder = builder.add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    if issuer is None:
        builder = (builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                   .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                                key_encipherment=False, data_encipherment=False, key_agreement=False,
                                                key_cert_sign=True, crl_sign=True, encipher_only=False,
                                                decipher_only=False), critical=True))
    else:
        signer = (issuer_key or key).public_key()
        builder = (builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(signer), critical=False)
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False))
    return builder.sign(issuer_key or key, hashes.SHA256())


def _pem(value: x509.Certificate | ec.EllipticCurvePrivateKey) -> bytes:
    if isinstance(value, x509.Certificate):
        return value.public_bytes(serialization.Encoding.PEM)
    return value.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())


class _Authority:
    """A certificate authority of one run, and a TLS context per host it is asked for."""

    def __init__(self, folder: Path) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.certificate = _certificate("conformance test context host", self.key)
        self.bundle = folder / "context-host-ca.pem"
        self.bundle.write_bytes(_pem(self.certificate))
        self._folder, self._contexts, self._lock = folder, {}, threading.Lock()

    def context_for(self, host: str) -> ssl.SSLContext:
        with self._lock:
            if host not in self._contexts:
                key = ec.generate_private_key(ec.SECP256R1())
                leaf = _certificate(host, key, self.certificate.subject, self.key)
                chain = self._folder / f"{host}.pem"
                chain.write_bytes(_pem(leaf) + _pem(key))
                context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                context.load_cert_chain(chain)
                self._contexts[host] = context
            return self._contexts[host]


def _read_head(stream: socket.socket) -> bytes:
    head = b""
    while b"\r\n\r\n" not in head and len(head) < MAX_HEAD:
        chunk = stream.recv(4096)
        if not chunk:
            break
        head += chunk
    return head


def _answer(stream: socket.socket, url: str) -> None:
    document = bundled().get(url)
    if document is None:
        stream.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        return
    body = json.dumps(document).encode()
    stream.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/ld+json\r\nConnection: close\r\n"
                   b"Content-Length: %d\r\n\r\n" % len(body) + body)


@contextmanager
def context_host(folder: Path) -> Iterator[dict[str, str]]:
    """Serve the shipped contexts through a proxy while the block runs; yields the environment
    variables that route a product's HTTP(S) requests through it."""
    authority = _Authority(folder)

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            stream: socket.socket = self.request
            stream.settimeout(10)
            try:
                line = _read_head(stream).split(b"\r\n", 1)[0].decode("latin-1").split()
                if len(line) < 2:
                    return
                method, target = line[0], line[1]
                if method == "CONNECT":  # https: the tunnel ends here, in TLS for that host
                    host = target.rsplit(":", 1)[0]
                    stream.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    with authority.context_for(host).wrap_socket(stream, server_side=True) as tls:
                        request = _read_head(tls).split(b"\r\n", 1)[0].decode("latin-1").split()
                        if len(request) >= 2:
                            _answer(tls, f"https://{host}{request[1]}")
                else:  # http: the absolute URL is in the request line
                    _answer(stream, target)
            except (OSError, ssl.SSLError):
                return  # the product gave up: nothing to serve

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        proxy = f"http://127.0.0.1:{server.server_address[1]}"
        yield {"HTTPS_PROXY": proxy, "HTTP_PROXY": proxy, "https_proxy": proxy, "http_proxy": proxy,
               "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
               "REQUESTS_CA_BUNDLE": str(authority.bundle), "SSL_CERT_FILE": str(authority.bundle)}
    finally:
        server.shutdown()
        server.server_close()
