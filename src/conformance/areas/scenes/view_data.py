"""The committed facts of buildingSMART's IFC4 Reference View 1.2 (``mvd/reference_view_1_2.json``,
which ``ifc_scope.extract`` derives from the view's mvdXML): one loader for every module that
judges by them, so that the view's scope (``ifc_scope``) and its attribute values
(``ifc_values``) read the same data without importing each other."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TypedDict

DATA = Path(__file__).with_name("mvd")
#: the namespace of the elements of an mvdXML 1.1 document (the view files ifc_scope and ifc_values read)
MVDXML_NS = "{http://buildingsmart-tech.org/mvd/XML/1.1}"

#: one template rule of a concept: its parameters by name (``Identifier``, ``Type``, ``Items``...)
Row = dict[str, str]


class Unresolved(TypedDict):
    """A template rule naming a parameter its template does not define (left unjudged)."""
    root: str
    concept: str
    template: str
    row: Row
    unknown: list[str]


class AttributeValues(TypedDict):
    """What ``ifc_values.derive`` takes from the mvdXML (SC-BIM-010)."""
    #: template name -> concept root (an entity) -> its rows
    attribute_values: dict[str, dict[str, list[Row]]]
    #: the roots whose own Spatial Containment concept puts them in a spatial structure
    contained_roots: list[str]
    unresolved: list[Unresolved]


class ReferenceView(AttributeValues):
    """The committed facts (``ifc_scope.extract``'s output)."""
    view: str
    version: str
    schema: str
    #: the rooted entities the view names
    scope: list[str]
    #: the representation items its body geometry lists
    body_items: list[str]
    #: concept root -> the property sets and quantity sets it lists
    property_sets: dict[str, list[str]]
    quantity_sets: dict[str, list[str]]
    #: representation identifier -> the representation types the view allows for it
    representation_types: dict[str, list[str]]


@cache
def reference_view() -> ReferenceView:
    """The committed facts of the IFC4 Reference View 1.2 (written by ``ifc_scope.extract``; a
    test holds the file equal to what it derives from the view's mvdXML)."""
    data: ReferenceView = json.loads((DATA / "reference_view_1_2.json").read_text(encoding="utf-8"))
    return data
