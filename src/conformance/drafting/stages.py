"""一（二）'s dated stages of the project's own work (issue 76, fifty-eighth reading, part h114-note, d8: 工作过程
gave no date or stage, though the repository records them): ``stages`` of suites/explanatory.yaml, each with the
date and the commit of the repository's history that records it (tests/drafting/test_reading_fiftyeighth_note.py
holds each date to its commit), rendered as one paragraph; the drafting group's placeholder for the outside stages
(meetings, consultation, review) follows it unchanged. A stage naming ``readings`` (a file of the repository) adds
how many readings that file's headings record and the newest one's date (sixtieth reading, part h120-note, d1: 「至
2026-11-30 共五十八次」 was typed by hand and went stale when the fifty-ninth reading was recorded)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from .explanatory_data import NoteData
from .wording import plain_programs, zh_number
from .writer import Block, Writer

_ONES = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: an ordinal's last word by its cardinal's ("fifty-ninth": "nine" -> "ninth", "sixtieth": "sixty" -> "sixtieth")
_ORDINAL_ENDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth",
                 "twelve": "twelfth"}
#: a reading's heading in docs/drafting.md: 「### Fifty-ninth reading, 2026-11-30 (issue 76)」 (not a part's 「####」,
#: nor 「### Leftovers of the …」)
_HEADING = re.compile(r"^### ([A-Z][a-z]+(?:-[a-z]+)?) reading, (\d{4}-\d\d-\d\d)\b", re.M)


def cardinal(number: int) -> str:
    """1..99 in English words: "fifty-nine"."""
    tens, units = divmod(number, 10)
    return _ONES[number] if number < 20 else _TENS[tens] + (f"-{_ONES[units]}" if units else "")


def ordinal(number: int) -> str:
    """1..99 as an English ordinal: "fifty-ninth", "sixtieth", "twelfth"."""
    head, _, last = cardinal(number).rpartition("-")
    end = _ORDINAL_ENDS.get(last) or (f"{last[:-1]}ieth" if last.endswith("y") else f"{last}th")
    return f"{head}-{end}" if head else end


_ORDINALS = {ordinal(n): n for n in range(1, 100)}


def readings(text: str) -> tuple[int, str] | None:
    """The readings a drafting record's headings record: the highest ordinal and its heading's date (None: none)."""
    found = [(n, m.group(2)) for m in _HEADING.finditer(text) if (n := _ORDINALS.get(m.group(1).lower()))]
    return max(found) if found else None


def _stage_text(stage: dict[str, Any], root: Path | None) -> tuple[str, str]:
    """A stage's text in both languages, with the count of readings its ``readings`` file records."""
    zh, en = str(stage["zh"]), str(stage["en"])
    path = root / str(stage["readings"]) if root is not None and stage.get("readings") else None
    if path is None or not path.is_file() or not (count := readings(path.read_text(encoding="utf-8"))):
        return zh, en
    return f"{zh}（至 {count[1]} 共{zh_number(count[0])}次）", f"{en} ({cardinal(count[0])} by {count[1]})"


def project_stages(w: Writer, data: NoteData | None) -> list[Block]:
    """The paragraph listing the project's stages by date, in the record's order (none: no ``stages``)."""
    stages: list[dict[str, Any]] = list(data.get("stages") or []) if data else []
    if not stages:
        return []
    # the commit stays in the record, for the test; a hash in the text would be read as a number and a code value
    texts = [_stage_text(s, data.root if data else None) for s in stages]
    zh = "；".join(f"{s['date']}，{text[0]}" for s, text in zip(stages, texts, strict=True))
    en = "; ".join(f"{s['date']}: {text[1]}" for s, text in zip(stages, texts, strict=True))
    para = w.para(w.t(f"本项目工作的各阶段（日期为开源项目 metaverse-conformance 的版本历史所记录的日期）：{zh}。",
                       f"The stages of this project's work (dates as the metaverse-conformance project's version "
                       f"history records them): {en}."), normative=False)
    return [replace(para, text=plain_programs(para.text))]  # the project by its name, plain, as 一（一）
