"""base58btc (Bitcoin alphabet, multibase ``z``) and unpadded base64url (RFC 4648 section 5):
text forms of bytes, with no cryptography, so that checks reading them (DID documents) do not
import it; :mod:`conformance.codecs.keys` builds keys on them (tested in
``tests/codecs/test_keys.py``)."""

from __future__ import annotations

import base64

from ..messages import msg

BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    """base64url without padding; raises ValueError on anything else."""
    if not isinstance(text, str) or any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                                        for c in text):
        raise ValueError(msg("codecs.not-base64url"))
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = BASE58[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def base58_decode(text: str) -> bytes:
    number = 0
    for char in text:
        index = BASE58.find(char)
        if index < 0:
            raise ValueError(msg("codecs.not-base58", char=repr(char)))
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body
