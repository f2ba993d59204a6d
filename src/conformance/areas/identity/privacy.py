"""Privacy checks of identity documents and credentials: private key material, personal data
about whom a credential or document is of. Values are never echoed, so a report never copies
the secret it found (the pointer says where to look). Raw personal identifiers (PRC resident
identity numbers, phone numbers, e-mail addresses, biometric templates) are found by
:mod:`conformance.areas._shared.privacy`, which the terminal area uses too.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from conformance import Finding, msg

from .._shared.jsonld import bundled
from .._shared.privacy import escape, objects, personal_identifiers

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject

JWK_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")
PRIVATE_KEY_PROPERTY_PREFIX = "privatekey"


def private_key_material(document: object) -> list[Finding]:
    """A finding, located by its pointer, for each piece of private key material anywhere in
    the value: a JWK (recognised by ``kty``) with a private member, or a ``privateKey...`` property."""
    found: list[Finding] = []
    for where, node in objects(document):
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


#: The organisation classes above as IRIs (schema.org's, W3C ORG's), and the traceability
#: vocabulary's and GS1's own Organization classes.
ORGANISATION_IRIS = frozenset({
    *(f"{scheme}://schema.org/{name}" for scheme in ("http", "https") for name in ORGANISATION_TYPES if ":" not in name),
    "http://www.w3.org/ns/org#Organization", "http://www.w3.org/ns/org#FormalOrganization",
    "https://w3id.org/traceability#Organization", "https://www.gs1.org/voc/Organization",
})


@cache
def context_organisation_types() -> frozenset[str]:
    """Type terms the bundled JSON-LD contexts define as an organisation class: a type named for
    what the organisation is in the document (the traceability context's ``CTPATMember`` is
    schema.org Organization), as the published examples type their parties."""
    found: set[str] = set()
    stack: JsonArray = [document.get("@context") for document in bundled().values() if isinstance(document, dict)]
    while stack:
        context = stack.pop()
        if isinstance(context, list):
            stack.extend(context)
        elif isinstance(context, dict):
            for term, definition in context.items():
                iri = definition.get("@id") if isinstance(definition, dict) else definition
                if iri in ORGANISATION_IRIS and term[:1].isupper():  # a class; `consignee` types nothing
                    found.add(term)
                if isinstance(definition, dict):
                    stack.append(definition.get("@context"))
    return frozenset(found)


def _types_of(node: JsonObject) -> list[str]:
    value = node.get("type", node.get("@type"))
    return [t for t in (value if isinstance(value, list) else [value]) if isinstance(t, str)]


#: Classes of the W3C CCG traceability vocabulary (https://w3id.org/traceability, schemas under
#: docs/openapi/components/schemas/common) whose instances are legal entities: LEIEntity (a
#: GLEIF Legal Entity Identifier record). Its ``Entity`` is "a person or organization": which
#: one its ``entityType`` says ("Person" or "Organization"); without one, an Entity with a
#: ``legalName`` ("the registered company name") is a legal entity, any other may be a person.
LEGAL_ENTITY_TYPES = frozenset({"LEIEntity"})

#: Properties whose value is an Open Badges 3.0 / CLR 2.0 Profile an issuer publishes (OB 3.0
#: B.1 Achievement.creator, B.2 Profile.parentOrg, and a credential's issuer): a Profile there is
#: the published description of the issuing or creating entity (OB 3.0 Profile: "describes an
#: entity or organization using Open Badges"), whose contact details are published on purpose.
PUBLISHED_PROFILE_PROPERTIES = ("creator", "parentOrg")


def is_organisation(node: object) -> bool:
    """Whether a JSON object is typed as an organisation (and not also as a person): a
    schema.org / W3C ORG organisation type, a type a bundled context defines as one
    (:func:`context_organisation_types`), or a traceability legal entity."""
    if not isinstance(node, dict):
        return False
    kinds = _types_of(node)
    if any(k in PERSON_TYPES for k in kinds):
        return False
    if any(k in ORGANISATION_TYPES or k in LEGAL_ENTITY_TYPES or k.endswith(("Organization", "Organisation"))
           or k in context_organisation_types() for k in kinds):
        return True
    if "Entity" in kinds:  # traceability Entity: entityType decides, else a registered legal name
        declared = node.get("entityType")
        return declared in ORGANISATION_TYPES or declared is None and isinstance(node.get("legalName"), str)
    return False


def _published_profile(value: object) -> bool:
    return isinstance(value, dict) and "Profile" in _types_of(value) and not any(
        k in PERSON_TYPES for k in _types_of(value)) and value.get("entityType") not in PERSON_TYPES


def organisation_scopes(document: object, pointer: str = "") -> dict[str, str]:
    """Pointer -> why, for each part of a credential or presentation whose data is an
    organisation's: the issuer (unless typed as a person) and every object typed as an
    organisation, wherever it is."""
    out: dict[str, str] = {}
    for where, node in objects(document, pointer):
        if is_organisation(node):
            out[where] = "organisation"
        for name in PUBLISHED_PROFILE_PROPERTIES:
            if _published_profile(node.get(name)):
                out.setdefault(f"{where}/{name}", "published-profile")
        issuer = node.get("issuer")
        if "credentialSubject" in node and issuer is not None and not (
                isinstance(issuer, dict) and any(k in PERSON_TYPES for k in _types_of(issuer))):
            out.setdefault(f"{where}/issuer", "issuer")
    return out


def issuer_dids(document: object) -> set[str]:
    """The DIDs a credential (or the credentials of a presentation) names as its issuer, when
    the issuer is not typed as a person: organisations that publish credentials."""
    found: set[str] = set()
    for _, node in objects(document):
        if "credentialSubject" not in node:
            continue
        issuer = node.get("issuer")
        if isinstance(issuer, dict) and not any(k in PERSON_TYPES for k in _types_of(issuer)):
            issuer = issuer.get("id")
        if isinstance(issuer, str) and issuer.startswith("did:"):
            found.add(issuer.split("#")[0])
    return found


def _check(pointer: str, kind: str) -> str:
    """Whose data the value is, by where it sits."""
    if kind != "credential":
        return kind
    for part, whose in (("/credentialSubject", "credential-subject"), ("/holder", "holder")):
        if part in pointer:
            return whose
    return "credential"


def personal_data(document: object, kind: str, pointer: str = "", *,
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
        # whose data it is, as a check: ID-PRIV-001 defines no R-rules, so a finding names none
        found.append(Finding.of(finding.message, pointer=at, check=_check(at, kind)))
    return found
