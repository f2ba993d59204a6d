"""The fifty-fourth reading, part h108-sources (docs/drafting.md, "Fifty-fourth reading, part h108-sources"): three
weak sources the fifty-third reading's part h107-limits added for TD-AUD-004's 40 dB and TD-DISP-011's 50 cd/m² and
0.5 (a hobby encyclopedia, a vendor glossary, a book chapter with no year none of whose figures the search tool could
confirm) give way to reasons of the document's own; the limits table kept a reason given after 「；」 for one number of
a several-number heading only when the heading's reason named one of them again (the fifty-third reading's c1
cause); TD-OLF-003's floor for a release, five times the noise or 0.05 μmol/mol, stood in no row. Each test fails on
the draft as it was before."""

from __future__ import annotations

import re

from conformance.drafting.limitnumbers import deciding_text, digits
from conformance.drafting.limitreasons import with_each_reason
from conformance.drafting.writer import Writer
from tests.drafting.blocks import limit_rows as _table
from tests.drafting.test_reading_fortyseventh_h99quote import _gives

#: TD-HAND-004's heading before h107-limits reworded it: its reason paraphrases 90 % and 1 a minute, names none again
_HEADING = ("90% 的准确率、每分钟 1 次误识别与 250 毫秒容差为本目录的设定：每十个被提示手势中漏识或错识超过一个、或每分钟自行"
            "触发超过一次的指令输入，会使用户重复与撤销多于交互；")
_LIMITS = ["90%", "250 ms", "1 min⁻¹"]


def test_a_reason_after_the_semicolon_for_a_number_the_heading_paraphrases_none_of_is_kept():
    placed = {0: _HEADING, 1: "250 毫秒为识别器报告在提示结束时才完成的手势留出时间。", 2: "其他。"}
    assert with_each_reason((0,), placed, _LIMITS, _gives) == (0, 1)


def test_a_heading_reasoning_for_all_at_once_or_ending_its_sentence_stays_whole():
    together = {0: _HEADING.replace("每十个被提示手势中漏识或错识超过一个、或每分钟自行触发超过一次的指令输入，会使用户重复与撤销多于交互",
                                    "三者均使交互不被打断"), 1: "250 毫秒另说。"}
    assert with_each_reason((0,), together, _LIMITS, _gives) == (0,)
    # TD-FORCE-005: a heading whose sentence ends is whole; the method sentence after it is no reason
    ended = {0: _HEADING.replace("；", "。"), 1: "以下情形不予判定：记录未持续 250 毫秒；"}
    assert with_each_reason((0,), ended, _LIMITS, _gives) == (0,)


def test_a_multiple_in_chinese_numerals_and_a_mole_fraction_are_read():
    assert digits("升高低于本底的五倍或 0.05 μmol/mol 时为未释放") == "升高低于本底的 5 倍或 0.05 μmol/mol 时为未释放"
    assert "两倍" in digits("强度至少为另一条两倍的指令")  # not 两, as for counts (forty-eighth reading)


def test_td_olf_003_states_its_release_floor_with_its_reason(note, catalog):
    assert "本底的 5 倍" in deciding_text(Writer(catalog, "zh"), catalog.requirements["TD-OLF-003"])
    limits, basis = _table(note)["TD-OLF-003"]
    assert {"5 倍", "0.05 μmol/mol"} <= set(limits.split("，"))
    assert "使噪声的起伏与检测器零点的漂移不被当作释放" in basis and "附注未写明" not in basis


def test_no_weak_source_grounds_a_number(note, zh, catalog):
    """Items 1-3: the encyclopedia, the glossary and the year-less chapter are gone from the sources, the bibliography
    and the 三（三） rows; the numbers are the document's own with a reason."""
    text = "\n".join(str(block) for block in zh)
    for gone in ("Dirac Delta", "Dynamic Display", "Rash C E"):
        assert gone not in text
    for rid in ("TD-AUD-004", "TD-DISP-011"):
        notes = catalog.requirements[rid].notes
        assert not re.search(r"Dirac|Dynamic Display|Rash", notes.en + notes.zh)
        assert not any(re.search(r"Dirac|Dynamic Display|Rash", s.name) for s in catalog.requirements[rid].source.standards)
    rows = _table(note)
    assert "这两个数值为本文件自定：40 dB 即较弱一耳的幅值为较强一耳的百分之一" in rows["TD-AUD-004"][1]
    assert "−60 dB FS 比 16 位录音的量化本底" in rows["TD-AUD-004"][1]  # the quote goes on to the other number's reason
    # the society's entry is numbered where the row first names it (fifty-ninth reading, d8's class)
    assert re.search(r"50 cd/m²（`min_eyepiece_luminance`）为本文件自定的数值，是北美照明工程学会(?:（参考文献\[\d+\]）)?所定中间视觉上限约 5 cd/m²",
                     rows["TD-DISP-011"][1])
    assert "0.5（`min_luminance_uniformity`）亦为本文件自定" in rows["TD-DISP-011"][1]
