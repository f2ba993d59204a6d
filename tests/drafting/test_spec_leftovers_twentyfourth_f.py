"""The leftovers of the twenty-fourth reading of issue 76, part f (docs/drafting.md, "Leftovers of the twenty-fourth
reading, part f"): one Chinese term for one concept, the one annex E or the cited standard uses (rows 21, 32, 33);
TD-BCI-007's units by symbol (row 23) and TD-BCI-001's (row 30); TD-BCI-006's statement as R2 states its criterion,
with TD-HAND-004 and TD-FACE-007 the same (row 24); TD-MPLAT-004's frequency as a formula (row 28); the English giving
as a number what the Chinese gives so (row 29). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from conformance.drafting.quantities import english_unit_symbols
from conformance.drafting.wording import unit_symbols
from conformance.drafting.writer import Block
from tests.drafting.blocks import text_of
from tests.drafting.test_spec_leftovers_twentysecond_b import _plain
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: the term each pair keeps -> the terms it replaced (rows 21, 32, 33): annex E's 舞台空间 (OpenXR's STAGE space) and
#: 跟踪范围 (`system.tracking.volume`), the 耳间时间差 of TD-AUD-004's rules, ITU-T P.58's 头和躯干模拟器
_TERMS = {"舞台空间": ("场地空间",), "跟踪范围": ("跟踪空间",), "耳间时间差": ("双耳时间差",), "耳间差": ("双耳差",),
          "头和躯干模拟器": ("头躯模拟器", "头躯干模拟器")}


def test_each_concept_has_one_chinese_term(zh_markdown: str, note: list[Block]):
    """Rows 21, 32 and 33: 场地空间 beside 舞台空间, 跟踪空间 beside 跟踪范围, 双耳时间差 beside 耳间时间差 and three
    names of the head and torso simulator, in the draft and its 编制说明."""
    zh_note = text_of(note)
    for kept, dropped in _TERMS.items():
        for term in dropped:
            assert term not in zh_markdown and term not in zh_note, (kept, term)
    cases = _cases(zh_markdown)
    assert "在舞台空间中的位置上依次播放" in _row(cases["TD-AUD-006"], "前置条件")
    assert "设备描述声明其跟踪范围（`system.tracking.volume`）" in _row(cases["TD-BODY-005"], "前置条件")
    assert "跟踪范围（`system.tracking.volume`）" in _row(cases["TD-RUN-007"], "测试步骤")
    assert "遮挡下与跟踪范围边界面处的身体跟踪" in _row(cases["TD-BODY-005"], "前置条件")
    conditions = _row(cases["TD-AUD-005"], "前置条件")
    assert "佩戴设备、符合 ITU-T P.58（2023-03）的头和躯干模拟器在转台上转动" in conditions and "约相当于 9 μs 的耳间时间差" in conditions
    assert "符合 ITU-T P.58（2023-03）的头和躯干模拟器" in _row(cases["TD-AUD-004"], "前置条件")
    # annex B's spatial-audio row, and table 8 of clause 5.9
    assert "其耳间时间差向相反方向摆动" in zh_markdown and "耳间时间差与球形头模型之差" in zh_markdown
    assert "双耳时间差与声级差" not in zh_note and "耳间时间差与耳间声级差容差" in zh_note


def test_the_english_names_the_head_and_torso_simulator_as_p58_does(en_markdown: str, note_en: list[Block]):
    """Row 33 (b), the English beside the Chinese: "head-and-torso simulator" beside P.58's "head and torso
    simulator". The 编制说明's limits table quotes only the sentence naming a number since part h, so the note may
    name the simulator nowhere; where it does, in P.58's form."""
    assert "head-and-torso" not in en_markdown and "head and torso simulator" in en_markdown
    assert "head-and-torso" not in text_of(note_en)


def test_the_bci_signal_chain_writes_its_units_by_symbol(zh_markdown, en_markdown):
    """Row 23: TD-BCI-007's 前置条件 wrote the code value `uV` for the unit μV, 「47 纳法」 beside 「10 kΩ」, and the
    English "kOhm", "Mohm" and "uV" where the Chinese and annex E write kΩ, MΩ and μV."""
    zh = _cases(zh_markdown)["TD-BCI-007"]
    assert "`uV`" not in zh and "纳法" not in zh
    assert "其输出噪声不大于 1 μV 峰峰值，即 6 μV 限值的六分之一" in _row(zh, "前置条件")
    assert "10 kΩ 并联 47 nF 的不平衡阻抗" in _row(zh, "前置条件")
    en = _cases(en_markdown)["TD-BCI-007"]
    conditions = _row(en, "Initial conditions")
    assert "at 50 μV peak-to-peak" in conditions
    assert "at most 1 μV peak-to-peak, a sixth of the 6 μV limit" in conditions
    assert "10 kΩ parallel 47 nF" in conditions and "(the reference set-up: 10 MΩ)" in conditions
    assert "R4: Every channel MUST stay within 6 μV peak-to-valley" in _row(en, "Test purpose")
    assert not re.findall(r"\d (?:uV|kOhm|Mohm)\b", _plain(en_markdown))


def test_the_english_writes_an_ascii_unit_after_a_value_by_its_symbol():
    """Row 23, the writers: the English's "uV", "kOhm", "Mohm" and the Chinese 「纳法」 after a value, by symbol."""
    assert english_unit_symbols("6 uV, 10 kOhm parallel 47 nF, 10 Mohm; units `uV`") == \
        "6 μV, 10 kΩ parallel 47 nF, 10 MΩ; units `uV`"
    assert unit_symbols("串入 10 千欧并联 47 纳法的不平衡阻抗") == "串入 10 kΩ 并联 47 nF 的不平衡阻抗"


def test_the_bci_channels_unit_is_written_by_symbol(zh_markdown, en_markdown):
    """Row 30: 「脑电与肌电通道的单位为微伏（`uV`）」 in TD-BCI-001's statement and R2, the last unit named in words."""
    assert not re.search(r"单位(?:应)?为(?:微伏|毫秒|秒|米|度|纳秒|瓦)", _plain(zh_markdown))
    zh = _row(_cases(zh_markdown)["TD-BCI-001"], "测试目的")
    # forty-seventh reading, c6: the other two spellings the check takes are named after `uV`
    assert "脑电与肌电通道的单位为 μV（写作 `uV`，" in zh and "单位应为 μV（写作 `uV`，" in zh
    en = _row(_cases(en_markdown)["TD-BCI-001"], "Test purpose")
    assert "as μV (written `uV`," in en and "MUST be μV (written `uV`," in en


def test_the_chance_bound_is_stated_as_r2_states_it(zh_markdown, en_markdown):
    """Row 24: TD-BCI-006's statement asked 「多于……以 5% 的概率所能达到的正确试次数」 ("more … than guessing reaches
    with a probability of 5 %") where R2 and step 4 ask at least the fewest whose upper tail is at most 5 %;
    TD-HAND-004 and TD-FACE-007 had the same statement."""
    wanted = {"TD-BCI-006": ("正确试次数不少于在标签类别间随机猜测以不超过 5% 的概率所能达到的最少正确试次数",
                             "with at least the fewest correct trials that guessing among the labels' classes reaches "
                             "with a probability of at most 5 %"),
              "TD-HAND-004": ("正确识别的提示数不少于在词表各手势间随机猜测以不超过 5% 的概率所能达到的最少正确数",
                              "with the correctly recognised cues at least the fewest that guessing among the "
                              "vocabulary's gestures reaches with a probability of at most 5 %"),
              "TD-FACE-007": ("应答正确的提示数不少于在词表各表情间随机猜测以不超过 5% 的概率所能达到的最少正确数",
                              "with the rightly answered cues at least the fewest that guessing among the "
                              "vocabulary's expressions reaches with a probability of at most 5 %")}
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid, (zh, en) in wanted.items():
        zh_purpose = _row(zh_cases[rid], "测试目的").split("<br>")[0]
        en_purpose = _row(en_cases[rid], "Test purpose").split("<br>")[0]
        assert zh in zh_purpose and "多于" not in zh_purpose, rid
        assert en in en_purpose and "probability of 5 %" not in en_purpose, rid
    assert "an accuracy of at least 70 %, at least as many correct trials" in \
        _row(en_cases["TD-BCI-006"], "Expected result")


def test_the_platform_corner_frequency_is_a_formula(zh_markdown, en_markdown):
    """Row 28: 「频率为额定速度除以 2π 乘额定位移时」 and "the rated velocity over 2 pi times the rated displacement",
    read left to right (v ÷ 2π) × A; R2 wrote "2 pi times the frequency times the amplitude"."""
    zh, en = _cases(zh_markdown)["TD-MPLAT-004"], _cases(en_markdown)["TD-MPLAT-004"]
    assert "除以 2π" not in zh and "2 pi" not in en
    assert "*A* = *D* 且 *f* = *V* / (2π*D*) 时一个指令同时达到两者" in _row(zh, "前置条件")  # 57th reading, cx1
    assert "(*A* = *D* and *f* = *V* / (2π*D*) reach both in one command;" in _row(en, "Initial conditions")
    assert "指令峰值速度 2π*f*·*A*（*f* 为频率，*A* 为幅值）" in _row(zh, "测试目的")
    assert "commanded peak velocity 2π*f*·*A* (*f* the frequency, *A* the amplitude)" in _row(en, "Test purpose")


def test_the_english_gives_the_numbers_the_chinese_gives(en_markdown):
    """Row 29: "for a minute", "a ten-minute session", "four times or more", "at least three times" and "shorter
    than a second" where the Chinese writes 1 min, 10 min, 4 次, 3 次 and 1 s."""
    for words in ("for a minute", "ten-minute", "four times or more", "at least three times", "shorter than a second",
                  "a minute's hold"):
        assert words not in en_markdown, words
    cases = _cases(en_markdown)
    assert "held still on a test rig for 1 min does not drift" in cases["TD-PERF-003"]
    assert "Tracking holds over a 10 min session" in cases["TD-PERF-005"]
    assert "In every 10 min session" in _row(cases["TD-PERF-005"], "Expected result")
    assert "the device's wake word at least 4 times" in _row(cases["TD-VOICE-004"], "Test procedure")
    assert "past that angle and back at least 3 times" in _row(cases["TD-DISP-009"], "Initial conditions")
    assert "for a stream shorter than 1 s" in _row(cases["TD-HAND-002"], "Test procedure")
