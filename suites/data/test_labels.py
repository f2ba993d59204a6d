"""Segmentation and keypoint labels of labelled data sets (COCO annotation files): masks and
polygons against their images, areas and boxes; keypoints against their category's declaration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance import NotApplicable, msg
from conformance.areas.data import coco, coco_keypoints, coco_masks


def _coco_files(files: Any) -> dict[Path, dict[str, Any]]:
    return {doc.path: doc.data for doc in files.documents(suffixes=(".json",)) if coco.is_coco(doc.data)}


@pytest.mark.requirement("DP-LABEL-003")
def test_segmentations_agree_with_their_images_areas_and_boxes(targets, evidence, params):
    files = targets["data_products"]
    found = _coco_files(files)
    judged = 0
    for path, data in found.items():
        findings, count = coco_masks.check_segmentations(data, params.box_tolerance_px, params.area_outline_px)
        evidence.findings_from(findings, file=files.display_name(path))
        judged += count
    if judged == 0:
        raise NotApplicable(msg("data.no-segmentation"))
    evidence.note(msg("data.coco-segmentations-checked", files=len(found), count=judged))


@pytest.mark.requirement("DP-LABEL-004")
def test_keypoints_follow_their_category(targets, evidence, params):
    files = targets["data_products"]
    found = _coco_files(files)
    judged = declared = 0
    for path, data in found.items():
        declared += sum(1 for c in data["categories"] if isinstance(c, dict) and "keypoints" in c)
        findings, count = coco_keypoints.check_keypoints(data, params.box_tolerance_px, params.keypoint_box_margin)
        evidence.findings_from(findings, file=files.display_name(path))
        judged += count
    if judged == 0 and declared == 0:
        raise NotApplicable(msg("data.no-keypoints"))
    evidence.note(msg("data.coco-keypoints-checked", files=len(found), count=judged))
