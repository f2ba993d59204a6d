"""COCO keypoint labels.

The COCO data format ("Keypoint Detection") adds to a category the names of its keypoints
(``keypoints``) and the lines drawn between them (``skeleton``, pairs of 1-based keypoint
indices), and to an annotation of that category ``keypoints``, a flat list ``[x1, y1, v1, ...]``
of 3 numbers per named keypoint, with the visibility flag ``v`` 0 (not labelled, then x = y = 0),
1 (labelled, not visible) or 2 (labelled and visible), and ``num_keypoints``, the count of
labelled ones. The checks run on NumPy arrays, one per file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from ...findings import Finding
from ...messages import msg
from .coco_masks import Capped, box_of, image_size, is_int, is_number, number


def keypointed(data: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The annotations that carry keypoints."""
    for index, annotation in enumerate(data["annotations"]):
        if isinstance(annotation, dict) and "keypoints" in annotation:
            yield index, annotation


def declared(data: dict[str, Any]) -> tuple[dict[Any, int], list[Finding]]:
    """R1: each category that declares keypoints, with its number of keypoints; what is wrong in them."""
    counts: dict[Any, int] = {}
    findings: list[Finding] = []
    for index, category in enumerate(data["categories"]):
        if not isinstance(category, dict) or "keypoints" not in category:
            continue
        at = f"/categories/{index}"
        names = category["keypoints"]
        if not (isinstance(names, list) and names and all(isinstance(n, str) and n for n in names)):
            findings.append(Finding(msg("data.kp-names-bad"), pointer=f"{at}/keypoints", actual=repr(names)[:80],
                                    rule="R1"))
            continue
        if len(set(names)) != len(names):
            findings.append(Finding(msg("data.kp-names-repeated"), pointer=f"{at}/keypoints", rule="R1"))
        counts[category.get("id")] = len(names)
        skeleton = category.get("skeleton")
        if not isinstance(skeleton, list):
            findings.append(Finding(msg("data.kp-no-skeleton"), pointer=at, actual=repr(skeleton)[:40], rule="R1"))
            continue
        for edge_index, edge in enumerate(skeleton):
            if not (isinstance(edge, list) and len(edge) == 2 and all(is_int(v) and 1 <= v <= len(names) for v in edge)
                    and edge[0] != edge[1]):
                findings.append(Finding(msg("data.kp-edge-bad", count=len(names)),
                                        pointer=f"{at}/skeleton/{edge_index}", actual=repr(edge)[:40], rule="R1"))
    return counts, findings


def check_keypoints(data: dict[str, Any], box_tolerance: float, box_margin: float) -> tuple[list[Finding], int]:
    """DP-LABEL-004's rules over one COCO file; returns the findings and the annotations judged."""
    counts, findings = declared(data)
    categories = {c.get("id") for c in data["categories"] if isinstance(c, dict)}
    images = {img.get("id"): img for img in data["images"] if isinstance(img, dict)}
    shown = Capped()
    judged = 0
    for index, annotation in keypointed(data):
        at = f"/annotations/{index}"
        category = annotation.get("category_id")
        if category not in counts:
            if category in categories:  # an unlisted category is DP-LABEL-001's finding
                judged += 1
                shown.add(Finding(msg("data.kp-category-undeclared", category=category), pointer=f"{at}/category_id",
                                  rule="R2"))
            continue
        judged += 1
        for finding in _one(annotation, at, counts[category], image_size(images.get(annotation.get("image_id"))),
                            box_tolerance, box_margin):
            shown.add(finding)
    return findings + shown.findings(), judged


def _one(annotation: dict[str, Any], at: str, expected: int, size: tuple[int, int] | None, tolerance: float,
         margin: float) -> Iterator[Finding]:
    values = annotation["keypoints"]
    if not (isinstance(values, list) and all(is_number(v) for v in values)):
        yield Finding(msg("data.kp-not-numbers"), pointer=f"{at}/keypoints", actual=repr(values)[:60], rule="R2")
        return
    if len(values) != 3 * expected:
        yield Finding(msg("data.kp-length", length=len(values), names=expected, expected=3 * expected),
                      pointer=f"{at}/keypoints", rule="R2")
        return
    table = np.asarray(values, dtype=float).reshape(-1, 3)
    x, y, v = table.T
    if not np.isfinite(table).all():
        yield Finding(msg("data.kp-not-numbers"), pointer=f"{at}/keypoints", actual="NaN or infinity", rule="R2")
        return
    flags = ~np.isin(v, (0, 1, 2))
    for point in np.flatnonzero(flags)[:3]:
        yield Finding(msg("data.kp-flag", point=int(point) + 1), pointer=f"{at}/keypoints/{3 * point + 2}",
                      actual=number(v[point]), rule="R2")
    unlabelled_off = (v == 0) & ((x != 0) | (y != 0))
    for point in np.flatnonzero(unlabelled_off)[:3]:
        yield Finding(msg("data.kp-unlabelled-placed", point=int(point) + 1), pointer=f"{at}/keypoints/{3 * point}",
                      actual=[number(x[point]), number(y[point])], rule="R2")
    labelled = (v > 0) & ~flags
    stated = annotation.get("num_keypoints")
    if not is_int(stated):
        yield Finding(msg("data.kp-count-missing"), pointer=at, actual=repr(stated)[:40], rule="R3")
    elif stated != int(labelled.sum()):
        yield Finding(msg("data.kp-count", stated=stated, labelled=int(labelled.sum())),
                      pointer=f"{at}/num_keypoints", expected=int(labelled.sum()), actual=stated, rule="R3")
    if size is not None:
        width, height = size
        outside = labelled & ((x < -tolerance) | (y < -tolerance) | (x > width + tolerance) | (y > height + tolerance))
        for point in np.flatnonzero(outside)[:3]:
            yield Finding(msg("data.kp-outside-image", point=int(point) + 1, width=width, height=height),
                          pointer=f"{at}/keypoints/{3 * point}", actual=[number(x[point]), number(y[point])], rule="R4")
    box = box_of(annotation)
    if box is not None and box[2] > 0 and box[3] > 0:
        bx, by, bw, bh = box
        mx, my = margin * bw + tolerance, margin * bh + tolerance
        away = labelled & ((x < bx - mx) | (x > bx + bw + mx) | (y < by - my) | (y > by + bh + my))
        for point in np.flatnonzero(away)[:3]:
            yield Finding(msg("data.kp-away-from-box", point=int(point) + 1, margin=number(margin)),
                          pointer=f"{at}/keypoints/{3 * point}", actual=[number(x[point]), number(y[point])],
                          expected=[number(v) for v in box], rule="R4")
