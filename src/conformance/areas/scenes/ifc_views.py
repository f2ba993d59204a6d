"""Model view definitions (MVDs) an IFC file declares and keeps (SC-BIM-005, SC-BIM-006).

An MVD is the subset of the IFC schema an exchange uses; buildingSMART's header guidelines
have the file name it in its header, as the keyword ``ViewDefinition [name, ...]`` in
``FILE_DESCRIPTION``'s description strings, e.g.
``FILE_DESCRIPTION(('ViewDefinition [ReferenceView_V1.2]'),'2;1');``. :func:`declared_views`
reads it from the header without any library (as :func:`ifc.header` reads ``FILE_SCHEMA``), and
:func:`view_findings` judges it against :data:`VIEWS`, the MVDs buildingSMART lists for each
official schema (its MVD database for IFC2X3 TC1 and IFC4 ADD2 TC1, the IFC 4.3 specification's
three levels of implementation for IFC4X3_ADD2).

A view's name is compared without its version suffix (``ReferenceView_V1.2`` and
``ReferenceView`` are the same view): exporters write both, and the header guidelines pin the
name of the view, not a spelling of its version.

:func:`reference_view_geometry` judges the one constraint of the Reference View this module
decides from the data: its body geometry concepts are tessellated, swept and mapped
shapes, never the Boolean results that the Design Transfer View's Clipping and CSG body
geometry concepts add (``IfcBooleanResult``, ``IfcBooleanClippingResult``, ``IfcCsgSolid``),
so a file declaring a Reference View carries none of them.
"""

from __future__ import annotations

import re

from conformance import Finding, msg

from .ifc import header
from .ifc_types import Entity, Model

HEADER_BYTES = 64 * 1024  # the header section comes first; a safety cap, not a requirement

#: schema -> view name (without version suffix) -> whether it is an add-on view, which is
#: named only beside a main view (IFC2x3 Coordination View 2.0 header guideline)
VIEWS: dict[str, dict[str, bool]] = {
    "IFC2X3": {"CoordinationView": False, "BasicFMHandoverView": False, "StructuralAnalysisView": False,
               "QuantityTakeOffAddOnView": True, "SpaceBoundary1stLevelAddOnView": True,
               "SpaceBoundary2ndLevelAddOnView": True, "FMHandOverAddOnView": True},
    "IFC4": {"ReferenceView": False, "DesignTransferView": False},
    "IFC4X3_ADD2": {"ReferenceView": False, "AlignmentBasedReferenceView": False, "DesignTransferView": False},
}
#: the views whose geometry SC-BIM-006 judges
REFERENCE_VIEWS = {"ReferenceView", "AlignmentBasedReferenceView"}
#: Boolean and CSG geometry the Reference View's body geometry concepts do not include
BOOLEAN_ITEMS = ("IfcBooleanResult", "IfcCsgSolid")
BOOLEAN_TYPES = {"CSG", "Clipping"}
MAX_NAMED = 10  # entities a finding names; a cap on evidence, not a requirement

_DESCRIPTION = re.compile(rb"FILE_DESCRIPTION\s*\(", re.IGNORECASE)
_TOKEN = re.compile(rb"'(?:[^']|'')*'|\(|\)")
_VIEW_DEFINITION = re.compile(r"ViewDefinition\s*\[([^\]]*)\]", re.IGNORECASE)
_VERSION = re.compile(r"_?V\d+(?:\.\d+)*$", re.IGNORECASE)


def description_strings(data: bytes) -> list[str] | None:
    """The strings of the header's FILE_DESCRIPTION description list; None without one."""
    head = data[:HEADER_BYTES]
    match = _DESCRIPTION.search(head)
    if match is None:
        return None
    depth, strings = 1, []
    for token in _TOKEN.finditer(head, match.end()):
        text = token.group()
        if text == b"(":
            depth += 1
        elif text == b")":
            depth -= 1
            if depth <= 1:
                break
        elif depth == 2:
            strings.append(text[1:-1].replace(b"''", b"'").decode("latin-1"))
    return strings


def declared_views(data: bytes) -> list[str] | None:
    """The view names of the header's ``ViewDefinition [...]``; None where it has none."""
    strings = description_strings(data)
    if not strings:
        return None
    # the guidelines let a long keyword continue in the next string: read them as one text
    match = _VIEW_DEFINITION.search("".join(strings)) or _VIEW_DEFINITION.search(" ".join(strings))
    if match is None:
        return None
    names = [name.strip() for name in match[1].split(",") if name.strip()]
    return names or None


def base_name(view: str) -> str:
    """A view's name without its version suffix and any parenthesised remark."""
    name = view.split("(")[0].strip().replace(" ", "")
    return _VERSION.sub("", name)


def view_findings(data: bytes, schema: str) -> tuple[list[Finding], list[str]]:
    """SC-BIM-005 on one file whose official ``schema`` SC-BIM-001 read: (findings, the base
    names of the views it declares)."""
    views = declared_views(data)
    if views is None:
        return [Finding.of(msg("scenes.ifc-view-missing"), expected="ViewDefinition [...]",
                           actual=description_strings(data), rule="R1")], []
    known = VIEWS.get(schema, {})
    found, bases = [], []
    for view in views:
        base = next((name for name in known if name.lower() == base_name(view).lower()), None)
        if base is None:
            found.append(Finding.of(msg("scenes.ifc-view-unknown", view=view, schema=schema), actual=view,
                                    expected=sorted(known), rule="R2"))
        else:
            bases.append(base)
    if bases and all(known[base] for base in bases):
        found.append(Finding.of(msg("scenes.ifc-view-add-on-only", views=", ".join(views)), actual=views,
                                expected=sorted(name for name, add_on in known.items() if not add_on),
                                rule="R2"))
    return found, bases


def declares_reference_view(data: bytes) -> bool:
    """Whether a file's header declares a Reference View that its FILE_SCHEMA has (SC-BIM-006:
    IFC4's Reference View, IFC4X3_ADD2's Reference View or Alignment-based Reference View); a
    Reference View named in another schema's file is SC-BIM-005's finding, not such a file."""
    schema = header(data)[1]
    own = {name.lower() for name in REFERENCE_VIEWS & set(VIEWS.get(schema or "", {}))}
    return bool(own & {base_name(v).lower() for v in declared_views(data) or []})  # as SC-BIM-005 compares


def reference_view_geometry(model: Model) -> list[Finding]:
    """SC-BIM-006 on a model whose header declares a Reference View: no Boolean or CSG geometry."""
    offending: list[Entity] = []

    for kind in BOOLEAN_ITEMS:
        try:
            offending.extend(model.by_type(kind))
        except RuntimeError:  # an entity the file's schema does not have
            continue
    representations = [r for r in model.by_type("IfcShapeRepresentation") if r.RepresentationType in BOOLEAN_TYPES]
    if not offending and not representations:
        return []
    named = [f"#{item.id()} {item.is_a()}" for item in offending[:MAX_NAMED]]
    named += [f"#{r.id()} IfcShapeRepresentation '{r.RepresentationType}'"
              for r in representations[:max(0, MAX_NAMED - len(named))]]
    return [Finding.of(msg("scenes.ifc-reference-view-boolean", count=len(offending) + len(representations),
                           items="; ".join(named)),
                       pointer=named[0].split(" ")[0], actual=named,
                       expected="Tessellation, SweptSolid or MappedRepresentation body geometry",
                       check="reference-view-geometry")]
