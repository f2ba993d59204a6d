"""The leftovers of the fortieth reading of issue 76, part cT (docs/drafting.md, "Leftovers of the fortieth reading,
part cT"): TD-ACC-001 names the schema's states it fails (c7); TD-BCI-006, TD-GAZE-005, TD-MPLAT-003/-004 and
TD-PWR-002 name the declared stream or planned fixation recorded unjudged (c9, c10, c12, c13), TD-MPLAT-004 the 1 Hz
bound of its set-up (c12) and TD-PWR-001 what it does with a short session (c13); TD-HAND-005, TD-BODY-003 and
TD-FACE-004 state the frames the test equipment holds and the latency search's sample (c11). The checks' changes
are tested in tests/areas/terminal/test_unjudged_fortieth_cT.py. Each test fails on the draft as it was before
these fixes."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _lines(markdown: str, case: str, lang: str) -> tuple[str, dict[str, str]]:
    text = _cases(markdown)[case]
    return " ".join(_steps(text, lang)), _verdict_lines(text, lang)


def test_c7_accessibility_names_undefined_members_and_repeated_values(zh_markdown, en_markdown):
    steps, lines = _lines(zh_markdown, "TD-ACC-001", "zh")
    assert "不含设备描述模式未定义的成员（`x-` 开头者除外）" in steps and "没有重复的取值" in steps
    assert "（或其值为 `null`）" in steps
    assert "或含设备描述模式未定义的成员（`x-` 开头者除外），或列表中有重复的取值" in lines["不通过"]
    steps, lines = _lines(en_markdown, "TD-ACC-001", "en")
    assert "none repeated" in steps and "(bar those starting `x-`)" in steps
    assert "or a list repeats a value" in lines["Fail"]


def test_c9_decision_labels_of_one_class_are_unjudged(zh_markdown, en_markdown):
    steps, lines = _lines(zh_markdown, "TD-BCI-006", "zh")
    assert "其 `labels` 所要求的判决少于两种" in steps and "其 `labels` 所要求的判决少于两种" in lines["不确定"]
    steps, lines = _lines(en_markdown, "TD-BCI-006", "en")
    assert "its `labels` call for fewer than two distinct decisions" in lines["Inconclusive"]


def test_c10_skipped_fixations_are_unjudged(zh_markdown, en_markdown):
    steps, lines = _lines(zh_markdown, "TD-GAZE-005", "zh")
    assert "记录其次数，并将该数据流记为未判定" in steps
    assert "其时间表中的每次注视均得到计入" in lines["通过"]
    assert "或时间表中有注视指向未声明的目标或缺少开始时刻或持续时间（即使另有注视得到判定）" in lines["不确定"]
    steps, lines = _lines(en_markdown, "TD-GAZE-005", "en")
    assert "the stream recorded unjudged" in steps and "every fixation of its schedule is counted" in lines["Pass"]
    assert "(even beside fixations judged)" in lines["Inconclusive"]


@pytest.mark.parametrize("case", ["TD-HAND-005", "TD-BODY-003", "TD-FACE-004"])
def test_c11_the_frame_cap_and_the_search_sample_are_stated(zh_markdown, en_markdown, case):
    steps, _ = _lines(zh_markdown, case, "zh")
    assert "至多保留 40 000 帧" in steps and "其后的帧不予比较，记录其帧数" in steps
    assert "在至多 2 000 个均匀分布的设备帧（读取界限“求时移所用的设备帧数”，见 5.1）的 `t` 减去该时移时刻取值" in steps
    assert "在设备各帧的 `t`" not in steps
    steps, _ = _lines(en_markdown, case, "en")
    assert "at most 40 000 frames" in steps.lower() and "at most 2 000 device frames evenly spread" in steps


def test_c12_the_commanded_frequency_bound_and_unusable_commands(zh_markdown, en_markdown):
    set_up = _row(_cases(zh_markdown)["TD-MPLAT-004"], "前置条件")
    assert "*f* 不大于 5 Hz（采集文件头 `commanded_motion` 格式的上限）" in set_up  # 1 Hz until the 57th reading
    for case in ("TD-MPLAT-003", "TD-MPLAT-004"):
        steps, lines = _lines(zh_markdown, case, "zh")
        assert "`commanded_motion` 不可用（某轴频率大于 5 Hz" in steps
        assert "`commanded_motion` 不可用（频率大于 5 Hz 等，TD\u2011CAP\u2011001 判其不通过）" in lines["不确定"]
        steps, lines = _lines(en_markdown, case, "en")
        assert "(above 5 Hz and the like, which TD\u2011CAP\u2011001 fails)" in lines["Inconclusive"]
    set_up = _row(_cases(en_markdown)["TD-MPLAT-004"], "Initial conditions")
    assert "*f* is at most 5 Hz" in set_up


def test_c13_power_streams_without_a_thermometer_and_short_sessions(zh_markdown, en_markdown):
    _, lines = _lines(zh_markdown, "TD-PWR-002", "zh")
    assert "均声明温度计并得到判定" in lines["通过"]
    assert "或没有不符合项，而某个给出 `temperature_c` 样本的 `power` 数据流未声明温度计（即使另有数据流得到判定）" \
        in lines["不确定"]
    _, lines = _lines(en_markdown, "TD-PWR-002", "en")
    assert "declares no thermometer (even beside a stream judged)" in lines["Inconclusive"]
    steps, _ = _lines(zh_markdown, "TD-PWR-001", "zh")
    assert "记录原因，该数据流不予判定" in steps and "记录为未判定" not in steps
    steps, _ = _lines(en_markdown, "TD-PWR-001", "en")
    assert "record the reason; that stream is not judged" in steps
