"""The attribute values the IFC4 Reference View 1.2's concepts fix (SC-BIM-010).

A concept of the view's mvdXML names a concept template and may fill the template's rule
identifiers with values: ``<TemplateRule Parameters="RelatedObjects=IfcSlab;"/>`` on the
IfcRoof root's Element Decomposition concept says the parts of a roof are slabs. :func:`derive`
reads every such parameter row of the view, except the property-set, quantity-set and typing
ones SC-BIM-007 and SC-BIM-008 use (``PsetName``, ``QsetName``, ``RelatingType``,
``MaterialPropertySetName``), and sorts it:

* ``attribute_values``: per template, per concept root, the rows whose every key is a ``RuleID``
  of that template (or of a template it is a sub-template of), so a machine can follow the rule
  to the attribute it names. Concepts the view marks ``not-relevant`` are left out (the IfcProject
  Project Representation Context 3D rows).
* ``unresolved``: the rows with a key that is no ``RuleID`` of the template (``Spatial Parts``,
  ``Spatial Composite``, ``Composite``, ``NamedUnitType``, the Aggregation template's, which has no
  rules at all). They name no attribute, so nothing can be decided from them; they are kept so
  the catalog can say which they are and a test notices when a later mvdXML resolves them.

:func:`attribute_values` judges a model with the resolved rows. A row holds for the concept root
and its subtypes; where several roots of one template apply (IfcElement and IfcOpeningElement
for Product Local Placement) the most specific root's rows decide, and an instance meets the
concept when it meets one of them. :data:`EVALUATORS` says how each template's rule identifiers
reach the data; 'Mapped Geometry' (``Identifier=Body;Type=MappedItem``) is SC-BIM-009 R6's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from conformance import Finding, msg

from .ifc_types import Entity, Model, Value, entities, is_entity
from .view_data import MVDXML_NS as _NS
from .view_data import AttributeValues, Row, Unresolved, reference_view

if TYPE_CHECKING:
    from lxml import etree

#: concept root (an entity) -> its rows of one template
Roots = dict[str, list[Row]]

#: parameters SC-BIM-007 (types) and SC-BIM-008 (sets) read
SET_KEYS = {"PsetName", "QsetName", "RelatingType", "MaterialPropertySetName"}
#: the template whose rows SC-BIM-009 R6 judges (a mapped representation under any identifier)
JUDGED_ELSEWHERE = {"Mapped Geometry": "SC-BIM-009 R6"}
#: the template by which a root's own concepts place it in a spatial structure
CONTAINMENT = "Spatial Containment"
MAX_FINDINGS = 50  # findings per rule and file before the rest are only counted; evidence, not a rule


# --- the view's data --------------------------------------------------------------------------

def _rows(concept: etree._Element) -> list[Row]:
    rows = []
    for rule in concept.iter(f"{_NS}TemplateRule"):
        pairs = [part.split("=", 1) for part in (rule.get("Parameters") or "").split(";") if "=" in part]
        row = {key.split("[")[0].strip(): value.strip().strip("'") for key, value in pairs}
        if row and not SET_KEYS & set(row):
            rows.append(row)
    return rows


def derive(root: etree._Element) -> AttributeValues:
    """``attribute_values`` and ``unresolved`` (see the module's docstring) of a parsed mvdXML."""
    templates: dict[str, tuple[str, set[str]]] = {}

    def walk(template: etree._Element, inherited: set[str]) -> None:
        ids = set(inherited)
        for rules in template.findall(f"{_NS}Rules"):
            ids.update(rule.get("RuleID") for rule in rules.iter(f"{_NS}AttributeRule", f"{_NS}EntityRule")
                       if rule.get("RuleID"))
        templates[template.get("uuid")] = (template.get("name"), ids)
        for sub in template.findall(f"{_NS}SubTemplates/{_NS}ConceptTemplate"):
            walk(sub, ids)

    for template in root.findall(f"{_NS}Templates/{_NS}ConceptTemplate"):
        walk(template, set())
    values: dict[str, dict[str, list[dict[str, str]]]] = {}
    unresolved: list[Unresolved] = []
    contained: set[str] = set()
    for concept_root in root.iter(f"{_NS}ConceptRoot"):
        entity = concept_root.get("applicableRootEntity")
        for concept in concept_root.iter(f"{_NS}Concept"):
            reference = concept.find(f"{_NS}Template")
            name, ids = templates.get(reference.get("ref") if reference is not None else "", ("", set()))
            if name == CONTAINMENT:
                contained.add(entity)
            requirements = {r.get("requirement") for r in concept.iter(f"{_NS}Requirement")}
            if requirements == {"not-relevant"}:
                continue
            for row in _rows(concept):
                if set(row) <= ids:
                    values.setdefault(name, {}).setdefault(entity, []).append(row)
                else:
                    unresolved.append({"root": entity, "concept": concept.get("name"), "template": name,
                                       "row": row, "unknown": sorted(set(row) - ids)})
    return {
        "attribute_values": {name: {entity: rows for entity, rows in sorted(roots.items())}
                             for name, roots in sorted(values.items())},
        "contained_roots": sorted(contained),
        "unresolved": sorted(unresolved, key=lambda u: (u["root"], u["template"], sorted(u["row"].items()))),
    }


# --- SC-BIM-010 -------------------------------------------------------------------------------

@cache
def _depth(schema: str, entity: str) -> int:
    import ifcopenshell
    from ifcopenshell import ifcopenshell_wrapper

    found = ifcopenshell.schema_by_name(schema).declaration_by_name(entity)
    declaration = found if isinstance(found, ifcopenshell_wrapper.entity) else None
    depth = 0
    while declaration is not None:
        declaration, depth = declaration.supertype(), depth + 1
    return depth


@cache
def _scope() -> frozenset[str]:
    return frozenset(reference_view()["scope"])


def rows_for(instance: Entity, roots: Roots) -> list[Row]:
    """The rows of the most specific concept root ``instance`` is an instance of; [] where none,
    and for an instance of an entity outside the view (SC-BIM-007's finding, not reported again)."""
    matching = [entity for entity in roots if instance.is_a(entity)] if instance.is_a() in _scope() else []
    if not matching:
        return []
    schema = instance.is_a(True).split(".")[0]
    return roots[max(matching, key=lambda entity: _depth(schema, entity))]


def _is_any(instance: Entity, kinds: list[str]) -> bool:
    return any(instance.is_a(kind) for kind in kinds)


def _named(instance: Entity) -> str:
    return f"#{instance.id()} {instance.is_a()}"


def _spatial_container(model: Model, roots: Roots) -> Iterator[Finding]:
    """R1: the products a building, storey or site contains are of the type its concept gives
    (IfcElement). The view contradicts itself for the roots whose own Spatial Containment concept
    puts them in a spatial structure (IfcGrid), so those are admitted too; a product of an
    entity outside the view is SC-BIM-007's finding and not reported again."""
    scope, also = _scope(), list(reference_view()["contained_roots"])
    for relation in model.by_type("IfcRelContainedInSpatialStructure"):
        container = relation.RelatingStructure
        if not is_entity(container):
            continue
        allowed = [row["Type"] for row in rows_for(container, roots) if "Type" in row]
        for element in entities(relation.RelatedElements) if allowed else []:
            if element.is_a() in scope and not _is_any(element, allowed + also):
                yield Finding.of(msg("scenes.ifc-rv-contained", element=_named(element), container=_named(container),
                                     allowed=", ".join(allowed)),
                                 pointer=f"#{element.id()}", actual=element.is_a(), expected=allowed,
                                 rule="R1")


def _element_decomposition(model: Model, roots: Roots) -> Iterator[Finding]:
    """R2: the parts of a roof, stair or ramp are of the entities its concept lists."""
    for relation in model.by_type("IfcRelAggregates"):
        whole = relation.RelatingObject
        if not is_entity(whole):
            continue
        allowed = [row["RelatedObjects"] for row in rows_for(whole, roots) if "RelatedObjects" in row]
        for part in entities(relation.RelatedObjects) if allowed else []:
            if part.is_a() in _scope() and not _is_any(part, allowed):
                yield Finding.of(msg("scenes.ifc-rv-part", part=_named(part), whole=_named(whole),
                                     allowed=", ".join(allowed)),
                                 pointer=f"#{part.id()}", actual=part.is_a(), expected=allowed,
                                 rule="R2")


def _meets_placement(placement: Entity, row: Row) -> bool:
    if not placement.is_a(row.get("HasPlacement", "IfcObjectPlacement")):
        return False
    if "RelativeToElement" not in row:
        return True
    relative: Value = getattr(placement, "PlacementRelTo", None)
    return is_entity(relative) and any(obj.is_a(row["RelativeToElement"]) for obj in entities(relative.PlacesObject))


def _local_placement(model: Model, roots: Roots) -> Iterator[Finding]:
    """R3: a building's or element's placement is local and, where it is relative, relative to
    the placement of the products its concept names (a spatial element or an element; an
    opening's to an element). An absolute local placement is not judged: IFC4 states its
    placement conventions "if the relative placement is used" and places a product without
    PlacementRelTo in the world coordinate system, and the view marks the concept recommended."""
    for product in model.by_type("IfcProduct"):
        rows = rows_for(product, roots)
        placement = product.ObjectPlacement
        if not rows or not is_entity(placement):
            continue
        relative: Value = getattr(placement, "PlacementRelTo", None)
        if (placement.is_a("IfcLocalPlacement") and relative is None) or any(_meets_placement(placement, row)
                                                                              for row in rows):
            continue
        if not placement.is_a("IfcLocalPlacement"):
            actual = placement.is_a()
        elif is_entity(relative):
            actual = "relative to " + (", ".join(_named(o) for o in entities(relative.PlacesObject))
                                       or f"#{relative.id()}, the placement of no product")
        else:
            actual = "an absolute IfcLocalPlacement"
        expected = sorted({f"{r.get('HasPlacement')} relative to {r['RelativeToElement']}" if "RelativeToElement" in r
                           else str(r.get("HasPlacement")) for r in rows})
        yield Finding.of(msg("scenes.ifc-rv-placement", product=_named(product), actual=actual,
                             expected="; ".join(expected)),
                         pointer=f"#{product.id()}", actual=actual, expected=expected, rule="R3")


def _item_kind(row: dict[str, str]) -> str:
    # the FootPrint template names its items 'Items', the Body SweptSolid template 'Geometry'
    return row.get("Items") or row.get("Geometry") or "IfcRepresentationItem"


def _geometry(model: Model, roots: Roots) -> Iterator[Finding]:
    """R4: a space's representation with the identifier a geometry concept fixes is of a type
    and has items of the entities that concept gives ('FootPrint': Curve2D bounded curves or a
    GeometricCurveSet; 'Body': SweptSolid extruded area solids). Mapped representations are
    SC-BIM-009 R6's."""
    for product in model.by_type("IfcProduct"):
        rows = rows_for(product, roots)
        shape = product.Representation if rows else None
        for representation in entities(shape.Representations) if is_entity(shape) else []:
            mine = [row for row in rows if row.get("Identifier") == representation.RepresentationIdentifier]
            kind = representation.RepresentationType
            if not mine or kind == "MappedRepresentation":
                continue
            items = entities(representation.Items)
            if any(row.get("Type") == kind and all(item.is_a(_item_kind(row)) for item in items) for row in mine):
                continue
            expected = sorted(f"'{row.get('Type')}' of {_item_kind(row)}" for row in mine)
            found = sorted({item.is_a() for item in items})
            yield Finding.of(msg("scenes.ifc-rv-representation-items", product=_named(product),
                                 id=f"#{representation.id()}", identifier=representation.RepresentationIdentifier,
                                 type=str(kind), items=", ".join(found) or "no items", expected="; ".join(expected)),
                             pointer=f"#{representation.id()}", actual=[str(kind), *found], expected=expected,
                             rule="R4")


#: template name -> how its rows are judged
EVALUATORS: dict[str, Callable[[Model, Roots], Iterator[Finding]]] = {
    "Spatial Container": _spatial_container,
    "Element Decomposition": _element_decomposition,
    "Product Local Placement": _local_placement,
    "FootPrint GeomSet Geometry": _geometry,
    "Body SweptSolid PolyCurve Geometry": _geometry,
}


def attribute_values(model: Model) -> list[Finding]:

    """SC-BIM-010 on an IFC4 model declaring the Reference View 1.2: every resolved row of the view."""
    found: list[Finding] = []
    counts: dict[str, int] = {}
    for template, roots in reference_view()["attribute_values"].items():
        evaluator = EVALUATORS.get(template)
        for finding in evaluator(model, roots) if evaluator else ():
            counts[finding.rule or ""] = counts.get(finding.rule or "", 0) + 1
            if counts[finding.rule or ""] <= MAX_FINDINGS:
                found.append(finding)
    for rule, count in sorted(counts.items()):
        if count > MAX_FINDINGS:
            found.append(Finding.of(msg("scenes.ifc-pset-more", count=count - MAX_FINDINGS, rule=rule), rule=rule))
    return found
