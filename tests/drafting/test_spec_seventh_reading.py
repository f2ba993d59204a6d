"""The seventh reading of issue 76 (docs/drafting.md, "Seventh reading"): the sixth reading's leftovers and
what a reader who wrote none of the draft found reading the rendered Chinese 征求意见稿 and 编制说明 against
GB/T 1.1-2020 and the issue's defect kinds. Each test fails on the draft as it was before the fix it names.
The draft and the 编制说明 are rendered once a process (conftest's ``zh``, ``note`` ...)."""

from __future__ import annotations

import re

from conformance.drafting.writer import Block
from tests.drafting.blocks import between, text_of


def _limits(note: list[Block]) -> dict[str, tuple[str, ...]]:
    table = next(b for b in between(note, "note-3-2", "note-3-3") if b.kind == "table")
    return {row[0].replace("\u2011", "-"): row for row in table.rows[1:]}


def test_the_harassment_time_limit_is_stated_with_its_number_in_chinese(note, note_en):
    """IF-CODE-010's notes called its time limit 「本目录自定的一天（stricter 为 lower）」: no number, so 编制说明 3.2
    gave only the documents it cites, and the direction in English (IF-REPORT-001's row quoted 「（`stricter` 为
    `lower`）」 too). Both now state 86 400 s (秒 until the ninth reading wrote units by their symbols) and say in Chinese which way is stricter."""
    rows, english = _limits(note), _limits(note_en)
    for rid in ("IF-CODE-010", "IF-REPORT-001"):
        assert rows[rid][2].startswith("附注：") and "86 400 s" in rows[rid][2], rows[rid]
        assert "时限越短越严格" in rows[rid][2] and "stricter" not in rows[rid][2], rows[rid]
    assert "86 400 s" in english["IF-CODE-010"][2]


def test_table_b3_writes_names_and_per_cent_as_the_body_does(zh):
    """Table B.3 quoted the coverage table's texts as written: 「`WebAuthn`」, 「`buildingSMART`」, 「`IEC 62471`」
    set as code where the body writes clause 4's names plain, and 「10 %」 beside 「5%」 where the body writes
    one form. Its Chinese cells now pass the body's wording passes for both; code values keep their marks."""
    table = next(b for b in zh if b.kind == "table" and b.anchor == "traceability")
    cells = "\n".join(row[2] for row in table.rows[1:])
    for name in ("WebAuthn", "buildingSMART", "IEC 62471", "IEEE Std 1789-2015"):
        assert name in cells and f"`{name}`" not in cells, name
    assert not re.search(r"\d %", cells)
    assert "`terminal-voice`" in cells and "`GET`" in cells


def test_a_case_without_a_not_applicable_outcome_names_the_object_and_profiles_one_way(zh):
    """The 「不适用：无（……）」 criteria named the object under test five ways (「声明本测试配置的平台／被测对象／
    登记接口／解析器／注册器均适用本要求」) and its profiles three (本测试配置, 所列测试配置, 所列任一测试配置) for one
    meaning. They now use clause 3.11's 被测对象 and name the profiles as the 前置条件 list them: 本测试配置 for
    one, 所列任一测试配置 for several (a pair of platforms stays a pair)."""
    sentences = [m.group(0) for b in zh if b.kind == "table" for row in b.rows for cell in row
                 for m in re.finditer(r"不适用：无（[^）]*）", cell)]
    assert len(sentences) > 60
    named = re.compile(r"不适用：无（声明(?:本测试配置|所列任一测试配置|本特性)(?:及其[^（）]*?特性)?的(?:被测对象|平台对)"
                       r"均(?:适用本要求|提供本要求所检的接口)）")
    assert [s for s in sentences if not named.fullmatch(s)] == []


def test_the_chinese_text_writes_celsius_temperatures_one_way(zh_markdown, note):
    """The draft wrote ℃ 32 times (clause 5, the 前置条件: 「温度 (23 ± 5) ℃」) and 摄氏度 14 times (TD-PWR-002's
    title, steps and criteria: 「43 摄氏度」, 「25 ± 2 摄氏度环境」), the 编制说明 摄氏度 only. Both now write the
    symbol, a tolerance in parentheses before it; the parameter's unit too."""
    for text in (zh_markdown, text_of(note)):
        assert "摄氏度" not in text and "°C" not in text
    assert "低于 43 ℃" in zh_markdown and "(25 ± 2) ℃" in zh_markdown and "最高表面温度，以 ℃ 计" in zh_markdown


def _clause_4(blocks: list[Block]) -> tuple[set[str], list[str], str]:
    clause = between(blocks, "clause-4", "clause-5")
    abbreviations = {b.text.split("：")[0] for b in clause if b.kind == "para" and not b.normative}
    kept = next(b.text for b in clause if "保留原文" in b.text).split("：", 1)[1].rstrip("。").split("、")
    return abbreviations, kept, text_of([b for b in blocks if b not in clause])


def test_clause_4_lists_each_name_once_and_only_names_the_document_uses(zh):
    """Clause 4 listed PEGI and ESRB both as abbreviations and among the names kept in the original, CADPA (an
    association the text calls 中国音数协) among the names, and eleven names (FLAC, HLS, STEP ...) the document no
    longer writes. Each name now stands once and is used outside the clause."""
    abbreviations, kept, rest = _clause_4(zh)
    assert not abbreviations & set(kept) and "CADPA" not in kept and {"PEGI", "ESRB"} <= abbreviations
    assert [w for w in kept if not re.search(rf"(?<![A-Za-z0-9]){re.escape(w)}(?![A-Za-z0-9])", rest)] == []


def test_a_verdict_criterion_states_the_level_of_its_requirement(zh):
    """TD-AUD-003 and TD-FORCE-003, headed 「（可）」, said in their hand-written 判定准则 「本要求为“宜”级，不通过时予以
    报告」: written before their level became MAY. A criterion's level sentence now follows the catalog's level."""
    heading = ""
    for block in zh:
        if block.kind == "heading":
            heading = block.text
        elif block.kind == "table" and block.anchor.startswith("test-") and (found := re.search(r"（(应|宜|可)）$", heading)):
            criteria = next(row[1] for row in block.rows if row[0] == "判定准则")
            stated = re.search(r"本要求为“(应|宜|可)”级", criteria)
            assert stated is None or stated.group(1) == found.group(1), heading


def test_the_chinese_text_quotes_with_chinese_quotation_marks(zh_markdown, note):
    """Beside 「`Label` 不是“1”或“2”」 the draft wrote 「`Label` 不为 "1"；」 and 「（"人工智能" 或 "AI"）」, the 编制说明
    「视为"位于边或角"的 10%」: ASCII quotes in Chinese text (GB/T 15834—2011 gives “ ” for Chinese). A short
    quoted string beside Chinese text now takes Chinese quotation marks; code values keep theirs."""
    for text in (zh_markdown, text_of(note)):
        prose = re.sub(r"`[^`]*`|https?://\S+", "", text)
        assert not re.search(r'[\u4e00-\u9fff，。；：（] ?"[^"\n]{1,40}"|"[^"\n]{1,40}" ?[\u4e00-\u9fff，。；）]', prose)
    assert "不为“1”；" in zh_markdown and "（“人工智能”或“AI”）" in zh_markdown


def test_the_note_counts_a_source_of_limits_only_when_there_is_one(note):
    """编制说明 三（二） said 「0 项的附注未提及该数值，表中列出该要求所引用的文件」 once every limit's notes named it."""
    lead = next(b.text for b in between(note, "note-3-2", "note-3-3") if b.kind == "para")
    assert not re.search(r"(?<!\d)0 项", lead) and "决定判定结果的限值" in lead


def test_each_law_the_note_relates_is_named_with_its_date(note):
    """编制说明 八 named the deep-synthesis and content-ecosystem provisions by their order numbers without the date
    the 参考文献 gives (2022-11-25, 2019-12-15) and the consumer-protection law without its 主席令 number, while
    the other laws carry both (issue 76: issuer, date and 文号)."""
    headings = [b.text for b in between(note, "note-8", "note-9") if b.kind == "heading" and "《" in b.text]
    assert len(headings) > 20
    assert [h for h in headings if not re.search(r"\d{4} 年 \d{1,2} 月 \d{1,2} 日|〔\d{4}〕|—\d{4}", h)] == []
    assert any("消费者权益保护法" in h and "主席令第七号" in h for h in headings)
