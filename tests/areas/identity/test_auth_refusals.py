"""ID-AUTH-002 1.2 judges the refusals' bodies (issue 59): the reference, which refuses every
wrong proof with 401 problem details and no token, passes; a refusal that carries a token fails
(its known-bad case, `auth-refusal-token`, is in suites/identity/known_bad.yaml)."""

from __future__ import annotations

from tests.conftest import manifest_for, verdicts


def test_the_reference_refusals_pass(catalog, serve_reference, run_manifest):
    manifest = manifest_for(catalog, "identity-auth", base_urls={"api": serve_reference()})
    result = run_manifest(manifest, requirements=["ID-AUTH-002"])
    assert verdicts(result) == {"ID-AUTH-002": "pass"}, [r.message for r in result.report.requirements]


def test_a_token_in_a_refusal_fails(catalog, serve_reference, run_manifest):
    manifest = manifest_for(catalog, "identity-auth", base_urls={"api": serve_reference(["auth-refusal-token"])})
    result = run_manifest(manifest, requirements=["ID-AUTH-002"])
    assert verdicts(result) == {"ID-AUTH-002": "fail"}
    record = next(r for r in result.report.requirements if r.requirement == "ID-AUTH-002")
    findings = [e for e in record.evidence if e.get("kind") == "finding"]
    assert len(findings) == 4 and all(f.get("pointer") == "/access_token" for f in findings), findings
    assert not any(e.get("refused") for e in record.evidence)  # nothing set aside as refused credentials
