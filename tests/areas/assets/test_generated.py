"""Generated-content labels (AS-AIGC-001..004) and content ratings in their scheme
(AS-RATING-001): the checks on their own, open-ended inputs (hypothesis) judged without a
crash, and hostile models read through the file adapter's limits."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas._shared import ai_labels
from conformance.areas.assets import generated, rating
from conformance.reference import SAMPLES
from tests.conftest import verdicts

LABEL = {"Label": "1", "ContentProducer": "p.example", "ProduceID": "c-1"}
AIGC_REQUIREMENTS = ["AS-AIGC-001", "AS-AIGC-002", "AS-AIGC-003", "AS-AIGC-004"]


def _rules(findings) -> list[str]:
    return sorted(f.rule for f in findings)


def test_the_annex_string_form_is_read_like_the_object():
    assert ai_labels.read_label(json.dumps({"AIGC": LABEL})).members == LABEL
    assert ai_labels.read_label(LABEL).members == LABEL
    assert ai_labels.read_label('{"Label": "1"}').members is None  # not {"AIGC": {...}}
    assert ai_labels.read_label("[[[[").members is None
    assert ai_labels.read_label(7).members is None


def test_only_generated_assets_need_labels():
    assert ai_labels.presence_findings({"name": "plain"}, ["Label"]) == []
    assert ai_labels.explicit_findings({"name": "plain"}) == []
    assert _rules(ai_labels.presence_findings({"ai_generated": True}, ["Label"])) == ["implicit-label"]
    # an AIGC member alone makes the asset generated
    assert _rules(ai_labels.presence_findings({"AIGC": {"Label": "1"}}, ["Label", "ProduceID"])) == [
        "required-member"]


def test_a_required_member_of_white_space_only_is_missing():
    """AS-AIGC-001 1.1 states what the check holds: a string of white space only names no provider."""
    label = {"Label": "1", "ContentProducer": " \t", "ProduceID": "p-1"}
    found = ai_labels.presence_findings({"AIGC": label}, ["Label", "ContentProducer", "ProduceID"])
    assert [(f.rule, f.pointer) for f in found] == [("required-member", "/AIGC/ContentProducer")]


def test_label_values_and_consistency_with_the_declaration():
    for value in ("1", "2", "3"):
        assert ai_labels.form_findings({"AIGC": {**LABEL, "Label": value}})[0] == []
    assert _rules(ai_labels.form_findings({"AIGC": {**LABEL, "Label": "AIGC"}})[0]) == ["label-value"]
    assert _rules(ai_labels.form_findings({"ai_generated": True, "AIGC": {**LABEL, "Label": "3"}})[0]) == [
        "label-declared"]
    assert _rules(ai_labels.form_findings({"ai_generated": False, "AIGC": LABEL})[0]) == ["label-declared"]
    assert ai_labels.form_findings({"ai_generated": False, "AIGC": {**LABEL, "Label": "3"}})[0] == []
    issues, notes = ai_labels.form_findings({"AIGC": {**LABEL, "ContentProducer": "某公司 Ltd"}})
    assert issues == [] and len(notes) == 1  # outside Annex E's character set: a note, not a failure


def test_explicit_label_elements():
    def rules(text: str) -> list[str]:
        return _rules(ai_labels.explicit_findings({"ai_generated": True,
                                                   "explicit_label": {"text": text, "placement": ["interface"]}}))

    assert rules("AI生成") == rules("人工智能合成") == rules("由人工智能生成合成") == []
    assert rules("AI") == ["generation-element"]
    assert rules("智能生成") == ["ai-element"]  # "智能" is not the AI element
    assert rules("AI-generated") == ["generation-element"]  # the standard's elements are Chinese words


def test_model_label_agrees_with_the_metadata():
    metadata = {"ai_generated": True, "AIGC": LABEL}
    assert generated.model_findings(metadata, {"asset": {"version": "2.0", "extras": {"AIGC": LABEL}}}) == []
    assert _rules(generated.model_findings(metadata, {"asset": {"version": "2.0"}})) == [None]
    assert _rules(generated.model_findings(metadata, ["not", "a", "model"])) == [None]
    other = {"asset": {"extras": {"AIGC": {**LABEL, "ContentProducer": "x"}}}}
    assert [f.pointer for f in generated.model_findings(metadata, other)] == ["/asset/extras/AIGC/ContentProducer"]


def test_binary_gltf_json_chunk_is_read():
    body = json.dumps({"asset": {"version": "2.0", "extras": {"AIGC": LABEL}}}).encode()
    body += b" " * (-len(body) % 4)
    glb = b"glTF" + struct.pack("<II", 2, 20 + len(body)) + struct.pack("<II", len(body), 0x4E4F534A) + body
    assert generated.gltf_json(glb, "m.glb")["asset"]["extras"]["AIGC"] == LABEL
    with pytest.raises(ValueError):
        generated.gltf_json(glb[:30], "m.glb")


@pytest.mark.parametrize(("content_rating", "rules"), [
    ({"min_age": 8, "system": "CADPA", "rating": "8+"}, []),
    ({"min_age": 0, "system": "ESRB", "rating": "E", "descriptors": ["comic mischief"]}, []),
    ({"min_age": 16, "system": "PEGI", "rating": "16", "descriptors": ["Violence", "In-Game Purchases"]}, []),
    ({"min_age": 12}, []),  # an age band without a scheme
    ({"min_age": 17, "system": "ESRB", "rating": "M", "descriptors": ["Gore", "Blood"]}, ["R4"]),
    ({"min_age": 17, "system": "ESRB", "rating": "T"}, ["R3"]),
    ({"min_age": 18, "system": "PEGI", "rating": "PEGI 18"}, ["R2"]),
    ({"min_age": 12, "descriptors": ["Fear"]}, ["R1"]),
    ({"min_age": 12, "system": "USK", "rating": "12"}, ["R1"]),
])
def test_ratings_in_their_scheme(content_rating, rules):
    assert _rules(rating.rating_findings({"content_rating": content_rating}, ["CADPA", "PEGI", "ESRB"])) == rules


def test_a_platform_narrows_the_schemes_it_accepts():
    pegi = {"content_rating": {"min_age": 12, "system": "PEGI", "rating": "12"}}
    assert rating.rating_findings(pegi, ["PEGI"]) == []
    assert _rules(rating.rating_findings(pegi, ["CADPA"])) == ["R1"]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)
METADATA = st.fixed_dictionaries({}, optional={
    "ai_generated": st.booleans() | JSON,
    "AIGC": JSON | st.fixed_dictionaries({}, optional={m: st.text(max_size=6) | JSON for m in ai_labels.MEMBERS}),
    "explicit_label": JSON | st.fixed_dictionaries({"text": st.text(max_size=8) | JSON}),
    "content_rating": JSON | st.fixed_dictionaries({}, optional={
        "min_age": st.integers(-2, 30) | JSON, "system": st.sampled_from(["CADPA", "PEGI", "ESRB", "X"]) | JSON,
        "rating": st.sampled_from(["8+", "12", "T", "?"]) | JSON, "descriptors": JSON}),
}) | JSON


@settings(max_examples=300, deadline=None)
@given(METADATA, JSON)
def test_any_metadata_is_judged_without_a_crash(data, model):
    for found in (ai_labels.presence_findings(data, ["Label", "ProduceID"], "AS-AIGC-001"),
                  ai_labels.form_findings(data, requirement="AS-AIGC-002")[0],
                  ai_labels.explicit_findings(data, "AS-AIGC-004"), generated.model_findings(data, model),
                  rating.rating_findings(data, ["CADPA", "PEGI", "ESRB"])):
        assert all(f.requirement and f.message for f in found)


def _package(tmp_path: Path, model: bytes, name: str = "voxel-helmet.gltf") -> Path:
    """The reference helmet's metadata with its model replaced by ``model``."""
    folder = tmp_path / "package"
    shutil.copytree(SAMPLES / "asset_metadata" / "content", folder / "content")
    (folder / "content" / name).write_bytes(model)
    document = json.loads((SAMPLES / "asset_metadata" / "ref-helmet-0001.json").read_text(encoding="utf-8"))
    document["content"][0]["uri"] = f"content/{name}"
    (folder / "ref-helmet-0001.json").write_text(json.dumps(document), encoding="utf-8")
    return folder / "ref-helmet-0001.json"


@pytest.mark.parametrize("model", [
    b"[" * 100_000 + b"]" * 100_000,  # deeper than any JSON parser's stack
    b"glTF\x02\x00\x00\x00\xff\xff\xff\xff",  # a binary header claiming more than there is
    b"\xff\xfe not utf-8",
    b'{"asset": {"extras": {"AIGC": {"Label": "1", "Label": "2"}}}}',  # duplicate member names
])
def test_hostile_models_fail_with_evidence(tmp_path, catalog, run_manifest, model):
    document = _package(tmp_path, model)
    manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["asset-generated-content"],
                "targets": {"asset_metadata": {"adapter": "file", "paths": [str(document)]}}}
    result = run_manifest(manifest)
    assert verdicts(result)["AS-AIGC-003"] == "fail"
    assert {verdicts(result)[r] for r in AIGC_REQUIREMENTS if r != "AS-AIGC-003"} == {"pass"}


def test_a_model_over_the_size_cap_is_unjudged_not_a_fail(tmp_path, catalog, run_manifest):
    """Issue 76, open items, part h92-ruleAS (m2.6): a referenced model the test equipment refuses to read (over its
    ``max_file_bytes`` cap) is a state of the equipment, its content never obtained: AS-AIGC-003 and -006 are
    inconclusive naming it and the refusal, where they failed it (a finding of a file never read)."""
    document = _package(tmp_path, b" " * 4096)
    manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["asset-generated-content"],
                "targets": {"asset_metadata": {"adapter": "file", "paths": [str(document)],
                                               "max_file_bytes": 4000}}}
    result = run_manifest(manifest, requirements=["AS-AIGC-003", "AS-AIGC-006"])
    assert verdicts(result) == {"AS-AIGC-003": "inconclusive", "AS-AIGC-006": "inconclusive"}
    for record in result.report.requirements:
        assert "content/voxel-helmet.gltf" in record.message and "not judged" in record.message
        assert "4000" in record.message


def test_a_referenced_fifo_is_unjudged_not_a_fail(tmp_path, catalog, run_manifest):
    """Part h92-ruleAS (m2.6): a referenced medium that is not a regular file is refused unread: inconclusive."""
    import os

    document = _package(tmp_path, b"")
    fifo = document.parent / "content" / "pipe.png"
    os.mkfifo(fifo)
    data = json.loads(document.read_text(encoding="utf-8"))
    data["content"].append({"uri": "content/pipe.png", "media_type": "image/png", "sha256": "0" * 64})
    document.write_text(json.dumps(data), encoding="utf-8")
    manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["asset-generated-content"],
                "targets": {"asset_metadata": {"adapter": "file", "paths": [str(document)]}}}
    result = run_manifest(manifest, requirements=["AS-AIGC-005"])
    assert verdicts(result) == {"AS-AIGC-005": "inconclusive"}
    assert "content/pipe.png" in result.report.requirements[0].message


def test_a_malformed_model_under_the_cap_still_fails(tmp_path, catalog, run_manifest):
    """Part h92-ruleAS (m2.6): a model that is read and does not parse stays a finding (R1 of AS-AIGC-006)."""
    document = _package(tmp_path, b"{not json")
    manifest = {"product": {"name": "p", "version": "1"}, "profiles": ["asset-generated-content"],
                "targets": {"asset_metadata": {"adapter": "file", "paths": [str(document)],
                                               "max_file_bytes": 4000}}}
    result = run_manifest(manifest, requirements=["AS-AIGC-003", "AS-AIGC-006"])
    assert verdicts(result) == {"AS-AIGC-003": "fail", "AS-AIGC-006": "fail"}


SCHEME_RATINGS = [(scheme, label, age) for scheme, spec in rating.schemes().items()
                  for label, age in spec.ratings.items()]


@given(st.sampled_from(SCHEME_RATINGS), st.integers(0, 21))
def test_a_label_passes_with_its_own_age_and_only_with_it(choice, min_age):
    scheme, label, age = choice
    found = rating.rating_findings({"content_rating": {"min_age": min_age, "system": scheme, "rating": label}},
                                   list(rating.schemes()))
    assert _rules(found) == ([] if min_age == age else ["R3"])


@given(st.sampled_from(sorted(rating.schemes())), st.data())
def test_a_scheme_accepts_exactly_its_own_descriptors(scheme, data):
    vocabulary = rating.schemes()[scheme].descriptors
    own = data.draw(st.lists(st.sampled_from(vocabulary), max_size=3)) if vocabulary else []
    label, age = next(iter(rating.schemes()[scheme].ratings.items()))
    base = {"min_age": age, "system": scheme, "rating": label}
    assert rating.rating_findings({"content_rating": {**base, "descriptors": [d.upper() for d in own]}},
                                  [scheme]) == []
    stranger = data.draw(st.text(min_size=1, max_size=12).filter(
        lambda d: d.casefold() not in {v.casefold() for v in vocabulary}))
    assert _rules(rating.rating_findings({"content_rating": {**base, "descriptors": [stranger]}}, [scheme])) == [
        "R4"]


def test_a_referenced_file_not_judged_leaves_the_set_inconclusive(catalog, run_manifest, tmp_path):
    """AS-AIGC-003 1.1, -005 1.1, -006 1.2, -007 1.2: the helmet's metadata also lists a remote model and a
    remote image and video; its local files pass, so the requirements are inconclusive naming the
    first file not judged, where they passed (a set passes only when every member does)."""
    from tests.conftest import manifest_for

    folder = tmp_path / "asset_metadata"
    shutil.copytree(SAMPLES / "asset_metadata", folder)
    path = folder / "ref-helmet-0001.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    remote = [("https://cdn.example.com/helmet-lod1.glb", "model/gltf-binary"),
              ("https://cdn.example.com/helmet.png", "image/png"), ("https://cdn.example.com/teaser.mp4", "video/mp4")]
    document["content"] += [{"uri": uri, "media_type": kind, "sha256": "0" * 64} for uri, kind in remote]
    path.write_text(json.dumps(document), encoding="utf-8")
    manifest = manifest_for(catalog, "asset-generated-content", files={"asset_metadata": [str(folder / "*.json")]})
    requirements = ["AS-AIGC-003", "AS-AIGC-005", "AS-AIGC-006", "AS-AIGC-007"]
    result = run_manifest(manifest, requirements=requirements)
    assert verdicts(result) == dict.fromkeys(requirements, "inconclusive")
    for record in result.report.requirements:
        assert "https://cdn.example.com/" in record.message and "not judged" in record.message
