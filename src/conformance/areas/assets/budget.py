"""What a glTF model costs to draw (AS-GLTF-003): draw calls, vertices and triangles counted
over the mesh primitives its nodes instantiate.

The Khronos glTF-Validator's report counts each mesh once, whether no node or a thousand
nodes instantiate it, so its figures are not the ones the requirement states: here each node
with a mesh draws every primitive of that mesh (one draw call each), and a node instanced by
EXT_mesh_gpu_instancing draws its primitives' vertices and triangles once per instance.

Counts come from the JSON only (accessor ``count``, primitive ``mode``), which is what the
validator itself counts from; whether those declarations match the buffers is AS-GLTF-001's.
Where a declaration needed for a count is missing or malformed the model is not counted
(``unknown`` says where), never guessed: the requirement is then inconclusive for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._shared.numbers import as_integer

#: glTF 2.0 3.7.2.1 (mesh.primitive.mode): 4 TRIANGLES (the default), 5 TRIANGLE_STRIP, 6 TRIANGLE_FAN;
#: points and lines (0 to 3) draw no triangle
TRIANGLES, TRIANGLE_STRIP, TRIANGLE_FAN = 4, 5, 6


@dataclass
class Cost:
    """What drawing a model's nodes costs; ``unknown`` is the JSON pointer of the first
    declaration that could not be read (then the counts are not the model's)."""

    draw_calls: int = 0
    vertices: int = 0
    triangles: int = 0
    unknown: str | None = None


def _count(document: dict[str, Any], accessor: Any) -> int | None:
    accessors = document.get("accessors")
    accessor = as_integer(accessor)
    if accessor is None or not isinstance(accessors, list) \
            or not 0 <= accessor < len(accessors) or not isinstance(accessors[accessor], dict):
        return None
    count = accessors[accessor].get("count")
    whole = as_integer(count)
    return whole if whole is not None and whole >= 0 else None


def _primitive(document: dict[str, Any], primitive: Any) -> tuple[int, int] | None:
    """(vertices, triangles) of one primitive, or None when its declarations do not say."""
    attributes = primitive.get("attributes") if isinstance(primitive, dict) else None
    if not isinstance(attributes, dict) or not attributes:
        return None
    # Every attribute of a primitive has the same count (3.7.2.1); POSITION is the usual one.
    vertices = _count(document, attributes.get("POSITION", next(iter(attributes.values()))))
    if vertices is None:
        return None
    drawn = vertices
    if "indices" in primitive:
        indices = _count(document, primitive["indices"])
        if indices is None:
            return None
        drawn = indices
    mode = primitive.get("mode", TRIANGLES)
    if mode == TRIANGLES:
        triangles = drawn // 3
    elif mode in (TRIANGLE_STRIP, TRIANGLE_FAN):
        triangles = max(drawn - 2, 0)
    elif isinstance(mode, int) and not isinstance(mode, bool) and 0 <= mode < TRIANGLES:
        triangles = 0
    else:
        return None
    return vertices, triangles


def _instances(document: dict[str, Any], node: dict[str, Any]) -> int | None:
    """How many times a node draws its mesh: 1, or EXT_mesh_gpu_instancing's instance count."""
    extensions = node.get("extensions")
    instancing = extensions.get("EXT_mesh_gpu_instancing") if isinstance(extensions, dict) else None
    if instancing is None:
        return 1
    attributes = instancing.get("attributes") if isinstance(instancing, dict) else None
    if not isinstance(attributes, dict) or not attributes:
        return None
    return _count(document, next(iter(attributes.values())))


def drawing_cost(document: Any) -> Cost:
    """The cost of drawing every node of a parsed glTF document that instantiates a mesh."""
    cost = Cost()
    if not isinstance(document, dict):
        cost.unknown = ""
        return cost
    nodes, meshes = document.get("nodes", []), document.get("meshes", [])
    if not isinstance(nodes, list) or not isinstance(meshes, list):
        cost.unknown = "/nodes" if not isinstance(nodes, list) else "/meshes"
        return cost
    for index, node in enumerate(nodes):
        if not isinstance(node, dict) or "mesh" not in node:
            continue
        mesh, instances = node["mesh"], _instances(document, node)
        primitives = meshes[mesh].get("primitives") if isinstance(mesh, int) and not isinstance(mesh, bool) \
            and 0 <= mesh < len(meshes) and isinstance(meshes[mesh], dict) else None
        if instances is None or not isinstance(primitives, list):
            cost.unknown = f"/nodes/{index}"
            return cost
        for number, primitive in enumerate(primitives):
            counted = _primitive(document, primitive)
            if counted is None:
                cost.unknown = f"/meshes/{mesh}/primitives/{number}"
                return cost
            cost.draw_calls += 1
            cost.vertices += counted[0] * instances
            cost.triangles += counted[1] * instances
    return cost
