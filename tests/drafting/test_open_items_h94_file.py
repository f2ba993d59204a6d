"""Issue 76, left open by the fortieth reading, part h94-file: two readers went past the shared reader of a target's
files (``adapters/file.readable``). TD-HOLO-003 read its sweeps with ``read_bytes``, so a sweep over ``max_file_bytes``
failed the case under no rule; the IFC model cases (SC-BIM-001's R3, SC-BIM-002 to -004, and the view cases) opened
the model by path, uncapped. Each now leaves a refused file unjudged, naming it, and SC-BIM-002 to -004's inconclusive
lines say so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from conformance import Inconclusive
from conformance._record.evidence import Evidence, recording
from conformance.adapters import AdapterContext
from conformance.adapters.file import FileAdapter
from tests.drafting.test_spec_leftovers_fortieth_cREF import REFUSAL, _adapter, _suite, _unjudged_only
from tests.drafting.test_spec_sixteenth_reading import _cases
from tests.paths import ROOT

SAMPLES = ROOT / "src" / "conformance" / "reference" / "samples"
MODEL = SAMPLES / "bim_models" / "reference-view.ifc"
IDS = SAMPLES / "information_requirements" / "handover.ids"


def _model_in(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(MODEL, tmp_path / "data" / "model.ifc")


# TD-HOLO-003: the sweeps


def test_a_sweep_refused_over_the_cap_is_unjudged(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    rows = "".join(f"{a},0.1,{max(0.0, 100 - abs(a + 5) * 20):g},{max(0.0, 100 - abs(a - 5) * 20):g}\n"
                   for a in range(-15, 16))
    (tmp_path / "data" / "sweep.csv").write_text("angle_deg,black,view_0,view_1\n" + rows)
    holographic = _suite("suite_holographic_h94", "suites/terminal/test_holographic.py")
    declared = {"views": {"horizontal": 2}, "max_crosstalk_percent": 20, "view_cone_deg": {"horizontal": 20}}
    monkeypatch.setattr(holographic, "_the_declaration", lambda targets, schemas: declared)
    params = SimpleNamespace(max_crosstalk_percent=25, view_cone_tolerance=0.15)
    sweeps, evidence = _adapter(tmp_path, max_file_bytes=100), Evidence()
    with recording(evidence), pytest.raises(Inconclusive):  # no sweep judged
        holographic.test_measured_crosstalk_and_viewing_zones({"sweeps": sweeps}, None, evidence, params)
    _unjudged_only(evidence, "sweep.csv")


# SC-BIM: the model, read within the cap


@pytest.fixture
def city_models():
    pytest.importorskip("ifcopenshell")
    return _suite("suite_city_models_h94", "suites/scenes/test_city_models.py")


@pytest.mark.parametrize("check", ["test_ifc_schema_valid", "test_ifc_georeferenced",
                                   "test_ifc_information_requirements"])
def test_an_ifc_model_refused_over_the_cap_is_unjudged_in_every_model_case(tmp_path, city_models, check):
    _model_in(tmp_path)
    (tmp_path / "ids").mkdir()
    shutil.copy(IDS, tmp_path / "ids" / "handover.ids")
    if check == "test_ifc_information_requirements":
        pytest.importorskip("ifctester")
    targets = {"bim_models": _adapter(tmp_path, max_file_bytes=100), "information_requirements": FileAdapter(
        "ids", {"adapter": "file", "paths": ["ids/*"]}, AdapterContext(tmp_path / "m.yaml", {}))}
    evidence = Evidence()
    with recording(evidence):
        getattr(city_models, check)(targets, evidence)
    _unjudged_only(evidence, "model.ifc")


def test_an_ifc_model_over_the_cap_has_its_header_judged_and_its_data_section_unjudged(tmp_path, city_models):
    _model_in(tmp_path)
    evidence = Evidence()
    with recording(evidence):
        city_models.test_ifc_header({"bim_models": _adapter(tmp_path, max_file_bytes=100)}, evidence)
    _unjudged_only(evidence, "model.ifc")
    assert "IFC4" in str(evidence.items)  # the header was read: its schema noted


def test_an_ifc_model_linked_out_of_its_folder_is_refused_and_unjudged(tmp_path, city_models):
    (tmp_path / "data").mkdir()
    shutil.copy(MODEL, tmp_path / "outside.ifc")
    os.symlink(tmp_path / "outside.ifc", tmp_path / "data" / "linked.ifc")
    evidence = Evidence()
    with recording(evidence):
        city_models.test_ifc_schema_valid({"bim_models": _adapter(tmp_path)}, evidence)
    _unjudged_only(evidence, "linked.ifc")


def test_a_model_under_the_cap_is_judged_as_before(tmp_path, city_models):
    _model_in(tmp_path)
    evidence = Evidence()
    with recording(evidence):
        city_models.test_ifc_schema_valid({"bim_models": _adapter(tmp_path)}, evidence)
    assert evidence.findings_count == 0 and not evidence.unjudged_inputs


def test_the_model_case_reading_refused_files_names_the_state(zh_markdown, en_markdown):
    """SC-BIM-003 is the stable one of the three (SC-BIM-002 and -004 are candidates, their entries carry the
    same flag)."""
    assert REFUSAL in _cases(zh_markdown)["SC-BIM-003"]
    assert "max_file_bytes" in _cases(en_markdown)["SC-BIM-003"]
