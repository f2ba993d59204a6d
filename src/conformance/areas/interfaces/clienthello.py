"""A hand-built ClientHello (RFC 5246 7.4.1.2, in one TLSPlaintext record, 6.2.1) and a reading
of the server's first record: what IF-TLS-001 offers that a TLS library may not be built to offer.

The forbidden suite classes (R4) and SSL 3.0 (R3) are offered with these bytes rather than
through the laboratory's TLS library, whose build decides which of them it can still offer
(OpenSSL 3 has no RC4, export or single-DES suites and no SSL 3.0): each class is offered
whatever the laboratory runs, so two laboratories reach the same verdict. Only the server's
ServerHello is read, never a full handshake: the question is whether it agrees to the offer.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import struct
from dataclasses import dataclass
from typing import BinaryIO

#: The cipher suites of each class RFC 9325 4.1 forbids (or the catalog refuses, R4), by their
#: code points and names in the IANA TLS Cipher Suites registry
#: (https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-parameters-4):
#: RFC 5246 A.5 (TLS 1.2's suites), RFC 4346 A.5 (the export suites, which TLS 1.1 already
#: forbade negotiating), RFC 5469 (single DES), RFC 8422 / RFC 4492 6 (the ECC suites) and
#: RFC 7465 (RC4, prohibited). Kerberos, PSK and SRP suites are left out: a server authenticated
#: by a certificate (R6) does not choose them.
SUITE_NAMES: dict[int, str] = {
    0x0001: "TLS_RSA_WITH_NULL_MD5", 0x0002: "TLS_RSA_WITH_NULL_SHA",
    0x0003: "TLS_RSA_EXPORT_WITH_RC4_40_MD5", 0x0004: "TLS_RSA_WITH_RC4_128_MD5",
    0x0005: "TLS_RSA_WITH_RC4_128_SHA", 0x0006: "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",
    0x0008: "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", 0x0009: "TLS_RSA_WITH_DES_CBC_SHA",
    0x000A: "TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0x000B: "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA",
    0x000C: "TLS_DH_DSS_WITH_DES_CBC_SHA", 0x000D: "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA",
    0x000E: "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA", 0x000F: "TLS_DH_RSA_WITH_DES_CBC_SHA",
    0x0010: "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA", 0x0011: "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA",
    0x0012: "TLS_DHE_DSS_WITH_DES_CBC_SHA", 0x0013: "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",
    0x0014: "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA", 0x0015: "TLS_DHE_RSA_WITH_DES_CBC_SHA",
    0x0016: "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", 0x0017: "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5",
    0x0018: "TLS_DH_anon_WITH_RC4_128_MD5", 0x0019: "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA",
    0x001A: "TLS_DH_anon_WITH_DES_CBC_SHA", 0x001B: "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA",
    0x002F: "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0033: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
    0x0034: "TLS_DH_anon_WITH_AES_128_CBC_SHA", 0x0035: "TLS_RSA_WITH_AES_256_CBC_SHA",
    0x0039: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 0x003A: "TLS_DH_anon_WITH_AES_256_CBC_SHA",
    0x003B: "TLS_RSA_WITH_NULL_SHA256", 0x006C: "TLS_DH_anon_WITH_AES_128_CBC_SHA256",
    0x006D: "TLS_DH_anon_WITH_AES_256_CBC_SHA256", 0x00A6: "TLS_DH_anon_WITH_AES_128_GCM_SHA256",
    0x00A7: "TLS_DH_anon_WITH_AES_256_GCM_SHA384",
    0xC001: "TLS_ECDH_ECDSA_WITH_NULL_SHA", 0xC002: "TLS_ECDH_ECDSA_WITH_RC4_128_SHA",
    0xC003: "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA", 0xC006: "TLS_ECDHE_ECDSA_WITH_NULL_SHA",
    0xC007: "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", 0xC008: "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",
    0xC009: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC00A: "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
    0xC00B: "TLS_ECDH_RSA_WITH_NULL_SHA", 0xC00C: "TLS_ECDH_RSA_WITH_RC4_128_SHA",
    0xC00D: "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA", 0xC010: "TLS_ECDHE_RSA_WITH_NULL_SHA",
    0xC011: "TLS_ECDHE_RSA_WITH_RC4_128_SHA", 0xC012: "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
    0xC013: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC014: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
    0xC015: "TLS_ECDH_anon_WITH_NULL_SHA", 0xC016: "TLS_ECDH_anon_WITH_RC4_128_SHA",
    0xC017: "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA", 0xC018: "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
    0xC019: "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",
}


def _named(part: str) -> tuple[int, ...]:
    return tuple(code for code, name in SUITE_NAMES.items() if part in name)


#: R4's classes, each offered alone: a suite is in a class by its IANA name (NULL encryption
#: "_WITH_NULL_", no authentication "_anon_", RC4 "_RC4_" outside export, export "_EXPORT_",
#: single DES "_DES_CBC_"/"_DES40_" outside export and 3DES "_3DES_").
FORBIDDEN_CLASSES: dict[str, tuple[int, ...]] = {
    "NULL encryption": _named("_WITH_NULL_"),
    "anonymous": _named("_anon_"),
    "RC4": tuple(c for c in _named("_RC4_") if c not in _named("_EXPORT_")),
    "export": _named("_EXPORT_"),
    "DES/3DES": tuple(c for c in _named("DES_") if c not in _named("_EXPORT_")),
}
#: Each class's name in Chinese texts, as IF-TLS-001's R4 writes it.
CLASS_NAMES_ZH = {"NULL encryption": "空加密", "anonymous": "匿名", "RC4": "RC4", "export": "出口级",
                  "DES/3DES": "DES/3DES"}
#: What an SSL 3.0 ClientHello offers: suites an SSL 3.0 server had (RFC 6101 A.6's RSA and DHE
#: ones, and the ECDHE CBC suites servers of the time added), so a server that still speaks SSL 3.0
#: finds one to agree on; the version, not the suite, is R3's question.
SSL3_SUITES = (0x002F, 0x0035, 0x0033, 0x0039, 0xC013, 0xC014, 0xC009, 0xC00A, 0x000A, 0x0005, 0x0004)

TLS12, SSL30 = 0x0303, 0x0300
#: RFC 8446 4.2.7 / RFC 8422 5.1.1: x25519, secp256r1, secp384r1; RFC 8422 5.1.2: uncompressed.
_GROUPS = (0x001D, 0x0017, 0x0018)
#: RFC 5246 7.4.1.4.1 / RFC 8446 4.2.3: ECDSA and RSA (PSS and PKCS#1) with SHA-256/384, and the
#: SHA-1 pairs an old server may know only.
_SIGNATURES = (0x0403, 0x0503, 0x0804, 0x0805, 0x0401, 0x0501, 0x0203, 0x0201)
#: The most this probe reads of an answer: one TLSPlaintext record (2^14 bytes, RFC 5246 6.2.1)
#: with its header; a ServerHello comes first and is far shorter.
_MAX_RECORD = 5 + 2**14
_ALERTS = {10: "unexpected_message", 40: "handshake_failure", 47: "illegal_parameter",
           70: "protocol_version", 71: "insufficient_security", 80: "internal_error"}


def _vector(data: bytes, width: int) -> bytes:
    return len(data).to_bytes(width, "big") + data


def _extension(kind: int, body: bytes) -> bytes:
    return struct.pack("!H", kind) + _vector(body, 2)


def client_hello(suites: tuple[int, ...], host: str, version: int = TLS12) -> bytes:
    """One record holding a ClientHello that offers ``suites`` at ``version``, with server_name
    (RFC 6066 3, a DNS name only: literal addresses are not allowed there), supported_groups,
    ec_point_formats and signature_algorithms so that a real server can answer."""
    extensions = b""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        extensions += _extension(0, _vector(b"\x00" + _vector(host.encode("idna"), 2), 2))
    extensions += _extension(10, _vector(b"".join(struct.pack("!H", g) for g in _GROUPS), 2))
    extensions += _extension(11, _vector(b"\x00", 1))
    extensions += _extension(13, _vector(b"".join(struct.pack("!H", s) for s in _SIGNATURES), 2))
    body = (struct.pack("!H", version) + os.urandom(32) + _vector(b"", 1)
            + _vector(b"".join(struct.pack("!H", s) for s in suites), 2) + _vector(b"\x00", 1)
            + _vector(extensions, 2))
    handshake = b"\x01" + _vector(body, 3)
    # the record's own version {3,1}: RFC 5246 E.1, what servers of every version accept
    return b"\x16" + struct.pack("!H", min(version, 0x0301)) + _vector(handshake, 2)


@dataclass(frozen=True)
class Answer:
    """The server's first answer: the version and suite its ServerHello chose, or what it did."""

    version: int | None = None
    suite: int | None = None
    seen: str = ""

    def agrees(self, suites: tuple[int, ...], version: int) -> bool:
        return self.suite in suites and self.version == version

    @property
    def suite_name(self) -> str:
        return SUITE_NAMES.get(self.suite or -1, f"0x{self.suite or 0:04X}")


def read_answer(conn: socket.socket) -> Answer:
    """The first record the server sends, read within ``_MAX_RECORD`` bytes and judged, never
    trusted: a ServerHello, an alert, a close or anything else (named with its first bytes)."""
    with conn.makefile("rb") as stream:  # read(n): n bytes, or fewer only where the server closed
        return _first_record(stream)


def _first_record(stream: BinaryIO) -> Answer:
    header = stream.read(5)
    if len(header) < 5:
        return Answer(seen=f"closed after {len(header)} bytes" if header else "closed")
    kind, length = header[0], int.from_bytes(header[3:5], "big")
    if kind not in (21, 22) or header[1] != 3 or length > _MAX_RECORD - 5:
        return Answer(seen=f"not a TLS record: {header.hex()}")
    body = stream.read(length)
    if len(body) < length:
        return Answer(seen=f"closed within a record ({5 + len(body)} of {5 + length} bytes)")
    if kind == 21:
        name = _ALERTS.get(body[1], str(body[1])) if len(body) >= 2 else "truncated"
        return Answer(seen=f"alert {name}")
    if len(body) < 4 + 35 or body[0] != 2:
        return Answer(seen=f"handshake message {body[:1].hex() or 'empty'}, not a ServerHello")
    at = 4 + 2 + 32
    at += 1 + body[at]  # session_id
    if len(body) < at + 2:
        return Answer(seen="a ServerHello too short to name a suite")
    return Answer(int.from_bytes(body[4:6], "big"), int.from_bytes(body[at:at + 2], "big"), "ServerHello")


def offer(host: str, port: int, suites: tuple[int, ...], timeout: float, version: int = TLS12) -> Answer:
    """Send one ClientHello offering ``suites`` at ``version`` on its own connection; the answer."""
    name = host.strip("[]")
    try:
        with socket.create_connection((name, port), timeout=timeout) as conn:
            conn.sendall(client_hello(suites, name, version))
            return read_answer(conn)
    except TimeoutError:
        return Answer(seen=f"no answer within {timeout:g} s")
    except OSError as exc:
        return Answer(seen=f"connection failed ({exc.strerror or exc})")
