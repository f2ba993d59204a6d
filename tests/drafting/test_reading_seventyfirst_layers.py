"""The seventy-first reading of issue 76, part h135-layers.

b1 (K7): AS-AIGC-014's and AS-AIGC-015's steps say a file whose ISO-BMFF container boxes nest more than 16 层 is no MP4
file, its metadata unreadable (「规则 R3 不满足」, 「规则 R2 不满足」): 16 decides a 不通过 but stood in neither case's 三（三）
row. The extractor (``limitnumbers``) had no 「层」 count word and read a step clause as deciding only with 「规则 R\\d+
不通过」. It reads both now; the notes give 16's reason (ISO/IEC 14496-12's containers nest at most 5 deep, 16 is this
document's margin), and the steps name the deepest nesting, `moov/trak/mdia/minf/stbl`, instead of counting its
levels, so the 5 is no limit (both 1.x patch steps).

Each test fails on the branch's base (6845f58ac)."""

from __future__ import annotations

import re

from conformance.drafting.explanatory_data import LIMIT
from conformance.drafting.limitnumbers import COUNT, clauses
from conformance.drafting.wording import unit_symbols
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: a number of levels, 「16 层」
_LAYERS = re.compile(r"(?<![\w.])(\d+) ?层")
#: a step clause deciding a verdict by a rule not met
_NOT_MET = re.compile(r"规则 R\d+ 不满足")


def _limit_rows(note_md: str) -> dict[str, str]:
    """Each requirement's limits cell of 三（三）, by its ID written with ASCII hyphens."""
    section = note_md[note_md.index("（三）各项限值的确定依据"):]
    section = section[:section.index("\n#", 1)] if "\n#" in section[1:] else section
    out = {}
    for line in section.splitlines():
        cells = line.split(" | ")
        if line.startswith("| ") and len(cells) >= 3 and re.fullmatch(r"[A-Z]{2}\S+\d{3}", rid := cells[0][2:]):
            out[rid.replace("\u2011", "-")] = cells[1]
    return out


def _row_cells(note_md: str, rid: str) -> list[str]:
    line = next(line for line in note_md.splitlines() if line.startswith(f"| {rid.replace('-', chr(0x2011))} | "))
    return line.split(" | ")


def _numbers(clause: str) -> set[str]:
    """The numbers with a unit or a count word a clause gives, as the limits cell writes them."""
    return {unit_symbols(m.group(0)).replace("\u2009", " ") for pattern in (LIMIT, COUNT) for m in pattern.finditer(clause)}


def test_every_level_count_and_every_unmet_rule_s_number_stands_in_its_row(zh_markdown, note_md):
    rows = _limit_rows(note_md)
    missing = []
    for rid, case in _cases(zh_markdown).items():
        wanted = {f"{m.group(1)} 层" for m in _LAYERS.finditer(case)}
        for step in _row(case, "测试步骤").split("<br>"):
            for clause in clauses(re.sub(r"^\d+\. ", "", step)):
                if _NOT_MET.search(clause) and "读取界限" not in clause:
                    wanted |= _numbers(re.sub(r"ISO/IEC [\d-]+:\d{4}|GB(?:/T)? [\d.]+—\d{4}", "", clause))
        cell = unit_symbols(rows.get(rid, ""))
        missing += [(rid, number) for number in sorted(wanted) if number not in cell]
    assert not missing, missing


def test_the_nesting_rows_give_16_levels_and_its_reason(note_md, note_md_en):
    for rid in ("AS-AIGC-014", "AS-AIGC-015"):
        cells = _row_cells(note_md, rid)
        assert "16 层" in cells[1].split("，") and "5 层" not in cells[1], cells[1]
        assert "16 层为本文件自定" in cells[2] and "`moov/trak/mdia/minf/stbl`" in cells[2], cells[2]
        assert "未写明" not in cells[2], cells[2]
        en = _row_cells(note_md_en, rid)
        assert "16 levels" in en[1] and "The 16 levels of container nesting are this document's own figure" in en[2], en


def test_the_steps_name_the_deepest_nesting_not_a_count(zh_markdown, en_markdown):
    for rid in ("AS-AIGC-014", "AS-AIGC-015"):
        zh, en = _row(_cases(zh_markdown)[rid], "测试步骤"), _row(_cases(en_markdown)[rid], "Test procedure")
        assert "最深的一路嵌套为 `moov/trak/mdia/minf/stbl`；16 层的理由见附注" in zh and "5 层" not in zh, rid
        assert "the deepest nesting of these containers is `moov/trak/mdia/minf/stbl`" in en and "5 deep" not in en, rid


def test_the_extractor_reads_levels_and_an_unmet_rule():
    from conformance.drafting.limitnumbers import _DECIDES_WHAT

    assert [m.group(0) for m in COUNT.finditer("嵌套超过 16 层的文件")] == ["16 层"]
    assert _DECIDES_WHAT.search("其元数据记为无法读取（规则 R3 不满足）")
