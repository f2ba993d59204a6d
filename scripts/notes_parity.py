"""Which requirements' Chinese notes may lack content their English notes have (issue 76, twenty-fourth reading,
row 40): numbers the English writes and the Chinese does not (Chinese numerals such as 「第二十五条」 read as
numbers), and English clauses of some length that the clause alignment of the 编制说明's limits table
(conformance.drafting.notealign) finds no Chinese clause for. A lead for a reader, not a verdict: a clause the
alignment merged with its neighbour is listed too.

    PYTHONPATH=src python scripts/notes_parity.py
"""

from __future__ import annotations

import re

from conformance import load_catalog
from conformance.drafting.limitbasis import _sentences
from conformance.drafting.notealign import aligned, english_clauses

_ID = re.compile(r"[A-Z]{2}-[A-Z]+-\d{3}")
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:\.\d+)?(?![A-Za-z0-9_.]\d)")
_DIGITS = dict(zip("零一二三四五六七八九", range(10), strict=True))
_CHINESE_NUMBER = re.compile(r"[零一二三四五六七八九十百]+")
#: an English clause shorter than this is not listed when unaligned (a heading, "Why:")
_LONG = 60


def _arabic(match: re.Match[str]) -> str:
    """「二十五」 as "25"."""
    total = current = 0
    for char in match.group(0):
        if char in "十百":
            total += (current or 1) * (10 if char == "十" else 100)
            current = 0
        else:
            current = _DIGITS[char]
    return str(total + current)


def _numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(_ID.sub("", text)))


def main() -> None:
    for req in sorted(load_catalog().requirements.values(), key=lambda r: r.id):
        if not req.notes or not req.notes.zh or not req.notes.en:
            continue
        chinese, english = _sentences(req.notes.zh), english_clauses(req.notes.en)
        used = {j for found in aligned(chinese, english).values() for j in found}
        unaligned = [c for j, c in enumerate(english) if j not in used and len(c) > _LONG]
        numbers = _numbers(req.notes.en) - _numbers(_CHINESE_NUMBER.sub(_arabic, req.notes.zh).replace("，", ","))
        if unaligned or numbers:
            print(f"{req.id}: numbers only in the English: {sorted(numbers, key=float)}")
            for clause in unaligned:
                print(f"    no Chinese clause: {clause}")


if __name__ == "__main__":
    main()
