"""A CityJSON file's structure judged against the official CityJSON 2.0 JSON Schemas (draft-07, the draft they
declare), vendored in ``cityjson/`` beside this module with their commit and checksums in ``cityjson/SOURCES.md``
and resolved offline through a ``referencing`` registry; where jsonschema-rs is installed it finds the errors and
jsonschema explains each over the part of the file that holds it (SC-CITY-001).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7, SchemaRegistry

from conformance import Finding, msg

from . import cityjson_lean, cityjson_seq
from .cityjson import MAX_FINDINGS
from .cityjson_lean import CityDocument, CityMember, LazyObjects
from .pointers import json_pointer

if TYPE_CHECKING:
    import jsonschema_rs


HERE = Path(__file__).with_name("cityjson")
ROOT_SCHEMA = "https://www.cityjson.org/schemas/2.0.2/cityjson.schema.json"


@cache
def _validator() -> Draft7Validator:
    resources = []
    for path in sorted(HERE.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents, default_specification=DRAFT7)))
    registry: SchemaRegistry = Registry().with_resources(resources)
    return Draft7Validator(registry[ROOT_SCHEMA].contents, registry=registry)


def _deepest(error: ValidationError) -> ValidationError:
    """The branch error that says most: a City Object failing ``oneOf`` is judged by the
    branch of its own type (the branches of other types fail on their ``type`` const)."""
    while error.context:
        branches: dict[str | int, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        own = [errs for errs in branches.values() if not any(_type_mismatch(e) for e in errs)]
        if len(own) != 1:
            return error  # no branch (an unknown type) or several: the oneOf error itself
        error = next((e for e in own[0] if e.context), own[0][0])
    return error


def _type_mismatch(error: ValidationError) -> bool:
    return error.validator in ("const", "enum", "pattern") and list(error.relative_path)[-1:] == ["type"]


@cache
def _compiled() -> jsonschema_rs.Draft7Validator | None:
    """The same schemas compiled by jsonschema-rs (draft-07, formats not asserted, as the
    Draft7Validator above is built without a format checker), or None where it cannot be
    built: python-jsonschema then judges alone."""
    try:
        import jsonschema_rs

        resources = [(contents["$id"], contents) for contents in
                     (json.loads(path.read_text(encoding="utf-8")) for path in sorted(HERE.glob("*.schema.json")))]
        registry = jsonschema_rs.Registry(resources=resources, draft=jsonschema_rs.Draft7)
        return jsonschema_rs.Draft7Validator({"$ref": ROOT_SCHEMA}, registry=registry, validate_formats=False)
    except Exception:  # noqa: BLE001 - any failure to compile means: judge with python-jsonschema
        return None


#: City Objects of a lean document given to the compiled validator at a time
SCHEMA_CHUNK = 2000


#: where in a document a schema error lies: member names and array indices from its root
Path_ = tuple[str | int, ...]


def _compiled_errors(data: CityDocument) -> list[Path_] | None:
    """The instance paths of the compiled validator's errors ([] when it finds the document
    valid); None when it cannot say (e.g. an integer beyond 64 bits). A lean document is judged
    in parts: its other members once (with no City Objects and no vertices: its vertices are
    integer triples, which the schema's items admit), then its City Objects a chunk at a time
    beside them (the schema judges each City Object on its own: ``additionalProperties``)."""
    validator = _compiled()
    if validator is None:
        return None
    try:
        if not cityjson_lean.is_lean(data):
            return [tuple(error.instance_path) for error in validator.iter_errors(data)]
        skeleton = {**data, "CityObjects": {}, "vertices": []}
        paths = [tuple(error.instance_path) for error in validator.iter_errors(skeleton)]
        objects = data["CityObjects"]
        if not isinstance(objects, LazyObjects):
            return None  # not lean after all: python-jsonschema judges
        keys = list(objects)
        for start in range(0, len(keys), SCHEMA_CHUNK):
            part = {**skeleton, "CityObjects": {key: objects[key] for key in keys[start:start + SCHEMA_CHUNK]}}
            paths += [path for path in (tuple(error.instance_path) for error in validator.iter_errors(part))
                      if path[:1] == ("CityObjects",)]
        return paths
    except Exception:  # noqa: BLE001 - a value it cannot convert: python-jsonschema judges
        return None


def _reduced(data: CityDocument, paths: list[Path_]) -> CityDocument:
    """The document with only the City Objects in which the compiled validator found errors
    (the first MAX_FINDINGS of them in pointer order: the findings are sorted and capped at
    that many) and the vertices only where an error lies in them; the schemas judge each
    City Object and each vertex on its own, so every finding of the reduced document is the
    whole document's, at the same pointer."""
    objects = data.get("CityObjects")
    if not isinstance(objects, dict | LazyObjects):
        return data
    named = sorted({path[1] for path in paths if len(path) > 1 and path[0] == "CityObjects"},
                   key=lambda key: json_pointer([key]))[:MAX_FINDINGS]
    reduced: dict[str, CityMember] = {**data, "CityObjects": {
        key: objects[key] for key in named if isinstance(key, str) and key in objects}}
    vertices = data.get("vertices")
    if isinstance(vertices, list | np.ndarray) and not any(path[:1] == ("vertices",) for path in paths):
        reduced["vertices"] = []
    elif isinstance(vertices, np.ndarray):
        reduced["vertices"] = vertices.tolist()
    return reduced


def schema_findings(data: CityDocument) -> list[Finding]:
    """SC-CITY-001: the official CityJSON 2.0 schemas' errors, one finding each. A document
    is decided by the compiled validator (jsonschema-rs, ~100x python-jsonschema on a large
    model); only where it finds errors does python-jsonschema say where and why, over the
    parts holding them (:func:`_reduced`), so its messages and pointers stay the findings'."""
    found = cityjson_seq.findings(data, "schema")  # a CityJSONSeq's own lines (none for a .city.json)
    paths = _compiled_errors(data)
    if paths == []:
        return found
    instance = cityjson_lean.materialised(data) if paths is None else _reduced(data, paths)
    for error in sorted(_validator().iter_errors(instance), key=lambda e: json_pointer(e.absolute_path)):
        deepest = _deepest(error)
        text = deepest.message
        if deepest.validator == "oneOf" and isinstance(deepest.instance, dict):
            text = msg("scenes.cityjson-no-branch", type=json.dumps(deepest.instance.get("type")))
        found.append(Finding.of(msg("scenes.cityjson-schema", message=text[:240]),
                                pointer=json_pointer(deepest.absolute_path), check=str(deepest.validator)))
        if len(found) >= MAX_FINDINGS:
            break
    return found
