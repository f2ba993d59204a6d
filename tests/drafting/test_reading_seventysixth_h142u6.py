"""The seventy-sixth reading of issue 76, part h142-u6: read76a's a1 (read76d's d2, the same defect in the 编制说明) and
read76a's doubtful d1.

a1/d2: 22 criteria name the resolution of the reading (an interval of its reading grid, a rectangular distribution, a
type B evaluation) as a component of U, alone or with the instrument's declared type B; 6.2 defined u_B as the
calibration certificate's uncertainty of one reading alone, table 9 said U's type B component is taken from the
instrument's declaration, and the 编制说明's 三（二） lead said "A + the certificate's B, A alone where no instrument is
read". The class: every kind of U component any criterion names is defined in 6.2 (both languages), and the note's
lead names each kind (both languages). d1: a reading's resolution cites GUM F.2.2.1 (the resolution of a digital
indication, variance delta^2/12) beside 4.3.7, in the criteria and in 6.2.

Each test fails on a933db988."""

from __future__ import annotations

import re

import pytest

#: each kind of U component a criterion names, by the words the Chinese criteria use for it (decisions.py), with the
#: words 6.2 defines it by
_ZH_KINDS = {
    "样本统计量的 A 类": "A 类分量 *u*<sub>A</sub> 为所比较的统计量由其样本求得的标准不确定度",
    "仪器声明的 B 类": "a) 仪器声明的 B 类：",
    "读数的分辨力": "b) 读数的分辨力：",
    "读取时刻的分辨力": "（读取时刻的分辨力）",
}
#: the clock criteria's component, left out as negligible (decisions.py's _CLOCK), and where 6.2 says so
_ZH_CLOCK = ("时钟分辨力的分量相对以 ms 计的时延可以忽略", "时钟分辨力的分量相对所判定的时间可以忽略时不计")
#: (the words an English criterion names the kind by, the words English 6.2 defines it by)
_EN_KINDS = (
    ("type A of the sample's statistic", "Type A, *u*<sub>A</sub>, is the standard uncertainty of the statistic"),
    ("type B of the instrument's stated uncertainty", "a) type B of the instrument's stated uncertainty:"),
    ("the resolution of the reading", "b) the resolution of the reading:"),
    ("the resolution alone with which the moment is read", "(the resolution of the moment read)"),
    ("the clock's resolution is negligible", "leave out the clock's resolution where it is negligible"),
)
#: each kind as the note's 三（二） lead names it, (zh, en)
_NOTE_KINDS = (("所比较统计量的 A 类不确定度", "type A of the statistic compared"),
               ("仪器声明的 B 类", "type B of the instrument's stated uncertainty"),
               ("读数的分辨力", "the resolution of the reading"),
               ("读取时刻的分辨力", "or of the moment read"),
               ("时钟分辨力的分量相对所判定的时间可以忽略时不计", "leave out the clock's resolution"))


def _section(text: str, start: str, end: str) -> str:
    at = text.index(start)
    return text[at:text.index(end, at)]


def _clause_62(text: str, lang: str) -> str:
    return _section(text, "6.2 测量不确定度", "6.3 判定规则") if lang == "zh" else \
        _section(text, "6.2 Measurement uncertainty", "6.3 Decision rules")


def _criteria_u(text: str, lang: str) -> list[str]:
    """The U part of every decision rule sentence of the test cases."""
    if lang == "zh":
        return re.findall(r"判定规则：.*?依 ISO/IEC 指南 98-3:2008(.*?)(?:）：|）一并记录)", text)
    return re.findall(r"Decision rule: .*?(?:combined|evaluated) per ISO/IEC Guide 98-3:2008(.*?)(?:\): |\)\.)", text)


def _named_zh(parts: list[str]) -> set[str]:
    named = set()
    for part in parts:
        for found in re.finditer(r"由(.+?)(?:合成|评定)", part):
            named |= {p.strip().removeprefix("仅").strip() for p in found.group(1).split("与")}
    return named


def test_every_component_a_chinese_criterion_names_is_defined_in_6_2(zh_markdown: str):
    parts = _criteria_u(zh_markdown, "zh")
    assert len(parts) >= 50
    named = _named_zh(parts)
    assert named - set(_ZH_KINDS) == set(), "a criterion names a component this test (and 6.2) does not know"
    assert {"读数的分辨力", "读取时刻的分辨力", "仪器声明的 B 类"} <= named
    clause = _clause_62(zh_markdown, "zh")
    assert [kind for kind in named if _ZH_KINDS[kind] not in clause] == []
    assert any(_ZH_CLOCK[0] in p for p in parts) and _ZH_CLOCK[1] in clause


def test_every_component_an_english_criterion_names_is_defined_in_6_2(en_markdown: str):
    parts = _criteria_u(en_markdown, "en")
    assert len(parts) >= 50
    clause = _clause_62(en_markdown, "en")
    named = [(said, defined) for said, defined in _EN_KINDS if any(said in p for p in parts)]
    assert len(named) == len(_EN_KINDS)
    assert [said for said, defined in named if defined not in clause] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_6_2_defines_u_b_as_the_components_the_criteria_name(lang: str, zh_markdown: str, en_markdown: str):
    clause = _clause_62(zh_markdown if lang == "zh" else en_markdown, lang)
    if lang == "zh":
        assert "*u*<sub>B</sub> ——B 类标准不确定度，为判定准则所指明的各 B 类分量（仪器声明的 B 类、读数的分辨力）的方和根" in clause
        assert "B 类分量 *u*<sub>B</sub> 为仪器校准证书" not in clause
        assert "其标准不确定度为 *δ*/√12（ISO/IEC 指南 98-3:2008 的 4.3.7、F.2.2.1）" in clause
    else:
        assert "*u*<sub>B</sub> is the type B standard uncertainty, the root sum of squares of the type B components" in clause
        assert "Type B, *u*<sub>B</sub>, is the expanded uncertainty of one reading" not in clause
        assert "standard uncertainty is *δ*/√12 (ISO/IEC Guide 98-3:2008, 4.3.7 and F.2.2.1)" in clause


def test_table_9_takes_only_the_instruments_component_from_the_declaration(zh_markdown: str, en_markdown: str):
    zh_row = next(line for line in zh_markdown.splitlines() if line.startswith("| 校准 |") and "取自该声明" in line)
    en_row = next(line for line in en_markdown.splitlines()
                  if line.startswith("| Calibration |") and "calibration certificate states" in line)
    assert "*U* 中仪器声明的 B 类分量取自该声明（6.2；*U* 的其他分量，如读数的分辨力" in zh_row
    assert "*U* 的 B 类分量取自该声明" not in zh_row
    assert "the type B component of the instrument's stated uncertainty in a measured value's expanded" in en_row
    assert "such as the resolution of the reading" in en_row


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_notes_lead_names_each_kind_of_component(lang: str, note_md: str, note_md_en: str):
    text = note_md if lang == "zh" else note_md_en
    lead = next(line for line in text.splitlines()
                if ("项规范性要求为测量类" if lang == "zh" else "normative requirements are measured") in line)
    assert [kinds for kinds in _NOTE_KINDS if kinds[lang == "en"] not in lead] == []
    assert ("仅有 A 类分量" if lang == "zh" else "type A alone where no instrument is read") not in lead
    assert ("GUM 4.3.7、F.2.2.1" if lang == "zh" else "GUM 4.3.7 and F.2.2.1") in lead


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_readings_resolution_cites_f_2_2_1_beside_4_3_7(lang: str, zh_markdown: str, en_markdown: str):
    parts = _criteria_u(zh_markdown if lang == "zh" else en_markdown, lang)
    cited = [p for p in parts if "4.3.7" in p]
    assert len(cited) >= 22
    follows = "4.3.7、F.2.2.1" if lang == "zh" else "4.3.7 and F.2.2.1"
    assert [p for p in cited if p.count("4.3.7") != p.count(follows)] == []
