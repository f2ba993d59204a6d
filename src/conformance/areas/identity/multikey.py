"""Key text as DID Core's verification methods carry it: multibase strings (base58btc, base64url, base64, base16,
base32) and the multicodec prefix before a Multikey's bytes, each decoded within a length cap.
"""

from __future__ import annotations

import base64
import binascii

from conformance import msg

from ...codecs.bases import base58_decode, unb64url

#: Longest key text decoded: 5.1's reading bound 「密钥文本的长度」 (base58 decoding is quadratic; ML-DSA-87's public
#: key, the largest FIPS 204 gives, 2 592 B, is some 3 540 characters in base58btc and 5 190 in base16). Key text past
#: it is not judged, never failed for it (sixty-ninth reading, h133-ocaps5: DID documents passed on the rest, silently).
MAX_KEY_TEXT = 10_000


class TooLong(ValueError):
    """Key text longer than MAX_KEY_TEXT: not decoded, so not judged (didcore marks the document unjudged)."""


def multibase_decode(value: str) -> bytes:
    """The bytes of a multibase string (base58btc, base64url, base64, base16, base32)."""
    if not value:
        raise ValueError(msg("identity.multibase-empty"))
    if len(value) > MAX_KEY_TEXT:
        raise TooLong(msg("identity.multibase-too-long", length=len(value), limit=MAX_KEY_TEXT))
    prefix, body = value[0], value[1:]
    try:
        if prefix == "z":
            return base58_decode(body)
        if prefix == "u":
            return unb64url(body)
        if prefix in "mM":
            return base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
        if prefix in "fF":
            return bytes.fromhex(body)
        if prefix in "bB":
            return base64.b32decode(body.upper() + "=" * (-len(body) % 8))
    except (ValueError, binascii.Error):
        raise ValueError(msg("identity.multibase-invalid", prefix=repr(prefix))) from None
    raise ValueError(msg("identity.multibase-unknown-prefix", prefix=repr(prefix)))


def varint(data: bytes) -> tuple[int, int]:
    """(value, length) of the unsigned varint at the start of ``data`` (multicodec prefix)."""
    value = shift = 0
    for i, byte in enumerate(data[:9]):
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, i + 1
        shift += 7
    raise ValueError(msg("identity.no-multicodec-prefix"))


def multikey_parts(value: str) -> tuple[int, bytes]:
    """(multicodec, key bytes) of a multibase multicodec key."""
    raw = multibase_decode(value)
    codec, length = varint(raw)
    return codec, raw[length:]
