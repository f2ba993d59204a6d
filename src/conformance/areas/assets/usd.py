"""OpenUSD assets (.usd, .usda, .usdc, .usdz) as OpenUSD's own validators judge them.

Which validator decides which requirement is stated here once (:data:`GROUPS`): every validator
the pinned ``usd-core`` registers (``_shared/openusd.json``) belongs to exactly one requirement,
so none of OpenUSD's verdicts is left out. An error of the validator (``ValidationErrorType``
Error) is a finding of its requirement; its warnings are AS-USD-009's (a SHOULD), as the
Khronos validator's warnings are AS-GLTF-002's. A file the guards refused (openusd.py) is a
finding of AS-USD-001 (its stage does not compose within bounds) and, for a package's own
defects, of AS-USD-004; the other requirements skip it with a note.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..._run.findings import Finding
from ...messages import msg

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
#: guards about the package itself, which AS-USD-004 reports too
PACKAGE_GUARDS = ("usdz-not-zip", "usdz-too-many-entries", "usdz-entry-outside", "usdz-entry-too-large",
                  "usdz-too-large", "usd-cannot-open")  # a package OpenUSD cannot open is no USDZ


def requirement_of(validator: str) -> str | None:
    return next((req for req, names in GROUPS.items() if validator in names), None)


def _where(error: dict[str, Any]) -> dict[str, Any]:
    """The first site of an error: its prim or property path and its layer."""
    sites = error.get("sites") or [{}]
    site = sites[0] if isinstance(sites[0], dict) else {}
    return {"prim": site.get("path"), "layer": site.get("layer")}


def findings(requirement: str, errors: list[dict[str, Any]]) -> Iterator[Finding]:
    """The findings of ``requirement`` among one file's validator errors."""
    for error in errors:
        validator = str(error.get("validator", "?"))
        kind = error.get("type")
        mine = (kind == "Warn") if requirement == WARNINGS else (
            kind == "Error" and requirement_of(validator) == requirement)
        if mine:
            yield Finding.of(msg("assets.usd-issue", validator=validator, name=error.get("name", "?"),
                                 message=error.get("message", "")), rule=validator, **_where(error))


def unmapped(validators: list[str]) -> list[str]:
    """Validators OpenUSD registers that no requirement claims (a usd-core other than the pin)."""
    return sorted(v for v in validators if requirement_of(v) is None)
