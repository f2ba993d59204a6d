"""Labels of AI-generated content (GB 45438-2025 and the CAC labelling measures, 2025), as the
areas that judge them read them: the implicit label of Annex E (member ``AIGC``: its members,
well formed) and the explicit label a generated item declares (its text holds an AI element and
a generation element). The assets area judges assets' labels with these (AS-AIGC-*), the
interfaces area AI agents' (IF-AGENT-*); each names its own requirement.

The label is an object in JSON metadata; the Annex's own serialisation, a string holding
``{"AIGC": {...}}``, is accepted too (that is the form a file format with only string fields
carries).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeGuard

import orjson

from conformance import Finding, msg

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

#: GB 45438-2025 Annex E: the members of the implicit label, in the Annex's order
MEMBERS = ("Label", "ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator", "PropagateID",
           "ReservedCode2")
#: the generation attribute: 1 generated, 2 possibly generated, 3 suspected
LABEL_VALUES = ("1", "2", "3")
#: the members a label agrees on between metadata and model
IDENTIFYING = ("Label", "ContentProducer", "ProduceID")
#: Annex E: values are mainly GB 18030 code points 0x21, 0x23-0x5B, 0x5D-0x7E (and \")
_ANNEX_CHARS = re.compile(r'^[\x21\x23-\x5B\x5D-\x7E"]*$')
#: GB 45438-2025: a text label holds an AI element and a generation element
AI_ELEMENT = re.compile(r"人工智能|AI")
GENERATION_ELEMENT = re.compile(r"生成|合成")


@dataclass(frozen=True)
class Label:
    """An implicit label as found: its members, or why it could not be read."""

    members: JsonObject | None
    problem: str | None = None


def is_generated(data: object) -> TypeGuard[JsonObject]:
    """Whether the metadata declares the asset AI-generated or carries an implicit label."""
    return isinstance(data, dict) and (data.get("ai_generated") is True or "AIGC" in data)


def read_label(value: object) -> Label:
    """The members of an implicit label given as an object or as Annex E's string form."""
    if isinstance(value, dict):
        return Label(value)
    if isinstance(value, str):
        try:
            parsed = orjson.loads(value)  # orjson: a nesting limit, never a RecursionError
        except orjson.JSONDecodeError as exc:
            return Label(None, msg("shared.aigc-string-not-json", error=str(exc)))
        inner = parsed.get("AIGC") if isinstance(parsed, dict) else None
        if not isinstance(inner, dict):
            return Label(None, msg("shared.aigc-string-no-object"))
        return Label(inner)
    return Label(None, msg("shared.aigc-not-object", kind=type(value).__name__))


def presence_findings(data: object, required: Iterable[str], requirement: str | None = None) -> list[Finding]:
    """A generated asset carries the implicit label with the ``required`` members (the assets'
    AS-AIGC-001); findings name ``requirement``."""
    if not is_generated(data):
        return []
    required = list(required)
    if "AIGC" not in data:
        return [Finding(msg("shared.aigc-missing"), pointer="/AIGC", expected=required, actual=None,
                        rule="implicit-label", requirement=requirement)]
    label = read_label(data["AIGC"])
    if label.members is None:
        return []  # not readable: form_findings' finding
    return [Finding(msg("shared.aigc-member-missing", member=member), pointer=f"/AIGC/{member}",
                    expected=msg("shared.expect-aigc-member", member=member), actual=label.members.get(member),
                    rule="required-member", requirement=requirement)
            for member in required
            if not _filled(label.members.get(member))]


def _filled(value: JsonValue) -> bool:
    return isinstance(value, str) and bool(value.strip())


def form_findings(data: object, where: str = "/AIGC", value: object = None, requirement: str | None = None
                  ) -> tuple[list[Finding], list[str]]:
    """The implicit label is well formed (the assets' AS-AIGC-002). Findings, and notes (characters outside
    Annex E's set, which the Annex says values *mainly* consist of)."""
    if value is None:
        if not isinstance(data, dict) or "AIGC" not in data:
            return [], []
        value = data["AIGC"]
    label = read_label(value)
    if label.members is None:
        return [Finding(msg("shared.aigc-unreadable", reason=label.problem), pointer=where, rule="form",
                        requirement=requirement)], []
    issues: list[Finding] = []
    notes: list[str] = []
    for member, item in label.members.items():
        if member not in MEMBERS:
            issues.append(Finding(msg("shared.aigc-unknown-member", member=repr(member)),
                                  pointer=f"{where}/{_escape(member)}", expected=list(MEMBERS), actual=member,
                                  rule="members", requirement=requirement))
        elif not isinstance(item, str):
            issues.append(Finding(msg("shared.aigc-not-string", member=member, kind=type(item).__name__),
                                  pointer=f"{where}/{member}", expected="string", actual=item, rule="string",
                                  requirement=requirement))
        elif not _ANNEX_CHARS.match(item):
            notes.append(msg("shared.aigc-characters", member=member))
    value_1 = label.members.get("Label")
    if isinstance(value_1, str) and value_1 not in LABEL_VALUES:
        issues.append(Finding(msg("shared.aigc-label-value", value=repr(value_1)), pointer=f"{where}/Label",
                              expected=list(LABEL_VALUES), actual=value_1, rule="label-value",
                              requirement=requirement))
    elif value_1 in ("2", "3") and isinstance(data, dict) and data.get("ai_generated") is True:
        issues.append(Finding(msg("shared.aigc-label-not-generated", value=value_1), pointer=f"{where}/Label",
                              expected="1", actual=value_1, rule="label-declared", requirement=requirement))
    elif value_1 == "1" and isinstance(data, dict) and data.get("ai_generated") is False:
        issues.append(Finding(msg("shared.aigc-label-contradicts"), pointer=f"{where}/Label",
                              expected=msg("shared.expect-label-or-declaration"), actual=value_1,
                              rule="label-declared", requirement=requirement))
    return issues, notes


def explicit_findings(data: object, requirement: str | None = None) -> list[Finding]:
    """A generated asset declares the explicit label it displays, whose text
    holds an AI element and a generation element (GB 45438-2025; the assets' AS-AIGC-004). The member's JSON types and
    placement values are the schema's (the caller adds those findings)."""
    if not is_generated(data):
        return []
    label = data.get("explicit_label")
    if label is None:
        return [Finding(msg("shared.explicit-missing"), pointer="/explicit_label",
                        expected=msg("shared.expect-explicit-label"), actual=None, rule="declared",
                        requirement=requirement)]
    text = label.get("text") if isinstance(label, dict) else None
    if not isinstance(text, str):
        return []  # the schema's finding
    issues = []
    if not AI_ELEMENT.search(text):
        issues.append(Finding(msg("shared.explicit-no-ai-element", text=repr(text)), pointer="/explicit_label/text",
                              expected=msg("shared.expect-ai-element"), actual=text, rule="ai-element",
                              requirement=requirement))
    if not GENERATION_ELEMENT.search(text):
        issues.append(Finding(msg("shared.explicit-no-generation-element", text=repr(text)),
                              pointer="/explicit_label/text", expected=msg("shared.expect-generation-element"),
                              actual=text, rule="generation-element", requirement=requirement))
    return issues


def _escape(member: str) -> str:
    return member.replace("~", "~0").replace("/", "~1")
