"""Issue 76, left open by the fortieth reading, parts h94-own and h94-file; part h94-reads. Files a case reads past
the shared reader (``adapters/file.readable()/opened()``): a refused file was a finding under a rule (AS-AIGC-008,
-009, -011's frames and label images), a finding under no rule (AS-USD-012's glTF and USD files), or ended the case
inconclusive without naming the file, the other inputs unjudged (DP-LABEL-005's texts, DP-DIST-001's distribution
files, DP-QUAL-001's image listing). Each now leaves the file unjudged and named, the others judged, and the cases'
inconclusive lines say so (``refused_unjudged``)."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conformance import Inconclusive
from conformance._record.evidence import Evidence, recording
from conformance.drafting.testcases import case_for
from conformance.drafting.writer import load_data
from tests.drafting.test_spec_leftovers_fortieth_cREF import REFUSAL, _adapter, _suite, _unjudged_only
from tests.paths import ROOT

DATA = ROOT / "src" / "conformance" / "reference" / "samples" / "data_products"
REFUSED = ("AS-AIGC-008", "AS-AIGC-009", "AS-AIGC-011", "AS-USD-012", "DP-LABEL-005", "DP-DIST-001", "DP-QUAL-001")


def _outside(folder: Path, name: str) -> None:
    """``folder/name`` made a link to a copy outside the folder the target declares (refused when read)."""
    outside = folder.parent / f"outside-{name}"
    outside.write_bytes((folder / name).read_bytes())
    (folder / name).unlink()
    (folder / name).symlink_to(outside)


def _run(run_manifest: Any, folder: Path) -> Any:
    return run_manifest({"product": {"name": "P", "version": "1"},
                         "profiles": [{"id": "data-products", "features": ["labelling-provenance"]}],
                         "targets": {"data_products": {"adapter": "file", "paths": [str(folder / "*")]}}})


@pytest.mark.parametrize(("name", "requirement"), [("street-scenes-captions.txt", "DP-LABEL-005"),
                                                   ("street-scenes-images.csv", "DP-DIST-001"),
                                                   ("street-scenes-images.csv", "DP-QUAL-001")])
def test_a_data_products_file_refused_is_unjudged_and_named(tmp_path, run_manifest, name, requirement):
    folder = tmp_path / "product"
    shutil.copytree(DATA, folder)
    _outside(folder, name)
    test = next(t for t in _run(run_manifest, folder).report.tests if requirement in t.requirements)
    assert test.verdict.value == "inconclusive", test.message  # nothing else fails: the file is the one left
    unjudged = [e for e in test.evidence if e.get("unjudged")]
    assert [e["file"] for e in unjudged] == [f"product/{name}"] and not any(e["kind"] == "finding"
                                                                           for e in test.evidence)


# AS-AIGC-008, -009, -011: the frames, label images and content files a generated asset's metadata names


def test_a_frame_or_label_image_refused_is_unjudged_not_a_finding_under_the_rule(tmp_path):
    perceived = _suite("suite_perceived_h94_reads", "suites/assets/test_generated_perceived.py")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "frame.png").write_bytes(b"\x89PNG" + bytes(200))
    files, evidence = _adapter(tmp_path, max_file_bytes=100), Evidence()
    with recording(evidence):
        read = perceived._read(files, evidence, tmp_path / "data", "frame.png", tmp_path / "data",
                               "/explicit_label/image", "R1")
    assert read is None
    _unjudged_only(evidence, "frame.png")


# AS-USD-012: the glTF and USD files of a pair


@pytest.mark.parametrize("refused", ["box.gltf", "box.usda"])
def test_a_pairs_file_refused_is_unjudged_not_a_finding_under_no_rule(tmp_path, refused):
    pytest.importorskip("numpy")
    usd = _suite("suite_usd_h94_reads", "suites/assets/test_usd.py")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "box.gltf").write_text('{"asset": {"version": "2.0"}}')
    (tmp_path / "data" / "box.usda").write_text("#usda 1.0\n")
    _outside(tmp_path / "data", refused)
    evidence = Evidence()
    with recording(evidence), pytest.raises(Inconclusive):  # no pair compared
        usd.test_gltf_and_usd_exports_of_one_asset_agree({"asset_pairs": _adapter(tmp_path)}, evidence,
                                                         SimpleNamespace(pair_bbox_tolerance=0.01))
    _unjudged_only(evidence, refused)


# the texts: every case above says a refused file is unjudged (candidates among them: their cases as generated)


@pytest.mark.parametrize("requirement", REFUSED)
def test_each_case_reading_refused_files_says_so(catalog, requirement):
    procedure = load_data(catalog).procedures.get(requirement)
    assert procedure and procedure.get("refused_unjudged"), requirement
    zh = case_for(catalog, catalog.requirements[requirement], "zh", procedure).criteria[3]
    en = case_for(catalog, catalog.requirements[requirement], "en", procedure).criteria[3]
    assert REFUSAL in zh and "max_file_bytes" in en
