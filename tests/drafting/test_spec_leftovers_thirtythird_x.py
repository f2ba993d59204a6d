"""The leftovers of the thirty-third reading of issue 76, part x (docs/drafting.md, "Leftovers of the thirty-third
reading, part x"): annex D's and E's tables and legends. Table D.4's `method` gives `key` as an example in English too
(row b3); a schema that is a oneOf at its top says in a first row that a message is exactly one of its forms (b4);
annex E's legend defines only the notations its tables print (b5); E.4 states what `t` is once, in its table (b6).
Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

import pytest


def _annex(markdown: str, start: str, end: str) -> str:
    return markdown[markdown.index(start):markdown.index(end)]


def test_the_english_method_parameter_gives_key_as_an_example(zh_markdown, en_markdown):
    """Row b3: 「（如 `key`）」 read in English "(`key`)", as though `key` were the only method."""
    assert "所注册 DID 的 DID 方法（如 `key`）" in zh_markdown
    assert "The DID method of the DID to register (such as `key`)" in en_markdown
    assert "register (`key`)" not in en_markdown


@pytest.mark.parametrize(("title", "forms"), [("`interfaces/session-message.json`", 4),
                                               ("`proveKeyControl` (成功响应|successful)", 2),
                                               ("`terminal/runtime-message.json`", 2)])
def test_a_message_is_exactly_one_of_its_forms(zh_markdown, en_markdown, title, forms):
    """Row b4: the tables of a schema that is a oneOf at its top listed 〔1〕.… to 〔n〕.… and no row said that a
    message is exactly one of them."""
    for markdown, whole, said in ((zh_markdown, "（对象本身）", f"符合 {forms} 种形式之一：〔1〕"),
                                  (en_markdown, "(the object itself)", f"exactly one of {forms} forms: 〔1〕")):
        caption = re.search(rf"^(表|Table) (D\.\d+)(　| — Members of (the )?){title}.*$", markdown, re.M)
        assert caption, title
        rows = markdown[caption.end():].split("\n\n", 2)[1].split("\n")
        assert rows[2].startswith(f"| {whole} |") and said in rows[2], rows[2]
    legend = _annex(zh_markdown, "#### D.5.1 ", "#### D.5.2 ")
    assert "“符合 *n* 种形式之一”表示恰符合其中一种" in legend


def _legend_e(markdown: str) -> str:
    return _annex(markdown, "### E.1 ", "### E.2 ")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_annex_es_legend_defines_only_what_its_tables_print(zh_markdown, en_markdown, lang):
    """Row b5: E.1 copied D.5.1's whole legend, seven notations of which (「时类型为」, 「为 `array` 时」, 「出现时」,
    「不应出现」, 「以 `base64` 编码」, 「成员名称匹配」, 「的第 1 个元素为」) no table of annex E prints."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    legend = _legend_e(markdown)
    # every table of annex E (forty-first reading, part h94-fmt: the manifest's tables after E.8 print 「成员名称匹配」)
    tables = markdown[markdown.index("### E.2 "):]
    tables = tables[:tables.index("\n## ")]
    # what a cell prints, and how the legend quotes it
    marks = ({"时类型为": "时类型为……”", "为 `array` 时": "“为 `array` 时", "出现时": "“……出现时”",
              "不应出现": "“不应出现”", "以 `base64` 编码": "“以 `base64` 编码”", "成员名称匹配": "“成员名称匹配",
              "的第 1 个元素为": "的第 1 个元素为……”", "时是，否则否": "时是，否则否”", "含取值为": "“含取值为"}
             if lang == "zh" else
             {"of type ": '"of type', "when `array`": '"when `array`', "is present": 'when … is present"',
              "shall be absent": '"Shall be absent"', "encoded as": '"Encoded as', "member names match": '"Member names',
              "item 1 of": '"item 1 of', "; otherwise no": '; otherwise no"', "contains an item": '"Contains an item'})
    cells = "\n".join("|".join(line.split("|")[3:5]) for line in tables.split("\n") if line.startswith("| `"))
    for mark, quoted in marks.items():
        assert (quoted in legend) == (mark in cells), mark
    assert ("不应出现" if lang == "zh" else "hall be absent") in _annex(markdown, "#### D.5.1 ", "#### D.5.2 ")


def test_e4_states_what_t_is_once(zh_markdown, en_markdown):
    """Row b6: the meaning, unit and clock of `t` were stated before table E.3, in its row `t` and after it, in three
    wordings; the table's row states them, the two paragraphs refer to it."""
    for markdown, unit in ((zh_markdown, "以 ns 计"), (en_markdown, "ns")):
        clause = _annex(markdown, "### E.4 ", "### E.5 ")
        rows = [line for line in clause.split("\n") if line.startswith("| `t` |")]
        assert len(rows) == 1 and unit in rows[0] and "XrTime" in rows[0]
        prose = [line for line in clause.split("\n") if line and not line.startswith("|") and not line.startswith("#")
                 and not line.startswith(("表 ", "Table "))]
        assert prose and all(not any(said in line for said in ("XrTime", "以 ns 计", "in ns", "nanosecond"))
                             for line in prose), prose
    assert "`t` 的含义、单位与时钟见成员表中 `t` 的说明" in zh_markdown
