"""The OpenAPI contract: loaded offline from the registry, operations matched, answers judged."""

from __future__ import annotations

import httpx
import pytest

from conformance.adapters.http import Response
from conformance.areas.interfaces.openapi import CONTRACT, Contract
from conformance.errors import NonConformance


@pytest.fixture(scope="module")
def contract(catalog):
    return Contract(catalog.schemas)


def answer(method: str, url: str, status: int, media_type: str, body: bytes) -> Response:
    headers = httpx.Headers({"content-type": media_type})
    return Response(method=method, url=url, status=status, headers=headers, content=body, elapsed_s=0.0)


def test_the_contract_is_served_by_the_registry(catalog):
    assert CONTRACT in catalog.schemas.ids()
    assert catalog.schemas.get(CONTRACT)["openapi"].startswith("3.1")


def test_operations_match_the_most_literal_template(contract):
    assert contract.operation("GET", "http://h/assets").operation_id == "listAssets"
    assert contract.operation("GET", "http://h/assets/a-1").operation_id == "getAsset"
    assert contract.operation("GET", "http://h/1.0/identifiers/did:web:x").operation_id == "resolveDid"
    assert contract.operation("GET", "http://h/api/assets/a-1", base_path="/api").operation_id == "getAsset"
    assert contract.operation("DELETE", "http://h/assets/a-1") is None
    assert contract.operation("GET", "http://h/assets/a/b") is None


def test_a_documented_answer_has_no_findings(contract):
    body = b'{"type": "about:blank", "title": "Not Found", "status": 404}'
    assert contract.response_findings(answer("GET", "http://h/assets/x", 404, "application/problem+json", body)) == []


def test_an_undocumented_status_is_found(contract):
    found = contract.response_findings(answer("GET", "http://h/1.0/identifiers/did:web:x", 302, "text/html", b""))
    assert found[0].message == "status 302 is not documented for resolveDid"
    assert found[0].expected == ["200", "400", "404", "406", "410", "4XX", "501", "5XX"]  # resolveDid, annex D (forty-first reading, b15)


def test_an_undocumented_content_type_is_found(contract):
    found = contract.response_findings(answer("GET", "http://h/assets/x", 404, "application/json", b"{}"))
    assert found[0].expected == ["application/problem+json"] and found[0].actual == "application/json"


def test_a_body_off_schema_is_found_through_a_response_reference(contract):
    found = contract.response_findings(
        answer("GET", "http://h/assets/x", 400, "application/problem+json", b'{"title": 5}')
    )
    assert {f.pointer for f in found} >= {"", "/title"}
    assert all(f.extra["schema"].endswith("/components/responses/Problem/content/application~1problem+json/schema")
               for f in found)


def test_a_body_that_is_not_json_is_a_non_conformance(contract):
    with pytest.raises(NonConformance):
        contract.response_findings(answer("GET", "http://h/assets", 200, "application/json", b"<html>"))


def test_the_reference_answers_as_the_contract_says(contract, reference_url, tmp_path):
    from conformance.adapters import AdapterContext
    from conformance.adapters.http import HttpAdapter

    api = HttpAdapter("api", {"adapter": "http", "base_url": reference_url}, AdapterContext(tmp_path / "m", {}))
    listing = api.get("/assets")
    responses = [api.get("/.well-known/metaverse-interop"), listing, api.get("/assets/no-such-asset"),
                 api.get("/1.0/identifiers/not-a-did"), api.get("/1.0/identifiers/did:web:identity.example.com")]
    responses += [api.get(f"/assets/{item['asset_id']}") for item in listing.json()["items"]]
    for response in responses:
        assert contract.response_findings(response) == [], response.url


def test_write_operations_are_matched(contract):
    assert contract.operation("POST", "http://h/assets").operation_id == "issueAsset"
    assert contract.operation("POST", "http://h/assets/import").operation_id == "importAsset"
    assert contract.operation("POST", "http://h/assets/a-1/transfer").operation_id == "transferAsset"
    assert contract.operation("POST", "http://h/1.0/create").operation_id == "createDid"
    assert contract.operation("GET", "http://h/assets/a-1/export").operation_id == "exportAsset"


def test_a_write_answer_is_judged_against_its_schema(contract):
    good = b'{"didState": {"state": "finished"}}'
    assert contract.response_findings(answer("POST", "http://h/1.0/update", 200, "application/json", good)) == []
    bad = b'{"didState": {"state": "finished", "did": "not a did"}}'
    assert contract.response_findings(answer("POST", "http://h/1.0/update", 200, "application/json", bad))
    undocumented = answer("POST", "http://h/assets/a-1/burn", 500, "application/problem+json", b"{}")
    assert "not documented" in contract.response_findings(undocumented)[0].message


def test_parameters_follow_refs_and_the_path_item():
    from conformance import load_catalog
    from conformance.areas.interfaces.openapi import Contract

    contract = Contract(load_catalog().schemas)
    op = next(o for o in contract.operations if o.operation_id == "getAssetState")
    assert [p["name"] for p in contract.parameters(op, "path")] == ["asset_id"]
    assert contract.parameters(op, "query") == []
