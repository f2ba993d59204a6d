"""The sample manifests in examples/ stay valid, and secrets never reach a report."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conformance.engine import close_targets, open_targets, preflight
from conformance.plan import make_plan

from .conftest import manifest_for

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_manifest_is_valid_and_its_files_exist(path, catalog):
    plan = make_plan(path, catalog)
    adapters = open_targets(plan, {"PLATFORM_TOKEN": "example-token"})
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
