"""The leftovers of the thirty-fourth reading of issue 76, part x (docs/drafting.md, "Leftovers of the
thirty-fourth reading, part x"): annex D's member tables. A schema that requires a member it gives no schema of its
own printed 「不限定成员」 (row b3); two forms of a oneOf summarised alike said nothing telling them apart (b4); the
legend did not say what 「—」 means under 「类型」 (b5). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

import pytest


def _rows(markdown: str, title: str) -> list[str]:
    """The body rows of the member table whose caption names ``title``."""
    caption = re.search(rf"^(表|Table) (D\.\d+)(　| — Members of (the )?){title}.*$", markdown, re.M)
    assert caption, title
    return markdown[caption.end():].split("\n\n", 2)[1].split("\n")[2:]


@pytest.mark.parametrize("title", [r"`publishScene` (请求体（|request body \()`model/gltf\+json`",
                                   r"`readScene` (成功响应|successful response)"])
def test_a_gltf_documents_table_gives_its_object_and_required_asset(zh_markdown, en_markdown, title):
    """Row b3: `{"type": "object", "required": ["asset"]}` printed one row 「— | — | — | 不限定成员」."""
    for markdown, whole, required in ((zh_markdown, "| （对象本身） | `object` | — | 不封闭 |",
                                       "| `asset` | — | 是 | 无 |"),
                                      (en_markdown, "| (the object itself) | `object` | — | not closed |",
                                       "| `asset` | — | yes | none |")):
        rows = _rows(markdown, title)
        assert rows[:2] == [whole, required], rows
    # annex D's member tables: annex E's URDF table (part h95-urdf) writes an element's own row with "—" for
    # its attribute and value, as it means to
    for markdown, d, e in ((zh_markdown, "\n## 附录 D", "\n## 附录 E"), (en_markdown, "\n## Annex D", "\n## Annex E")):
        assert "| — | — | — |" not in markdown[markdown.index(d):markdown.index(e)]


def test_a_session_messages_alike_forms_say_their_method(zh_markdown, en_markdown):
    """Row b4: forms 〔3〕 and 〔4〕 of 表 D.38 both read 「`object`，带有 `jsonrpc`、`method` 与 `params`」."""
    zh, en = (_rows(markdown, "`interfaces/session-message.json`")[0] for markdown in (zh_markdown, en_markdown))
    assert "〔3〕`object`，带有 `jsonrpc`、`method` 与 `params`，`method` 为 `session.state`；" in zh
    assert zh.endswith("〔4〕`object`，带有 `jsonrpc`、`method` 与 `params`，"
                       "`method` 为 `session.joined` 或 `session.left` |")
    assert "〔3〕`object`, has `jsonrpc`, `method` and `params`, `method` is `session.state`; " in en
    assert en.endswith("〔4〕`object`, has `jsonrpc`, `method` and `params`, `method` is `session.joined` or "
                       "`session.left` |")
    # every oneOf / anyOf summary of the draft tells its forms apart
    for markdown in (zh_markdown, en_markdown):
        summaries = markdown.replace("：", ": ")
        for forms in re.findall(r"(?:形式之一|形式中的至少一种|of \d+ forms): (.*?) \|", summaries):
            said = re.split(r"[；;] ?〔\d+〕", "；" + forms)[1:]
            assert len(said) == len(set(said)), forms


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_legends_define_a_dash_under_type_where_a_table_prints_it(zh_markdown, en_markdown, lang):
    """Row b5: tables D.8, D.10, D.14, D.38, D.99 print 「—」 under 「类型」 and D.5.1 explained 「—」 under 「必需」
    only; each legend (D.5.1, E.1) says it exactly where its tables print it."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    sentence = ("“类型”栏记为“—”的成员" if lang == "zh" else 'A member marked "—" under "Type"')
    member = ("成员记为“—”" if lang == "zh" else 'marked "—" under "Member"')
    for start, end, tables in (("#### D.5.1 ", "#### D.5.2 ", ("#### D.5.2 ", "### D.6 ")),
                               ("### E.1 ", "### E.2 ", ("### E.2 ", "### E.8 "))):
        legend = markdown[markdown.index(start):markdown.index(end)]
        body = markdown[markdown.index(tables[0]):markdown.index(tables[1])]
        rows = [line.split(" | ") for line in body.split("\n")
                if line.startswith("| ") and not line.startswith("| 成员")]
        typed = any(len(cells) > 2 and cells[0] != "| —" and cells[1] == "—" for cells in rows)
        assert (sentence in legend) == typed, start
        assert (member in legend) == any(cells[0] == "| —" for cells in rows), start
    assert sentence in markdown[markdown.index("#### D.5.1 "):markdown.index("#### D.5.2 ")]
