"""The reference's VC API against the harness's probes (issue 79; requestbodies.PROBES): its
issuer refuses each credential that breaks a MUST of VC Data Model 2.0 (400, problem details),
its verifier refuses each once signed by a did:key it takes, and each planted defect lets exactly
its own probe through (the known-bad cases of ID-VCAPI-001 and ID-VCAPI-002 rest on it)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from conformance.areas.identity import dataintegrity, requestbodies
from conformance.areas.identity import did as didlib
from conformance.areas.identity.registration import new_key
from conformance.reference import create_app
from conformance.reference.identity.vcapi import DEFECTS, _probes_let_through, model_errors
from tests.conftest import serve

HOLDER = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
KEY = new_key("Ed25519")
ISSUER = didlib.did_key(KEY.public_key())
PROBES = {probe.key: probe for probe in requestbodies.PROBES}


def _signed(credential: dict) -> dict:
    return dataintegrity.add_proof({**credential, "validFrom": credential.get("validFrom", "2026-01-01T00:00:00Z")},
                                   KEY, f"{ISSUER}#{ISSUER.removeprefix('did:key:')}",
                                   datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


@pytest.fixture(scope="module")
def client():
    with serve(create_app()) as url, httpx.Client(base_url=url) as c:
        yield c


def test_the_probes_are_26_each_with_its_own_rules_and_defects():
    assert len(PROBES) == 26
    for side in ("issuer_rule", "verifier_rule"):
        assert len({getattr(p, side) for p in PROBES.values()}) == 26
    assert {f"vc-issue-signs-{k}" for k in PROBES} | {f"vc-verify-accepts-{k}" for k in PROBES} <= set(DEFECTS)


@pytest.mark.parametrize("key", list(PROBES))
def test_the_issuer_refuses_each_probe(client, key):
    (credential,) = [c for p, c in requestbodies.probe_drafts(HOLDER, None) if p.key == key]
    response = client.post("/credentials/issue", json={"credential": credential, "options": {}})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "VC Data Model" in response.json()["detail"]


def test_the_verifier_refuses_each_probe_signed_by_a_key_it_takes(client):
    control = client.post("/credentials/verify",
                          json={"verifiableCredential": _signed(requestbodies.credential_draft(HOLDER, ISSUER))})
    assert control.status_code == 200 and control.json()["verified"] is True, control.text
    for probe, credential in requestbodies.probe_drafts(HOLDER, ISSUER):
        response = client.post("/credentials/verify", json={"verifiableCredential": _signed(credential)})
        assert response.status_code == 400, (probe.key, response.text)
        assert response.json()["errors"], probe.key


def test_each_defect_lets_exactly_its_own_probe_through():
    drafts = {p.key: {**c, "validFrom": c.get("validFrom", "2026-01-01T00:00:00Z")}
              for p, c in requestbodies.probe_drafts(HOLDER, ISSUER)}
    for side in ("vc-issue-signs-", "vc-verify-accepts-"):
        for defect in PROBES:
            let_through = _probes_let_through(frozenset({side + defect}), side)
            passed = [key for key, credential in drafts.items() if not model_errors(credential, let_through)]
            assert passed == [defect], (side + defect, passed)


@pytest.mark.slow
def test_every_probe_defect_fails_its_own_rule_and_no_other(catalog, serve_reference, run_manifest):
    """All the probes' defects planted at once: ID-VCAPI-001 fails exactly R6-R31 and ID-VCAPI-002
    exactly R3-R28, each finding naming the probe its rule is written for (with the test above:
    each defect lets only its own probe through)."""
    from tests.conftest import manifest_for

    defects = [f"vc-issue-signs-{k}" for k in PROBES] + [f"vc-verify-accepts-{k}" for k in PROBES]
    url = serve_reference(defects, tls=True)
    manifest = manifest_for(catalog, "identity-credentials-api", base_urls={"api": url})
    result = run_manifest(manifest, requirements=["ID-VCAPI-001", "ID-VCAPI-002"])
    for requirement, side in (("ID-VCAPI-001", "issuer_rule"), ("ID-VCAPI-002", "verifier_rule")):
        record = next(r for r in result.report.requirements if r.requirement == requirement)
        findings = [item for item in record.evidence if item.get("kind") == "finding"]
        by_rule = {getattr(p, side): p.key for p in PROBES.values()}
        assert sorted({f.get("rule") for f in findings}) == sorted(by_rule), requirement
        for finding in findings:
            assert f"(probe {by_rule[finding['rule']]})" in str(finding.get("message")), finding
