"""The contract's request examples, the robustness helpers and the planted interface faults."""

from __future__ import annotations

import httpx
import pytest

from conformance import NonConformance, load_catalog
from conformance.adapters.deadline import verifying_context
from conformance.areas.interfaces.mutations import mutations
from conformance.areas.interfaces.openapi import Contract, escape
from conformance.areas.interfaces.robustness import body_operations, fill_path, filled, inline, refusal_findings


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract(load_catalog().schemas)


def _request_schema_uri(contract: Contract, op) -> str:
    return f"{contract.uri}#{op.pointer}/requestBody/content/{escape('application/json')}/schema"


def test_every_request_example_is_valid_against_its_schema(contract):
    operations = body_operations(contract)
    assert {b.op.operation_id for b in operations} >= {"issueAsset", "transferAsset", "createDid", "importDid"}
    for bop in operations:
        found = contract.schemas.findings(bop.example, _request_schema_uri(contract, bop.op))
        assert not found, (bop.op.operation_id, [f.message for f in found])


def test_every_mutation_of_a_contract_example_is_invalid(contract):
    for bop in body_operations(contract):
        for mutation in mutations(bop.example, bop.schema):
            if mutation.raw is not None:
                continue
            found = contract.schemas.findings(mutation.body, _request_schema_uri(contract, bop.op))
            assert found, (bop.op.operation_id, mutation.description)


def test_inline_follows_references_across_documents(contract):
    schema = inline({"$ref": "https://metaverse-conformance.org/schemas/assets/lifecycle-event.json"},
                    contract.schemas, contract.uri)
    assert "$ref" not in str(schema["properties"]["asset_id"])
    assert schema["properties"]["asset_id"]["type"] == "string"


def test_filled_and_fill_path():
    example = {"asset_id": "x", "nested": {"to": "y"}}
    body = filled(example, {"/asset_id": "fresh-id", "/nested/to": "other-holder"},
                  {"fresh-id": "new", "other-holder": "did:web:b"})
    assert body == {"asset_id": "new", "nested": {"to": "did:web:b"}} and example["asset_id"] == "x"
    assert fill_path("/assets/{asset_id}/state", {"asset_id": "a/b c"}) == "/assets/a%2Fb%20c/state"
    assert fill_path("/assets/{asset_id}", {}) is None


class _Answer:
    def __init__(self, status: int, media_type: str, body: object = "problem") -> None:
        self.status, self.media_type = status, media_type
        self.body = {"type": "about:blank", "title": "Bad Request", "status": status} if body == "problem" else body

    def json(self) -> object:
        if isinstance(self.body, bytes):
            raise NonConformance("the body is not JSON")
        return self.body


@pytest.mark.parametrize(("status", "media_type", "ok"), [
    (400, "application/problem+json", True), (422, "application/problem+json", True),
    (500, "application/problem+json", False), (201, "application/json", False), (400, "text/plain", False),
])
def test_refusal_findings(contract, status, media_type, ok):
    found = refusal_findings(_Answer(status, media_type), contract.schemas)
    assert (found == []) is ok
    assert all(getattr(f, "key", "").startswith("interfaces.") for f in found)  # templates, shown in zh too


def test_a_refusal_without_content_type_says_so(contract):
    assert refusal_findings(_Answer(400, ""), contract.schemas) == [
        "refused with 400 but not as problem details (Content-Type (none))"]


@pytest.mark.parametrize(("body", "said"), [
    (b"<html>Bad Request</html>", "the body is not a JSON problem"),
    ("Bad Request", "the problem is not valid at /"),
    ({"type": "about:blank", "title": "Bad Request"}, "the problem is not valid at /"),  # no status
    ({"type": "about:blank", "title": "Bad Request", "status": 200}, "the problem is not valid at /status"),
])
def test_a_refusal_typed_as_a_problem_whose_body_is_none_is_a_finding(contract, body, said):
    """IF-ROB-001 asks for an RFC 9457 problem details body, not only its media type (issue 59)."""
    (found,) = refusal_findings(_Answer(400, "application/problem+json", body), contract.schemas)
    assert said in found and getattr(found, "key", "").startswith("interfaces.refused-problem")


def test_planted_faults_each_break_one_behaviour(serve_reference):
    good = httpx.Client(verify=verifying_context(), base_url=serve_reference([]))
    assert good.post("/assets", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 401
    broken = httpx.Client(verify=verifying_context(), base_url=serve_reference(["malformed-body-500"]))
    assert broken.post("/1.0/auth/challenges", content=b"{not json").status_code == 500
    assert broken.post("/1.0/auth/challenges", json={}).status_code == 400
    as_text = httpx.Client(verify=verifying_context(), base_url=serve_reference(["json-as-text"]))
    assert as_text.get("/assets").headers["content-type"].startswith("text/plain")
    escape = httpx.Client(verify=verifying_context(), base_url=serve_reference(["path-escape-500"]))
    assert escape.get("/assets/a%20b").status_code == 500
    charset = httpx.Client(verify=verifying_context(), base_url=serve_reference(["json-charset-required"]))
    assert charset.post("/1.0/auth/challenges", json={}).status_code == 415


def test_sticky_token_fault_acts_with_the_last_token(serve_reference):
    client = httpx.Client(verify=verifying_context(), base_url=serve_reference(["auth-sticky-token"]))
    token = client.post("/test-identities", json={}).json()["token"]
    assert client.post("/assets", json={"name": "x"}, headers={"Authorization": f"Bearer {token}"}).status_code == 422
    response = client.post("/assets", json={"name": "x"})
    assert response.status_code == 422  # the missing token was replaced: validation ran, not auth


def test_filled_walks_into_arrays():
    body = filled({"events": [{"asset_id": "x"}]}, {"/events/0/asset_id": "fresh-id"}, {"fresh-id": "new"})
    assert body == {"events": [{"asset_id": "new"}]}
