"""SC-BIM-008 R2 on type objects: IFC2x3 defines no template types, so a type object carries the
sets its occurrences may carry (IfcTypeObject.HasPropertySets, IFC2x3 TC1); IFC4 keeps the
template type, so an occurrence-driven set on a type object stays a finding."""

from __future__ import annotations

import importlib.util
from functools import cache
from typing import Any

import pytest

from conformance.areas.scenes import ifc, ifc_psets
from tests.paths import ROOT

guid = pytest.importorskip("ifcopenshell.guid", reason="the bim extra")

FIXTURES = ROOT / "suites" / "scenes" / "fixtures"


@cache
def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bim_view_constraints", FIXTURES / "bim_view_constraints.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _type_with_set(model: Any, type_class: str, set_name: str) -> Any:
    owner = (model.by_type("IfcOwnerHistory") or [None])[0]
    pset = model.createIfcPropertySet(guid.new(), owner, set_name, None, [])
    attributes = {"GlobalId": guid.new(), "OwnerHistory": owner, "Name": "type", "HasPropertySets": [pset]}
    if type_class.endswith("Style"):  # IfcDoorStyle / IfcWindowStyle: operation and construction types
        attributes |= {"OperationType": "NOTDEFINED", "ConstructionType": "NOTDEFINED",
                       "ParameterTakesPrecedence": False, "Sizeable": False}
    else:
        attributes["PredefinedType"] = "NOTDEFINED"
    return model.create_entity(type_class, **attributes)


def _applicability(model: Any) -> list[str]:
    return [f.message for f in ifc_psets.standard_sets(model) if f.rule == "R2"]


@pytest.mark.parametrize(("type_class", "set_name"), [
    ("IfcSlabType", "Pset_SlabCommon"),
    ("IfcWallType", "Pset_WallCommon"),  # applicable to IfcWall and IfcWallStandardCase
    ("IfcDoorStyle", "Pset_DoorCommon"),  # IFC2x3's door type is a style
    ("IfcColumnType", "Pset_QuantityTakeOff"),  # IfcElement: a column is an element
    ("IfcBeamType", "Pset_ProductRequirements"),  # IfcProduct
    ("IfcWindowStyle", "Pset_ManufacturerTypeInformation"),  # IfcElement
])
def test_an_ifc2x3_type_object_carries_its_occurrences_common_set(type_class, set_name):
    model = _generator().coordination_view()
    _type_with_set(model, type_class, set_name)
    assert _applicability(model) == []


@pytest.mark.parametrize(("type_class", "set_name"), [
    ("IfcSlabType", "Pset_WallCommon"),
    ("IfcWallType", "Pset_DoorCommon"),
    ("IfcDoorStyle", "Pset_SlabCommon"),
    ("IfcSpaceType", "Pset_QuantityTakeOff"),  # a space is no element
])
def test_an_ifc2x3_type_object_with_another_classes_set_fails(type_class, set_name):
    model = _generator().coordination_view()
    kind = _type_with_set(model, type_class, set_name)
    [message] = _applicability(model)
    assert f"{set_name} is assigned to #{kind.id()} {type_class}" in message


def test_an_ifc2x3_type_only_set_on_an_occurrence_still_fails():
    # Pset_FurnitureTypeCommon applies to IfcFurnitureType alone (PSE001's table says the same)
    model = _generator().coordination_view()
    owner = model.by_type("IfcOwnerHistory")[0]
    wall = model.by_type("IfcWall")[0]
    pset = model.createIfcPropertySet(guid.new(), owner, "Pset_FurnitureTypeCommon", None, [])
    model.createIfcRelDefinesByProperties(guid.new(), owner, None, None, [wall], pset)
    [message] = _applicability(model)
    assert "Pset_FurnitureTypeCommon" in message


@pytest.mark.parametrize(("entity", "applies"), [("IfcWall", True), ("IfcSpace", False)])
def test_a_module_prefixed_ifc2x3_definition_names_its_classes(entity, applies):
    # IfcOpenShell's IFC2X3 Pset_ConcreteElementGeneral reads "IFCSHAREDBLDGELEMENTS/IfcBeam,...";
    # the module is no class and no predefined type
    model = _generator().coordination_view()
    owner = model.by_type("IfcOwnerHistory")[0]
    pset = model.createIfcPropertySet(guid.new(), owner, "Pset_ConcreteElementGeneral", None, [])
    model.createIfcRelDefinesByProperties(guid.new(), owner, None, None, [model.by_type(entity)[0]], pset)
    assert (_applicability(model) == []) == applies


def test_an_ifc4_occurrence_driven_set_on_a_type_object_still_fails():
    # IFC4's Pset_ManufacturerOccurrence is PSET_OCCURRENCEDRIVEN: an occurrence's set only
    model = _generator().bim_views.reference_view()
    kind = _type_with_set(model, "IfcWallType", "Pset_ManufacturerOccurrence")
    [message] = _applicability(model)
    assert f"#{kind.id()} IfcWallType" in message
    model = _generator().coordination_view()
    _type_with_set(model, "IfcWallType", "Pset_ManufacturerOccurrence")
    assert _applicability(model) == []


def test_an_ifc4_type_driven_set_on_its_type_object_passes():
    model = _generator().bim_views.reference_view()
    _type_with_set(model, "IfcSlabType", "Pset_SlabCommon")
    assert _applicability(model) == []


def test_the_ifc2x3_known_bad_fixture_reports_the_wall_set_on_the_slab_type_only():
    model = ifc.model_of((FIXTURES / "bim" / "coordination-view-type-set-misassigned.ifc").read_bytes())
    [message] = _applicability(model)
    assert "Pset_WallCommon" in message and "IfcSlabType" in message
