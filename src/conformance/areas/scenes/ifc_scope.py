"""What a declared model view admits (SC-BIM-007 entity scope, SC-BIM-009 geometry).

**IFC4 Reference View 1.2.** buildingSMART publishes the view as mvdXML
(``ReferenceView_V1-2.mvdxml``, the file IfcOpenShell ships under ``ifcopenshell/mvd``). Its
``ConceptRoot`` elements name the entities the view exchanges, its concept templates'
``EntityRule`` elements the relationships, property definitions and geometry those concepts
use, and its ``TemplateRule`` parameters the types (``RelatingType=``), property sets
(``PsetName=``) and quantity sets (``QsetName=``) each root uses. :func:`extract` reads those
facts into a small JSON document, committed as ``mvd/reference_view_1_2.json`` (its source and
SHA-256 in ``mvd/SOURCES.md``; ``tests/areas/scenes/test_ifc_scope.py`` re-derives it from the
mvdXML where IfcOpenShell is installed). The checks read only that JSON.

* :func:`entity_scope` (SC-BIM-007): every rooted instance (object, type, relationship,
  property definition) is of an entity the view names; an abstract name in the view admits
  nothing by itself, so an instance's exact class is looked up.
* :func:`reference_view_body` (SC-BIM-009 R1): the items of every 'Body' shape representation
  are of the entities the view's Body and Mapped geometry concept templates list (or their
  subtypes). Boolean and CSG results are left to SC-BIM-006.
* The attribute values the view's concepts fix (SC-BIM-010) are ``ifc_values``': :func:`extract`
  adds what ``ifc_values.derive`` reads from the same mvdXML.

**IFC2x3 Coordination View 2.0.** Its geometry constraints that the data decides are
buildingSMART implementer agreements of the CV 2.0 certification: no B-spline curves
(CV-2x3-102), a solid 'Body' on an element with openings and on the openings (CV-2x3-164), a
'Body' on every door and window (CV-2x3-175), and a space's 'Body' as SweptSolid, Clipping or
Brep, a Brep body with a FootPrint beside it (CV-2x3-152): :func:`coordination_view_geometry`.

The Design Transfer View adds advanced B-rep, NURBS and CSG to the Reference View's geometry and
restricts nothing the schema allows, so it has no geometry rule here.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from conformance import Finding, msg

from . import ifc_values
from .ifc_types import Entity, Model, Value, entities, is_entity
from .view_data import MVDXML_NS as _NS
from .view_data import ReferenceView, reference_view

if TYPE_CHECKING:
    from ifcopenshell import ifcopenshell_wrapper
    from lxml import etree

MAX_NAMED = 10  # instances a finding names; a cap on evidence, not a requirement
#: SC-BIM-006 reports these in a Reference View file; SC-BIM-009 does not report them again
BOOLEAN_ITEMS = ("IfcBooleanResult", "IfcCsgSolid")
#: CV-2x3-164: 'SurfaceModel' geometry is not a true solid
SURFACE_MODELS = ("IfcShellBasedSurfaceModel", "IfcFaceBasedSurfaceModel")
SPACE_BODY_TYPES = {"SweptSolid", "Clipping", "Brep"}  # CV-2x3-152
_PARAMETER = re.compile(r"\b(RelatingType|PsetName|QsetName)=(\w+)")
_LABEL = re.compile(r"(Identifier|Type)\[Value\] = '(\w+)'")  # a template's constraint on a label
#: IFC4 IfcShapeRepresentation: the type of a representation of IfcMappedItem items. The view's
#: Mapped Geometry template (Items: IfcMappedItem, identifier and type left open) admits it under
#: any identifier; the mvdXML's concept parameters spell that type 'MappedItem'.
MAPPED = "MappedRepresentation"


# --- the view's data --------------------------------------------------------------------------

def extract(mvdxml: bytes) -> ReferenceView:
    """The facts of the IFC4 Reference View 1.2 mvdXML the checks use, as JSON-ready data."""
    import ifcopenshell
    from ifcopenshell import ifcopenshell_wrapper
    from lxml import etree

    # the mvdXML is a package file, not target output; it is still parsed without entities or network
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(mvdxml, parser)
    view = root.find(f".//{_NS}ModelView")
    schema = ifcopenshell.schema_by_name(view.get("applicableSchema"))

    def declared(name: str) -> ifcopenshell_wrapper.entity | None:
        """The entity ``name`` declares (None for a defined type, a select, an enumeration)."""
        try:
            found = schema.declaration_by_name(name)
        except (RuntimeError, IndexError):
            return None  # a name the schema does not have (the mvdXML has a typo or two)
        return found if isinstance(found, ifcopenshell_wrapper.entity) else None

    def is_a(declaration: ifcopenshell_wrapper.entity | None, ancestor: str) -> bool:
        while declaration is not None:
            if declaration.name() == ancestor:
                return True
            declaration = declaration.supertype()
        return False

    rooted: set[str] = set()
    types: set[str] = set()
    psets: dict[str, set[str]] = {}
    qsets: dict[str, set[str]] = {}
    for concept_root in root.iter(f"{_NS}ConceptRoot"):
        entity = concept_root.get("applicableRootEntity")
        parameters = [m for rule in concept_root.iter(f"{_NS}TemplateRule")
                      for m in _PARAMETER.findall(rule.get("Parameters") or "")]
        rooted.add(entity)
        types.update(value for key, value in parameters if key == "RelatingType")
        psets.setdefault(entity, set()).update(value for key, value in parameters if key == "PsetName")
        qsets.setdefault(entity, set()).update(value for key, value in parameters if key == "QsetName")
    named = {rule.get("EntityName") for rule in root.iter(f"{_NS}EntityRule")}
    scope = sorted(name for name in rooted | named | types
                   if (d := declared(name)) is not None and not d.is_abstract()
                   and is_a(d, "IfcRoot"))
    body: set[str] = set()
    for template in root.iter(f"{_NS}ConceptTemplate"):
        if not (template.get("name") or "").startswith(("Body", "Mapped Geometry")):
            continue
        for attribute in template.iter(f"{_NS}AttributeRule"):
            if attribute.get("AttributeName") != "Items":
                continue
            for rule in attribute.findall(f"{_NS}EntityRules/{_NS}EntityRule"):
                d = declared(rule.get("EntityName"))
                if d is not None and is_a(d, "IfcRepresentationItem"):
                    body.add(d.name())
    return {
        "view": "ReferenceView", "version": view.get("version"), "schema": view.get("applicableSchema"),
        "scope": scope,
        "body_items": sorted(body),
        "property_sets": {k: sorted(v) for k, v in sorted(psets.items()) if v},
        "quantity_sets": {k: sorted(v) for k, v in sorted(qsets.items()) if v},
        "representation_types": _representation_types(root),
        **ifc_values.derive(root),  # SC-BIM-010's attribute values
    }


def _representation_types(root: etree._Element) -> dict[str, list[str]]:
    """Per representation identifier the view's geometry templates fix, the representation types
    the view allows, where the view decides them.

    A template fixes an identifier or a type by a ``Constraint`` (``Identifier[Value] = 'Box'``),
    inherited by its sub-templates; a concept using the template may add pairs by its template
    rules (``Identifier=FootPrint;Type=Curve2D``). An identifier is kept only if a template
    constrains it (a concept's 'Surface' mapped item is no template's) and every concept
    using it fixes the type: 'Body' and 'Reference' are left out because the view's "... Geometry
    General" templates admit any type. Templates that constrain no identifier (CoG, Clearance,
    Mapped Geometry) are not about these identifiers.
    """
    fixed: dict[str, tuple[set[str], set[str]]] = {}

    def walk(template: etree._Element, inherited: dict[str, set[str]]) -> None:
        own: dict[str, set[str]] = {}
        for rules in template.findall(f"{_NS}Rules"):
            for constraint in rules.iter(f"{_NS}Constraint"):
                if m := _LABEL.fullmatch(constraint.get("Expression") or ""):
                    own.setdefault(m.group(1), set()).add(m.group(2))
        current = {**inherited, **own}
        fixed[template.get("uuid")] = (current.get("Identifier", set()), current.get("Type", set()))
        for sub in template.findall(f"{_NS}SubTemplates/{_NS}ConceptTemplate"):
            walk(sub, current)

    for template in root.findall(f"{_NS}Templates/{_NS}ConceptTemplate"):
        walk(template, {})
    types: dict[str, set[str]] = {}
    open_ended: set[str] = set()
    for concept in root.iter(f"{_NS}Concept"):
        reference = concept.find(f"{_NS}Template")
        identifiers, kinds = fixed.get((reference.get("ref") or "") if reference is not None else "", (set(), set()))
        for identifier in identifiers:
            if kinds:
                types.setdefault(identifier, set()).update(kinds)
            else:
                open_ended.add(identifier)
        for rule in concept.iter(f"{_NS}TemplateRule"):
            pairs = dict(kv.split("=", 1) for kv in (rule.get("Parameters") or "").split(";") if "=" in kv)
            if "Identifier" in pairs and "Type" in pairs:
                kind = MAPPED if pairs["Type"] == "MappedItem" else pairs["Type"]
                types.setdefault(pairs["Identifier"], set()).add(kind)
    constrained = {identifier for identifiers, _ in fixed.values() for identifier in identifiers}
    return {identifier: sorted(kinds) for identifier, kinds in sorted(types.items())
            if identifier in constrained and identifier not in open_ended}




# --- SC-BIM-007 -------------------------------------------------------------------------------

#: each kind of rooted instance -> the rule of SC-BIM-007 it falls under (R1 objects and types, R2
#: relationships and property definitions)
SCOPE_RULES = {"object": "R1", "type": "R1", "relationship": "R2", "property definition": "R2"}


def entity_scope(model: Model) -> list[Finding]:
    """SC-BIM-007 on an IFC4 model declaring the Reference View: the rooted instances whose
    class the view does not name, one finding per class (with a count and the first ids)."""
    scope = set(reference_view()["scope"])
    outside: dict[str, list[Entity]] = {}
    for instance in model.by_type("IfcRoot"):
        if instance.is_a() not in scope:
            outside.setdefault(instance.is_a(), []).append(instance)
    found = []
    for name, instances in sorted(outside.items()):
        kind = ("relationship" if instances[0].is_a("IfcRelationship") else
                "type" if instances[0].is_a("IfcTypeObject") else
                "property definition" if instances[0].is_a("IfcPropertyDefinition") else "object")
        named = [f"#{i.id()}" for i in instances[:MAX_NAMED]]
        found.append(Finding.of(msg("scenes.ifc-view-scope", entity=name, kind=kind, count=len(instances),
                                    ids=", ".join(named)),
                                pointer=named[0], actual=name, expected="an entity of the Reference View 1.2",
                                rule=SCOPE_RULES[kind]))
    return found


# --- SC-BIM-009 -------------------------------------------------------------------------------

def _representations(product: Entity, identifier: str) -> list[Entity]:
    shape: Value = getattr(product, "Representation", None)
    if not is_entity(shape):
        return []
    return [r for r in entities(shape.Representations) if r.is_a("IfcShapeRepresentation")
            and r.RepresentationIdentifier == identifier]


def reference_view_body(model: Model) -> list[Finding]:
    """SC-BIM-009 R1: 'Body' items of kinds the Reference View's body geometry lists."""
    allowed = tuple(reference_view()["body_items"])
    offending: Counter[str] = Counter()
    first: dict[str, int] = {}
    for representation in model.by_type("IfcShapeRepresentation"):
        if representation.RepresentationIdentifier != "Body":
            continue
        for item in entities(representation.Items):
            if any(item.is_a(kind) for kind in allowed + BOOLEAN_ITEMS):
                continue
            offending[item.is_a()] += 1
            first.setdefault(item.is_a(), item.id())
    return [Finding.of(msg("scenes.ifc-view-body-item", entity=name, count=count, first=f"#{first[name]}"),
                       pointer=f"#{first[name]}", actual=name, expected=list(allowed), rule="R1")
            for name, count in sorted(offending.items())]


def reference_view_representation_types(model: Model) -> list[Finding]:
    """SC-BIM-009 R6: a representation whose identifier the view fixes has a type the view gives."""
    allowed = reference_view()["representation_types"]
    found = []
    for representation in model.by_type("IfcShapeRepresentation"):
        identifier, kind = representation.RepresentationIdentifier, representation.RepresentationType
        if (not isinstance(identifier, str) or identifier not in allowed or kind in allowed[identifier]
                or kind == MAPPED):
            continue

        found.append(Finding.of(msg("scenes.ifc-view-representation-type", id=f"#{representation.id()}",
                                    identifier=identifier, type=str(kind),
                                    allowed=", ".join(allowed[identifier])),
                                pointer=f"#{representation.id()}", actual=kind, expected=allowed[identifier],
                                rule="R6"))
    return found


def _items(representations: list[Entity]) -> list[Entity]:
    return [item for r in representations for item in entities(r.Items)]


def coordination_view_geometry(model: Model) -> list[Finding]:
    """SC-BIM-009 R2..R5 on an IFC2X3 model declaring the Coordination View (2.0)."""
    found = []
    splines = model.by_type("IfcBSplineCurve")
    if splines:
        named = [f"#{c.id()} {c.is_a()}" for c in splines[:MAX_NAMED]]
        found.append(Finding.of(msg("scenes.ifc-cv-bspline", count=len(splines), items="; ".join(named)),
                                pointer=named[0].split(" ")[0], actual=named, rule="R2"))
    voided: dict[int, Entity] = {}
    for relation in model.by_type("IfcRelVoidsElement") + model.by_type("IfcRelProjectsElement"):
        # both relate the element (5th attribute) and its opening or projection (6th)
        for element in (relation[4], relation[5]):
            if is_entity(element):
                voided[element.id()] = element

    for element in voided.values():
        bodies = _representations(element, "Body")
        surface = [r for r in bodies if r.RepresentationType == "SurfaceModel"] + \
                  [i for i in _items(bodies) if any(i.is_a(kind) for kind in SURFACE_MODELS)]
        if not bodies or surface:
            problem = "no 'Body' representation" if not bodies else "'SurfaceModel' geometry"
            found.append(Finding.of(msg("scenes.ifc-cv-void-body", element=f"#{element.id()} {element.is_a()}",
                                        problem=problem),
                                    pointer=f"#{element.id()}", actual=[r.RepresentationType for r in bodies],
                                    expected="a solid 'Body' representation", rule="R3"))
    for element in model.by_type("IfcDoor") + model.by_type("IfcWindow"):
        if not _representations(element, "Body"):
            found.append(Finding.of(msg("scenes.ifc-cv-door-window-body", element=f"#{element.id()} {element.is_a()}"),
                                    pointer=f"#{element.id()}", expected="a 'Body' representation",
                                    rule="R4"))
    for space in model.by_type("IfcSpace"):
        bodies = _representations(space, "Body")
        kinds = {r.RepresentationType for r in bodies}
        wrong = sorted(str(k) for k in kinds - SPACE_BODY_TYPES)
        brep_alone = "Brep" in kinds and not _representations(space, "FootPrint")
        if wrong or brep_alone:
            found.append(Finding.of(msg("scenes.ifc-cv-space-body", element=f"#{space.id()}",
                                        problem=f"'Body' of type {', '.join(wrong)}" if wrong
                                        else "a 'Brep' body without a 'FootPrint'"),
                                    pointer=f"#{space.id()}", actual=sorted(str(k) for k in kinds),
                                    expected=sorted(SPACE_BODY_TYPES), rule="R5"))
    return found
