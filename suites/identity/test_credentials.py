"""Verifiable credentials and presentations as files: the W3C VC Data Model (2.0 and 1.1,
chosen by the base context), a consistent validity period, and (feature `categories`) the
identity category of every subject.

The data-model rules and the JSON-LD processing live in
:mod:`conformance.areas.identity.vcmodel`; a file whose type includes
VerifiablePresentation is a presentation (ID-VP-001), any other a credential (ID-VC-001).
"""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Inconclusive, NonConformance, NotApplicable, Targets, msg, reason
from conformance.area import SchemaRegistry
from conformance.areas.identity import didresults, envelopes, jose, proofs, vcjwt
from conformance.areas.identity.credentials import (
    VALIDITY_PAIRS,
    credentials_in,
    incomparable_periods,
    states_both_ends,
    subjects,
    unreadable_ends,
    validity_problems,
)
from conformance.areas.identity.vcmodel import (
    UNJUDGED,
    credential_findings,
    expansion_findings,
    presentation_findings,
)

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from typing import TypeAlias

    from conformance import FileTarget, Finding
    from conformance.area import Document, JsonObject, JsonValue
    from conformance.areas.identity.didresults import Unresolved

    #: the DID documents given with the credentials, by DID (or that the DID does not resolve)
    Known: TypeAlias = Mapping[str, JsonValue | Unresolved]
    #: (pointer, its verification: outcome and why) of each proof or envelope a document holds
    #: (pointer, verify thunk giving (outcome, why, the rule a failure breaks))
    Secured: TypeAlias = list[tuple[str, Callable[[], tuple[str, str, str | None]]]]

CATEGORY_SCHEMA = "https://metaverse-conformance.org/schemas/identity/identity-category.json"


def _documents(target: FileTarget) -> Iterator[Document]:
    """The credential files: JSON, and JWTs read as the credential they carry (VC 1.1 6.3.1)."""
    return target.documents(parse=vcjwt.parse)


def _data_model(target: FileTarget) -> list[Document]:
    """The documents the W3C data model judges: not an SD-JWT's claims nor a JWT that
    carries no credential (ID-VC-004 judges those)."""
    return [d for d in _documents(target) if vcjwt.form_of(d.data) not in ("sd-jwt", "jwt")]


def _is_presentation(data: object) -> bool:
    kinds = data.get("type") if isinstance(data, dict) else None
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "VerifiablePresentation" in kinds or "EnvelopedVerifiablePresentation" in kinds


def _judge(documents: Iterable[Document], evidence: Evidence, judge: Callable[[JsonObject], Iterable[Finding]]) -> None:
    """Record the findings; unknown contexts are notes, and make the verdict inconclusive
    when nothing else was found (the document could not be processed offline)."""
    unknown = failed = 0
    for doc in documents:
        found = list(judge(doc.data))
        if not any(f.extra.get("check") in ("context-present", "context-base-first", "context-items") for f in found):
            found.extend(expansion_findings(doc.data))
        for finding in found:
            if finding.extra.get("check") in UNJUDGED:
                unknown += 1
                evidence.note(finding.message, file=doc.name, pointer=finding.pointer)
            else:
                failed += 1
                evidence.findings_from([finding], file=doc.name)
    if unknown and not failed:
        raise Inconclusive(msg("identity.vc-unprocessed-documents", count=unknown))


@pytest.mark.requirement("ID-VC-001")
def test_credentials_follow_the_data_model(targets: Targets, evidence: Evidence):
    credentials = [d for d in _data_model(targets["credentials"]) if not _is_presentation(d.data)]
    if not credentials:  # presentations only: their embedded credentials are ID-VP-001's
        raise NotApplicable(msg("identity.vc-no-credential"))
    for doc in credentials:
        if not isinstance(doc.data, dict):
            evidence.finding(msg("identity.vc-credential-object"), file=doc.name, pointer="")
    _judge([d for d in credentials if isinstance(d.data, dict)], evidence, credential_findings)


@pytest.mark.requirement("ID-VP-001")
def test_presentations_follow_the_data_model(targets: Targets, evidence: Evidence):
    presentations = [d for d in _data_model(targets["credentials"]) if _is_presentation(d.data)]
    if not presentations:
        raise NotApplicable(msg("identity.vc-no-presentation"))
    _judge(presentations, evidence, presentation_findings)


@pytest.mark.requirement("ID-VC-002")
def test_validity_periods_do_not_end_before_they_start(targets: Targets, evidence: Evidence):
    # every credential: those given as files and those presentations embed
    found = [(doc, at, credential) for doc in _data_model(targets["credentials"])
             for at, credential in credentials_in(doc.data)]
    if not any(states_both_ends(credential) for _, _, credential in found):  # the condition is never met
        raise NotApplicable(msg("identity.validity-none", pairs=", ".join("/".join(p) for p in VALIDITY_PAIRS)))
    for doc, at, credential in found:
        evidence.findings_from([dataclasses.replace(f, pointer=at + (f.pointer or "")) for f in
                                validity_problems(credential)], file=doc.name)
        for start, end, name in unreadable_ends(credential):  # not compared: unjudged, naming it and the value
            evidence.unjudged(doc.name, msg("identity.validity-unreadable", start=start, end=end, name=name,
                                            value=credential[name]), pointer=f"{at}/{name}")
        for start, end in incomparable_periods(credential):  # a set passes only if each member does
            evidence.unjudged(doc.name, msg("identity.validity-incomparable", start=start, end=end,
                                            start_value=credential[start], end_value=credential[end]),
                              pointer=f"{at}/{end}")


@pytest.mark.requirement("ID-CAT-001")
def test_every_subject_declares_its_identity_category(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    # every credential supplied, those a presentation embeds included (the rule is on each one)
    credentials = [(doc, at, credential) for doc in _data_model(targets["credentials"])
                   for at, credential in credentials_in(doc.data) if not _is_presentation(credential)]
    if not credentials:  # presentations carrying no credential: no subject to declare a category
        raise NotApplicable(msg("identity.cat-none"))
    declared = 0
    for doc, at, credential in credentials:
        found = subjects(credential)
        if not found:
            evidence.finding(msg("identity.cat-no-subject"), file=doc.name, pointer=f"{at}/credentialSubject")
        for pointer, subject in found:
            category = subject.get("identityCategory") if isinstance(subject, dict) else None
            if category is None:
                continue  # a MAY: a subject declaring no category is not judged (GB/T 1.1-2020, 可)
            declared += 1
            if schemas.findings(category, CATEGORY_SCHEMA):
                evidence.finding(msg("identity.cat-undeclared"), file=doc.name,
                                 pointer=f"{at}{pointer}/identityCategory",
                                 expected=msg("identity.expect-identity-category"), actual=category)
    if not declared and not evidence.findings_count:  # the permitted declaration was not made
        raise NotApplicable(msg("identity.cat-undeclared-all"))


def _did_documents(targets: Targets) -> Known:
    """The DID documents given with the credentials (the optional did_documents role), by
    their id: how a did:web issuer's keys reach the run (the document's id is the DID); a
    recorded DID resolution result gives its document, or that its DID does not resolve."""
    if "did_documents" not in targets:
        return {}
    return didresults.by_did(d.data for d in targets["did_documents"].documents())


def _proofs(data: object, key_of: Callable[[str], proofs.PublicKey], documents: Known | None = None,
            drafted: bool = False) -> Secured:
    """(pointer, verify thunk) of a document's embedded proof(s), and those of the credentials a
    presentation embeds, each secured by its own proof (VC 2.0 5.13): those of the published
    cryptosuites (ID-VC-003), or with ``drafted`` those of the proof types and cryptosuites only
    drafts define (ID-VC-008); a secured document with none of them is passed over. A proof that
    fails names the rule of that requirement it breaks (:func:`proofs.verify_ruled`)."""
    judged = proofs.drafted if drafted else proofs.published
    rules = None if drafted else proofs.PUBLISHED_RULES

    def ruled(document: object) -> tuple[str, str, str | None]:
        outcome, why, rule = proofs.verify_ruled(document, key_of, judged)
        return outcome, why, rules.get(rule, rule) if rules is not None and rule is not None else rule

    found: Secured = []
    secured = ([("/proof", data)] if isinstance(data, dict) and "proof" in data else []) + \
        [(f"{pointer}/proof", credential) for pointer, credential in proofs.embedded_credentials(data)]
    for pointer, document in secured:
        if any(judged(proof) for proof in proofs.proofs_of(document)):
            found.append((pointer, partial(ruled, document)))
    return found


def _drafted_proofs(data: object, key_of: Callable[[str], proofs.PublicKey], documents: Known | None = None
                    ) -> Secured:
    """:func:`_proofs` of the proof types and cryptosuites only drafts define (ID-VC-008)."""
    return _proofs(data, key_of, documents, drafted=True)


def _envelopes(data: object, key_of: Callable[[str], proofs.PublicKey], documents: Known | None = None
               ) -> Secured:
    """(pointer, verify thunk) of each envelope of a document (VC-JOSE-COSE: ID-VC-007): the
    enveloped credential or presentation itself, the enveloped credentials of a presentation;
    one that fails breaks R2 when COSE secures it, R1 otherwise (JOSE or SD-JWT)."""
    found: Secured = []
    for pointer, url in jose.enveloped_tokens(data):
        found.append((pointer, partial(_enveloped, url, key_of, documents)))
        # a COSE-secured presentation's own enveloped credentials, each by its own form
        from conformance.areas.identity import vccose  # cbor2 only where an envelope is

        for inner, carried in vccose.carried(url):
            found.append((f"{pointer}{inner}", partial(_enveloped, carried, key_of, documents)))
    return found


def _enveloped(url: str, key_of: Callable[[str], proofs.PublicKey], documents: Known | None
               ) -> tuple[str, str, str]:
    """:func:`envelopes.verify_enveloped` with ID-VC-007's rule for the envelope by its media type:
    R2 COSE, R1 VC-JOSE (``+jwt``, ``+sd-jwt``)."""
    outcome, why = envelopes.verify_enveloped(url, key_of, documents)
    return outcome, why, "R2" if url.partition(",")[0].split(";")[0].strip().lower().endswith("+cose") else "R1"


@pytest.mark.requirement("ID-VC-003")
def test_data_integrity_proofs_verify(targets: Targets, evidence: Evidence):
    _verify_each(targets, evidence, _proofs, msg("identity.vc-no-published-proof"), "identity.vc-proofs-unverified")


@pytest.mark.requirement("ID-VC-008")
def test_drafted_suite_proofs_verify(targets: Targets, evidence: Evidence):
    _verify_each(targets, evidence, _drafted_proofs, msg("identity.vc-no-drafted-proof"),
                 "identity.vc-proofs-unverified")


@pytest.mark.requirement("ID-VC-007")
def test_enveloped_credentials_verify(targets: Targets, evidence: Evidence):
    _verify_each(targets, evidence, _envelopes, msg("identity.vc-no-envelope"), "identity.vc-envelopes-unverified")


def _verify_each(targets: Targets, evidence: Evidence,
                 securings: Callable[[object, Callable[[str], proofs.PublicKey], Known], Secured], none: str,
                 unverified_key: str) -> None:
    """Verify what ``securings`` finds in each document: a finding for each that fails, a note
    for each that cannot be verified offline (inconclusive when nothing fails); ``none``: the
    not-applicable reason when nothing is secured so; ``unverified_key``: the message counting
    those not verified."""
    documents = _did_documents(targets)
    key_of = proofs.offline_resolver(documents)
    secured = [(doc, pointer, outcome_of) for doc in _documents(targets["credentials"])
               for pointer, outcome_of in securings(doc.data, key_of, documents)]
    if not secured:
        raise NotApplicable(none)
    unverified: list[tuple[str, str]] = []  # (file, why) of each not verified
    for doc, pointer, outcome_of in secured:
        outcome, why, rule = outcome_of()
        if outcome == proofs.FAILED:
            evidence.finding(msg("identity.vc-proof-fails", reason=why), file=doc.name, pointer=pointer,
                             expected=msg("identity.expect-signature-verifies"), rule=rule)
        elif outcome == proofs.NOT_VERIFIED:
            unverified.append((doc.name, why))
            # a set passes only when every member does: one not verified leaves it undecided
            evidence.unjudged(doc.name, msg("identity.vc-proof-not-verified", reason=why), pointer=pointer)
    # each proof or envelope must verify (ID-VC-003 4.1.3, ID-VC-007 1.2.1, ID-VC-008): one that verifies does
    # not vouch for another whose key the test was not given; keys are resolved offline only
    if unverified and not evidence.first_finding():
        (first, why), *_ = unverified
        raise Inconclusive(msg(unverified_key, count=len(unverified), total=len(secured), file=first, reason=why))


def _jwts(documents: Iterable[Document], evidence: Evidence) -> list[tuple[str, str, vcjwt.JwtDocument, bool]]:
    """(file, pointer, JwtDocument, presented) of every JWT-secured credential or presentation:
    a JWT file, and each credential a presentation carries as a JWT string."""
    found: list[tuple[str, str, vcjwt.JwtDocument, bool]] = []
    for doc in documents:
        if isinstance(doc.data, vcjwt.JwtDocument):
            found.append((doc.name, "", doc.data, False))
        for pointer, token in vcjwt.embedded_tokens(doc.data):
            try:
                found.append((doc.name, pointer, vcjwt.decode(token, what=f"{doc.name}{pointer}"), True))
            except NonConformance as exc:
                evidence.finding(reason(exc), file=doc.name, pointer=pointer, rule="R1")
    return found


def _sd_jwts(documents: Iterable[Document]) -> list[tuple[str, str, str, bool]]:
    """(file, pointer, SD-JWT, presented) of every SD-JWT: a file, or an enveloped credential
    or presentation (``+sd-jwt``); presented when a presentation carries it or it is one."""
    found: list[tuple[str, str, str, bool]] = []
    for doc in documents:
        if vcjwt.form_of(doc.data) == "sd-jwt":
            found.append((doc.name, "", doc.data.token, False))
        for pointer, url in jose.enveloped_tokens(doc.data):
            head, _, token = url.partition(",")
            media = head.removeprefix("data:").split(";")[0].strip().lower()
            if media.endswith("+sd-jwt"):
                presented = pointer.startswith("/verifiableCredential") or media.startswith("application/vp")
                found.append((doc.name, pointer, token, presented))
    return found


@pytest.mark.requirement("ID-VC-004")
def test_jwt_secured_credentials(targets: Targets, evidence: Evidence):
    key_of = vcjwt.key_resolver(_did_documents(targets))
    documents = list(_documents(targets["credentials"]))
    jwts = _jwts(documents, evidence)
    if not jwts and not evidence.first_finding():
        raise NotApplicable(msg("identity.jwt-none"))
    unverified = 0
    for name, at, document, _ in jwts:
        evidence.findings_from([_at(f, at) for f in vcjwt.claim_findings(document)], file=name)
        if document.form == "jwt":
            continue
        outcome, why = (vcjwt.verify_sd_jwt(document.token, key_of) if document.form == "sd-jwt"
                        else vcjwt.verify(document, key_of))
        if outcome == proofs.FAILED:
            # an SD-JWT's issuer signature and disclosure digests are R6's, a VC 1.1 JWT's signature R4's
            evidence.finding(msg("identity.jwt-signature", reason=why), file=name, pointer=at or "/",
                             rule="R6" if document.form == "sd-jwt" else "R4",
                             expected=msg("identity.expect-signature-verifies"))
        elif outcome == proofs.NOT_VERIFIED:
            unverified += 1
            evidence.unjudged(name, msg("identity.jwt-not-verified", reason=why), pointer=at or "/")
    # R4 holds of each JWT (2.1): one that verifies does not vouch for another whose key the
    # test was not given; its keys are resolved offline only, never fetched
    if unverified and not evidence.first_finding():
        signed = sum(1 for _, _, document, _ in jwts if document.form != "jwt")
        raise Inconclusive(msg("identity.jwt-unverified", count=unverified, total=signed))


@pytest.mark.requirement("ID-VC-006")
def test_sd_jwt_key_binding(targets: Targets, evidence: Evidence):
    key_of = vcjwt.key_resolver(_did_documents(targets))
    found = _sd_jwts(list(_documents(targets["credentials"])))
    if not found:
        raise NotApplicable(msg("identity.sd-jwt-none"))
    sd_jwts = [s for s in found if vcjwt.key_binding_applies(s[2], presented=s[3])]
    if not sd_jwts:  # issuance forms without a KB-JWT, or undecodable issuer JWTs (ID-VC-004/-007): nothing bound
        raise NotApplicable(msg("identity.kb-none", count=len(found)))
    for name, at, token, presented in sd_jwts:
        found = [_at(f, at) for f in vcjwt.key_binding_findings(token, key_of, presented=presented)]
        # a set passes only if each member does
        for unjudged in (f for f in found if f.extra.get("check") == vcjwt.UNJUDGED):
            evidence.unjudged(name, unjudged.message, pointer=unjudged.pointer)
        evidence.findings_from([f for f in found if f.extra.get("check") != vcjwt.UNJUDGED], file=name)


def _at(finding: Finding, prefix: str) -> Finding:
    """``finding`` located under ``prefix`` (where the JWT sits in its file)."""
    return dataclasses.replace(finding, pointer=prefix + (finding.pointer or "")) if prefix else finding
