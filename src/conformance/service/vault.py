"""Secrets at rest: endpoint secrets and TOTP seeds are encrypted with the service's key
(Fernet: AES-128-CBC with HMAC-SHA256, from cryptography) before they reach the database."""

from __future__ import annotations

from cryptography.fernet import Fernet


class Vault:
    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    def seal(self, value: bytes) -> bytes:
        return self._fernet.encrypt(value)

    def open(self, sealed: bytes) -> bytes:
        return self._fernet.decrypt(sealed)

    def __repr__(self) -> str:  # never the key, in a log or a traceback
        return "Vault(...)"
