"""Personal identifiers in any JSON value, as the areas that look for them find them (the
identity area's documents and credentials, the terminal area's captures).

Findings are (JSON pointer, message); values are never echoed, so a report never copies
the personal data it found (the pointer says where to look).

- PRC citizen identification numbers (GB 11643-1999): 17 digits and a check character, the
  ISO 7064 MOD 11-2 checksum over weights 2^(17-i) mod 11, a birth date in positions 7-14.
  Only numbers whose checksum and date are valid are reported, so random digit runs are not.
- mobile phone numbers: PRC mobile numbers (11 digits, 1[3-9]..., optionally +86), any
  ``tel:`` URI, and E.164 numbers written with a leading ``+`` (7 to 15 digits, :data:`E164_DIGITS`);
- e-mail addresses, including ``mailto:`` URIs;
- biometric templates: properties named for them (faceTemplate, fingerprintTemplate,
  irisCode, voiceprint, voiceSample, palmVein, biometric..., minutiae...), whatever their value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from conformance import Finding, Message, msg

#: GB 11643-1999 / ISO 7064 MOD 11-2: weights and the check character by sum mod 11.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

_ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_PRC_MOBILE = re.compile(r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9A-Za-z])")
#: "+" and an ITU-T E.164 international number (clause 6): a country code (its first digit 1 to 9) and at most 15
#: digits in all, here 7 to 15 (E.164 sets no shortest: a 3-digit country code and a 4-digit subscriber number are
#: taken as the shortest), consecutive digits apart by at most one space or hyphen; a longer run is no E.164 number
E164_DIGITS = (7, 15)
_E164 = re.compile(r"(?<![0-9A-Za-z])\+[1-9](?:[ -]?[0-9]){%d,%d}(?![0-9A-Za-z])(?![ -][0-9])"
                   % (E164_DIGITS[0] - 1, E164_DIGITS[1] - 1))
_TEL_URI = re.compile(r"\btel:\+?[0-9]", re.IGNORECASE)
#: An e-mail address is looked for at each "@" (a local-part character before it, a domain
#: after it), never by a pattern that could start anywhere: a search for
#: ``[local]+@domain`` rescans a long run of local-part characters from each of its
#: positions, quadratic in the string's length.
_EMAIL_LOCAL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9])")
_BIOMETRIC_NAME = re.compile(
    r"biometric|fingerprinttemplate|fingerprintimage|handgeometry|"
    r"minutiae|iriscode|iristemplate|irisimage|voiceprint|palmprint|retina|gait(template|signature)",
    re.IGNORECASE,
)
#: ID-PRIV-001 names "a property named for face, fingerprint, iris, voice, palm or other
#: biometric data": such a word starting a name part (camelCase, snake_case, kebab-case) and
#: followed by a word for the data (faceData, voiceSample, palm_vein, irisScan). A word alone is
#: not enough: "fingerprint" names a key's digest in DID documents, "face" ends "interface" (and
#: "surfaceImage" is no face image: face words are matched here only, at a name part's start).
_BIOMETRIC_HEADS = ("face", "fingerprint", "iris", "voice", "palm", "retina", "retinal", "gait", "vein",
                    "dna")
_BIOMETRIC_PART = re.compile(
    "(?:" + "|".join(f"(?<![A-Za-z])(?i:{head})|(?<=[a-z]){head[0].upper()}(?i:{head[1:]})"
                     for head in _BIOMETRIC_HEADS) + ")"
    r"[_-]?(?i:templates?|embeddings?|features?|images?|prints?|codes?|data|samples?|vectors?|scans?|"
    r"minutiae|veins?|geometry|signatures?|hash(?:es)?|photos?|recordings?|models?)(?![a-z])"
)


def is_biometric_name(key: str) -> bool:
    """Whether a property name names biometric data (ID-PRIV-001)."""
    return bool(_BIOMETRIC_NAME.search(key) or _BIOMETRIC_PART.search(key))


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def walk(value: object, pointer: str = "") -> Iterator[tuple[str, object]]:
    """Every JSON value in ``value`` with its JSON pointer, iteratively."""
    stack = [(pointer, value)]
    while stack:
        where, node = stack.pop()
        yield where, node
        if isinstance(node, dict):
            stack.extend((f"{where}/{escape(str(k))}", v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{where}/{i}", v) for i, v in reversed(list(enumerate(node))))


def objects(value: object, pointer: str = "") -> Iterator[tuple[str, dict]]:
    """Every JSON object in ``value`` with its JSON pointer, in :func:`walk`'s order; no pointer
    is written for a string or number (most of a large document's values)."""
    stack: list[tuple[str, object]] = [(pointer, value)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, dict):
            yield where, node
            stack.extend((f"{where}/{escape(str(k))}", v) for k, v in reversed(node.items())
                         if isinstance(v, dict | list))
        elif isinstance(node, list):  # only containers are pushed
            stack.extend((f"{where}/{i}", v) for i, v in zip(range(len(node) - 1, -1, -1), reversed(node), strict=True)
                         if isinstance(v, dict | list))


def is_prc_id_number(text: str) -> bool:
    """An 18-character PRC citizen identification number with a valid GB 11643 checksum and date."""
    if len(text) != 18 or not text[:17].isdigit() or text[0] == "0":
        return False
    total = sum(int(c) * w for c, w in zip(text[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != text[17].upper():
        return False
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    return born.year >= 1850


def check_character(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


#: What every identifier above holds somewhere: a run of three digits (a citizen identification
#: number, a PRC mobile number's "1[3-9][0-9]"), "+" and a digit (E.164), "tel:" or "@". A
#: string without any of them (most names and values of a document) is cleared in one C pass.
_MAY_IDENTIFY = re.compile(r"[0-9]{3}|\+[1-9]|@|tel:", re.IGNORECASE)


def identifiers_in_text(text: str) -> list[Message]:
    """The kinds of personal identifier found in one string (no values)."""
    kinds: list[Message] = []
    if not _MAY_IDENTIFY.search(text):
        return kinds
    if any(is_prc_id_number(m.group()) for m in _ID_CANDIDATE.finditer(text)):
        kinds.append(msg("shared.kind-prc-id"))
    if _PRC_MOBILE.search(text) or _TEL_URI.search(text) or _E164.search(text):
        kinds.append(msg("shared.kind-phone"))
    if has_email(text):
        kinds.append(msg("shared.kind-email"))
    return kinds


def has_email(text: str) -> bool:
    """Whether ``text`` holds an e-mail address; linear in its length (each domain scan
    stops at the next "@", which no domain holds)."""
    at = text.find("@", 1)
    while at != -1:
        if text[at - 1] in _EMAIL_LOCAL and _EMAIL_DOMAIN.match(text, at + 1):
            return True
        at = text.find("@", at + 1)
    return False


_CLEARED_KEPT = 4096  # a bound: a document of unique strings gains nothing from the set
_TOP = object()  # the token of the value the walk starts at: its pointer is the caller's


def personal_identifiers(document: object, *, biometric_names: bool = True, pointer: str = "") -> list[Finding]:
    """A finding, located by its pointer, for each raw personal identifier or biometric template.
    ``biometric_names=False`` leaves out properties named for biometric templates (as
    :func:`raw_identifiers` does); ``pointer`` is where ``document`` sits.

    The values come in :func:`walk`'s order, but a value's pointer is written only when it is
    a container or has a finding (strings are most of a large document's values), and a
    property name is looked at once a call (the same names come in every object)."""
    found: list[Finding] = []
    of_name: dict[object, tuple[bool, list[Message]]] = {}  # name -> (biometric?, kinds of identifier)
    cleared: set[str] = set()  # strings found to hold no identifier (a document repeats them)
    stack: list[tuple[str, object, object]] = [(pointer, _TOP, document)]  # (parent's pointer, token, value)
    while stack:
        parent, token, node = stack.pop()
        if isinstance(node, str):
            if node in cleared:
                continue
            kinds = identifiers_in_text(node)  # most strings cleared by its first search alone
            if not kinds and len(cleared) < _CLEARED_KEPT:
                cleared.add(node)
            for kind in kinds:
                found.append(Finding(msg("shared.identifier-in-value", kind=kind), pointer=_pointer(parent, token)))
            continue
        if isinstance(node, list):
            where = _pointer(parent, token)
            stack.extend((where, i, v) for i, v in zip(range(len(node) - 1, -1, -1), reversed(node), strict=True))
        elif isinstance(node, dict):
            where = _pointer(parent, token)
            for key in node:
                seen = of_name.get(key)
                if seen is None:
                    name = str(key)
                    seen = of_name[key] = (biometric_names and is_biometric_name(name), identifiers_in_text(name))
                if seen[0]:
                    found.append(Finding(msg("shared.biometric-property", key=repr(key)),
                                         pointer=f"{where}/{escape(str(key))}"))
                for kind in seen[1]:
                    found.append(Finding(msg("shared.identifier-in-name", kind=kind), pointer=where))
            stack.extend((where, k, v) for k, v in reversed(node.items()))
    return found


def _pointer(parent: str, token: object) -> str:
    return parent if token is _TOP else f"{parent}/{escape(str(token))}"


def raw_identifiers(document: object, pointer: str = "") -> list[Finding]:
    """A finding for each e-mail address, phone number or GB 11643 citizen identification number in
    the names and string values of ``document``: the detector other areas share (the terminal
    area's captures, whose declarations name biometric data by design)."""
    return personal_identifiers(document, biometric_names=False, pointer=pointer)
