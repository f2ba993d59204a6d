"""The quality of the records a data product serves (DP-QUAL-001), measured with four of the
indicators GB/T 36344-2018 names (clause 5): completeness (完整性), accuracy (准确性),
consistency (一致性) and timeliness (时效性).

A labelled data product's records are its images: the ``images`` of its COCO annotation file
and, where it also distributes an image listing (a CSV file, RFC 4180, whose header names
``file_name``), that listing's rows. The checks read the files the product distributes, not what
its description says of them:

- R1 completeness: every image record of the annotation file has ``file_name``, ``width`` and
  ``height``; the listing and the annotation file name the same images (no record in one is
  missing from the other); no cell of the listing's own columns (:data:`COLUMNS`, annex E.8) is empty,
  the further columns E.8 says are not read being neither read nor judged;
- R2 accuracy: ``width`` and ``height`` are positive integers, ``captured`` (the listing) an RFC 3339
  date-time and ``date_captured`` (COCO) a date and time as COCO writes it (``2013-11-14 17:02:52``: a
  space or ``T``, the offset optional) or an RFC 3339 date-time, and no image is recorded twice (the same
  ``file_name`` in two records of one file);
- R3 timeliness: no image was captured after the end of the labelling activity that produced
  the product (``prov:wasGeneratedBy`` / ``prov:endedAtTime``): a record dated later cannot be
  what was labelled, so the product's data and its description of when it was made disagree; a
  ``date_captured`` without an offset is read twice, at +14:00 and at -14:00, as XML Schema 1.1 part 2
  (3.3.7.1) orders such a time against one with an offset, and where the two readings disagree on the
  order (within 14 h of the end) its R3 is left unjudged (:func:`timeliness` returns those records);
- R4 consistency: an image recorded in both files carries the same ``width``, ``height`` and
  capture time (``captured`` / ``date_captured``) in each: the same data, recorded twice, agrees.

GB/T 36344-2018 names indicators, not acceptance levels; the level here (every record, no
duplicate) is the catalog's own, stated in the requirement's notes.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
import re
from datetime import datetime, timedelta, timezone
from collections.abc import Mapping
from typing import TYPE_CHECKING

from conformance import Finding, msg

from .._shared.numbers import is_integer

if TYPE_CHECKING:
    from conformance.area import JsonArray, JsonValue

#: a date, ``T`` or a space, a time to the second (its fraction and offset as fromisoformat reads them)
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}")
#: The column of an image listing that names the image (its key against the annotation file).
KEY = "file_name"
#: The columns of an image listing annex E.8 defines (schemas/data/image-listing-row.json); others are not read.
COLUMNS = (KEY, "width", "height", "captured")
#: Findings of one kind reported per file before the rest are counted.
SHOWN = 20


def listing(data: bytes) -> tuple[list[str], list[dict[str, str]]] | None:
    """The header and rows of an image listing (None: not UTF-8 CSV whose header names file_name)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or KEY not in header:
        return None
    rows = []
    for cells in reader:  # every row: the listing is bounded in bytes by 5.1's file bound
        if cells:
            rows.append({name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)})
    return header, rows


#: how far a time without its offset may lie from UTC: XML Schema 1.1 part 2 (3.3.7.1) orders such a time
#: against one with an offset by reading it at +14:00 and at -14:00; COCO's ``date_captured`` is written without
#: one, so its instant is known only within this much either side
_LOCAL = timedelta(hours=14)


def _time(text: JsonValue, coco: bool = False) -> datetime | None:
    """An RFC 3339 date-time with its offset, else None; with ``coco``, also a date and time as COCO's published
    annotation files write ``date_captured`` (``2013-11-14 17:02:52``, no offset: a naive datetime)."""
    if not isinstance(text, str) or not _DATE_TIME.match(text) or ("T" not in text.upper() and not coco):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None or coco else None


def _positive(value: JsonValue, text: bool) -> bool:
    """A positive integer: digits in a CSV cell (``text``), a JSON integer in the annotation file."""
    if text:
        return isinstance(value, str) and value.isascii() and value.isdigit() and int(value) > 0
    return is_integer(value) and value > 0


def completeness(images: JsonArray, rows: list[dict[str, str]] | None, listing_name: str) -> Iterator[Finding]:
    """R1: every image record whole; the listing and the annotation file name the same images."""
    incomplete = [i for i, image in enumerate(images)
                  if not isinstance(image, dict) or any(image.get(k) in (None, "") for k in (KEY, "width", "height"))]
    for index in incomplete[:SHOWN]:
        yield Finding(msg("data.quality-image-incomplete", index=index), pointer=f"/images/{index}", rule="R1")
    if rows is None:
        return
    labelled = {name for image in images if isinstance(image, dict) and isinstance(name := image.get(KEY), str)}
    listed = {row.get(KEY, "") for row in rows}
    for name in sorted(labelled - listed)[:SHOWN]:
        yield Finding(msg("data.quality-not-listed", image=name, listing=listing_name), pointer="/images",
                      actual=name, rule="R1")
    for name in sorted(listed - labelled)[:SHOWN]:
        yield Finding(msg("data.quality-not-labelled", image=name, listing=listing_name), pointer="/images",
                      actual=name, rule="R1")
    empty = [(line, column) for line, row in enumerate(rows, start=2) for column, cell in row.items()
             if not cell and column in COLUMNS]
    for line, column in empty[:SHOWN]:
        yield Finding(msg("data.quality-cell-empty", listing=listing_name, line=line, column=column), rule="R1")


def accuracy(images: JsonArray, rows: list[dict[str, str]] | None, listing_name: str) -> Iterator[Finding]:
    """R2: sizes positive integers, capture times RFC 3339 date-times, no image recorded twice."""
    records: list[tuple[str, Mapping[str, JsonValue], bool]] = [
        (f"/images/{i}", image, False) for i, image in enumerate(images) if isinstance(image, dict)]
    records += [(f"{listing_name} line {line}", row, True) for line, row in enumerate(rows or [], start=2)]
    wrong: list[tuple[str, str, JsonValue]] = []
    for where, record, text in records:
        for column in ("width", "height"):
            if column in record and record[column] not in (None, "") and not _positive(record[column], text):
                wrong.append((where, column, record[column]))
        for column in ("captured", "date_captured"):
            if record.get(column) not in (None, "") and _time(record[column], column == "date_captured") is None:
                wrong.append((where, column, record[column]))
    for where, column, value in wrong[:SHOWN]:
        yield Finding(msg("data.quality-value-malformed", where=where, column=column), actual=repr(value)[:80],
                      rule="R2")
    labelled = [image.get(KEY) for image in images if isinstance(image, dict)]
    for source, names in (("annotation file", labelled), (listing_name, [row.get(KEY) for row in rows or []])):
        twice = [name for name, n in Counter(n for n in names if isinstance(n, str) and n).items() if n > 1]
        for name in twice[:SHOWN]:
            yield Finding(msg("data.quality-recorded-twice", image=name, source=source), actual=name, rule="R2")


def timely_judged(ended: JsonValue) -> bool:
    """Whether R3 can be judged: the labelling activity states its end as an RFC 3339 date-time."""
    return _time(ended) is not None


def timeliness(images: JsonArray, rows: list[dict[str, str]] | None, ended: str | None,
               listing_name: str) -> tuple[list[Finding], list[tuple[str, str]]]:
    """R3: no image captured after the labelling activity ended (R3 unjudged without its end: timely_judged). Each
    record is read once: the findings of the late ones (at most SHOWN), and the records (where, capture time) left
    unjudged, without an offset whose two readings, at +14:00 and at -14:00, fall on either side of the labelling's
    end (within 14 h of it read as UTC), so that their order is unknown."""
    end = _time(ended)
    if end is None:
        return [], []
    late: list[tuple[str, str]] = []
    unordered: list[tuple[str, str]] = []
    for where, text, moment in _dated(images, rows, listing_name):
        if (after := _after(moment, end)) is None:
            unordered.append((where, text))
        elif after:
            late.append((where, text))
    return [Finding(msg("data.quality-captured-late", where=where, captured=text, ended=ended), expected=f"<= {ended}",
                    actual=text, rule="R3") for where, text in late[:SHOWN]], unordered


def _dated(images: JsonArray, rows: list[dict[str, str]] | None,
           listing_name: str) -> list[tuple[str, str, datetime]]:
    """Every record's place, capture time as written and as read (R2's malformed ones left out)."""
    dated = [(f"/images/{i}", image.get("date_captured"), True) for i, image in enumerate(images)
             if isinstance(image, dict)]
    dated += [(f"{listing_name} line {line}", row.get("captured"), False) for line, row in enumerate(rows or [], start=2)]
    return [(where, text, moment) for where, text, coco in dated
            if isinstance(text, str) and (moment := _time(text, coco)) is not None]


def _after(moment: datetime, end: datetime) -> bool | None:
    """Whether ``moment`` is after ``end``; one without an offset (COCO's form) is read at +14:00 and at -14:00,
    as XML Schema 1.1 part 2 (3.3.7.1) orders it: late when both readings are, not late when neither is, and
    None (the order unknown) when they disagree."""
    if moment.tzinfo is not None:
        return moment > end
    utc = end.astimezone(timezone.utc).replace(tzinfo=None)
    earliest, latest = moment - _LOCAL > utc, moment + _LOCAL > utc
    return earliest if earliest == latest else None


#: an image's members the listing and the annotation file both record, by the listing's column name
SHARED = {"width": "width", "height": "height", "captured": "date_captured"}


def _same(listed: str, labelled: JsonValue, column: str) -> bool:
    """Whether a listing's cell and the annotation file's value record the same datum: sizes as
    integers, capture times as instants (one moment written with two offsets is the same)."""
    if column == "captured":
        a, b = _time(listed), _time(labelled, True)
        if a is not None and b is not None and b.tzinfo is None:  # COCO's local time: the listing's as written
            a = a.replace(tzinfo=None)
        return a is None or b is None or a == b  # a malformed time is R2's to judge
    if not _positive(listed, True) or not _positive(labelled, False):
        return True  # R2's to judge
    return int(listed) == labelled


def consistency(images: JsonArray, rows: list[dict[str, str]] | None, listing_name: str) -> Iterator[Finding]:
    """R4: an image recorded in both the listing and the annotation file has the same size and
    capture time in each (only where both record the member)."""
    if rows is None:
        return
    by_name = {name: (i, image) for i, image in enumerate(images)
               if isinstance(image, dict) and isinstance(name := image.get(KEY), str)}
    differing = []
    for line, row in enumerate(rows, start=2):
        index, image = by_name.get(row.get(KEY, ""), (None, None))
        if image is None:
            continue  # R1's to judge
        for column, member in SHARED.items():
            if row.get(column) not in (None, "") and image.get(member) not in (None, "") \
                    and not _same(row[column], image[member], column):
                differing.append((row[KEY], line, column, index, member, row[column], image[member]))
    for name, line, column, index, member, listed, labelled in differing[:SHOWN]:
        yield Finding(msg("data.quality-inconsistent", image=name, listing=listing_name, line=line, column=column,
                          listed=listed, labelled=labelled), pointer=f"/images/{index}/{member}",
                      expected=labelled, actual=listed, rule="R4")
