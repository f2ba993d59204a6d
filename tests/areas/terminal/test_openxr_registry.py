"""The runtime test interface's OpenXR functions (annex D's table of them, from ``x-function`` in
schemas/terminal/runtime-message.json) against the OpenXR registry (forty-fourth reading, a4): each function is a
registry command, each name its parameters and results use is the command's parameter or a member of its
structures, each JSON type fits the C type, each enumerant and constant is the registry's. The registry is read from
a kept extract of xr.xml (tests/corpora/terminal/openxr/, its commit and version noted there), so that drift of the
schema fails here. What the JSON form renders otherwise is listed below with its reason, which the schema also gives."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.paths import ROOT

REGISTRY = json.loads((ROOT / "tests/corpora/terminal/openxr/xr-registry-extract.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((ROOT / "schemas/terminal/runtime-message.json").read_text(encoding="utf-8"))
DEFS = SCHEMA["$defs"]
COMMANDS, STRUCTS, KINDS, ENUMS = REGISTRY["commands"], REGISTRY["structs"], REGISTRY["kinds"], REGISTRY["enums"]

#: a parameter the JSON form names that is no parameter of the command nor a member of its input structures: the
#: handle it replaces is named by the member of its create-info that tells the handles apart (one per hand)
NAMED_HANDLES = {("xrLocateHandJointsEXT", "hand"): "XrHandTrackerCreateInfoEXT"}
#: an input member the test equipment does not write, beyond those every call leaves out (`type`, `next`, counts and
#: capacities, and the handles and atoms the dialogue holds one of): each left at its default, with the reason
LEFT_AT_DEFAULT = {
    ("xrCreateActionSet", "localizedActionSetName"): "no user sees the test equipment's action set",
    ("xrCreateAction", "localizedActionName"): "no user sees the test equipment's action",
    ("xrCreateSession", "createFlags"): "no flag is defined in OpenXR 1.1",
    ("xrCreateSwapchain", "createFlags"): "a plain swapchain, neither protected nor static",
    ("xrCreateSwapchain", "faceCount"): "1, a flat image",
    ("xrApplyHapticFeedback", "action"): "the output is named by its subaction path, each path one actuator",
    ("xrSyncActions", "subactionPath"): "XR_NULL_PATH: every subaction path of the action set",
    ("xrEnumerateInstanceExtensionProperties", "layerName"): "NULL: the runtime's own extensions",
}
#: the event xrPollEvent's XrEventDataBuffer holds, whose members the answer gives (the dialogue reads only it)
EVENTS = {"XrEventDataBuffer": "XrEventDataSessionStateChanged"}
#: POSIX `struct timespec` (IEEE Std 1003.1, <time.h>), which xr.xml names without members
EXTERNAL = {"timespec": {"tv_sec": "integer", "tv_nsec": "integer"}}
#: names of the JSON-RPC envelope and of clock names the texts use beside OpenXR's
NOT_OPENXR = {"message": "JSON-RPC 2.0's error member", "CLOCK_MONOTONIC": "the POSIX clock of XR_KHR_convert_timespec_time",
              "tv_sec": "timespec's", "tv_nsec": "timespec's", "timespec": "timespec"}
GENERIC_LEFT = re.compile(r"^(type|next|count[A-Z]\w*|\w+Count(Input|Output)?|\w+CapacityInput)$")


def _functions() -> list[tuple[str, str, dict[str, Any]]]:
    return [(name, key, node) for key, node in DEFS.items() if isinstance(node, dict)
            for name in node.get("x-function", {})]


def _ref(node: dict[str, Any]) -> dict[str, Any]:
    return DEFS[node["$ref"].rsplit("/", 1)[1]] if "$ref" in node else node


def _base(c_type: str) -> str:
    return c_type.removesuffix("[]").removesuffix("*")


def _json_type(c_type: str) -> str:
    """The JSON type of an OpenXR type ("T[]" an array, "T*" a pointer to one, as the extract writes them)."""
    base, kind = _base(c_type), KINDS.get(_base(c_type)) or ""
    if base == "char":
        return "string"
    if c_type.endswith("[]"):
        return "array"  # a count and a pointer (or a fixed size): the array, its length the count
    if base in STRUCTS or base in EXTERNAL:
        return "object"
    if base == "XrBool32":
        return "boolean"
    if base == "float":
        return "number"
    if kind in ("handle", "enum") or base == "XrPath":
        return "string"  # a handle by its name, an enumerant by its name, a path as its string
    if kind.startswith("bitmask"):
        return "array"  # the bits set, by their names
    return "integer"


def _agree(node: dict[str, Any], c_type: str, where: str) -> list[str]:
    """What in the schema ``node`` disagrees with the OpenXR type ``c_type``."""
    node, base, kind = _ref(node), _base(c_type), KINDS.get(_base(c_type)) or ""
    declared = node.get("type")
    wanted = _json_type(c_type)
    problems = [] if declared is None or wanted in ([declared] if isinstance(declared, str) else declared) else [
        f"{where}: JSON {declared} for {c_type} ({wanted})"]
    if wanted == "array" and kind.startswith("bitmask"):
        bits = set(ENUMS.get(kind.split(":", 1)[1], ()))
        problems += [f"{where}: {v} is no bit of {base}" for v in node.get("items", {}).get("enum", []) if v not in bits]
        prefix = node.get("items", {}).get("pattern", "^").lstrip("^")
        problems += [] if not prefix or any(b.startswith(prefix) for b in bits) else [f"{where}: no bit of {base} is {prefix}*"]
    elif wanted == "array":
        problems += _agree(node.get("items", {}), base, f"{where}[]")
    elif wanted == "string" and kind == "enum" and base in ENUMS:
        prefix = node.get("pattern", "^").lstrip("^")
        problems += [] if not prefix or any(v.startswith(prefix) for v in ENUMS[base]) else [f"{where}: no {base} is {prefix}*"]
    elif wanted == "object":
        problems += _members(node, _members_of(base), base, where)
    return problems


def _members_of(struct: str) -> dict[str, str]:
    if struct in EXTERNAL:
        return {name: "int64_t" for name in EXTERNAL[struct]}
    # `next` carries the structure it chains from, for the structures that extend it
    return {name: f"next:{struct}" if name == "next" else c_type for name, c_type, *_ in STRUCTS[struct]["members"]}


def _members(node: dict[str, Any], members: dict[str, str], owner: str, where: str) -> list[str]:
    problems = []
    for name in dict.fromkeys([*node.get("properties", {}), *node.get("required", [])]):
        if name == "next" and "next" in members:
            problems += _chain(node.get("properties", {}).get("next", {}), members["next"].split(":")[1], f"{where}.next")
        elif name not in members:
            problems.append(f"{where}: {name} is no member of {owner}")
        elif name in node.get("properties", {}):
            problems += _agree(node["properties"][name], members[name], f"{where}.{name}")
    return problems


def _chain(node: dict[str, Any], owner: str, where: str) -> list[str]:
    """A `next` chain: an array of structures extending ``owner``, each member of one of them."""
    if node.get("type") != "array":
        return [f"{where}: the next chain of {owner} is not an array"]
    extending = [s for s, d in STRUCTS.items() if owner in d.get("extends", ())]
    item = node.get("items", {})
    fits = [s for s in extending if set(item.get("properties", {})) <= set(_members_of(s))]
    return [] if fits else [f"{where}: no structure extending {owner} has {sorted(item.get('properties', {}))}"]


def _result_members(function: str) -> dict[str, str]:
    """The names an answer's `result` may carry: the returned XrResult, each output parameter, and the members of an
    output structure given alone (its members are the result's own)."""
    command = COMMANDS[function]
    names = {"result": command["return"]}
    for name, c_type, *out in command["params"]:
        if out:
            names[name] = c_type
            struct = EVENTS.get(_base(c_type), _base(c_type))
            if c_type.endswith("*") and struct in STRUCTS:
                names.update(_members_of(struct))
    return names


def test_every_function_the_interface_carries_is_an_openxr_command():
    unknown = [name for name, _, _ in _functions() if name not in COMMANDS]
    assert not unknown and len(_functions()) == len(COMMANDS), unknown
    assert REGISTRY["version"].startswith("1.1.") and len(REGISTRY["commit"]) == 40


def test_each_result_member_is_an_output_of_its_function_and_fits_its_type():
    problems = []
    for key, node in DEFS.items():
        functions = list(node.get("x-function", {})) if isinstance(node, dict) else []
        if not functions:
            continue
        names: dict[str, str] = {}
        for function in functions:
            names.update(_result_members(function))
        owner = "/".join(functions) if len(functions) < 3 else key
        problems += _members(node, names, owner, key)
    assert not problems, "\n".join(problems)
