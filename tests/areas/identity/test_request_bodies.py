"""Every body the identity area's tests send a product passes the harness's own checks: the
platform contract's request schema, the VC Data Model checks with every term defined by a
context the credential names, DID Core (issue 59, item 3); and each check fails a bad body."""

from __future__ import annotations

import copy

import pytest

from conformance.areas.identity.registration import Identity
from conformance.areas.identity.requestbodies import REQUESTS, V2, challenge_request, credential_draft, issue_request
from tests.areas.request_bodies import cases, findings

HOLDER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"


@pytest.mark.parametrize(("name", "index", "body"), cases(REQUESTS), ids=lambda v: v if isinstance(v, str) else "")
def test_every_body_the_area_sends_passes_its_own_checks(name, index, body, contract, catalog):
    assert findings(REQUESTS[name], body, contract, catalog.schemas) == []


def test_a_credential_whose_terms_no_named_context_defines_fails(contract, catalog):
    # what the issue request was before issue 59: the VC 2.0 context alone defines neither term
    credential = {**credential_draft(HOLDER), "@context": [V2]}
    found = findings(REQUESTS["credentials_issue"], issue_request(credential), contract, catalog.schemas)
    assert any("the term displayName is defined by no context" in f for f in found), found
    assert any("the term identityCategory is defined by no context" in f for f in found), found


def test_a_credential_missing_what_the_data_model_requires_fails(contract, catalog):
    credential = credential_draft(HOLDER, "did:web:issuer.example")
    del credential["type"]
    found = findings(REQUESTS["credentials_issue"], issue_request(credential), contract, catalog.schemas)
    assert any("/type" in f for f in found), found
    named = credential_draft(HOLDER, "not a url")  # an issuer the request names must be a URL
    assert findings(REQUESTS["credentials_issue"], issue_request(named), contract, catalog.schemas)


def test_a_did_document_draft_that_breaks_did_core_fails(contract, catalog):
    identity = Identity.generate()
    identity.did = "did:web:holder.example"
    update = REQUESTS["did_update"].samples()[0]
    good = copy.deepcopy(update)
    good["didDocument"] = [identity.draft()]
    assert findings(REQUESTS["did_update"], good, contract, catalog.schemas) == []
    bad = copy.deepcopy(good)
    del bad["didDocument"][0]["verificationMethod"][0]["controller"]  # DID Core 5.2.1
    assert any("controller" in f for f in findings(REQUESTS["did_update"], bad, contract, catalog.schemas))
    broken = copy.deepcopy(good)
    broken["didDocument"][0]["verificationMethod"][0]["publicKeyJwk"]["x"] = "not-a-key"
    assert findings(REQUESTS["did_update"], broken, contract, catalog.schemas)


def test_a_body_the_contract_does_not_allow_fails(contract, catalog):
    body = challenge_request(HOLDER)
    del body["did"]
    assert findings(REQUESTS["auth_challenges"], body, contract, catalog.schemas)
