"""Labels of AI-generated assets (GB 45438-2025, CAC labelling measures 2025): the implicit
label in the metadata (AS-AIGC-001, its form AS-AIGC-002), in each glTF model the metadata
references (AS-AIGC-003) and in each image, audio and video file (AS-AIGC-005), the explicit
label declared for display (AS-AIGC-004), shown in glTF scenes (AS-AIGC-006) and placed in
audio and video (AS-AIGC-007)."""

import pytest

from conformance import Evidence, FileRefused, Inconclusive, NonConformance, NotApplicable, Parameters, Targets, msg, reason
from conformance.area import SchemaRegistry
from conformance.areas._shared import ai_labels
from conformance.areas.assets import explicit, generated, media, metadata
from conformance.areas.assets.content import resolve


def _generated(files):
    return [doc for doc in files.documents() if ai_labels.is_generated(doc.data)]


def _local(files, evidence, pick, unjudged):
    """(metadata document, content index, content item, file name, bytes) of each local file
    a generated asset references that ``pick(item)`` selects. A remote, refused or missing one
    (AS-CONT-001 judges the reference) is not judged here, nor is one the test equipment refuses
    to read (over its ``max_file_bytes`` cap, not a regular file, a link out of its folder: a state
    of the equipment, its content never obtained, so no defect of it is known): each is added to
    ``unjudged`` (its words), and the test is inconclusive for it unless another file fails. A file
    read that does not parse stays the caller's finding."""
    for doc in _generated(files):
        content = doc.data.get("content")
        for index, item in enumerate(content if isinstance(content, list) else []):
            if not pick(item):
                continue
            target = resolve(doc.path.parent, item["uri"])
            if target.path is None or not target.path.exists():  # a FIFO or device is the bounded read's finding
                why = msg("assets.generated-remote") if target.remote else target.refused if target.refused \
                    else msg("assets.perceived-missing")
                text = msg("assets.generated-not-judged", uri=item["uri"], metadata=doc.name, reason=why)
                evidence.note(text, file=doc.name, pointer=f"/content/{index}/uri")
                unjudged.append(text)
                continue
            name = files.display_name(target.path)
            try:
                data = files.read_bytes(target.path)
            except FileRefused as exc:
                text = msg("assets.generated-not-judged", uri=item["uri"], metadata=doc.name, reason=reason(exc))
                evidence.unjudged(name, text, content=f"{doc.name}#/content/{index}")
                unjudged.append(text)
                continue
            yield doc, index, item, name, data


def _models(files, evidence, unjudged, rule):
    """(metadata document, content index, model name, glTF JSON) of each readable local model."""
    for doc, index, _, name, data in _local(files, evidence, generated.is_model, unjudged):
        try:
            model = generated.gltf_json(data, name)
        except NonConformance as exc:  # not JSON
            evidence.finding(msg("assets.model-unreadable", model=name, reason=reason(exc)),
                             **{**exc.evidence, "file": name, "rule": rule})
            continue
        except ValueError as exc:  # a broken binary container
            evidence.finding(msg("assets.model-unreadable", model=name, reason=str(exc)), file=name,
                             pointer="", rule=rule)
            continue
        yield doc, index, name, model


def _media(files, evidence, unjudged, rule, pick=media.media_kind, labelled=True):
    """(metadata document, content index, item, media name, MediaInfo) of each readable local
    image, audio or video file; where its labels are read (``labelled``), a file with a text chunk
    past 5.1's bound 「PNG 文本块的解压大小」 is not judged (``unjudged``)."""
    for doc, index, item, name, data in _local(files, evidence, pick, unjudged):
        try:
            info = media.read(data, media.media_kind(item) or "")
        except media.Unreadable as exc:
            evidence.finding(msg("assets.media-unreadable", media=name, reason=str(exc)), file=name, pointer="", rule=rule,
                             content=f"{doc.name}#/content/{index}")
            continue
        if info.past_bound is not None and labelled:  # 5.1's bound: the labels are not judged (h133-media)
            text = msg("assets.generated-not-judged", uri=item["uri"], metadata=doc.name, reason=info.past_bound)
            evidence.unjudged(name, text, content=f"{doc.name}#/content/{index}")
            unjudged.append(text)
            continue
        yield doc, index, item, name, info


@pytest.mark.requirement("AS-AIGC-001")
def test_generated_assets_carry_the_implicit_label(targets: Targets, evidence: Evidence, params: Parameters):
    required = list(params.implicit_label_members)
    docs = _generated(targets["asset_metadata"])
    for doc in docs:
        evidence.findings_from(generated.ruled(ai_labels.presence_findings(doc.data, required, "AS-AIGC-001")),
                               file=doc.name)
    if not docs and not evidence.findings_count:
        raise NotApplicable(msg("assets.aigc-none-generated"))
    evidence.note(msg("assets.aigc-required-members", members=", ".join(required)))
    evidence.note(msg("assets.aigc-generated-count", count=len(docs)))


@pytest.mark.requirement("AS-AIGC-002")
def test_the_implicit_label_is_well_formed(targets: Targets, evidence: Evidence):
    labelled = 0
    for doc in targets["asset_metadata"].documents():
        if not isinstance(doc.data, dict) or "AIGC" not in doc.data:
            continue
        labelled += 1
        issues, notes = ai_labels.form_findings(doc.data, requirement="AS-AIGC-002")
        evidence.findings_from(generated.ruled(issues, generated.FORM_RULES), file=doc.name)
        for note in notes:
            evidence.note(note, file=doc.name, pointer="/AIGC")
    if not labelled and not evidence.findings_count:
        raise NotApplicable(msg("assets.aigc-none-labelled"))


def _settle(evidence, checked: int, unjudged: list[str], none: str) -> None:
    """Inconclusive when a referenced file was not judged and nothing failed (a set passes only
    when every member does); not applicable when there was nothing to judge at all."""
    if unjudged and not evidence.findings_count:
        raise Inconclusive(unjudged[0] if len(unjudged) == 1 else msg(
            "assets.generated-not-judged-many", count=len(unjudged), first=unjudged[0]))
    if not checked and not evidence.findings_count:
        raise NotApplicable(msg(none))


def _record_in_model(evidence, findings, doc, index: int, name: str) -> None:
    """Findings about a model file, each naming the metadata and content entry that list it."""
    for found in findings:
        evidence.finding(msg("assets.model-in-metadata", model=name, metadata=doc.name, message=found.message),
                         file=name, pointer=found.pointer, expected=found.expected, actual=found.actual,
                         rule=found.rule, content=f"{doc.name}#/content/{index}")


@pytest.mark.requirement("AS-AIGC-003")
def test_models_of_generated_assets_carry_the_label(targets: Targets, evidence: Evidence):
    checked, unjudged = 0, []
    for doc, index, name, model in _models(targets["asset_metadata"], evidence, unjudged, None):
        checked += 1
        _record_in_model(evidence, generated.model_findings(doc.data, model), doc, index, name)
    evidence.note(msg("assets.models-checked", count=checked))
    _settle(evidence, checked, unjudged, "assets.model-none-local")


@pytest.mark.requirement("AS-AIGC-004")
def test_generated_assets_declare_the_explicit_label(targets: Targets, schemas: SchemaRegistry, evidence: Evidence):
    docs = _generated(targets["asset_metadata"])
    for doc in docs:
        evidence.findings_from(generated.ruled(ai_labels.explicit_findings(doc.data, "AS-AIGC-004")), file=doc.name)
        for found in schemas.findings(doc.data, metadata.PLATFORM_SCHEMA):
            if (found.pointer or "").startswith("/explicit_label"):
                evidence.finding(msg("assets.explicit-invalid", message=found.message), file=doc.name,
                                 pointer=found.pointer, check=found.extra.get("check"))
    if not docs and not evidence.findings_count:
        raise NotApplicable(msg("assets.aigc-none-generated"))
    evidence.note(msg("assets.aigc-generated-count", count=len(docs)))


@pytest.mark.requirement("AS-AIGC-005")
def test_media_files_of_generated_assets_carry_the_label(targets: Targets, evidence: Evidence):
    checked, unjudged = 0, []
    for doc, index, _, name, info in _media(targets["asset_metadata"], evidence, unjudged, "R1"):
        checked += 1
        if info.labels:
            evidence.note(msg("assets.media-carriers", media=name, places=", ".join(c.where for c in info.labels)))
        if info.source_type:
            evidence.note(msg("assets.media-source-type", media=name, value=info.source_type))
        for found in generated.media_findings(doc.data, ((c.where, c.value) for c in info.labels)):
            evidence.finding(msg("assets.media-in-metadata", media=name, metadata=doc.name, message=found.message),
                             file=name, pointer=found.pointer, expected=found.expected, actual=found.actual,
                             rule=found.rule, content=f"{doc.name}#/content/{index}")
    evidence.note(msg("assets.media-checked", count=checked))
    _settle(evidence, checked, unjudged, "assets.media-none-local")


@pytest.mark.requirement("AS-AIGC-006")
def test_scenes_of_generated_assets_show_the_label(targets: Targets, evidence: Evidence):
    checked, unjudged = 0, []
    for doc, index, name, model in _models(targets["asset_metadata"], evidence, unjudged, "R1"):
        checked += 1
        _record_in_model(evidence, explicit.scene_label_findings(model), doc, index, name)
    evidence.note(msg("assets.scenes-checked", count=checked))
    _settle(evidence, checked, unjudged, "assets.model-none-local")


@pytest.mark.requirement("AS-AIGC-007")
def test_generated_audio_and_video_declare_the_explicit_label(targets: Targets, evidence: Evidence, params: Parameters):
    checked, unjudged = 0, []
    timed = lambda item: media.media_kind(item) in ("audio", "video")  # noqa: E731
    for doc, index, item, name, info in _media(targets["asset_metadata"], evidence, unjudged, "R2", timed,
                                                 labelled=False):
        checked += 1
        for found in explicit.media_label_findings(item, info.duration, params.video_label_start_s,
                                                   f"/content/{index}"):
            evidence.finding(msg("assets.media-in-metadata", media=name, metadata=doc.name, message=found.message),
                             file=doc.name, pointer=found.pointer, expected=found.expected, actual=found.actual,
                             rule=found.rule)
    evidence.note(msg("assets.media-checked", count=checked))
    _settle(evidence, checked, unjudged, "assets.media-none-timed")
