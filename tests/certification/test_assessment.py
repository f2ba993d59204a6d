"""Manual requirements are decided by assessment records (``--assessment FILE``)."""

from __future__ import annotations

import orjson
import pytest
import yaml

from conformance import HarnessInputError, Verdict, load_catalog, run
from conformance.certification.attestation import generate_keys, load_public_key
from conformance.certification.verify import Rejected, verify
from tests.minicatalog import PROFILE, REQUIREMENT, write_catalog

MANUAL = {**REQUIREMENT, "id": "ID-DOC-950", "testing": "manual",
          "title": {"en": "A person checks the consent screen", "zh": "人工检查同意界面"}}


@pytest.fixture
def setup(tmp_path):
    profile = {**PROFILE, "requirements": ["ID-DOC-901", "ID-DOC-950"]}
    catalog = load_catalog(write_catalog(tmp_path / "catalog", [REQUIREMENT, MANUAL], profile=profile))
    (tmp_path / "data.json").write_text("{}")
    manifest = tmp_path / "m.yaml"
    manifest.write_text(yaml.safe_dump({
        "product": {"name": "Mini", "version": "1"}, "profiles": ["mini"],
        "targets": {"files": {"adapter": "file", "paths": ["data.json"]}},
    }))
    (tmp_path / "screen.png").write_bytes(b"\x89PNG not really")
    return catalog, manifest


def _assessment(tmp_path, **changes):
    record = {
        "requirement": "ID-DOC-950", "product": {"name": "Mini", "version": "1"},
        "assessor": {"name": "Li Wei", "organisation": "Shanghai Test Lab", "id": "STL-0042"},
        "date": "2026-11-20", "verdict": "pass",
        "reasoning": "The consent screen names every purpose before any data is collected.",
        "evidence": [{"file": "screen.png", "description": "the consent screen"}], **changes,
    }
    path = tmp_path / "assessment.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True))
    return path


def test_without_an_assessment_a_manual_requirement_needs_one(setup, tmp_path):
    catalog, manifest = setup
    result = run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json"])
    by_id = {r.requirement: r for r in result.report.requirements}
    assert by_id["ID-DOC-950"].verdict is Verdict.INCONCLUSIVE
    assert "needs assessment" in by_id["ID-DOC-950"].message
    assert result.exit_code == 3


def test_an_assessment_decides_it_and_the_report_says_who(setup, tmp_path):
    catalog, manifest = setup
    result = run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json", "html"],
                 assessments=[_assessment(tmp_path)])
    assert result.exit_code == 0
    decided = {r.requirement: r for r in result.report.requirements}["ID-DOC-950"]
    assert decided.verdict is Verdict.PASS
    assert "Li Wei (Shanghai Test Lab) on 2026-11-20" in decided.message
    report = orjson.loads((tmp_path / "o" / "report.json").read_bytes())
    (entry,) = [r for r in report["requirements"] if r["requirement"] == "ID-DOC-950"]
    assert entry["assessment"]["assessor"]["name"] == "Li Wei"
    assert entry["assessment"]["evidence"][0]["file"] == "screen.png"
    assert len(entry["assessment"]["evidence"][0]["sha256"]) == 64
    assert "Li Wei" in (tmp_path / "o" / "report.html").read_text()


def test_a_failing_assessment_makes_the_product_not_conformant(setup, tmp_path):
    catalog, manifest = setup
    result = run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json"],
                 assessments=[_assessment(tmp_path, verdict="fail", reasoning="Purposes are hidden.")])
    assert result.exit_code == 1
    assert result.report.profiles[0].blocking == ["ID-DOC-950"]


@pytest.mark.parametrize(("changes", "says"), [
    ({"requirement": "ID-DOC-901"}, "ID-DOC-901 is tested automated, not manual"),
    ({"requirement": "ID-DOC-999"}, "unknown requirement 'ID-DOC-999'"),
    ({"product": {"name": "Other", "version": "1"}}, "assesses Other 1, the manifest is Mini 1"),
    ({"evidence": [{"file": "missing.png"}]}, r"at \$\.evidence\[0\]\.file: missing.png does not exist"),
    ({"verdict": "great"}, r"at \$\.verdict"),
])
def test_a_bad_assessment_is_one_line_of_bad_input(setup, tmp_path, changes, says):
    catalog, manifest = setup
    with pytest.raises(HarnessInputError, match=says):
        run(manifest, catalog=catalog, out_dir=tmp_path / "o", assessments=[_assessment(tmp_path, **changes)])


def test_assessment_files_are_signed_subjects(setup, tmp_path):
    catalog, manifest = setup
    generate_keys(tmp_path / "key")
    run(manifest, catalog=catalog, out_dir=tmp_path / "o", formats=["json"], assessments=[_assessment(tmp_path)],
        sign=tmp_path / "key")
    trusted = [load_public_key(tmp_path / "key.pub")]
    verified = verify(tmp_path / "o", trusted)
    kinds = {s["name"]: s["annotations"]["kind"] for s in verified.statement["subject"]}
    assert kinds["assessment.yaml"] == "assessment" and kinds["screen.png"] == "assessment-evidence"
    (tmp_path / "screen.png").write_bytes(b"\x89PNG another picture")
    with pytest.raises(Rejected, match="subject screen.png does not match its signed sha256"):
        verify(tmp_path / "o", trusted)
