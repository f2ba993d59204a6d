"""The leftovers of the thirty-ninth reading of issue 76, part cT2 (docs/drafting.md, "Leftovers of the thirty-ninth
reading, part cT2"): every planned item a terminal check cannot measure is recorded unjudged and named in the case's
不确定 line (c8 TD-FACE-005's trials without an onset, c9 TD-BCI-007's declared set-ups, c10 TD-PWR-003 per stream,
c11 TD-AUD-007's signals and sources); TD-DISP-005 states what it records and its blocks' tolerance (c13); TD-GAZE-002's
不确定 line lists every unusable target (c15). The checks' changes are tested in
tests/areas/terminal/test_unjudged_thirtyninth_cT2.py. Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def _lines(markdown: str, case: str, lang: str) -> tuple[list[str], dict[str, str]]:
    text = _cases(markdown)[case]
    return _steps(text, lang), _verdict_lines(text, lang)


def test_c8_face_expression_trials_without_an_onset_are_unjudged(zh_markdown, en_markdown):
    steps, lines = _lines(zh_markdown, "TD-FACE-005", "zh")
    assert "窗口关闭之前" in steps[5] and "记为未判定" in steps[5] and "予以计数" not in steps[5]
    assert "每个名称正确的试次在参考上均有表情开始时刻" in lines["通过"]
    assert "某个名称正确的试次在参考上没有表情开始时刻，R4 无从判定" in lines["不确定"]
    steps, lines = _lines(en_markdown, "TD-FACE-005", "en")
    assert "before its window closes" in steps[5] and "unjudged" in steps[5]
    assert "a right trial has no expression onset on the reference" in lines["Inconclusive"]


def test_c9_bci_calibration_set_ups_not_measured_are_unjudged(zh_markdown, en_markdown):
    steps, lines = _lines(zh_markdown, "TD-BCI-007", "zh")
    assert all("记为未判定" in steps[i] for i in (5, 6, 7))
    # the sixty-first reading, cx1: the three set-ups are asked for, declared or not (an undeclared one is unjudged too)
    assert "三项设置均已声明并得到测量" in lines["通过"] and "未声明短接时段时 R4 不予判定" not in lines["通过"]
    assert "所声明的短接、共模或串联时段不在记录之内、过短或（串联）频率与参考正弦不同，R4、R5 或 R6 无从判定" \
        in lines["不确定"] and "即使另有数据流得到判定" in lines["不确定"]
    steps, lines = _lines(en_markdown, "TD-BCI-007", "en")
    assert all("record the set-up unjudged" in steps[i] for i in (5, 6, 7))
    assert "so R4, R5 or R6 cannot be judged (even beside a stream judged)" in lines["Inconclusive"]


def test_c10_power_analyser_streams_are_judged_per_stream(zh_markdown, en_markdown):
    steps, lines = _lines(zh_markdown, "TD-PWR-003", "zh")
    assert "不予判定" not in steps[3] + steps[5] and "记为未判定" in steps[3] and "记为未判定" in steps[5]
    assert "每个声明了功率分析仪的数据流均得到判定" in lines["通过"]
    assert "或没有不符合项，而某个声明了功率分析仪的数据流上分析仪从未测得设备运行" in lines["不确定"]
    assert lines["不确定"].endswith("（即使另有数据流得到判定）。")
    steps, lines = _lines(en_markdown, "TD-PWR-003", "en")
    assert "every `power` stream declaring a power analyser is judged" in lines["Pass"]
    assert "(even beside a stream judged)" in lines["Inconclusive"]


def test_c11_distance_signals_and_sources_not_judged_are_unjudged(zh_markdown, en_markdown):
    steps, lines = _lines(zh_markdown, "TD-AUD-007", "zh")
    assert "未指明声源与位置的测试信号，记为未判定" in steps[2] and "将该声源记为未判定" in steps[3]
    assert "每个声源均得到判定" in lines["通过"] and "被判定声源" not in lines["通过"]
    assert "或某个测试信号的窗口不在记录之内或与其他信号重叠" in lines["不确定"]
    assert "或某个声源未得到判定（即使另有声源得到判定）" in lines["不确定"]
    steps, lines = _lines(en_markdown, "TD-AUD-007", "en")
    assert "is recorded unjudged" in steps[2] and "record the source unjudged" in steps[3]
    assert "or a source is not judged (even beside a source judged)" in lines["Inconclusive"]


def test_c13_flicker_states_its_record_and_its_tolerance(zh_markdown, en_markdown):
    steps, lines = _lines(zh_markdown, "TD-DISP-005", "zh")
    assert "本文件规定的 0.5 个采样周期" in steps[3]  # in digits since the forty-ninth reading (c4)
    assert "调制深度与限值之比最大的窗口" in steps[6] and "记录每个不符合的窗口" not in steps[6]
    assert "超出的窗口数" in lines["不通过"]
    steps, lines = _lines(en_markdown, "TD-DISP-005", "en")
    assert "0.5 sample periods" in steps[3] and "Record each window that does not conform" not in steps[6]
    assert "the number of windows outside the region" in lines["Fail"]


def test_c15_gaze_lists_every_unusable_target(zh_markdown, en_markdown):
    _, lines = _lines(zh_markdown, "TD-GAZE-002", "zh")
    assert "`t` 不是整数" in lines["不确定"] and "大于 60 000 ms" in lines["不确定"] and "见第 3 步" in lines["不确定"]
    _, lines = _lines(en_markdown, "TD-GAZE-002", "en")
    assert "no integer `t`" in lines["Inconclusive"] and "above 60 000 ms" in lines["Inconclusive"] and "see step 3" in lines["Inconclusive"]
