"""DID resolution over HTTP, following the W3C DID Resolution HTTP(S) binding:
``GET /1.0/identifiers/{did}`` answers the DID document, or a problem saying why not."""

from __future__ import annotations

from typing import Any

import pytest

from conformance import Inconclusive, NonConformance
from conformance.checks.problems import check_problem

RESOLVE = "/1.0/identifiers/"
DISCOVERY = "/.well-known/metaverse-interop"
DID_SCHEMA = "https://metaverse-conformance.org/schemas/identity/did.json"
DID_DOCUMENT_SCHEMA = "https://metaverse-conformance.org/schemas/identity/did-document.json"
DID_MEDIA_TYPES = ("application/did+json", "application/did+ld+json")
ACCEPT_DID_JSON = {"Accept": "application/did+json"}
#: At most this many example DIDs from the discovery document are resolved.
MAX_EXAMPLE_DIDS = 5

#: Strings that are not DIDs under DID Core 3.1, each breaking a different rule, all safe
#: to put in a URL path as they are.
INVALID_DIDS = (
    "not-a-did",        # no "did:" scheme
    "did:Example:123",  # method-name is lower-case letters and digits only
    "did:example:",     # the method-specific id's last segment is empty
)


def _require_did(value: Any, name: str, schemas) -> str:
    if not isinstance(value, str) or schemas.findings(value, DID_SCHEMA):
        raise Inconclusive(f"parameters.{name} = {value!r} is not a DID (did:<method>:<id>); fix the manifest")
    return value


def dids_to_resolve(api, params, schemas, evidence) -> list[str]:
    """The profile parameter ``known_did``, else the discovery document's ``example_dids``."""
    if params.get("known_did") is not None:
        return [_require_did(params["known_did"], "known_did", schemas)]
    response = api.get(DISCOVERY)
    try:
        document = response.json() if response.status == 200 else None
    except NonConformance:
        document = None  # judging the discovery document is IF-DISC-001's job, not this test's
    examples = document.get("example_dids") if isinstance(document, dict) else None
    dids = [d for d in examples if isinstance(d, str) and not schemas.findings(d, DID_SCHEMA)] \
        if isinstance(examples, list) else []
    if not dids:
        raise Inconclusive(
            "no DID to resolve: set parameters.known_did in the manifest "
            f"(or list example_dids in {DISCOVERY})"
        )
    evidence.note(f"resolving the example_dids of {DISCOVERY}", dids=dids[:MAX_EXAMPLE_DIDS])
    return dids[:MAX_EXAMPLE_DIDS]


@pytest.mark.requirement("ID-RES-001")
def test_known_dids_resolve_to_their_document(targets, params, schemas, evidence):
    api = targets["api"]
    for did in dids_to_resolve(api, params, schemas, evidence):
        where = f"GET {RESOLVE}{did}"
        response = api.get(RESOLVE + did, headers=ACCEPT_DID_JSON)
        if response.status != 200:
            evidence.finding(f"{did} did not resolve", file=where, expected=200, actual=response.status)
            continue
        if response.media_type not in DID_MEDIA_TYPES:
            evidence.finding("the DID document is served with the wrong media type", file=where,
                             expected=" or ".join(DID_MEDIA_TYPES), actual=response.media_type or "(none)")
        document = response.json()
        evidence.findings_from(schemas.findings(document, DID_DOCUMENT_SCHEMA), file=where)
        if not isinstance(document, dict):
            continue  # the schema finding says it is not an object
        if response.media_type == "application/did+ld+json" and "@context" not in document:
            evidence.finding("a JSON-LD DID document has no @context", file=where, pointer="/@context")
        if document.get("id") != did:
            evidence.finding("the document's id is not the DID that was resolved", file=where,
                             pointer="/id", expected=did, actual=document.get("id"))


@pytest.mark.requirement("ID-RES-002")
def test_invalid_and_unknown_dids_get_distinct_problems(targets, params, schemas, evidence):
    api = targets["api"]
    unknown = _require_did(params.get("unknown_did"), "unknown_did", schemas)
    for not_a_did in INVALID_DIDS:
        response = api.get(RESOLVE + not_a_did, headers=ACCEPT_DID_JSON)
        check_problem(response, schemas, evidence, expected_status=400)
    response = api.get(RESOLVE + unknown, headers=ACCEPT_DID_JSON)
    check_problem(response, schemas, evidence, expected_status=404)
