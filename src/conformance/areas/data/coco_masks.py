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
from typing import TYPE_CHECKING, TypeGuard

import numpy as np
import shapely
from shapely.validation import make_valid

from conformance import Finding, msg

from .._shared.numbers import as_float
from .coco import SHOWN, by_id, ident

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonObject, JsonValue

    from .coco import Coco

#: a count needs at most 12 groups (60 bits, a 64-bit integer's room); a longer one is refused
MAX_GROUPS = 12
#: no run length or partial sum beyond this (an image of 2**62 pixels): a hostile string is refused
LIMIT = 1 << 62


class BadRLE(ValueError):
    """Counts that do not decode, or do not cover the image."""


def decode_counts(text: str) -> list[int]:
    """The run lengths a compressed RLE string encodes (see the module's docstring)."""
    return [int(v) for v in decode_array(text)]


def decode_array(text: str) -> np.ndarray:
    """:func:`decode_counts` as an int64 array, decoded with whole-array operations (a mask of a
    large image is thousands of characters; a loop over them in Python costs more than reading
    the file)."""
    try:
        raw = np.frombuffer(text.encode("ascii"), dtype=np.uint8).astype(np.int64) - 48
    except UnicodeEncodeError:
        raise BadRLE("the string has a character outside '0' to 'o'") from None
    if raw.size == 0:
        return raw
    outside = np.flatnonzero((raw < 0) | (raw > 63))
    if outside.size:
        at = int(outside[0])
        raise BadRLE(f"the character {text[at]!r} at {at} is outside '0' to 'o'")
    last = (raw & 0x20) == 0  # a group without "more follows" ends its count
    if not last[-1]:
        raise BadRLE("the string ends inside a count")
    ends = np.flatnonzero(last)
    starts = np.concatenate(([0], ends[:-1] + 1))
    lengths = ends - starts + 1
    if lengths.max() > MAX_GROUPS:
        at = int(starts[np.argmax(lengths > MAX_GROUPS)])
        raise BadRLE(f"a count at {at} runs over {MAX_GROUPS} characters")
    # each group's place within its count: 0, 1, 2 ... from the count's first character
    place = np.arange(raw.size) - np.repeat(starts, lengths)
    deltas = np.add.reduceat((raw & 0x1F) << (5 * place), starts)
    negative = (raw[ends] & 0x10) != 0
    deltas[negative] -= np.left_shift(1, 5 * lengths[negative])
    # from the fourth count on, each is the difference from the count two before; no partial
    # sum of the parity chains exceeds the sum of the magnitudes, so int64 cannot wrap below it
    if np.abs(deltas).sum(dtype=float) >= 2 * LIMIT:
        raise BadRLE("the counts run past 2**62 pixels")
    counts = deltas.copy()
    if counts.size > 3:
        counts[2::2] = np.cumsum(deltas[2::2])
        counts[1::2] = np.cumsum(deltas[1::2])
    return counts


@dataclass(frozen=True)
class Mask:
    """What the runs of one RLE mask say: its pixel count and its box ``[x, y, w, h]``."""

    area: int
    bbox: tuple[int, int, int, int]


def rle_mask(segmentation: JsonObject, height: int, width: int) -> Mask:
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
        counts = decode_array(raw)
    elif isinstance(raw, list) and all(is_int(v) and 0 <= v < LIMIT for v in raw):
        counts = np.asarray(raw, dtype=np.int64)
    elif isinstance(raw, list) and all(is_int(v) for v in raw):
        raise BadRLE("a run length is negative or past 2**62 pixels")
    else:
        raise BadRLE("counts are neither a list of integers nor a compressed string")
    if (counts < 0).any():
        raise BadRLE("a run length is negative")
    covered = int(counts.sum(dtype=float)) if counts.size else 0
    if covered >= LIMIT or int(counts.sum()) != height * width:
        raise BadRLE(f"the runs cover {int(counts.sum())} pixels, not height x width = {height * width}")
    return _measure(counts, height)


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

    area: float  # shoelace of one polygon; the union's (each pixel once) of several
    perimeter: float
    points: np.ndarray  # every vertex, shape (n, 2)
    rings: tuple[np.ndarray, ...]

    def union_area(self) -> float:
        """The area a mask drawn from the polygons covers: overlaps and a self-crossing outline's
        loops counted once (shapely), where the shoelace formula sums or cancels them."""
        return float(shapely.union_all([make_valid(shapely.Polygon(xy)) for xy in self.rings]).area)


def polygons(segmentation: JsonArray) -> tuple[Polygons | None, list[str]]:
    """Measures a list of polygons; returns its measures (None when one is unusable) and what is wrong.

    The area of several polygons is their union's, as a mask drawn from them covers it (a sum
    of shoelace areas would count an overlap twice); one polygon's is the shoelace formula's,
    and its union area (a self-crossing outline) is computed only when that one disagrees."""
    problems: list[str] = []
    area = perimeter = 0.0
    vertices: list[np.ndarray] = []
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
        perimeter += float(np.hypot(*(xy - np.roll(xy, -1, axis=0)).T).sum())
        vertices.append(xy)
    if problems:
        return None, problems
    measured = Polygons(area, perimeter, np.concatenate(vertices), tuple(vertices))
    if len(vertices) > 1:
        return Polygons(measured.union_area(), perimeter, measured.points, measured.rings), []
    return measured, []


def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def box_of(annotation: JsonObject) -> tuple[float, float, float, float] | None:
    box = annotation.get("bbox")
    if isinstance(box, list) and len(box) == 4 and all(is_number(v) for v in box):
        x, y, w, h = (as_float(v) for v in box)
        return x, y, w, h
    return None


def image_size(image: JsonValue) -> tuple[int, int] | None:
    width, height = (image.get("width"), image.get("height")) if isinstance(image, dict) else (None, None)
    if is_int(width) and is_int(height) and width > 0 and height > 0:
        return width, height
    return None


def segmented(data: Coco) -> Iterator[tuple[int, JsonObject]]:
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


def check_segmentations(data: Coco, box_tolerance: float, outline_px: float) -> tuple[list[Finding], int]:
    """DP-LABEL-003's rules over one COCO file; returns the findings and the segmentations judged."""
    images = by_id(data["images"])
    shown = Capped()
    judged = 0
    for index, annotation in segmented(data):
        at = f"/annotations/{index}"
        size = image_size(images.get(ident(annotation.get("image_id"))))
        if size is None:
            continue  # a dangling or sizeless image is DP-LABEL-001's finding
        judged += 1
        for finding in _one(annotation, at, size, box_of(annotation), box_tolerance, outline_px):
            shown.add(finding)
    return shown.findings(), judged


def _one(annotation: JsonObject, at: str, size: tuple[int, int], box: tuple[float, float, float, float] | None,
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
    elif abs(area - measured.area) > outline_px * measured.perimeter \
            and (len(measured.rings) > 1 or abs(area - measured.union_area()) > outline_px * measured.perimeter):
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
