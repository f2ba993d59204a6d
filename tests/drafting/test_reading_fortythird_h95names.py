"""The forty-third reading of issue 76, part h95-names (docs/drafting.md, "Forty-third reading, part h95-names"):
one label per ICS feature, given beside its identifier in annex A (b2, b3); laws cited by their full official
title (b4); AS-TRADE-007's 交易市场模型 named once and stated (b5). Each test fails on the draft as it was before
these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_fortyfirst_front import _clause

#: a feature as annex A names it beside its identifier: 特性“label”（`identifier`）
_NAMED = re.compile(r"特性“([^”]+)”（`([a-z0-9-]+)`）")


def test_b2_b3_every_feature_a_case_quotes_is_labelled_once_beside_its_identifier_in_annex_a(zh_markdown):
    """b2: the cases quoted features by a label annex A never gave (its ICS named them by identifier only); b3:
    `linked-identities` and `lifecycle-lock` had two labels each, AS-REG-006 joining its two with 「或」."""
    annex_a = _clause(zh_markdown, "\n## 附录 A", "\n## 附录 B")
    labels: dict[str, set[str]] = {}
    for label, identifier in _NAMED.findall(annex_a):
        labels.setdefault(identifier, set()).add(label)
    assert {i: ls for i, ls in labels.items() if len(ls) > 1} == {}
    assert labels["linked-identities"] == {"平台将多个身份关联为同一用户"}
    in_annex_a = {label for ls in labels.values() for label in ls}
    cases = zh_markdown[:zh_markdown.index("\n## 附录 A")]
    quoted = set(re.findall(r"(?:声明支持|声明)特性“([^”]+)”", cases))
    assert quoted and quoted <= in_annex_a, sorted(quoted - in_annex_a)[:3]
    assert not re.search(r"特性“[^”]+”或“", zh_markdown)


def test_b4_every_law_is_cited_by_its_official_title(zh_markdown, note_md):
    """b4: 《个人信息保护法》 stood 17 times beside 4 《中华人民共和国个人信息保护法》 with no 「以下简称」; annex A named
    《未成年人保护法》 and 《消费者权益保护法》 only. The laws are listed once (lawtitles.LAW_TITLES)."""
    from conformance.drafting.lawtitles import LAW_TITLES, full_law_titles

    for markdown in (zh_markdown, note_md):
        short = re.findall(r"《(?:%s)》" % "|".join(LAW_TITLES), markdown)
        assert not short, short[:3]
    assert "《中华人民共和国个人信息保护法》第二十四条" in zh_markdown
    assert "《中华人民共和国未成年人保护法》" in zh_markdown and "《中华人民共和国消费者权益保护法》" in zh_markdown
    assert full_law_titles("《证券法》与《中华人民共和国证券法》") == "《中华人民共和国证券法》与《中华人民共和国证券法》"


def test_b5_as_trade_007_names_its_model_once_and_states_what_it_predicts(zh_markdown):
    """b5: AS-TRADE-007 read 交易市场模型 and 市场模型 and never said what the model predicts; AS-REG-005 states its
    账本模型's predictions. Step 3 now gives the answers the model predicts, from the requirements that set them."""
    case = _clause(zh_markdown, " AS-TRADE-007 交易市场在随机操作序列下与模型一致（", "\n### ")
    assert not re.search(r"(?<!交易)市场模型", case)
    step = re.search(r"<br>3\. (.+?)<br>4\. ", case).group(1)
    for named in ("交易市场模型", "AS‑REG‑005", "AS‑TRADE‑001", "AS‑TRADE‑002", "AS‑TRADE‑004", "AS‑TRADE‑006",
                  "201", "403", "404", "409"):
        assert named in step, named
