"""Accounts' credentials: argon2id password hashes (argon2-cffi) and TOTP second factors
(RFC 6238, cryptography's implementation: 6 digits, 30 s, SHA-1 as authenticator apps expect)."""

from __future__ import annotations

import os
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.hazmat.primitives.hashes import SHA1
from cryptography.hazmat.primitives.twofactor import InvalidToken
from cryptography.hazmat.primitives.twofactor.totp import TOTP

#: argon2-cffi's defaults are RFC 9106's second recommended option (argon2id, 64 MiB, 3 passes)
_HASHER = PasswordHasher()
ISSUER = "metaverse-conformance"
#: the shortest password accepted (NIST SP 800-63B 5.1.1.1: at least 8 characters)
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_matches(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def new_totp_seed() -> bytes:
    return os.urandom(20)  # 160 bits, RFC 4226 section 4's recommendation


def _totp(seed: bytes) -> TOTP:
    return TOTP(seed, 6, SHA1(), 30, enforce_key_length=True)


def enrolment_uri(seed: bytes, account: str) -> str:
    """The otpauth:// URI an authenticator app reads (shown once, at sign-up)."""
    return _totp(seed).get_provisioning_uri(account, ISSUER)


def totp_now(seed: bytes, at: float | None = None) -> str:
    return _totp(seed).generate(time.time() if at is None else at).decode("ascii")


def totp_matches(seed: bytes, code: str, at: float | None = None) -> bool:
    """The code of this 30 s step or of the one before (a code typed as the step turns)."""
    moment = time.time() if at is None else at
    candidate = code.strip().encode("ascii", "replace")
    for step in (0, -30):
        try:
            _totp(seed).verify(candidate, int(moment) + step)
            return True
        except InvalidToken:
            continue
    return False
