"""Every body the interfaces area's tests send a platform passes the platform contract's request
schema, as the area judges the platform's answers by its response schemas (issue 59, item 3);
and the check fails a body the contract does not allow."""

from __future__ import annotations

import pytest

from conformance.areas.interfaces.requestbodies import REQUESTS, agent_message, profile_request, report_request
from conformance.areas.interfaces.robustness import body_operations, filled
from conformance.areas.interfaces.scenes import probe_scene
from tests.areas.request_bodies import cases, findings


@pytest.mark.parametrize(("name", "index", "body"), cases(REQUESTS), ids=lambda v: v if isinstance(v, str) else "")
def test_every_body_the_area_sends_passes_the_contract(name, index, body, contract, catalog):
    assert findings(REQUESTS[name], body, contract, catalog.schemas) == []


@pytest.mark.parametrize(("name", "body"), [
    ("reports", {**report_request(), "category": 7}),
    ("reports", {key: value for key, value in report_request().items() if key != "category"}),
    ("user_profile", {**profile_request("m"), "locale": 42}),
    ("agent_messages", {**agent_message(), "text": None}),
    ("asset_import", {"exports": {}}),
])
def test_a_body_the_contract_does_not_allow_fails(name, body, contract, catalog):
    assert findings(REQUESTS[name], body, contract, catalog.schemas)


def test_a_scene_the_glTF_validator_finds_an_error_in_fails(contract, catalog):
    broken = probe_scene("0123abcd", []).replace(b'"nodes": [\n        0', b'"nodes": [\n        7')
    assert broken != probe_scene("0123abcd", [])
    found = findings(REQUESTS["scenes"], broken, contract, catalog.schemas)
    assert any("error" in f for f in found), found


def test_a_relayed_export_is_judged_as_the_contract_example_of_it(contract, catalog):
    # the export is the other platform's answer; the wrapper is what the harness writes
    assert findings(REQUESTS["asset_import"], {"export": {"anything": "the source platform sent"}}, contract,
                    catalog.schemas) == []


def test_every_contract_example_the_harness_sends_passes_the_contract(contract):
    # test_auth and test_robustness send each operation's own example (its x-fill members set
    # per run): the example must be a body the contract allows, or a refusal proves nothing
    values = {"fresh-id": "conformance-0123-x", "holder": "did:web:registry.example:holders:h1",
              "other-holder": "did:web:registry.example:holders:h2", "asset_id": "a-1"}
    sent = 0
    for bop in body_operations(contract):
        body = filled(bop.example, bop.fill, values)
        assert contract.request_findings(bop.op.method, bop.op.path.replace("{", "").replace("}", ""), body) == [], \
            bop.op.operation_id
        sent += 1
    assert sent >= 5
