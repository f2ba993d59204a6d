"""The user-data set-ups take annex D's statuses alone (issue 76, the thirty-sixth reading's a14): the profile set
(``PUT /users/{did}/profile``) answered 200 and the consent (``PUT /users/{did}/consents/{purpose}``) answered 204,
as table D.3 gives; any other answer leaves the case inconclusive, as the cases' inconclusive lines say (before,
200, 201 or 204 were taken and the case went on to judge: IF-UDP-001 passed on a profile set answered 201,
IF-UDP-010 failed its R5 on it, IF-UDP-010 and IF-BIO-001 passed on a consent answered 200)."""

from __future__ import annotations

import pytest

from tests.conftest import manifest_for, verdict_and_evidence

CASES = [
    ("IF-UDP-001", "user-profile-set-201", [], "not the 200 annex D gives"),
    ("IF-UDP-010", "user-profile-set-201", [], "not the 200 annex D gives"),
    ("IF-UDP-010", "user-consent-given-200", [], "not the 204 annex D gives"),
    ("IF-BIO-001", "user-consent-given-200", ["biometric-data"], "not the 204 annex D gives"),
]


@pytest.mark.parametrize(("requirement", "defect", "features", "said"), CASES)
def test_a_set_up_answered_otherwise_than_annex_d_leaves_the_case_inconclusive(
        catalog, serve_reference, run_manifest, requirement, defect, features, said):
    base_urls = {"api": serve_reference([]), "api_b": serve_reference([defect])}
    manifest = manifest_for(catalog, "data-portability", base_urls=base_urls, features=features)
    result = run_manifest(manifest, requirements=[requirement])
    verdict, evidence = verdict_and_evidence(result, requirement)
    (record,) = [r for r in result.report.requirements if r.requirement == requirement]
    assert verdict == "inconclusive", evidence
    assert said in record.message, record.message
