"""The data area against inputs its known-bad cases do not cover: a download URL leading out
of the folder or to an absolute URL is never read, a symlink to a file outside is refused, a
context the harness cannot load offline is a finding naming the manifest key, another SPDX
algorithm is computed, and the box check holds on many boxes (hypothesis)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.areas.data import coco, dcat
from tests.conftest import verdicts
from tests.paths import ROOT

SAMPLE = ROOT / "src" / "conformance" / "reference" / "samples" / "data_products"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "product"
    shutil.copytree(SAMPLE, folder)
    return folder


def _edit(folder: Path, change: Any) -> None:
    path = folder / "street-scenes.jsonld"
    value = json.loads(path.read_text(encoding="utf-8"))
    change(value)
    path.write_text(json.dumps(value), encoding="utf-8")


def _run(run_manifest: Any, folder: Path) -> Any:
    manifest = {"product": {"name": "P", "version": "1"},
                "profiles": [{"id": "data-products", "features": ["labelling-provenance"]}],
                "targets": {"data_products": {"adapter": "file", "paths": [str(folder / "*")]}}}
    return run_manifest(manifest)


def _test(result: Any, requirement: str) -> Any:
    return next(t for t in result.report.tests if requirement in t.requirements)


def test_the_sample_conforms(tmp_path, run_manifest):
    result = _run(run_manifest, _copy(tmp_path))
    assert verdicts(result) == {"DP-DESC-001": "pass", "DP-DIST-001": "pass", "DP-LABEL-001": "pass",
                                "DP-LABEL-002": "pass", "DP-LABEL-003": "pass", "DP-LABEL-004": "pass",
                                "DP-PRICE-001": "pass", "DP-LABEL-005": "pass", "DP-QUAL-001": "pass"}


def test_download_urls_out_of_the_folder_are_never_read(tmp_path, run_manifest):
    secret = tmp_path / "secret.csv"
    secret.write_text("not the product's\n", encoding="utf-8")
    folder = _copy(tmp_path)

    def change(value: dict[str, Any]) -> None:
        value["dcat:distribution"][1]["dcat:downloadURL"] = "../secret.csv"
        value["dcat:distribution"][0]["dcat:downloadURL"] = "file://" + str(secret)

    _edit(folder, change)
    result = _run(run_manifest, folder)
    dist = _test(result, "DP-DIST-001")
    # issue 62: a relative URL naming a file the target does not declare is not read, so not
    # judged (inconclusive, naming the fix), neither a failure nor "not applicable"
    assert dist.verdict.value == "inconclusive"
    assert "../secret.csv" in dist.message and "declare them among its paths" in dist.message
    assert any("2 download URL(s) not a file of the target" in e["message"] for e in dist.evidence)
    assert not any("not the product's" in json.dumps(e) for e in dist.evidence)  # never read


def test_a_symlink_to_a_file_outside_is_refused_not_read(tmp_path, run_manifest):
    outside = tmp_path / "outside.csv"
    outside.write_bytes((SAMPLE / "street-scenes-images.csv").read_bytes())
    folder = _copy(tmp_path)
    (folder / "street-scenes-images.csv").unlink()
    (folder / "street-scenes-images.csv").symlink_to(outside)
    result = _run(run_manifest, folder)
    assert verdicts(result)["DP-DIST-001"] != "pass"


def test_an_unknown_context_names_the_manifest_key(tmp_path, run_manifest):
    folder = _copy(tmp_path)
    _edit(folder, lambda value: value.update({"@context": ["https://data.example.com/context.jsonld",
                                                           value["@context"]]}))
    result = _run(run_manifest, folder)
    desc = _test(result, "DP-DESC-001")
    assert desc.verdict.value in ("fail", "inconclusive")
    assert any("jsonld_contexts" in e["message"] for e in desc.evidence)


def test_a_sha512_checksum_is_computed_and_a_wrong_one_fails(tmp_path, run_manifest):
    folder = _copy(tmp_path)
    listing = (folder / "street-scenes-images.csv").read_bytes()

    def sha512(value: dict[str, Any], digest: str) -> None:
        value["dcat:distribution"][1]["spdx:checksum"] = {
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha512"}, "spdx:checksumValue": digest}

    _edit(folder, lambda v: sha512(v, hashlib.sha512(listing).hexdigest()))
    assert verdicts(_run(run_manifest, folder))["DP-DIST-001"] == "pass"
    _edit(folder, lambda v: sha512(v, hashlib.sha512(listing + b"x").hexdigest()))
    assert verdicts(_run(run_manifest, folder))["DP-DIST-001"] == "fail"


boxes = st.lists(st.tuples(*[st.floats(-50, 2000, allow_nan=False)] * 4), min_size=1, max_size=50)


@settings(max_examples=60, deadline=None)
@given(boxes)
def test_the_vectorised_box_check_agrees_with_the_rule(found):
    width, height, tolerance = 1000.0, 800.0, 1.0
    data = {"images": [{"id": 1, "width": width, "height": height}], "categories": [{"id": 1}],
            "annotations": [{"id": i, "image_id": 1, "category_id": 1, "bbox": list(b)} for i, b in enumerate(found)]}
    findings, judged = coco.boxes_outside(data, tolerance)
    expected = [i for i, (x, y, w, h) in enumerate(found)
                if w <= 0 or h <= 0 or x < -tolerance or y < -tolerance or x + w > width + tolerance
                or y + h > height + tolerance]
    assert judged == len(found)
    assert [f.pointer for f in findings if f.pointer] == [f"/annotations/{i}/bbox" for i in expected[:coco.SHOWN]]


def _payment(value: dict[str, Any]) -> dict[str, Any]:
    return value["odrl:hasPolicy"]["odrl:permission"]["odrl:duty"]["odrl:action"]


@pytest.mark.parametrize("change, verdict", [
    (lambda v: _payment(v)["odrl:refinement"]["odrl:rightOperand"].update({"@value": "1200"}), "pass"),
    (lambda v: _payment(v)["odrl:refinement"].update({"odrl:operator": {"@id": "odrl:lteq"}}), "not_applicable"),
    (lambda v: _payment(v).update({"odrl:refinement": {"odrl:leftOperand": {"@id": "odrl:count"},
                                                        "odrl:operator": {"@id": "odrl:eq"},
                                                        "odrl:rightOperand": "1500"}}), "not_applicable"),
    (lambda v: _payment(v).update({"odrl:payAmount": "999.00"}), "fail"),
])
def test_the_policy_price_is_compared_only_when_it_is_fixed(tmp_path, run_manifest, change, verdict):
    """1200 is 1200.00; a bound (lteq) and another operand state no price; a payAmount written on
    the action directly is read."""
    folder = _copy(tmp_path)
    _edit(folder, change)
    assert verdicts(_run(run_manifest, folder))["DP-PRICE-001"] == verdict


def test_text_labels_on_a_text_that_is_not_utf8_fail_and_remote_sources_are_not_read(tmp_path, run_manifest):
    folder = _copy(tmp_path)
    (folder / "street-scenes-captions.txt").write_bytes(b"\xff\xfe not UTF-8")
    result = _run(run_manifest, folder)
    test = _test(result, "DP-LABEL-005")
    assert test.verdict.value == "fail" and any("not UTF-8" in e["message"] for e in test.evidence)
    path = folder / "street-scenes-entities.jsonld"
    path.write_text(path.read_text(encoding="utf-8").replace('"street-scenes-captions.txt"',
                                                             '"https://data.example.com/captions.txt"'),
                    encoding="utf-8")
    test = _test(_run(run_manifest, folder), "DP-LABEL-005")
    assert test.verdict.value == "not_applicable"
    assert any("7 source(s) not a file of the target" in e["message"] for e in test.evidence)


def test_a_download_url_into_a_sibling_folder_names_a_declared_file(tmp_path):
    # issue 62: "../data/x.csv" (pyld resolves it above its base) is still a relative reference;
    # it is read when the target declares the file, as every file the harness reads is
    from conformance.areas._shared.jsonld import NO_BASE

    description = dcat.Description(path=tmp_path / "descriptions" / "d.jsonld", name="d.jsonld", nodes={})
    wanted = tmp_path / "data" / "x.csv"
    declared = {str(wanted): wanted}
    assert dcat.relative_reference(NO_BASE + "x.csv") == "x.csv"
    assert dcat.relative_reference("http://example.org/data/x.csv") == "../data/x.csv"
    assert dcat.relative_reference("https://data.example.com/x.csv") is None
    assert dcat.local_file(description, "http://example.org/data/x.csv", declared) == wanted
    assert dcat.local_file(description, "http://example.org/data/y.csv", declared) is None


def test_a_description_that_is_not_json_ld_fails_only_dp_desc_001(tmp_path, run_manifest):
    """Issue 71: reading a description as JSON-LD is DP-DESC-001's; the price, distribution and
    provenance requirements read the descriptions only: one they cannot read is unjudged there,
    naming DP-DESC-001 (before: each failed with DP-DESC-001's finding)."""
    folder = _copy(tmp_path)
    (folder / "unreadable.jsonld").write_text(json.dumps({"@context": "https://data.example.com/context.jsonld",
                                                          "@graph": []}), encoding="utf-8")
    result = _run(run_manifest, folder)
    got = verdicts(result)
    assert (got["DP-DESC-001"], got["DP-PRICE-001"], got["DP-DIST-001"]) == ("fail", "inconclusive", "inconclusive")
    assert any("DP-DESC-001 judges" in e["message"] for e in _test(result, "DP-PRICE-001").evidence)


@pytest.mark.parametrize(("algorithm", "digest", "verdict"), [
    ("sha224", lambda b: hashlib.sha224(b).hexdigest(), "pass"),
    ("sha3_384", lambda b: hashlib.sha3_384(b).hexdigest(), "pass"),
    ("blake2b256", lambda b: hashlib.blake2b(b, digest_size=32).hexdigest(), "pass"),
    ("blake2b512", lambda b: hashlib.blake2b(b + b"x").hexdigest(), "fail"),
    ("blake3", lambda b: "00" * 32, "inconclusive"),  # SPDX 2.3 defines it; hashlib does not compute it
    ("sha999", lambda b: hashlib.sha256(b).hexdigest(), "fail"),  # no algorithm SPDX 2.3 defines
])
def test_every_spdx_checksum_algorithm_is_computed_or_left_unjudged(tmp_path, run_manifest, algorithm, digest,
                                                                   verdict):
    """SPDX 2.3's ChecksumAlgorithm vocabulary (7.10): a valid algorithm is never a fail of R1
    (thirty-sixth reading a5)."""
    folder = _copy(tmp_path)
    listing = (folder / "street-scenes-images.csv").read_bytes()

    def declare(value: dict[str, Any]) -> None:
        value["dcat:distribution"][1]["spdx:checksum"] = {
            "spdx:algorithm": {"@id": f"spdx:checksumAlgorithm_{algorithm}"}, "spdx:checksumValue": digest(listing)}

    _edit(folder, declare)
    assert verdicts(_run(run_manifest, folder))["DP-DIST-001"] == verdict


def test_quality_without_the_labelling_end_leaves_r3_unjudged(tmp_path, run_manifest):
    """The thirty-ninth reading's a8: without a `prov:endedAtTime` R3 was never judged and DP-QUAL-001 passed,
    its pass line saying R3 holds; R3 is now unjudged (DP-LABEL-002 judges that end) and the case inconclusive."""
    folder = _copy(tmp_path)
    _edit(folder, lambda v: v["prov:wasGeneratedBy"].pop("prov:endedAtTime"))
    result = _run(run_manifest, folder)
    assert verdicts(result)["DP-QUAL-001"] == "inconclusive"
    assert any("rule R3 is not judged" in e["message"] for e in _test(result, "DP-QUAL-001").evidence)


def test_quality_of_an_annotation_file_without_records_is_not_applicable(tmp_path, run_manifest):
    """The thirty-ninth reading's a8: a COCO file with no image and no listing passed with nothing judged."""
    folder = _copy(tmp_path)
    labels = folder / "street-scenes-labels.json"
    coco_file = json.loads(labels.read_text(encoding="utf-8"))
    coco_file["images"], coco_file["annotations"] = [], []
    labels.write_text(json.dumps(coco_file), encoding="utf-8")
    _edit(folder, lambda v: v.__setitem__("dcat:distribution", [
        d for d in v["dcat:distribution"] if d.get("dcat:downloadURL") != "street-scenes-images.csv"]))
    assert verdicts(_run(run_manifest, folder))["DP-QUAL-001"] == "not_applicable"


def test_images_without_a_size_leave_boxes_and_keypoints_unjudged(tmp_path, run_manifest):
    """Issue 76, sixty-second reading (b2, bx1): annex E lets an image omit width and height; the box
    and keypoint checks then cannot say whether the labels end inside it: inconclusive, naming why."""
    folder = _copy(tmp_path)
    path = folder / "street-scenes-labels.json"
    labels = json.loads(path.read_text(encoding="utf-8"))
    for image in labels["images"]:
        del image["width"], image["height"]
    path.write_text(json.dumps(labels), encoding="utf-8")
    result = _run(run_manifest, folder)
    got = verdicts(result)
    assert (got["DP-LABEL-001"], got["DP-LABEL-004"]) == ("inconclusive", "inconclusive")
    assert "width and height" in _test(result, "DP-LABEL-001").message
    assert "rule R4 is not judged" in _test(result, "DP-LABEL-004").message


@pytest.mark.parametrize(("captured", "listed", "verdict"), [
    # read as UTC 10 h after the end (2026-03-20T10:00:00Z): at +14:00 before it, at -14:00 after it
    ("2026-03-20 20:00:00", "2026-03-20T20:00:00+10:00", "inconclusive"),
    # read as UTC 14 h before the end: not later at either reading
    ("2026-03-19 20:00:00", "2026-03-19T20:00:00+08:00", "pass"),
])
def test_a_date_captured_without_an_offset_near_the_labelling_end_leaves_r3_unjudged(
        tmp_path, run_manifest, captured, listed, verdict):
    """Seventy-seventh reading b1: a date_captured without an offset was read at +14:00 only, so a record up to
    14 h after the labelling's end passed unsaid; within 14 h of the end its order is unknown and R3 unjudged."""
    folder = _copy(tmp_path)
    labels = folder / "street-scenes-labels.json"
    coco_file = json.loads(labels.read_text(encoding="utf-8"))
    coco_file["images"][2]["date_captured"] = captured
    labels.write_text(json.dumps(coco_file), encoding="utf-8")
    listing = folder / "street-scenes-images.csv"
    listing.write_text(listing.read_text(encoding="utf-8").replace("2026-03-02T09:17:05+08:00", listed), encoding="utf-8")
    result = _run(run_manifest, folder)
    assert verdicts(result)["DP-QUAL-001"] == verdict
    unjudged = [e["message"] for e in _test(result, "DP-QUAL-001").evidence if "its order is unknown" in e["message"]]
    assert bool(unjudged) == (verdict == "inconclusive")
    assert all(captured in m and "/images/2" in m for m in unjudged)
