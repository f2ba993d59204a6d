"""City information model data as CityJSON 2.0 (OGC Community Standard 20-072r5, CityJSON 2.0.x).

A city model is a JSON file whose ``type`` is ``"CityJSON"``. Its structure is judged against
the official CityJSON JSON Schemas (:mod:`.cityjson_schema`). The functions here read the models
and return the findings of the rules the specification states and a schema cannot express: vertex indices
(:func:`vertex_indices`), parent/children links (:func:`links`), geographical extents (:func:`extents`), the
CRS URL (:func:`reference_system`) and LoD values (:func:`lods`).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

import numpy as np
import orjson

from conformance import Finding, Inconclusive, NonConformance, current_evidence, msg, reason
from conformance.area import opened, parse_json

from . import cityjson_lean, cityjson_seq
from .boundaries import Floats, Indices, Points
from .cityjson_lean import CityDocument, CityMember, LazyObjects
from .pointers import city_object_pointer

if TYPE_CHECKING:
    from conformance import FileTarget
    from conformance.area import JsonArray, JsonObject, JsonValue

#: LoDs of CityJSON 2.0 ("Geometry Objects"): a CityGML 3.0 digit or a TU Delft refined "X.Y"
LODS = frozenset({"0", "1", "2", "3", *(f"{a}.{b}" for a in range(4) for b in range(4))})
#: OGC Name Type Specification (OGC 09-048r5) for CRSs: http(s)://www.opengis.net/def/crs/{authority}/{version}/{code}
CRS_URL = re.compile(r"^https?://www\.opengis\.net/def/crs/(?P<authority>[A-Za-z][A-Za-z0-9_.-]*)/"
                     r"(?P<version>[A-Za-z0-9_.-]+)/(?P<code>[A-Za-z0-9_.-]+)$")
MAX_FINDINGS = 50  # findings of one rule in one file; the rest are counted
MAX_SNAP_STEPS = 2.0 ** 53  # the reading bound "吸附网格上的顶点跨度" (5.1): past it a grid step is inexact in a double


def is_city_model(data: object) -> TypeGuard[dict[str, CityMember]]:
    """``data`` (what this area's readers parsed: JSON, or a lean document) is a CityJSON document."""
    return isinstance(data, dict) and data.get("type") == "CityJSON"


@dataclass(frozen=True)
class CityModel:
    path: Path
    name: str
    data: CityDocument


def _parse_once(files: FileTarget) -> Callable[..., object]:
    """A JSON reader for ``files.documents`` that parses each file once per run: every SC-CITY
    test reads the same models, and a 100 MB model costs seconds to parse. The parsed data is
    kept with the run's file target (``files.derived``, as the terminal area keeps a capture's
    analysis), keyed by the file's name, length and CRC-32; a file that does not parse is
    parsed again by each test, so that each records its finding."""
    derived = getattr(files, "derived", None)
    if derived is None:
        return _parse

    def parse(body: bytes, *, what: str) -> object:
        key = ("cityjson-parsed", what, len(body), zlib.crc32(body))
        if key not in derived:
            derived[key] = _parse(body, what=what)
        parsed: object = derived[key]
        return parsed

    return parse


def _parse(body: bytes, *, what: str) -> object:
    """A large CityJSON file lean (:mod:`.cityjson_lean`: City Objects decoded one at a time,
    vertices as a NumPy array), anything else (and whatever the lean reader passes on) whole."""
    if len(body) >= cityjson_lean.LEAN_BYTES:
        lean = cityjson_lean.read(body)
        if lean is not None:
            return lean
    return parse_json(body, what=what)


def _sequences(files: FileTarget) -> Iterator[CityModel]:
    """The CityJSONSeq files (.jsonl) of a file target, each read line by line once per run
    (kept with the run's file target, keyed by path, size and modification time); a file the
    test equipment refuses to open is left unjudged (``opened``); one not in the format is a finding."""
    derived = getattr(files, "derived", None)
    for path in files.files():
        if path.suffix.lower() not in cityjson_seq.SUFFIXES:
            continue
        name = files.display_name(path)
        try:
            info = path.stat()
            key = ("cityjsonseq-read", str(path), info.st_size, info.st_mtime_ns)
            data = derived.get(key) if derived is not None else None
            if data is None:
                if (handle := opened(files, path)) is None:  # refused by the test equipment: left unjudged
                    continue
                with handle:
                    data = cityjson_seq.read(handle)
                if derived is not None:
                    derived[key] = data
        except NonConformance as exc:
            current_evidence().finding(reason(exc), **{**exc.evidence, "file": name})
            continue
        except OSError as exc:  # vanished or unreadable meanwhile: judged, not crashed on
            current_evidence().finding(msg("scenes.cityjsonseq-unreadable", error=str(exc)[:200]), file=name)
            continue
        yield CityModel(path, name, data)


def city_models(files: FileTarget) -> list[CityModel]:
    """The CityJSON files of a file target (.json files whose type is CityJSON) and its
    CityJSONSeq files (.jsonl, :mod:`.cityjson_seq`); a .json file that does not parse is a
    finding; none at all makes the test inconclusive."""
    found = [CityModel(doc.path, doc.name, doc.data) for doc in files.documents(_parse_once(files), suffixes=(".json",))
             if is_city_model(doc.data)]
    found += list(_sequences(files))
    for model in found:
        objects = model.data.get("CityObjects")
        if isinstance(objects, LazyObjects):  # a lean model: its bytes are read from the file from now on
            objects.detach(model.path)
    if not found:
        raise Inconclusive(msg("scenes.no-city-model"))
    return found


_INTEGER_TEXT = b"0123456789-,[]"
_PUNCTUATION = re.compile(rb"[\[\],]+")


def int_leaves(node: object) -> Indices | None:
    """Every leaf of a list hierarchy, in order, as an int64 array when each is an integer
    (bools excluded): read from its JSON text, one C pass instead of a Python generator; None
    when the hierarchy holds anything else (then :func:`_indices` walks it)."""
    if not isinstance(node, list):
        return None
    try:
        text = orjson.dumps(node)
        if text.translate(None, _INTEGER_TEXT):
            return None  # a bool, a float, a string, an object
        return np.array(orjson.loads(b"[" + _PUNCTUATION.sub(b",", text).strip(b",") + b"]"), dtype=np.int64)
    except (TypeError, OverflowError, orjson.JSONEncodeError):
        return None


def int_lists(node: object, depth: int, count: int) -> bool | None:
    """Whether ``node`` is lists ``depth`` deep (empty lists allowed at any level) with integer
    leaves in ``0 .. count - 1``, decided over its JSON text; None when it holds anything but
    lists and integers (then the caller walks it)."""
    leaves = int_leaves(node)
    if leaves is None:
        return None
    text = np.frombuffer(orjson.dumps(node), dtype=np.uint8)
    level = np.cumsum((text == 91).astype(np.int32) - (text == 93))  # "[" and "]"
    number = (text >= 48) & (text <= 57) | (text == 45)
    return bool(level.max() <= depth and np.all(level[number] == depth)
                and (leaves.size == 0 or (leaves.min() >= 0 and leaves.max() < count)))


def _indices(node: object) -> Iterator[object]:
    """Every leaf of a boundaries hierarchy (integers when well formed)."""
    if isinstance(node, list):
        for item in node:
            yield from _indices(item)
    else:
        yield node


def city_objects(data: CityDocument) -> Mapping[str, JsonValue]:
    """The City Objects (a dict, or a lean document's :class:`.cityjson_lean.LazyObjects`)."""
    objects = data.get("CityObjects")
    return objects if isinstance(objects, dict | cityjson_lean.LazyObjects) else {}


def geometries(data: CityDocument) -> Iterator[tuple[str, str, JsonObject]]:
    """(object ID, pointer, geometry) of every City Object's geometry."""
    for key, obj in city_objects(data).items():
        geometry = obj.get("geometry") if isinstance(obj, dict) else None
        for i, geom in enumerate(geometry if isinstance(geometry, list) else []):
            if isinstance(geom, dict):
                yield key, f"{city_object_pointer(key)}/geometry/{i}", geom


def _templates(data: CityDocument) -> tuple[JsonArray, int]:
    block = data.get("geometry-templates")
    if not isinstance(block, dict):
        return [], 0
    templates = block.get("templates")
    vertices = block.get("vertices-templates")
    return (templates if isinstance(templates, list) else []), (len(vertices) if isinstance(vertices, list) else 0)


def template_geometries(data: CityDocument) -> Iterator[tuple[str, JsonObject]]:
    """(pointer, geometry) of every geometry template (CityJSON 2.0, geometry-templates)."""
    templates, _ = _templates(data)
    for i, template in enumerate(templates):
        if isinstance(template, dict):
            yield f"/geometry-templates/templates/{i}", template


def template_vertices(data: CityDocument) -> Points | None:
    """The templates' vertices (``vertices-templates``: real coordinates, never transformed) as an
    n x 3 array, or None where they are not well formed (SC-CITY-001's finding)."""
    block = data.get("geometry-templates")
    vertices = block.get("vertices-templates", []) if isinstance(block, dict) else []
    try:
        return np.array(vertices, dtype=np.float64).reshape(-1, 3)
    except (TypeError, ValueError):
        return None


def _capped(found: list[Finding], extra: int, rule: str | None) -> list[Finding]:
    if extra:
        found.append(Finding.of(msg("scenes.cityjson-more", count=extra), rule=rule))
    return found


def vertex_indices(data: CityDocument) -> list[Finding]:
    """SC-CITY-002: boundaries index ``vertices``; a GeometryInstance names a template of
    ``geometry-templates`` and one vertex; template boundaries index ``vertices-templates``."""
    vertices = data.get("vertices")
    count = len(vertices) if isinstance(vertices, list | np.ndarray) else 0
    templates, template_vertices = _templates(data)
    found: list[Finding] = cityjson_seq.findings(data, "vertices")  # a CityJSONSeq's features' own
    extra = 0

    def check(pointer: str, boundaries: object, limit: int, rule: str, what: str) -> None:
        nonlocal extra
        leaves = int_leaves(boundaries)
        if leaves is not None:
            bad = leaves[(leaves < 0) | (leaves >= limit)].tolist()
        else:
            bad = [i for i in _indices(boundaries) if isinstance(i, int) and not 0 <= i < limit]
        if not bad:
            return
        if len(found) >= MAX_FINDINGS:
            extra += 1
            return
        found.append(Finding.of(msg("scenes.cityjson-vertex-index", what=what, index=bad[0], count=limit,
                                    bad=len(bad)),
                                pointer=pointer + "/boundaries", expected=f"0 .. {limit - 1}", actual=bad[0],
                                rule=rule))

    for _, pointer, geom in geometries(data):
        if geom.get("type") == "GeometryInstance":
            check(pointer, geom.get("boundaries"), count, "R1", "vertices")
            template = geom.get("template")
            if isinstance(template, int) and not 0 <= template < len(templates):
                found.append(Finding.of(msg("scenes.cityjson-template-index", index=template, count=len(templates)),
                                        pointer=pointer + "/template", actual=template, rule="R3"))
        else:
            check(pointer, geom.get("boundaries"), count, "R1", "vertices")
    for i, template in enumerate(templates):
        if isinstance(template, dict):
            check(f"/geometry-templates/templates/{i}", template.get("boundaries"), template_vertices,
                  "R2", "vertices-templates")
    return _capped(found, extra, None)


#: Each direction of a parent/child link: the member, the member that must name it back, and
#: the rules for a link to nothing and for a link stated from one end only.
LINKS = (("children", "parents", "R1", "R2"),
         ("parents", "children", "R3", "R4"))


def links(data: CityDocument) -> list[Finding]:
    """SC-CITY-003: every child and parent ID names a City Object of the file, and each link
    is stated from both ends (the child's ``parents`` lists the parent and the reverse)."""
    objects = city_objects(data)
    found: list[Finding] = []

    def ids(obj: object, member: str) -> JsonArray:
        value = obj.get(member) if isinstance(obj, dict) else None
        return value if isinstance(value, list) else []

    for key, obj in objects.items():
        base = city_object_pointer(key)
        for member, other, exists, lists in LINKS:
            for i, linked in enumerate(ids(obj, member)):
                if not isinstance(linked, str) or linked not in objects:
                    found.append(Finding.of(msg("scenes.cityjson-link-missing", member=member, id=linked),
                                            pointer=f"{base}/{member}/{i}", actual=linked, rule=exists))
                elif key not in ids(objects[linked], other):
                    found.append(Finding.of(msg("scenes.cityjson-link-one-way", id=linked, member=other, other=key),
                                            pointer=f"{base}/{member}/{i}", actual=linked, rule=lists))
        if len(found) >= MAX_FINDINGS:
            break
    return found


def real_vertices(data: CityDocument) -> Points | None:
    """The vertices in real-world coordinates (an n x 3 array) through ``transform``, or None
    where the vertices or the transform are not well formed (SC-CITY-001's finding)."""
    transform = data.get("transform")
    if not isinstance(transform, dict):
        return None
    try:
        vertices = np.array(data.get("vertices", []), dtype=np.float64).reshape(-1, 3)  # a copy, scaled in place
        scale = np.asarray(transform["scale"], dtype=np.float64).reshape(3)
        translate = np.asarray(transform["translate"], dtype=np.float64).reshape(3)
    except (TypeError, ValueError, KeyError):
        return None
    vertices *= scale
    vertices += translate
    return vertices


def snappable(points: Points | None, snap: float) -> TypeGuard[Points]:
    """Whether the vertices can be rounded to a grid of ``snap`` metres in int64: None (SC-CITY-001's finding),
    a coordinate not finite, or a spread past ``MAX_SNAP_STEPS`` grid steps (a reading bound) cannot."""
    return points is not None and bool(np.all(np.isfinite(points))) and not (
        points.size and np.ptp(points) / snap > MAX_SNAP_STEPS)


def unplaced(data: CityDocument, snap: float | None = None) -> bool:
    """Whether a file has something to place on its vertices that they cannot place, so a case judges none of it
    and records it not judged rather than passing over it (the fortieth reading's c5): with ``snap`` None, a
    ``geographicalExtent`` beside vertices or a ``transform`` not well formed (SC-CITY-004); else City Object
    geometry beside vertices not :func:`snappable` (the geometry cases)."""
    objects = [obj for obj in city_objects(data).values() if isinstance(obj, dict)]
    if snap is None:
        metadata = data.get("metadata")
        has = any("geographicalExtent" in obj for obj in [*objects, metadata] if isinstance(obj, dict))
        return has and real_vertices(data) is None
    return any(obj.get("geometry") for obj in objects) and not snappable(real_vertices(data), snap)


def _extent(value: object) -> Floats | None:
    if (isinstance(value, list) and len(value) == 6
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)):
        return np.asarray(value, dtype=np.float64)
    return None


def _outside(extent: Floats, points: Points, slack: Floats) -> int:
    if points.size == 0:
        return 0
    low, high = extent[:3] - slack, extent[3:] + slack
    return int(np.count_nonzero(np.any((points < low) | (points > high), axis=1)))


def extents(data: CityDocument) -> tuple[list[Finding], int]:
    """SC-CITY-004: ``metadata.geographicalExtent`` holds every vertex and a City Object's
    ``geographicalExtent`` every vertex of its geometries (real-world coordinates, with half
    a ``transform.scale`` step of slack); returns the findings and how many extents were judged."""
    points = real_vertices(data)
    if points is None:
        return [], 0
    transform = data["transform"]  # well formed: real_vertices read it
    scale = transform.get("scale") if isinstance(transform, dict) else None
    slack = np.abs(np.asarray(scale, dtype=np.float64)) / 2 + 1e-9
    found: list[Finding] = []
    judged = 0
    metadata = data.get("metadata")
    extent = _extent(metadata.get("geographicalExtent")) if isinstance(metadata, dict) else None
    if extent is not None:
        judged += 1
        if np.any(extent[:3] > extent[3:]):
            found.append(Finding.of(msg("scenes.cityjson-extent-order"), pointer="/metadata/geographicalExtent",
                                    actual=extent.tolist(), rule="R1"))
        else:
            outside = _outside(extent, points, slack)
            if outside:
                found.append(Finding.of(msg("scenes.cityjson-extent-dataset", count=outside),
                                        pointer="/metadata/geographicalExtent",
                                        actual=extent.tolist(), expected=_bbox(points), rule="R2"))
    for key, obj in city_objects(data).items():
        if not isinstance(obj, dict):
            continue
        own = _extent(obj.get("geographicalExtent"))
        if own is None:

            continue
        judged += 1
        used = _used(obj, len(points))
        pointer = f"{city_object_pointer(key)}/geographicalExtent"
        if np.any(own[:3] > own[3:]):
            found.append(Finding.of(msg("scenes.cityjson-extent-order"), pointer=pointer, actual=own.tolist(),
                                    rule="R1"))
            continue
        outside = _outside(own, points[used], slack)
        if outside:
            found.append(Finding.of(msg("scenes.cityjson-extent-object", id=key, count=outside), pointer=pointer,
                                    actual=own.tolist(), expected=_bbox(points[used]), rule="R3"))
        if len(found) >= MAX_FINDINGS:
            break
    return found, judged


def _used(obj: JsonObject, count: int) -> Indices | list[int]:
    """The vertex indices (0 .. count - 1, sorted, each once) the geometries of a City Object use,
    GeometryInstances apart."""
    geometry = obj.get("geometry")
    every = [geom.get("boundaries") for geom in (geometry if isinstance(geometry, list) else [])
             if isinstance(geom, dict) and geom.get("type") != "GeometryInstance"]
    leaves = [int_leaves(boundaries) for boundaries in every]
    arrays = [part for part in leaves if part is not None]
    if len(arrays) == len(leaves):
        flat = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
        return np.unique(flat[(flat >= 0) & (flat < count)])
    return sorted({i for boundaries in every for i in _indices(boundaries) if isinstance(i, int) and 0 <= i < count})


def _bbox(points: Points) -> list[float]:

    return [*points.min(axis=0).tolist(), *points.max(axis=0).tolist()] if points.size else []


def reference_system(data: JsonObject) -> tuple[list[Finding], str | None]:
    """SC-CITY-005: ``metadata.referenceSystem`` is present and an OGC CRS URL
    (``http(s)://www.opengis.net/def/crs/{authority}/{version}/{code}``), an EPSG code being
    a positive integer; returns the findings and the CRS."""
    metadata = data.get("metadata")
    crs = metadata.get("referenceSystem") if isinstance(metadata, dict) else None
    if crs is None:
        return [Finding.of(msg("scenes.cityjson-crs-missing"), pointer="/metadata", rule="R1")], None
    if not isinstance(crs, str) or (match := CRS_URL.match(crs)) is None:
        return [Finding.of(msg("scenes.cityjson-crs-form"), pointer="/metadata/referenceSystem", actual=crs,
                           expected="http(s)://www.opengis.net/def/crs/{authority}/{version}/{code}",
                           rule="R2")], None
    if match["authority"].upper() == "EPSG" and not (match["code"].isdigit() and int(match["code"]) > 0):
        return [Finding.of(msg("scenes.cityjson-crs-code", code=match["code"]), pointer="/metadata/referenceSystem",
                           actual=crs, rule="R3")], None
    return [], crs


def lods(data: JsonObject) -> tuple[list[Finding], int]:
    """SC-CITY-006: every geometry (of a City Object or a template) other than a
    GeometryInstance has an ``lod`` of CityJSON 2.0's list; returns findings and the count."""
    found: list[Finding] = []
    templates, _ = _templates(data)
    every = chain(((pointer, geom) for _, pointer, geom in geometries(data)),
                  ((f"/geometry-templates/templates/{i}", t) for i, t in enumerate(templates) if isinstance(t, dict)))
    judged = 0  # (one geometry at a time: a lean model's City Objects are not all held at once)
    for pointer, geom in every:
        if geom.get("type") == "GeometryInstance":
            continue
        judged += 1
        lod = geom.get("lod")
        if lod not in LODS:
            found.append(Finding.of(msg("scenes.cityjson-lod", lod=json.dumps(lod)), pointer=pointer + "/lod",
                                    actual=lod, expected=sorted(LODS), check="lod-value"))
            if len(found) >= MAX_FINDINGS:
                break
    return found, judged
