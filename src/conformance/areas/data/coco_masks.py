"""COCO segmentation labels: polygons and run-length encoded (RLE) masks.

The COCO data format ("Object Detection") gives each annotation a ``segmentation``: a list of
polygons ``[x1, y1, x2, y2, ...]`` for a single object (``iscrowd`` 0), or an RLE object
``{"size": [height, width], "counts": ...}`` for a crowd (``iscrowd`` 1). RLE counts alternate
background and foreground run lengths over the image's pixels in column-major order, starting
with background; they are either a list of integers ("uncompressed") or a string
("compressed"): each count, from the fourth on as the difference from the count two before,
written in 5-bit groups, least significant first, one character per group (the group plus 48),
with 0x20 set while more groups follow and 0x10 of the last group the sign.

Nothing here materialises a mask: areas and boxes come from the runs themselves, so a hostile
``size`` of a billion pixels costs no more than its counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeGuard

import numpy as np
import shapely
from shapely.validation import make_valid

from ...findings import Finding
from ...messages import msg
from .coco import SHOWN

#: a count needs at most 13 groups (65 bits); a longer one is refused, not grown without bound
MAX_GROUPS = 13


class BadRLE(ValueError):
    """Counts that do not decode, or do not cover the image."""


def decode_counts(text: str) -> list[int]:
    """The run lengths a compressed RLE string encodes (see the module's docstring)."""
    counts: list[int] = []
    position, length = 0, len(text)
    while position < length:
        value = groups = 0
        more = True
        while more:
            if position >= length:
                raise BadRLE("the string ends inside a count")
            group = ord(text[position]) - 48
            if not 0 <= group < 64:
                raise BadRLE(f"the character {text[position]!r} at {position} is outside '0' to 'o'")
            value |= (group & 0x1F) << (5 * groups)
            more = bool(group & 0x20)
            position += 1
            groups += 1
            if groups > MAX_GROUPS:
                raise BadRLE(f"a count at {position} runs over {MAX_GROUPS} characters")
            if not more and group & 0x10:
                value -= 1 << (5 * groups)  # sign-extend the last group
        if len(counts) > 2:
            value += counts[-2]
        counts.append(value)
    return counts


@dataclass(frozen=True)
class Mask:
    """What the runs of one RLE mask say: its pixel count and its box ``[x, y, w, h]``."""

    area: int
    bbox: tuple[int, int, int, int]


def rle_mask(segmentation: dict[str, Any], height: int, width: int) -> Mask:
    """Checks an RLE object against its image's size and measures it; raises BadRLE."""
    size = segmentation.get("size")
    if not (isinstance(size, list) and len(size) == 2 and all(is_int(v) for v in size)):
        raise BadRLE(f"size {size!r} is not [height, width]")
    if list(size) != [height, width]:
        raise BadRLE(f"size {size} is not the image's [height, width] [{height}, {width}]")
    if height * width >= 1 << 62:
        raise BadRLE(f"the image's {height} x {width} pixels are more than a run length can count")
    raw = segmentation.get("counts")
    if isinstance(raw, str):
        counts = decode_counts(raw)
    elif isinstance(raw, list) and all(is_int(v) for v in raw):
        counts = list(raw)
    else:
        raise BadRLE("counts are neither a list of integers nor a compressed string")
    if any(c < 0 for c in counts):
        raise BadRLE("a run length is negative")
    if sum(counts) != height * width:
        raise BadRLE(f"the runs cover {sum(counts)} pixels, not height x width = {height * width}")
    return _measure(np.asarray(counts, dtype=np.int64), height)


def _measure(counts: np.ndarray, height: int) -> Mask:
    ends = np.cumsum(counts)
    starts = ends - counts
    foreground = np.zeros(len(counts), dtype=bool)
    foreground[1::2] = True
    foreground &= counts > 0
    if not foreground.any():
        return Mask(0, (0, 0, 0, 0))
    first, last = starts[foreground], ends[foreground] - 1
    column_first, column_last = first // height, last // height
    within = column_first == column_last
    # A run that crosses a column covers that column's last row and the next one's first.
    top = int((first % height)[within].min()) if within.any() else height - 1
    bottom = int((last % height)[within].max()) if within.any() else 0
    if not within.all():
        top, bottom = 0, height - 1
    left, right = int(column_first.min()), int(column_last.max())
    return Mask(int(counts[foreground].sum()), (left, top, right - left + 1, bottom - top + 1))


@dataclass(frozen=True)
class Polygons:
    """What a list of polygons says: the shoelace area, outline length and extent of each."""

    area: float  # of the union: overlapping polygons and self-crossing outlines count each pixel once
    perimeter: float
    points: np.ndarray  # every vertex, shape (n, 2)


def polygons(segmentation: list[Any]) -> tuple[Polygons | None, list[str]]:
    """Measures a list of polygons; returns its measures (None when one is unusable) and what is wrong.

    The area is the union's, as a mask drawn from the polygons covers it: the shoelace formula
    where one simple polygon is all there is, shapely's union of the valid shapes otherwise
    (a sum of shoelace areas would count an overlap twice and cancel a self-crossing loop)."""
    problems: list[str] = []
    area = perimeter = 0.0
    vertices: list[np.ndarray] = []
    simple = len(segmentation) == 1
    if not segmentation:
        return None, ["the list of polygons is empty"]
    for index, polygon in enumerate(segmentation):
        if not isinstance(polygon, list) or not all(is_number(v) for v in polygon):
            problems.append(f"polygon {index} is not a list of numbers")
            continue
        if len(polygon) % 2 or len(polygon) < 6:
            problems.append(f"polygon {index} has {len(polygon)} coordinates: not an even count of 3 points or more")
            continue
        xy = np.asarray(polygon, dtype=float).reshape(-1, 2)
        if not np.isfinite(xy).all():
            problems.append(f"polygon {index} has a coordinate that is not finite")
            continue
        x, y = xy[:, 0], xy[:, 1]
        part = abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2
        if part == 0:
            problems.append(f"polygon {index} encloses no area")
        area += part
        simple = simple and shapely.Polygon(xy).is_valid
        perimeter += float(np.hypot(*(xy - np.roll(xy, -1, axis=0)).T).sum())
        vertices.append(xy)
    if problems:
        return None, problems
    if not simple:
        area = float(shapely.union_all([make_valid(shapely.Polygon(xy)) for xy in vertices]).area)
    return Polygons(area, perimeter, np.concatenate(vertices)), []


def is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def box_of(annotation: dict[str, Any]) -> tuple[float, float, float, float] | None:
    box = annotation.get("bbox")
    if isinstance(box, list) and len(box) == 4 and all(is_number(v) for v in box):
        x, y, w, h = (float(v) for v in box)
        return x, y, w, h
    return None


def image_size(image: Any) -> tuple[int, int] | None:
    if isinstance(image, dict) and is_int(image.get("width")) and is_int(image.get("height")) \
            and image["width"] > 0 and image["height"] > 0:
        return image["width"], image["height"]
    return None


def segmented(data: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The annotations that carry a segmentation (an empty list is none: detection-only exports)."""
    for index, annotation in enumerate(data["annotations"]):
        if isinstance(annotation, dict) and annotation.get("segmentation") not in (None, [], {}):
            yield index, annotation


class Capped:
    """Findings of each rule up to SHOWN, the rest counted (one file's worth)."""

    def __init__(self) -> None:
        self.found: list[Finding] = []
        self.more: dict[str, int] = {}
        self.count: dict[str, int] = {}

    def add(self, finding: Finding) -> None:
        rule = finding.rule or ""
        self.count[rule] = self.count.get(rule, 0) + 1
        if self.count[rule] <= SHOWN:
            self.found.append(finding)
        else:
            self.more[rule] = self.more.get(rule, 0) + 1

    def findings(self) -> list[Finding]:
        return self.found + [Finding(msg("data.coco-more", count=n), rule=rule) for rule, n in self.more.items()]


def check_segmentations(data: dict[str, Any], box_tolerance: float, outline_px: float) -> tuple[list[Finding], int]:
    """DP-LABEL-003's rules over one COCO file; returns the findings and the segmentations judged."""
    images = {img.get("id"): img for img in data["images"] if isinstance(img, dict)}
    shown = Capped()
    judged = 0
    for index, annotation in segmented(data):
        at = f"/annotations/{index}"
        size = image_size(images.get(annotation.get("image_id")))
        if size is None:
            continue  # a dangling or sizeless image is DP-LABEL-001's finding
        judged += 1
        for finding in _one(annotation, at, size, box_of(annotation), box_tolerance, outline_px):
            shown.add(finding)
    return shown.findings(), judged


def _one(annotation: dict[str, Any], at: str, size: tuple[int, int], box: tuple[float, float, float, float] | None,
         tolerance: float, outline_px: float) -> Iterator[Finding]:
    width, height = size
    segmentation = annotation["segmentation"]
    crowd = annotation.get("iscrowd", 0)
    if crowd not in (0, 1) or isinstance(crowd, bool):
        yield Finding(msg("data.coco-crowd-value"), pointer=f"{at}/iscrowd", actual=repr(crowd)[:40], rule="R5")
    elif crowd == 1 and not isinstance(segmentation, dict):
        yield Finding(msg("data.coco-crowd-not-rle"), pointer=f"{at}/segmentation", rule="R5")
    declared = annotation.get("area")
    area = float(declared) if is_number(declared) else None
    if isinstance(segmentation, dict):
        try:
            mask = rle_mask(segmentation, height, width)
        except BadRLE as exc:
            yield Finding(msg("data.coco-rle-bad", problem=str(exc)), pointer=f"{at}/segmentation", rule="R2")
            return
        if area is not None and abs(area - mask.area) >= 1:
            yield Finding(msg("data.coco-area-rle", area=number(area), pixels=mask.area),
                          pointer=f"{at}/area", expected=mask.area, actual=declared, rule="R3")
        elif area is None:
            yield Finding(msg("data.coco-area-missing"), pointer=f"{at}/area", actual=repr(declared)[:40], rule="R3")
        if box is not None and mask.area and not _encloses(box, *_corners(mask.bbox), tolerance):
            yield Finding(msg("data.coco-box-not-enclosing"), pointer=f"{at}/bbox", expected=list(mask.bbox),
                          actual=[number(v) for v in box], rule="R4")
        return
    if not isinstance(segmentation, list):
        yield Finding(msg("data.coco-seg-malformed"), pointer=f"{at}/segmentation",
                      actual=repr(segmentation)[:60], rule="R1")
        return
    measured, problems = polygons(segmentation)
    for problem in problems:
        yield Finding(msg("data.coco-polygon-bad", problem=problem), pointer=f"{at}/segmentation", rule="R1")
    if measured is None:
        return
    xs, ys = measured.points[:, 0], measured.points[:, 1]
    if xs.min() < -tolerance or ys.min() < -tolerance or xs.max() > width + tolerance or ys.max() > height + tolerance:
        yield Finding(msg("data.coco-polygon-outside", width=width, height=height), pointer=f"{at}/segmentation",
                      actual=[number(xs.min()), number(ys.min()), number(xs.max()), number(ys.max())], rule="R1")
    if area is None:
        yield Finding(msg("data.coco-area-missing"), pointer=f"{at}/area", actual=repr(declared)[:40], rule="R3")
    elif abs(area - measured.area) > outline_px * measured.perimeter:
        yield Finding(msg("data.coco-area-polygon", area=number(area), polygon=number(measured.area),
                          band=number(outline_px * measured.perimeter)),
                      pointer=f"{at}/area", expected=number(measured.area), actual=declared, rule="R3")
    if box is not None and not _encloses(box, float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()),
                                         tolerance):
        extent = [xs.min(), ys.min(), xs.max() - xs.min(), ys.max() - ys.min()]
        yield Finding(msg("data.coco-box-not-enclosing"), pointer=f"{at}/bbox", expected=[number(v) for v in extent],
                      actual=[number(v) for v in box], rule="R4")


def _corners(bbox: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    x, y, w, h = bbox
    return float(x), float(y), float(x + w), float(y + h)


def _encloses(box: tuple[float, float, float, float], left: float, top: float, right: float, bottom: float,
              tolerance: float) -> bool:
    x, y, w, h = box
    return left >= x - tolerance and top >= y - tolerance and right <= x + w + tolerance \
        and bottom <= y + h + tolerance


def number(value: float) -> str:
    return f"{value:g}" if math.isfinite(value) else str(value)
