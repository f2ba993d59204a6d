"""TOTP (RFC 6238) over HOTP (RFC 4226), as the harness computes one-time codes from a seed
a target provisions. The seed arrives base32 encoded (RFC 4648), as in otpauth URIs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct

from ..messages import msg

DIGESTS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}


def decode_seed(secret: str) -> bytes:
    """A base32 seed, padding optional, case and spaces ignored; ValueError if malformed."""
    cleaned = secret.replace(" ", "").upper()
    try:
        return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except (ValueError, TypeError) as exc:
        raise ValueError(msg("codecs.not-base32", error=str(exc))) from None


def hotp(key: bytes, counter: int, digits: int = 6, algorithm: str = "SHA1") -> str:
    """RFC 4226 5.3: HMAC over the 8-byte counter, dynamic truncation, modulo 10^digits."""
    mac = hmac.new(key, struct.pack(">Q", counter), DIGESTS[algorithm]).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def totp(key: bytes, unix_time: float, *, period: int = 30, digits: int = 6, algorithm: str = "SHA1",
         t0: int = 0) -> str:
    """RFC 6238 4.2: HOTP with counter T = floor((unix time - T0) / period)."""
    return hotp(key, int((unix_time - t0) // period), digits, algorithm)
