"""COCO keypoint labels.

The COCO data format ("Keypoint Detection") adds to a category the names of its keypoints
(``keypoints``) and the lines drawn between them (``skeleton``, pairs of 1-based keypoint
indices), and to an annotation of that category ``keypoints``, a flat list ``[x1, y1, v1, ...]``
of 3 numbers per named keypoint, with the visibility flag ``v`` 0 (not labelled, then x = y = 0),
1 (labelled, not visible) or 2 (labelled and visible), and ``num_keypoints``, the count of
labelled ones. The checks run on NumPy arrays, one per file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from conformance import Finding, msg

from .._shared.numbers import as_float
from .coco import by_id, ident
from .coco_masks import Capped, box_of, image_size, is_int, is_number, number

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue

    from .coco import Coco


def keypointed(data: Coco) -> Iterator[tuple[int, JsonObject]]:
    """The annotations that carry keypoints."""
    for index, annotation in enumerate(data["annotations"]):
        if isinstance(annotation, dict) and "keypoints" in annotation:
            yield index, annotation


def declared(data: Coco) -> tuple[dict[int | None, int], list[Finding]]:
    """R1: each category that declares keypoints, with its number of keypoints; what is wrong in them."""
    counts: dict[int | None, int] = {}
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
        key = ident(category.get("id"))
        if key is not None:
            counts[key] = len(names)
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


def check_keypoints(data: Coco, box_tolerance: float, box_margin: float) -> tuple[list[Finding], int]:
    """DP-LABEL-004's rules over one COCO file; returns the findings and the annotations judged.

    The shape of each annotation is checked one by one; the points of all well-shaped ones of a
    category size are then judged as one (annotations, keypoints, 3) array, and only the
    annotations with a finding are visited again (a file of many people costs a few passes)."""
    counts, findings = declared(data)
    categories = set(by_id(data["categories"]))
    images = by_id(data["images"])
    found: list[tuple[int, Finding]] = []
    groups: dict[int, list[tuple[int, JsonObject]]] = {}
    judged = 0
    for index, annotation in keypointed(data):
        at = f"/annotations/{index}"
        category = ident(annotation.get("category_id"))
        if category not in counts:
            if category in categories:  # an unlisted category is DP-LABEL-001's finding
                judged += 1
                found.append((index, Finding(msg("data.kp-category-undeclared", category=category),
                                             pointer=f"{at}/category_id", rule="R2")))
            continue
        judged += 1
        values, expected = annotation["keypoints"], counts[category]
        if not (isinstance(values, list) and all(is_number(v) for v in values)):
            found.append((index, Finding(msg("data.kp-not-numbers"), pointer=f"{at}/keypoints",
                                         actual=repr(values)[:60], rule="R2")))
        elif len(values) != 3 * expected:
            found.append((index, Finding(msg("data.kp-length", length=len(values), names=expected,
                                             expected=3 * expected), pointer=f"{at}/keypoints", rule="R2")))
        else:
            groups.setdefault(expected, []).append((index, annotation))
    for size, members in groups.items():
        found.extend(_judge(members, size, images, box_tolerance, box_margin))
    shown = Capped()
    for _, finding in sorted(found, key=lambda item: item[0]):
        shown.add(finding)
    return findings + shown.findings(), judged


def unjudged(data: Coco) -> list[str]:
    """R4 cannot be judged for an annotation with a labelled keypoint whose image states no width and
    height (or is not listed) or which has no bounding box of positive size: annex E makes `width`,
    `height` and `bbox` optional. The pointer of each such annotation, in file order."""
    counts, _ = declared(data)
    images = by_id(data["images"])
    out = []
    for index, annotation in keypointed(data):
        values = annotation["keypoints"]
        if ident(annotation.get("category_id")) not in counts or not isinstance(values, list):
            continue
        if not any(is_number(v) and v in (1, 2) for v in values[2::3]):
            continue
        box = box_of(annotation)
        if image_size(images.get(ident(annotation.get("image_id")))) is None or box is None \
                or not (box[2] > 0 and box[3] > 0):
            out.append(f"/annotations/{index}")
    return out


def _column(members: list[tuple[int, JsonObject]], value: Callable[[JsonObject], float]) -> np.ndarray:
    return np.asarray([value(annotation) for _, annotation in members], dtype=float)


def _stated(annotation: JsonObject) -> float:
    """The annotation's num_keypoints, NaN when it states none (or not as an integer)."""
    stated = annotation.get("num_keypoints")
    return as_float(stated) if is_int(stated) else np.nan


def _floats(values: JsonValue) -> list[float]:
    """A keypoints array's numbers as floats (its callers passed only lists of numbers), none raising."""
    return [as_float(value) for value in values] if isinstance(values, list) else []


def _judge(members: list[tuple[int, JsonObject]], size: int, images: dict[int | None, JsonObject], tolerance: float,
           margin: float) -> Iterator[tuple[int, Finding]]:
    """R2 (flags, unlabelled points), R3 and R4 over annotations whose keypoints are 3 x size numbers."""
    table = np.asarray([_floats(annotation["keypoints"]) for _, annotation in members],
                       dtype=np.float64).reshape(-1, size, 3)
    x, y, v = table[..., 0], table[..., 1], table[..., 2]
    finite = np.asarray(np.isfinite(table).all(axis=(1, 2)))
    flags = ~np.isin(v, (0, 1, 2))
    unlabelled_off = (v == 0) & ((x != 0) | (y != 0))
    labelled = (v > 0) & ~flags
    stated = _column(members, _stated)
    miscounted = ~np.isnan(stated) & (stated != labelled.sum(axis=1))
    # an image stating no size (or a missing one) is unbounded: only a point left of or above it is outside
    sizes = [image_size(images.get(ident(a.get("image_id")))) or (np.inf, np.inf) for _, a in members]
    width, height = (np.asarray([as_float(v) for v in column], dtype=np.float64)[:, None]
                     for column in zip(*sizes, strict=True))
    with np.errstate(invalid="ignore"):
        outside = labelled & ((x < -tolerance) | (y < -tolerance) | (x > width + tolerance) | (y > height + tolerance))
        boxes = np.asarray([box_of(a) or (np.nan,) * 4 for _, a in members], dtype=float)
        bx, by, bw, bh = (boxes[:, k:k + 1] for k in range(4))
        usable = (bw > 0) & (bh > 0)
        mx, my = margin * bw + tolerance, margin * bh + tolerance
        away = labelled & usable & ((x < bx - mx) | (x > bx + bw + mx) | (y < by - my) | (y > by + bh + my))
    missing = np.isnan(stated)
    problems = ~finite | flags.any(axis=1) | unlabelled_off.any(axis=1) | missing | miscounted \
        | outside.any(axis=1) | away.any(axis=1)
    for row in np.flatnonzero(problems):
        index, annotation = members[row]
        at = f"/annotations/{index}"
        if not finite[row]:
            yield index, Finding(msg("data.kp-not-numbers"), pointer=f"{at}/keypoints", actual="NaN or infinity",
                                 rule="R2")
            continue
        for point in np.flatnonzero(flags[row])[:3]:
            yield index, Finding(msg("data.kp-flag", point=int(point) + 1), pointer=f"{at}/keypoints/{3 * point + 2}",
                                 actual=number(v[row, point]), rule="R2")
        for point in np.flatnonzero(unlabelled_off[row])[:3]:
            yield index, Finding(msg("data.kp-unlabelled-placed", point=int(point) + 1),
                                 pointer=f"{at}/keypoints/{3 * point}",
                                 actual=[number(x[row, point]), number(y[row, point])], rule="R2")
        count = int(labelled[row].sum())
        if missing[row]:
            yield index, Finding(msg("data.kp-count-missing"), pointer=at,
                                 actual=repr(annotation.get("num_keypoints"))[:40], rule="R3")
        elif miscounted[row]:
            given = annotation.get("num_keypoints")
            yield index, Finding(msg("data.kp-count", stated=given, labelled=count),
                                 pointer=f"{at}/num_keypoints", expected=count, actual=given, rule="R3")
        for point in np.flatnonzero(outside[row])[:3]:
            message = msg("data.kp-outside-image", point=int(point) + 1, width=number(width[row, 0]),
                          height=number(height[row, 0])) if np.isfinite(width[row, 0]) \
                else msg("data.kp-outside-unsized-image", point=int(point) + 1)
            yield index, Finding(message, pointer=f"{at}/keypoints/{3 * point}",
                                 actual=[number(x[row, point]), number(y[row, point])], rule="R4")
        for point in np.flatnonzero(away[row])[:3]:
            yield index, Finding(msg("data.kp-away-from-box", point=int(point) + 1, margin=number(margin)),
                                 pointer=f"{at}/keypoints/{3 * point}",
                                 actual=[number(x[row, point]), number(y[row, point])],
                                 expected=[number(value) for value in boxes[row]], rule="R4")
