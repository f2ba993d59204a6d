"""Privacy of public identity data: no raw personal identifiers or biometric templates in
what anyone can read (DID documents, credentials meant for public resolution, resolver
answers), and no private key material in any answer of the resolver.

Findings name the kind of data and where it is, never the value itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Inconclusive, NonConformance, Parameters, Targets, msg, reason
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import unread
from conformance.areas.identity.privacy import issuer_dids, personal_data, private_key_material
from conformance.areas.identity.resolution import ACCEPTS, RESOLVE, dids_to_resolve

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget
    from collections.abc import Iterator

    from conformance.area import JsonValue, Response

#: File roles holding public identity data, as the identity profiles name them, and what
#: their documents are (whose data a value is follows from it: privacy.personal_data).
PUBLIC_FILE_ROLES = {"did_documents": "did-document", "credentials": "credential"}


def _resolved(api: HttpTarget, known_did: JsonValue, schemas: SchemaRegistry, evidence: Evidence
              ) -> Iterator[tuple[str, object]]:
    """(where, body) of every answer to resolving the known DIDs in each representation.

    A 5xx or 429 answer is no answer about the DID: it is noted, not judged, and when no
    answer at all could be judged the verdict is inconclusive, never a pass on nothing."""
    judged = unanswered = 0
    nothing = None  # the first answer without a document: what an inconclusive verdict names
    for did in dids_to_resolve(api, known_did, schemas, evidence):
        for accept in ACCEPTS:
            response = api.get(RESOLVE + did, headers={"Accept": accept})
            where = f"{response.requested} (Accept: {accept})"  # where the target's paths moved it
            if response.status >= 500 or response.status == 429:
                unanswered += 1
                evidence.note(msg("identity.priv-not-judged", where=where, status=response.status))
                continue
            if response.status >= 400 and not _json_body(response):
                # a 404 page or any refusal without a JSON body: no document to judge
                unanswered += 1
                nothing = nothing or msg("identity.priv-nothing-answers", url=where, status=response.status)
                evidence.note(nothing, file=where)
                continue
            if not _json_body(response):
                # how the resolver serves a representation is ID-RES-001's: this answer, with no body or one that
                # is not JSON, holds no data to look at (an empty 200 judged nothing: sixty-seventh reading, d1)
                unanswered += 1
                unread(evidence, where, msg("identity.priv-answer-read"), response.status, "ID-RES-001")
                continue
            judged += 1
            yield where, response.json()
    if not judged:
        raise Inconclusive(nothing or msg("identity.priv-nothing-judged", count=unanswered))


def _json_body(response: Response) -> bool:
    """The answer has a body that parses as JSON (a problem document, a resolution result)."""
    if not response.content:
        return False
    try:
        response.json()
    except NonConformance:
        return False
    return True


@pytest.mark.requirement("ID-PRIV-001")
def test_public_identity_data_has_no_personal_identifiers(targets: Targets, params: Parameters,
                                                          schemas: SchemaRegistry, evidence: Evidence):
    roles = [role for role in PUBLIC_FILE_ROLES if role in targets]
    credentials = []
    if "credentials" in targets:  # JWTs read as the credential they carry (cryptography only then)
        from conformance.areas.identity import vcjwt

        credentials = list(targets["credentials"].documents(parse=vcjwt.parse))
    # the DID documents of the credentials' issuers (organisations): their service endpoints
    # are published contacts, out of scope
    issuers = frozenset(did for doc in credentials for did in issuer_dids(doc.data))
    for role in roles:
        documents = credentials if role == "credentials" else targets[role].documents()
        for doc in documents:
            found = list(personal_data(doc.data, PUBLIC_FILE_ROLES[role], issuers=issuers))
            if found:  # the expectation is rendered only for a finding (a clean run loads no templates)
                evidence.findings_from(found, file=doc.name, expected=msg("identity.expect-no-personal-identifier"))
    if "api" not in targets:
        return
    try:
        for where, body in _resolved(targets.http("api"), params.known_did, schemas, evidence):
            evidence.findings_from(personal_data(body, "resolver-answer"), file=where,
                                   expected=msg("identity.expect-no-personal-identifier"))
    except Inconclusive as exc:
        if not roles:
            raise
        # the files passing leave the resolver's answers undecided: the set is not judged whole
        evidence.unjudged(RESOLVE, msg("identity.priv-resolver-unchecked", reason=reason(exc)))


@pytest.mark.requirement("ID-PRIV-002")
def test_resolver_answers_carry_no_private_keys(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                evidence: Evidence):
    for where, body in _resolved(targets.http("api"), params.known_did, schemas, evidence):
        evidence.findings_from(private_key_material(body), file=where,
                               expected=msg("identity.expect-public-key-material"))
