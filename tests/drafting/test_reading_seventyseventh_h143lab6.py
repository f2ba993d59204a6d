"""The seventy-seventh reading of issue 76, part h143-lab6: read77a's a1 (K2) and its doubtful d1, read77d's doubtful 1
and 2.

a1: 6.2 a) defined the instrument's declared type B for an instrument declared "in the capture file" alone, while
RB-TRACK-002 reads its tracker's declaration in a tracker capture (3.62, E.14) and TD-OLF-006 its chromatograph's in a
scent analyses record (3.63, E.7). The class: every measuring data file kind (3.61's list) that a criterion combining
the declared type B reads is one 6.2 a) names, and 6.2 a) names them in 3.61's words (both languages).

read77a d1 / read77d doubtful 2: the note's 三（二） lead listed the reading grids without 6.2's clock ticks and said the
clock's resolution is always negligible where 6.2 says "where negligible, as the criteria state": the lead now says
6.2's words (uncertaintywords.py).

read77d doubtful 1: 31 criteria say a passing value whose U takes the declared type B of an instrument that declares
none is inconclusive; neither 6.2 a) nor the note's lead said so. Both now do, in one sentence.

Each test fails on 38634d72b."""

from __future__ import annotations

import re

import pytest


def _section(text: str, start: str, end: str) -> str:
    at = text.index(start)
    return text[at:text.index(end, at)]


def _item_a(text: str, lang: str) -> str:
    """6.2's type B item a), up to item b)."""
    if lang == "zh":
        return _section(_section(text, "6.2 测量不确定度", "6.3 判定规则"), "a) 仪器声明的 B 类：", "b) 读数的分辨力：")
    return _section(_section(text, "6.2 Measurement uncertainty", "6.3 Decision rules"),
                    "a) type B of the instrument's stated uncertainty:", "b) the resolution of the reading:")


def _clause_62(text: str, lang: str) -> str:
    return _section(text, "6.2 测量不确定度", "6.3 判定规则") if lang == "zh" else \
        _section(text, "6.2 Measurement uncertainty", "6.3 Decision rules")


def _umbrella(text: str, lang: str) -> str:
    """3.61's name for the measuring data files, with its list of kinds."""
    defined = _section(text, "### 3.61", "### 3.62")
    found = re.search(r"测量类数据文件（[^）]+）" if lang == "zh" else r"measuring data files \([^)]+\)", defined)
    assert found is not None
    return found.group(0)


def _lead(note: str, lang: str) -> str:
    return next(line for line in note.splitlines()
                if ("项规范性要求为测量类" if lang == "zh" else "normative requirements are measured") in line)


def _annex_titles(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in re.finditer(r"^### (E\.\d+) (.+)$", text, re.M)}


def _cases(text: str) -> list[tuple[str, str, str]]:
    """(heading, 前置条件 row, 判定准则 row) of every test case table."""
    out = []
    for chunk in re.split(r"^### ", text, flags=re.M)[1:]:
        pre = re.search(r"^\| 前置条件 \|.*$", chunk, re.M)
        crit = re.search(r"^\| 判定准则 \|.*$", chunk, re.M)
        if pre and crit:
            out.append((chunk.splitlines()[0], pre.group(0), crit.group(0)))
    return out


def test_every_file_kind_a_criterion_with_declared_type_b_reads_is_named_in_6_2_a(zh_markdown: str):
    umbrella = _umbrella(zh_markdown, "zh")
    kinds = umbrella[umbrella.index("（") + 1:-1].split("、")
    assert kinds == ["采集文件", "跟踪记录", "气味分析记录"]
    titles = _annex_titles(zh_markdown)
    item_a = _item_a(zh_markdown, "zh")
    combining = [(h, pre) for h, pre, crit in _cases(zh_markdown) if "仪器声明的 B 类合成" in crit]
    assert len(combining) >= 35
    unread, unnamed, every = [], [], set()
    for heading, pre in combining:
        formats = re.search(r"所读数据的格式见附录 E（([^|]*?)）。", pre)
        refs = re.findall(r"E\.\d+", formats.group(1)) if formats else []
        read = {kind for ref in refs for kind in kinds if kind in titles.get(ref, "")}
        every |= read
        unread += [heading] if not read else []
        unnamed += [(heading, kind) for kind in read if kind not in item_a]
    assert unread == [], "a criterion combining the declared type B reads no measuring data file"
    assert every == set(kinds)
    assert unnamed == []
    assert "在采集文件中" not in item_a


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_6_2_a_names_the_measuring_data_files_in_3_61s_words(lang: str, zh_markdown: str, en_markdown: str):
    text = zh_markdown if lang == "zh" else en_markdown
    assert _umbrella(text, lang) in _item_a(text, lang)
    assert ("as the capture declares it" if lang == "en" else "在采集文件中") not in _item_a(text, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_notes_lead_says_6_2s_grids_and_clock_sentence(lang: str, zh_markdown: str, en_markdown: str,
                                                          note_md: str, note_md_en: str):
    clause = _clause_62(zh_markdown if lang == "zh" else en_markdown, lang)
    lead = _lead(note_md if lang == "zh" else note_md_en, lang)
    grid = re.search(r"读取网格（[^）]+）" if lang == "zh" else r"the grid it is read on \([^)]+\)", clause)
    assert grid is not None and grid.group(0) in lead
    assert ("时钟的计数间隔" if lang == "zh" else "a clock's ticks") in grid.group(0)
    clock = re.search(r"测试设备以其自身的单调时钟读取的时间[^。]+。" if lang == "zh"
                      else r"Times the test equipment reads on its own monotonic clock[^.]+\.", clause)
    assert clock is not None and clock.group(0) in lead
    assert ("时钟分辨力的分量可以忽略，不计入" if lang == "zh" else "which is negligible.") not in lead


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_6_2_a_and_the_notes_lead_say_an_undeclared_instrument_leaves_the_value_unjudged(
        lang: str, zh_markdown: str, en_markdown: str, note_md: str, note_md_en: str):
    text = zh_markdown if lang == "zh" else en_markdown
    item_a = _item_a(text, lang)
    lead = _lead(note_md if lang == "zh" else note_md_en, lang)
    if lang == "zh":
        said = "所读仪器却未声明可用于该值的不确定度时，仅有 A 类的 *U* 不足以判其通过，该值不予判定，测试用例至多为不确定，判定准则另有规定的除外"
        # the criteria this sentence covers
        assert text.count("仅有 A 类的 *U* 不足以判其通过") >= 30
    else:
        said = ("declares no uncertainty usable for it, cannot pass on a *U* of type A alone: it is left unjudged and "
                "the test case is at best inconclusive, unless its criteria say otherwise")
    assert said in item_a
    assert said in lead
