"""The leftovers of the twenty-ninth reading of issue 76, part v (docs/drafting.md, "Leftovers of the twenty-ninth
reading, part v"): the English verdict templates' defined term (row a25), annex A's feed-latency parameter (a26),
annex B's and annex E's units, terms, policy citation and self-reference (b2 to b5), and the 编制说明's requirement
counts, units, classification of the normative references and relation to GB 4943.1 (b23 to b26). Each test fails
on the draft or the note as they were before these fixes."""

from __future__ import annotations

import re

from conformance.drafting.refkinds import reference_kinds


def _paragraph(markdown: str, needle: str) -> str:
    """The one line (paragraph or table row) of ``markdown`` holding ``needle``."""
    lines = [line for line in markdown.splitlines() if needle in line]
    assert len(lines) == 1, (needle, len(lines))
    return lines[0]


def test_the_english_verdict_lines_use_the_defined_term_item_checked(en_markdown):
    """a25: 3.12 defines 被检对象 as "item checked"; the template lines wrote "every item meets R1, R2 …"."""
    for old in ("Pass: every item meets", "Fail: an item breaks any of", "so this requirement has no item to check",
                "For each item, check whether", "Record every item that does not comply"):
        assert old not in en_markdown, old
    assert en_markdown.count("Pass: every item checked meets") >= 50
    assert "Fail: an item checked breaks any of" in en_markdown


def test_the_feed_latency_parameter_names_the_time_it_is_read_not_the_test_clock(zh_markdown, en_markdown):
    """a26: 测试时钟 (3.19) is the per-identity clock of `POST /test/clock`; SC-FEED-003 reads the age against the
    test equipment's clock."""
    zh = _paragraph(zh_markdown, "| 参数 `max_feed_latency_s` |")
    en = _paragraph(en_markdown, "| Parameter `max_feed_latency_s` |")
    assert "测试时钟" not in zh and "落后于读取时刻（测试设备的时钟）" in zh
    assert "test's clock" not in en and "behind the time it is read (the test equipment's clock)" in en


def test_annex_b_and_annex_e_write_the_hour_as_1_h(en_markdown):
    """b2: "an hour of speech", "For the listening hour" beside the Chinese 「1 h」."""
    assert "an hour of speech" not in en_markdown and "over 1 h of speech" in en_markdown
    assert "For the listening hour" not in en_markdown and "For the 1 h listening period" in en_markdown


def test_table_b2_names_the_implementation_under_test(zh_markdown, en_markdown):
    """b3: 表 B.2 called the object claiming a profile or a feature 产品 / "product"."""
    for old in ("特性的产品", "的所有产品", "仅作为产品自身的声明", "检验的是产品", "对照产品所指明", "产品对照其经观测受检"):
        assert old not in zh_markdown, old
    for old in ("for products claiming", "for a product claiming", "for every product of",
                "the product's own declaration", "a data standard a product names", "which tests the products"):
        assert old not in en_markdown, old
    assert "特性的被测对象" in zh_markdown and "for implementations under test claiming" in en_markdown


def test_table_b2_cites_the_policy_clause_by_its_reference(zh_markdown, en_markdown):
    """b4: `SH-GUIDE 3.1.2-algorithm` is the catalog's own key, no reference a reader can resolve."""
    assert "SH-GUIDE 3.1.2-algorithm" not in zh_markdown and "SH-GUIDE 3.1.2-algorithm" not in en_markdown
    assert "参考文献[1] 3.1.2 所述的算法基础设施" in zh_markdown
    assert "the algorithm infrastructure that bibliography [1], 3.1.2, describes" in en_markdown


def test_the_draft_calls_itself_this_document(zh_markdown, en_markdown):
    """b5: "the catalog" (three subjects in 表 B.2), 「本草案」 / "this draft" and 「本项目」 / "this project" (the
    foreword's standard sentence to the recipients "of this draft" stays)."""
    assert not re.findall(r"\b[Tt]he catalog\b", en_markdown)
    assert "本草案" not in zh_markdown and "本项目" not in zh_markdown
    for old in ("this draft itself defines", "with this draft, not", "this project's own list"):
        assert old not in en_markdown, old
    assert "the interface contract this document itself defines" in en_markdown
    assert "附录 D（本文件自身定义的接口契约）" in zh_markdown


def test_the_note_counts_the_requirements_the_draft_holds(catalog, note_md, note_md_en):
    """b23: 一（二） and 四（五） counted the deprecated AS-MINOR-002 among 「本稿」's 373 requirements."""
    reqs = list(catalog.requirements.values())
    held = sum(r.status != "deprecated" for r in reqs)
    gone = len(reqs) - held
    assert gone, "the catalog keeps a deprecated requirement (AS-MINOR-002)"
    assert f"本稿共有要求 {held} 项" in note_md and f"另有已废止要求 {gone} 项保留在测试工具的要求目录中，不列入本稿" in note_md
    assert f"This draft holds {held} requirements" in note_md_en and f"besides {gone} deprecated" in note_md_en
    listed = {r for p in catalog.profiles.values() for r in p.all_requirements() if r in catalog.requirements}
    judged = sum(catalog.requirements[r].status != "deprecated" for r in listed)
    assert f"这些测试配置所含的 {judged} 项要求" in note_md and f"each of the {judged} requirements" in note_md_en
    assert f"这些测试配置所含的 {len(reqs)} 项要求" not in note_md


def test_the_note_writes_times_with_number_and_symbol(note_md, note_md_en):
    """b24: 第一秒, 十分之一秒, 三分之一秒, 四分之一秒, 一天 and "a minute" beside the same value's symbol."""
    for old in ("第一秒", "十分之一秒", "三分之一秒", "四分之一秒", "一天内记录", "一天时限"):
        assert old not in note_md, old
    for old in ("first second", "tenth of a second", "third of a second", "quarter of a second",
                "false recognition a minute", "one-day limit", "answered within one day"):
        assert old not in note_md_en, old
    assert "86 400 s（1 d）" in note_md and "86 400 s (1 d)" in note_md_en


def test_the_normative_references_are_classified_by_issuer(note_md, note_md_en):
    """b25: FIPS 180-4 (a United States federal standard) and ETSI ES 202 396-1 (a European standards body's) were
    counted among the specifications of international and industry organisations."""
    assert "外国国家标准（美国联邦信息处理标准）1 项" in note_md and "区域标准（欧洲电信标准化协会）1 项" in note_md
    assert "1 foreign national standard" in note_md_en and "1 regional standard (of ETSI" in note_md_en
    zh, en = reference_kinds(["GB 1", "ISO 2", "IEC 3", "FIPS 180-4", "ETSI ES 1", "ETSI TS 2", "RFC 9110"])
    assert zh == ("本文件规范性引用文件 7 项，其中国家标准 1 项、国际标准（ISO、IEC、ITU）2 项、外国国家标准（美国联邦信息处理标准）1 项、"
                  "区域标准（欧洲电信标准化协会）2 项，其余 1 项为国际组织与行业组织发布的规范。")
    assert "2 regional standards (of ETSI" in en and en.endswith("and 1 specification published by international "
                                                                   "and industry bodies.")


def test_the_relation_to_gb_4943_1_is_stated_not_left_to_do(note_md, note_md_en):
    """b26: 八（二十） left the national value 「本稿未核对（起草组核对）」, compared with an edition GB 4943.1—2022 does
    not adopt, and did not say TD-PWR-002 does not cite it."""
    zh = _paragraph(note_md, "TD-PWR-002 不引用该标准")
    assert "起草组核对" not in zh and "TD-SAFE-001 是引用该标准的唯一要求" in zh
    assert "既不替代也不放宽该国家标准的触摸温度要求" in zh and "不声称二者的数值相同" in zh
    en = _paragraph(note_md_en, "TD-PWR-002, which does not cite it")
    assert "for the drafting group" not in en and "neither replaces nor relaxes" in en
