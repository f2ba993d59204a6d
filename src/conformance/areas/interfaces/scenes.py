"""Shared scenes across a pair of platforms (IF-SCN-001, IF-SCN-002): the probe scene the
harness publishes, and what a platform's report of its interactive nodes must say.

The probe is a glTF 2.0 JSON document written here, one node per interactive extension both
platforms declare (among those the harness knows how to fill: the OMI glTF extensions
OMI_link, OMI_seat, OMI_spawn_point) and one plain node; its asset.extras carry a per-run
nonce so that each run's bytes, and their hash, are new. The expected interactive nodes are
read from the document itself, never from either platform.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

import orjson

from conformance import msg

from .._shared.discovery import DISCOVERY, declared_member

if TYPE_CHECKING:
    from conformance import HttpTarget
    from conformance.area import JsonObject, JsonValue

INTERACTIVE_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/scene-interactive.json"
PUBLISHED_SCHEMA = "https://metaverse-conformance.org/schemas/interfaces/scene-published.json"
GLTF_JSON = "model/gltf+json"
#: The node extensions the harness can put in a probe scene, with the object it puts there
#: (each valid for its OMI specification: OMI_seat needs back, foot and knee).
PROBE_EXTENSIONS: dict[str, JsonObject] = {
    "OMI_link": {"uri": "https://conformance.invalid/worlds/next", "title": "Next world"},
    "OMI_seat": {"back": [0, 0.33, -0.24], "foot": [0, -0.25, 0.3], "knee": [0, 0.33, 0.3]},
    "OMI_spawn_point": {"title": "Start", "team": "Blue", "group": "Entrance"},
}


def declaration(api: HttpTarget, role: str) -> JsonObject:
    """The discovery document's ``shared_scenes`` object. Without one it is a non-conformance: a
    platform claiming the shared-scenes profile offers shared scenes (one verdict for a claimed
    capability missing, as the session and trading profiles judge theirs)."""
    return declared_member(api, ("shared_scenes",), msg("interfaces.scn-no-declaration", platform=role),
                           holds=_shared_paths, file=f"{DISCOVERY} at {role}")


def _shared_paths(declared: JsonObject) -> bool:
    return all(isinstance(declared.get(k), str) for k in ("publish", "scene", "interactive"))


def shared_extensions(*declarations: JsonObject) -> list[str]:
    """The probe extensions every platform declares, in the harness's order."""
    declared = [{e for e in listed if isinstance(e, str)} if isinstance(listed := d.get("extensions"), list)
                else set() for d in declarations]
    return [name for name in PROBE_EXTENSIONS if all(name in names for names in declared)]


def probe_scene(nonce: str, extensions: list[str]) -> bytes:
    """A glTF 2.0 document: one node per extension, named after it, then one plain node."""
    nodes: list[JsonValue] = [{"name": f"probe-{name}", "translation": [float(i), 0.0, 0.0],
                               "extensions": {name: PROBE_EXTENSIONS[name]}}
                              for i, name in enumerate(extensions)]
    nodes.append({"name": "probe-plain"})
    document: JsonObject = {"asset": {"version": "2.0", "generator": "metaverse-conformance",
                                      "extras": {"nonce": nonce}}}
    if extensions:  # glTF 2.0 5.17: extensionsUsed, when present, names at least one
        document["extensionsUsed"] = [*extensions]
    document.update(scene=0, scenes=[{"nodes": list(range(len(nodes)))}], nodes=nodes)
    return orjson.dumps(document, option=orjson.OPT_INDENT_2)


class ExpectedNode(TypedDict):
    """A node of the probe scene a report must show: its index, name and extension objects."""

    node: int
    name: str | None
    extensions: JsonObject


def expected_nodes(scene: bytes, extensions: list[str]) -> list[ExpectedNode]:
    """The interactive nodes of the probe (:func:`probe_scene`'s): index, name and the extension
    objects it carries."""
    document = orjson.loads(scene)
    found: list[ExpectedNode] = []
    for index, node in enumerate(document["nodes"]):
        kept = {name: value for name, value in node.get("extensions", {}).items() if name in extensions}
        if kept:
            found.append({"node": index, "name": node.get("name"), "extensions": kept})
    return found


def node_differences(reported: JsonValue, expected: list[ExpectedNode]) -> list[str]:
    """How a report's ``nodes`` differ from the expected ones (empty: they do not): each node
    missing, added or changed, by its index. Members a report adds to a node are its own."""
    if not isinstance(reported, list):
        return [msg("interfaces.scn-no-nodes")]
    given: dict[int, JsonObject] = {}
    for item in reported:
        if isinstance(item, dict) and isinstance(at := item.get("node"), int) and not isinstance(at, bool):
            given[at] = item
    problems: list[str] = []
    for want in expected:
        got = given.pop(want["node"], None)
        if got is None:
            problems.append(msg("interfaces.scn-node-missing", node=want["node"], name=want["name"],
                                extensions=", ".join(want["extensions"])))
        elif got.get("extensions") != want["extensions"] or got.get("name") != want["name"]:
            problems.append(msg("interfaces.scn-node-changed", node=want["node"], name=want["name"]))
    problems += [msg("interfaces.scn-node-added", node=index) for index in sorted(given)[:10]]
    return problems
