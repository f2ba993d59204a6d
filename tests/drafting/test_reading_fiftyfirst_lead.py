"""The fifty-first reading, the lead (docs/drafting.md, "Fifty-first reading, the lead"): annex D's test-only operations
justified themselves by IF-CODE-004 and IF-CODE-007, candidates of annex C, leaving out IF-CODE-005, the normative case
that calls them (b7), and called what is not a test deployment 「生产环境」 beside 3.28's 生产部署 (a1, b5: part h104-refs
had changed only 「仅用于测试环境」). Each test fails on the draft as it was before (78539b32)."""

from __future__ import annotations

import re

from conformance._catalog.catalog import Catalog


def _annex(markdown: str, letter: str) -> str:
    start = re.search(rf"^## 附录 {letter}（", markdown, re.M)
    assert start, letter
    end = re.search(r"^## (附录 [A-Z]（|参考文献)", markdown[start.end():], re.M)
    return markdown[start.start():start.end() + (end.start() if end else len(markdown))]


def test_a_normative_annex_cites_a_candidate_as_one(catalog: Catalog, zh_markdown: str) -> None:
    """b7: a requirement that annex C lists as a candidate is named in annex D or E only as 「附录 C 的候选要求」."""
    candidates = {r.id for r in catalog.requirements.values() if r.status in ("candidate", "draft")}
    found = []
    for letter in ("D", "E"):
        for line in _annex(zh_markdown, letter).splitlines():
            for rid in re.findall(r"[A-Z]{2,4}‑[A-Z]+‑\d{3}", line):
                plain = rid.replace("‑", "-")
                if plain in candidates and f"附录 C 的候选要求 {rid}" not in line:
                    found.append((letter, plain, line[:80]))
    assert found == []


def test_the_test_only_operations_name_the_normative_case_that_calls_them(zh_markdown: str) -> None:
    """b7: the sanction and the moderation clock serve IF-CODE-005 (and -006), which D.3 lists against them."""
    annex = _annex(zh_markdown, "D")
    rows = [line for line in annex.splitlines() if line.startswith(("| `imposeTestSanction`",
                                                                   "| `advanceTestModerationClock`"))]
    assert len(rows) == 2 and all("IF‑CODE‑005" in row for row in rows), rows


def test_no_production_environment_beside_the_production_deployment(zh_markdown: str, note_md: str) -> None:
    """a1, b5: 3.28 names 测试部署 and 生产部署; 测试环境 is clause 5's laboratory environment, and 生产环境 no name."""
    assert "生产环境" not in zh_markdown and "生产环境" not in note_md
    assert zh_markdown.count("不属于生产部署的接口") == 5  # D.5: the five operations 3.28 lists
