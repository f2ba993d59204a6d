"""Model view definitions of IFC files (conformance.areas.scenes.ifc_views, SC-BIM-005/006): the
header's ViewDefinition is read without any library and judged against buildingSMART's views of
the file's schema, each generated fixture (suites/scenes/fixtures/bim_views.py) breaks exactly its
rule, a Reference View file with its own extruded geometry keeps the view, any header bytes are
judged without raising, and SC-BIM-006 is not run (an error of the run) without IfcOpenShell."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.scenes import ifc, ifc_views
from tests.paths import ROOT

FIXTURES = ROOT / "suites" / "scenes" / "fixtures"
BUILDING = ROOT / "src" / "conformance" / "reference" / "samples" / "bim_models" / "building.ifc"


def _header(description: str, schema: str = "IFC4") -> bytes:
    return (f"ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION({description},'2;1');\n"
            f"FILE_NAME('a.ifc','2026-01-01T00:00:00',(''),(''),'','','');\n"
            f"FILE_SCHEMA(('{schema}'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n").encode()


@pytest.mark.parametrize(("description", "schema", "rules", "views"), [
    ("('ViewDefinition [ReferenceView_V1.2]')", "IFC4", [], ["ReferenceView"]),
    ("('ViewDefinition[DesignTransferView]')", "IFC4", [], ["DesignTransferView"]),
    ("('ViewDefinition [CoordinationView_V2.0, QuantityTakeOffAddOnView]','ExchangeRequirement [Architecture]')",
     "IFC2X3", [], ["CoordinationView", "QuantityTakeOffAddOnView"]),
    ("('ViewDefinition [CoordinationView]')", "IFC2X3", [], ["CoordinationView"]),
    ("('ViewDefinition [AlignmentBasedReferenceView]')", "IFC4X3_ADD2", [], ["AlignmentBasedReferenceView"]),
    # a long keyword continued in the next string, as the header guidelines allow
    ("('ViewDefinition [ReferenceView_V1.2, ','DesignTransferView]')", "IFC4", [],
     ["ReferenceView", "DesignTransferView"]),
    ("('Comment [no view]')", "IFC4", ["R1"], []),
    ("(())", "IFC4", ["R1"], []),
    ("('ViewDefinition []')", "IFC4", ["R1"], []),
    ("('ViewDefinition [CoordinationView_V2.0]')", "IFC4", ["R2"], []),
    ("('ViewDefinition [AlignmentBasedReferenceView]')", "IFC4", ["R2"], []),
    ("('ViewDefinition [notYetAssigned]')", "IFC4", ["R2"], []),
    ("('ViewDefinition [SpaceBoundary2ndLevelAddOnView]')", "IFC2X3", ["R2"],
     ["SpaceBoundary2ndLevelAddOnView"]),
])
def test_view_declarations(description, schema, rules, views):
    found, named = ifc_views.view_findings(_header(description, schema), schema)
    assert [f.rule for f in found] == rules
    assert named == views


def test_a_file_without_file_description_declares_no_view():
    found, named = ifc_views.view_findings(b"ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\n", "IFC4")
    assert [f.rule for f in found] == ["R1"] and named == []


def test_the_reference_building_declares_a_known_view():
    data = BUILDING.read_bytes()
    assert ifc_views.view_findings(data, "IFC4") == ([], ["DesignTransferView"])


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(sorted(ifc_views.VIEWS)))
def test_any_header_bytes_are_judged_without_raising(tail, schema):
    data = b"ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((" + tail
    found, named = ifc_views.view_findings(data, schema)
    assert all(f.rule in {"R1", "R2"} for f in found)
    assert set(named) <= set(ifc_views.VIEWS[schema])


@pytest.mark.parametrize(("fixture", "rule"), [
    ("view-not-declared", "R1"),
    ("view-of-another-schema", "R2"),
    ("reference-view-boolean", None),
])
def test_each_view_fixture_breaks_exactly_its_rule(fixture, rule):
    data = (FIXTURES / "bim" / f"{fixture}.ifc").read_bytes()
    assert ifc.header(data) == ([], "IFC4")
    assert [f.rule for f in ifc_views.view_findings(data, "IFC4")[0]] == ([rule] if rule else [])


def _generator():
    spec = importlib.util.spec_from_file_location("bim_views", FIXTURES / "bim_views.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_view_geometry(tmp_path):
    pytest.importorskip("ifcopenshell", reason="the bim extra")
    bad = ifc.model_of((FIXTURES / "bim" / "reference-view-boolean.ifc").read_bytes())
    [finding] = ifc_views.reference_view_geometry(bad)
    assert finding.rule is None and finding.extra["check"] == "reference-view-geometry"
    assert "IfcBooleanClippingResult" in finding.message
    assert "Clipping" in finding.message
    good = tmp_path / "reference-view.ifc"
    _generator().reference_view().write(str(good))
    assert ifc_views.reference_view_geometry(ifc.model_of(good.read_bytes())) == []


def test_the_generator_writes_the_committed_fixtures(tmp_path):
    pytest.importorskip("ifcopenshell", reason="the bim extra")
    for name, model in _generator().fixtures().items():
        model.write(str(tmp_path / name))
        assert (tmp_path / name).read_bytes() == (FIXTURES / "bim" / name).read_bytes(), name


def _claim(run_manifest, path: Path):
    claim = {"id": "scene-ifc", "features": ["model-view"]}
    result = run_manifest({"product": {"name": "t", "version": "1"}, "profiles": [claim],
                           "targets": {"bim_models": {"adapter": "file", "paths": [str(path)]}}})
    return {r.requirement: r for r in result.report.requirements}


def test_a_reference_view_file_keeping_the_view_passes_in_a_run(tmp_path, run_manifest):
    pytest.importorskip("ifcopenshell", reason="the bim extra")
    good = tmp_path / "reference-view.ifc"
    _generator().reference_view().write(str(good))
    judged = _claim(run_manifest, good)
    assert judged["SC-BIM-005"].verdict.value == "pass" and judged["SC-BIM-006"].verdict.value == "pass"


def test_a_design_transfer_view_file_is_not_judged_for_reference_view_geometry(run_manifest):
    judged = _claim(run_manifest, BUILDING)
    assert judged["SC-BIM-005"].verdict.value == "pass"
    assert judged["SC-BIM-006"].verdict.value == "not_applicable"


@pytest.mark.parametrize(("view", "schema", "declares"), [
    ("ReferenceView_V1.2", "IFC4", True), ("ReferenceView", "IFC4X3_ADD2", True),
    ("AlignmentBasedReferenceView", "IFC4X3_ADD2", True),
    ("AlignmentBasedReferenceView", "IFC4", False),   # no such IFC4 view: SC-BIM-005's finding
    ("ReferenceView_V1.2", "IFC2X3", False),          # no IFC2x3 Reference View either
    ("DesignTransferView", "IFC4", False),
    ("referenceview_V1.2", "IFC4", True),             # compared without case, as SC-BIM-005 does
])
def test_a_reference_view_file_is_one_whose_schema_has_the_view_it_declares(view, schema, declares):
    """SC-BIM-006 1.1: its statement names IFC4's Reference View 1.2 and IFC4.3's two."""
    assert ifc_views.declares_reference_view(_header(f"('ViewDefinition [{view}]')", schema)) is declares


def test_a_reference_view_in_a_schema_without_one_is_not_judged_for_its_geometry(tmp_path, run_manifest):
    """The Boolean fixture's header moved to IFC2X3: SC-BIM-005 fails it, SC-BIM-006 does not apply."""
    moved = tmp_path / "reference-view-boolean-ifc2x3.ifc"
    text = (FIXTURES / "bim" / "reference-view-boolean.ifc").read_text(encoding="utf-8")
    moved.write_text(text.replace("FILE_SCHEMA(('IFC4'));", "FILE_SCHEMA(('IFC2X3'));", 1), encoding="utf-8")
    judged = _claim(run_manifest, moved)
    assert judged["SC-BIM-005"].verdict.value == "fail"
    assert judged["SC-BIM-006"].verdict.value == "not_applicable"


def test_without_ifcopenshell_the_header_is_judged_and_the_geometry_not_run(monkeypatch, run_manifest):
    monkeypatch.setitem(sys.modules, "ifcopenshell", None)  # import fails as if not installed
    judged = _claim(run_manifest, FIXTURES / "bim" / "reference-view-boolean.ifc")
    assert judged["SC-BIM-005"].verdict.value == "pass"
    # 6.1's 未执行: an error of the run, not a verdict (sixty-fifth reading, c2)
    assert judged["SC-BIM-006"].verdict.value == "error" and ifc.INSTALL in judged["SC-BIM-006"].message


def test_a_view_name_in_another_case_is_judged_as_that_view(tmp_path, run_manifest):
    """SC-BIM-005 compares view names without case; the Reference View requirements (SC-BIM-006,
    007, 009, 010) take a file so declared as a Reference View file too, not as not applicable."""
    pytest.importorskip("ifcopenshell", reason="the bim extra")
    sample = ROOT / "src" / "conformance" / "reference" / "samples" / "bim_models" / "reference-view.ifc"
    lowered = tmp_path / "reference-view-lower-case.ifc"
    lowered.write_bytes(sample.read_bytes().replace(b"[ReferenceView_V1.2]", b"[referenceview_V1.2]", 1))
    assert lowered.read_bytes() != sample.read_bytes()
    judged = _claim(run_manifest, lowered)
    for requirement in ("SC-BIM-005", "SC-BIM-006", "SC-BIM-007", "SC-BIM-009", "SC-BIM-010"):
        assert judged[requirement].verdict.value == "pass", (requirement, judged[requirement].message)
