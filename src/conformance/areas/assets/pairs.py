"""The same asset exported as glTF and as OpenUSD: what both must agree on (AS-USD-012).

A pair is a glTF file (``.gltf``, ``.glb``) and an OpenUSD file (``.usd``, ``.usda``, ``.usdc``,
``.usdz``) with the same stem in the ``asset_pairs`` role. Compared:

- names: each named glTF node of the default scene has a transformable USD prim of that name
  (as USD spells it: a character outside ``[A-Za-z0-9_]`` becomes ``_``, a leading digit gets a
  leading ``_``);
- the number of meshes (USD Mesh prims against the glTF primitives the scene draws, one USD
  mesh per primitive as exporters write them) and of materials (USD Material prims against the
  glTF materials those primitives use);
- the bounding box in metres, Y up: glTF's (POSITION accessors' min/max, which glTF requires,
  through each node's world transform) against USD's (``UsdGeom.BBoxCache``) scaled by its
  ``metersPerUnit`` and, for a Z-up stage, turned Y up. Units and up axis are thus judged by what
  they do to the geometry: a stage that declares centimetres but holds metres is 100 times off.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, TypedDict

import numpy as np

from conformance import Finding, msg

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject, JsonValue

GLTF_SUFFIXES = (".gltf", ".glb")
USD_SUFFIXES = (".usd", ".usda", ".usdc", ".usdz")


def usd_name(name: str) -> str:
    """A glTF node name as a USD prim name (an identifier)."""
    spelled = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return f"_{spelled}" if spelled[:1].isdigit() else spelled


def _list(value: JsonValue) -> JsonArray:
    """A member that should be an array, as one (empty when it is not: AS-GLTF-001 judges it)."""
    return value if isinstance(value, list) else []


def _local(node: JsonObject) -> np.ndarray:
    matrix = node.get("matrix")
    if isinstance(matrix, list) and len(matrix) == 16:
        return np.array(matrix, dtype=float).reshape(4, 4).T  # column-major in glTF
    t = np.array(node.get("translation", [0, 0, 0]), dtype=float)
    x, y, z, w = (float(v) for v in np.array(node.get("rotation", [0, 0, 0, 1]), dtype=float))
    s = np.array(node.get("scale", [1, 1, 1]), dtype=float)
    r = np.array([[1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
                  [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
                  [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)]])
    m = np.eye(4)
    m[:3, :3] = r * s
    m[:3, 3] = t
    return m


class GltfSummary(TypedDict):
    """What :func:`gltf_summary` reads of a glTF document, as :func:`compare` compares it."""

    names: list[str]
    meshes: int
    materials: int
    #: (min, max) corners in metres, Y up; None when no mesh declares its bounds
    bounds: list[list[float]] | None


def gltf_summary(document: JsonValue) -> GltfSummary:
    """Names, meshes, materials and bounds (metres, Y up) of a glTF document's default scene.
    Tolerant: what is malformed is left out (its validity is AS-GLTF-001's)."""
    doc = document if isinstance(document, dict) else {}
    nodes = [n if isinstance(n, dict) else {} for n in _list(doc.get("nodes"))]
    meshes_doc, accessors, scenes = _list(doc.get("meshes")), _list(doc.get("accessors")), _list(doc.get("scenes"))
    chosen = doc.get("scene", 0)
    index = chosen if isinstance(chosen, int) else 0
    scene = scenes[index] if 0 <= index < len(scenes) else None
    names: list[str] = []
    primitives = 0
    materials: set[int] = set()
    low = np.full(3, math.inf)
    high = np.full(3, -math.inf)
    roots = _list(scene.get("nodes")) if isinstance(scene, dict) else []
    todo = [(i, np.eye(4)) for i in roots if isinstance(i, int)]
    seen: set[int] = set()
    while todo:
        i, parent = todo.pop()
        if not 0 <= i < len(nodes) or i in seen:
            continue
        seen.add(i)
        node = nodes[i]
        world = parent @ _local(node)
        if isinstance(name := node.get("name"), str) and name:
            names.append(name)
        mesh = node.get("mesh")
        entry = meshes_doc[mesh] if isinstance(mesh, int) and 0 <= mesh < len(meshes_doc) else None
        for primitive in _list(entry.get("primitives")) if isinstance(entry, dict) else []:
            if not isinstance(primitive, dict):
                continue
            primitives += 1
            if isinstance(material := primitive.get("material"), int):
                materials.add(material)
            attributes = primitive.get("attributes")
            position = attributes.get("POSITION") if isinstance(attributes, dict) else None
            accessor = accessors[position] if isinstance(position, int) and 0 <= position < len(accessors) else None
            lo, hi = (accessor.get("min"), accessor.get("max")) if isinstance(accessor, dict) else (None, None)
            if isinstance(lo, list) and isinstance(hi, list) and len(lo) == len(hi) == 3:
                corners = np.array([[x, y, z, 1.0] for x in (lo[0], hi[0]) for y in (lo[1], hi[1])
                                    for z in (lo[2], hi[2])], dtype=float)
                moved = (world @ corners.T).T[:, :3]
                low, high = np.minimum(low, moved.min(axis=0)), np.maximum(high, moved.max(axis=0))
        todo.extend((c, world) for c in _list(node.get("children")) if isinstance(c, int))
    bounds = None if not np.isfinite(low).all() else [[float(v) for v in low], [float(v) for v in high]]
    return {"names": names, "meshes": primitives, "materials": len(materials), "bounds": bounds}


def usd_bounds_in_metres(facts: JsonObject) -> list[list[float]] | None:
    """The USD stage's bounds in metres, Y up (as glTF's)."""
    bounds = facts.get("bounds")
    if not isinstance(bounds, list) or not bounds:
        return None
    units = facts.get("metersPerUnit")
    scale = float(units) if isinstance(units, int | float) and units else 0.01  # OpenUSD's fallback: centimetres
    low, high = (np.array(corner, dtype=float) * scale for corner in bounds)
    if facts.get("upAxis") == "Z":  # Z up to Y up: (x, y, z) -> (x, z, -y)
        low, high = np.array([low[0], low[2], -high[1]]), np.array([high[0], high[2], -low[1]])
    return [[float(v) for v in low], [float(v) for v in high]]


def compare(usd: JsonObject, gltf: GltfSummary, tolerance: float) -> list[Finding]:
    """What a glTF and a USD export of one asset disagree on: each a finding, what it compared in its
    ``extra`` ``check`` (AS-USD-012 defines no rules)."""
    issues: list[Finding] = []
    listed = usd.get("names")
    prims = {n for n in listed if isinstance(n, str)} if isinstance(listed, list) else set()
    for name in gltf["names"]:
        if usd_name(name) not in prims:
            issues.append(Finding(msg("assets.pair-name-missing", name=name, spelled=usd_name(name)),
                                  expected=usd_name(name), actual=None, extra={"check": "names"}))
    counts = {"meshes": gltf["meshes"], "materials": gltf["materials"]}
    for member, what in (("meshes", msg("assets.pair-meshes")), ("materials", msg("assets.pair-materials"))):
        if usd.get(member) != counts[member]:
            issues.append(Finding(msg("assets.pair-count-differs", what=what), expected=counts[member],
                                  actual=usd.get(member), extra={"check": member}))
    theirs, ours = gltf["bounds"], usd_bounds_in_metres(usd)
    if theirs is not None and ours is not None:
        size = float(np.linalg.norm(np.array(theirs[1]) - np.array(theirs[0]))) or 1.0
        off = max(abs(a - b) for pair in zip(ours, theirs, strict=True) for a, b in zip(*pair, strict=True))
        if off > tolerance * size:
            issues.append(Finding(msg("assets.pair-bounds-differ", off=round(off, 6), up=usd.get("upAxis"),
                                      mpu=usd.get("metersPerUnit")),
                                  expected=[[round(v, 6) for v in c] for c in theirs],
                                  actual=[[round(v, 6) for v in c] for c in ours], extra={"check": "bounds"}))
    elif (theirs is None) != (ours is None):
        issues.append(Finding(msg("assets.pair-bounds-one-side"), expected=theirs, actual=ours,
                              extra={"check": "bounds"}))
    return issues
