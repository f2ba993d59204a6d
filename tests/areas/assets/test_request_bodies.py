"""Every body the assets area's tests send a platform's generation interface passes the platform
contract's request schema (GenerationRequest), and the check fails a body the contract does not
allow (issue 74: the generation interface is an operation of annex D's contract)."""

from __future__ import annotations

import pytest

from conformance.areas.assets.requestbodies import REQUESTS, generation_request
from tests.areas.request_bodies import cases, findings


@pytest.mark.parametrize(("name", "index", "body"), cases(REQUESTS), ids=lambda v: v if isinstance(v, str) else "")
def test_every_body_the_area_sends_passes_the_contract(name, index, body, contract, catalog):
    assert findings(REQUESTS[name], body, contract, catalog.schemas) == []


@pytest.mark.parametrize("body", [generation_request("hologram", "a city"), generation_request("text", ""),
                                  {"kind": "text"}])
def test_a_body_the_contract_does_not_allow_fails(body, contract, catalog):
    assert findings(REQUESTS["generation"], body, contract, catalog.schemas)
