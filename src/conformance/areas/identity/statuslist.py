"""Reading a W3C Bitstring Status List v1.0: the bit of one index in a
``BitstringStatusListCredential``'s ``encodedList`` (2.2; 3.2 expansion), within caps, since the
list comes from the product under test."""

from __future__ import annotations

import base64
import binascii
import zlib

from conformance import msg

#: Bitstring Status List 3.1: the bitstring is at least 16 KB (131,072 entries)
MIN_BITS = 131_072
#: the most a list is expanded to: 5.1's reading bound 「状态列表的解压大小」 (1 024 times the shortest list); a list
#: expanding past it is not judged (OverBound), never failed for it (sixty-ninth reading, h133-ocaps4: it was a finding)
MAX_BYTES = 16 * 1024 * 1024


class OverBound(Exception):
    """The list expands past MAX_BYTES: not judged (not a ValueError, which is a finding)."""


def expanded(encoded: object) -> bytes:
    """3.2: the multibase base64url (``u``) GZIP-compressed bitstring, expanded; ValueError
    naming what is wrong otherwise, OverBound when it expands past MAX_BYTES."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise ValueError(msg("identity.statuslist-not-multibase"))
    try:
        compressed = base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    except (binascii.Error, ValueError):
        raise ValueError(msg("identity.statuslist-not-base64url")) from None
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # GZIP (RFC 1952)
    try:
        bits = inflater.decompress(compressed, MAX_BYTES)
    except zlib.error:
        raise ValueError(msg("identity.statuslist-not-gzip")) from None
    if inflater.unconsumed_tail:
        raise OverBound(msg("identity.statuslist-too-large", limit=MAX_BYTES))
    if len(bits) * 8 < MIN_BITS:
        raise ValueError(msg("identity.statuslist-too-short", bits=len(bits) * 8, minimum=MIN_BITS))
    return bits


def bit(bits: bytes, index: int) -> bool:
    """The status at ``index``: the first index is the left-most bit (3.2)."""
    if not 0 <= index < len(bits) * 8:
        raise ValueError(msg("identity.statuslist-index-outside", index=index, bits=len(bits) * 8))
    return bool(bits[index // 8] & (0x80 >> index % 8))
