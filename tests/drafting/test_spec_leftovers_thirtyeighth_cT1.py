"""The leftovers of the thirty-eighth reading of issue 76, part cT1 (docs/drafting.md, "Leftovers of the
thirty-eighth reading, part cT1"): rows c1, c2, c4, c21 and c22, terminal cases whose text and check disagreed. The
checks are held by tests/areas/terminal/test_streams_unjudged_thirtyeighth_cT1.py; these hold the rendered draft.
Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_thirtyseventh_c2 import _lines, _steps

PER_STREAM_ZH, PER_STREAM_EN = "（即使另有数据流得到判定）", "(even beside a stream judged)"


@pytest.mark.parametrize("case", ["TD-BCI-003", "TD-FACE-002", "TD-DISP-002"])
def test_c1_c2_c21_a_frame_that_does_not_parse_is_a_fail(zh_markdown, en_markdown, case):
    zh, en = _lines(zh_markdown, case, "zh"), _lines(en_markdown, case, "en")
    assert "数据流的帧存在而无法解析" in zh["不通过"]
    assert "is there but does not parse" in en["Fail"]
    assert "无法解析" not in zh["不确定"].replace("文件头无法读取或无法解析", "")
    assert "cannot be read as numbers" not in en["Inconclusive"] and "without pose_t" not in en["Inconclusive"]


def test_c21_td_disp_002_names_a_short_stream_per_stream(zh_markdown, en_markdown):
    assert PER_STREAM_ZH in _lines(zh_markdown, "TD-DISP-002", "zh")["不确定"]
    assert PER_STREAM_EN in _lines(en_markdown, "TD-DISP-002", "en")["Inconclusive"]


def test_c4_td_hand_002_an_unusable_hand_stream_is_unjudged(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, "TD-HAND-002", "zh"), _lines(en_markdown, "TD-HAND-002", "en")
    assert "而某个 `hand` 数据流中没有手部激活" in zh["不确定"] and PER_STREAM_ZH in zh["不确定"]
    assert "a `hand` stream has no frame that is active" in en["Inconclusive"] and PER_STREAM_EN in en["Inconclusive"]
    assert "没有此类帧的数据流无法得出参考长度，记录原因" in _steps(zh_markdown, "TD-HAND-002", "zh")
    assert "a stream with no such frame gives no reference length" in _steps(en_markdown, "TD-HAND-002", "en")


def test_c22_td_perf_002_an_unusable_reference_motion_is_unjudged(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, "TD-PERF-002", "zh"), _lines(en_markdown, "TD-PERF-002", "en")
    assert "声明的 `reference_motion` 无法使用（不是圆周、缺少成员，或半径或周期不为正）" in zh["不确定"]
    assert PER_STREAM_ZH in zh["不确定"]
    assert "declared `reference_motion` cannot be used" in en["Inconclusive"] and PER_STREAM_EN in en["Inconclusive"]
    assert "`reference_motion` 无法使用" in _steps(zh_markdown, "TD-PERF-002", "zh")
    assert "whose `reference_motion` cannot be used" in _steps(en_markdown, "TD-PERF-002", "en")


def test_c3_td_bci_004_and_003_name_an_unjudged_stream_per_stream(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, "TD-BCI-004", "zh"), _lines(en_markdown, "TD-BCI-004", "en")
    assert "而某个数据流未声明可用的通道或没有可读的帧" + PER_STREAM_ZH in zh["不确定"]
    assert "a stream declares no usable channels or holds no frame that parses " + PER_STREAM_EN in en["Inconclusive"]
    zh, en = _lines(zh_markdown, "TD-BCI-003", "zh"), _lines(en_markdown, "TD-BCI-003", "en")
    assert "无可比对的量程" + PER_STREAM_ZH in zh["不确定"]
    assert "no usable `range_uv` to compare with " + PER_STREAM_EN in en["Inconclusive"]


def test_c6_td_hand_006_names_the_missing_partner_and_the_schedule_exclusion(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, "TD-HAND-006", "zh"), _lines(en_markdown, "TD-HAND-006", "en")
    assert "所指的设备手部数据流不在采集文件中" in zh["不确定"] and PER_STREAM_ZH in zh["不确定"]
    assert "names is not in the capture" in en["Inconclusive"] and PER_STREAM_EN in en["Inconclusive"]
    assert "的手势数据流由 TD-HAND-004 判定" in _steps(zh_markdown, "TD-HAND-006", "zh").replace("\u2011", "-")
    assert "is judged by TD-HAND-004" in _steps(en_markdown, "TD-HAND-006", "en").replace("\u2011", "-")


def test_c12_td_body_005_states_what_it_leaves_and_what_is_unjudged(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, "TD-BODY-005", "zh"), _lines(en_markdown, "TD-BODY-005", "en")
    assert "R1 与 R2 均没有可判定的值" in zh["不确定"] and "边界面处有帧而少于 10 帧" + PER_STREAM_ZH in zh["不确定"]
    assert "a value to judge for neither R1 nor R2" in en["Inconclusive"]
    assert "仅由 TD-BODY-003 判定" in _steps(zh_markdown, "TD-BODY-005", "zh").replace("\u2011", "-")  # IDs render with U+2011
    assert "TD-BODY-003 alone judges it" in _steps(en_markdown, "TD-BODY-005", "en").replace("\u2011", "-")


@pytest.mark.parametrize("case", ["TD-FACE-005", "TD-FACE-007"])
def test_c13_td_face_005_007_name_an_unusable_schedule_and_an_empty_face_stream(zh_markdown, en_markdown, case):
    zh, en = _lines(zh_markdown, case, "zh"), _lines(en_markdown, case, "en")
    assert "不可用（词表少于两个名称或没有提示列表）" in zh["不确定"] and "不在采集文件中或没有帧" in zh["不确定"]
    assert PER_STREAM_ZH in zh["不确定"] and PER_STREAM_EN in en["Inconclusive"]
    assert "cannot be used (a vocabulary of fewer than two names, or no list of cues)" in en["Inconclusive"]
    assert "is not in the capture or holds no frames" in en["Inconclusive"]
