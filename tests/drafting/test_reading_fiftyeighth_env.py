"""The fifty-eighth reading, part h114-env (docs/drafting.md, "Fifty-eighth reading, part h114-env"): the numbers of
the test environment (clause 5's tables and the test cases' 「测试环境」 lines: (23 ± 5) ℃, 25% to 75%, (25 ± 2) ℃,
1 lx, 200 lx to 500 lx, the background-noise margins; rows a9 and d3) and the clocks of the cases that judge time
(within 1 s of UTC, 1 ms resolution; row a10) had no source or reason in the 编制说明. Each test fails on the
documents as they were before (b894c882)."""

from __future__ import annotations

import re

#: a number of an environment condition as the zh draft writes it: a temperature with its tolerance, a percentage
#: range, or a quantity in one of the units the conditions use
_NUMBER = re.compile(r"\(\d+ ± \d+\) ℃|\d+% 至 \d+%|\d+(?:\.\d+)? (?:lx|dB|ms|s|μmol/mol)(?![A-Za-z/])")


def _environment_table(note: str, intro: str) -> list[list[str]]:
    """The rows (cells) of the table that follows the paragraph starting with ``intro``, header left out."""
    start = note.index(intro)
    lines = note[start:].splitlines()[2:]
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


_ZH_INTRO = "第 5 章各表的校准与环境条件及各测试用例前置条件中“测试环境”所给的数值"


def _clause_5_rows(spec: str, label: str) -> dict[str, str]:
    """Clause 5.n's table row ``label`` (「环境条件」, 「校准」) by subclause number."""
    out = {}
    for match in re.finditer(r"^### (5\.\d+) ", spec, re.M):
        end = spec.find("\n### ", match.end())
        for line in spec[match.end():end].splitlines():
            if line.startswith(f"| {label} |"):
                out[match.group(1)] = line
    return out


def _environment_numbers(spec: str) -> dict[str, set[str]]:
    """Every number of an environment condition the zh draft states: in table 9's 「环境条件」, in the test cases'
    「测试环境：」 lines, and in the clock sentences of clause 5's 「校准」 rows; each with where it stands."""
    found: dict[str, set[str]] = {}
    texts = [("5.9 环境条件", _clause_5_rows(spec, "环境条件")["5.9"])]
    texts += [(f"测试环境 l.{n}", m) for n, line in enumerate(spec.splitlines(), 1)
              for m in re.findall(r"测试环境：[^<|]*", line)]
    for clause, row in _clause_5_rows(spec, "校准").items():
        texts += [(f"{clause} 校准", s) for s in re.split(r"[。；]", row) if "时钟" in s]
    for where, text in texts:
        for number in _NUMBER.findall(text):
            found.setdefault(number, set()).add(where)
    return found


def test_a9_d3_every_environment_number_has_its_basis_in_the_note(zh_markdown, note_md):
    """Every distinct number of table 9's ambient conditions, of the test cases' 「测试环境」 lines and of clause 5's
    clock sentences is the value of a row of the 编制说明's environment table in 三（三）, whose basis names a standard
    (dated) or says it is this document's own with a reason."""
    numbers = _environment_numbers(zh_markdown)
    assert {"(23 ± 5) ℃", "(25 ± 2) ℃", "25% 至 75%", "1 lx", "200 lx", "500 lx", "30 dB", "40 dB", "1 ms"} <= set(numbers)
    section = note_md[note_md.index("### （三）各项限值的确定依据"):note_md.index("### （四）")]
    rows = _environment_table(section, _ZH_INTRO)
    assert rows
    missing = {}
    for number, where in numbers.items():
        holding = [row for row in rows if number in row[1]]
        if not holding:
            missing[number] = sorted(where)
            continue
        for row in holding:
            basis = row[3]
            dated = re.search(r"(?:IEC|ISO)[ /][\d-]+(?:-\d+)*:\d{4}", basis)
            own = re.search(r"本文件自定[：。].{20,}", basis)
            assert dated or own, row
    assert not missing, missing


def test_a9_the_sources_cited_are_dated_and_the_own_numbers_say_why(note_md):
    """The humidity range and the two ambient temperatures name the standard each is taken from, with its edition;
    the rows this document sets say so."""
    section = note_md[note_md.index("### （三）各项限值的确定依据"):note_md.index("### （四）")]
    rows = {row[1]: row[3] for row in _environment_table(section, _ZH_INTRO)}
    assert "IEC 60068-1:1988" in rows["25% 至 75%"]
    assert "ISO 554:1976" in rows["(23 ± 5) ℃"] and "± 5 ℃ 为本文件自定" in rows["(23 ± 5) ℃"]
    assert "IEC 62368-1:2023" in rows["(25 ± 2) ℃"] and "± 2 ℃ 为本文件自定" in rows["(25 ± 2) ℃"]
    assert rows["不大于 1 lx"].startswith("本文件自定")


def test_a10_the_clock_rows_name_every_clause_and_the_window_they_serve(zh_markdown, note_md):
    """Each subclause of clause 5 whose 「校准」 row bounds the clock's offset from UTC, or its resolution, is named in
    the note's row for that bound, and the reason names what the bound is measured against: the 2 s clock difference
    `clock_skew_s` allows, and the strictest response-time value (20 ms) a plan can set."""
    calibration = _clause_5_rows(zh_markdown, "校准")
    utc = {c for c, row in calibration.items() if "协调世界时" in row and "1 s" in row}
    resolution = {c for c, row in calibration.items() if "分辨力不大于 1 ms" in row}
    assert utc >= {"5.2", "5.5", "5.6", "5.8"} and resolution >= {"5.6", "5.8"}
    section = note_md[note_md.index("### （三）各项限值的确定依据"):note_md.index("### （四）")]
    rows = {row[1]: row for row in _environment_table(section, _ZH_INTRO)}
    assert set(rows["不大于 1 s"][2].split("、")) == utc
    assert set(rows["不大于 1 ms"][2].split("、")) == resolution
    assert "`clock_skew_s`" in rows["不大于 1 s"][3] and "2 s" in rows["不大于 1 s"][3]
    assert "20 ms" in rows["不大于 1 ms"][3] and "`session_latency_p95_ms`" in rows["不大于 1 ms"][3]


def test_the_english_note_carries_the_same_table(note_md, note_md_en):
    """The English note has the table too, a row for each Chinese row."""
    zh = _environment_table(note_md, _ZH_INTRO)
    en = _environment_table(note_md_en, "The numbers of the calibration and ambient conditions in clause 5's tables")
    assert len(en) == len(zh) and all(len(row) == 4 for row in en)
    assert any(row[1] == "(23 ± 5) °C" for row in en)
