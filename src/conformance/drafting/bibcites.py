"""Annex E's leads that send the reader to the 参考文献 for the document a rule follows (forty-fourth reading, a3: E.19,
E.20 and E.22 said 「（见参考文献）」 in a list of some 170 entries), and a test case's texts that do (part h96-refs2:
AS-AIGC-013 and -015's steps said 「依参考文献所列的 XMP 规范第 3 部分」): each such pointer names its entries by their
numbers there, computed from the list itself (never typed), as the 引言 and the 编制说明 cite them. An entry's (or a
case's ``procedures``) ``cites`` gives, for each pointer of its texts in order, the names of the documents (as the
参考文献 keys them)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
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


#: documents a provision cites by designation and clause that clause 2 does not list, each by its 参考文献 entry:
#: the citation is followed by its pointer, as the draft's other informative citations are (fiftieth reading, a1:
#: 「（ILAC-G8:09/2019 4.2.2，ISO/IEC 指南 98-4:2012）」 in 6.3 and the 56 measuring cases' 判定准则 read as normative)
INFORMATIVE = {"ILAC-G8:09/2019": "ILAC-G8:09/2019 Guidelines on Decision Rules and Statements of Conformity"}


def informative(w: Writer, text: str) -> str:
    """``text`` with each citation of an ``INFORMATIVE`` document (its designation and clause) followed by
    「见参考文献[n]」 (a catalog without the entry, a one-requirement test catalog, cites the name alone)."""
    for designation, name in INFORMATIVE.items():
        number = w.bibliography.get(name)
        if number:
            pointer = w.t(f"见参考文献[{number}]；", f"see Bibliography [{number}]; ")
            text = re.sub(rf"({re.escape(designation)}(?: \d+(?:\.\d+)*)?(?:，|, ))(?!见参考文献|see Bib)",
                          lambda m: m.group(1) + pointer, text)
    return text


def numbered_cells(w: Writer, cells: Sequence[str], cites: Sequence[Sequence[str]]) -> list[str]:
    """A test case's ``cells`` (its parts in order) with their pointers to the 参考文献 numbered from ``cites``,
    taken in the order the pointers stand: a ``cites`` longer than the case's pointers is an error of the catalog
    too."""
    pointer, at, out = POINTER["zh" if w.lang == "zh" else "en"], 0, []
    for cell in cells:
        out.append(informative(w, numbered_pointers(w, cell, cites[at:at + cell.count(pointer)])))
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
    """A surname as a pattern matching it also with its umlauts written out (the English notes write "Kuebler"), and
    a letter the catalog writes without its diacritic also with it (forty-ninth reading, d8: 「Čoh」, key "Coh")."""
    umlauts = re.sub("[äöü]", lambda m: f"(?:{m.group(0)}|{'aou'['äöü'.index(m.group(0))]}e)", re.escape(surname))
    return re.sub("[A-Za-z]", lambda m: f"[{m.group(0)}{_MARKED.get(m.group(0), '')}]"
                  if m.group(0) in _MARKED else m.group(0), umlauts)


#: each Latin letter -> the letters of Latin-1 and Latin Extended-A written with it and a diacritic
_MARKED: dict[str, str] = {}
for _code in range(0xC0, 0x180):
    if (_base := unicodedata.normalize("NFD", chr(_code))[0]).isascii() and _base != chr(_code):
        _MARKED[_base] = _MARKED.get(_base, "") + chr(_code)


def works_named(name: str, entries: Sequence[int], named: Mapping[str, Sequence[str]]) -> list[tuple[int, list[str]]]:
    """The patterns a note names each work of the catalog's ``name`` by, with the number of its entry (``entries``:
    one a work of a key naming several, "; " between them, in order; forty-ninth reading, a5: Woodworth's book is
    [172], Kuhn's paper, the key's own entry, [110]), and the names ``named`` gives it (d8: 「弗吉尼亚理工大学」)."""
    works = name.split("; ") if len(entries) > 1 and len(name.split("; ")) == len(entries) else [name]
    # a work of a key naming several has its own names (fiftieth reading, a3: 「伍德沃思模型」 is Woodworth's book,
    # not Kuhn's paper, the key's own entry)
    found = [(number, mentions(work) + (_named(named.get(work, ())) if len(works) > 1 else []))
             for number, work in zip(entries[-len(works):], works, strict=True)]
    return [*found, (entries[-1], _named(named.get(name, ())))]


def _named(others: Sequence[str]) -> list[str]:
    """The patterns of the names a note gives a work besides its authors: a Chinese name stands between Chinese
    words, so only a Latin letter or digit beside it makes it another word."""
    return [rf"(?<![A-Za-z0-9-]){re.escape(other)}(?![A-Za-z0-9-]){_AFTER}" for other in others]


def numbered_works(w: Writer, text: str, cited: Sequence[Named], numbers: Mapping[str, Sequence[int]],
                   named: Mapping[str, Sequence[str]]) -> str:
    """``text`` (a note's sentences the 编制说明 quotes) with the first mention of each document ``cited`` that the
    参考文献 lists (``numbers``: its entries' numbers) followed by its number there (forty-fifth reading, d8:
    「Kübler 等人 2001 年的研究」 and 「AGARD-AR-144」 were quoted as a limit's basis with no entry to find them by), a
    year in brackets taking it in, a bracket the mention closes ending with it (「（Čoh 等，2018，参考文献[72]）」)."""
    for name in dict.fromkeys(ref.name for ref in cited):
        text = _numbered_work(w, text, works_named(name, numbers.get(name, ()), named) if name in numbers else [])
    return text


def _numbered_work(w: Writer, text: str, works: Sequence[tuple[int, Sequence[str]]]) -> str:
    done: set[int] = set()  # an entry's number follows its first mention only
    for number, patterns in works:
        for pattern in patterns if number not in done else ():
            found = re.search(pattern, text)
            # a name inside a code span ("`val3dity`"): the number follows the span, never stands in it
            end = found.end() if found else 0
            end += found is not None and text[:found.start()].count("`") % 2 == 1 and text.startswith("`", end)
            # a possessive keeps its "'s" ("3DPW's (Bibliography [44]) evaluation"), after a code span too ("`nginx`'s",
            # sixty-second reading, d8)
            end += 2 * text.startswith("'s", end) if found else 0
            if found is None or re.match(r"\s?[(（]?(?:参考文献|Bibliography) ?\[", text[end:]):
                continue
            mention, year = text[found.start():end], re.search(r"(（|\()(\d{4})[）)]$", found.group(0))
            closing = re.match(r"[）)]", text[end:])  # the mention ends a bracket: the number joins it
            marked = (mention[:year.start()] + w.t(f"（{year.group(2)}，参考文献[{number}]）",
                                                  f"({year.group(2)}, Bibliography [{number}])") if year
                      else mention + w.t(f"，参考文献[{number}]", f", Bibliography [{number}]") if closing
                      else mention + w.t(f"（参考文献[{number}]）", f" (Bibliography [{number}])"))
            rest = text[end:]  # no space between the closing bracket and a Chinese word
            text = text[:found.start()] + marked + (rest[1:] if re.match(r" [\u4e00-\u9fff]", rest) and
                                                     w.lang == "zh" else rest)
            done.add(number)
            break
    return text
