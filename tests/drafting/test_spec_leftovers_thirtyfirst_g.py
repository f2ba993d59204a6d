"""The leftovers of the thirty-first reading of issue 76, part g (docs/drafting.md, "Leftovers of the thirty-first
reading, part g"): annexes D and E. The English paragraphs mark as code what the Chinese marks (row b5); the DID
resolution result's if/then/else is in the 必需 column (b9); a closed schema's own object says so (b10); 表 E.1
refers to 表 E.2 and 表 E.4 (b11); English titles read "Members of the capture file header" (b12); "at least `1`
item" (b13). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re
from collections import Counter

from tests.drafting.test_spec_leftovers_thirtieth_g import _annexes_d_e, _rows


def _paragraphs(markdown: str) -> list[str]:
    return [line for line in _annexes_d_e(markdown).split("\n") if line.strip() and not line.startswith("|")]


def _codes(text: str) -> Counter[str]:
    # counted, not as a set (thirty-second reading b10: a value marked twice in Chinese, once in English); the
    # table cells are compared so in tests/drafting/test_spec_leftovers_thirtysecond_q.py
    return Counter(re.findall(r"`([^`]+)`", text))


def test_the_english_paragraphs_mark_as_code_what_the_chinese_marks(zh_markdown, en_markdown):
    """b5: D.1's `session.state`, E.1's `gzip`, E.2's `XrTime` were plain words in English."""
    zh, en = _paragraphs(zh_markdown), _paragraphs(en_markdown)
    assert len(zh) == len(en)
    assert [(z, e) for z, e in zip(zh, en) if _codes(z) - _codes(e)] == []


def test_the_personalised_row_marks_its_values(en_markdown):
    """b5: the row's description said "false asks for …; true, the default, …" (its constraint cell has both)."""
    row = next(r for r in _rows(en_markdown) if r.startswith("| `personalised` |"))
    assert row.rstrip(" |").endswith("`true`, the default, the personalised items")
    assert "| `false` asks for the option" in row


def test_the_resolution_result_states_its_condition(zh_markdown, en_markdown):
    """b9: `didDocument` and `didResolutionMetadata.contentType` were printed 「否」, though the schema requires them
    when no `didResolutionMetadata.error` is given."""
    assert ("| `didDocument` | — | `didResolutionMetadata.error` 不出现时是，否则否 | `didResolutionMetadata.error` "
            "出现时类型为 `null`；") in zh_markdown
    assert ("| `didResolutionMetadata.contentType` | `string` | `didResolutionMetadata.error` 不出现时是，否则否 |"
            in zh_markdown)
    assert "| `didDocument` | — | yes when `didResolutionMetadata.error` is absent; otherwise no | of type `null` when " \
           "`didResolutionMetadata.error` is present;" in en_markdown
    for markdown, said in ((zh_markdown, "条件为“……出现时”或“……不出现时”的"), (en_markdown, "A condition \"when … is present\"")):
        # D.5.1's legend; not E.1's since the thirty-third reading's part x (no table of annex E prints such a condition)
        assert markdown.count(said) == 1


def test_a_closed_schema_says_its_object_is_closed(zh_markdown, en_markdown):
    """b10: 表 D.19, E.1, E.2 and E.4 gave 「封闭」 only in members' rows, none for the object itself."""
    for title in ("`assets/trade-order.json` 的成员", "采集文件头（`terminal/capture-header.json`）的成员",
                  "（`terminal/capture-header.json#/$defs/stream`）的成员", "设备描述（`terminal/device-descriptor.json`）的成员"):
        table = zh_markdown[zh_markdown.index(title):]
        first = table.split("\n")[4]  # title, blank, head, rule, first row
        assert first.startswith("| （对象本身） | `object` | — | 封闭（另可含名称匹配 `^x-` 的成员） |"), (title, first)
    assert en_markdown.count("| (the object itself) | `object` | — | closed (members whose names match `^x-` allowed "
                             "too) |") >= 4
    assert zh_markdown.count("表的第一行为“（对象本身）”的") == 2
    assert en_markdown.count("A table's first row \"(the object itself)\"") == 2


def test_the_capture_header_refers_to_the_stream_and_descriptor_tables(zh_markdown, en_markdown):
    """b11: 表 E.1 expanded 表 E.2's 611 rows and 表 E.4's 134 rows again."""
    assert not re.search(r"^\| `(device|streams\[\])\.", zh_markdown, re.M)
    assert re.search(r"^\| `device` \| `object` \| 是 \| [^|]*符合 `terminal/device-descriptor\.json`（见表 E\.4） \|",
                     zh_markdown, re.M)
    assert re.search(r"^\| `streams\[\]` \| `object` \| — \| [^|]*符合 `terminal/capture-header\.json#/\$defs/stream`"
                     r"（见表 E\.2） \|", zh_markdown, re.M)
    assert "conforms to `terminal/device-descriptor.json` (see Table E.4)" in en_markdown


def test_english_table_titles_read_as_english(en_markdown):
    """b12: "Members of Capture file header (…)"."""
    assert "Table E.1 — Members of the capture file header (`terminal/capture-header.json`)" in en_markdown
    assert "Table E.3 — Members of the capture frame (`terminal/frame.json`)" in en_markdown
    assert not re.search(r"Members of [A-Z][a-z]", en_markdown.replace("Members of the online community", ""))


def test_one_item_is_singular(en_markdown):
    """b13: "at least `1` items" in 72 cells, "at least `1` members" in 11."""
    assert not re.search(r"(least|most) `1` (items|members)", en_markdown)
    assert "| `values` | `array` | yes | at least `1` item |" in en_markdown
