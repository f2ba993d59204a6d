"""VRM avatars, 1.0 (the ``VRMC_vrm`` extension) and 0.x (the ``VRM`` extension).

VRM 1.0 (VRMC_vrm): the extension is declared in extensionsUsed; ``specVersion`` is "1.0";
``meta`` has a ``name``, at least one non-empty ``authors`` entry and ``licenseUrl``, and its
permission members take the specification's values (meta.md); ``humanoid.humanBones`` maps
known bone names to distinct nodes in range and includes every required bone (humanoid.md).

VRM 0.x (specification/0.0): judged on its own rules (vrm0.py): the ``VRM`` extension
declared, ``meta`` members of the 0.x enumerations, ``humanoid.humanBones`` an array of
``{bone, node}`` with 0.x bone names on distinct nodes and the 0.x required bones (which
include chest and neck). A profile may require 1.0 (``min_version``); a 0.x avatar then
fails with a message saying so. Findings carry JSON pointers into the glTF JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conformance import Finding, msg

from .._shared.vrm import KNOWN_BONES, REQUIRED_BONES
from . import vrm0

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

EXTENSION = "VRMC_vrm"
LICENSE_URL = "https://vrm.dev/licenses/1.0/"
ENUMS = {
    "avatarPermission": ("onlyAuthor", "onlySeparatelyLicensedPerson", "everyone"),
    "commercialUsage": ("personalNonProfit", "personalProfit", "corporation"),
    "creditNotation": ("required", "unnecessary"),
    "modification": ("prohibited", "allowModification", "allowModificationRedistribution"),
}
FLAGS = ("allowExcessivelyViolentUsage", "allowExcessivelySexualUsage", "allowPoliticalOrReligiousUsage",
         "allowAntisocialOrHateUsage", "allowRedistribution")


def version_of(document: JsonValue) -> str | None:
    """"1.0" (VRMC_vrm), "0.x" (the VRM extension), or None: not a VRM avatar."""
    extensions = document.get("extensions") if isinstance(document, dict) else None
    if not isinstance(extensions, dict):
        return None
    if EXTENSION in extensions:
        return "1.0"
    return "0.x" if vrm0.EXTENSION in extensions else None


def is_vrm(document: JsonValue) -> bool:
    return version_of(document) is not None


def check(document: JsonValue, min_version: str = "0.0") -> list[Finding]:
    """Findings of a glTF JSON document that should be a VRM avatar, judged by its version's
    rules; ``min_version`` "1.0" refuses a 0.x avatar."""
    if not isinstance(document, dict):
        return [Finding(msg("assets.vrm-not-object"))]
    found = version_of(document)
    if found == "0.x":
        if min_version >= "1.0":
            extensions = document.get("extensions")
            spec = extensions.get(vrm0.EXTENSION) if isinstance(extensions, dict) else None
            return [Finding(msg("assets.vrm-version-required", version=min_version),
                            pointer=f"/extensions/{vrm0.EXTENSION}/specVersion", expected=min_version,
                            actual=spec.get("specVersion") if isinstance(spec, dict) else None,
                            rule="R8")]
        return vrm0.check(document)
    extensions = document.get("extensions")
    vrm = extensions.get(EXTENSION) if isinstance(extensions, dict) else None
    if not isinstance(vrm, dict):
        return [Finding(msg("assets.vrm-no-extension"),
                        pointer=f"/extensions/{EXTENSION}", expected=msg("assets.expect-object"), actual=vrm,
                        rule="R2")]
    issues: list[Finding] = []
    used = document.get("extensionsUsed")
    if not isinstance(used, list) or EXTENSION not in used:
        issues.append(Finding(msg("assets.vrm-not-declared", extension=EXTENSION), pointer="/extensionsUsed",
                              expected=EXTENSION, actual=used, rule="R2"))
    base = f"/extensions/{EXTENSION}"
    if vrm.get("specVersion") != "1.0":
        issues.append(Finding(msg("assets.vrm1-spec-version"), pointer=f"{base}/specVersion", expected="1.0",
                              actual=vrm.get("specVersion"), rule="R2"))
    _check_meta(vrm.get("meta"), f"{base}/meta", document, issues)
    _check_humanoid(vrm.get("humanoid"), f"{base}/humanoid", document, issues)
    return issues


def _check_meta(meta: JsonValue, here: str, document: JsonObject, issues: list[Finding]) -> None:
    if not isinstance(meta, dict):
        issues.append(Finding(msg("assets.vrm1-meta-missing"), pointer=here, expected=msg("assets.expect-object"),
                              actual=meta, rule="R3"))
        return
    if not isinstance(meta.get("name"), str) or not meta["name"]:
        issues.append(Finding(msg("assets.vrm1-no-name"), pointer=f"{here}/name",
                              expected=msg("assets.expect-non-empty-string"),
                              actual=meta.get("name"), rule="R3"))
    authors = meta.get("authors")
    if not isinstance(authors, list) or not any(isinstance(a, str) and a for a in authors):
        issues.append(Finding(msg("assets.vrm1-no-authors"), pointer=f"{here}/authors",
                              expected="[\"...\"]", actual=authors, rule="R3"))
    if meta.get("licenseUrl") != LICENSE_URL:
        issues.append(Finding(msg("assets.vrm1-license-url"), pointer=f"{here}/licenseUrl",
                              expected=LICENSE_URL, actual=meta.get("licenseUrl"), rule="R3"))
    for key, allowed in ENUMS.items():
        if key in meta and meta[key] not in allowed:
            issues.append(Finding(msg("assets.vrm-enum", key=key, version="1.0"), pointer=f"{here}/{key}",
                                  expected=list(allowed), actual=meta[key], rule="R3"))
    for key in FLAGS:
        if key in meta and not isinstance(meta[key], bool):
            issues.append(Finding(msg("assets.vrm-not-boolean", key=key), pointer=f"{here}/{key}",
                                  expected=msg("assets.expect-boolean"), actual=meta[key], rule="R3"))
    thumbnail = meta.get("thumbnailImage")
    images = document.get("images")
    if thumbnail is not None and not (isinstance(thumbnail, int) and not isinstance(thumbnail, bool)
                                      and 0 <= thumbnail < (len(images) if isinstance(images, list) else 0)):
        issues.append(Finding(msg("assets.vrm1-thumbnail"), pointer=f"{here}/thumbnailImage",
                              expected=msg("assets.expect-image-index"), actual=thumbnail, rule="R3"))


def _check_humanoid(humanoid: JsonValue, here: str, document: JsonObject, issues: list[Finding]) -> None:
    bones = humanoid.get("humanBones") if isinstance(humanoid, dict) else None
    if not isinstance(bones, dict):
        issues.append(Finding(msg("assets.vrm1-bones-missing"), pointer=f"{here}/humanBones",
                              expected=msg("assets.expect-object"),
                              actual=bones, rule="R4"))
        return
    nodes = document.get("nodes")
    count = len(nodes) if isinstance(nodes, list) else 0
    used: dict[int, str] = {}
    for name, bone in bones.items():
        where = f"{here}/humanBones/{name.replace('~', '~0').replace('/', '~1')}"
        if name not in KNOWN_BONES:
            issues.append(Finding(msg("assets.vrm-unknown-bone", name=repr(name), version="1.0"), pointer=where,
                                  expected=msg("assets.expect-vrm1-bone"), actual=name, rule="R4"))
            continue
        node = bone.get("node") if isinstance(bone, dict) else None
        if not isinstance(node, int) or isinstance(node, bool) or not 0 <= node < count:
            issues.append(Finding(msg("assets.vrm-node-index"), pointer=f"{where}/node", expected=f"0..{count - 1}",
                                  actual=node, rule="R4"))
        elif node in used:
            issues.append(Finding(msg("assets.vrm-node-shared", node=node, bone=used[node]),
                                  pointer=f"{where}/node", expected=msg("assets.expect-unused-node"), actual=node,
                                  rule="R4"))
        else:
            used[node] = name
    missing = [b for b in REQUIRED_BONES if b not in bones]
    if missing:
        issues.append(Finding(msg("assets.vrm1-required-bones"), pointer=f"{here}/humanBones",
                              expected=list(REQUIRED_BONES), actual=missing, rule="R4"))
