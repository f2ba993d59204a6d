"""DID resolution over HTTP, following the W3C DID Resolution HTTP(S) binding:
``GET /1.0/identifiers/{did}`` answers the DID document, or a problem saying why not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Parameters, Targets, alternatives, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.answers import require_route_serves
from conformance.areas._shared.ownread import UNPARSED, own_json_or_finding
from conformance.areas._shared.problems import check_problem
from conformance.areas.identity.didcore import data_model
from conformance.areas.identity.resolution import dids_to_resolve, require_did

if TYPE_CHECKING:  # for annotations only: the target protocols load httpx, which a run over files need not
    from conformance import HttpTarget
    from conformance.area import JsonValue, Response

RESOLVE = "/1.0/identifiers/"
DID_MEDIA_TYPES = ("application/did+json", "application/did+ld+json")
ACCEPT_DID_JSON = {"Accept": "application/did+json"}

#: Strings that are not DIDs under DID Core 3.1, each breaking a different rule, all safe
#: to put in a URL path as they are.
INVALID_DIDS = (
    "not-a-did",        # no "did:" scheme
    "did:Example:123",  # method-name is lower-case letters and digits only
    "did:example:",     # the method-specific id's last segment is empty
)


@pytest.mark.requirement("ID-RES-001")
def test_known_dids_resolve_to_their_document(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                              evidence: Evidence):
    api = targets.http("api")
    for did in dids_to_resolve(api, params.known_did, schemas, evidence):
        response = api.get(RESOLVE + did, headers=ACCEPT_DID_JSON)
        where = f"GET {response.url}"  # the URL really requested: the target's paths may move it
        if response.status != 200:
            evidence.finding(msg("identity.did-not-resolve", did=did), file=where, expected=200, actual=response.status)
            continue
        if response.media_type not in DID_MEDIA_TYPES:
            evidence.finding(msg("identity.did-media-type"), file=where,
                             expected=alternatives(DID_MEDIA_TYPES),
                             actual=response.media_type or msg("engine.none"))
        document = own_json_or_finding(response, None, evidence)  # ID-RES-001's own read (no rules)
        if document is UNPARSED:
            continue
        findings, _, unjudged = data_model(document, schemas)
        evidence.findings_from(findings, file=where)  # ID-DOC-001's rules
        for part in unjudged:  # key text past 5.1's reading bound 「密钥文本的长度」
            evidence.unjudged(where, part.message, pointer=part.pointer)
        if not isinstance(document, dict):
            continue  # the schema finding says it is not an object
        if response.media_type == "application/did+ld+json" and "@context" not in document:
            evidence.finding(msg("identity.did-jsonld-no-context"), file=where, pointer="/@context")
        if document.get("id") != did:
            evidence.finding(msg("identity.did-id-mismatch"), file=where,
                             pointer="/id", expected=did, actual=document.get("id"))


@pytest.mark.requirement("ID-RES-002")
def test_invalid_and_unknown_dids_get_distinct_problems(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                        evidence: Evidence):
    api = targets.http("api")
    unknown = require_did(params.unknown_did, "unknown_did", schemas)
    answers = [(api.get(RESOLVE + not_a_did, headers=ACCEPT_DID_JSON), 400) for not_a_did in INVALID_DIDS]
    answers.append((api.get(RESOLVE + unknown, headers=ACCEPT_DID_JSON), 404))
    # A plain 404 from a resolver that resolves a known DID is its answer (DID Resolution's
    # invalidDid, notFound), judged; from a route that resolves nothing, nothing answers.
    require_route_serves([r for r, _ in answers], lambda: resolve_known(api, params.known_did, schemas, evidence))
    for response, status in answers:
        check_problem(response, schemas, evidence, expected_status=status)


def resolve_known(api: HttpTarget, known_did: JsonValue, schemas: SchemaRegistry, evidence: Evidence) -> Response:
    """The resolver's answer to a DID it knows (the first of ``dids_to_resolve``, given the
    profile's ``known_did``): what shows the route serves; judging it is ID-RES-001's."""
    known = dids_to_resolve(api, known_did, schemas, evidence)[0]
    return api.get(RESOLVE + known, headers=ACCEPT_DID_JSON)


RESOLUTION_SCHEMA = "https://metaverse-conformance.org/schemas/identity/did-resolution-result.json"
DID_RESOLUTION = "application/did-resolution"
#: the profile that makes application/ld+json a DID resolution result in earlier drafts
RESOLUTION_PROFILE = "https://w3id.org/did-resolution"
#: An Accept header naming no representation a DID resolver offers.
UNSUPPORTED_ACCEPT = "image/png"


def resolution_media_type(content_type: str) -> bool:
    """Whether ``content_type`` is a DID resolution result's: application/did-resolution, or the
    JSON-LD form of earlier drafts only with its profile (the requirement's notes), never plain
    application/ld+json, which says nothing of what the document is."""
    kind, _, parameters = content_type.partition(";")
    kind = kind.strip().lower()
    if kind == DID_RESOLUTION:
        return True
    profiles = [p.partition("=")[2].strip().strip('"') for p in parameters.split(";")
                if p.partition("=")[0].strip().lower() == "profile"]
    return kind == "application/ld+json" and RESOLUTION_PROFILE in " ".join(profiles).split()


def check_resolution_result(response: Response, did: str, schemas: SchemaRegistry, evidence: Evidence) -> None:
    """A DID resolution result for the active ``did`` (R1): its media type, its schema, its
    document's id and a ``deactivated`` flag that does not call the DID deactivated (DID Core
    7.1.3). The document's own data model is ID-DOC-001's (ID-RES-001 records it for the same
    DIDs), not judged here; the flag of a deactivated DID is ID-REG-004's."""
    where = response.requested
    if not resolution_media_type(response.headers.get("content-type", "")):
        evidence.finding(msg("identity.result-media-type"), file=where, rule="R1",
                         expected=DID_RESOLUTION, actual=response.headers.get("content-type") or msg("engine.none"))
    result = own_json_or_finding(response, "R1", evidence)
    if result is UNPARSED:
        return
    evidence.findings_from(schemas.findings(result, RESOLUTION_SCHEMA, "R1"), file=where)
    if not isinstance(result, dict):
        return
    document = result.get("didDocument")
    if not isinstance(document, dict) or document.get("id") != did:
        evidence.finding(msg("identity.result-document-mismatch"), file=where, rule="R1",
                         pointer="/didDocument/id", expected=did,
                         actual=document.get("id") if isinstance(document, dict) else document)
    metadata = result.get("didDocumentMetadata")
    if isinstance(metadata, dict) and metadata.get("deactivated") is True:
        evidence.finding(msg("identity.result-active-deactivated"), file=where, rule="R1",
                         pointer="/didDocumentMetadata/deactivated", expected=msg("identity.expect-absent-or-false"),
                         actual=True)


@pytest.mark.requirement("ID-RES-003")
def test_accept_header_selects_the_representation(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                  evidence: Evidence):
    api = targets.http("api")
    for did in dids_to_resolve(api, params.known_did, schemas, evidence):
        response = api.get(RESOLVE + did, headers={"Accept": DID_RESOLUTION})
        if response.status != 200:
            evidence.finding(msg("identity.did-not-resolve-accept", did=did, accept=DID_RESOLUTION),
                             file=f"GET {response.url}", expected=200, actual=response.status, rule="R1")
        else:
            check_resolution_result(response, did, schemas, evidence)

        response = api.get(RESOLVE + did, headers={"Accept": "application/did+ld+json"})
        where = f"GET {response.url} (Accept: application/did+ld+json)"
        if response.status == 406:
            check_problem(response, schemas, evidence, expected_status=406, rule="R2")
        elif response.status != 200 or response.media_type != "application/did+ld+json":
            evidence.finding(msg("identity.jsonld-request-answer"), file=where,
                             expected=msg("identity.expect-did-ld-json-or-406"), rule="R2",
                             actual=f"{response.status} {response.media_type}" if response.media_type
                             else msg("engine.status-no-content-type", status=response.status))
        elif (document := own_json_or_finding(response, "R2", evidence)) is UNPARSED:
            pass  # its finding, under R2, is recorded
        elif not isinstance(document, dict) or "@context" not in document:
            evidence.finding(msg("identity.did-jsonld-no-context"), file=where, pointer="/@context", rule="R2")

        response = api.get(RESOLVE + did, headers={"Accept": UNSUPPORTED_ACCEPT})
        check_problem(response, schemas, evidence, expected_status=406, rule="R3")


@pytest.mark.judges_any_status  # the answer it expects is a 501
@pytest.mark.requirement("ID-RES-004")
def test_unsupported_methods_are_answered_501(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                              evidence: Evidence):
    unsupported = require_did(params.unsupported_did, "unsupported_did", schemas)
    api = targets.http("api")
    response = api.get(RESOLVE + unsupported, headers=ACCEPT_DID_JSON)
    require_route_serves([response], lambda: resolve_known(api, params.known_did, schemas, evidence))
    check_problem(response, schemas, evidence, expected_status=501)
