"""CityJSON Text Sequences (CityJSONSeq, ``.city.jsonl``; CityJSON 2.0 "CityJSON Text Sequences"
and "CityJSONFeature"): a CityJSON header line (``CityObjects`` and ``vertices`` empty, its
``transform`` applying to every feature) and then one ``CityJSONFeature`` per line, each with the
City Objects of one top-level object and its own ``vertices``, indexed from 0 within the feature.

:func:`read` reads such a file line by line (one line's text at a time, never the file as one
document) and assembles the model every SC-CITY check judges for a ``.city.json``: the header's
members, every feature's vertices appended into one ``n x 3`` NumPy array (each feature's
boundary indices shifted by the vertices before it) and the City Objects as a
:class:`.cityjson_lean.LazyObjects` over a spill file (each re-encoded once and decoded when a
check reads it), so memory holds neither the file's text nor every City Object at once.

What only a sequence can get wrong is found while reading, with the line number: for SC-CITY-001
(``schema``) a line that is not JSON, a first line that is not a CityJSON header with empty
``CityObjects`` and ``vertices``, a later line that is not a CityJSONFeature, a feature whose
``id`` is not one of its top-level City Objects, vertices that are not integer triples; for
SC-CITY-002 (``vertices``) an index beyond the feature's own vertices (shifted, it would name
another feature's vertex and pass unseen). Such a line adds nothing to the model.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping

from typing import IO, TYPE_CHECKING

import numpy as np
import orjson

from conformance import Finding, msg

from .boundaries import Indices
from .cityjson_lean import CityMember, LazyObjects

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject, JsonValue

SUFFIXES = (".jsonl",)


class SequenceModel(dict[str, CityMember]):
    """The assembled model (a plain CityJSON document for the checks) and, by requirement kind
    (``schema``, ``vertices``), the findings only the sequence's lines could show."""

    findings: dict[str, list[Finding]]


#: findings of one kind kept per file; the rest are counted (as cityjson.MAX_FINDINGS)
MAX_FINDINGS = 50


class _Found:
    """The findings of each kind, the first MAX_FINDINGS kept; past them, how many more there
    were and the rule of the first one left out (said in one closing finding)."""

    def __init__(self) -> None:
        self.kept: dict[str, list[Finding]] = {}
        self.more: dict[str, tuple[int, str | None]] = {}

    def add(self, kind: str, finding: Finding) -> None:
        kept = self.kept.setdefault(kind, [])
        if len(kept) < MAX_FINDINGS:
            kept.append(finding)
        else:
            count, rule = self.more.get(kind, (0, finding.rule))
            self.more[kind] = (count + 1, rule)

    def line(self, kind: str, line: int, key: str, check: str, **values: object) -> None:
        # the sequence's own findings are SC-CITY-001's, which defines no rules: the item is `check`
        self.add(kind, Finding.of(msg(key, line=line, **values), line=line, check=check))

    def done(self) -> dict[str, list[Finding]]:
        for kind, (count, rule) in self.more.items():
            self.kept[kind].append(Finding.of(msg("scenes.cityjson-more", count=count), rule=rule))
        return self.kept


def _shift(node: JsonValue, offset: int, limit: int) -> tuple[JsonValue, int | None]:
    """``node`` (nested lists of indices) with every index in ``0 .. limit-1`` shifted by
    ``offset``, and the first index found outside that range (negative ones and non-integers
    are kept as they are, for the schema and SC-CITY-002 to judge as in a ``.city.json``)."""
    bad: int | None = None

    def walk(value: JsonValue) -> JsonValue:
        nonlocal bad
        if isinstance(value, list):
            return [walk(item) for item in value]
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            if value >= limit and bad is None:
                bad = value
            return value + offset
        return value

    return walk(node), bad


def _vertices(value: object) -> Indices | None:
    """A feature's ``vertices`` as an ``n x 3`` int64 array, or None if not integer triples."""
    if not isinstance(value, list):
        return None
    if not value:
        return np.empty((0, 3), dtype=np.int64)
    if not all(isinstance(v, list) and len(v) == 3 and all(type(c) is int for c in v) for v in value):
        return None
    try:
        return np.array(value, dtype=np.int64)
    except OverflowError:
        return None


def read(handle: IO[bytes]) -> SequenceModel:
    """The model of the CityJSONSeq read from ``handle`` (see the module)."""
    found = _Found()
    header: JsonObject = {}
    parts: list[Indices] = []
    count = 0
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index: dict[str, int] = {}  # City Object id -> its position in keys
    spill = tempfile.TemporaryFile()  # noqa: SIM115 - its descriptor outlives this function
    at = 0
    try:
        for number, text in enumerate(handle, start=1):
            try:
                line: JsonValue = orjson.loads(text)
            except orjson.JSONDecodeError as exc:
                found.line("schema", number, "scenes.cityjsonseq-not-json", "sequence-json", error=str(exc)[:120])
                continue
            if number == 1:
                if (not isinstance(line, dict) or line.get("type") != "CityJSON"
                        or line.get("CityObjects") != {} or line.get("vertices") != []):
                    found.line("schema", number, "scenes.cityjsonseq-header", "sequence-header")
                if isinstance(line, dict):
                    header = line
                continue
            kind = line.get("type") if isinstance(line, dict) else None
            if not isinstance(line, dict) or kind != "CityJSONFeature":
                found.line("schema", number, "scenes.cityjsonseq-not-feature", "sequence-feature",
                         type=orjson.dumps(kind).decode()[:60])
                continue
            objects, vertices = line.get("CityObjects"), _vertices(line.get("vertices"))
            if not isinstance(objects, dict) or vertices is None:
                found.line("schema", number, "scenes.cityjsonseq-feature-members", "sequence-feature")
                continue
            ident = line.get("id")
            top = objects.get(ident) if isinstance(ident, str) else None
            if not isinstance(top, dict) or top.get("parents"):
                found.line("schema", number, "scenes.cityjsonseq-id", "sequence-id",
                         id=orjson.dumps(ident).decode()[:60])

            reported = False
            for key, obj in objects.items():
                geometries = obj.get("geometry") if isinstance(obj, dict) else None
                if isinstance(obj, dict) and isinstance(geometries, list):
                    geometry: JsonArray = []
                    for geom in geometries:
                        if isinstance(geom, dict) and "boundaries" in geom:
                            shifted, bad = _shift(geom["boundaries"], count, len(vertices))
                            geom = {**geom, "boundaries": shifted}
                            if bad is not None and not reported:
                                reported = True
                                found.add("vertices", Finding.of(
                                    msg("scenes.cityjsonseq-vertex-index", line=number, index=bad,
                                        count=len(vertices)),
                                    line=number, expected=f"0 .. {len(vertices) - 1}", actual=bad,
                                    rule="R1"))
                        geometry.append(geom)
                    obj = {**obj, "geometry": geometry}
                body = orjson.dumps(obj)
                spill.write(body)
                if key in index:  # a later feature's object of the same id replaces it, as in a dict
                    i = index[key]
                    starts[i], ends[i] = at, at + len(body)
                else:
                    index[key] = len(keys)
                    keys.append(key)
                    starts.append(at)
                    ends.append(at + len(body))
                at += len(body)
            parts.append(vertices)
            count += len(vertices)
        spill.flush()
        model = SequenceModel({key: value for key, value in header.items() if key not in ("CityObjects", "vertices")})
        model["CityObjects"] = LazyObjects.on_descriptor(keys, np.array(starts, dtype=np.int64),
                                                         np.array(ends, dtype=np.int64), os.dup(spill.fileno()))
        model["vertices"] = np.concatenate(parts) if parts else np.empty((0, 3), dtype=np.int64)
        model.findings = found.done()
        return model
    finally:
        spill.close()


def findings(data: object, kind: str) -> list[Finding]:
    """The findings of ``kind`` the sequence's lines showed ([] for any other model)."""
    return list(getattr(data, "findings", {}).get(kind, []))


def _family(objects: Mapping[str, Mapping[str, object]], root: str, offspring: dict[str, list[str]]) -> list[str]:
    """``root`` and its descendants, each once: those its objects name as ``children`` and
    those naming one of them among their ``parents`` (a link stated from one end stays with it)."""
    order, todo = [], [root]
    while todo:
        key = todo.pop(0)
        if key in order or key not in objects:
            continue
        order.append(key)
        todo += [child for child in _list(objects[key].get("children")) if isinstance(child, str)]
        todo += offspring.get(key, [])
    return order


def _list(value: object) -> list[object]:
    """``value`` when it is an array, else none (a member absent or of another type)."""
    return value if isinstance(value, list) else []


def lines(data: Mapping[str, object]) -> Iterator[bytes]:
    """A CityJSON document (integer vertices) as the lines of a CityJSONSeq, one at a time: the
    header, then a CityJSONFeature for each top-level City Object with its descendants and the
    vertices they use (in the document's order, indices renumbered from 0; an index past the
    document's vertices stays past the feature's). For fixtures and ``generate city``; City
    Objects that are not JSON objects are left out."""
    vertices = _list(data.get("vertices"))
    given = data.get("CityObjects")
    objects = {key: obj for key, obj in given.items() if isinstance(obj, dict)} if isinstance(given, dict) else {}
    yield orjson.dumps({**data, "CityObjects": {}, "vertices": []})
    offspring: dict[str, list[str]] = {}
    for key, obj in objects.items():
        for parent in _list(obj.get("parents")):
            if isinstance(parent, str):
                offspring.setdefault(parent, []).append(key)
    for root, obj in objects.items():
        if obj.get("parents"):
            continue
        family = {key: objects[key] for key in _family(objects, root, offspring)}
        geometries = {key: _list(o.get("geometry")) for key, o in family.items()}
        indices = {i for every in geometries.values() for g in every if isinstance(g, dict)
                   for i in _leaves(g.get("boundaries"))}
        used = sorted(i for i in indices if 0 <= i < len(vertices))
        local = {old: new for new, old in enumerate(used)}
        local.update((i, len(used) + i - len(vertices)) for i in indices if i >= len(vertices))
        renumbered = {key: {**o, "geometry": [{**g, "boundaries": _renumber(g.get("boundaries"), local)}
                                             if isinstance(g, dict) else g for g in geometries[key]]}
                      if "geometry" in o else o
                      for key, o in family.items()}
        yield orjson.dumps({"type": "CityJSONFeature", "id": root, "CityObjects": renumbered,
                            "vertices": [vertices[i] for i in used]})


def _leaves(node: object) -> list[int]:
    if isinstance(node, list):
        return [i for item in node for i in _leaves(item)]
    return [node] if isinstance(node, int) else []


def _renumber(node: object, local: dict[int, int]) -> object:

    if isinstance(node, list):
        return [_renumber(item, local) for item in node]
    return local.get(node, node) if isinstance(node, int) else node
