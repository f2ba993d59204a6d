"""Labels of AI-generated assets: GB 45438-2025 and the CAC labelling measures (2025).

Asset metadata declares an asset AI-generated with ``ai_generated: true``; an asset is also
taken as generated when it carries an implicit label (``AIGC``). A generated asset:

- carries the implicit label of GB 45438-2025 Annex E in its metadata, member ``AIGC``, with
  the members the profile requires (AS-AIGC-001; by default the three the measures' art. 5
  names: the generation attribute ``Label``, the provider ``ContentProducer`` and the content
  number ``ProduceID``);
- whose members are well formed (AS-AIGC-002): only the Annex's seven, each a string,
  ``Label`` one of ``"1"`` (generated), ``"2"`` (possibly), ``"3"`` (suspected), and ``"1"``
  where the metadata itself declares the asset generated;
- carries the same label in each glTF model it references, in the model's ``asset.extras``
  (AS-AIGC-003): glTF 2.0 has no metadata block of its own, and ``extras`` is where the
  specification puts application-specific data;
- declares the explicit label it displays (AS-AIGC-004): ``explicit_label.text`` holding an
  AI element ("人工智能" or "AI") and a generation element ("生成" and/or "合成"), and where
  it is shown.

The label is an object in JSON metadata; the Annex's own serialisation, a string holding
``{"AIGC": {...}}``, is accepted too (that is the form a file format with only string fields
carries).
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from ..._run.findings import Finding
from ...adapters.parsing import parse_json
from ...messages import msg

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

GLTF_MEDIA_TYPES = ("model/gltf+json", "model/gltf-binary", "model/vrm")
GLTF_SUFFIXES = (".gltf", ".glb", ".vrm")


@dataclass(frozen=True)
class Label:
    """An implicit label as found: its members, or why it could not be read."""

    members: dict[str, Any] | None
    problem: str | None = None


def is_generated(data: Any) -> bool:
    """Whether the metadata declares the asset AI-generated or carries an implicit label."""
    return isinstance(data, dict) and (data.get("ai_generated") is True or "AIGC" in data)


def read_label(value: Any) -> Label:
    """The members of an implicit label given as an object or as Annex E's string form."""
    if isinstance(value, dict):
        return Label(value)
    if isinstance(value, str):
        try:
            parsed = orjson.loads(value)  # orjson: a nesting limit, never a RecursionError
        except orjson.JSONDecodeError as exc:
            return Label(None, msg("assets.aigc-string-not-json", error=str(exc)))
        inner = parsed.get("AIGC") if isinstance(parsed, dict) else None
        if not isinstance(inner, dict):
            return Label(None, msg("assets.aigc-string-no-object"))
        return Label(inner)
    return Label(None, msg("assets.aigc-not-object", kind=type(value).__name__))


def presence_findings(data: Any, required: Iterable[str]) -> list[Finding]:
    """AS-AIGC-001: a generated asset carries the implicit label with the required members."""
    if not is_generated(data):
        return []
    required = list(required)
    if "AIGC" not in data:
        return [Finding(msg("assets.aigc-missing"), pointer="/AIGC", expected=required, actual=None,
                        rule="implicit-label", requirement="AS-AIGC-001")]
    label = read_label(data["AIGC"])
    if label.members is None:
        return []  # not readable: AS-AIGC-002's finding
    return [Finding(msg("assets.aigc-member-missing", member=member), pointer=f"/AIGC/{member}",
                    expected=msg("assets.expect-aigc-member", member=member), actual=label.members.get(member),
                    rule="required-member", requirement="AS-AIGC-001")
            for member in required
            if not (isinstance(label.members.get(member), str) and label.members[member].strip())]


def form_findings(data: Any, where: str = "/AIGC", value: Any = None, requirement: str = "AS-AIGC-002"
                  ) -> tuple[list[Finding], list[str]]:
    """AS-AIGC-002: the implicit label is well formed. Findings, and notes (characters outside
    Annex E's set, which the Annex says values *mainly* consist of)."""
    if value is None:
        if not isinstance(data, dict) or "AIGC" not in data:
            return [], []
        value = data["AIGC"]
    label = read_label(value)
    if label.members is None:
        return [Finding(msg("assets.aigc-unreadable", reason=label.problem), pointer=where, rule="form",
                        requirement=requirement)], []
    issues: list[Finding] = []
    notes: list[str] = []
    for member, item in label.members.items():
        if member not in MEMBERS:
            issues.append(Finding(msg("assets.aigc-unknown-member", member=repr(member)),
                                  pointer=f"{where}/{_escape(member)}", expected=list(MEMBERS), actual=member,
                                  rule="members", requirement=requirement))
        elif not isinstance(item, str):
            issues.append(Finding(msg("assets.aigc-not-string", member=member, kind=type(item).__name__),
                                  pointer=f"{where}/{member}", expected="string", actual=item, rule="string",
                                  requirement=requirement))
        elif not _ANNEX_CHARS.match(item):
            notes.append(msg("assets.aigc-characters", member=member))
    value_1 = label.members.get("Label")
    if isinstance(value_1, str) and value_1 not in LABEL_VALUES:
        issues.append(Finding(msg("assets.aigc-label-value", value=repr(value_1)), pointer=f"{where}/Label",
                              expected=list(LABEL_VALUES), actual=value_1, rule="label-value",
                              requirement=requirement))
    elif value_1 in ("2", "3") and isinstance(data, dict) and data.get("ai_generated") is True:
        issues.append(Finding(msg("assets.aigc-label-not-generated", value=value_1), pointer=f"{where}/Label",
                              expected="1", actual=value_1, rule="label-declared", requirement=requirement))
    elif value_1 == "1" and isinstance(data, dict) and data.get("ai_generated") is False:
        issues.append(Finding(msg("assets.aigc-label-contradicts"), pointer=f"{where}/Label",
                              expected=msg("assets.expect-label-or-declaration"), actual=value_1,
                              rule="label-declared", requirement=requirement))
    return issues, notes


def explicit_findings(data: Any) -> list[Finding]:
    """AS-AIGC-004: a generated asset declares the explicit label it displays, whose text
    holds an AI element and a generation element (GB 45438-2025). The member's JSON types and
    placement values are the schema's (the caller adds those findings)."""
    if not is_generated(data):
        return []
    label = data.get("explicit_label")
    if label is None:
        return [Finding(msg("assets.explicit-missing"), pointer="/explicit_label",
                        expected=msg("assets.expect-explicit-label"), actual=None, rule="declared",
                        requirement="AS-AIGC-004")]
    text = label.get("text") if isinstance(label, dict) else None
    if not isinstance(text, str):
        return []  # the schema's finding
    issues = []
    if not AI_ELEMENT.search(text):
        issues.append(Finding(msg("assets.explicit-no-ai-element", text=repr(text)), pointer="/explicit_label/text",
                              expected=msg("assets.expect-ai-element"), actual=text, rule="ai-element",
                              requirement="AS-AIGC-004"))
    if not GENERATION_ELEMENT.search(text):
        issues.append(Finding(msg("assets.explicit-no-generation-element", text=repr(text)),
                              pointer="/explicit_label/text", expected=msg("assets.expect-generation-element"),
                              actual=text, rule="generation-element", requirement="AS-AIGC-004"))
    return issues


def is_model(item: Any) -> bool:
    """Whether a content reference names a glTF model (by media type or file name)."""
    if not isinstance(item, dict) or not isinstance(item.get("uri"), str):
        return False
    media = str(item.get("media_type", "")).split(";")[0].strip().lower()
    return media in GLTF_MEDIA_TYPES or item["uri"].lower().endswith(GLTF_SUFFIXES)


def gltf_json(data: bytes, what: str) -> Any:
    """The JSON of a glTF asset, ``.gltf`` or binary (``glTF`` magic, then a JSON chunk).
    Raises ValueError on a broken binary container, NonConformance on JSON that is
    malformed, too deep or has duplicate member names (the file adapter's JSON rules)."""
    if data[:4] == b"glTF":
        if len(data) < 20:
            raise ValueError("a binary glTF shorter than its headers")
        length, kind = struct.unpack_from("<II", data, 12)
        if kind != 0x4E4F534A or 20 + length > len(data):
            raise ValueError("the binary glTF's first chunk is not a whole JSON chunk")
        data = data[20:20 + length]
    return parse_json(data, what=what)


def model_findings(metadata: Any, model: Any) -> list[Finding]:
    """AS-AIGC-003, one model: its ``asset.extras.AIGC`` is there, well formed, and agrees
    with the metadata's label on the attribute, the provider and the content number.
    Pointers are into the model."""
    asset = model.get("asset") if isinstance(model, dict) else None
    extras = asset.get("extras") if isinstance(asset, dict) else None
    if not isinstance(extras, dict) or "AIGC" not in extras:
        return [Finding(msg("assets.model-label-missing"), pointer="/asset/extras/AIGC",
                        expected=msg("assets.expect-model-label"), actual=None, rule="model-label",
                        requirement="AS-AIGC-003")]
    return carried_findings(metadata, extras["AIGC"], "/asset/extras/AIGC", "AS-AIGC-003")


def media_findings(metadata: Any, labels: Iterable[tuple[str, Any]]) -> list[Finding]:
    """AS-AIGC-005, one image, audio or video file: it carries the implicit label in its own
    metadata (``labels``: each place it was found, and the value there), each one well formed
    and agreeing with the metadata's label. Pointers name the place in the file."""
    labels = list(labels)
    if not labels:
        return [Finding(msg("assets.media-label-missing"), pointer="", expected=msg("assets.expect-media-label"),
                        actual=None, rule="media-label", requirement="AS-AIGC-005")]
    return [found for where, value in labels for found in carried_findings(metadata, value, where, "AS-AIGC-005")]


def carried_findings(metadata: Any, value: Any, where: str, requirement: str) -> list[Finding]:
    """A label a file carries (``where`` in it): well formed as AS-AIGC-002 says, and equal
    to the metadata's label on the attribute, the provider and the content number."""
    issues, _ = form_findings(None, where, value, requirement=requirement)
    if issues:
        return issues
    ours = read_label(value).members or {}
    theirs = read_label(metadata.get("AIGC")).members if isinstance(metadata, dict) else None
    if theirs is None:
        return []  # the metadata's own label is AS-AIGC-001 / -002's to judge
    return [Finding(msg("assets.label-differs", member=member), pointer=f"{where}/{member}",
                    expected=theirs.get(member), actual=ours.get(member), rule="label-agrees",
                    requirement=requirement)
            for member in IDENTIFYING if member in theirs and ours.get(member) != theirs.get(member)]


def _escape(member: str) -> str:
    return member.replace("~", "~0").replace("/", "~1")
