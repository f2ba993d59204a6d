"""The cover's 「本稿完成日期」 (issue 76, sixty-third reading, a1: 「2026-11」 was typed in suites/specification.yaml
and fell behind the 参考文献's 引用日期 of 2026-12-01 and the readings recorded up to that day). The month is derived
from what the committed catalog itself records of the draft's making, never from the clock, so the same commit renders
the same cover: the latest 引用日期 of ``references.accessed`` (the day an address was entered in the catalog) and the
newest reading the cover's ``readings`` file records (docs/drafting.md's reading headings, the changes the draft
took)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .stages import readings
from .writer import SpecData

_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


def completed_on(data: SpecData, roots: Iterable[Path]) -> str:
    """The latest day the catalog records of the draft's making (YYYY-MM-DD), or "" where it records none."""
    days = [str(day) for day in data.accessed.values() if _DAY.match(str(day))]
    record = str(data.cover.get("readings", ""))
    for root in roots if record else ():
        path = root / record
        if path.is_file() and (newest := readings(path.read_text(encoding="utf-8"))):
            days.append(newest[1])
    return max(days, default="")


def draft_month(data: SpecData, roots: Iterable[Path]) -> str:
    """The cover's completion date, a month (YYYY-MM): that of :func:`completed_on`; the placeholder where none."""
    day = completed_on(data, roots)
    return day[:7] if day else "XXXX-XX"
