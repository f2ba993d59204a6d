"""The forty-second reading of issue 76, part h94-note42 (docs/drafting.md, "Forty-second reading, part h94-note42"):
the 编制说明's parts 四 and 八. Each test runs over the whole rendered part, so the class cannot come back with
another entry, and fails on the note as it was before these fixes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conformance import Catalog
from conformance.drafting.writer import normative

ROOT = Path(__file__).resolve().parents[2]


def _entries(note: str) -> list[tuple[str, str]]:
    """八's documents: each subclause heading with its text (the overview left out)."""
    at = note.index("## 八、")
    part = note[at:note.index("## 九、", at)]
    return [(t, x) for t, x in re.findall(r"^### （[^）]+）(.+)\n\n(.+)$", part, re.M) if t != "概述"]


#: what a body may call unconfirmed, and how a heading would state that same fact
_FACTS = {"令号": re.compile(r"令第 ?[\d一二三四五六七八九十百]+ ?号"),
          "公布日期": re.compile(r"\d{4} 年 \d{1,2} 月 \d{1,2} 日公布")}


def test_no_heading_of_part_8_states_a_fact_its_body_calls_unconfirmed(note_md):
    """d1, d2: (十五) and (十六) gave 令第9号 and 令第15号 in their headings while their texts said the order numbers
    (and the day) 「未能确认」. A body that still calls a fact unconfirmed has a heading without it."""
    for title, text in _entries(note_md):
        for said in re.findall(r"([^。；]*?)未能确认", text):
            if "修改决定" in said:  # an amending decision's order: the heading may name the original act's
                assert not re.search(r"决定》[^）]*令", title), title
                continue
            for fact, stated in _FACTS.items():
                assert not (fact in said and stated.search(title)), f"{title}: {said}未能确认"


def test_the_departmental_rules_of_part_8_name_their_orders(note_md, note_md_en):
    """d1, d2: the order numbers, issuers and days as published (confirmed by search); no stale sentence left."""
    titles = {t.split("（")[0]: (t, x) for t, x in _entries(note_md)}
    algorithm = titles["《互联网信息服务算法推荐管理规定》"]
    assert "国家市场监督管理总局令第9号，2021 年 12 月 31 日公布，自 2022 年 3 月 1 日起施行" in algorithm[0]
    generative = titles["《生成式人工智能服务管理暂行办法》"]
    assert "国家广播电视总局令第15号，2023 年 7 月 10 日公布，自 2023 年 8 月 15 日起施行" in generative[0]
    assert "未能确认" not in algorithm[1] + generative[1]
    assert "Their order number could not be confirmed" not in note_md_en
    assert "Their order number and the day they were promulgated" not in note_md_en


def _national_titles() -> dict[str, str]:
    spec = yaml.safe_load((ROOT / "suites" / "specification.yaml").read_text(encoding="utf-8"))
    return {k: v for k, v in spec["references"]["titles"].items() if re.match(r"GB(?:/[TZ])? \d", str(v))}


def test_every_national_standard_the_requirements_cite_has_its_subsection_in_part_8(catalog: Catalog, note_md):
    """d4: 八（一） says it explains 「逐一」 each national standard the requirements rest on, but GB/T 36008—2018
    (TD-FORCE-004's 140 N) and GB/T 13441.1—2007 (TD-MPLAT-002's 2 m/s²) had no subsection. Every GB or GB/T
    standard a kept requirement's source cites, by its own number or by the international standard it adopts, has
    one, which names the requirements citing it."""
    titles = _national_titles()
    headings = [t for t, _ in _entries(note_md)]
    cited: dict[str, set[str]] = {}
    for req in catalog.requirements.values():
        if normative(req):
            for ref in req.source.standards:
                number = re.match(r"GB(?:/[TZ])? [\d.]+—\d{4}", titles.get(ref.name, ref.name))
                if number:
                    cited.setdefault(number.group(0), set()).add(req.id)
    assert {"GB/T 36008—2018", "GB/T 13441.1—2007"} <= set(cited)
    for number, ids in cited.items():
        text = next((x for t, x in _entries(note_md) if t.startswith(number)), None)
        assert text is not None, f"{number} (cited by {sorted(ids)}) has no subsection in 八: {headings[-3:]}"
        assert all(i in text for i in ids), f"{number}: {sorted(ids)}"


def test_a_clause_2_reference_cited_by_no_requirement_is_not_said_to_be_uncited(note_md, note_md_en):
    """dx3: GB/T 27025—2019 and GB/T 7408.1—2023 stand in 第 2 章 and are cited by the report clause and by
    TD-BIO-002's test case, yet 八 opened their subsections with 「没有要求引用它」."""
    clause_2 = {t.split("《")[0] for t, _ in _entries(note_md) if t.startswith(("GB/T 27025", "GB/T 7408.1"))}
    assert clause_2 == {"GB/T 27025—2019", "GB/T 7408.1—2023"}
    for title, text in _entries(note_md):
        if title.split("《")[0] in clause_2:
            assert not text.startswith("没有要求引用它"), title
            assert text.startswith("无要求在其依据中引用它；本文件第 2 章将其列为规范性引用文件"), title
            assert "不以任何要求引用它" not in text
    assert "No requirement's source cites it; clause 2 lists it as a normative reference" in note_md_en


def test_the_2019_notice_says_which_notice_prevails(note_md):
    """dx2: 「两者不一致之处以后者为准」 after 「未改变这些限额」 left 后者 to guess (the forty-seventh reading's dx1 then
    named where the two differ: tests/drafting/test_reading_fortyseventh_h99law.py)."""
    text = next(x for t, x in _entries(note_md) if "国新出发〔2019〕34" in t)
    assert "两者不一致之处以后者为准" not in text
    assert "2019 年通知的相关规定与其不一致的以 2021 年通知为准" in text


def test_the_reference_run_states_why_a_requirement_was_not_passed(note_md, note_md_en):
    """d16: 四（五） left SC-TILE-006's 不确定 to the record's `reasons`, a file outside the document; the reason is
    stated in the text, and tied to the case 四（四） could not compare for the same missing tool."""
    at = note_md.index("## 四、")
    part = note_md[at:note_md.index("## 五、", at)]
    assert "原因见该记录" not in part
    assert "SC-TILE-006（未执行：记录所用计算机未安装其所需工具 `3d-tiles-validator`" in part
    assert "(why: the record's `reasons`)" not in note_md_en
    assert "SC-TILE-006 (not run: the recording computer lacked the tool it needs, `3d-tiles-validator`" in note_md_en


def test_the_attempt_limit_cites_the_current_nist_edition(catalog: Catalog, note_md):
    """x2 (read42b): ID-AUTH-004's 100 attempts cited SP 800-63B of June 2017, superseded by SP 800-63B-4 (July
    2025), whose 3.2.2 Rate Limiting (Throttling) keeps the limit of 100."""
    source = catalog.requirements["ID-AUTH-004"].source.standards[0]
    assert source.name.startswith("NIST SP 800-63B-4 ") and source.section.startswith("3.2.2 ")
    assert "800-63-4" in source.url
    assert "NIST SP 800-63B-4（2025 年 7 月，第 3.2.2 节" in note_md
