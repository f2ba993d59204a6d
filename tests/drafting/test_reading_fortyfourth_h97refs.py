"""The forty-fourth reading of issue 76, part h97-refs (docs/drafting.md, "Forty-fourth reading leftovers, part
h97-refs"): rows bx3 (GB 45438—2025's sub-clauses and its 5 % known from secondary sources only) and d4 (the GS1
documents' editions unsettled). Neither could be checked against the cited text, so the 编制说明 hands each to the
drafting group in 十三 (其他应予说明的事项). The test is over the whole note: whatever it says is known from secondary
sources or unchecked is named there. It fails on the note as it was before this part."""

from __future__ import annotations

import re

#: a national standard's designation, or GS1's documents, as the note writes them
_DOCUMENT = re.compile(r"GB(?:/T)? \d+(?:\.\d+)?—\d{4}|GS1")
#: a requirement ID at the start of a table row (the render joins its parts with non-breaking hyphens)
_ROW_ID = re.compile(r"^\| ([A-Z]{2}[‑-][A-Z]+[‑-]\d{3}) \|")
#: what the note says of a clause number, value or edition it could not check against the cited document
_UNCHECKED = re.compile(r"二手资料|未能与原文核对|未能确定|未能核对")


def _unchecked_subjects(note_md: str) -> tuple[set[str], str]:
    """Each document (or, where a line names none, the requirement of its row) the note calls unchecked outside
    part 十三, and part 十三's text."""
    subjects: set[str] = set()
    part, heading, other = "", "", []
    for line in note_md.splitlines():
        if line.startswith("## "):
            part, heading = line, ""
        elif line.startswith("### "):
            heading = line
        if part.startswith("## 十三"):
            other.append(line)
            continue
        for mark in _UNCHECKED.finditer(line):
            named = _DOCUMENT.findall(line[:mark.start()]) or _DOCUMENT.findall(heading)
            row = _ROW_ID.match(line)
            assert named or row, f"an unchecked citation naming no document: {line[:mark.end()][-80:]}"
            subjects.add(named[-1] if named else row.group(1).replace("‑", "-"))
    return subjects, "\n".join(other).replace("‑", "-")


def test_bx3_d4_every_unchecked_citation_is_handed_to_the_drafting_group(note_md):
    """bx3 and d4: 三（三）'s rows AS-AIGC-011/-013/-014 take the 5 % and GB 45438—2025's sub-clauses from secondary
    sources, 三（五） leaves the GS1 documents' editions unsettled; 十三 named neither."""
    subjects, other = _unchecked_subjects(note_md)
    assert {"GB 45438—2025", "GS1"} <= subjects
    assert [s for s in sorted(subjects) if s not in other] == []
    assert "AS-AIGC-011、AS-AIGC-013、AS-AIGC-014 采用该数值" in other


def test_bx3_the_standards_subsection_says_its_5_percent_is_unchecked(note_md):
    """bx3: 八（二十一） stated the 5 % as the standard's, with only the sub-clause numbers called unchecked."""
    section = re.split(r"### （[一二三四五六七八九十]+）GB 45438—2025", note_md, maxsplit=1)[1].split("\n### ", 1)[0]
    assert "不低于画面最短边的 5%，以及视频显式标识的其他要求，同样只见于公开译本与二手资料，未能与原文核对（见十三）" in section
