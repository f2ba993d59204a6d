"""The sample manifests in examples/ stay valid, and secrets never reach a report."""

from __future__ import annotations

import pytest
import yaml

from conformance._run.engine import close_targets, open_targets, preflight
from conformance._run.plan import make_plan
from tests.conftest import manifest_for
from tests.paths import ROOT
from tests.walkthroughs import run_as_written, sh_block

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
#: the credentials the examples read from the environment (real-product.yaml: docs/real-products.md)
EXAMPLE_ENV = {"PLATFORM_TOKEN": "example-token", "RESOLVER_USER": "vendor", "RESOLVER_PASSWORD": "example-password",
               "AGENT_CLIENT_ID": "harness", "AGENT_CLIENT_SECRET": "example-client-secret"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_manifest_is_valid_and_its_files_exist(path, catalog):
    plan = make_plan(path, catalog)
    adapters = open_targets(plan, EXAMPLE_ENV)
    try:
        files = {role: a for role, a in adapters.items() if a.kind == "file"}
        assert preflight(files) == {}
    finally:
        close_targets(adapters)


def test_bearer_token_is_sent_but_never_written(catalog, reference_url, run_manifest, tmp_path):
    secret = "tok-7f3a9c2e-never-in-a-report"
    manifest = manifest_for(catalog, "interfaces-core", base_urls={"api": reference_url})
    manifest["targets"]["api"]["auth"] = {"bearer_token_env": "ACME_TOKEN"}
    result = run_manifest(manifest, environ={"ACME_TOKEN": secret}, formats=["json", "junit", "html"])
    assert result.exit_code == 0
    exchanges = [e for r in result.report.requirements for e in r.evidence if e["kind"] == "http"]
    assert exchanges and all(e["request"]["headers"]["Authorization"] == "***" for e in exchanges)
    for written in result.files:
        assert secret not in written.read_text(encoding="utf-8")
    assert yaml.safe_load((tmp_path / "manifest.yaml").read_text())["targets"]["api"]["auth"]


@pytest.mark.slow
def test_the_certification_example_runs_as_written(tmp_path):
    """examples/certification/README.md's commands, as written, in the working folder
    `conformance programme init` makes: the run is conformant, verify certifies it (exit 0),
    every path the README names for the relying party exists, and the checkout is untouched."""
    readme = (ROOT / "examples" / "certification" / "README.md").read_text(encoding="utf-8")
    home = tmp_path / "home"
    done = run_as_written(sh_block(readme), cwd=tmp_path, home=home)
    assert not list((ROOT / "examples").rglob("program.key*")), "the walkthrough left a key in the checkout"
    folder = home / "cert-walkthrough"
    for named in ("reports/cert", "program.key.pub", "certification/policy.yaml"):
        assert f"`{named}" in readme and (folder / named).exists(), named
    assert (folder / "reports" / "cert" / "report.json").is_file()
    assert "(terminal-hmd-6dof: conformant)" in done.stdout
    assert "not certified" not in done.stdout


def test_the_real_product_example_uses_what_a_real_product_needs(catalog):
    """examples/real-product.yaml (docs/real-products.md): two profiles at two targets, moved
    endpoints, Basic, a header, OAuth and a client certificate, the issuer's parameters."""
    plan = make_plan(ROOT / "examples" / "real-product.yaml", catalog)
    assert {p.profile.id: p.targets for p in plan.profiles} == {
        "identity-resolver": {"api": "resolver"}, "identity-credentials-api": {"api": "issuer"}}
    issuing = next(p for p in plan.profiles if p.profile.id == "identity-credentials-api")
    assert issuing.parameters["issuer"] == ["did:web:agent.example.com", "did:web:agent.example.com:hr"]
    adapters = open_targets(plan, EXAMPLE_ENV)
    try:
        assert set(adapters) == {"resolver", "issuer"}
        assert str(adapters["resolver"].url("/1.0/identifiers/did:web:agent.example.com")) == \
            "https://resolver.example.com/resolver/resolve/did:web:agent.example.com"
        assert str(adapters["issuer"].url("/credentials/issue")) == \
            "https://agent.example.com/admin/vc/di/credentials/issue"
        assert "example-password" in adapters["resolver"].secrets()
        assert "example-client-secret" in adapters["issuer"].secrets()
    finally:
        close_targets(adapters)
