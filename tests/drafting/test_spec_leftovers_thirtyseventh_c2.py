"""The leftovers of the thirty-seventh reading of issue 76, part c2 (docs/drafting.md, "Leftovers of the
thirty-seventh reading, part c2"): rows c9 to c16, each a terminal case whose text and check disagreed. The checks
are held by tests/areas/terminal/test_streams_unjudged_thirtyseventh_c2.py and the known-bad cases; these hold the
rendered draft. Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _lines(markdown: str, case: str, lang: str) -> dict[str, str]:
    return _verdict_lines(_cases(markdown)[case], lang)


def _steps(markdown: str, case: str, lang: str) -> str:
    return _row(_cases(markdown)[case], "测试步骤" if lang == "zh" else "Test procedure")


def test_c9_td_force_003_an_unknown_offer_is_inconclusive(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, "TD-FORCE-003", "zh"), _lines(en_markdown, "TD-FORCE-003", "en")
    assert "或无法在设备描述中找到任一数据流所属的提供项" in zh["不确定"]
    assert "the offer a stream is of cannot be found in the device descriptor" in en["Inconclusive"]
    assert "均在设备描述中" in zh["不适用"] and "are all in the device descriptor" in en["Not applicable"]
    assert "结果至多为不确定" in _steps(zh_markdown, "TD-FORCE-003", "zh")


@pytest.mark.parametrize("case", ["TD-GAZE-001", "TD-BODY-001", "TD-FACE-001", "TD-OLF-001", "TD-POSE-001",
                                  "TD-HAND-001"])
def test_c10_a_frame_that_does_not_parse_is_a_fail(zh_markdown, en_markdown, case):
    zh, en = _lines(zh_markdown, case, "zh"), _lines(en_markdown, case, "en")
    assert "无法解析" not in zh["不确定"].replace("文件头无法读取或无法解析", "")
    assert "frames cannot be parsed" not in en["Inconclusive"]
    assert "数据流的帧存在而无法解析（成员缺失或类型不符" in zh["不通过"]
    assert "is there but does not parse (a member missing or of the wrong type" in en["Fail"]


def test_c11_td_hand_004_defines_an_unusable_schedule(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, "TD-HAND-004", "zh"), _lines(en_markdown, "TD-HAND-004", "en")
    assert "不可用（词表少于两个手势名或没有提示列表）" in zh["不确定"]
    assert "cannot be used (a vocabulary of fewer than two gesture names, or no list of cues)" in en["Inconclusive"]
    assert "声明可用" not in zh["通过"] and "usable" not in en["Pass"]


def test_c12_td_holo_002_states_the_allowance_and_its_states(zh_markdown, en_markdown):
    zh, en = _cases(zh_markdown)["TD-HOLO-002"], _cases(en_markdown)["TD-HOLO-002"]
    # the half in digits this document sets since the forty-ninth reading (c1)
    assert "中位数大小的本文件规定的 0.5 倍与 0.1 像素中的较大者" in zh and "0.5 times the median size or 0" in en
    assert "无法解码" in _verdict_lines(zh, "zh")["不通过"] and "cannot be decoded" in _verdict_lines(en, "en")["Fail"]
    assert "两个及以上的显示设备描述声明光场" in _verdict_lines(zh, "zh")["不确定"]
    assert "two or more display descriptors declare a light field" in _verdict_lines(en, "en")["Inconclusive"]


def test_c13_td_perf_001_judges_r4_by_its_decision_rule(zh_markdown, en_markdown):
    assert "R1、R2 与 R4 均按本用例的判定规则" in _steps(zh_markdown, "TD-PERF-001", "zh")
    assert "R1, R2 and R4 are each judged by this case's decision rule" in _steps(en_markdown, "TD-PERF-001", "en")
    assert "无法使用" in _lines(zh_markdown, "TD-PERF-001", "zh")["不确定"]
    assert "cannot be used" in _lines(en_markdown, "TD-PERF-001", "en")["Inconclusive"]


def test_c14_td_run_005_passes_only_on_something_judged(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, "TD-RUN-005", "zh"), _lines(en_markdown, "TD-RUN-005", "en")
    # the count in digits since the sixty-eighth reading (part h131-ttext, doubtful item 3)
    assert "至少 2 个预测显示时间得到比较" in zh["通过"] and "at least 2 predicted display times" in en["Pass"]
    assert "以错误应答" in zh["不通过"] and "answered with an error" in en["Fail"]
    assert "少于 2 个" in zh["不确定"] and "R2 cannot be judged" in en["Inconclusive"]


def test_c15_td_tact_004_an_unrecognised_touch_is_unjudged(zh_markdown, en_markdown):
    assert "其 R2 至 R4 无法作出判定" in _lines(zh_markdown, "TD-TACT-004", "zh")["不确定"]
    assert "so its R2 to R4 cannot be judged" in _lines(en_markdown, "TD-TACT-004", "en")["Inconclusive"]
    assert "不判定其位置、力与轨迹（规则 R2 至 R4）" in _steps(zh_markdown, "TD-TACT-004", "zh")


def test_c16_td_tact_002_and_005_an_uncovered_hold_is_unjudged(zh_markdown, en_markdown):
    assert "或某个保持段被阵列少于 3 帧覆盖而无法测量" in _lines(zh_markdown, "TD-TACT-002", "zh")["不确定"]
    assert "a hold is covered by fewer than 3 array frames" in \
        _lines(en_markdown, "TD-TACT-002", "en")["Inconclusive"]
    zh, en = _lines(zh_markdown, "TD-TACT-005", "zh"), _lines(en_markdown, "TD-TACT-005", "en")
    assert "某个保持段被少于 3 个应答覆盖而无法测量" in zh["不确定"] and "无法对 R4 作出判定" in zh["不确定"]
    assert "a hold is covered by fewer than 3 answers" in en["Inconclusive"]
    assert "no run at no load holds an answer so R4 cannot be judged" in en["Inconclusive"]
