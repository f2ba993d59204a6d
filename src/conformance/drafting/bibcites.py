"""Annex E's leads that send the reader to the 参考文献 for the document a rule follows (forty-fourth reading, a3: E.19,
E.20 and E.22 said 「（见参考文献）」 in a list of some 170 entries), and a test case's texts that do (part h96-refs2:
AS-AIGC-013 and -015's steps said 「依参考文献所列的 XMP 规范第 3 部分」): each such pointer names its entries by their
numbers there, computed from the list itself (never typed), as the 引言 and the 编制说明 cite them. An entry's (or a
case's ``procedures``) ``cites`` gives, for each pointer of its texts in order, the names of the documents (as the
参考文献 keys them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Writer(Protocol):
    """What of the draft's writer the numbering reads (the writer itself numbers a test case's pointers with this
    module, so it is not imported here)."""

    lang: str
    bibliography: dict[str, int]

    def t(self, zh: str, en: str) -> str: ...

#: the pointer a lead writes, in each language
POINTER = {"zh": "见参考文献", "en": "see the bibliography"}


def numbered_pointers(w: Writer, text: str, cites: Sequence[Sequence[str]]) -> str:
    """``text`` with its pointers to the 参考文献, in order, naming the entries of ``cites``: a pointer ``cites`` does not
    cover, or a document the list does not hold, is an error of the catalog, not a text to print (the numbers are
    the writer's, which the draft sets from its 参考文献 before writing the annexes)."""
    pointer = POINTER["zh" if w.lang == "zh" else "en"]
    if text.count(pointer) != len(cites):
        raise ValueError(f"{len(cites)} cites for {text.count(pointer)} pointers to the bibliography in: {text[:60]}")
    numbers = w.bibliography
    parts = text.split(pointer)
    out = parts[0]
    for names, rest in zip(cites, parts[1:]):
        entries = sorted(numbers[name] for name in names)
        out += w.t("见参考文献" + "、".join(f"[{n}]" for n in entries),
                   "see Bibliography " + ", ".join(f"[{n}]" for n in entries)) + rest
    return out


def numbered_cells(w: Writer, cells: Sequence[str], cites: Sequence[Sequence[str]]) -> list[str]:
    """A test case's ``cells`` (its parts in order) with their pointers to the 参考文献 numbered from ``cites``,
    taken in the order the pointers stand: a ``cites`` longer than the case's pointers is an error of the catalog
    too."""
    pointer, at, out = POINTER["zh" if w.lang == "zh" else "en"], 0, []
    for cell in cells:
        out.append(numbered_pointers(w, cell, cites[at:at + cell.count(pointer)]))
        at += cell.count(pointer)
    if at != len(cites):
        raise ValueError(f"{len(cites)} cites for {at} pointers to the bibliography in a test case: {cells[0][:60]}")
    return out
