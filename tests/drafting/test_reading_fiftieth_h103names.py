"""The fiftieth reading, part h103-names (docs/drafting.md, "Fiftieth reading, part h103-names"): cases judging a
platform's behaviour called it 被检对象, 3.15's object inside what is provided (b3); 测试部署 and 生产部署, on which
3.28, 3.29, table A.9 and annex D rest, were not defined (a2); nor was 运行时, the object under test of 22 TD cases
(c8). b2 (签发 for issuing an asset) is held by test_reading_fortyninth_h102terms. Each test fails on the draft as it
was before (fba3bcd8)."""

from __future__ import annotations

import re

_JUDGING_PLATFORMS = ("IF-UDP-009", "IF-UDP-010", "IF-UDP-011", "IF-UDP-012", "IF-UDP-013", "IF-BIO-001", "IF-RISK-004")


def _cases(markdown: str) -> dict[str, str]:
    """Each test case's table by its requirement's ID (the heading 「### 11.n ID 标题」 opens it)."""
    parts = re.split(r"^### [\d.]+ ([A-Z]+(?:-[A-Z0-9]+)+) ", markdown, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _criteria(case: str) -> str:
    return next(line for line in case.splitlines() if line.startswith(("| 判定准则 |", "| Verdict criteria |")))


def _terms(markdown: str, clause: str, end: str) -> list[str]:
    return re.findall(r"^### 3\.\d+\n\n(.+?)  ", markdown[markdown.index(clause):markdown.index(end)], re.M)


def test_a_case_judging_platforms_names_the_platform(zh_markdown, en_markdown):
    """b3: the cases the reader named judge each platform of the pair (IF-RISK-004: its one platform), and no case
    whose not-applicable line speaks of a pair of platforms calls what it judges 被检对象."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for rid in _JUDGING_PLATFORMS:
        criteria = _criteria(zh[rid])
        assert "被检对象" not in criteria and re.search(r"通过：(?:平台对的每个平台均|平台)满足 R1", criteria), rid
        assert "item checked meets" not in _criteria(en[rid]), rid
    assert "不通过：平台违反 R1、R2 中任一项" in _criteria(zh["IF-RISK-004"])
    pairs = [rid for rid, case in zh.items() if "的平台对均适用本要求" in case and "被检对象" in _criteria(case)]
    assert not pairs, pairs


def test_a_test_deployment_is_defined(zh_markdown, en_markdown):
    """a2: 测试部署 is a clause 3 entry, by annex D's test-only operations, and names its opposite 生产部署."""
    assert "测试部署" in _terms(zh_markdown, "## 3 术语和定义", "## 4 缩略语")
    entry = zh_markdown.split("测试部署  test deployment\n\n", 1)[1].split("\n", 1)[0]
    assert "附录 D 中仅用于测试的操作" in entry and "（生产部署）" in entry
    assert re.search(r"^test deployment$", en_markdown[en_markdown.index("## 3 Terms"):en_markdown.index("## 4 ")], re.M)


def test_the_runtime_is_defined(zh_markdown):
    """c8: 运行时 is a clause 3 entry, just before 运行时测试接口 that uses it, after OpenXR Specification 1.1."""
    terms = _terms(zh_markdown, "## 3 术语和定义", "## 4 缩略语")
    assert terms.index("运行时") == terms.index("运行时测试接口") - 1, terms
    entry = zh_markdown.split("运行时  runtime\n\n", 1)[1].split("\n\n### ", 1)[0]
    assert "OpenXR" in entry and "[来源：OpenXR Specification 1.1（2024-04-15），附录的术语表，有修改]" in entry  # the place: fifty-first a8
