"""ID-REG-003 R2: a deactivation signed by a key that only claims the controller's ``kid``, refused 4xx but
carried out all the same, fails R2 on the DID resolving 410 right after it (issue 76, thirty-sixth reading's
leftovers, part t; before, nothing was resolved there and the later controlling update failed on its 410,
a finding under R1 that named the wrong request)."""

from __future__ import annotations

from tests.conftest import manifest_for, verdict_and_evidence


def test_a_forged_deactivation_that_took_effect_fails_r2(catalog, serve_reference, run_manifest):
    manifest = manifest_for(catalog, "identity-registrar",
                            base_urls={"api": serve_reference(["deactivate-refused-applied"])})
    verdict, evidence = verdict_and_evidence(run_manifest(manifest, requirements=["ID-REG-003"]), "ID-REG-003")
    assert verdict == "fail", evidence
    assert "identity.reg-refused-deactivation-applied" in evidence, evidence
    assert "identity.registrar-status" not in evidence, evidence
