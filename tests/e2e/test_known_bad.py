"""Every conformance test can fail: each known-bad case makes its requirement fail."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from conformance import load_catalog
from conformance._catalog.model import Testing
from conformance._io.yamlload import Loader
from conformance.reference.tls import UNVERIFIABLE
from tests.conftest import manifest_for, verdicts
from tests.paths import ROOT

SUITES = ROOT / "suites"
CASES: dict[str, list[dict]] = {}
for _file in sorted(SUITES.glob("*/known_bad.yaml")):
    # libyaml's safe loader where present (as the catalog reads YAML): at collection, in every worker
    for _req, _cases in (yaml.load(_file.read_bytes(), Loader=Loader) or {}).items():  # noqa: S506 - a safe loader
        CASES.setdefault(_req, []).extend(_cases)


def _cases() -> list[tuple[str, int, dict]]:
    return [(req, i, case) for req, cases in CASES.items() for i, case in enumerate(cases)]


def test_every_automated_requirement_has_a_known_bad_case():
    catalog = load_catalog()
    automated = {r.id for r in catalog.requirements.values() if r.testing is Testing.AUTOMATED}
    missing = sorted(automated - set(CASES))
    assert not missing, f"automated requirements without a known-bad case in suites/<area>/known_bad.yaml: {missing}"
    unknown = sorted(set(CASES) - set(catalog.requirements))
    assert not unknown, f"known_bad.yaml names unknown requirements: {unknown}"


def _case_id(value: object) -> str:
    return "" if isinstance(value, dict) else str(value)


@pytest.mark.slow
@pytest.mark.parametrize(("requirement", "index", "case"), _cases(), ids=_case_id)
def test_known_bad_case_fails_its_requirement(requirement, index, case, catalog, serve_reference, run_manifest):
    if case.get("requires") and shutil.which(case["requires"]) is None:
        pytest.skip(f"needs {case['requires']} on PATH")
    profile = catalog.profile(case["profile"])
    # `defects` are planted in every HTTP role's reference; `role_defects` per role. Served over
    # TLS, as a product is (IF-TLS-001), the test CA named in the manifest; `plain-http` serves http.
    base_urls = {
        role: serve_reference(case.get("role_defects", {}).get(role, case.get("defects", [])), tls=True)
        for role, spec in profile.targets.items() if spec.kind == "http"
    }
    manifest = manifest_for(
        catalog, case["profile"], base_urls=base_urls, files=case.get("files"),
        features=case.get("features"), parameters=case.get("parameters"), product=case.get("product"),
    )
    for role in base_urls:  # a certificate no client verifies: the rest is judged without verifying
        if UNVERIFIABLE & set(case.get("role_defects", {}).get(role, case.get("defects", []))):
            manifest["targets"][role]["verify_tls"] = False
    result = run_manifest(manifest, requirements=[requirement])
    found = verdicts(result)
    assert found.get(requirement) == "fail", (
        f"{requirement} should fail on {case}, got {found.get(requirement)}: "
        f"{[r.message for r in result.report.requirements]}"
    )
    if case.get("finding"):  # the failure is the intended rule's, not some other one
        record = next(r for r in result.report.requirements if r.requirement == requirement)
        findings = [item for item in record.evidence if item.get("kind") == "finding"]
        text = json.dumps([record.message, findings], default=str, ensure_ascii=False).lower()
        assert case["finding"].lower() in text, (
            f"{requirement} failed on {case}, but not with {case['finding']!r}: {text[:2000]}"
        )
    # A failure at a level the pass rule requires makes the product not conformant (exit 1);
    # a failed SHOULD is reported, not fatal, and a run cut to one requirement is partial:
    # never conformant, so it could not complete a judgement of the profile (exit 3).
    required = catalog.requirement(requirement).level in profile.pass_rule.require
    assert result.exit_code == (1 if required else 3)
