"""Checks of 3D Tiles 1.1 tilesets that need no external validator.

A tileset is a JSON file with ``asset`` and ``root`` members (OGC 3D Tiles 1.1, "Tileset
JSON"). :func:`walk` visits its explicit tiles with the coordinate frame each lives in;
:func:`containment`, :func:`geometric_errors` and :func:`content_references` return the
findings of SC-TILE-002, -003 and -004. The tileset's structure (SC-TILE-001) is its JSON
Schema, ``schemas/scenes/tileset.json``.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard, TypeVar
from urllib.parse import unquote, urlsplit

import numpy as np

from conformance import Finding, Inconclusive, current_evidence, msg

from . import volumes

if TYPE_CHECKING:
    from conformance import FileTarget
    from conformance.area import JsonObject, JsonValue

T = TypeVar("T")

SCHEMA = "https://metaverse-conformance.org/schemas/scenes/tileset.json"
#: Content files that are glTF 2.0 (3D Tiles 1.1 "glTF" tile format): the assets area's validator judges them.
GLTF_SUFFIXES = {".glb", ".gltf"}
#: the reading bound 「瓦片集的瓦片数」 of 5.1: the tiles after it are not judged, which leaves the case inconclusive
#: unless something fails (forty-first reading, c10: a tileset of 300 000 tiles passed on its first 200 000)
MAX_TILES = 200_000


def is_tileset(data: object) -> TypeGuard[JsonObject]:
    return isinstance(data, dict) and isinstance(data.get("asset"), dict) and "root" in data


@dataclass(frozen=True)
class Tileset:
    path: Path
    name: str
    data: JsonObject


def json_documents(files: FileTarget, accept: Callable[[object], TypeGuard[T]]) -> list[tuple[Path, str, T]]:
    """(path, display name, data) of the .json files of a file target whose data ``accept``
    takes; a .json file that does not parse is a finding (tilesets here, city models in
    :mod:`.cityjson`)."""
    found: list[tuple[Path, str, T]] = []
    for doc in files.documents(suffixes=(".json",)):
        data: object = doc.data
        if accept(data):
            found.append((doc.path, doc.name, data))
    return found


def tilesets(files: FileTarget) -> list[Tileset]:
    """The tileset JSON files of a file target (.json files with asset and root members); a
    .json file that does not parse is a finding; none at all makes the test inconclusive."""
    found = [Tileset(*item) for item in json_documents(files, is_tileset)]
    if not found:
        raise Inconclusive(msg("scenes.no-tileset"))
    return found


@dataclass
class Tile:
    pointer: str
    data: JsonObject
    frame: volumes.Array  # 4x4 matrix: the tile's coordinates -> the tileset's
    volume: volumes.Volume | None
    ancestors: list[Tile] = field(default_factory=list)


def walk(tileset: JsonObject) -> Iterator[Tile]:
    """The explicit tiles, root first; tiles that are not objects are the schema's findings."""
    root = tileset.get("root")
    if not isinstance(root, dict):
        return
    stack: list[tuple[str, JsonObject, volumes.Array, list[Tile]]] = [("/root", root, volumes.IDENTITY, [])]
    seen = 0
    while stack and seen < MAX_TILES:
        pointer, data, outer, ancestors = stack.pop()
        seen += 1
        transform = data.get("transform")
        frame = outer @ volumes.matrix(transform if _matrix(transform) else None)
        tile = Tile(pointer, data, frame, volumes.parse(data.get("boundingVolume"), frame), ancestors)
        yield tile
        children = data.get("children")
        if isinstance(children, list):
            for index in range(len(children) - 1, -1, -1):
                child = children[index]
                if isinstance(child, dict):
                    stack.append((f"{pointer}/children/{index}", child, frame, [*ancestors, tile]))
    if stack:
        current_evidence().unjudged(f"tiles after {pointer}", msg("scenes.tiles-past-bound", cap=MAX_TILES))


def _matrix(value: object) -> TypeGuard[list[float]]:
    """A tile's ``transform``: 16 numbers (else the schema's finding, and the tile is placed as if it had none)."""
    return (isinstance(value, list) and len(value) == 16
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value))


def contents(tile: Tile) -> Iterator[tuple[str, JsonObject]]:
    """(pointer, content object) of a tile's ``content`` and ``contents``."""
    single = tile.data.get("content")
    if isinstance(single, dict):
        yield f"{tile.pointer}/content", single
    several = tile.data.get("contents")
    if isinstance(several, list):
        for index, item in enumerate(several):
            if isinstance(item, dict):
                yield f"{tile.pointer}/contents/{index}", item


@dataclass
class Containment:
    findings: list[Finding]
    judged: int
    not_comparable: int


def containment(tileset: JsonObject) -> Containment:
    """Each content bounding volume inside its tile's bounding volume and inside every
    ancestor's ("Bounding volume spatial coherence": the content of child tiles is completely
    inside the parent's bounding volume; a child's own bounding volume need not be)."""
    found: list[Finding] = []
    judged = skipped = 0
    for tile in walk(tileset):
        for pointer, content in contents(tile):
            if "boundingVolume" not in content:
                continue
            inner = volumes.parse(content["boundingVolume"], tile.frame)
            if inner is None:
                continue
            for holder, rule in [(tile, "content-in-tile"), *((a, "content-in-ancestor") for a in tile.ancestors)]:
                if holder.volume is None:
                    continue
                inside = volumes.encloses(holder.volume, inner)
                if inside is None:
                    skipped += 1
                    continue
                judged += 1
                if not inside:
                    key = "scenes.content-outside-tile" if holder is tile else "scenes.content-outside-ancestor"
                    expected = msg("scenes.expect-inside", volume=volumes.describe(holder.volume))
                    found.append(Finding.of(msg(key, tile=holder.pointer), pointer=f"{pointer}/boundingVolume",
                                            expected=expected, actual=volumes.describe(inner), check=rule))
    return Containment(found, judged, skipped)


def property_ranges(tileset: JsonObject) -> list[Finding]:
    """A legacy per-feature property summary whose maximum is below its minimum (the tileset
    schema's ``properties``: "The maximum value shall not be smaller than the minimum value")."""
    found = []
    summary = tileset.get("properties")
    for name, item in sorted(summary.items()) if isinstance(summary, dict) else []:
        low = item.get("minimum") if isinstance(item, dict) else None
        high = item.get("maximum") if isinstance(item, dict) else None
        if _number(low) and _number(high) and high < low:
            found.append(Finding.of(msg("scenes.property-range", name=name, low=low, high=high),
                                    pointer=f"/properties/{name}", expected="maximum >= minimum",
                                    actual=[low, high], check="properties-range"))
    return found


def geometric_errors(tileset: JsonObject) -> list[Finding]:
    """A child's geometricError not above its parent's (3D Tiles 1.1, "Geometric error")."""
    found = []
    for tile in walk(tileset):
        if not tile.ancestors:
            continue
        parent = tile.ancestors[-1].data.get("geometricError")
        mine = tile.data.get("geometricError")
        if _number(parent) and _number(mine) and mine > parent:
            found.append(Finding.of(msg("scenes.geometric-error-grows", parent=parent),
                                    pointer=f"{tile.pointer}/geometricError", expected=f"<= {parent}", actual=mine,
                                    check="geometric-error-monotonic"))
    return found


def _number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and bool(np.isfinite(value))


@dataclass
class Reference:
    pointer: str
    uri: str
    path: Path | None  # the file it names (resolved against the tileset JSON's folder, dot segments removed)


def _relative(uri: str, pointer: str, folder: Path, found: list[Finding]) -> Reference | None:
    """A relative-path reference resolved against ``folder`` as RFC 3986 (5.2) resolves it, dot
    segments removed, so a ``..`` may lead above ``folder`` (where a reference may lead is the
    caller's to judge: the folder the target declares); a finding (and None) when it is no
    relative path: empty, an absolute path, or a backslash (no URI character)."""
    relative = unquote(urlsplit(uri).path)
    if not relative or relative.startswith("/") or "\\" in relative:
        found.append(Finding.of(msg("scenes.uri-escapes", uri=uri), pointer=pointer, actual=uri,
                                check="content-relative-path"))
        return None
    return Reference(pointer, uri, Path(posixpath.normpath(posixpath.join(folder.as_posix(), relative))))


def _followed(uri: object) -> bool:
    """A non-empty relative reference (data: and absolute URIs are not followed)."""
    return isinstance(uri, str) and bool(uri) and not urlsplit(uri).scheme and not uri.startswith("//")


#: what the template variables of an implicit tileset's root subtree are (3D Tiles 1.1, "Template URIs")
ROOT_SUBTREE = {"{level}": "0", "{x}": "0", "{y}": "0", "{z}": "0"}


def content_references(tileset: JsonObject, folder: Path) -> tuple[list[Reference], list[Finding], int]:
    """The references of a tileset whose JSON is in ``folder`` that must resolve ("All URIs
    shall be valid and resolvable"): content URIs, ``schemaUri`` and an implicit tileset's root
    subtree (its template with level, x, y, z at 0), resolved to paths (which may lie above
    ``folder``); the findings of those that are no relative path; and how many are data:,
    absolute or template content URIs (not followed)."""
    references: list[Reference] = []
    found: list[Finding] = []
    other = 0
    wanted: list[tuple[str, JsonValue]] = []
    if "schemaUri" in tileset:
        wanted.append(("/schemaUri", tileset["schemaUri"]))
    for tile in walk(tileset):
        implicit = tile.data.get("implicitTiling")
        if isinstance(implicit, dict):
            subtrees = implicit.get("subtrees")
            template = subtrees.get("uri") if isinstance(subtrees, dict) else None
            if isinstance(template, str):
                for variable, value in ROOT_SUBTREE.items():
                    template = template.replace(variable, value)
                wanted.append((f"{tile.pointer}/implicitTiling/subtrees/uri", template))
        for pointer, content in contents(tile):
            if isinstance(implicit, dict):
                other += 1  # a template URI: its tiles are known only from the subtrees' availability
            else:
                wanted.append((f"{pointer}/uri", content.get("uri")))
    for pointer, uri in wanted:
        if not isinstance(uri, str) or not uri:
            continue  # the schema's finding
        if not _followed(uri):
            other += 1
            continue
        reference = _relative(uri, pointer, folder, found)
        if reference is not None:
            references.append(reference)
    return references, found, other


def extension_names(value: object) -> set[str]:
    """The names of every extension used anywhere in a JSON value (keys of ``extensions`` objects)."""
    names: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, member in item.items():
                if key == "extensions" and isinstance(member, dict):
                    names.update(member)
                stack.append(member)
        elif isinstance(item, list):
            stack.extend(item)
    return names


def declared_extensions(entry: JsonObject, found: set[str]) -> list[Finding]:
    """The findings of an entry tileset whose ``extensionsUsed`` misses an extension used in it
    or its external tilesets (``found``), or whose ``extensionsRequired`` names one it does not use."""
    used = entry.get("extensionsUsed")
    used_names = {n for n in used if isinstance(n, str)} if isinstance(used, list) else set()
    required = entry.get("extensionsRequired")
    required_names = [n for n in required if isinstance(n, str)] if isinstance(required, list) else []
    out = []
    for name in sorted(found - used_names):
        out.append(Finding.of(msg("scenes.extension-not-declared", name=name), pointer="/extensionsUsed",
                              expected=name, actual=sorted(used_names), check="extension-declared"))
    for name in required_names:
        if name not in used_names:
            out.append(Finding.of(msg("scenes.extension-required-not-used", name=name), pointer="/extensionsRequired",
                                  expected=msg("scenes.expect-in-used"), actual=name, check="required-in-used"))
    return out


def _key(path: Path) -> str:
    return os.path.normpath(os.path.abspath(path))


def external_tilesets(found: list[Tileset]) -> dict[str, list[str]]:
    """Each tileset (by normalised path) -> the tilesets of the target its content URIs name."""
    known = {_key(t.path) for t in found}
    graph: dict[str, list[str]] = {}
    for tileset in found:
        references, _, _ = content_references(tileset.data, tileset.path.parent)
        graph[_key(tileset.path)] = [k for r in references if r.path is not None and (k := _key(r.path)) in known]
    return graph


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """The cycles of external tileset references ("cannot be used to create cycles"), each once."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    found.append([*cycle, nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def reachable(graph: dict[str, list[str]], start: str) -> set[str]:
    """``start`` and every tileset reachable from it through external tileset references."""
    out, stack = {start}, [start]
    while stack:
        for nxt in graph.get(stack.pop(), []):
            if nxt not in out:
                out.add(nxt)
                stack.append(nxt)
    return out


def implied_extensions(tileset: JsonObject) -> set[str]:
    """Extensions a tileset uses without naming them: glTF content in a 3D Tiles 1.0 tileset is
    the extension 3DTILES_content_gltf's (3D Tiles 1.1 made glTF a core tile format)."""
    asset = tileset.get("asset")
    if not isinstance(asset, dict) or asset.get("version") != "1.0":
        return set()
    for tile in walk(tileset):
        for _, content in contents(tile):
            uri = content.get("uri")
            if isinstance(uri, str) and posixpath.splitext(urlsplit(uri).path)[1].lower() in GLTF_SUFFIXES:
                return {"3DTILES_content_gltf"}
    return set()


#: ellipsoidal heights a georeferenced tileset's root may stand at, in metres (below the Dead Sea
#: shore to above the highest summit and structure): a root outside is not placed on the Earth
HEIGHTS = (-1000.0, 10000.0)


def geolocation(tileset: JsonObject) -> tuple[str, float, float, float] | None:
    """Where a tileset's root is on the WGS 84 ellipsoid: ("region", ...) for a region root, or
    ("ecef", ...) for a box or sphere root whose centre, in the tileset frame read as ECEF
    (EPSG:4978), is (longitude, latitude, height); None when the root has no usable volume."""
    root = next(walk(tileset), None)
    if root is None or root.volume is None:
        return None
    if isinstance(root.volume, volumes.Region):
        region = root.volume
        return ("region", float(np.degrees((region.west + region.east) / 2)),
                float(np.degrees((region.south + region.north) / 2)), (region.low + region.high) / 2)
    return ("ecef", *volumes.geodetic(root.volume.centre))


def _entities(tileset: JsonObject) -> Iterator[tuple[str, JsonValue]]:
    """(pointer, metadata entity) of the tileset, its groups, tiles and contents."""
    if "metadata" in tileset:
        yield "/metadata", tileset["metadata"]
    groups = tileset.get("groups")
    for index, group in enumerate(groups if isinstance(groups, list) else []):
        yield f"/groups/{index}", group
    for tile in walk(tileset):
        if "metadata" in tile.data:
            yield f"{tile.pointer}/metadata", tile.data["metadata"]
        for pointer, content in contents(tile):
            if "metadata" in content:
                yield f"{pointer}/metadata", content["metadata"]


def _classes(schema: object) -> dict[str, JsonObject]:
    classes = schema.get("classes") if isinstance(schema, dict) else None
    return {k: v for k, v in classes.items() if isinstance(v, dict)} if isinstance(classes, dict) else {}


def _properties(cls: JsonObject) -> JsonObject:
    found = cls.get("properties")
    return found if isinstance(found, dict) else {}


def metadata_names(tileset: JsonObject, schema: JsonObject | None) -> list[Finding]:
    """Metadata that names what ``schema`` (the tileset's metadata schema) does not define:
    entities' classes and property IDs, required class properties left out, statistics of
    unknown classes or properties (3D Tiles 1.1, "Assigning Metadata", "Statistics"); with no
    schema (None: neither `schema` nor `schemaUri`), every class named is undefined."""
    classes, unknown = _classes(schema), ("scenes.metadata-class-unknown" if schema is not None
                                             else "scenes.metadata-no-schema")
    found: list[Finding] = []
    for pointer, entity in _entities(tileset):
        if not isinstance(entity, dict) or not isinstance(entity.get("class"), str):
            continue  # the schema's finding
        name = entity["class"]
        if name not in classes:
            found.append(Finding.of(msg(unknown, name=name), pointer=f"{pointer}/class",
                                    expected=sorted(classes), actual=name, check="class-defined"))
            continue
        defined = _properties(classes[name])
        values = entity.get("properties")
        given: JsonObject = values if isinstance(values, dict) else {}

        for prop in sorted(set(given) - set(defined)):
            found.append(Finding.of(msg("scenes.metadata-property-unknown", name=prop, cls=name),
                                    pointer=f"{pointer}/properties/{prop}", check="property-defined"))
        for prop, spec in sorted(defined.items()):
            if isinstance(spec, dict) and spec.get("required") is True and prop not in given:
                found.append(Finding.of(msg("scenes.metadata-property-missing", name=prop, cls=name),
                                        pointer=f"{pointer}/properties", expected=prop, check="required-given"))
    statistics = tileset.get("statistics")
    stats = statistics.get("classes") if isinstance(statistics, dict) else None
    for name, entry in (stats.items() if isinstance(stats, dict) else []):
        if name not in classes:
            found.append(Finding.of(msg(unknown, name=name),
                                    pointer=f"/statistics/classes/{name}", expected=sorted(classes), actual=name,
                                    check="class-defined"))
            continue
        props = entry.get("properties") if isinstance(entry, dict) else None
        for prop in sorted(set(props) - set(_properties(classes[name]))) if isinstance(props, dict) else []:
            found.append(Finding.of(msg("scenes.metadata-property-unknown", name=prop, cls=name),
                                    pointer=f"/statistics/classes/{name}/properties/{prop}", check="property-defined"))
    return found


def uses_metadata(tileset: JsonObject) -> bool:
    return "statistics" in tileset or any(True for _ in _entities(tileset))
