"""The leftovers of the twenty-ninth reading of issue 76, part y (docs/drafting.md, "Leftovers of the twenty-ninth
reading, part y"): annex D's schema member tables and D.3's prose. The violating-test-content paragraph is a
provision of the implementation under test (row b12); table D.5's `GET /xr/runtime` names its requirements in one
column only (b13); 「封闭」 says what the schemas accept beside the listed members (b14); the schemas' conditional
rules are printed (b15); closed objects are printed with their members (b16). Each test fails on the draft as it
was before these fixes."""

from __future__ import annotations

import re

import pytest

ANNEX_D = {"zh": ("## 附录 D（", "## 附录 E（"), "en": ("## Annex D (", "## Annex E (")}


def _annex_d(markdown: str, lang: str) -> str:
    start, end = ANNEX_D[lang]
    return markdown[markdown.index(start):markdown.index(end)]


def _rows(text: str) -> list[list[str]]:
    """The cells of every four-or-more-column table row (``\\|`` inside a code span kept)."""
    out = []
    for line in text.splitlines():
        if line.startswith("| ") and line.endswith(" |"):
            out.append([c.strip() for c in re.split(r"(?<!\\)\|", line[1:-1])])
    return out


def _row(text: str, member: str, column: int = 3) -> str:
    """The constraints cell (or the cell ``column``: 2 the 必需 column) of the first member row named ``member``."""
    return next(cells[column] for cells in _rows(text) if cells[0] == f"`{member}`" and len(cells) >= 4)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_violating_test_content_is_a_provision_of_the_implementation_under_test(lang, zh_markdown, en_markdown):
    """Row b12: 「产品的测试部署将其视为……」, a fact without 应 whose subject the draft defines nowhere."""
    annex = _annex_d(zh_markdown if lang == "zh" else en_markdown, lang)
    marker = "违规测试内容（" if lang == "zh" else "Violating test content ("
    paragraph = next(line for line in annex.splitlines() if line.startswith(marker))
    if lang == "zh":
        assert "被测平台的测试部署应将其视为" in paragraph and "产品" not in paragraph  # 3.28: a platform's
    else:
        assert "The test deployment of the platform under test shall treat it" in paragraph
        assert "A product" not in paragraph


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_runtime_row_names_its_requirements_once(lang, zh_markdown, en_markdown):
    """Row b13: the 操作 cell of `GET /xr/runtime` listed eleven requirements, the 要求 column eighteen."""
    annex = _annex_d(zh_markdown if lang == "zh" else en_markdown, lang)
    cells = next(c for c in _rows(annex) if c[0] == "`GET /xr/runtime`")
    operation = cells[1]
    assert "OLF" not in operation and "BCI" not in operation and "TD‑RUN‑001" not in operation
    assert "TD‑OLF‑005" in " ".join(cells[2:])  # the 要求 column keeps the complete list


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_closed_says_what_the_schemas_accept(lang, zh_markdown, en_markdown):
    """Row b14: 「“封闭”表示对象只含所列成员」 in D.5.1 and E.1, while 108 closed objects take `x-…` members."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    annex = _annex_d(markdown, lang)
    allowed = "封闭（另可含名称匹配 `^x-` 的成员）" if lang == "zh" else "closed (members whose names match `^x-` allowed too)"
    assert _row(annex, "flag") == allowed
    # a member required on a condition says so in the 必需 column (part z's row b20, one place for it)
    assert _row(annex, "flag", 2) == ("`status` 为 `held` 时是，否则否" if lang == "zh"
                                      else "yes when `status` is `held`; otherwise no")
    definition = ("约束注明“另可含名称匹配……的成员”者，还可以含名称匹配该正则表达式的成员" if lang == "zh"
                  else "members whose names match that regular expression")
    annex_e = markdown[markdown.index(ANNEX_D[lang][1]):]
    assert definition in annex and definition in annex_e[:6000]  # D.5.1 and E.1
    assert allowed in annex_e  # the capture header's objects too


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_conditional_rules_are_printed(lang, zh_markdown, en_markdown):
    """Row b15: the lifecycle event's rules by type, a held order's `flag`, the DID document's `@context`."""
    annex = _annex_d(zh_markdown if lang == "zh" else en_markdown, lang)
    if lang == "zh":
        assert _row(annex, "trade", 2) == "`type` 为 `settlement`、`refund`、`order`、`cancellation` 之一时是，否则否"
        assert _row(annex, "prev_hash").startswith("`type` 为 `issue` 时类型为 `null`；")
        assert "第 1 个元素取值之一：`https://www.w3.org/ns/did/v1`" in _row(annex, "@context")
    else:
        assert _row(annex, "trade", 2) == \
            "yes when `type` is one of `settlement`, `refund`, `order`, `cancellation`; otherwise no"
        assert _row(annex, "prev_hash").startswith("of type `null` when `type` is `issue`; ")
        assert "item 1: one of `https://www.w3.org/ns/did/v1`" in _row(annex, "@context")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_closed_object_is_shown_without_its_members(lang, zh_markdown, en_markdown):
    """Row b16: D.5.1 cut members below the third level, so `event.trade.price`, `events[].trade`, `order.fees[]`,
    `content[].live`... were printed closed and empty; the cases check those members."""
    annex = _annex_d(zh_markdown if lang == "zh" else en_markdown, lang)
    rows = [c for c in _rows(annex) if len(c) >= 4 and c[0].startswith("`")]
    empty = [row[0] for row, after in zip(rows, rows[1:] + [["", "", "", ""]])
             if row[1] == "`object`" and ("封闭" in row[3] or "closed" in row[3])
             and not after[0].startswith((row[0][:-1] + ".", row[0][:-1] + "〔"))
             and not re.search(r"见表 D\.\d+|see Table D\.\d+", row[3])]  # its schema's own table (thirtieth, b8)
    assert empty == []
    # (the lifecycle event's own table since the thirty-second reading's b6)
    for member in ("trade.price.amount", "trade.fees[].payer", "content[].live.label_class"):
        _row(annex, member)
    assert ("嵌套超过三层" not in annex) if lang == "zh" else ("deeper than three levels" not in annex)
