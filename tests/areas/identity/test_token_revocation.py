"""Tokens revoked with the key or identity they were issued to (ID-PORT-005, RFC 7662
introspection), failed proofs limited (ID-AUTH-004, NIST SP 800-63B 5.2.2) and a device the
person holds as the second factor (ID-MFA-003, WebAuthn Level 2 7.2) and a certificate it issues as an
authentication tool (ID-CERT-001, RFC 5280): the reference passes them;
each defect planted fails exactly its own requirement (the known-bad cases in
suites/identity/known_bad.yaml run the failing side)."""

from __future__ import annotations

from tests.conftest import manifest_for, verdicts


def test_the_reference_revokes_tokens_and_limits_failed_proofs(catalog, serve_reference, run_manifest):
    url = serve_reference()
    portability = manifest_for(catalog, "identity-portability", base_urls={"api": url, "api_b": url})
    result = run_manifest(portability, requirements=["ID-PORT-004", "ID-PORT-005"])
    assert verdicts(result) == {"ID-PORT-004": "pass", "ID-PORT-005": "pass"}, \
        [r.message for r in result.report.requirements]
    auth = manifest_for(catalog, "identity-auth", base_urls={"api": url},
                        features=["device-factor", "certificate-login"])
    ids = ["ID-AUTH-002", "ID-AUTH-004", "ID-MFA-003", "ID-CERT-001"]
    result = run_manifest(auth, requirements=ids)
    assert verdicts(result) == dict.fromkeys(ids, "pass"), \
        [r.message for r in result.report.requirements]


def test_a_token_kept_active_after_its_key_is_rotated_out_fails_only_id_port_005(catalog, serve_reference,
                                                                                 run_manifest):
    url = serve_reference(["token-survives-rotation"])
    manifest = manifest_for(catalog, "identity-portability", base_urls={"api": url, "api_b": url})
    result = run_manifest(manifest, requirements=["ID-PORT-004", "ID-PORT-005"])
    assert verdicts(result) == {"ID-PORT-004": "pass", "ID-PORT-005": "fail"}
