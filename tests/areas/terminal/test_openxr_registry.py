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
#: handle parameter it replaces, named by the member of its create-info that tells the handles apart (one per hand)
NAMED_HANDLES = {("xrLocateHandJointsEXT", "hand"): ("handTracker", "XrHandTrackerCreateInfoEXT")}
#: an input member the test equipment does not write, beyond those every call leaves out (`type`, `next`, counts and
#: capacities, and the handles and atoms the dialogue holds one of): the interface supplies each, for the reason given
LEFT_AT_DEFAULT = {
    ("xrCreateActionSet", "localizedActionSetName"): "no user sees the test equipment's action set",
    ("xrCreateAction", "localizedActionName"): "no user sees the test equipment's action",
    ("xrCreateSession", "createFlags"): "no flag is defined in OpenXR 1.1",
    ("xrCreateSwapchain", "createFlags"): "a plain swapchain, neither protected nor static",
    ("xrCreateSwapchain", "faceCount"): "1, a flat image",
    ("xrApplyHapticFeedback", "action"): "the output is named by its subaction path, each path one actuator",
    ("xrSyncActions", "subactionPath"): "XR_NULL_PATH: every subaction path of the action set",
    ("xrEnumerateInstanceExtensionProperties", "layerName"): "NULL: the runtime's own extensions",
    ("xrEndFrame", "layerFlags"): "no flag: the projection layer opaque, its alpha unused",
}
#: the event xrPollEvent's XrEventDataBuffer holds, whose members the answer gives (the dialogue reads only it)
EVENTS = {"XrEventDataBuffer": "XrEventDataSessionStateChanged"}
#: a base header the JSON form gives as the one structure the test equipment sends in its place
SENT_AS = {"XrHapticBaseHeader": "XrHapticVibration", "XrCompositionLayerBaseHeader": "XrCompositionLayerProjection"}
#: POSIX `struct timespec` (IEEE Std 1003.1, <time.h>), which xr.xml names without members
EXTERNAL = {"timespec": ("tv_sec", "tv_nsec")}
#: names the texts use beside OpenXR's
NOT_OPENXR = {"message": "JSON-RPC 2.0's error member", "CLOCK_MONOTONIC": "XR_KHR_convert_timespec_time's POSIX clock"}
#: what every call leaves out: a structure's `type` and `next`, counts and capacities (an array's length is its count)
GENERIC_LEFT = re.compile(r"^(type|next|count[A-Z]\w*|\w+Count(Input|Output)?|\w+CapacityInput)$")
#: the handles and atoms the dialogue holds one of, which no request names
ONE_OF = {"XrInstance", "XrSystemId", "XrSession", "XrSwapchain", "XrFaceTracker2FB", "XrBodyTrackerFB"}


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
        bits, items = set(ENUMS.get(kind.split(":", 1)[1], ())), node.get("items", {})
        problems += [f"{where}: {v} is no bit of {base}" for v in items.get("enum", []) if v not in bits]
        prefix = items.get("pattern", "^").lstrip("^")
        if prefix and not any(b.startswith(prefix) for b in bits):
            problems.append(f"{where}: no bit of {base} is {prefix}*")
    elif wanted == "array":
        problems += _agree(node.get("items", {}), base, f"{where}[]")
    elif wanted == "string" and kind == "enum" and base in ENUMS:
        prefix = node.get("pattern", "^").lstrip("^")
        if prefix and not any(v.startswith(prefix) for v in ENUMS[base]):
            problems.append(f"{where}: no {base} is {prefix}*")
    elif wanted == "object":
        problems += _members(node, _members_of(base), base, where)
    return problems


def _members_of(struct: str) -> dict[str, str]:
    if struct in EXTERNAL:
        return {name: "int64_t" for name in EXTERNAL[struct]}  # time_t and long
    # `next` carries the structure it chains from, for the structures that extend it
    return {name: f"next:{struct}" if name == "next" else c_type for name, c_type, *_ in STRUCTS[struct]["members"]}


def _members(node: dict[str, Any], members: dict[str, str], owner: str, where: str) -> list[str]:
    problems = []
    for name in dict.fromkeys([*node.get("properties", {}), *node.get("required", [])]):
        if name == "next" and "next" in members:
            chained = members["next"].split(":")[1]
            problems += _chain(node.get("properties", {}).get("next", {}), chained, f"{where}.next")
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
    # the items are any of the extending structures (a chain holds several: the system properties of each extension
    # the device claims), so each member the items declare is a member of one of them
    stray = [m for m in item.get("properties", {}) if not any(m in _members_of(s) for s in extending)]
    return [] if extending and not stray else [f"{where}: no structure extending {owner} has {sorted(stray)}"]


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



def _written(text: str) -> dict[str, str]:
    """The parameters an ``x-function``'s English text names, each with its part of the text: "`name`: ..." parts
    split at "; ", or "`XrStruct`'s `a`, `b` ..." (that structure's members)."""
    whole = re.match(r"`(Xr\w+)`'s (.*)", text)
    if whole:
        return {name: whole[1] for name in re.findall(r"`([a-z]\w*)`", whole[2])}
    parts = re.split(r"; (?=`\w+`:)", text)
    return {m[1]: m[2] for part in parts if (m := re.match(r"`(\w+)`:(.*)", part))} if text != "none" else {}


def _reachable(struct: str) -> set[str]:
    """The members of ``struct`` and of the structures among them, at any depth."""
    names: set[str] = set()
    seen, todo = {struct}, [struct]
    while todo:
        for name, c_type in _members_of(todo.pop()).items():
            names.add(name)
            inner = SENT_AS.get(_base(c_type), _base(c_type))
            if inner in STRUCTS and inner not in seen:
                seen.add(inner)
                todo.append(inner)
    return names


def _inputs(function: str) -> dict[str, str]:
    """What the caller gives a command: its input parameters and the members of its input structures."""
    names: dict[str, str] = {}
    for name, c_type, *out in COMMANDS[function]["params"]:
        if not out:
            names[name] = c_type
            if c_type.endswith("*") and _base(c_type) in STRUCTS:
                names.update(_members_of(_base(c_type)))
    return names


def _left_alone(function: str, name: str, c_type: str) -> bool:
    """Whether a request may leave an input out: see GENERIC_LEFT, ONE_OF and LEFT_AT_DEFAULT; an input structure
    is given by its members."""
    base = _base(c_type)
    flattened = c_type.endswith("*") and base in STRUCTS and base not in SENT_AS
    named = any(f == function and handle == name for (f, _), (handle, _) in NAMED_HANDLES.items())
    return bool(GENERIC_LEFT.match(name)) or base in ONE_OF or (function, name) in LEFT_AT_DEFAULT or flattened or named


def test_each_parameter_written_is_an_input_of_its_function_and_none_is_missing():
    problems = []
    for function, _, node in _functions():
        inputs, written = _inputs(function), _written(node["x-function"][function]["en"])
        for name, part in written.items():
            if (function, name) in NAMED_HANDLES:
                handle, create_info = NAMED_HANDLES[function, name]
                assert name in _members_of(create_info) and handle in inputs, (function, name)
                continue
            if name not in inputs:
                problems.append(f"{function}: {name} is no parameter of it nor a member of its input structures")
                continue
            struct = SENT_AS.get(_base(inputs[name]), _base(inputs[name]))
            if struct in STRUCTS:  # a structure or an array of them: the members its part names
                named = set(re.findall(r"`([a-z]\w*)`", part))
                members = _members_of(struct)
                problems += [f"{function}: {name}.{m} is no member of {struct}" for m in named - _reachable(struct)]
                problems += [f"{function}: {name}.{m} of {struct} is not written" for m, t in members.items()
                             if m not in named and not _left_alone(function, m, t)]
        problems += [f"{function}: {name} is not written" for name, c_type in inputs.items()
                     if name not in written and not _left_alone(function, name, c_type)]
    assert not problems, "\n".join(problems)


def test_each_openxr_name_the_texts_use_is_the_registrys():
    """Every name in backquotes in the functions' parameter and result texts, and every constant a description gives
    with its value ("XR_HAND_JOINT_COUNT_EXT (26)"), is the registry's."""
    members = {m for s in STRUCTS.values() for m, *_ in s["members"]} | {m for s in EXTERNAL.values() for m in s}
    members |= {p for c in COMMANDS.values() for p, *_ in c["params"]}
    values = {v for vs in ENUMS.values() for v in vs} | set(REGISTRY["constants"])

    def known(name: str) -> bool:
        if name.startswith(("Xr", "XR_", "xr")):
            return (name in STRUCTS or name in KINDS or name in values or name in COMMANDS
                    or name in REGISTRY["extensions"])
        return name in members or name in EXTERNAL or name in NOT_OPENXR

    problems = []
    for function, key, node in _functions():
        texts = [node["x-function"][function]["en"], node["x-result"]["en"], node["description"]]
        for name in [n for text in texts[:2] for n in re.findall(r"`([^`]+)`", text) if not n.startswith("/")]:
            problems += [] if known(name) else [f"{key} ({function}): {name} is not the registry's"]
        for name, value in re.findall(r"\b(XR_\w+) \((-?\d+)\)", texts[2]):
            if REGISTRY["constants"].get(name) != int(value):
                problems.append(f"{key}: {name} is {REGISTRY['constants'].get(name)} in the registry, not {value}")
    assert not problems, "\n".join(problems)


def test_each_rendering_allowed_here_is_said_in_the_schema():
    """What the JSON form renders otherwise than OpenXR's structures, the schema says where the function is."""
    where = {function: node for function, _, node in _functions()}
    missing = [f"{f}: {m}" for (f, m) in [*LEFT_AT_DEFAULT, *NAMED_HANDLES] if m not in where[f]["description"]]
    missing += [f"{f}: {s}" for (f, _), (_, s) in NAMED_HANDLES.items() if s not in where[f]["description"]]
    said = set(re.findall(r"\w+", where["xrPollEvent"]["description"]))
    missing += [f"xrPollEvent: {s}" for b, s in EVENTS.items() if not {b, s} <= said]
    assert not missing, missing
