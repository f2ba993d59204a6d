"""identity-credentials-api's parameters for a real issuer: the issuing DID(s) and the proof
options the issue tests send (VC API ``options``); by default none, as before."""

from __future__ import annotations

import pytest

from tests.conftest import manifest_for, verdicts

ISSUERS = ["did:web:issuer.acme.example", "did:web:issuer.acme.example:hr"]


def _issue_requests(result) -> list[dict]:
    return [e["request"]["json"] for r in result.report.tests for e in r.evidence
            if e.get("kind") == "http" and e["request"]["url"].endswith("/credentials/issue")]


def test_by_default_the_issue_request_names_no_issuer_and_no_options(catalog, reference_url, run_manifest):
    result = run_manifest(manifest_for(catalog, "identity-credentials-api", base_urls={"api": reference_url}))
    assert result.exit_code == 0
    sent = _issue_requests(result)
    assert sent and all(r["options"] == {} and "issuer" not in r["credential"] for r in sent)


def test_the_issuers_and_proof_options_are_sent_in_each_issue_request(catalog, reference_url, run_manifest):
    parameters = {"issuer": ISSUERS, "proof_type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022",
                  "verification_method": "did:web:issuer.acme.example#key-1"}
    manifest = manifest_for(catalog, "identity-credentials-api", base_urls={"api": reference_url},
                            parameters=parameters)
    result = run_manifest(manifest)
    # the reference issues as its own DID whatever is asked: still conformant
    assert result.exit_code == 0, verdicts(result)
    sent = _issue_requests(result)
    assert sorted(r["credential"]["issuer"] for r in sent) == sorted(ISSUERS * 2)  # each issuer, in both tests
    assert {tuple(sorted(r["options"].items())) for r in sent} == {(
        ("cryptosuite", "eddsa-jcs-2022"), ("proofType", "DataIntegrityProof"),
        ("verificationMethod", "did:web:issuer.acme.example#key-1"))}


@pytest.mark.parametrize("issuer", ["did:web:one.acme.example", None])
def test_one_issuer_or_none_is_one_request_per_test(catalog, reference_url, run_manifest, issuer):
    parameters = {"issuer": issuer} if issuer else {"cryptosuite": "eddsa-jcs-2022"}
    result = run_manifest(manifest_for(catalog, "identity-credentials-api", base_urls={"api": reference_url},
                                       parameters=parameters))
    assert result.exit_code == 0
    sent = _issue_requests(result)
    assert len(sent) == 2 and all(r["credential"].get("issuer") == issuer for r in sent)
