"""IF-IOP-001 follows its text and annex D (issue 76, the thirty-sixth reading's a13): an identity the source does
not register is a set-up not met (inconclusive, as the case's inconclusive line says; before, the case failed), and
the import is taken with the 201 table D.3 gives for ``POST /1.0/import`` alone (before, 200 passed too)."""

from __future__ import annotations

import pytest

from tests.conftest import manifest_for, verdict_and_evidence


@pytest.mark.parametrize(("role", "defect", "expected"), [("api", "create-200", "inconclusive"),
                                                          ("api_b", "import-200", "fail")])
def test_the_registration_is_a_set_up_and_the_import_takes_annex_ds_201(catalog, serve_reference, run_manifest,
                                                                        role, defect, expected):
    base_urls = {"api": serve_reference([]), "api_b": serve_reference([])}
    base_urls[role] = serve_reference([defect])
    manifest = manifest_for(catalog, "interop-pair", base_urls=base_urls)
    verdict, evidence = verdict_and_evidence(run_manifest(manifest, requirements=["IF-IOP-001"]), "IF-IOP-001")
    assert verdict == expected, evidence
