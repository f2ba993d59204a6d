"""OpenUSD assets (.usd, .usda, .usdc, .usdz) as OpenUSD's own validators judge them.

Which validator decides which requirement is stated here once (:data:`GROUPS`): every validator
the pinned ``usd-core`` registers (``_shared/openusd.json``) belongs to exactly one requirement,
so none of OpenUSD's verdicts is left out. An error of the validator (``ValidationErrorType``
Error) is a finding of its requirement; its warnings are AS-USD-009's (a SHOULD), as the
Khronos validator's warnings are AS-GLTF-002's. A file the guards refused (openusd.py) for a
defect of its own (not a zip, a package entry named outside the package, a layer OpenUSD cannot
open) is a finding of AS-USD-001 and, for a package's own defects, of AS-USD-004. An absolute
asset path (``/...``, ``C:/...``) is AS-USD-001's finding too, whether or not it resolves here
(:func:`absolute_findings`); one naming a place outside the declared folder is not opened, so
the other requirements are ``inconclusive`` for that file. A relative path that resolves inside
the folder to nothing is composed without, and OpenUSD's validators report it (a missing
reference), as is a path with a scheme no resolver plug-in registers (``asset:``, ``https:`` with
the usd-core wheel: OpenUSD's default resolver takes it as a relative path). A file the harness
declined to compose for its own safety (a relative asset path resolving outside the declared
folder, a URI a resolver plug-in would fetch, a budget that ran out: :data:`DECLINED`) is no
defect of the file: every requirement is ``inconclusive`` for it, naming the reason and the fix
(:func:`declined`), unless another file fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from conformance import Finding, msg

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

SUFFIXES = {".usd", ".usda", ".usdc", ".usdz"}

#: requirement -> the OpenUSD validators whose errors are its findings
GROUPS: dict[str, tuple[str, ...]] = {
    "AS-USD-001": ("usdValidation:CompositionErrorTest", "usdUtilsValidators:MissingReferenceValidator"),
    "AS-USD-002": ("usdValidation:StageMetadataChecker", "usdGeomValidators:StageMetadataChecker"),
    "AS-USD-003": ("usdValidation:AttributeTypeMismatch", "usdMediaValidators:AuthorshipInputsPaired",
                   "usdMediaValidators:ShadowedOrDuplicateAuthorship"),
    "AS-USD-004": ("usdUtilsValidators:UsdzPackageValidator", "usdUtilsValidators:RootPackageValidator",
                   "usdUtilsValidators:PackageEncapsulationValidator", "usdUtilsValidators:FileExtensionValidator"),
    "AS-USD-005": ("usdShadeValidators:EncapsulationMaterialValidator",
                   "usdShadeValidators:EncapsulationRulesValidator",
                   "usdShadeValidators:MaterialBindingApiAppliedValidator",
                   "usdShadeValidators:MaterialBindingCollectionValidator",
                   "usdShadeValidators:MaterialBindingRelationships", "usdShadeValidators:NormalMapTextureValidator",
                   "usdShadeValidators:ShaderSdrCompliance", "usdShadeValidators:SubsetMaterialBindFamilyName",
                   "usdShadeValidators:SubsetsMaterialBindFamily"),
    "AS-USD-006": ("usdSkelValidators:SkelBindingApiAppliedValidator", "usdSkelValidators:SkelBindingApiValidator"),
    "AS-USD-007": ("usdPhysicsValidators:ArticulationChecker", "usdPhysicsValidators:ColliderChecker",
                   "usdPhysicsValidators:PhysicsJointChecker", "usdPhysicsValidators:RigidBodyChecker"),
    "AS-USD-008": ("usdGeomValidators:EncapsulationChecker", "usdGeomValidators:SubsetFamilies",
                   "usdGeomValidators:SubsetParentIsImageable", "usdLuxValidators:EncapsulationRulesValidator"),
}
#: AS-USD-009: the warnings of every validator
WARNINGS = "AS-USD-009"
#: refusals for a defect of the file itself, AS-USD-001's findings (its stage cannot compose)
COMPOSE_DEFECTS = ("usdz-not-zip", "usd-cannot-open", "usd-path-absolute")
#: refusals for a defect of the package itself, AS-USD-004's findings: a package OpenUSD cannot
#: open is no USDZ, and a USDZ entry names a relative place inside its package
PACKAGE_GUARDS = ("usdz-not-zip", "usdz-entry-outside", "usd-cannot-open")
#: what the harness declines for its own safety, and the fix each names (a message key)
DECLINED: dict[str, str] = {
    "usd-path-outside": "assets.usd-fix-root", "usd-uri": "assets.usd-fix-uri",
    "usd-not-regular": "assets.usd-fix-regular", "usdz-entry-outside": "assets.usd-fix-package",
    "usdz-too-many-entries": "assets.usd-fix-bounds", "usdz-entry-too-large": "assets.usd-fix-bounds",
    "usdz-too-large": "assets.usd-fix-bounds", "usd-too-many-layers": "assets.usd-fix-bounds",
    "usd-layer-too-large": "assets.usd-fix-bounds", "usd-over-time": "assets.usd-fix-bounds",
    "usd-over-memory": "assets.usd-fix-bounds", "usd-worker-failed": "assets.usd-fix-worker",
    "usd-path-absolute": "assets.usd-fix-absolute"}
#: the requirement an absolute asset path fails (a layer or asset that does not compose where
#: the file travels)
ABSOLUTE = "AS-USD-001"


def defect(requirement: str, code: str) -> bool:
    """Whether the guard ``code``'s refusal is a finding of ``requirement`` (a defect of the file)."""
    return (requirement == "AS-USD-001" and code in COMPOSE_DEFECTS) or (
        requirement == "AS-USD-004" and code in PACKAGE_GUARDS)


def declined(name: str, reason: str, code: str) -> str:
    """Why a file is not judged, in words: the refusal and the fix (an inconclusive's reason)."""
    fix = DECLINED.get(code)
    return msg("assets.usd-declined", file=name, reason=reason,
               fix=msg(fix) if fix is not None else msg("assets.usd-fix-defect"))


def absolute_findings(requirement: str, texts: list[str]) -> list[Finding]:
    """``requirement``'s findings for a composed file's absolute asset paths (``texts``: each in words)."""
    if requirement != ABSOLUTE:
        return []
    return [Finding.of(text) for text in texts]


def undecided(texts: list[str]) -> str:
    """An inconclusive's reason over the files not judged: the first, and how many."""
    return texts[0] if len(texts) == 1 else msg("assets.usd-declined-many", count=len(texts), first=texts[0])


def requirement_of(validator: str) -> str | None:
    return next((req for req, names in GROUPS.items() if validator in names), None)


def _where(error: JsonObject) -> JsonObject:
    """The first site of an error: its prim or property path and its layer."""
    sites = error.get("sites")
    site = sites[0] if isinstance(sites, list) and sites and isinstance(sites[0], dict) else {}
    return {"prim": site.get("path"), "layer": site.get("layer")}


def findings(requirement: str, errors: list[JsonObject]) -> Iterator[Finding]:
    """The findings of ``requirement`` among one file's validator errors."""
    for error in errors:
        validator = str(error.get("validator", "?"))
        kind = error.get("type")
        mine = (kind == "Warn") if requirement == WARNINGS else (
            kind == "Error" and requirement_of(validator) == requirement)
        if mine:
            yield Finding.of(msg("assets.usd-issue", validator=validator, name=error.get("name", "?"),
                                 message=error.get("message", "")), check=validator,
                             **_where(error))


def default_prim_findings(facts: JsonObject) -> list[Finding]:
    """AS-USD-002 asks a root prim as the default prim. OpenUSD 26 also composes a defaultPrim that
    names a prim below the root ("Crate/Box"), and its StageMetadataChecker passes it, but a
    consumer that reads defaultPrim as a root prim's name (the older rule) finds nothing there."""
    path = facts.get("defaultPrim")
    if not isinstance(path, str) or path.count("/") <= 1:
        return []  # a root prim, or none (the validator's finding)
    return [Finding.of(msg("assets.usd-default-prim-nested", path=path), prim=path,
                       expected=msg("assets.expect-usd-root-prim"), actual=path)]


def unmapped(validators: list[str]) -> list[str]:
    """Validators OpenUSD registers that no requirement claims (a usd-core other than the pin)."""
    return sorted(v for v in validators if requirement_of(v) is None)


# --- the asset metadata an OpenUSD asset carries (AS-USD-010, AS-USD-011; docs/assets.md) ---
#: where the platform's asset metadata sits: the root layer's customLayerData, else the default
#: prim's assetInfo; either a dictionary of the members or a string holding the JSON document
#: (USD dictionaries hold no list of dictionaries, which ``content`` is)
METADATA_KEY = "asset_metadata"
#: where the implicit label of GB 45438-2025 sits: customLayerData, else the default prim's assetInfo
LABEL_KEY = "AIGC"


def embedded(facts: JsonObject, key: str) -> tuple[JsonValue, str | None]:
    """The value under ``key`` in the stage's customLayerData, else in its default prim's
    assetInfo, and where it was found (None: in neither)."""
    for place in ("customLayerData", "assetInfo"):
        holder = facts.get(place)
        if isinstance(holder, dict) and key in holder:
            return holder[key], f"{place}/{key}"
    return None, None


def metadata_document(value: JsonValue, where: str) -> tuple[object, list[Finding]]:
    """The metadata as a JSON value: a dictionary as it is, a string parsed as JSON (with the
    file adapter's JSON rules); anything else, or malformed JSON, a finding."""
    if isinstance(value, dict):
        return value, []
    if isinstance(value, str):
        from conformance import NonConformance, reason
        from conformance.area import parse_json

        try:
            return parse_json(value.encode("utf-8"), what=msg("assets.usd-metadata-what", where=where)), []
        except NonConformance as exc:
            return None, [Finding.of(reason(exc), **{**exc.evidence, "pointer": where})]
    return None, [Finding(msg("assets.usd-metadata-not-document", where=where), pointer=where,
                          expected=msg("assets.usd-expect-metadata"), actual=type(value).__name__)]


def content_items(data: JsonValue) -> list[tuple[int, JsonObject]]:
    content = data.get("content") if isinstance(data, dict) else None
    return [(i, item) for i, item in enumerate(content if isinstance(content, list) else [])
            if isinstance(item, dict) and isinstance(item.get("uri"), str) and isinstance(item.get("sha256"), str)]


def content_digest(path: Path, uri: str, folder: Path, cap: int) -> tuple[str | None, str | None]:
    """The SHA-256 of the file a content reference of ``path``'s metadata names, and why there
    is none: resolved against the layer's folder (inside ``folder``), or for a USDZ package
    against the package (an entry of it, at most ``cap`` bytes). A remote reference has none
    and no reason (it is not the harness's to fetch)."""
    from .content import resolve, sha256_file

    if path.suffix.lower() == ".usdz":
        import hashlib
        import zipfile
        from posixpath import normpath

        name = normpath(uri.removeprefix("./"))
        if "://" in uri or name.startswith(("/", "..")):
            return None, None if "://" in uri else msg("assets.content-escapes")
        try:
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo(name)
                if info.file_size > cap:
                    return None, msg("shared.usdz-entry-too-large", file=path.name, entry=name, size=info.file_size,
                                     cap=cap)
                digest = hashlib.sha256()
                with archive.open(info) as entry:
                    for block in iter(lambda: entry.read(1 << 16), b""):
                        digest.update(block)
                return digest.hexdigest(), None
        except KeyError:
            return None, msg("assets.usd-content-no-entry", entry=name)
        except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
            return None, str(exc)
    target = resolve(path.parent, uri)
    if target.remote:
        return None, None
    if target.path is None:
        return None, target.refused
    if not target.path.resolve().is_relative_to(folder.resolve()):
        return None, msg("assets.content-escapes")
    try:
        return sha256_file(target.path, root=folder)[0], None
    except OSError as exc:
        return None, str(exc.strerror or exc)
