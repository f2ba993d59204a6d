"""Annex E's leads that send the reader to the 参考文献 for the document a rule follows (forty-fourth reading, a3: E.19,
E.20 and E.22 said 「（见参考文献）」 in a list of some 170 entries), and a test case's texts that do (part h96-refs2:
AS-AIGC-013 and -015's steps said 「依参考文献所列的 XMP 规范第 3 部分」): each such pointer names its entries by their
numbers there, computed from the list itself (never typed), as the 引言 and the 编制说明 cite them. An entry's (or a
case's ``procedures``) ``cites`` gives, for each pointer of its texts in order, the names of the documents (as the
参考文献 keys them)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol


class Writer(Protocol):
    """What of the draft's writer the numbering reads (the writer itself numbers a test case's pointers with this
    module, so it is not imported here)."""

    lang: str
    bibliography: dict[str, int]

    def t(self, zh: str, en: str) -> str: ...

class Named(Protocol):
    """A document a requirement's source cites, by its catalog name."""

    name: str

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


#: how a note names a work it quotes: an author of its catalog name (「Kübler 等人 2001 年的研究」, 「Grossman 等
#: （1988）」, "Kübler et al. 2001"), a report's designation (「AGARD-AR-144」) or a regulation's Chinese title in the
#: name (「《网络安全审查办法》第七条」), each with what follows it in the mention
_AUTHOR = re.compile(r"^(?:(?:de|van|von|Di) )?[A-Z][\w\u00c0-\u017f-]+$")
_DESIGNATION = re.compile(r"^[A-Z]+(?:-[A-Z]+)+-\d+\b")
_TITLE = re.compile(r"[(（]([\u4e00-\u9fff]+)[,，]")
_AFTER = r"(?: ?等人?| et al\.?)?(?:（\d{4}）| \(\d{4}\)| \d{4} 年的研究| \d{4}|[，,] ?\d{4})?"
_ARTICLE = r"(?:第[一二三四五六七八九十百]+条| Article \d+)?"


def mentions(name: str) -> list[str]:
    """The patterns a note names the catalog's document ``name`` by (none for a standard: its designation is
    its name, cited as such)."""
    authors = []
    for part in name.split(", "):
        if not _AUTHOR.match(part.removesuffix(" et al.")):
            break
        authors.append(_spelt(part.removesuffix(" et al.")))
        if part.endswith(" et al."):  # the authors end there: the title follows
            break
    # any of the authors, with those after it the note names (「Brungart、Kordik 与 Simpson（2006）」)
    one = rf"(?<![\w-])(?:{'|'.join(authors)})(?![\w-])"
    found = [rf"{one}(?:(?:、|，|, | ?与 ?| ?和 ?| and ){one})*{_AFTER}"] if authors else []
    if designation := _DESIGNATION.match(name):
        found.append(rf"(?<![\w-]){re.escape(designation.group(0))}(?![\w-])")
    if title := _TITLE.search(name):
        english = re.escape(name[:title.start()].strip())
        found += [rf"《{re.escape(title.group(1))}》{_ARTICLE}", rf"(?<!\w){english}(?!\w)"]
    return found


def _spelt(surname: str) -> str:
    """A surname as a pattern matching it also with its umlauts written out (the English notes write "Kuebler")."""
    return re.sub("[äöü]", lambda m: f"(?:{m.group(0)}|{'aou'['äöü'.index(m.group(0))]}e)", re.escape(surname))


def numbered_works(w: Writer, text: str, cited: Sequence[Named], numbers: dict[str, int]) -> str:
    """``text`` (a note's sentences the 编制说明 quotes) with the first mention of each document ``cited`` that the
    参考文献 lists (``numbers``) followed by its number there (forty-fifth reading, d8: 「Kübler 等人 2001 年的研究」 and
    「AGARD-AR-144」 were quoted as a limit's basis with no entry to find them by), a year in brackets taking it in."""
    for name in dict.fromkeys(ref.name for ref in cited):
        number = numbers.get(name)
        for pattern in mentions(name) if number else ():
            found = re.search(pattern, text)
            if found is None or re.match(r"\s?[(（]?(?:参考文献|Bibliography) ?\[", text[found.end():]):
                continue
            mention, year = found.group(0), re.search(r"(（|\()(\d{4})[）)]$", found.group(0))
            marked = (mention[:year.start()] + w.t(f"（{year.group(2)}，参考文献[{number}]）",
                                                  f"({year.group(2)}, Bibliography [{number}])") if year
                      else mention + w.t(f"（参考文献[{number}]）", f" (Bibliography [{number}])"))
            rest = text[found.end():]  # no space between the closing bracket and a Chinese word
            text = text[:found.start()] + marked + (rest[1:] if re.match(r" [\u4e00-\u9fff]", rest) and
                                                     w.lang == "zh" else rest)
            break
    return text
