"""VRM 0.x avatars: the ``VRM`` extension of a glTF 2.0 binary (VRM specification 0.0).

Judged on 0.x's own rules, not 1.0's: the extension is declared in extensionsUsed and its
``specVersion`` starts with "0."; ``meta`` members, when given, take the 0.x enumerations
(vrm.meta.schema.json: allowedUserName, the ...UssageName permissions, licenseName) and
``texture`` is an index into textures; ``humanoid.humanBones`` is an array of ``{bone,
node}`` whose bone names are the 0.x ones (vrm.humanoid.bone.schema.json), each on a
distinct node in range, including the bones the 0.x README marks Required.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Finding, msg

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

EXTENSION = "VRM"
META_ENUMS = {
    "allowedUserName": ("OnlyAuthor", "ExplicitlyLicensedPerson", "Everyone"),
    "violentUssageName": ("Disallow", "Allow"),
    "sexualUssageName": ("Disallow", "Allow"),
    "commercialUssageName": ("Disallow", "Allow"),
    "licenseName": ("Redistribution_Prohibited", "CC0", "CC_BY", "CC_BY_NC", "CC_BY_SA", "CC_BY_NC_SA",
                    "CC_BY_ND", "CC_BY_NC_ND", "Other"),
}
META_STRINGS = ("title", "version", "author", "contactInformation", "reference", "otherPermissionUrl",
                "otherLicenseUrl")
REQUIRED_BONES = (
    "hips", "spine", "chest", "neck", "head",
    "leftUpperLeg", "leftLowerLeg", "leftFoot", "rightUpperLeg", "rightLowerLeg", "rightFoot",
    "leftUpperArm", "leftLowerArm", "leftHand", "rightUpperArm", "rightLowerArm", "rightHand",
)
_FINGERS = [f"{side}{finger}{joint}" for side in ("left", "right")
            for finger in ("Thumb", "Index", "Middle", "Ring", "Little")
            for joint in ("Proximal", "Intermediate", "Distal")]
KNOWN_BONES = frozenset((*REQUIRED_BONES, "upperChest", "leftShoulder", "rightShoulder", "leftToes", "rightToes",
                         "leftEye", "rightEye", "jaw", *_FINGERS))


def _index(value: JsonValue, size: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < size


def _length(document: JsonObject, key: str) -> int:
    items = document.get(key)
    return len(items) if isinstance(items, list) else 0


def check(document: JsonObject) -> list[Finding]:
    """Findings of a glTF JSON document carrying the VRM 0.x extension."""
    base = f"/extensions/{EXTENSION}"
    extensions = document.get("extensions")
    vrm = extensions.get(EXTENSION) if isinstance(extensions, dict) else None
    if not isinstance(vrm, dict):
        return [Finding(msg("assets.vrm0-not-object"), pointer=base, expected=msg("assets.expect-object"), actual=vrm,
                        rule="R5")]
    issues: list[Finding] = []
    used = document.get("extensionsUsed")
    if not isinstance(used, list) or EXTENSION not in used:
        issues.append(Finding(msg("assets.vrm-not-declared", extension="VRM (0.x)"), pointer="/extensionsUsed",
                              expected=EXTENSION, actual=used, rule="R5"))
    spec = vrm.get("specVersion")
    if not isinstance(spec, str) or not spec.startswith("0."):
        issues.append(Finding(msg("assets.vrm0-spec-version"), pointer=f"{base}/specVersion",
                              expected="0.0", actual=spec, rule="R5"))
    _check_meta(vrm.get("meta"), f"{base}/meta", document, issues)
    _check_humanoid(vrm.get("humanoid"), f"{base}/humanoid", document, issues)
    return issues


def _check_meta(meta: JsonValue, here: str, document: JsonObject, issues: list[Finding]) -> None:
    if not isinstance(meta, dict):
        issues.append(Finding(msg("assets.vrm0-meta-missing"), pointer=here, expected=msg("assets.expect-object"),
                              actual=meta))
        return
    for key, allowed in META_ENUMS.items():
        if key in meta and meta[key] not in allowed:
            issues.append(Finding(msg("assets.vrm-enum", key=key, version="0.x"), pointer=f"{here}/{key}",
                                  expected=list(allowed), actual=meta[key], rule="R6"))
    for key in META_STRINGS:
        if key in meta and not isinstance(meta[key], str):
            issues.append(Finding(msg("assets.vrm-not-string", key=key), pointer=f"{here}/{key}",
                                  expected=msg("assets.expect-string"),
                                  actual=meta[key], rule="R6"))
    # UniVRM writes -1 for "no thumbnail"; only a non-negative index must be in range.
    texture = meta.get("texture")
    if texture is not None and not (texture == -1 or _index(texture, _length(document, "textures"))):
        issues.append(Finding(msg("assets.vrm0-thumbnail"), pointer=f"{here}/texture",
                              expected=msg("assets.expect-texture-index"), actual=texture, rule="R6"))


def _check_humanoid(humanoid: JsonValue, here: str, document: JsonObject, issues: list[Finding]) -> None:
    bones = humanoid.get("humanBones") if isinstance(humanoid, dict) else None
    if not isinstance(bones, list):
        issues.append(Finding(msg("assets.vrm0-bones-missing"),
                              pointer=f"{here}/humanBones", expected=msg("assets.expect-array"), actual=bones,
                              rule="R7"))
        return
    count = _length(document, "nodes")
    seen: dict[str, int] = {}
    nodes: dict[int, str] = {}
    for index, entry in enumerate(bones):
        where = f"{here}/humanBones/{index}"
        name = entry.get("bone") if isinstance(entry, dict) else None
        if name not in KNOWN_BONES:
            issues.append(Finding(msg("assets.vrm-unknown-bone", name=repr(name), version="0.x"),
                                  pointer=f"{where}/bone", expected=msg("assets.expect-vrm0-bone"),
                                  actual=name, rule="R7"))
            continue
        node = entry.get("node") if isinstance(entry, dict) else None
        if name in seen:
            issues.append(Finding(msg("assets.vrm0-bone-twice", name=name), pointer=f"{where}/bone",
                                  expected=msg("assets.expect-each-bone-once"), actual=name, rule="R7"))
        elif not _index(node, count) or not isinstance(node, int):
            issues.append(Finding(msg("assets.vrm-node-index"), pointer=f"{where}/node", expected=f"0..{count - 1}",
                                  actual=node, rule="R7"))
        elif node in nodes:
            issues.append(Finding(msg("assets.vrm-node-shared", node=node, bone=nodes[node]),
                                  pointer=f"{where}/node", expected=msg("assets.expect-unused-node"), actual=node,
                                  rule="R7"))
        else:
            nodes[node] = name
        seen.setdefault(name, index)
    missing = [b for b in REQUIRED_BONES if b not in seen]
    if missing:
        issues.append(Finding(msg("assets.vrm0-required-bones"), pointer=f"{here}/humanBones",
                              expected=list(REQUIRED_BONES), actual=missing, rule="R7"))
