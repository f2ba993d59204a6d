"""IF-BIO-001 R4 (1.3.0, the thirty-fifth reading's open rows, part k1): the consent withdrawal the check
performs as a set-up is one answered 204, the one status table D.3 gives for
``DELETE /users/{did}/consents/{purpose}``; any other answer is IF-UDP-010's to judge and leaves R4
unjudged (before 1.3.0 a withdrawal answered 200 let R4 be judged, and the platform passed). Since 1.7 (the
fifty-fifth reading, b2) that answer fails R5 of its own: IF-UDP-010 never withdraws the biometric purpose, so
no other case judges it; R4 stays unjudged."""

from __future__ import annotations

from tests.conftest import manifest_for, verdict_and_evidence


def test_a_withdrawal_answered_200_fails_r5(catalog, serve_reference, run_manifest):
    base_urls = {"api": serve_reference([]), "api_b": serve_reference(["user-consent-withdrawal-200"])}
    manifest = manifest_for(catalog, "data-portability", base_urls=base_urls, features=["biometric-data"])
    verdict, evidence = verdict_and_evidence(run_manifest(manifest, requirements=["IF-BIO-001"]), "IF-BIO-001")
    assert verdict == "fail", evidence
    assert "'rule': 'R5'" in evidence and "answered 200, not the 204 annex D gives" in evidence, evidence
    assert "'rule': 'R4'" not in evidence, evidence


def test_a_withdrawal_answered_204_judges_r4(catalog, serve_reference, run_manifest):
    base_urls = {"api": serve_reference([]), "api_b": serve_reference([])}
    manifest = manifest_for(catalog, "data-portability", base_urls=base_urls, features=["biometric-data"])
    verdict, evidence = verdict_and_evidence(run_manifest(manifest, requirements=["IF-BIO-001"]), "IF-BIO-001")
    assert verdict == "pass", evidence
