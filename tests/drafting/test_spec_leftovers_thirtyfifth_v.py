"""The leftovers of the thirty-fifth reading of issue 76, part v (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part v"): the member tables' legends say every case of a first row 「（对象本身）」 (row b3); 编制说明
三（三）'s Chinese cites the sub-clauses and figures its English cites (row b4); the English 编制说明 marks the words
its Chinese marks, in their role, and no function word (row b9). Each test fails on the draft as it was before."""

from __future__ import annotations

import re
from collections import Counter

#: English function words, none of which the English note may set in code type unless its Chinese marks it there
FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
_CODE = re.compile(r"`([^`]+)`")


def test_the_legends_say_every_first_row_the_tables_print(zh_markdown, en_markdown):
    """Row b3: 表 D.32 and D.34 print 「（对象本身） | `object` | — | 不封闭」, while D.5.1 and E.1 allowed only
    "closed" or "one of n forms" there and gave 「—」 under 必需 to elements and `a.*` alone."""
    assert "| （对象本身） | `object` | — | 不封闭 |" in zh_markdown
    assert "| (the object itself) | `object` | — | not closed |" in en_markdown
    zh = [line for line in zh_markdown.splitlines() if "表的第一行为“（对象本身）”的" in line]
    en = [line for line in en_markdown.splitlines() if "first row \"(the object itself)\"" in line]
    assert len(zh) >= 2 and len(en) >= 2  # D.5.1 and E.1
    for line in zh:
        assert "不封闭（除所列成员外还可含其他成员）" in line and "该行不是成员，“必需”栏记为“—”" in line
    for line in en:
        assert "that it is not closed (it may hold members besides those listed)" in line
        assert "that row is no member and is marked \"—\" under \"Required\"" in line


def _limit_rows(markdown: str, heading: str) -> dict[str, str]:
    body = markdown.split(heading, 1)[1]
    body = body.split("\n#", 1)[0]
    return {cells[1].strip().replace("\u2011", "-"): cells[-2] for line in body.splitlines()
            if (cells := line.split("|")) and len(cells) > 3
            and re.fullmatch(r" [A-Z]{2}[-\u2011][A-Z0-9]+[-\u2011]\d{3} ", cells[1])}


_SUBCLAUSE = re.compile(r"(?<![\d.])\d+\.\d+(?:\.\d+)*(?![\d.])")
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s?ms\b")


def test_the_limit_basis_cites_the_same_sections_and_figures(note_md, note_md_en):
    """Row b4: ID-PRIV-001's Chinese cell cited clause 10 where the English cites 10.1; TD-FACE-006's gave no
    +45 ms / -125 ms. Over every row whose cell lists cited documents: the same sub-clause numbers and ms figures."""
    zh = _limit_rows(note_md, "（三）各项限值的确定依据")
    en = _limit_rows(note_md_en, "3.3 The basis of each limit")
    assert zh.keys() == en.keys() and len(zh) > 50
    # ID-PRIV-001's notes give its 18 digits' source since the forty-third reading (part h95-basisN): quoted, not cited
    assert "18 位取自 GB 11643—1999" in zh["ID-PRIV-001"]
    # TD-FACE-006's notes give its figures' sources since the forty-first reading (c21, d23): quoted, not cited
    assert "滞后 45 ms 与超前 125 ms 取自 ITU-R BT.1359-1" in zh["TD-FACE-006"]
    for req, cell in zh.items():
        if cell.strip().startswith("所引文件"):
            assert Counter(_SUBCLAUSE.findall(cell)) == Counter(_SUBCLAUSE.findall(en[req])), req
            assert Counter(_FIGURE.findall(cell)) == Counter(_FIGURE.findall(en[req])), req


def test_the_english_note_marks_the_chinese_marks_in_their_role(note, note_en):
    """Row b9: 8.2 marked "`sensitive` personal information", "`biometrics`", "the user `consents`" and left the
    paths plain; 8.13 marked "a `session` `to` a report". Over the whole English note: no function word in code type,
    and every value the Chinese paragraph marks once is marked in the English paragraph."""
    assert len(note) == len(note_en)
    for z, e in zip(note, note_en):
        for text_zh, text_en in [(z.text, e.text)] + [(zc, ec) for zr, er in zip(z.rows, e.rows)
                                                      for zc, ec in zip(zr, er)]:
            marked = set(_CODE.findall(text_en))
            assert not marked & FUNCTION_WORDS or set(_CODE.findall(text_zh)) & marked & FUNCTION_WORDS, text_en
            for value in set(_CODE.findall(text_zh)) & {"biometrics", "sensitive", "consents", "to", "session"}:
                assert f"`{value}`" in text_en, (value, text_en)
    text = "\n".join(b.text for b in note_en)
    for right in ("adds the `biometrics` path", "a purpose's `sensitive` and `retention_s`",
                  "the `consents` path", "and `to` when it is said", "and a `session` to a report"):
        assert right in text, right
    for wrong in ("`sensitive` personal", "identifiers or `biometrics`", "the user `consents`", "`session` `to`"):
        assert wrong not in text, wrong
