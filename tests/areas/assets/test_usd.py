"""The asset-usd profile (issue 49): OpenUSD's validators, each claimed by exactly one requirement;
findings that carry the validator, the prim and the layer; inconclusive without usd-core."""

from __future__ import annotations

import pytest

from conformance.areas._shared import openusd
from conformance.areas.assets import usd
from tests.conftest import manifest_for, verdicts
from tests.paths import ROOT

USD_REQUIREMENTS = [*usd.GROUPS, usd.WARNINGS, "AS-USD-010", "AS-USD-011"]
FEATURES = ["usdz", "physics", "asset-metadata", "generated-content"]
needs_usd = pytest.mark.skipif(not openusd.available(), reason="needs the extra usd (usd-core)")


def test_every_pinned_validator_belongs_to_exactly_one_requirement():
    pinned = openusd.PIN["validators"]
    claimed = [name for names in usd.GROUPS.values() for name in names]
    assert sorted(claimed) == sorted(pinned), set(claimed) ^ set(pinned)
    assert len(claimed) == len(set(claimed))
    assert usd.unmapped(pinned) == []


def test_the_profile_selects_every_usd_requirement(catalog):
    profile = catalog.profile("asset-usd")
    selected = set(profile.requirements) | {r for f in profile.features.values() for r in f.requirements}
    assert selected == set(USD_REQUIREMENTS)
    assert profile.features["usdz"].requirements == ["AS-USD-004"]
    assert profile.features["physics"].requirements == ["AS-USD-007"]
    assert profile.features["asset-metadata"].requirements == ["AS-USD-010"]
    assert profile.features["generated-content"].requirements == ["AS-USD-011"]


def test_the_extra_pins_the_version_the_catalog_records():
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = pyproject["project"]["optional-dependencies"]
    assert extras[openusd.PIN["extra"]] == [f"{openusd.PIN['package']}=={openusd.PIN['version']}"]
    assert any("usd" in item for item in extras["test"])


@needs_usd
def test_the_installed_openusd_is_the_pinned_one_with_its_validators(tmp_path):
    assert openusd.installed_version() == openusd.PIN["version"]
    judgement = openusd.check(
        openusd.HERE.parents[1] / "reference" / "samples" / "usd_assets" / "crate.usda")
    assert judgement.version == openusd.PIN["openusd"]
    assert judgement.validators == openusd.PIN["validators"]


def test_without_usd_core_every_requirement_is_inconclusive_naming_the_extra(monkeypatch, catalog, run_manifest):
    monkeypatch.setattr(openusd, "available", lambda: False)
    result = run_manifest(manifest_for(catalog, "asset-usd", features=FEATURES))
    found = verdicts(result)
    assert {req: found[req] for req in USD_REQUIREMENTS} == dict.fromkeys(USD_REQUIREMENTS, "inconclusive")
    for record in result.report.requirements:
        assert "pip install '.[usd]' in a clone" in record.message


@needs_usd
def test_the_reference_samples_pass(catalog, run_manifest):
    result = run_manifest(manifest_for(catalog, "asset-usd", features=FEATURES))
    assert verdicts(result) == dict.fromkeys(USD_REQUIREMENTS, "pass")
    assert result.exit_code == 0


@needs_usd
def test_a_finding_names_the_validator_the_prim_and_the_layer(catalog, run_manifest):
    result = run_manifest(manifest_for(catalog, "asset-usd", files={"usd_assets": ["usd/attribute-type.usda"]}),
                          requirements=["AS-USD-003"])
    record = next(r for r in result.report.requirements if r.requirement == "AS-USD-003")
    finding = next(item for item in record.evidence if item.get("kind") == "finding")
    assert finding["check"] == "usdValidation:AttributeTypeMismatch" and "rule" not in finding  # no rules
    assert finding["prim"] == "/Crate/Box.points"
    assert finding["layer"].endswith("attribute-type.usda")
    assert "Expected attribute type is 'point3f[]'" in finding["message"]


@needs_usd
def test_a_default_prim_below_the_root_fails_though_openusd_composes_it(catalog, run_manifest):
    """AS-USD-002 asks a root prim as the default prim; OpenUSD 26's StageMetadataChecker passes
    defaultPrim = "Crate/Box" (it resolves the path), so the harness holds the statement itself."""
    result = run_manifest(manifest_for(catalog, "asset-usd", files={"usd_assets": ["usd/default-prim-nested.usda"]}),
                          requirements=["AS-USD-002"])
    assert verdicts(result) == {"AS-USD-002": "fail"}
    record = result.report.requirements[0]
    (finding,) = [item for item in record.evidence if item.get("kind") == "finding"]
    assert "rule" not in finding and finding["prim"] == "/Crate/Box"


def test_only_a_default_prim_below_the_root_is_a_finding():
    assert usd.default_prim_findings({"defaultPrim": "/Crate"}) == []
    assert usd.default_prim_findings({"defaultPrim": None}) == []  # none: the validator's finding
    assert [(f.rule, f.extra["prim"]) for f in usd.default_prim_findings({"defaultPrim": "/Crate/Box"})] == [
        (None, "/Crate/Box")]  # AS-USD-002 defines no rules


@needs_usd
def test_a_layer_package_without_usdz_leaves_the_packaging_requirement_not_applicable(catalog, run_manifest):
    result = run_manifest(manifest_for(catalog, "asset-usd", files={"usd_assets": ["usd/nested-gprim.usda"]}),
                          requirements=["AS-USD-004"])
    assert verdicts(result) == {"AS-USD-004": "not_applicable"}


def test_a_pair_is_compared_in_metres_y_up():
    from conformance.areas.assets import pairs

    gltf = {"names": ["Crate", "Box 1"], "meshes": 1, "materials": 1, "bounds": [[-0.5, 0.0, -0.5], [0.5, 1.0, 0.5]]}
    usd_side = {"names": ["Crate", "Box_1"], "meshes": 1, "materials": 1, "upAxis": "Y", "metersPerUnit": 0.01,
                "bounds": [[-50, 0, -50], [50, 100, 50]]}
    assert pairs.compare(usd_side, gltf, 0.01) == []
    z_up = {**usd_side, "upAxis": "Z", "bounds": [[-50, -50, 0], [50, 50, 100]]}  # the same box, Z up
    assert pairs.compare(z_up, gltf, 0.01) == []
    assert [f.extra["check"] for f in pairs.compare({**usd_side, "metersPerUnit": 1.0}, gltf, 0.01)] == ["bounds"]
    assert [f.extra["check"] for f in pairs.compare({**usd_side, "names": ["Crate"], "meshes": 2}, gltf, 0.01)] == [
        "names", "meshes"]
    assert pairs.usd_name("2 Box-A") == "_2_Box_A"
