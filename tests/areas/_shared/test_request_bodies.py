"""Every body the shared asset registry client sends a platform passes the platform contract's
request schema (an asset to issue: the asset metadata schema), and the check fails a body the
contract does not allow (issue 59, item 3)."""

from __future__ import annotations

import pytest

from conformance.areas._shared.requestbodies import REQUESTS, metadata, transfer_request
from tests.areas.request_bodies import cases, findings


@pytest.mark.parametrize(("name", "index", "body"), cases(REQUESTS), ids=lambda v: v if isinstance(v, str) else "")
def test_every_body_the_registry_client_sends_passes_the_contract(name, index, body, contract, catalog):
    assert findings(REQUESTS[name], body, contract, catalog.schemas) == []


@pytest.mark.parametrize(("name", "body"), [
    ("assets", {key: value for key, value in metadata("a-1", "did:web:h.example").items() if key != "issuer"}),
    ("assets", {**metadata("a-1", "did:web:h.example"), "issued_at": "yesterday"}),
    ("asset_transfer", {**transfer_request("did:web:h.example"), "to": "not a DID"}),
])
def test_a_body_the_contract_does_not_allow_fails(name, body, contract, catalog):
    assert findings(REQUESTS[name], body, contract, catalog.schemas)
