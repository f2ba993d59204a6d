"""The committed facts of buildingSMART's IFC4 Reference View 1.2 (``mvd/reference_view_1_2.json``,
which ``ifc_scope.extract`` derives from the view's mvdXML): one loader for every module that
judges by them, so that the view's scope (``ifc_scope``) and its attribute values
(``ifc_values``) read the same data without importing each other."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("mvd")
#: the namespace of the elements of an mvdXML 1.1 document (the view files ifc_scope and ifc_values read)
MVDXML_NS = "{http://buildingsmart-tech.org/mvd/XML/1.1}"


@cache
def reference_view() -> dict[str, Any]:
    """The committed facts of the IFC4 Reference View 1.2."""
    data: dict[str, Any] = json.loads((DATA / "reference_view_1_2.json").read_text(encoding="utf-8"))
    return data
