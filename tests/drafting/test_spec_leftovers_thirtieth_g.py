"""The leftovers of the thirtieth reading of issue 76, part g (docs/drafting.md, "Leftovers of the thirtieth
reading, part g"): annexes D and E's member tables. A condition names its member by the full path (row b7); a
schema with its own table is printed once (b8); "string or null" is said one way (b9); the legend defines the
conditional 必需 values (b10); the English marks as code what the Chinese marks (b12); no bare "PIPL" (b13); E.2
does not restate the capture file's form (b14). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re


def _annexes_d_e(markdown: str) -> str:
    start = re.search(r"^## (附录 D|Annex D)", markdown, re.M).start()
    end = re.search(r"^## (参考文献|Bibliography)", markdown, re.M).start()
    return markdown[start:end]


def _rows(markdown: str) -> list[str]:
    return [line for line in _annexes_d_e(markdown).split("\n") if line.startswith("|") and not line.startswith("|---")]


def test_a_condition_names_its_member_by_its_full_path(zh_markdown, en_markdown):
    """b7: 「`type` 为 `issue` 时」 in `events[].from` read as the table's top-level `type`."""
    # (the lifecycle event, the example here, has its own table since the thirty-second reading's b6)
    assert re.search(r"\| `sanctions\[\]\.min_period_s` \| `integer` \| `sanctions\[\]\.max_period_s` 出现时是", zh_markdown)
    assert "| `trade` | `object` | `type` 为 `settlement`" in zh_markdown
    # (表 E.1's `streams[]` rows, the example here, refer to 表 E.2 since the thirty-first reading's b11)
    assert "yes when `offers[].type` is `motion_platform`" in en_markdown
    for row in _rows(zh_markdown):
        member = row.split(" | ")[0].strip("| `")
        if "." in member:
            assert not re.search(r"(?<![.\w])`(type|status)` 为 `", row), row


def test_a_schema_with_its_own_table_is_printed_once(zh_markdown, en_markdown):
    """b8: the asset metadata's rows were printed in 表 D.12 and four more tables."""
    assert not re.search(r"^\| `(export\.)?(holdings\[\]\.)?metadata\.", zh_markdown, re.M)
    assert re.search(r"\| `metadata` \| `object` \| 是 \| 符合 `assets/asset-metadata\.json`（见表 D\.\d+） \|", zh_markdown)
    assert "conforms to `assets/asset-metadata.json` (see Table D." in en_markdown


def test_string_or_null_is_said_one_way(zh_markdown, en_markdown):
    """b9: 「符合 2 种形式中的至少一种：〔1〕`string`；〔2〕`null`」 beside type 「`string` / `null`」."""
    for markdown in (zh_markdown, en_markdown):
        assert not re.search(r"〔1〕`[a-z]+`( / `[a-z]+`)*[；;] ?〔2〕`null`", markdown)
    assert "| `capture` | `string` / `null` | 否 | 无 |" in zh_markdown
    assert zh_markdown.count("| `〔2〕.id` | `integer` / `string` / `null` | 是 | 无 |") == 2


def test_the_legend_defines_the_conditional_values(zh_markdown, en_markdown):
    """b10: the legends of D.5.1 and E.1 defined 是, 否 and — only."""
    assert zh_markdown.count("记为“……时是，否则否”的成员在所属对象中所述成员取所列值时应出现") == 2
    # a sentence of its own since the thirty-third reading's part x (annex E's legend keeps what its tables print)
    assert en_markdown.count("A member marked \"yes when … ; otherwise no\" shall be present") == 2


def test_the_english_marks_as_code_what_the_chinese_marks(zh_markdown, en_markdown):
    """b12: 65 rows of annexes D and E lost the Chinese's code marks in the English."""
    zh, en = _rows(zh_markdown), _rows(en_markdown)
    assert len(zh) == len(en)
    missing = [(z, e) for z, e in zip(zh, en)
               if set(re.findall(r"`([^`]+)`", z)) - set(re.findall(r"`([^`]+)`", e))]
    assert missing == []


def test_the_english_names_the_law_in_full(en_markdown):
    """b13: "PIPL art. 45", "PIPL, art. 13": an abbreviation clause 4 does not list."""
    assert "PIPL" not in en_markdown
    assert "(Personal Information Protection Law, Article 45)" in en_markdown


def test_the_header_clause_does_not_restate_the_file_form(zh_markdown, en_markdown):
    """b14: E.2 said 「其后每行一帧」 while E.1 lets blank lines be."""
    assert "其后每行一帧" not in zh_markdown and "then one frame per line" not in en_markdown
    assert "文件头为采集文件的第一行。" in zh_markdown and "The header is a capture file's first line." in en_markdown
