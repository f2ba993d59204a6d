"""IF-BIO-001's enrolment after the consent (``POST /users/{did}/biometrics``) is a set-up no rule of the
requirement judges: table D.3 gives it 201 alone, and an enrolment answered otherwise leaves the case
inconclusive, as step 4 and the inconclusive line say (issue 76, thirty-sixth reading's leftovers, part t;
before, 200 or 201 was taken and the case went on to pass)."""

from __future__ import annotations

from tests.conftest import manifest_for, verdict_and_evidence


def test_an_enrolment_answered_200_leaves_if_bio_001_inconclusive(catalog, serve_reference, run_manifest):
    base_urls = {"api": serve_reference([]), "api_b": serve_reference(["biometric-enrolled-200"])}
    manifest = manifest_for(catalog, "data-portability", base_urls=base_urls, features=["biometric-data"])
    result = run_manifest(manifest, requirements=["IF-BIO-001"])
    verdict, evidence = verdict_and_evidence(result, "IF-BIO-001")
    (record,) = [r for r in result.report.requirements if r.requirement == "IF-BIO-001"]
    assert verdict == "inconclusive", evidence
    assert "not the 201 annex D gives" in record.message, record.message


def test_an_enrolment_answered_201_is_judged(catalog, serve_reference, run_manifest):
    base_urls = {"api": serve_reference([]), "api_b": serve_reference([])}
    manifest = manifest_for(catalog, "data-portability", base_urls=base_urls, features=["biometric-data"])
    verdict, evidence = verdict_and_evidence(run_manifest(manifest, requirements=["IF-BIO-001"]), "IF-BIO-001")
    assert verdict == "pass", evidence
