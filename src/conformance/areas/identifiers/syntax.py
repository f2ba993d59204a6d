"""Syntax of device, product and asset identifiers: Handle System handles and GS1 Digital Link URIs.

* A handle (RFC 3650 section 3, RFC 3651 section 2.1) is ``<naming authority> "/" <local name>``:
  the naming authority (the prefix) a dot-separated list of non-empty segments, the local name
  (the suffix) a non-empty string; neither holds control characters, and the prefix holds no
  "/" and no "@" (the NAsegment octets of RFC 3651 2.1 leave out 0x2E, 0x2F and 0x40).
  China's industrial-internet identifiers are handles of this form (prefix of the enterprise
  node, suffix of the object).
* A GS1 Digital Link URI (GS1 Digital Link: URI syntax, section 4) is an http(s) URI whose path
  ends in a primary key and its qualifiers as ``/{AI}/{value}`` pairs: here GTIN (AI 01, 8, 12,
  13 or 14 digits with a valid check digit, GS1 General Specifications 7.9.1) with the key
  qualifiers 22, 10, 21 in that order, or GIAI (AI 8004, an individual asset); alphanumeric
  values use GS1 AI encodable character set 82 (General Specifications 7.11) up to their length.

:func:`problems` answers the problems of one identifier as message keys with arguments (none:
well-formed); :func:`scheme` says which of the two it claims to be.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from conformance import Message, msg

HANDLE = "handle"
DIGITAL_LINK = "gs1-digital-link"

#: GS1 AI encodable character set 82 (General Specifications 7.11, figure 7.11-1)
CSET82 = frozenset("!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz")
#: key qualifiers of GTIN in the order a Digital Link URI gives them, with their longest value
GTIN_QUALIFIERS = {"22": 20, "10": 20, "21": 20}
GIAI_MAX = 30
_DIGITS = re.compile(r"^[0-9]+$")


def scheme(identifier: str) -> str | None:
    """``gs1-digital-link`` for an http(s) URI; None for a URI of another scheme (a URN, a DID:
    not a scheme this area resolves); ``handle`` for anything else (then judged as a handle)."""
    parts = urlsplit(identifier)
    if parts.scheme in ("http", "https"):
        return DIGITAL_LINK
    return None if parts.scheme else HANDLE


def _controls(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


def handle_problems(identifier: str) -> list[Message]:
    prefix, slash, suffix = identifier.partition("/")
    found = []
    if not slash:
        found.append(msg("identifiers.handle-no-slash"))
    if not prefix or any(not segment for segment in prefix.split(".")):
        found.append(msg("identifiers.handle-prefix-segments", prefix=prefix))
    if slash and not suffix:
        found.append(msg("identifiers.handle-no-suffix"))
    # RFC 3651 2.1's NAsegment is any octet but "." "/" "@" (0x2E, 0x2F, 0x40): "@" is refused in the
    # prefix (the local name may hold it); white space is allowed there, and control characters are
    # the statement's own finding.
    if "@" in prefix:
        found.append(msg("identifiers.handle-prefix-at", prefix=prefix))
    if _controls(identifier):
        found.append(msg("identifiers.handle-control"))
    return found


def check_digit(digits: str) -> int:
    """The GS1 check digit of the digits before it (weights 3, 1, 3... from the right)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def gtin_problems(gtin: str) -> list[Message]:
    if not _DIGITS.match(gtin) or len(gtin) not in (8, 12, 13, 14):
        return [msg("identifiers.gtin-length", gtin=gtin)]
    if check_digit(gtin[:-1]) != int(gtin[-1]):
        return [msg("identifiers.gtin-check-digit", gtin=gtin, digit=check_digit(gtin[:-1]))]
    return []


def _cset82(ai: str, value: str, longest: int) -> list[Message]:
    if not value or len(value) > longest or any(ch not in CSET82 for ch in value):
        return [msg("identifiers.ai-value", ai=ai, value=value, longest=longest)]
    return []


def digital_link_parts(identifier: str) -> list[tuple[str, str]]:
    """The (AI, value) pairs at the end of a Digital Link URI's path, from the primary key on."""
    segments = urlsplit(identifier).path.split("/")[1:]
    for start in range(len(segments) - 1):
        if segments[start] in ("01", "8004") and (len(segments) - start) % 2 == 0:
            pairs = segments[start:]
            return [(pairs[i], unquote(pairs[i + 1])) for i in range(0, len(pairs), 2)]
    return []


def digital_link_problems(identifier: str) -> list[Message]:
    parts = urlsplit(identifier)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [msg("identifiers.dl-not-http")]
    if parts.fragment:
        return [msg("identifiers.dl-fragment")]
    pairs = digital_link_parts(identifier)
    if not pairs:
        return [msg("identifiers.dl-no-primary-key")]
    (ai, value), qualifiers = pairs[0], pairs[1:]
    if ai == "8004":
        found = _cset82(ai, value, GIAI_MAX)
        if qualifiers:
            found.append(msg("identifiers.dl-qualifier", ai=qualifiers[0][0], key=ai))
        return found
    found = gtin_problems(value)
    order = list(GTIN_QUALIFIERS)
    last = -1
    for qualifier, qualifier_value in qualifiers:
        if qualifier not in GTIN_QUALIFIERS:
            found.append(msg("identifiers.dl-qualifier", ai=qualifier, key=ai))
            continue
        if order.index(qualifier) <= last:
            found.append(msg("identifiers.dl-qualifier-order", ai=qualifier))
        last = max(last, order.index(qualifier))
        found += _cset82(qualifier, qualifier_value, GTIN_QUALIFIERS[qualifier])
    return found


def problems(identifier: object) -> list[Message]:
    """Why ``identifier`` is not a well-formed handle or GS1 Digital Link URI (empty: it is)."""
    if not isinstance(identifier, str) or not identifier:
        return [msg("identifiers.not-a-string")]
    kind = scheme(identifier)
    if kind == DIGITAL_LINK:
        return digital_link_problems(identifier)
    if kind == HANDLE:
        return handle_problems(identifier)
    return [msg("identifiers.no-scheme")]
