"""IF-CODE-009 without `sessions.join`: the fail verdict stands (a product of the session profile offers sessions),
under no rule, as IF-SES-004's (issue 76, fifty-first reading, part h105-contract, bx1): no session is there to
withhold the blocked user from, so none of R1 to R4 is broken. The lint asks each known-bad case of a requirement
with rules to name one, so this verdict is judged here rather than in suites/interfaces/known_bad.yaml."""

from __future__ import annotations

from tests.conftest import manifest_for


def test_a_platform_declaring_no_session_fails_if_code_009_under_no_rule(catalog, serve_reference, run_manifest):
    manifest = manifest_for(catalog, "interfaces-sessions", base_urls={"api": serve_reference(["discovery-no-sessions"])})
    result = run_manifest(manifest, requirements=["IF-CODE-009"])
    (record,) = [r for r in result.report.requirements if r.requirement == "IF-CODE-009"]
    findings = [item for item in record.evidence if item.get("kind") == "finding"]
    assert record.verdict.value == "fail", record.message
    assert any("declares no sessions.join path" in str(item.get("message")) for item in findings), findings
    assert all(item.get("rule") is None for item in findings), findings
