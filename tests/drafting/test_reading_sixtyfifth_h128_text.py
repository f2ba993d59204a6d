"""The sixty-fifth reading of issue 76, part h128-text: a reading bound's every quantity in its row of 三（三）, one
defined name for OpenXR's stage reference space, and 未执行's causes the same in 3.x and 6.1.

a1 (read65a): AS-AIGC-015's row of 三（三） listed 「10 ms，0.5，1 800 s」 but not the 256 MiB of the same reading
bound 「生成音频的解码量」 its 不确定 line cites: ``readingbounds.named_bounds`` took a bound's first quantity alone.
c1 (read65c): 「舞台空间」 was used in 41 lines and defined nowhere, and TD-AUD-001, TD-AUD-003, TD-POSE-002 and E.3
called the same space 「`stage` 空间」 after its member value. d1 (read65a, doubtful): 3.x defined 未执行 by a fault
of the test equipment or an interrupted test, while 6.1 also counts a program the case needs missing from the
equipment (which AS-AIGC-014 and -015 rely on), and the 编制说明's tables glossed 未执行 as 「测试设备故障」 over a
case not run for want of its validator. Each test fails on the branch's base (b782f57ca)."""

from __future__ import annotations

import re

from conformance._catalog.catalog import Catalog
from conformance.drafting.limitnumbers import deciding_text
from conformance.drafting.writer import Block, Writer, load_data, normative
from tests.drafting.blocks import limit_rows, section

# a1 ---------------------------------------------------------------------------------------------------------------

#: a quantity of a bound's value: a number, with its unit where it has a unit symbol (「1 800 s」, 「256 MiB」, 「2⁵³」)
_QUANTITY = re.compile(r"(?<![\d.])(\d{1,3}(?: \d{3})+|\d+)([⁰¹²³⁴⁵⁶⁷⁸⁹]*)(?: ?(MiB|GiB|KiB|ms|s|B|m)\b)?")
#: a bracket restating the quantity before it, 「256 MiB（268 435 456 B）」, or naming a parameter
_BRACKET = re.compile(r"（[^）]*）|\s?\([^)]*\)")


def _quantities(value: str) -> list[str]:
    return [f"{m.group(1)}{m.group(2)}" + (f" {m.group(3)}" if m.group(3) else "")
            for m in _QUANTITY.finditer(_BRACKET.sub("", value))]


def _bounds_table(blocks: list[Block], header: tuple[str, str]) -> dict[str, str]:
    """5.1's table of reading bounds (four columns: bound, value, test cases, past the bound): value by bound."""
    table = next(b for b in blocks if b.kind == "table" and b.rows and b.rows[0][:2] == header and len(b.rows[0]) == 4)
    return {row[0].replace("\u2011", "-"): row[1] for row in table.rows[1:]}


def _stands_in(quantity: str, cell: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(quantity)}(?!\d)", cell.replace("\u2011", "-")) is not None


def test_a1_every_quantity_of_a_cited_bound_stands_in_the_citing_requirements_row(catalog: Catalog, zh, en, note,
                                                                                   note_en):
    """Class: for every normative requirement whose statement, rules or 判定准则 cite a 5.1 reading bound by name, every
    quantity of that bound's value in 5.1's table stands in the requirement's row of 三（三）, in both languages."""
    w = Writer(catalog, "zh")
    values_zh, values_en = _bounds_table(zh, ("读取界限", "数值")), _bounds_table(en, ("Reading bound", "Value"))
    names_en = dict(zip(values_zh, values_en, strict=True))  # the tables list the bounds in one order
    rows_zh, rows_en = limit_rows(note), limit_rows(note_en)
    cited = {r.id: set(re.findall(r"读取界限“([^”]+)”", deciding_text(w, r)))
             for r in catalog.requirements.values() if normative(r)}
    cited = {rid: names for rid, names in cited.items() if names}
    assert "AS-AIGC-015" in cited and len(cited) > 5, cited
    missing = []
    for rid, names in cited.items():
        for name in names:
            missing += [(rid, q) for q in _quantities(values_zh[name]) if not _stands_in(q, rows_zh[rid][0])]
            missing += [(rid, q) for q in _quantities(values_en[names_en[name]]) if not _stands_in(q, rows_en[rid][0])]
    assert not missing
    assert _quantities(values_zh["生成音频的解码量"]) == ["1 800 s", "256 MiB"]


def test_a1_the_pointer_names_each_bound_quantity(note):
    """The row's pointer to the bounds table names 256 MiB beside 1 800 s."""
    limits, basis = limit_rows(note)["AS-AIGC-015"]
    assert limits.endswith("1 800 s，256 MiB")
    assert "1 800 s、256 MiB 为 5.1 所列测试设备的读取界限" in basis


# c1 ---------------------------------------------------------------------------------------------------------------

#: another name for OpenXR's stage reference space than clause 3's 「舞台空间」
_OTHER_NAME = re.compile(r"`?stage`?\s*(?:参考)?空间|STAGE\s*(?:参考)?空间|场地空间|舞台参考空间")


def test_c1_the_stage_space_is_a_clause_3_term_with_its_source(catalog: Catalog, zh_markdown, en_markdown):
    terms = {t["zh"]: t for t in load_data(catalog).terms}
    assert terms["舞台空间"]["en"] == "stage space"
    entry = re.search(r"^### (3\.\d+)\n\n舞台空间  stage space\n\n(.+)\n\n注：(.+)\n\n\[来源：(.+)\]$",
                      zh_markdown, re.M)
    assert entry, "no clause 3 entry 舞台空间"
    assert "OpenXR 参考空间" in entry.group(2) and "`stage`" in entry.group(3)
    assert entry.group(4) == "OpenXR Specification 1.1（2024-04-15），7.1.3，有修改"
    assert re.search(r"^stage space\n\n.+\n\nNote 1 to entry: .+`stage`.+\n\n"
                     r"\[Source: OpenXR Specification 1\.1 \(2024-04-15\), 7\.1\.3, modified\]$", en_markdown, re.M)


def test_c1_every_mention_of_the_space_uses_the_term(zh_markdown, en_markdown, note_md):
    """Class: the draft and the 编制说明 call the space 舞台空间 throughout, never after its member value
    「`stage` 空间」 (nor 场地空间, the name the twenty-fourth reading merged into it); the English says stage space,
    not `stage` space."""
    assert not [m.group(0) for text in (zh_markdown, note_md) for m in _OTHER_NAME.finditer(text)]
    assert "`stage` space" not in en_markdown
    assert zh_markdown.count("舞台空间") > 40


def test_c1_the_member_value_is_given_only_where_a_format_needs_it(zh_markdown):
    """TD-AUD-001, TD-AUD-003, TD-POSE-002 and E.3's `space` row name the space by the term; the value `stage` stands
    only as the value a member takes (「`space` 取值 `stage`」), TD-POSE-002's once."""
    cases = {rid: section(zh_markdown, 3, rf"\d+\.\d+ {rid} ") for rid in ("TD-AUD-001", "TD-AUD-003", "TD-POSE-002")}
    for rid, text in cases.items():
        assert "舞台空间" in text, rid
        assert text.count("`stage`") == len(re.findall(r"取值为? `stage`", text)), rid
    assert cases["TD-POSE-002"].count("`stage`") == 1
    space_row = next(line for line in zh_markdown.splitlines() if line.startswith("| `space` | `string` |"))
    assert "`stage` 为舞台空间" in space_row and "位于舞台空间" in space_row


# d1 ---------------------------------------------------------------------------------------------------------------

#: the causes of 未执行, in the words 3.x and 6.1 both use: a program the case needs missing, a fault, an interruption
CAUSES_ZH = ("缺少", "所需的程序", "故障", "测试中断")
CAUSES_EN = ("lack", "program", "fail", "interrupted")


def test_d1_the_definition_and_6_1_name_the_same_causes_of_not_run(zh_markdown, en_markdown):
    definition = re.search(r"^未执行  not run\n\n(.+)$", zh_markdown, re.M)
    clause = re.search(r"[^。]*记为未执行。", section(zh_markdown, 3, r"6\.1 判定结果"))
    assert definition and clause
    assert [c for c in CAUSES_ZH if c not in definition.group(1) or c not in clause.group(0)] == []
    definition_en = re.search(r"^not run\n\n(.+)$", en_markdown, re.M)
    clause_en = re.search(r"[^.]*is recorded as not run\.", section(en_markdown, 3, r"6\.1 Verdicts"))
    assert definition_en and clause_en
    assert [c for c in CAUSES_EN if c not in definition_en.group(1) or c not in clause_en.group(0)] == []


def test_d1_the_note_and_clause_16_name_not_run_without_a_narrower_cause(zh_markdown, note, note_md):
    """The 编制说明's tables head the column 未执行 (a case not run for want of its validator stands there), its
    self-check refuses any case not run, and clause 16's report gives the cases not run with their reasons."""
    headers = [cell for b in note if b.kind == "table" and b.rows for cell in b.rows[0] if cell.startswith("未执行")]
    assert len(headers) >= 2 and set(headers) == {"未执行"}, headers
    assert "测试设备故障" not in note_md and "测试设备故障" not in zh_markdown
    assert "没有不通过的判定，也没有未执行的测试用例" in note_md
    assert "未执行的测试用例及其原因" in section(zh_markdown, 2, "16 ")
