"""Standard property and quantity sets of an IFC model (SC-BIM-008).

The ``Pset_`` and ``Qto_`` prefixes are reserved for the property and quantity sets the IFC
specification defines; buildingSMART's validation service (rule PSE001) checks that a set named
``Pset_...`` is one the specification defines for the file's schema, is assigned to an entity it
applies to, and has only the properties the definition names, each of the definition's kind and
data type. :func:`standard_sets` applies those checks to ``Pset_`` and ``Qto_`` sets alike,
reading the definitions from the templates IfcOpenShell ships for each schema
(``ifcopenshell.util.pset``: ``Pset_IFC2X3.ifc``, ``Pset_IFC4_ADD2.ifc``, ``Pset_IFC4X3.ifc``).

IFC2x3 has no template types: a set on a type object (``IfcTypeObject.HasPropertySets``, "common
to all object occurrences referring to this object type", IFC2x3 TC1) applies where it applies to
the type's occurrences, so :func:`_applies` judges an IFC2X3 type object by the occurrence classes
it types as well as by its own class (PSE001 likewise sets no template type for IFC2X3). IFC4 and
later keep the template type: an occurrence-driven set on a type object is a finding there.

Where the file declares the IFC4 Reference View 1.2, :func:`reference_view_sets` adds the view's
own restriction: a standard set on an occurrence of an entity for which the view lists property
or quantity sets is one of those listed (``mvd/reference_view_1_2.json``, see ``ifc_scope``).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TypeGuard

from conformance import Finding, msg

from . import ifc_scope
from .ifc_types import Entity, Model, Value, entities, is_entity

if TYPE_CHECKING:
    from ifcopenshell import ifcopenshell_wrapper
    from ifcopenshell.util.pset import PsetQto
    from ifcopenshell.util.schema import IFC_SCHEMA

PREFIXES = ("Pset_", "Qto_")
MAX_FINDINGS = 50  # findings per file and rule before the rest are only counted; evidence, not a rule
#: the property classes a template's TemplateType asks for
KINDS = {
    "P_SINGLEVALUE": "IfcPropertySingleValue", "P_ENUMERATEDVALUE": "IfcPropertyEnumeratedValue",
    "P_BOUNDEDVALUE": "IfcPropertyBoundedValue", "P_LISTVALUE": "IfcPropertyListValue",
    "P_TABLEVALUE": "IfcPropertyTableValue", "P_REFERENCEVALUE": "IfcPropertyReferenceValue",
    "Q_LENGTH": "IfcQuantityLength", "Q_AREA": "IfcQuantityArea", "Q_VOLUME": "IfcQuantityVolume",
    "Q_COUNT": "IfcQuantityCount", "Q_WEIGHT": "IfcQuantityWeight", "Q_TIME": "IfcQuantityTime",
}


def _templates(model: Model) -> PsetQto:
    import ifcopenshell.util.pset

    return ifcopenshell.util.pset.get_template(model.schema_identifier)


def _schema_name(name: str) -> TypeGuard[IFC_SCHEMA]:
    """A schema IfcOpenShell's templates are of (what ``get_template`` gave is one)."""
    return name in ("IFC2X3", "IFC4", "IFC4X3")


def assignments(model: Model) -> list[tuple[Entity, Entity]]:
    """(set, the object or type it is assigned to) for every standard-named set of the model."""
    pairs: list[tuple[Entity, Entity]] = []
    for relation in model.by_type("IfcRelDefinesByProperties"):
        definitions = relation.RelatingPropertyDefinition
        # IFC4 allows a set of definitions here; IFC2X3 one
        for definition in definitions if isinstance(definitions, tuple) else (definitions,):
            if is_entity(definition) and str(definition.Name or "").startswith(PREFIXES):
                pairs.extend((definition, related) for related in entities(relation.RelatedObjects))
    for kind in model.by_type("IfcTypeObject"):
        pairs.extend((definition, kind) for definition in entities(kind.HasPropertySets)
                     if str(getattr(definition, "Name", "") or "").startswith(PREFIXES))
    return pairs


def _applicable_entity(template: Entity) -> str:
    """The template's applicable classes, each ``IfcClass`` or ``IfcClass/PREDEFINEDTYPE``. Six of
    IfcOpenShell's IFC2X3 templates (Pset_ConcreteElementGeneral, Pset_Warranty, ...) prefix each
    class with its schema module (``IFCSHAREDBLDGELEMENTS/IfcBeam``), which ``is_applicable`` would
    read as a class IFCSHAREDBLDGELEMENTS of predefined type IfcBeam; the module is dropped (the
    IFC2x3 definitions and PSE001's table name the bare classes)."""
    classes = []
    for applicable in str(template.ApplicableEntity or "IfcRoot").split(","):
        module, _, rest = applicable.strip().partition("/")
        classes.append(rest if rest and module.isupper() and rest.startswith("Ifc") else applicable.strip())
    return ",".join(classes)


def _applies(templates: PsetQto, related: Entity, template: Entity, applicable: str) -> bool:
    """Whether a standard set may be assigned to ``related`` (an object or a type object)."""
    import ifcopenshell.util.type
    from ifcopenshell import ifcopenshell_wrapper

    schema = templates.schema
    name = schema.name()
    if not _schema_name(name):
        return False  # (none: get_template gives templates of these schemas only)
    predefined = _predefined_type(related)

    def applies(entity: str, template_type: str) -> bool:
        declaration = schema.declaration_by_name(entity)
        return isinstance(declaration, ifcopenshell_wrapper.entity) and templates.is_applicable(
            declaration, applicable, predefined, template_type, name)

    if applies(related.is_a(), str(template.TemplateType or "")):
        return True
    if name.upper() != "IFC2X3" or not related.is_a("IfcTypeObject"):
        return False
    # IFC2X3: the TemplateType of IfcOpenShell's templates is synthesised (IFC2x3 defines none), so
    # a type object carries any set its occurrences may carry (Pset_SlabCommon on an IfcSlabType)
    occurrences = ifcopenshell.util.type.get_applicable_entities(related.is_a(), name)
    return any(applies(occurrence, "") for occurrence in occurrences)


def _predefined_type(element: Entity) -> str:
    import ifcopenshell
    import ifcopenshell.util.element

    if not isinstance(element, ifcopenshell.entity_instance):
        return ""  # (every entity of a model is one)
    value = ifcopenshell.util.element.get_predefined_type(element)
    return str(value) if value else ""


def _members(definition: Entity) -> list[Entity]:
    if definition.is_a("IfcElementQuantity"):
        return entities(definition.Quantities)
    found: Value = getattr(definition, "HasProperties", None)
    return entities(found)


def _specialises(schema: ifcopenshell_wrapper.schema_definition, name: str) -> list[str]:
    """A defined type and the defined types it is declared as, in order: IfcPositiveLengthMeasure
    is an IfcLengthMeasure (EXPRESS ``TYPE IfcPositiveLengthMeasure = IfcLengthMeasure``), so a
    positive length is a value of a length property."""
    names = [name]
    try:
        declared = schema.declaration_by_name(name)
    except (RuntimeError, IndexError):
        return names
    while hasattr(declared, "declared_type"):
        declared = declared.declared_type()
        named = declared.as_named_type() if hasattr(declared, "as_named_type") else None
        if named is None:
            break
        declared = named.declared_type()
        names.append(declared.name())
    return names


def _property_problem(schema: ifcopenshell_wrapper.schema_definition, member: Entity, template: Entity) -> str | None:
    """Why a property or quantity does not match its template; None where it does."""
    expected = KINDS.get(str(template.TemplateType))
    if expected and not member.is_a(expected):
        return f"is {member.is_a()}, the definition asks for {expected}"
    measure: Value = getattr(template, "PrimaryMeasureType", None)
    value = member.NominalValue if member.is_a("IfcPropertySingleValue") else None
    if measure and is_entity(value) and measure not in _specialises(schema, value.is_a()):
        return f"has a value of type {value.is_a()}, the definition asks for {measure}"
    enumerators = template.Enumerators
    if member.is_a("IfcPropertyEnumeratedValue") and is_entity(enumerators):
        allowed = {str(v.wrappedValue).upper() for v in entities(enumerators.EnumerationValues)}
        values = [str(v.wrappedValue) for v in entities(member.EnumerationValues)]
        wrong = [v for v in values if v.upper() not in allowed]
        if wrong:
            return f"has the value(s) {', '.join(wrong)}, not among {', '.join(sorted(allowed))}"
    return None


def standard_sets(model: Model) -> list[Finding]:
    """SC-BIM-008 R1..R3 (PSE001) on every standard-named set of the model."""
    templates = _templates(model)
    schema = templates.schema
    found: list[Finding] = []
    counts: Counter[str] = Counter()
    seen_members: set[tuple[int, int]] = set()

    def add(rule: str, finding: Finding) -> None:
        counts[rule] += 1
        if counts[rule] <= MAX_FINDINGS:
            found.append(finding)

    for definition, related in assignments(model):
        name = str(definition.Name)
        template = templates.get_by_name(name)
        where = f"#{definition.id()}"
        if template is None:
            add("R1", Finding.of(msg("scenes.ifc-pset-unknown", name=name, schema=model.schema_identifier),
                                           pointer=where, actual=name, rule="R1"))
            continue
        applicable = _applicable_entity(template)
        if not _applies(templates, related, template, applicable):
            add("R2", Finding.of(
                msg("scenes.ifc-pset-not-applicable", name=name, entity=f"#{related.id()} {related.is_a()}",
                    applicable=applicable), pointer=where, actual=related.is_a(), expected=applicable,
                rule="R2"))
        if (definition.id(), 0) in seen_members:
            continue  # a set shared by several objects is judged once for its properties
        seen_members.add((definition.id(), 0))
        properties = {str(t.Name): t for t in entities(template.HasPropertyTemplates)}
        for member in _members(definition):
            member_template = properties.get(str(member.Name))
            if member_template is None:
                add("R3", Finding.of(
                    msg("scenes.ifc-pset-property-unknown", name=name, property=member.Name),
                    pointer=f"#{member.id()}", actual=member.Name, expected=sorted(properties)[:40],
                    rule="R3"))
                continue
            problem = _property_problem(schema, member, member_template)
            if problem:
                add("R3", Finding.of(
                    msg("scenes.ifc-pset-property-type", name=name, property=member.Name, problem=problem),
                    pointer=f"#{member.id()}", actual=member.is_a(), rule="R3"))
    for rule, count in sorted(counts.items()):
        if count > MAX_FINDINGS:
            found.append(Finding.of(msg("scenes.ifc-pset-more", count=count - MAX_FINDINGS, rule=rule), rule=rule))
    return found


def reference_view_sets(model: Model) -> list[Finding]:

    """SC-BIM-008 R4 on an IFC4 model declaring the Reference View 1.2: a standard set on an
    occurrence of a view root that lists sets is one the view lists for it."""
    view = ifc_scope.reference_view()
    listed = {root: set(view["property_sets"].get(root, [])) | set(view["quantity_sets"].get(root, []))
              for root in set(view["property_sets"]) | set(view["quantity_sets"])}
    unlisted: dict[tuple[str, str], list[int]] = {}
    allowed_for: dict[str, set[str]] = {}
    for definition, related in assignments(model):
        entity = related.is_a()
        if entity not in listed or related.is_a("IfcTypeObject"):
            continue  # the view lists nothing for this class itself; its scope is SC-BIM-007's
        if entity not in allowed_for:
            # a concept root's sets hold for its subtypes too (IfcElement's for every element)
            allowed_for[entity] = set().union(*(sets for root, sets in listed.items() if related.is_a(root)))
        if definition.Name not in allowed_for[entity]:
            unlisted.setdefault((entity, str(definition.Name)), []).append(related.id())
    listed = {entity: allowed for entity, allowed in allowed_for.items()}
    return [Finding.of(msg("scenes.ifc-view-pset-unlisted", name=name, entity=entity, count=len(ids),
                           first=f"#{ids[0]}", listed=", ".join(sorted(listed[entity]))),
                       pointer=f"#{ids[0]}", actual=name, expected=sorted(listed[entity]), rule="R4")
            for (entity, name), ids in sorted(unlisted.items())]
