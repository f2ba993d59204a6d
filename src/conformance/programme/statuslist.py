"""Revocation through a W3C Bitstring Status List (VC Bitstring Status List v1.0).

The programme publishes one status list credential (``status/revocation.json`` under its
``site_url``): a ``BitstringStatusListCredential`` whose subject's ``encodedList`` is the
multibase (``u``: base64url, no padding) of the GZIP-compressed bitstring, at least 16 KiB
(131,072 entries) uncompressed as the specification requires (section 2.2), signed by the
programme's key. Entry *i* is bit *i* counted from the left: the most significant bit of the
first byte is entry 0 (section 3.1). A certificate names its entry with a
``BitstringStatusListEntry`` (``statusPurpose: revocation``); a set bit means revoked.

Each issue of the list is valid for a while (``validFrom``/``validUntil``, and the subject's
``ttl`` in milliseconds, section 2.2): a copy from before a revocation stops counting when
its validity ends, so a holder cannot keep presenting it.

Continuous conformance (``programme watch``) publishes a second list beside it,
``status/suspension.json`` (``statusPurpose: suspension``, section 2.1: a set bit means
suspended, a cleared one reinstated); a certificate names both entries, its
``credentialStatus`` a list of two (VC Data Model 2.0 allows several status entries; the
Bitstring Status List's own example pairs revocation with suspension).
"""

from __future__ import annotations

import base64
import gzip
import io
import re

MIN_BYTES = 16 * 1024
MAX_BYTES = 16 * 2**20  # a decoder's bound: no list of ours is larger, and gzip bombs are refused
CONTEXT = "https://www.w3.org/ns/credentials/v2"
STATUS_PATH = "status/revocation.json"
SUSPENSION_PATH = "status/suspension.json"
PURPOSES = {"revocation": STATUS_PATH, "suspension": SUSPENSION_PATH}


def encode(revoked: set[int], size: int = MIN_BYTES) -> str:
    bad = sorted(i for i in revoked if isinstance(i, bool) or not isinstance(i, int) or i < 0)
    if bad:  # a negative index would set another entry's bit (Python indexes from the end)
        raise ValueError(f"status list index {bad[0]!r} is not a non-negative integer")
    size = max(size, MIN_BYTES, (max(revoked, default=0) // 8) + 1)
    bits = bytearray(size)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same revocations give the same bytes (and the same proof hash)
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode("ascii").rstrip("=")


def decode(encoded: object) -> bytes:
    """The bitstring of an ``encodedList``; ValueError when it is not one."""
    if not isinstance(encoded, str) or not encoded.startswith("u") or not re.fullmatch(r"[A-Za-z0-9_-]*", encoded[1:]):
        raise ValueError("encodedList is not multibase base64url (u…)")
    data = base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4))
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            bits = stream.read(MAX_BYTES + 1)
    except (OSError, EOFError):
        raise ValueError("encodedList is not GZIP-compressed") from None
    if len(bits) > MAX_BYTES:
        raise ValueError(f"the status list is over {MAX_BYTES} bytes uncompressed")
    if len(bits) < MIN_BYTES:
        raise ValueError(f"the status list is {len(bits)} bytes, under the 16 KiB minimum")
    return bits


def is_set(bits: bytes, index: int) -> bool:
    """Whether entry ``index`` is set; ValueError for an index outside the list (a negative
    one too: Python's indexing from the end would read another certificate's bit)."""
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        raise ValueError(f"index {index!r} is not a non-negative integer")
    if index >= len(bits) * 8:
        raise ValueError(f"index {index} is beyond the status list ({len(bits) * 8} entries)")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def list_credential(url: str, issuer: str, revoked: set[int], valid_from: str, valid_until: str | None = None,
                    ttl_ms: int | None = None, purpose: str = "revocation") -> dict[str, object]:
    """The status list credential (unsigned). ``valid_until`` bounds this issue of the list
    (VC 2.0 ``validUntil``; a verifier refuses the list outside ``validFrom``..``validUntil``);
    ``ttl_ms`` is the subject's ``ttl`` (section 2.2: how long, in milliseconds, the list may
    be used before it is fetched again)."""
    subject: dict[str, object] = {"id": f"{url}#list", "type": "BitstringStatusList", "statusPurpose": purpose,
                               "encodedList": encode(revoked)}
    if ttl_ms is not None:
        subject["ttl"] = ttl_ms
    return {
        "@context": [CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
        **({"validUntil": valid_until} if valid_until is not None else {}),
        "credentialSubject": subject,
    }


def entry(url: str, index: int, purpose: str = "revocation") -> dict[str, object]:
    """A credential's ``credentialStatus``: its entry in the list at ``url``."""
    return {"id": f"{url}#{index}", "type": "BitstringStatusListEntry", "statusPurpose": purpose,
            "statusListIndex": str(index), "statusListCredential": url}


def entries(status: object) -> dict[str, object]:
    """A certificate's ``credentialStatus`` by purpose: one entry (a certificate issued before
    suspension existed) or a list of them. A purpose named twice is kept as None (neither
    entry is believed: which one counts cannot be told)."""
    found: dict[str, object] = {}
    for item in status if isinstance(status, list) else [status]:
        purpose = item.get("statusPurpose") if isinstance(item, dict) else None
        if isinstance(purpose, str):
            found[purpose] = None if purpose in found else item
    return found
