"""The forty-first reading of issue 76, part h94-note (docs/drafting.md, "Forty-first reading, part h94-note"): the
编制说明's parts 七 and 八 against their customary content. Each test runs over the whole rendered part, so the class
cannot come back with another law or entry, and fails on the note as it was before these fixes."""

from __future__ import annotations

import re


def _part(note: str, start: str, end: str) -> str:
    at = note.index(start)
    return note[at:note.index(end, at + len(start))]


def _entries(note: str) -> list[tuple[str, str]]:
    """八's documents: each subclause heading with its text (the overview left out)."""
    part = _part(note, "## 八、", "## 九、")
    found = re.findall(r"^### （[^）]+）(.+)\n\n(.+)$", part, re.M)
    return [(title, text) for title, text in found if title != "概述"]


def test_every_law_of_part_8_states_its_conflict_conclusion(note_md):
    """d19: 八（五） (the Law on the Protection of Minors) was the only law without 「未发现与该法冲突」."""
    laws = [(t, x) for t, x in _entries(note_md) if t.startswith("《中华人民共和国")]
    assert len(laws) >= 5
    assert [t for t, x in laws if "未发现与该法冲突" not in x and "未发现与该法典冲突" not in x] == []


def test_every_date_of_a_part_8_heading_names_its_day(note_md):
    """d18: 「国信办通字〔2025〕2号，2025 年 3 月印发」 against the 参考文献's 2025-03-07."""
    for title, _ in _entries(note_md):
        for month in re.finditer(r"\d{4} 年 \d{1,2} 月(?! ?\d{1,2} 日)", title):
            raise AssertionError(f"{title}: {month.group(0)} without its day")


def test_the_cybersecurity_law_names_its_presidential_order(note_md, note_md_en):
    """d17: the one law of 八 without its 主席令; the amending decision's order, not confirmed, is said to be so."""
    title, text = next((t, x) for t, x in _entries(note_md) if t.startswith("《中华人民共和国网络安全法》"))
    assert "中华人民共和国主席令第五十三号公布" in title
    assert "公布该修改决定的主席令编号未能确认" in text
    assert "Presidential Order No. 53, 2016" in note_md_en


def test_part_7_states_the_adoption_and_a_conclusion(note_md, note_md_en):
    """d14: 七 had two tables and neither the adoption statement nor a conclusion on level."""
    part = _part(note_md, "## 七、", "## 八、")
    assert "本文件为自主制定，未采用国际标准" in part and "对比结论：" in part
    assert "drafted independently and adopts no international or foreign standard" in note_md_en


def test_part_8_analyses_the_rules_that_bind_the_tested_objects(note_md):
    """d16: the algorithm provisions (IF-UDP-013's option), the generative AI measures, GB 31241—2022 and the laser
    standard were not analysed though they bind the products tested; GB 7247.1—2012 is abolished, so the entry is the
    recommended GB/T 7247.1—2024 that replaced it."""
    titles = {t.split("（")[0]: x for t, x in _entries(note_md)}
    assert "第十七条" in titles["《互联网信息服务算法推荐管理规定》"] and "IF-UDP-013" in titles["《互联网信息服务算法推荐管理规定》"]
    assert "《生成式人工智能服务管理暂行办法》" in titles
    assert "TD-PWR-001" in next(x for t, x in titles.items() if t.startswith("GB 31241—2022"))
    assert "GB 7247.1—2012 已废止" in next(x for t, x in titles.items() if t.startswith("GB/T 7247.1—2024"))
