"""The reference's interoperability endpoints: asset export/import and the VC API."""

from __future__ import annotations

import httpx
import pytest

from conformance.adapters.deadline import verifying_context
from conformance.areas._shared.registry import metadata

CREDENTIAL = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
              "credentialSubject": {"id": "did:web:holder.example"}}


def _holder(client: httpx.Client) -> dict[str, str]:
    token = client.post("/test-identities", json={}).json()["token"]
    return {"Authorization": f"Bearer {token}"}


def test_a_credential_issued_by_one_instance_verifies_at_another(serve_reference):
    a, b = (httpx.Client(verify=verifying_context(), base_url=serve_reference([])),
            httpx.Client(verify=verifying_context(), base_url=serve_reference([])))
    # The reference issues anonymously or for a holder's token (the contract allows both).
    issued = a.post("/credentials/issue", json={"credential": CREDENTIAL}, headers=_holder(a))
    assert issued.status_code == 201
    vc = issued.json()["verifiableCredential"]
    assert vc["issuer"].startswith("did:key:") and vc["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert b.post("/credentials/verify", json={"verifiableCredential": vc}).status_code == 200
    tampered = {**vc, "credentialSubject": {"id": "did:web:someone-else.example"}}
    refused = b.post("/credentials/verify", json={"verifiableCredential": tampered})
    assert refused.status_code == 400 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"]  # the VC API's error list, as a problem extension member
    not_a_credential = {**CREDENTIAL, "@context": {"not": "an array"}}
    assert a.post("/credentials/issue", json={"credential": not_a_credential}).status_code == 400


def test_an_asset_moves_with_its_history(serve_reference):
    a, b = (httpx.Client(verify=verifying_context(), base_url=serve_reference([])),
            httpx.Client(verify=verifying_context(), base_url=serve_reference([])))
    holder = a.post("/test-identities", json={}).json()
    asset_id = "interop-test-0001"
    issued = a.post("/assets", json=metadata(asset_id, holder["did"]),
                    headers={"Authorization": f"Bearer {holder['token']}"})
    assert issued.status_code == 201
    exported = a.get(f"/assets/{asset_id}/export").json()
    assert exported["events"] == a.get(f"/assets/{asset_id}/history").json()["events"]
    other = httpx.Client(verify=verifying_context(), base_url=serve_reference([]))
    assert other.post("/assets/import", json={"export": exported}).status_code == 401
    imported = other.post("/assets/import", json={"export": exported}, headers=_holder(other))
    assert imported.status_code == 201
    assert other.get(f"/assets/{asset_id}/history").json()["events"] == exported["events"]
    assert other.get(f"/assets/{asset_id}/state").json() == a.get(f"/assets/{asset_id}/state").json()
    broken = {**exported, "events": exported["events"][1:]}
    assert b.post("/assets/import", json={"export": broken}, headers=_holder(b)).status_code == 422


def _iop_003(catalog, serve_reference, run_manifest, defects_a: list[str]):
    from tests.conftest import manifest_for

    base_urls = {"api": serve_reference(defects_a), "api_b": serve_reference([])}
    result = run_manifest(manifest_for(catalog, "interop-pair", base_urls=base_urls), requirements=["IF-IOP-003"])
    return next(r for r in result.report.requirements if r.requirement == "IF-IOP-003")


@pytest.mark.slow
def test_a_credential_its_issuer_does_not_verify_leaves_that_direction_unjudged(catalog, serve_reference,
                                                                                run_manifest):
    """IF-IOP-003 asks for the issuer's verdict at the other platform (issue 59): where A's own
    verifier refuses what A issued (a broken proof), A -> B has no verdict to match and is not
    B's failure; B -> A still passes, so the requirement is inconclusive, not failed."""
    record = _iop_003(catalog, serve_reference, run_manifest, ["vc-issue-bad-proof"])
    assert record.verdict.value == "inconclusive", record.message
    assert "api -> api_b" in record.message


@pytest.mark.slow
def test_the_good_pair_passes_if_iop_003(catalog, serve_reference, run_manifest):
    assert _iop_003(catalog, serve_reference, run_manifest, []).verdict.value == "pass"
