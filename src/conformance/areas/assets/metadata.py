"""Asset metadata judged in two layers, each finding naming its requirement and field.

ERC layer (AS-META-002): EIP-721 / EIP-1155 metadata JSON (schemas/assets/erc-metadata.json)
and EIP-1155's rules for token ID substitution in file names and for localization. Plain
ERC metadata passes it unchanged.

Platform layer: the extension members the platform's profile adds, split by what they
state: the asset's identity and content (AS-META-001), its rights (AS-META-003), its
transfer rules and content rating (AS-META-004). :func:`platform_findings` takes the
schema findings of the whole asset metadata schema and keeps those under the members one
requirement owns, adding one finding per owned member that is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from conformance import Finding, msg

if TYPE_CHECKING:
    from conformance.area import JsonValue

ERC_SCHEMA = "https://metaverse-conformance.org/schemas/assets/erc-metadata.json"
PLATFORM_SCHEMA = "https://metaverse-conformance.org/schemas/assets/asset-metadata.json"
PROFILE = "asset-metadata"

#: requirement -> the top-level members it owns
IDENTITY = ("asset_id", "asset_type", "issuer", "creator", "issued_at", "content")
RIGHTS = ("rights",)
RULES = ("transfer", "content_rating")

#: EIP-1155: a substituted ID is 64 lowercase hex digits, no 0x prefix
_ID_LIKE = re.compile(r"^(0[xX])?[0-9a-fA-F]{64}$")
_ID_FORM = re.compile(r"^[0-9a-f]{64}$")


def _top(pointer: str | None) -> str:
    parts = (pointer or "").split("/")
    return parts[1].replace("~1", "/").replace("~0", "~") if len(parts) > 1 else ""


def erc_findings(data: JsonValue, schema_findings: Iterable[Finding], file_stem: str) -> list[Finding]:
    """AS-META-002: the EIP-721 / EIP-1155 schema findings; AS-META-006: the ID substitution
    form of a file named by its token ID."""
    document = msg("assets.the-document")
    issues = [Finding.of(msg("assets.erc-schema", member=_top(f.pointer) or document, message=f.message),
                         pointer=f.pointer, check=f.extra.get("check"), requirement="AS-META-002")
              for f in schema_findings]
    if _ID_LIKE.match(file_stem) and not _ID_FORM.match(file_stem):
        issues.append(Finding(msg("assets.erc1155-id-form"), pointer="", expected=file_stem[-64:].lower(),
                              actual=file_stem, requirement="AS-META-006"))
    return issues


def names_a_token_id(file_stem: str) -> bool:
    """Whether a file is named by a token ID (in whatever form): AS-META-006 applies to it."""
    return bool(_ID_LIKE.match(file_stem))


def localization_note(data: JsonValue) -> str | None:
    """EIP-1155 says the localization uri should contain {locale}: a note, not a finding."""
    loc = data.get("localization") if isinstance(data, dict) else None
    uri = loc.get("uri") if isinstance(loc, dict) else None
    if isinstance(uri, str) and "{locale}" not in uri:
        return msg("assets.localization-no-locale")
    return None


def carries(data: JsonValue, members: Iterable[str]) -> bool:
    """Whether a document carries any of ``members``: what a MAY requirement permits, judged when done."""
    return isinstance(data, dict) and any(member in data for member in members)


#: the rule of a requirement each member it owns falls under (a requirement not listed defines no rules)
MEMBER_RULES = {"AS-META-004": {"transfer": "R1", "content_rating": "R2"}}


def platform_findings(data: JsonValue, schema_findings: Iterable[Finding], members: Iterable[str], requirement: str,
                      required: Iterable[str] = ()) -> list[Finding]:
    """The findings of one platform requirement: schema findings under the members it owns (each under the
    requirement's rule for its member, the schema keyword kept as its ``check``), and each member of
    ``required`` that is missing."""
    owned, rules = set(members), MEMBER_RULES.get(requirement, {})
    if not isinstance(data, dict):
        return [Finding(msg("assets.metadata-not-object", profile=PROFILE, requirement=requirement),
                        pointer="", expected="object", actual=type(data).__name__, requirement=requirement)]
    issues = [Finding(msg("assets.member-missing", member=member, profile=PROFILE, requirement=requirement),
                      pointer=f"/{member}",
                      expected=msg("assets.expect-member", member=member),
                      actual=None, rule=rules.get(member), requirement=requirement)
              for member in required if member not in data]
    for found in schema_findings:
        member = _top(found.pointer)
        if member in owned:
            issues.append(Finding.of(msg("assets.member-invalid", member=member, message=found.message,
                                         profile=PROFILE, requirement=requirement),
                                     pointer=found.pointer, rule=rules.get(member), check=found.extra.get("check"),
                                     requirement=requirement))
    return issues
