"""The MUSTs of the W3C VC Data Model 2.0 and 1.1 that can be checked on a document, for
credentials and presentations, with the version chosen by the base context.

Two layers: the JSON rules (what each property's value must be), then JSON-LD expansion
with the bundled contexts (:mod:`conformance.areas._shared.jsonld`), which decides what a JSON
reading cannot: every type expands to an absolute IRI, protected terms are not redefined,
every context is known. Each finding names the JSON pointer and the rule (the section).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

from conformance import Finding, Message, msg, reason

from .._shared import jsonld

if TYPE_CHECKING:
    from conformance.area import JsonObject

V2, V1 = "https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1"
SECTION = {"2.0": "VC Data Model 2.0", "1.1": "VC Data Model 1.1"}
#: Rules of findings that say the harness could not judge (not that the document is wrong).
UNJUDGED = ("context-known", "jsonld-unprocessed")

# A URL as VC means it: a scheme, then no white space (did:, https:, urn:, data: ...).
URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+")
# Each version by its own type: VC 2.0 4.9 types validFrom/validUntil as XML Schema
# dateTimeStamp (a time zone is required); VC 1.1 4.6 and 4.8 type issuanceDate/expirationDate as
# an XML Schema 1.1 dateTime (its 1.1 context: xsd:dateTime), where the time zone is optional.
# XML Schema 1.1 (part 2, 3.3.7) allows 24:00:00 (with zero minutes and seconds) as the end of a day.
_DATE_TIME = (r"-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:"
              r"([0-5][0-9]|60)(\.[0-9]+)?|24:00:00(\.0+)?)")
_ZONE = r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
DATETIME = re.compile(_DATE_TIME + _ZONE)
DATETIME_ZONE_OPTIONAL = re.compile(_DATE_TIME + _ZONE + "?")
DATE_TYPE = {"2.0": DATETIME, "1.1": DATETIME_ZONE_OPTIONAL}
LANGUAGE_KEYS = {"@value", "@language", "@direction"}
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]*")

#: Objects whose `type` the data model requires, with the other members each version requires.
TYPED: dict[str, dict[str, tuple[str, ...]]] = {
    "credentialStatus": {"2.0": (), "1.1": ("id",)},
    "credentialSchema": {"2.0": ("id",), "1.1": ("id",)},
    "refreshService": {"2.0": (), "1.1": ("id",)},
    "termsOfUse": {"2.0": (), "1.1": ()},
    "evidence": {"2.0": (), "1.1": ()},
    "proof": {"2.0": (), "1.1": ()},
}


def _f(message: Message, pointer: str, check: str) -> Finding:
    # the data model's item as a check: its requirements (ID-VC-001, ID-VP-001...) define no R-rules
    return Finding.of(message, pointer=pointer, check=check)


def _many(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _types(value: object) -> list[object]:
    return value if isinstance(value, list) else [value] if value is not None else []


def version_of(document: object) -> str | None:
    context = document.get("@context") if isinstance(document, dict) else None
    first = context[0] if isinstance(context, list) and context else context
    return {V2: "2.0", V1: "1.1"}.get(first) if isinstance(first, str) else None


def context_findings(document: JsonObject, at: str) -> Iterator[Finding]:
    context = document.get("@context")
    if context is None:
        yield _f(msg("identity.vc-context-present"),
                 f"{at}/@context", "context-present")
        return
    items = context if isinstance(context, list) else [context]
    if not items or items[0] not in (V1, V2):
        yield _f(msg("identity.vc-context-base-first", v2=V2, v1=V1),
                 f"{at}/@context/0" if isinstance(context, list) else f"{at}/@context", "context-base-first")
    for i, item in enumerate(items[1:], 1):
        if not (isinstance(item, dict) or isinstance(item, str) and URL.fullmatch(item)):
            yield _f(msg("identity.vc-context-items"), f"{at}/@context/{i}",
                     "context-items")


def _url_member(value: object, pointer: str, what: Message, check: str) -> Iterator[Finding]:
    if not (isinstance(value, str) and URL.fullmatch(value)):
        yield _f(msg("identity.vc-single-url", what=what), pointer, check)


def _type_findings(node: JsonObject, at: str, required: str | None, where: Message) -> Iterator[Finding]:
    if "type" not in node:
        yield _f(msg("identity.vc-type-present", where=where), f"{at}/type", "type-present")
        return
    values = _types(node["type"])
    if not values or not all(isinstance(t, str) and t for t in values):
        yield _f(msg("identity.vc-type-strings", where=where), f"{at}/type", "type-strings")
    elif required and required not in values:
        yield _f(msg("identity.vc-type-includes", where=where, required=required), f"{at}/type", "type-includes")


def _language_findings(value: object, pointer: str) -> Iterator[Finding]:
    for i, item in enumerate(_many(value)):
        here = f"{pointer}/{i}" if isinstance(value, list) else pointer
        if isinstance(item, str):
            continue
        if not isinstance(item, dict) or not isinstance(item.get("@value"), str):
            yield _f(msg("identity.vc-language-value"), here, "language-value")
            continue
        for key in sorted(set(item) - LANGUAGE_KEYS):
            yield _f(msg("identity.vc-language-value-keys", key=repr(key)), f"{here}/{key}", "language-value-keys")


def _date_findings(document: JsonObject, at: str, version: str) -> Iterator[Finding]:
    names = ("validFrom", "validUntil") if version == "2.0" else ("issuanceDate", "expirationDate")
    if version == "1.1" and "issuanceDate" not in document:
        yield _f(msg("identity.vc-issuance-date"), f"{at}/issuanceDate", "issuanceDate-present")
    for name in names:
        typed = DATE_TYPE.get(version, DATETIME)
        value = document.get(name)
        if name in document and not (isinstance(value, str) and typed.fullmatch(value)):
            yield _f(msg("identity.vc-datetime" if typed is DATETIME else "identity.vc-datetime-1.1", name=name),
                     f"{at}/{name}", "datetime")
    if version == "2.0":
        yield from _order_findings(document, at)


def _order_findings(document: JsonObject, at: str) -> Iterator[Finding]:
    """VC 2.0 4.9: validFrom is the same as or earlier than validUntil (judged only when both
    are date-times Python reads: a leap second or a year past 9999 is left unjudged here)."""
    first, last = document.get("validFrom"), document.get("validUntil")
    if not isinstance(first, str) or not isinstance(last, str):
        return
    try:
        start, end = datetime.fromisoformat(first), datetime.fromisoformat(last)
    except ValueError:
        return
    if start.tzinfo is not None and end.tzinfo is not None and start > end:
        yield _f(msg("identity.vc-validity-order", start=document["validFrom"], end=document["validUntil"]),
                 f"{at}/validUntil", "validity-order")


def credential_findings(document: JsonObject, at: str = "", version: str | None = None) -> Iterator[Finding]:
    version = version or version_of(document) or "2.0"
    yield from context_findings(document, at)
    if "EnvelopedVerifiableCredential" in _types(document.get("type")):
        # VC 2.0 4.13.1: the credential is inside the data: URL of its id (ID-VC-003 verifies it)
        yield from _url_member(document.get("id"), f"{at}/id", msg("identity.vc-enveloped-id"), "enveloped-id")
        return
    yield from _type_findings(document, at, "VerifiableCredential", msg("identity.vc-a-credential"))
    if "id" in document:
        yield from _url_member(document["id"], f"{at}/id", msg("identity.vc-credential-id"), "id-url")
    issuer = document.get("issuer")
    if issuer is None:
        yield _f(msg("identity.vc-issuer-present"), f"{at}/issuer", "issuer-present")
    elif isinstance(issuer, dict):
        yield from _url_member(issuer.get("id"), f"{at}/issuer/id", msg("identity.vc-issuer-object-id"), "issuer-url")
        for name in ("name", "description"):
            if name in issuer:
                yield from _language_findings(issuer[name], f"{at}/issuer/{name}")
    else:
        yield from _url_member(issuer, f"{at}/issuer", msg("identity.vc-issuer"), "issuer-url")
    for name in ("name", "description"):
        if name in document:
            yield from _language_findings(document[name], f"{at}/{name}")
    subjects = document.get("credentialSubject")
    if subjects is None or subjects == []:
        yield _f(msg("identity.vc-subject-present"), f"{at}/credentialSubject", "subject-present")
    for i, subject in enumerate(_many(subjects) if subjects is not None else []):
        here = f"{at}/credentialSubject/{i}" if isinstance(subjects, list) else f"{at}/credentialSubject"
        if not isinstance(subject, dict) or (version == "2.0" and not subject):
            yield _f(msg("identity.vc-subject-claims"), here, "subject-claims")
        elif "id" in subject:
            yield from _url_member(subject["id"], f"{here}/id", msg("identity.vc-subject-id"), "id-url")
    yield from _date_findings(document, at, version)
    yield from _typed_findings(document, at, version)
    if version == "2.0" and "relatedResource" in document:
        yield from _related_findings(document["relatedResource"], f"{at}/relatedResource")


def _related_findings(value: object, pointer: str) -> Iterator[Finding]:
    """VC 2.0 5.3: each related resource has a URL id, unique among them, and a digestSRI or
    digestMultibase."""
    seen: set[str] = set()
    for i, item in enumerate(_many(value)):
        here = f"{pointer}/{i}" if isinstance(value, list) else pointer
        if not isinstance(item, dict):
            yield _f(msg("identity.vc-related-object"), here, "related-object")
            continue
        yield from _url_member(item.get("id"), f"{here}/id", msg("identity.vc-related-id"), "related-id")
        if isinstance(item.get("id"), str):
            if item["id"] in seen:
                yield _f(msg("identity.vc-related-id-unique", id=item["id"]), f"{here}/id", "related-id-unique")
            seen.add(item["id"])
        if "digestSRI" not in item and "digestMultibase" not in item:
            yield _f(msg("identity.vc-related-digest"), here, "related-digest")


def _typed_findings(document: JsonObject, at: str, version: str) -> Iterator[Finding]:
    for name, required in TYPED.items():
        if name not in document:
            continue
        value = document[name]
        for i, item in enumerate(_many(value)):
            here = f"{at}/{name}/{i}" if isinstance(value, list) else f"{at}/{name}"
            if not isinstance(item, dict):
                yield _f(msg("identity.vc-typed-object", name=name), here, "typed-object")
                continue
            yield from _type_findings(item, here, None, msg("identity.vc-each", name=name))
            for member in required[version]:
                if member not in item:
                    yield _f(msg("identity.vc-typed-member", name=name, member=member, section=SECTION[version]),
                             f"{here}/{member}", f"{name}-{member}")
            if "id" in item:
                yield from _url_member(item["id"], f"{here}/id", msg("identity.vc-typed-id", name=name), "id-url")


def presentation_findings(document: JsonObject, at: str = "") -> Iterator[Finding]:
    version = version_of(document) or "2.0"
    yield from context_findings(document, at)
    if "EnvelopedVerifiablePresentation" in _types(document.get("type")):
        # VC 2.0 4.13.2: the presentation is inside the data: URL of its id, secured as its
        # media type says (ID-VC-003 verifies it); the envelope carries only @context, id, type.
        yield from _url_member(document.get("id"), f"{at}/id", msg("identity.vc-enveloped-presentation-id"),
                               "enveloped-id")
        return
    yield from _type_findings(document, at, "VerifiablePresentation", msg("identity.vc-a-presentation"))
    if "id" in document:
        yield from _url_member(document["id"], f"{at}/id", msg("identity.vc-presentation-id"), "id-url")
    holder = document.get("holder")
    if isinstance(holder, dict):
        yield from _url_member(holder.get("id"), f"{at}/holder/id", msg("identity.vc-holder-object-id"), "holder-url")
    elif holder is not None:
        yield from _url_member(holder, f"{at}/holder", msg("identity.vc-holder"), "holder-url")
    if "proof" in document:
        yield from _typed_findings({"proof": document["proof"]}, at, version)
    credentials = document.get("verifiableCredential")
    for i, credential in enumerate(_many(credentials) if credentials is not None else []):
        here = f"{at}/verifiableCredential/{i}" if isinstance(credentials, list) else f"{at}/verifiableCredential"
        if isinstance(credential, str) and version == "1.1":
            # VC 1.1 6.3.1: a presentation carries JWT-encoded credentials as strings, each
            # judged as the credential it carries (its signature and claims: ID-VC-004)
            yield from _jwt_credential_findings(credential, here)
            continue
        if not isinstance(credential, dict):
            yield _f(msg("identity.vc-presentation-credential-object"), here,
                     "presentation-credential-object")
        elif "EnvelopedVerifiableCredential" in _types(credential.get("type")):
            yield from _url_member(credential.get("id"), f"{here}/id", msg("identity.vc-enveloped-id"),
                                   "enveloped-id")
        else:
            yield from credential_findings(credential, here, version_of(credential) or version)


def _jwt_credential_findings(token: str, here: str) -> Iterator[Finding]:
    from conformance import NonConformance

    from . import vcjwt

    try:
        decoded = vcjwt.decode(token.strip(), what=here) if vcjwt.is_token(token.strip()) else None
    except NonConformance as exc:
        yield _f(msg("identity.jwt-embedded-undecodable", reason=reason(exc)), here, "presentation-credential-jwt")
        return
    if decoded is None or decoded.form != "vc":
        why = msg("identity.jwt-no-vc-claim") if decoded is not None else msg("identity.jws-parts")
        yield _f(msg("identity.jwt-embedded-undecodable", reason=why), here, "presentation-credential-jwt")
        return
    yield from credential_findings(decoded, here, version_of(decoded) or "1.1")


def expansion_findings(document: JsonObject) -> Iterator[Finding]:
    """What JSON-LD processing finds: unknown contexts, invalid contexts (protected term
    redefinition, bad IRIs), and types that do not expand to absolute IRIs."""
    try:
        expanded = jsonld.expand(document)
    except jsonld.UnknownContext as exc:
        # a URL under a host reserved for examples can never be retrieved: no one can process it
        yield _f(msg("identity.vc-context-never-published" if exc.never_published else "identity.vc-context-unknown",
                     url=exc.url), "/@context", "context-known")
        return
    except jsonld.Unprocessable as exc:
        yield _f(msg("identity.vc-jsonld-unprocessed", reason=reason(exc)), "/@context", "jsonld-unprocessed")
        return
    except jsonld.ExpansionError as exc:
        yield _f(msg("identity.vc-jsonld-error", error=str(exc)),
                 "/@context", f"jsonld-{exc.code or 'error'}".replace(" ", "-"))
        return
    for value in dict.fromkeys(_expanded_types(expanded)):
        if not ABSOLUTE_IRI.fullmatch(value) or jsonld.was_relative(value):
            value = value.removeprefix(jsonld.NO_BASE)
            yield _f(msg("identity.vc-type-expands-to-iri", type=repr(value)), _locate(document, value, ""),
                     "type-expands-to-iri")


#: A vocabulary no context defines: a term expanding under it is one none of the document's
#: contexts defines (see undefined_term_findings); the VC 2.0 context's own catch-all too.
UNDEFINED = "urn:metaverse-conformance:undefined-term#"
ISSUER_DEPENDENT = "https://www.w3.org/ns/credentials/issuer-dependent#"
#: The @vocab of https://www.w3.org/ns/credentials/undefined-terms/v2 (VC Data Model 2.0 5.2): it
#: gives a term an IRI so that it is signed, not a definition.
UNDEFINED_TERM = "https://www.w3.org/ns/credentials/undefined-term#"


def undefined_term_findings(document: JsonObject) -> Iterator[Finding]:
    """Every term of ``document`` that no context it names defines: a JSON-LD processor drops
    it from what is signed (in safe mode it refuses the document), or, under the VC 2.0
    context's catch-all, it means whatever each issuer says. What the harness sends an issuer
    defines every term (tests/areas/identity/test_request_bodies.py)."""
    try:
        expanded = jsonld.expand(document, UNDEFINED)
    except (jsonld.UnknownContext, jsonld.Unprocessable, jsonld.ExpansionError):
        return  # expansion_findings says why
    seen: dict[str, None] = {}
    for iri in _expanded_iris(expanded):
        for base in (UNDEFINED, ISSUER_DEPENDENT, UNDEFINED_TERM):
            if iri.startswith(base):
                seen.setdefault(iri.removeprefix(base))
    for term in seen:
        yield _f(msg("identity.vc-term-undefined", term=term), _term_pointer(document, term, "") or "",
                 "term-defined")


def _expanded_iris(node: object) -> Iterator[str]:
    """The property IRIs and types of an expanded document."""
    if isinstance(node, list):
        for item in node:
            yield from _expanded_iris(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type" and "@value" not in node:
                yield from (t for t in _types(value) if isinstance(t, str))
            elif not key.startswith("@"):
                yield key
            if not key.startswith("@") or key in ("@graph", "@included", "@list", "@set", "@reverse"):
                yield from _expanded_iris(value)


def _term_pointer(node: object, term: str, pointer: str) -> str | None:
    """The pointer of the first member named ``term`` (or type value ``term``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == term:
                return f"{pointer}/{key}"
            if key in ("type", "@type") and term in _types(value):
                return f"{pointer}/{key}"
            if key != "@context" and (found := _term_pointer(value, term, f"{pointer}/{key}")):
                return found
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if found := _term_pointer(item, term, f"{pointer}/{i}"):
                return found
    return None


def _expanded_types(node: object) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _expanded_types(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type" and "@value" not in node:
                yield from (t for t in _types(value) if isinstance(t, str))
            elif not key.startswith("@") or key in ("@graph", "@included", "@list", "@set"):
                yield from _expanded_types(value)


def _locate(node: object, expanded: str, pointer: str) -> str:
    """The pointer of the compact type member whose term expanded to ``expanded``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("type", "@type"):
                for i, term in enumerate(_types(value)):
                    if isinstance(term, str) and (term == expanded or expanded.endswith(term)):
                        return f"{pointer}/{key}/{i}" if isinstance(value, list) else f"{pointer}/{key}"
            elif key != "@context":
                found = _locate(value, expanded, f"{pointer}/{key}")
                if found:
                    return found
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found = _locate(item, expanded, f"{pointer}/{i}")
            if found:
                return found
    return "" if pointer else "/type"


def document_findings(document: object) -> list[Finding]:
    """Every finding on one credential or presentation (ID-VC-001 or ID-VP-001)."""
    if not isinstance(document, dict):
        return [_f(msg("identity.vc-object"), "", "object")]
    types = _types(document.get("type"))
    found = list(presentation_findings(document) if "VerifiablePresentation" in types
                 else credential_findings(document))
    if not any(f.extra.get("check") in ("context-present", "context-base-first", "context-items") for f in found):
        found.extend(expansion_findings(document))
    return found
