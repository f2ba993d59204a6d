"""A profile claim's ``targets``: two HTTP profiles of one manifest reach two base URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conformance._run.plan import make_plan
from conformance.errors import HarnessInputError
from tests.conftest import http_target, manifest_for

UNREACHABLE = "http://127.0.0.1:9"


def _two_profiles(catalog, first: str, second: str, url_a: str, url_b: str) -> dict:
    """One manifest claiming two HTTP profiles, each serving its ``api`` role by its own target."""
    manifest = manifest_for(catalog, first, base_urls={"api": url_a})
    other = manifest_for(catalog, second, base_urls={"api": url_b})
    manifest["profiles"][0]["targets"] = {"api": "api_a"}
    manifest["profiles"] += [{**other["profiles"][0], "targets": {"api": "api_b"}}]
    targets = {**other["targets"], **manifest["targets"]}
    http = {role: t for role, t in targets.items() if t["adapter"] == "http"}
    manifest["targets"] = {r: t for r, t in targets.items() if r not in http}
    manifest["targets"]["api_a"] = http_target(url_a)
    manifest["targets"]["api_b"] = http_target(url_b)
    return manifest


def _urls(records) -> set[str]:
    return {e["request"]["url"].split("/", 3)[2] for r in records for e in r.evidence if e.get("kind") == "http"}


def test_each_profile_reaches_its_own_base_url(catalog, reference_tls_url, serve_reference, run_manifest):
    reference_url = reference_tls_url  # interfaces-core's IF-TLS-001 judges a TLS handshake
    other_url = serve_reference()
    manifest = _two_profiles(catalog, "interfaces-core", "identity-resolver", reference_url, other_url)
    result = run_manifest(manifest)
    assert result.exit_code == 0, [(r.requirement, r.verdict, r.message) for r in result.report.requirements]
    host = {url: url.split("/")[2] for url in (reference_url, other_url)}
    by_profile = {p: [r for r in result.report.requirements if p in r.profiles]
                  for p in ("interfaces-core", "identity-resolver")}
    assert _urls(by_profile["interfaces-core"]) == {host[reference_url]}
    assert _urls(by_profile["identity-resolver"]) == {host[other_url]}


def test_a_requirement_two_profiles_reach_at_two_targets_runs_once_at_each(catalog, reference_url, serve_reference,
                                                                             run_manifest):
    other_url = serve_reference()
    manifest = _two_profiles(catalog, "asset-minors", "content-rating", reference_url, other_url)
    result = run_manifest(manifest)
    assert result.exit_code == 0, [(r.requirement, r.verdict, r.message) for r in result.report.requirements]
    shared = next(r for r in result.report.requirements if r.requirement == "AS-RATING-002")
    assert len(shared.tests) >= 2 and len(shared.cases) == 2
    assert _urls([t for t in result.report.tests if "AS-RATING-002" in t.requirements]) == {
        reference_url.split("/")[2], other_url.split("/")[2]}


def test_an_unreachable_target_fails_only_the_profile_bound_to_it(catalog, reference_tls_url, run_manifest):
    manifest = _two_profiles(catalog, "interfaces-core", "identity-resolver", reference_tls_url, UNREACHABLE)
    result = run_manifest(manifest)
    assert result.exit_code == 3
    outcomes = {p.id: p.outcome.value for p in result.report.profiles}
    assert outcomes == {"interfaces-core": "conformant", "identity-resolver": "incomplete"}
    assert any("api_b" in note for note in result.report.notes)


def test_a_manifest_without_claim_targets_plans_as_before(catalog, tmp_path: Path):
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(manifest_for(catalog, "identity-resolver", base_urls={"api": UNREACHABLE})))
    plan = make_plan(path, catalog)
    assert plan.profiles[0].targets == {} and plan.profiles[0].target_of("api") == "api"
    assert all(c.targets == () for r in plan.selected for c in plan.cases(r))


@pytest.mark.parametrize(("binding", "expected"), [
    ({"apii": "api_a"}, "$.profiles[0].targets.apii: profile interfaces-core has no target role 'apii'"
                        " (its roles: api)"),
    ({"api": "apia"}, "$.profiles[0].targets.api: the manifest has no target 'apia'"
                      " (did you mean api_a? its targets: api_a, api_b)"),
])
def test_a_bad_claim_target_is_one_line_naming_its_place(catalog, tmp_path: Path, binding, expected):
    manifest = _two_profiles(catalog, "interfaces-core", "identity-resolver", UNREACHABLE, UNREACHABLE)
    manifest["profiles"][0]["targets"] = binding
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(manifest))
    with pytest.raises(HarnessInputError) as raised:
        make_plan(path, catalog)
    assert expected in str(raised.value) and "\n" not in str(raised.value)


def test_a_claim_target_of_the_wrong_kind_is_refused(catalog, tmp_path: Path):
    manifest = manifest_for(catalog, "identity-document")
    manifest["targets"]["docs"] = {"adapter": "http", "base_url": UNREACHABLE}
    manifest["profiles"][0]["targets"] = {"did_documents": "docs"}
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(manifest))
    with pytest.raises(HarnessInputError) as raised:
        make_plan(path, catalog)
    assert "$.targets.docs.adapter" in str(raised.value) and "needs a file target" in str(raised.value)
