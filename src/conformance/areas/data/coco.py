"""Labelled data sets as COCO object-detection annotation files.

A COCO file is a JSON object with ``images``, ``annotations`` and ``categories`` arrays
(COCO data format, "Object Detection"): each annotation labels one image with one category
and a bounding box ``[x, y, width, height]`` in the image's pixels. The checks are
vectorised with NumPy, so a file of a million boxes costs one pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict, TypeGuard

import numpy as np

from conformance import Finding, msg

from .._shared.numbers import as_float, as_integer, is_integer

if TYPE_CHECKING:
    from conformance import FileTarget
    from conformance.area import JsonArray, JsonObject, JsonValue

SECTIONS: tuple[Literal["images"], Literal["annotations"], Literal["categories"]] = (
    "images", "annotations", "categories")
#: findings of one kind reported per file before the rest are counted
SHOWN = 20


class Coco(TypedDict):
    """A COCO annotation file as :func:`is_coco` found it: its three sections are arrays (their
    entries are judged one by one)."""

    images: JsonArray
    annotations: JsonArray
    categories: JsonArray


def is_coco(data: object) -> TypeGuard[Coco]:
    return isinstance(data, dict) and all(isinstance(data.get(k), list) for k in SECTIONS)


def coco_files(files: FileTarget) -> dict[Path, Coco]:
    """The COCO annotation files among a file target's JSON documents, by path."""
    return {doc.path: doc.data for doc in files.documents(suffixes=(".json",)) if is_coco(doc.data)}


def _ids(items: JsonArray) -> JsonArray:
    return [item.get("id") if isinstance(item, dict) else None for item in items]


def ident(value: JsonValue) -> int | None:
    """An id as COCO writes it (an integer), else None: a list or object where an id belongs is
    never used as a key (it would not hash) and names nothing."""
    return as_integer(value)


def by_id(items: JsonArray) -> dict[int | None, JsonObject]:
    """The entries of a section by their integer id (entries without one are DP-LABEL-001's R1)."""
    return {key: item for item in items if isinstance(item, dict) and (key := ident(item.get("id"))) is not None}


def duplicate_ids(data: Coco) -> Iterator[Finding]:
    """R1: ids unique within images, annotations and categories (and present)."""
    for section in SECTIONS:
        ids = _ids(data[section])
        for index, value in enumerate(ids):
            if not is_integer(value):
                yield Finding(msg("data.coco-id-missing", section=section), pointer=f"/{section}/{index}/id",
                              actual=repr(value), rule="R1")
                break
        repeated = [value for value, n in Counter(as_integer(v) for v in ids if is_integer(v)).items() if n > 1]
        for value in repeated[:SHOWN]:
            yield Finding(msg("data.coco-id-repeated", section=section, id=value),
                          pointer=f"/{section}/{ids.index(value)}/id", actual=str(value), rule="R1")


def dangling(data: Coco) -> Iterator[Finding]:
    """R2: every annotation names a listed image and a listed category."""
    images = set(by_id(data["images"]))
    categories = set(by_id(data["categories"]))
    shown = 0
    for index, annotation in enumerate(data["annotations"]):
        if not isinstance(annotation, dict):
            continue
        for key, known in (("image_id", images), ("category_id", categories)):
            if ident(annotation.get(key)) not in known:
                shown += 1
                if shown <= SHOWN:
                    yield Finding(msg("data.coco-dangling", key=key, value=annotation.get(key)),
                                  pointer=f"/annotations/{index}/{key}", actual=repr(annotation.get(key)), rule="R2")
    if shown > SHOWN:
        yield Finding(msg("data.coco-more", count=shown - SHOWN), rule="R2")


def boxes_outside(data: Coco, tolerance: float) -> tuple[list[Finding], int]:
    """R3: every bounding box has a positive width and height and lies inside its image
    (within ``tolerance`` pixels); returns the findings and the number of boxes judged. A box whose
    image states no width and height (annex E lets both be absent) is judged for its size and its left
    and top edges only: :func:`unsized_boxes` names the boxes left partly unjudged."""
    sizes = {key: _size(img) or [np.inf, np.inf] for key, img in by_id(data["images"]).items()}
    rows: list[list[float]] = []
    where: list[int] = []
    findings: list[Finding] = []
    for index, annotation in enumerate(data["annotations"]):
        box = annotation.get("bbox") if isinstance(annotation, dict) else None
        size = sizes.get(ident(annotation.get("image_id"))) if isinstance(annotation, dict) else None
        if box is None or size is None:
            continue
        row = _floats(box) + size if isinstance(box, list) else []
        if len(row) != 6:
            findings.append(Finding(msg("data.coco-box-malformed"), pointer=f"/annotations/{index}/bbox",
                                    actual=repr(box)[:80], rule="R3"))
            continue
        rows.append(row)
        where.append(index)
    if not rows:
        return findings, 0
    table = np.asarray(rows)
    x, y, w, h, width, height = table.T
    with np.errstate(invalid="ignore"):
        bad = ~np.isfinite(table[:, :4]).all(axis=1) | (w <= 0) | (h <= 0) | (x < -tolerance) | (y < -tolerance) \
            | (x + w > width + tolerance) | (y + h > height + tolerance)
    for row in np.flatnonzero(bad)[:SHOWN]:
        index = where[row]
        sized = bool(np.isfinite(width[row]))
        message = msg("data.coco-box-outside", width=_n(width[row]), height=_n(height[row])) if sized \
            else msg("data.coco-box-outside-unsized")
        findings.append(Finding(message, pointer=f"/annotations/{index}/bbox",
                                actual=str([_n(v) for v in table[row, :4]]), rule="R3"))
    if bad.sum() > SHOWN:
        findings.append(Finding(msg("data.coco-more", count=int(bad.sum()) - SHOWN), rule="R3"))
    return findings, len(rows)


def unsized_boxes(data: Coco) -> list[str]:
    """The boxes whose listed image states no width and height as numbers (annex E makes both optional):
    whether their right and bottom edges lie inside the image cannot be judged (R3 unjudged)."""
    unsized = {key for key, img in by_id(data["images"]).items() if not _size(img)}
    return [f"/annotations/{index}/bbox" for index, annotation in enumerate(data["annotations"])
            if isinstance(annotation, dict) and "bbox" in annotation and ident(annotation.get("image_id")) in unsized]


def _size(image: JsonObject) -> list[float]:
    """The image's [width, height] as finite numbers, else none (annex E lets both be absent)."""
    size = _floats([image.get("width"), image.get("height")])
    return size if len(size) == 2 and all(np.isfinite(size)) else []


def _floats(values: JsonArray) -> list[float]:
    """Each value as a float (a number, or a string that reads as one); none when one is not."""
    out: list[float] = []
    for value in values:
        if not isinstance(value, (int, float, str)):
            return []
        try:
            out.append(float(value))
        except OverflowError:  # an integer beyond a float's range: as far off as infinity
            out.append(as_float(value))
        except ValueError:
            return []
    return out


def _n(value: float) -> str:
    return f"{value:g}"
