"""A document clause 2 lists with its date is cited with that date in the text too (sixteenth reading of issue 76).

Clause 2's lead-in says that for a dated reference only the edition cited applies and for an undated one the latest
edition; GB/T 1.1-2020 9.5 has the text cite a dated reference with its year. The catalog's texts cite ISO 376, ISO
16739-1, IEC 62471, GB 11643 and ten more without the date clause 2 gives them, some 70 times, so the reader could not
tell which edition a test case applies. Once the document is whole, each citation after clause 3 of a document clause 2
dates (its number at the start of its entry, or an identical adoption's international number in brackets) takes the
date as clause 2 writes it: 「ISO 376:2011」, 「GB 11643—1999」. Code values and the 参考文献 are left as they are.
An IEEE standard clause 2 lists as 「IEEE Std 1789-2015」 is cited so, not 「IEEE 1789-2015」 nor 「IEEE 1789」
(seventeenth reading: one designation a document).

A document of another family clause 2 dates by a month or a version in brackets after its title (ITU, ETSI, 3GPP,
ASTM, FIPS, NIST) is cited with that bracket as clause 2 writes it, in the text's own brackets: 「ITU-T G.1010
（2001-11）」, "ETSI ES 202 396-1 (V1.8.1, 2022-05)"; an ITU Recommendation's revision (「BT.1359-1」) is part of its
number. A specification clause 2 lists by its name alone, dated in brackets (「OpenXR Specification 1.1（2024-04-15）」),
takes the bracket where the text cites it by that whole name; 「OpenXR」 alone names the API, a runtime or one of its
elements (「OpenXR 的 `XrTime`」) and is no citation. An RFC takes none: its number names one text, never revised (a
revision is published under a new number) (leftovers of the seventeenth reading, issue 76).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .docfamilies import BRACKET_FAMILIES
from .writer import Block

#: a dated entry's number and date at its start: 「ISO 376:2011 …」, 「GB 11643—1999　…」, "GB 11643-1999 …"
_ENTRY = re.compile(r"^((?:GB(?:/T)?|ISO(?:/IEC)?(?:/TS|/PAS)?|IEC) \d+(?:[.-]\d+)*)(:|—|-)(\d{4})(?=[\s　(（]|$)")
#: an IEEE standard's entry: 「IEEE Std 1789-2015 …」
_IEEE = re.compile(r"^IEEE Std (\d+(?:\.\d+)*)-(\d{4})(?=\s|$)")
#: a document of another family and its bracketed date: "ITU-T G.1010 End-user … (2001-11)", "Recommendation ITU-R
#: BT.1359-1 … (1998)", "ETSI EN 301 549 V3.2.1 (2021-03) Accessibility …" (the version before the title)
_BRACKETED = re.compile(rf"^(?:Recommendation )?((?:{BRACKET_FAMILIES}))((?:-\d+)?)"
                        r"(?:( V\d+(?:\.\d+)*) \(([^()]+)\) .*| .*\(([^()]+)\))$")
#: a bracket family's designation and its publisher as the 编制说明 names it, in the order it names them
_PUBLISHERS = (("ITU-", "ITU"), ("ETSI ", "ETSI"), ("3GPP ", "3GPP"), ("ASTM ", "ASTM"), ("FIPS ", "FIPS"),
               ("NIST ", "NIST"))


def bracket_publishers(entries: list[str]) -> list[str]:
    """The publishers of clause 2's entries dated in brackets (the 编制说明 3.5 names them: thirty-fourth reading,
    b11, a hand-written list kept 3GPP, ASTM and NIST after their documents left clause 2)."""
    found = {publisher for text in entries if (m := _BRACKETED.match(text))
             for prefix, publisher in _PUBLISHERS if m.group(1).startswith(prefix)}
    return [publisher for _, publisher in _PUBLISHERS if publisher in found]


#: a specification named without a number and dated in brackets: "OpenXR Specification 1.1 (2024-04-15)"
_NAMED = re.compile(r"^([A-Za-z][^()]*?) \(([^()]+)\)$")
#: an identical adoption's international document in brackets: 「（ISO 9283:1998，IDT）」, "(ISO 9283:1998, IDT)"
_ADOPTED = re.compile(r"[（(]((?:ISO|IEC)(?:/IEC)? \d+(?:[.-]\d+)*):(\d{4})[，,] ?IDT[）)]")


def dated_designations(blocks: list[Block]) -> dict[str, str]:
    """Each dated document of clause 2 by its bare number: ``{"ISO 376": "ISO 376:2011", ...}``."""
    start = next((i for i, b in enumerate(blocks) if b.anchor == "clause-2"), None)
    if start is None:
        return {}
    end = next(i for i, b in enumerate(blocks) if i > start and b.kind == "heading" and b.level == 1)
    dated: dict[str, str] = {}
    for block in blocks[start + 1:end]:
        entry = _ENTRY.match(block.text)
        if entry:
            dated[entry.group(1)] = entry.group(1) + entry.group(2) + entry.group(3)
        ieee = _IEEE.match(block.text)
        if ieee:
            whole = f"IEEE Std {ieee.group(1)}-{ieee.group(2)}"
            dated |= {f"IEEE {ieee.group(1)}": whole, f"IEEE {ieee.group(1)}-{ieee.group(2)}": whole}
        bracketed = _BRACKETED.match(block.text)
        if bracketed:
            number, revision, version, first, last = bracketed.groups()
            date = _bracket(first or last, block.lang)
            dated[number] = dated[number + revision] = number + revision + (version or "") + date
        named = _NAMED.match(block.text)
        if named and not (entry or ieee or bracketed or block.text.startswith("RFC ")):
            dated[named.group(1)] = named.group(1) + _bracket(named.group(2), block.lang)
        for adopted in _ADOPTED.finditer(block.text):
            dated[adopted.group(1)] = f"{adopted.group(1)}:{adopted.group(2)}"
    return dated


def _bracket(date: str, lang: str) -> str:
    """The date in the text's brackets: full-width in the Chinese (GB/T 15834—2011), ASCII after a space in the English."""
    return f"（{date.replace(', ', '，')}）" if lang.startswith("zh") else f" ({date})"


def _citing(dated: dict[str, str]) -> re.Pattern[str] | None:
    if not dated:
        return None
    names = "|".join(re.escape(name) for name in sorted(dated, key=len, reverse=True))
    # not part of a longer number or path, and not dated already (「ISO 376:2011」, 「GB 11643—1999」, 「ITU-T G.1010
    # （2001-11）」, "ETSI EN 301 549 V3.2.1"), nor a code value's name after its Recommendation's (「BS.2076-2」)
    return re.compile(rf"(?<![\w/.\-‑])({names})(?![\w.\-‑:—]|\s?[—-]\d{{4}}|\s?[（(](?:\d{{4}}|V\d|E\d|[A-Z]{{2}}\.\d)"
                      r"| V\d)( ?)")


def _dated_text(text: str, pattern: re.Pattern[str], dated: dict[str, str]) -> str:
    return "".join(part if part.startswith("`") else pattern.sub(lambda m: _dated(m, dated), part)
                   for part in re.split(r"(`[^`\n]*`)", text))


def _dated(match: re.Match[str], dated: dict[str, str]) -> str:
    # no space after a full-width bracket (「ITU-T G.1010（2001-11）推荐值」), as after any Chinese punctuation
    whole = dated[match.group(1)]
    return whole if whole.endswith("）") else whole + match.group(2)


def dated_text(text: str, dated: dict[str, str]) -> str:
    """``text`` citing each document of ``dated`` (:func:`dated_designations`) with its date."""
    pattern = _citing(dated)
    return _dated_text(text, pattern, dated) if pattern else text


def dated_citations(blocks: list[Block]) -> list[Block]:
    """The blocks with every citation after clause 3 of a document clause 2 dates written with its date, up to the
    参考文献 (whose entries are written as GB/T 7714 has them)."""
    dated = dated_designations(blocks)
    pattern = _citing(dated)
    if pattern is None:
        return blocks
    start = next(i for i, b in enumerate(blocks) if b.anchor == "clause-3")
    out = list(blocks)
    for i in range(start, len(out)):
        block = out[i]
        if block.anchor == "bibliography":
            break
        text, rows = _dated_text(block.text, pattern, dated), tuple(
            tuple(_dated_text(cell, pattern, dated) for cell in row) for row in block.rows)
        title = _dated_text(block.title, pattern, dated)
        if (text, rows, title) != (block.text, block.rows, block.title):
            out[i] = replace(block, text=text, rows=rows, title=title)
    return out
