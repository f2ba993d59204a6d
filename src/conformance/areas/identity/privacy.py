"""Privacy checks over any JSON value: raw personal identifiers and private key material.

Findings are (JSON pointer, message); values are never echoed, so a report never copies
the personal data or the secret it found (the pointer says where to look).

- PRC resident identity numbers (GB 11643-1999): 17 digits and a check character, the
  ISO 7064 MOD 11-2 checksum over weights 2^(17-i) mod 11, a birth date in positions 7-14.
  Only numbers whose checksum and date are valid are reported, so random digit runs are not.
- mobile phone numbers: PRC mobile numbers (11 digits, 1[3-9]..., optionally +86), any
  ``tel:`` URI, and E.164 numbers written with a leading ``+``;
- e-mail addresses, including ``mailto:`` URIs;
- biometric templates: properties named for them (faceTemplate, fingerprintTemplate,
  irisCode, voiceprint, biometric..., minutiae...), whatever their value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..._run.findings import Finding
from ...messages import Message, msg

#: GB 11643-1999 / ISO 7064 MOD 11-2: weights and the check character by sum mod 11.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

_ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])")
_PRC_MOBILE = re.compile(r"(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9A-Za-z])")
_E164 = re.compile(r"(?<![0-9A-Za-z])\+[1-9][0-9 -]{7,17}[0-9](?![0-9A-Za-z])")
_TEL_URI = re.compile(r"\btel:\+?[0-9]", re.IGNORECASE)
#: An e-mail address is looked for at each "@" (a local-part character before it, a domain
#: after it), never by a pattern that could start anywhere: a search for
#: ``[local]+@domain`` rescans a long run of local-part characters from each of its
#: positions, quadratic in the string's length.
_EMAIL_LOCAL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9])")
_BIOMETRIC_NAME = re.compile(
    r"biometric|facetemplate|faceembedding|facefeature|faceimage|fingerprinttemplate|fingerprintimage|"
    r"minutiae|iriscode|iristemplate|irisimage|voiceprint|palmprint|retina|gait(template|signature)",
    re.IGNORECASE,
)

JWK_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")
PRIVATE_KEY_PROPERTY_PREFIX = "privatekey"


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def walk(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every JSON value in ``value`` with its JSON pointer, iteratively."""
    stack = [(pointer, value)]
    while stack:
        where, node = stack.pop()
        yield where, node
        if isinstance(node, dict):
            stack.extend((f"{where}/{escape(str(k))}", v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{where}/{i}", v) for i, v in reversed(list(enumerate(node))))


def is_prc_id_number(text: str) -> bool:
    """An 18-character PRC resident identity number with a valid GB 11643 checksum and date."""
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


def identifiers_in_text(text: str) -> list[Message]:
    """The kinds of personal identifier found in one string (no values)."""
    kinds: list[Message] = []
    if any(is_prc_id_number(m.group()) for m in _ID_CANDIDATE.finditer(text)):
        kinds.append(msg("identity.kind-prc-id"))
    if _PRC_MOBILE.search(text) or _TEL_URI.search(text) or _E164.search(text):
        kinds.append(msg("identity.kind-phone"))
    if has_email(text):
        kinds.append(msg("identity.kind-email"))
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


def personal_identifiers(document: Any, *, biometric_names: bool = True, pointer: str = "") -> list[Finding]:
    """A finding, located by its pointer, for each raw personal identifier or biometric template.
    ``biometric_names=False`` leaves out properties named for biometric templates (as
    :func:`raw_identifiers` does); ``pointer`` is where ``document`` sits."""
    found: list[Finding] = []
    for where, node in walk(document, pointer):
        if isinstance(node, dict):
            for key in node:
                if biometric_names and _BIOMETRIC_NAME.search(str(key)):
                    found.append(Finding(msg("identity.biometric-property", key=repr(key)),
                                         pointer=f"{where}/{escape(str(key))}"))
                for kind in identifiers_in_text(str(key)):
                    found.append(Finding(msg("identity.identifier-in-name", kind=kind), pointer=where))
        elif isinstance(node, str):
            for kind in identifiers_in_text(node):
                found.append(Finding(msg("identity.identifier-in-value", kind=kind), pointer=where))
    return found


def raw_identifiers(document: Any, pointer: str = "") -> list[Finding]:
    """A finding for each e-mail address, phone number or GB 11643 resident identity number in
    the names and string values of ``document``: the detector other areas share (the terminal
    area's captures, whose declarations name biometric data by design)."""
    return personal_identifiers(document, biometric_names=False, pointer=pointer)


def private_key_material(document: Any) -> list[Finding]:
    """A finding, located by its pointer, for each piece of private key material anywhere in
    the value: a JWK (recognised by ``kty``) with a private member, or a ``privateKey...`` property."""
    found: list[Finding] = []
    for where, node in walk(document):
        if not isinstance(node, dict):
            continue
        for key in node:
            if str(key).lower().startswith(PRIVATE_KEY_PROPERTY_PREFIX):
                found.append(Finding(msg("identity.private-key-property", key=repr(key)),
                                     pointer=f"{where}/{escape(str(key))}"))
        if isinstance(node.get("kty"), str):
            for member in JWK_PRIVATE_MEMBERS:
                if member in node:
                    found.append(Finding(msg("identity.jwk-has-private-member", kty=node["kty"], member=repr(member)),
                                         pointer=f"{where}/{member}"))
    return found


# --- whose data a value is (ID-PRIV-001) -----------------------------------------------
#
# PIPL Art. 4 defines personal information as information related to identified or
# identifiable natural persons (GB/T 35273-2020 3.1 likewise); an organisation's published
# contact data (an issuer's e-mail, a company's telephone or fax number in a trade document)
# is not. Which one a value is follows from the data model: a credential's issuer is the
# organisation that publishes it (VC Data Model 4.5), an object typed as an organisation
# (schema.org Organization and its subtypes) is one; a credential subject, a presentation's
# holder and a DID document's subject are whoever they identify, so a natural person unless
# typed otherwise.

#: Types of an organisation (schema.org Organization and its subtypes, W3C ORG, the
#: traceability vocabulary's parties). A type ending in "Organization"/"Organisation" counts too.
ORGANISATION_TYPES = frozenset({
    "Organization", "Organisation", "Corporation", "LocalBusiness", "GovernmentOrganization",
    "EducationalOrganization", "NGO", "Airline", "Consortium", "FundingScheme", "LibrarySystem",
    "MedicalOrganization", "NewsMediaOrganization", "OnlineBusiness", "PerformingGroup",
    "PoliticalParty", "Project", "ResearchOrganization", "SearchRescueOrganization",
    "SportsOrganization", "WorkersUnion", "CollegeOrUniversity", "School", "Hospital",
    "org:Organization", "org:FormalOrganization", "schema:Organization",
})
PERSON_TYPES = frozenset({"Person", "schema:Person", "foaf:Person", "NaturalPerson"})


def _types_of(node: dict[str, Any]) -> list[str]:
    value = node.get("type", node.get("@type"))
    return [t for t in (value if isinstance(value, list) else [value]) if isinstance(t, str)]


def is_organisation(node: Any) -> bool:
    """Whether a JSON object is typed as an organisation (and not also as a person)."""
    if not isinstance(node, dict):
        return False
    kinds = _types_of(node)
    if any(k in PERSON_TYPES for k in kinds):
        return False
    return any(k in ORGANISATION_TYPES or k.endswith(("Organization", "Organisation")) for k in kinds)


def organisation_scopes(document: Any, pointer: str = "") -> dict[str, str]:
    """Pointer -> why, for each part of a credential or presentation whose data is an
    organisation's: the issuer (unless typed as a person) and every object typed as an
    organisation, wherever it is."""
    out: dict[str, str] = {}
    for where, node in walk(document, pointer):
        if not isinstance(node, dict):
            continue
        if is_organisation(node):
            out[where] = "organisation"
        issuer = node.get("issuer")
        if "credentialSubject" in node and issuer is not None and not (
                isinstance(issuer, dict) and any(k in PERSON_TYPES for k in _types_of(issuer))):
            out.setdefault(f"{where}/issuer", "issuer")
    return out


def issuer_dids(document: Any) -> set[str]:
    """The DIDs a credential (or the credentials of a presentation) names as its issuer, when
    the issuer is not typed as a person: organisations that publish credentials."""
    found: set[str] = set()
    for _, node in walk(document):
        if not isinstance(node, dict) or "credentialSubject" not in node:
            continue
        issuer = node.get("issuer")
        if isinstance(issuer, dict) and not any(k in PERSON_TYPES for k in _types_of(issuer)):
            issuer = issuer.get("id")
        if isinstance(issuer, str) and issuer.startswith("did:"):
            found.add(issuer.split("#")[0])
    return found


def _rule(pointer: str, kind: str) -> str:
    """The rule a finding breaks: whose data the value is, by where it sits."""
    if kind != "credential":
        return kind
    for part, rule in (("/credentialSubject", "credential-subject"), ("/holder", "holder")):
        if part in pointer:
            return rule
    return "credential"


def personal_data(document: Any, kind: str, pointer: str = "", *,
                  issuers: frozenset[str] = frozenset()) -> list[Finding]:
    """ID-PRIV-001: each raw personal identifier or biometric template about a natural person,
    with its rule and pointer. ``kind``: "credential" (credentials and presentations: an
    organisation's data is out of scope, :func:`organisation_scopes`), "did-document" or
    "resolver-answer" (the DID subject may be a person: all of it counts, except the service
    endpoints of a DID in ``issuers``, an issuing organisation's published contacts)."""
    scopes = organisation_scopes(document, pointer) if kind == "credential" else {}
    if kind == "did-document" and isinstance(document, dict) and document.get("id") in issuers:
        scopes[f"{pointer}/service"] = "issuer"
    found = []
    for finding in personal_identifiers(document, pointer=pointer):
        at = finding.pointer or ""
        if any(at == scope or at.startswith(scope + "/") for scope in scopes):
            continue
        found.append(Finding(finding.message, pointer=at, rule=_rule(at, kind)))
    return found
