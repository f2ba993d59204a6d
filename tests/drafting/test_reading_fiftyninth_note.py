"""The fifty-ninth reading (issue 76), part h117-note (docs/drafting.md, "Fifty-ninth reading, part h117-note"): 5.9's test
uncertainty ratio of 4 had no source (a1); the IXIT ranges of `max_files` and `max_json_depth` had no reason for their
ends (a2); AS-AIGC-016 read `asset.extras.AIGC`, which no normative annex defined (b2); ID-CAT-001's not-applicable
lines had no step (b4); the instants a step sets the test clock to, and R5's first hour, stood in no row of the limits
table (b5); 一（二） listed an inter-laboratory comparison 四（四） says never took place (d4); 五 called every cited
document free (d7); 三（五） said IEC 62368-1:2023 served TD-PWR-002 only (d8); 3.33 cited RFC 6750 dated against 三（五）'s
rule (d9); the humidity range was sourced to the withdrawn IEC 60068-1:1988 without saying so or what was read (d12).
Each test fails on the draft as it was before (8de1ae535)."""

from __future__ import annotations

import json
import re

import orjson
import pytest

from conformance.drafting import readingbounds
from conformance.drafting.boundtable import spaced
from conformance.drafting.readingbounds import binary_size
from conformance.drafting.writer import normative
from tests.paths import ROOT


def _paragraph(markdown: str, start: str) -> str:
    return next(line for line in markdown.splitlines() if start in line)


def _row(markdown: str, first: str) -> str:
    """The table row whose first cell starts with ``first`` (a requirement id as the table writes it, or a condition)."""
    return next(line for line in markdown.splitlines() if line.startswith(f"| {first}"))


def _annex_e(markdown: str) -> str:
    return markdown.split("\n## 附录 E", 1)[1].split("\n## 附录 F", 1)[0]


def _bibliography(markdown: str) -> str:
    return markdown.split("\n## 参考文献\n", 1)[1]


def _cases(markdown: str) -> dict[str, str]:
    """Each test case of clauses 7 to 14 by its requirement id."""
    body = markdown.split("\n## 附录 A", 1)[0]
    return {part.split()[1]: part for part in re.split(r"\n### (?=\d+\.\d+ [A-Z]{2}-)", body)[1:]}


def _cell(case: str, name: str) -> list[str]:
    found = re.search(rf"^\| {name} \| (.*) \|$", case, re.M)
    return found.group(1).split("<br>") if found else []


def test_a1_the_test_uncertainty_ratio_has_its_source(zh_markdown, note_md, note_md_en):
    """5.9 no longer calls the ratio this document's own; 三（三）'s conditions table gives its source, the ANSI/NCSL
    Z540.3-2006 sub-clause read, which the 参考文献 lists."""
    calibration = next(line for line in zh_markdown.splitlines() if line.startswith("| 校准 |") and "测试不确定度比" in line)
    assert "测试不确定度比为 4）" in calibration and "本文件自定" not in calibration.split("测试不确定度比为 4")[1][:5]
    row = _row(note_md, "测量类测试用例所用设备的扩展不确定度")
    assert "测试不确定度比为 4" in row and "ANSI/NCSL Z540.3-2006 的 5.3" in row and "4:1" in row
    assert "ANSI/NCSL Z540.3-2006" in _row(note_md_en, "Expanded uncertainty of the apparatus")
    assert "ANSI/NCSL Z540.3-2006 Requirements for the Calibration of Measuring and Test Equipment[S/OL]" in _bibliography(zh_markdown)


#: an IXIT range as the reading-bounds table writes it, 「IXIT 可另给 1 至 1 000 000 个」, 「1 024 B 至 1 099 511 627 776 B」
_RANGE = re.compile(r"IXIT 可另给 (\d{1,3}(?: \d{3})*) ?(B|个|层)? 至 (\d{1,3}(?: \d{3})*) ?(B|个|层)")


def _forms(number: str, unit: str | None) -> set[str]:
    value = int(number.replace(" ", ""))
    return {f"{spaced(value)}", binary_size(value)} if unit == "B" else {spaced(value)}


def test_a2_every_ixit_range_end_has_its_reason(note_md):
    """The class: each reading bound the IXIT may set gives, in 三（三）'s reading-bounds table, a reason for both ends
    of its range (the file size's 1 024 B and 1 TiB had theirs; `max_files`' 1 and 1 000 000 and `max_json_depth`'s
    512 had none); 512 is half the depth the harness's parser refuses past (orjson: 1 024 read, 1 025 refused)."""
    rows = [line for line in note_md.splitlines() if line.startswith("| ") and _RANGE.search(line)]
    assert len(rows) >= 4
    missing = []
    for row in rows:
        name, value, basis = [c.strip() for c in row.strip("|").split(" | ")][:3]
        m = _RANGE.search(value)
        assert m
        for number, unit in ((m.group(1), m.group(2) or m.group(4)), (m.group(3), m.group(4))):
            if not any(re.search(rf"(?<!\d)(?<!\d ){re.escape(form)}(?! ?\d)", basis) for form in _forms(number, unit)):
                missing.append(f"{name}: {number}")
    assert missing == []
    depth = readingbounds.PARSER_DEPTH
    orjson.loads(b"[" * depth + b"]" * depth)
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(b"[" * (depth + 1) + b"]" * (depth + 1))
    assert "512 层为测试工具所用 JSON 解析器（`orjson`）自身拒绝解析的深度 1 024 层的一半" in _row(note_md, "测试设备读取 JSON 响应的嵌套层数")


def test_b2_every_extras_member_a_case_reads_is_defined_in_annex_e(zh_markdown):
    """The class: each glTF `extras` member a normative case reads (`extras.explicit_label`, `asset.extras.AIGC`) is a
    row of annex E, and AS-AIGC-016 cites the clause defining the implicit label's place and form."""
    annex = _annex_e(zh_markdown)
    read = {m.group(1) for case in _cases(zh_markdown).values() for line in _cell(case, "测试步骤")
            for m in re.finditer(r"`((?:[a-z]+\.)?extras\.[A-Za-z_]+)`", line)}
    assert "asset.extras.AIGC" in read
    assert [member for member in sorted(read) if f"`{member}`" not in annex] == []
    heading = re.search(r"^### (E\.\d+) glTF 场景中的隐式标识$", zh_markdown, re.M)
    assert heading
    assert f"glTF 场景中的隐式标识：{heading.group(1)}" in " ".join(_cell(_cases(zh_markdown)["AS-AIGC-016"], "前置条件"))
    section = annex.split(f"### {heading.group(1)} ", 1)[1].split("\n### ", 1)[0]
    assert "`ContentProducer`" in section and "`extras.schema.json`" in section


def test_b4_a_not_applicable_condition_past_the_ics_has_its_step(zh_markdown):
    """The class: a case whose 不适用 line names a condition besides the ICS's has a step, other than the ICS check,
    recording 「不适用」 (the renderer's step was left out where a written ICS step recorded it: ID-CAT-001, SC-BIM-006,
    -007, -009, -010, TD-PERF-001, -002); ID-CAT-001's third condition no longer contradicts the feature its ICS
    declares."""
    unstepped = []
    for rid, case in _cases(zh_markdown).items():
        na = [line for line in _cell(case, "判定准则") if line.startswith("不适用")]
        if not na or na[0].startswith("不适用：无"):
            continue
        extra = re.sub(r"^不适用：ICS 未声明支持特性“[^”]*”（`[^`]*`）(?:（第 1 步）)?(?:（[^）]*）)?", "", na[0]).strip("。")
        if extra and not any("不适用" in s for s in _cell(case, "测试步骤") if not s.startswith("1. 核对 ICS")):
            unstepped.append(rid)
    assert unstepped == []
    case = _cases(zh_markdown)["ID-CAT-001"]
    step5 = next(s for s in _cell(case, "测试步骤") if s.startswith("5. "))
    assert "记录“不适用”" in step5 and "`identityCategory`" in step5
    na = next(line for line in _cell(case, "判定准则") if line.startswith("不适用"))
    assert "没有不符合项" in na and "所声明的特性表明被测对象能为凭证主体声明身份类别" in na
    assert "ICS 未声明" not in step5  # the ICS's own ground is step 1's


#: an instant a step sets the test clock to, as the draft writes it, and a rule's period counted from a turn
_INSTANT = re.compile(r"(\d{1,2}) ?月 ?(\d{1,2}) ?日(?:（[^）]*）)? ?((?:[01]\d|2[0-3]):[0-5]\d)(?![\d:])")


def test_b5_every_instant_a_step_sets_the_test_clock_to_stands_in_its_row_with_its_reason(catalog, zh_markdown,
                                                                                           note_md):
    """The class, over every normative case: each instant a step sets the test clock to (AS-MINOR-004's 2026-01-02
    12:00, 2026-01-31 23:30 and 2026-02-01 00:30, IF-BIO-001's and IF-UDP-012's 2026-03-02 12:00) is a limit of its
    row in 三（三）, and the quoted notes name it: no row says the notes leave it unsourced; so is R5's first hour."""
    cases = _cases(zh_markdown)
    found: dict[str, list[tuple[str, str, str]]] = {}
    for rid, case in cases.items():
        for step in _cell(case, "测试步骤"):
            if re.search(r"测试时钟[^。；]{0,30}设(?:置)?为", step):
                found.setdefault(rid, []).extend(m.groups() for m in _INSTANT.finditer(step))
    assert {"AS-MINOR-004", "IF-BIO-001", "IF-UDP-012"} <= set(found)
    for rid, instants in found.items():
        assert normative(catalog.requirements[rid])
        row = _row(note_md, rid.replace("-", "\u2011"))
        limits, basis = row.split(" | ")[1:3]
        for month, day, time in instants:
            assert f"{month} 月 {day} 日 {time}" in limits, (rid, month, day, time)
            assert re.search(rf"{month} ?月 ?{day} ?日[^。；]{{0,12}}?{time}", basis), (rid, month, day, time)
        assert "附注未写明" not in basis
    row = _row(note_md, "AS‑MINOR‑004")
    assert "第一个小时" in row.split(" | ")[1] and "规则 R5 的“第一个小时”为本文件自定" in row


def test_d4_the_stages_name_the_recorded_reproducibility_run_not_an_interlaboratory_comparison(note_md, note_md_en):
    recorded = json.loads((ROOT / "docs" / "interlab-run.json").read_text(encoding="utf-8"))["recorded"]
    zh = _paragraph(note_md, "本项目工作的各阶段")
    assert "，实验室间比对" not in zh and f"{recorded}，测试结果复现性比对的运行记录" in zh and "尚非实验室间比对" in zh
    en = _paragraph(note_md_en, "The stages of this project's work")
    assert "the inter-laboratory comparison (" not in en and "not yet an inter-laboratory comparison" in en
    assert "两种相互独立的测试设置" not in note_md


def test_d7_the_ip_statement_says_which_cited_documents_are_sold(zh_markdown, note_md, note_md_en):
    """The class: each body whose standards clause 2 lists and sells (ISO, IEC, ISO/IEC, IEEE, GB/T) is named as sold;
    no sentence calls every cited document free."""
    zh = _paragraph(note_md, "起草组未发现本文件的技术内容涉及专利")
    assert "均为公开发布、可免费获取" not in zh
    clause_2 = zh_markdown.split("\n## 2 ", 1)[1].split("\n## 3 ", 1)[0]
    bodies = {m.group(1) for m in re.finditer(r"^(ISO/IEC|ISO|IEC|IEEE|GB/T|GB) ", clause_2, re.M)}
    assert {"ISO", "IEC", "ISO/IEC", "IEEE", "GB/T", "GB"} <= bodies
    sold = zh.split("可从其发布者免费获取；", 1)[1]
    assert "ISO、IEC、ISO/IEC 与 IEEE 的标准为其发布者发售的出版物" in sold
    assert "推荐性国家标准（GB/T）为发售的出版物" in sold and "强制性国家标准（GB）的文本" in sold
    en = _paragraph(note_md_en, "The drafting group found no patent")
    assert "are published and freely available" not in en and "are sold by their publishers" in en


def test_d8_every_requirement_citing_iec_62368_1_2023_is_named(catalog, note_md):
    citing = sorted(r.id for r in catalog.requirements.values() if normative(r)
                    and any(s.name.startswith("IEC 62368-1:2023") for s in r.source.standards))
    assert citing == ["TD-PWR-002", "TD-SAFE-001"]
    sentence = next(s for s in _paragraph(note_md, "GB 4943.1—2022 与参考文献所列 IEC 62368-1:2023").split("。")
                    if "GB 4943.1—2022 与参考文献所列 IEC 62368-1:2023" in s)
    assert "仅为" not in sentence and all(rid in sentence for rid in citing)


def test_d9_no_rfc_is_cited_dated(zh_markdown, en_markdown, note_md):
    """The class over the draft, both languages: 三（五）'s rule, RFCs undated, holds for every citation (3.33's
    term source read 「RFC 6750（2012-10）」)."""
    assert "RFC 的编号只对应一个从不修订的文本" in note_md
    for markdown in (zh_markdown, en_markdown):
        assert re.findall(r"RFC ?\d+ ?[（(]\d{4}-\d{2}[）)]", markdown) == []
    assert "[来源：RFC 6750，1.2，有修改]" in zh_markdown


def test_d12_the_humidity_range_cites_what_was_read_and_the_current_edition(zh_markdown, note_md, note_md_en):
    row = _row(note_md, "测量类测试用例的相对湿度")
    assert "GOST 28198-89 的 5.3.1" in row and "已由 IEC 60068-1:2013（第 7 版）取代并废止" in row
    assert "IEC 60068-1:2013" in _row(note_md, "测量类测试用例的温度")
    assert "IEC 60068-1:1988 Environmental testing — Part 1: General and guidance[S]" in _bibliography(zh_markdown)
    assert "GOST 28198-89" in _row(note_md_en, "Relative humidity of the measuring test cases")
