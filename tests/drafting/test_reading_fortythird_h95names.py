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
