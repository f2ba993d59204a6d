"""A batch of bad models: every failing file shows its own findings (the validator's codes and
pointers), and the HTML links from the requirement's summary to each failing file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conformance.report.html import anchor
from tests.conftest import manifest_for
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "assets" / "fixtures" / "3d"
BAD = ["accessor-overflow.gltf", "buffer-length-mismatch.gltf", "index-out-of-range.gltf", "matrix-and-trs.gltf",
       "no-version.gltf", "not-json.gltf", "required-not-used.gltf", "rotation-not-unit.gltf", "truncated.glb"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory, catalog):
    import yaml

    from conformance._run.engine import run

    root = tmp_path_factory.mktemp("models")
    manifest = manifest_for(catalog, "asset-3d-content", files={"models": [f"3d/{n}" for n in BAD]}, features=[])
    (root / "m.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return run(root / "m.yaml", catalog=catalog, out_dir=root / "out", formats=["json", "html"],
               requirements=["AS-GLTF-001"]), root / "out"


def test_every_failing_model_has_its_validator_findings(batch):
    result, _ = batch
    (requirement,) = result.report.requirements
    assert requirement.verdict.value == "fail"
    findings = [item for item in requirement.evidence if item["kind"] == "finding"]
    assert {Path(item["file"]).name for item in findings} == set(BAD)
    by_file = {Path(item["file"]).name: item for item in findings}
    assert by_file["rotation-not-unit.gltf"]["check"] == "ROTATION_NON_UNIT"  # AS-GLTF-001 defines no rules
    assert by_file["rotation-not-unit.gltf"]["pointer"] == "/nodes/0/rotation"


def test_the_html_links_each_failing_file_to_its_evidence(batch):
    result, out = batch
    html = (out / "report.html").read_text(encoding="utf-8")
    names = {item["file"] for item in result.report.requirements[0].evidence if item["kind"] == "finding"}
    for name in names:
        target = anchor("AS-GLTF-001", name)
        assert f'href="#{target}"' in html and f'id="{target}"' in html
    assert len(set(re.findall(r'href="#(ev-AS-GLTF-001-[0-9a-f]+)"', html))) == len(BAD)


@pytest.mark.parametrize(("parameters", "verdict"), [
    ({}, "pass"),  # the standard's budget (issue 63: no threshold left unset)
    ({"max_triangles": 1, "max_vertices": 3, "max_draw_calls": 1, "max_model_bytes": 2000}, "pass"),
    ({"max_triangles": 1, "max_vertices": 2}, "fail"),
])
def test_budgets_are_the_standards_numbers_a_manifest_may_lower(catalog, run_manifest, parameters, verdict):
    from tests.conftest import verdicts

    manifest = manifest_for(catalog, "asset-3d-content", files={"models": ["3d/warning-incompatible-mode.gltf"]},
                            features=[], parameters=parameters or None)
    assert verdicts(run_manifest(manifest, requirements=["AS-GLTF-003"])) == {"AS-GLTF-003": verdict}
