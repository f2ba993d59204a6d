"""identity-credentials-api's parameters for a real issuer: the issuing DID(s) and the proof
options the issue tests send (VC API ``options``); by default none, as before. The reference
issues as its own did:key only and refuses any other issuer (VCALM's issue operation), so a run
naming its DID is conformant and one naming another DID is not (ID-VCAPI-001 R1)."""

from __future__ import annotations

import httpx
import pytest

from conformance.areas.identity import requestbodies
from tests.conftest import manifest_for, verdicts

ANY_HOLDER = "did:example:holder"
OTHERS = ["did:web:issuer.acme.example", "did:web:issuer.acme.example:hr"]


def _issue_requests(result) -> list[dict]:
    return [e["request"]["json"] for r in result.report.tests for e in r.evidence
            if e.get("kind") == "http" and e["request"]["url"].endswith("/credentials/issue")]


def _valid_requests(result, own: str = "") -> list[dict]:
    """The issue requests of ID-VCAPI-001 R1 and ID-VCAPI-002: the draft as
    requestbodies.credential_draft makes it (not a refusal probe, nor a data-model probe)."""
    return [r for r in _issue_requests(result) if _is_draft(r["credential"])
            and ("issuer" not in r["credential"] or _named(r["credential"]["issuer"], own))]


def _is_draft(credential: dict) -> bool:
    draft = requestbodies.credential_draft(ANY_HOLDER, None)
    subject = credential.get("credentialSubject")
    return (set(credential) <= {*draft, "issuer"} and credential["@context"] == draft["@context"]
            and credential["type"] == draft["type"] and isinstance(subject, dict)
            and set(subject) == set(draft["credentialSubject"]) and str(subject["id"]).startswith("did:"))


def _named(issuer, own: str) -> bool:
    """An issuer a valid request names: a DID string, not the probes' wrong types nor their
    unheld did:key (any did:key but the reference's own)."""
    return isinstance(issuer, str) and (issuer == own or not issuer.startswith("did:key:"))


@pytest.fixture(scope="module")
def own_did(reference_url) -> str:
    """The DID the reference issues as (a did:key made when it starts), read as a vendor would: issue once."""
    answer = httpx.post(reference_url + "/credentials/issue", json={"credential": {
        "@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:subject", "name": "x"}}, "options": {}})
    return answer.json()["verifiableCredential"]["issuer"]


def test_by_default_the_issue_request_names_no_issuer_and_no_options(catalog, reference_url, run_manifest):
    result = run_manifest(manifest_for(catalog, "identity-credentials-api", base_urls={"api": reference_url}))
    assert result.exit_code == 0
    sent = _valid_requests(result)
    assert sent and all(r["options"] == {} and "issuer" not in r["credential"] for r in sent)


def test_the_issuers_and_proof_options_are_sent_in_each_issue_request(catalog, reference_url, run_manifest, own_did):
    parameters = {"issuer": [own_did, *OTHERS], "proof_type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022",
                  "verification_method": own_did + "#key-1"}
    manifest = manifest_for(catalog, "identity-credentials-api", base_urls={"api": reference_url},
                            parameters=parameters)
    result = run_manifest(manifest)
    # the reference issues as its own DID and refuses the others: not conformant, for ID-VCAPI-001
    assert result.exit_code == 1, verdicts(result)
    assert verdicts(result)["ID-VCAPI-001"] == "fail"
    sent = _valid_requests(result, own_did)
    assert {r["credential"]["issuer"] for r in sent} >= {own_did, OTHERS[0]}
    # every issue request carries the proof options; ID-VCAPI-003's also asks for a status entry (VC API options)
    assert {tuple(sorted((k, v) for k, v in r["options"].items() if k != "credentialStatus"))
            for r in _issue_requests(result)} == {(
        ("cryptosuite", "eddsa-jcs-2022"), ("proofType", "DataIntegrityProof"),
        ("verificationMethod", own_did + "#key-1"))}


def test_its_own_issuer_named_is_conformant_and_every_probe_carries_it(catalog, reference_url, run_manifest,
                                                                        own_did):
    result = run_manifest(manifest_for(catalog, "identity-credentials-api", base_urls={"api": reference_url},
                                       parameters={"issuer": own_did}))
    assert result.exit_code == 0, verdicts(result)
    sent = _issue_requests(result)
    valid = _valid_requests(result, own_did)
    assert len(valid) == 2 and all(r["credential"].get("issuer") == own_did for r in valid)
    # the refusal probes (R3) name the issuer the profile gives: only the probed member is wrong
    assert any(r["credential"].get("credentialSubject") == [] and r["credential"].get("issuer") == own_did
               for r in sent)


@pytest.mark.parametrize("issuer", ["did:web:one.acme.example", None])
def test_one_issuer_or_none_is_one_valid_request_per_test(catalog, reference_url, run_manifest, issuer):
    parameters = {"issuer": issuer} if issuer else {"cryptosuite": "eddsa-jcs-2022"}
    result = run_manifest(manifest_for(catalog, "identity-credentials-api", base_urls={"api": reference_url},
                                       parameters=parameters))
    # a DID the reference does not hold is refused (R1 fails, ID-VCAPI-002 has nothing to verify)
    assert result.exit_code == (1 if issuer else 0), verdicts(result)
    sent = _valid_requests(result)
    assert len(sent) == 2 and all(r["credential"].get("issuer") == issuer for r in sent)
