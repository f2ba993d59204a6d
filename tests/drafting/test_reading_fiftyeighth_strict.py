"""The fifty-eighth reading, part h116-strict (docs/drafting.md, "Fifty-eighth reading, part h116-strict"): annex A
gives 205 thresholds a strictest value a certification plan may tighten them to (「2000 ms（只可调低，最严 50 ms）」) and
the 编制说明 gave no reason for any of them (row a11). Each test reads the values from the rendered annex A, so it
covers every row of the kind, and fails on the documents as they were before (8de1ae535)."""

from __future__ import annotations

import math
import re

#: a row of annex A's tables of test parameters with a strictest value: the parameter, its value, the direction
#: and the strictest value, each number with its unit
_ROW = re.compile(r"^\| 参数 `(?P<name>[a-z0-9_]+)` \| .*? \| (?P<value>[^|（]+)（只可调(?P<dir>[低高])，最严 (?P<end>[^）]+)）")
_NUMBER = re.compile(r"^(?P<n>\d(?:[\d  .]*\d)?)(?: × 10(?P<exp>[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+))?\s*(?P<unit>.*)$")
_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def _number(text: str) -> tuple[float, str]:
    """A printed number (「10 000 000 B」, 「1 × 10⁻⁵」) and its unit."""
    match = _NUMBER.match(text.strip())
    assert match, text
    value = float(re.sub(r"[  ]", "", match.group("n")))
    if match.group("exp"):
        value *= 10.0 ** int(match.group("exp").translate(_SUPERSCRIPT))
    return value, match.group("unit").strip()


def _strictest(spec: str) -> list[tuple[str, str, str, str, str]]:
    """(A.n, parameter, value as printed, strictest value as printed, direction) for each row of annex A."""
    rows, clause = [], ""
    annex_a = spec[spec.index("\n## 附录 A（规范性）"):spec.index("\n## 附录 B（资料性）")]
    for line in annex_a.splitlines():
        heading = re.match(r"^#+ (A\.\d+) ", line)
        if heading:
            clause = heading.group(1)
        match = _ROW.match(line)
        if match:
            rows.append((clause, match["name"], match["value"].strip(), match["end"].strip(), match["dir"]))
    return rows


def _power_of_ten(value: float) -> bool:
    return value > 0 and math.isclose(10.0 ** round(math.log10(value)), value)


def _group(direction: str, value: str, end: str) -> str:
    """The group the 编制说明's table states a strictest value is in, recomputed from the printed numbers."""
    default, unit = _number(value)
    strict, _ = _number(end)
    lower = direction == "低"
    if (lower and strict == 0) or (not lower and strict == 1 and not unit and default <= 1):
        return "理想值"
    if lower and strict == 1:
        return "一个单位"
    if lower and strict > 0 and any(math.isclose(default / k, strict) for k in (2, 5, 10, 20, 50, 100, 200)):
        return "规定值的几分之一"
    if not lower and default > 0 and _power_of_ten(strict / default):
        return "规定值的十的整数次幂倍"
    return "十的整数次幂" if _power_of_ten(strict) else ""


def _table_after(note: str, intro: str, skip: int = 0) -> list[list[str]]:
    """The body rows of the ``skip``-th table after the paragraph starting with ``intro`` (before the next heading)."""
    tables: list[list[list[str]]] = []
    previous = ""
    for line in note[note.index(intro):].splitlines()[1:]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append([cell.strip() for cell in line.strip("|").split(" | ")])
        previous = line
    return tables[skip][2:]


_INTRO = "附录 A 各测试参数表对可改严的阈值注明的“最严”值"


def test_a11_every_strictest_value_is_in_a_group_or_has_its_reason(zh_markdown, note_md):
    """Every strictest value of annex A is either in a group of the 编制说明's table whose rule this test recomputes
    from the printed numbers (the counts agree), or a row of the table after it, with its clause, its value, its
    strictest value and a reason; the paragraph states the total."""
    rows = _strictest(zh_markdown)
    assert len(rows) > 150, len(rows)
    assert _INTRO in note_md, "三（三） says nothing of annex A's strictest values"
    assert f"（共 {len(rows)} 个）" in note_md
    groups = {cells[0].split("：")[0]: int(cells[1]) for cells in _table_after(note_md, _INTRO)}
    counted: dict[str, int] = dict.fromkeys(groups, 0)
    reasons = {}
    for cells in _table_after(note_md, _INTRO, 1):
        clauses, name, value, end, reason = cells
        for clause in clauses.split("、"):
            reasons[(clause, name.strip("`"))] = (value, end, reason)
    unexplained = []
    for clause, name, value, end, direction in rows:
        # a value with a reason of its own is in the table of reasons even where a group's rule also fits it (sixtieth
        # reading, part h120-strict: twice its instrument's permitted uncertainty, as 10 ms of 20 ms)
        kind = "" if (clause, name) in reasons else _group(direction, value, end)
        if kind:
            counted[kind] += 1
            continue
        counted["其余"] = counted.get("其余", 0) + 1
        given = reasons.get((clause, name))
        if given is None or given[:2] != (value, end) or len(given[2]) < 15:
            unexplained.append(f"{clause} {name} {value} → {end}: {given}")
    assert not unexplained, unexplained
    assert counted == groups, (counted, groups)
    assert "尚无理由" not in note_md


def test_a11_the_english_note_gives_the_same_reasons(note_md_en):
    """The English note states the groups and gives a reason in every row of the strictest values in no group."""
    intro = "The strictest values annex A's tables of test parameters give"
    assert intro in note_md_en
    rows = _table_after(note_md_en, intro, 1)
    assert rows and all(len(cells[4]) > 15 for cells in rows), rows
    assert "have no reason yet" not in note_md_en
