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

Memory is bounded by the model's structure, not its count of parts (issue 72): :func:`model_cost`
decodes the JSON into only what the counts need (msgspec, typed: each accessor held as its
``count`` alone, every other member skipped unbuilt) rather than the whole document, where a
glTF of 400 000 accessors took 250 MB of Python objects (and orjson about twice that while
parsing). What parse_json refuses (nesting past its depth, a member name repeated in an
object) is found by one streaming scan of the text that holds only the names of the objects
open at a time; such a model is not counted, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgspec

from conformance.area import DEFAULT_MAX_DEPTH

from .._shared.numbers import as_integer
from . import gltf

if TYPE_CHECKING:
    from conformance.area import JsonObject

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


class _Accessor(msgspec.Struct, gc=False):
    """An accessor as the counts read it: its ``count`` member (None when it has none)."""

    count: Any = None


class _Model(msgspec.Struct):
    """The members of a glTF document the counts read; UNSET where the document has none."""

    nodes: Any = msgspec.UNSET
    meshes: Any = msgspec.UNSET
    #: an accessor that is not an object is kept as the value it is (never counted)
    accessors: list[_Accessor | list[Any] | str | int | float | bool | None] | msgspec.UnsetType = msgspec.UNSET


_DECODER = msgspec.json.Decoder(_Model)


def model_cost(data: bytes, name: str) -> Cost:
    """The cost of drawing the glTF or GLB ``data`` (see :func:`drawing_cost`), its JSON decoded
    into only what the counts read; not counted (``unknown`` "") when the JSON cannot be read
    or parse_json would refuse it."""
    json_bytes: bytes | None = data
    if data[:4] == b"glTF":
        json_bytes = gltf.glb_json(data)
    if json_bytes is None:
        return Cost(unknown="")
    try:
        model = _DECODER.decode(json_bytes)
    except msgspec.ValidationError:  # a document or accessors of another shape: read whole, as before
        asset = gltf.read(data, name)
        return drawing_cost(asset.document) if asset.parsed else Cost(unknown="")
    except msgspec.DecodeError:
        return Cost(unknown="")
    if not members_sound(json_bytes):
        return Cost(unknown="")
    document = {key: value for key in ("nodes", "meshes", "accessors")
                if (value := getattr(model, key)) is not msgspec.UNSET}
    return drawing_cost(document)


#: a JSON string (a member name when a colon follows) or a bracket: the scan's tokens; matching
#: every string in order keeps it aligned (outside strings JSON has no quote character)
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?|[{}\[\]]')


def members_sound(body: bytes, max_depth: int = DEFAULT_MAX_DEPTH) -> bool:
    """Whether well-formed JSON ``body`` nests no deeper than ``max_depth`` and repeats no
    member name within an object (parse_json's two refusals), scanned without building it:
    what is held is the names of the objects open at a time."""
    open_names: list[set[bytes] | None] = []  # per open container: an object's names, None for an array
    for token in _TOKEN.finditer(body):
        first = body[token.start()]
        if first == 0x22:  # '"'
            if token.group(1) is not None and open_names:
                names = open_names[-1]
                if names is not None:
                    name = body[token.start():token.start() + len(token.group(0)) - len(token.group(1))]
                    # names compared decoded: "a" and "\u0061" are one name
                    key = name if b"\\" not in name else msgspec.json.encode(msgspec.json.decode(name))
                    if key in names:
                        return False
                    names.add(key)
        elif first in b"{[":
            open_names.append(set() if first == 0x7B else None)
            if len(open_names) > max_depth:
                return False
        elif open_names:
            open_names.pop()
    return True


def _count(document: JsonObject, accessor: Any) -> int | None:
    accessors = document.get("accessors")
    accessor = as_integer(accessor)
    if accessor is None or not isinstance(accessors, list) or not 0 <= accessor < len(accessors):
        return None
    entry = accessors[accessor]
    if isinstance(entry, dict):
        count = entry.get("count")
    elif isinstance(entry, _Accessor):
        count = entry.count
    else:
        return None
    whole = as_integer(count)
    return whole if whole is not None and whole >= 0 else None


def _primitive(document: JsonObject, primitive: Any) -> tuple[int, int] | None:
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


def _instances(document: JsonObject, node: JsonObject) -> int | None:
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
