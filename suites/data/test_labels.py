"""Segmentation and keypoint labels of labelled data sets (COCO annotation files): masks and
polygons against their images, areas and boxes; keypoints against their category's declaration."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conformance import Evidence, Inconclusive, NotApplicable, Parameters, Targets, msg
from conformance.area import readable
from conformance.areas.data import coco, coco_keypoints, coco_masks, text_labels

if TYPE_CHECKING:
    from conformance import FileTarget


@pytest.mark.requirement("DP-LABEL-003")
def test_segmentations_agree_with_their_images_areas_and_boxes(targets: Targets, evidence: Evidence,
                                                               params: Parameters):
    files = targets["data_products"]
    found = coco.coco_files(files)
    judged = 0
    for path, data in found.items():
        findings, count = coco_masks.check_segmentations(data, params.number("box_tolerance_px"),
                                                         params.number("area_outline_px"))
        evidence.findings_from(findings, file=files.display_name(path))
        judged += count
    if judged == 0:
        raise NotApplicable(msg("data.no-segmentation"))
    evidence.note(msg("data.coco-segmentations-checked", files=len(found), count=judged))


@pytest.mark.requirement("DP-LABEL-004")
def test_keypoints_follow_their_category(targets: Targets, evidence: Evidence, params: Parameters):
    files = targets["data_products"]
    found = coco.coco_files(files)
    judged = declared = 0
    unjudged: list[str] = []
    for path, data in found.items():
        declared += sum(1 for c in data["categories"] if isinstance(c, dict) and "keypoints" in c)
        findings, count = coco_keypoints.check_keypoints(data, params.number("box_tolerance_px"),
                                                         params.number("keypoint_box_margin"))
        evidence.findings_from(findings, file=files.display_name(path))
        judged += count
        unjudged += [f"{files.display_name(path)}#{pointer}" for pointer in coco_keypoints.unjudged(data)]
    if judged == 0 and declared == 0:
        raise NotApplicable(msg("data.no-keypoints"))
    evidence.note(msg("data.coco-keypoints-checked", files=len(found), count=judged))
    if unjudged and not evidence.findings_count:
        # annex E lets an image omit its size and an annotation its box: R4 is then not judged
        raise Inconclusive(msg("data.kp-unjudged", count=len(unjudged), first=unjudged[0]))


@pytest.mark.requirement("DP-LABEL-005")
def test_text_labels_select_text_that_is_there(targets: Targets, evidence: Evidence):
    files = targets["data_products"]
    declared = {os.path.normpath(os.path.abspath(p)): p for p in files.files()}
    texts: dict[Path, str | None] = {}
    judged = other = 0
    undeclared: list[str] = []
    for doc in files.documents(suffixes=(".jsonld", ".json")):
        if not text_labels.is_annotation_document(doc.data):
            continue
        for at, annotation in text_labels.annotations_in(doc.data):
            for target_at, source, selectors in text_labels.targets(annotation):
                path = text_labels.local_source(doc.path, source, declared)
                if path is None:
                    other += 1
                    if text_labels.is_relative(source):
                        undeclared.append(source)
                    continue
                judged += 1
                if path not in texts:
                    texts[path] = _text(files, path, evidence, doc.name, at + target_at)
                text = texts[path]
                if text is not None:
                    located = [(at + pointer, selector) for pointer, selector in selectors]
                    evidence.findings_from(text_labels.check_target(text, located), file=doc.name)
    evidence.note(msg("data.text-targets-judged", judged=judged, other=other))
    if undeclared and not evidence.findings_count:
        # a text the harness did not read because the target does not declare it: not judged
        raise Inconclusive(msg("data.relative-undeclared", count=len(undeclared), first=undeclared[0]))
    if judged == 0:
        raise NotApplicable(msg("data.no-text-labels"))


def _text(files: FileTarget, path: Path, evidence: Evidence, name: str, pointer: str) -> str | None:
    body = readable(files, path)  # a text refused is left unjudged, named; the other targets are still judged
    if body is None:
        return None
    try:
        return str(body.decode("utf-8"))
    except UnicodeDecodeError:
        evidence.finding(msg("data.text-not-utf8", file=files.display_name(path)), file=name, pointer=pointer,
                         rule="R1")
        return None
