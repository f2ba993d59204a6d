"""Labels of AI-generated assets (GB 45438-2025, CAC labelling measures 2025): the implicit
label in the metadata (AS-AIGC-001, its form AS-AIGC-002), in each glTF model the metadata
references (AS-AIGC-003), and the explicit label declared for display (AS-AIGC-004)."""

import pytest

from conformance import NonConformance, NotApplicable, msg, reason
from conformance.areas.assets import generated, metadata
from conformance.areas.assets.content import resolve


def _generated(files):
    return [doc for doc in files.documents() if generated.is_generated(doc.data)]


@pytest.mark.requirement("AS-AIGC-001")
def test_generated_assets_carry_the_implicit_label(targets, evidence, params):
    required = list(params.implicit_label_members)
    docs = _generated(targets["asset_metadata"])
    for doc in docs:
        evidence.findings_from(generated.presence_findings(doc.data, required), file=doc.name)
    if not docs and not evidence.findings_count:
        raise NotApplicable(msg("assets.aigc-none-generated"))
    evidence.note(msg("assets.aigc-required-members", members=", ".join(required)))
    evidence.note(msg("assets.aigc-generated-count", count=len(docs)))


@pytest.mark.requirement("AS-AIGC-002")
def test_the_implicit_label_is_well_formed(targets, evidence):
    labelled = 0
    for doc in targets["asset_metadata"].documents():
        if not isinstance(doc.data, dict) or "AIGC" not in doc.data:
            continue
        labelled += 1
        issues, notes = generated.form_findings(doc.data)
        evidence.findings_from(issues, file=doc.name)
        for note in notes:
            evidence.note(note, file=doc.name, pointer="/AIGC")
    if not labelled and not evidence.findings_count:
        raise NotApplicable(msg("assets.aigc-none-labelled"))


@pytest.mark.requirement("AS-AIGC-003")
def test_models_of_generated_assets_carry_the_label(targets, evidence):
    files = targets["asset_metadata"]
    checked = 0
    for doc in _generated(files):
        content = doc.data.get("content")
        for index, item in enumerate(content if isinstance(content, list) else []):
            if not generated.is_model(item):
                continue
            target = resolve(doc.path.parent, item["uri"])
            if target.path is None or not target.path.is_file():
                continue  # remote, refused or missing: AS-CONT-001 says so
            name = files.display_name(target.path)
            try:
                model = generated.gltf_json(files.read_bytes(target.path), name)
            except NonConformance as exc:  # over the size cap, or not JSON
                evidence.finding(msg("assets.model-unreadable", model=name, reason=reason(exc)),
                                 **{**exc.evidence, "file": name})
                continue
            except ValueError as exc:  # a broken binary container
                evidence.finding(msg("assets.model-unreadable", model=name, reason=str(exc)), file=name,
                                 pointer="", rule="gltf-json")
                continue
            checked += 1
            for found in generated.model_findings(doc.data, model):
                evidence.finding(msg("assets.model-in-metadata", model=name, metadata=doc.name,
                                     message=found.message),
                                 file=name, pointer=found.pointer, expected=found.expected, actual=found.actual,
                                 rule=found.rule, content=f"{doc.name}#/content/{index}")
    if not checked and not evidence.findings_count:
        raise NotApplicable(msg("assets.model-none-local"))
    evidence.note(msg("assets.models-checked", count=checked))


@pytest.mark.requirement("AS-AIGC-004")
def test_generated_assets_declare_the_explicit_label(targets, schemas, evidence):
    docs = _generated(targets["asset_metadata"])
    for doc in docs:
        evidence.findings_from(generated.explicit_findings(doc.data), file=doc.name)
        for found in schemas.findings(doc.data, metadata.PLATFORM_SCHEMA):
            if (found.pointer or "").startswith("/explicit_label"):
                evidence.finding(msg("assets.explicit-invalid", message=found.message), file=doc.name,
                                 pointer=found.pointer, rule=found.rule)
    if not docs and not evidence.findings_count:
        raise NotApplicable(msg("assets.aigc-none-generated"))
    evidence.note(msg("assets.aigc-generated-count", count=len(docs)))
