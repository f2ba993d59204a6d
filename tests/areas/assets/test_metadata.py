"""Metadata judged in layers: plain ERC metadata passes AS-META-002 and every platform finding
names its field, the profile and the requirement; verdicts where nothing applies."""

from __future__ import annotations

import pytest

from conformance._record.findings import Finding
from conformance.areas.assets import metadata
from tests.conftest import fixture_path, manifest_for, verdicts
from tests.paths import CORPORA

ERC = CORPORA / "assets" / "erc"
PLATFORM = {"AS-META-001": metadata.IDENTITY, "AS-META-003": metadata.RIGHTS, "AS-META-004": metadata.RULES}


def _erc_manifest(catalog, profile):
    manifest = manifest_for(catalog, profile)
    manifest["targets"]["asset_metadata"] = {"adapter": "file", "paths": [str(ERC / "**" / "*.json")]}
    return manifest


@pytest.mark.slow
def test_plain_erc_metadata_passes_the_erc_profile_unchanged(catalog, run_manifest):
    result = run_manifest(_erc_manifest(catalog, "asset-metadata-erc"))
    assert verdicts(result) == {"AS-META-002": "pass", "AS-META-006": "pass"}
    assert result.exit_code == 0


@pytest.mark.slow
def test_every_platform_finding_names_its_field_profile_and_requirement(catalog, run_manifest):
    result = run_manifest(_erc_manifest(catalog, "asset-metadata"))
    found = verdicts(result)
    assert found["AS-META-002"] == "pass"
    # plain ERC metadata carries none of the platform's members, which AS-META-001 and -003 permit (issue 76)
    assert found["AS-META-001"] == found["AS-META-003"] == "not_applicable"
    assert found["AS-CONT-001"] == "not_applicable"  # no content reference at all
    # beside it, metadata carrying them wrongly: the findings whose texts are read below
    manifest = _erc_manifest(catalog, "asset-metadata")
    manifest["targets"]["asset_metadata"]["paths"] += [str(fixture_path("assets", name)) for name in
                                                       ("metadata-issuer-not-did.json", "metadata-rights-not-vrm.json")]
    result = run_manifest(manifest)
    found = verdicts(result)
    assert found["AS-META-001"] == found["AS-META-003"] == "fail"
    for requirement in result.report.requirements:
        if requirement.requirement not in PLATFORM:
            continue
        for item in requirement.evidence:
            if item["kind"] != "finding":
                continue
            field = item["pointer"].split("/")[1]
            assert field in item["message"] and "asset-metadata" in item["message"], item
            assert requirement.requirement in item["message"], item


def test_schema_findings_go_to_the_requirement_owning_the_member():
    found = [Finding("7 is not of type 'string'", pointer="/issuer", extra={"check": "type"}),
             Finding("'x' is not one of [...]", pointer="/rights/commercial_usage", extra={"check": "enum"}),
             Finding("'asset_id' is a required property", pointer="", extra={"check": "required"})]
    data = {"issuer": 7, "rights": {"commercial_usage": "x"}}
    identity = metadata.platform_findings(data, found, metadata.IDENTITY, "AS-META-001", required=["asset_id"])
    assert [(f.pointer, f.requirement) for f in identity] == [("/asset_id", "AS-META-001"), ("/issuer", "AS-META-001")]
    assert identity[0].message == "asset_id is missing; the asset-metadata profile requires it (AS-META-001)"
    assert identity[1].rule is None and identity[1].extra["check"] == "type"  # AS-META-001 defines no rules
    rights = metadata.platform_findings(data, found, metadata.RIGHTS, "AS-META-003")
    assert [f.pointer for f in rights] == ["/rights/commercial_usage"]


@pytest.mark.parametrize(("stem", "ok"), [
    ("0" * 63 + "1", True), ("1", True), ("token-7", True),
    ("0" * 62 + "2A", False), ("0x" + "0" * 63 + "1", False)])
def test_eip1155_id_substitution_form_of_file_names(stem, ok):
    assert (metadata.erc_findings({}, [], stem) == []) is ok


@pytest.mark.slow
def test_no_transfer_rule_is_not_applicable(catalog, run_manifest, tmp_path):
    manifest = manifest_for(catalog, "asset-history",
                            files={"asset_metadata": ["metadata-no-required-members.json"]})
    found = verdicts(run_manifest(manifest, requirements=["AS-HIST-002"]))
    assert found == {"AS-HIST-002": "not_applicable"}
