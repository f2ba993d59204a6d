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

The labels are read and judged by :mod:`conformance.areas._shared.ai_labels` (the interfaces
area judges AI agents' labels with it too); this module holds what only assets have: the label
a glTF model or a media file carries, agreeing with the metadata's.
"""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from conformance import Finding, msg
from conformance.area import parse_json

from .._shared.ai_labels import IDENTIFYING, form_findings, read_label

if TYPE_CHECKING:
    from conformance.area import JsonValue

GLTF_MEDIA_TYPES = ("model/gltf+json", "model/gltf-binary", "model/vrm")
GLTF_SUFFIXES = (".gltf", ".glb", ".vrm")


def is_model(item: JsonValue) -> bool:
    """Whether a content reference names a glTF model (by media type or file name)."""
    if not isinstance(item, dict) or not isinstance(uri := item.get("uri"), str):
        return False
    media = str(item.get("media_type", "")).split(";")[0].strip().lower()
    return media in GLTF_MEDIA_TYPES or uri.lower().endswith(GLTF_SUFFIXES)


def gltf_json(data: bytes, what: str) -> object:
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


def model_findings(metadata: JsonValue, model: JsonValue) -> list[Finding]:
    """AS-AIGC-003, one model: its ``asset.extras.AIGC`` is there, well formed, and agrees
    with the metadata's label on the attribute, the provider and the content number.
    Pointers are into the model."""
    asset = model.get("asset") if isinstance(model, dict) else None
    extras = asset.get("extras") if isinstance(asset, dict) else None
    if not isinstance(extras, dict) or "AIGC" not in extras:
        return [Finding(msg("assets.model-label-missing"), pointer="/asset/extras/AIGC",
                        expected=msg("assets.expect-model-label"), actual=None, requirement="AS-AIGC-003")]
    return carried_findings(metadata, extras["AIGC"], "/asset/extras/AIGC", "AS-AIGC-003")


def media_findings(metadata: JsonValue, labels: Iterable[tuple[str, JsonValue]]) -> list[Finding]:
    """AS-AIGC-005, one image, audio or video file: it carries the implicit label in its own
    metadata (``labels``: each place it was found, and the value there), each one well formed
    and agreeing with the metadata's label. Pointers name the place in the file."""
    labels = list(labels)
    if not labels:
        return [Finding(msg("assets.media-label-missing"), pointer="", expected=msg("assets.expect-media-label"),
                        actual=None, rule="R1", requirement="AS-AIGC-005")]
    return [found for where, value in labels for found in carried_findings(metadata, value, where, "AS-AIGC-005")]


#: AS-AIGC-002's rule each finding of the shared label form check (``ai_labels.form_findings``) breaks
FORM_RULES = {"form": "R1", "members": "R1", "string": "R1", "label-value": "R2", "label-declared": "R3"}


def ruled(findings: Iterable[Finding], rules: Mapping[str | None, str] | None = None) -> list[Finding]:
    """``findings`` of a check shared with other areas (``_shared.ai_labels``), each under the rule of the
    requirement's text it breaks (``rules``, by the shared check's tag), or None when the requirement defines
    no rules: the report prints a finding's rule, and only the text's R-numbers mean anything to a reader."""
    return [dataclasses.replace(f, rule=rules.get(f.rule) if rules else None) for f in findings]


#: the rules of each requirement a carried label breaks when it is not well formed, and when it does not
#: agree with the metadata's label; a requirement not listed defines no rules (None)
CARRIED_RULES = {"AS-AIGC-005": ("R2", "R3"), "AS-AIGC-010": ("R3", "R3")}


def carried_findings(metadata: JsonValue, value: JsonValue, where: str, requirement: str) -> list[Finding]:
    """A label a file carries (``where`` in it): well formed as AS-AIGC-002 says, and equal
    to the metadata's label on the attribute, the provider and the content number."""
    form_rule, agree_rule = CARRIED_RULES.get(requirement, (None, None))
    issues, _ = form_findings(None, where, value, requirement=requirement)
    if issues:
        return [dataclasses.replace(f, rule=form_rule) for f in issues]
    ours = read_label(value).members or {}
    theirs = read_label(metadata.get("AIGC")).members if isinstance(metadata, dict) else None
    if theirs is None:
        return []  # the metadata's own label is AS-AIGC-001 / -002's to judge
    return [Finding(msg("assets.label-differs", member=member), pointer=f"{where}/{member}",
                    expected=theirs.get(member), actual=ours.get(member), rule=agree_rule,
                    requirement=requirement)
            for member in IDENTIFYING if member in theirs and ours.get(member) != theirs.get(member)]
