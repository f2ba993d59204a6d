"""The leftovers of the thirty-fifth reading of issue 76, part i (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part i"): the terminal area's rule (a declared stream in scope the check cannot judge makes an otherwise
passing run inconclusive) applied to further checks, and their 通过 / 不确定 lines say so: TD-PERF-003, TD-FACE-005,
TD-FACE-007, TD-HAND-004 (row c16), TD-BCI-006 (row c10, with its 200 000-marker limit), TD-BCI-005 (row c11) and
TD-GAZE-006 (row c13: no settled step, R1 never judged). Each test fails on the draft as it was before these fixes;
the checks' changes are tested in tests/areas/terminal/test_streams_unjudged.py."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

PER_STREAM = {  # requirement: (zh 通过, zh 不确定, en Pass, en Inconclusive)
    "TD-PERF-003": ("每个声明静置参考的位姿数据流均得到判定", "或没有不符合项，而某个声明静置参考的数据流未得到判定",
                    "every pose stream declaring a reference hold is judged",
                    "or, with no rule broken, a stream declaring one is not judged"),
    # since the thirty-eighth reading's c13 the states are listed together after 「或没有不符合项，而」 (part cT1)
    "TD-FACE-005": ("每个表情识别数据流均得到判定（试次不少于 20 个）", "或某个这样的手势数据流的 `gesture_schedule` 不可用",
                    "every recognised-expression stream is judged (it has at least 20 trials)",
                    # since the thirty-ninth reading's c8 a right trial without an onset follows (part cT2)
                    "or has fewer than 20 trials, or a right trial has no expression onset on the reference"),
    "TD-FACE-007": ("每个记录均得到判定（试次不少于 20 个）", "或试次少于 20 个（即使另有数据流得到判定）",
                    "every log is judged (it has at least 20 trials)",
                    "or has fewer than 20 trials (even beside a stream judged)"),
    "TD-HAND-004": ("均得到判定且没有未予计入的提示", "试次少于 20 个、事件超过 200 000 个或有未予计入的提示",
                    "is judged with no cue left out", "has fewer than 20 trials, more than 200 000 events or a cue left out"),
    # 判决标记数据流 and 提示标记数据流: one name each since part front (forty-first reading, c25)
    "TD-BCI-006": ("每个声明 `decodes` 与 `labels` 的判决标记数据流均得到判定",
                   "或其自身或其提示标记数据流的标记超过 200 000 个",
                   "every decision stream declaring `decodes` and `labels` is judged",
                   "or it or its cue stream holds more than 200 000 markers"),
}


@pytest.mark.parametrize("rid", sorted(PER_STREAM))
def test_a_stream_not_judged_is_inconclusive_in_the_lines(rid, zh_markdown, en_markdown):
    """Rows c16 and c10: the lines read "every stream judged", so a stream too short to judge beside a passing one
    passed, while the inconclusive line named it."""
    zh_pass, zh_open, en_pass, en_open = PER_STREAM[rid]
    zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
    en = _verdict_lines(_cases(en_markdown)[rid], "en")
    assert zh_pass in zh["通过"] and zh_open in zh["不确定"], zh
    assert en_pass in en["Pass"] and en_open in en["Inconclusive"], en


def test_the_decoder_names_its_marker_limit_in_its_steps(zh_markdown, en_markdown):
    """Row c10: the check stopped a stream of more than 200 000 markers, a limit the case did not name."""
    # the limit names 5.1's reading bound since part equip (forty-first reading), the stream part front's name
    assert ("两者之一的标记超过 200 000 个（读取界限“标记数据流的标记数”，见 5.1）时，记录之并停止对该判决标记数据流的判定"
            in _cases(zh_markdown)["TD-BCI-006"])
    assert ("or either holds more than 200 000 markers (the reading bound \"markers of a marker stream\", see 5.1), "
            "record it and stop judging") in _cases(en_markdown)["TD-BCI-006"]


def test_markers_over_an_empty_recording_are_inconclusive_with_no_rule_broken(zh_markdown, en_markdown):
    """Row c11: the 不确定 line named a recording without samples, which the check passed over."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-BCI-005"], "zh")
    assert "或没有不符合项，而某个含有标记的 `marker` 数据流所标注的数据流没有样本" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-BCI-005"], "en")
    assert "with no rule broken, the stream a `marker` stream holding markers annotates has no samples" in en["Inconclusive"]


def test_a_gaze_stream_with_no_settled_step_is_inconclusive(zh_markdown, en_markdown):
    """Row c13: with no step settled R1 was never judged and the case passed vacuously."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-GAZE-006"], "zh")
    assert "每个被判定的数据流至少有一次已稳定的跳变" in zh["通过"]
    assert "没有任何跳变在稳定后有不少于 10 个有效应答，R1 无从判定" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-GAZE-006"], "en")
    assert "every stream judged has at least one settled step" in en["Pass"]
    assert "has no step with at least 10 valid answers once settled, so R1 is not judged" in en["Inconclusive"]


def test_a_device_showing_no_captions_has_one_verdict(zh_markdown, en_markdown):
    """Row c12: step 1 made it 不适用, step 4 不通过 (a phrase without a cue) and the check 不确定; R1 and step 4
    decide (the ICS has declared the captions), and a voice stream not judged is inconclusive per stream."""
    zh_case, en_case = _cases(zh_markdown)["TD-CAPT-004"], _cases(en_markdown)["TD-CAPT-004"]
    assert "设备不显示字幕时记录“不适用”" not in zh_case and "shows no captions, record" not in en_case
    assert "该字幕数据流不含条目（设备未显示字幕）时，每个语句均没有条目" in zh_case
    assert "When that caption stream holds no cue (the device showed none), every phrase is without a cue" in en_case
    zh, en = _verdict_lines(zh_case, "zh"), _verdict_lines(en_case, "en")
    assert "不显示字幕" not in zh["不适用"] and "shows no captions" not in en["Not applicable"]
    assert "或没有不符合项，而某个这样的语音数据流未得到判定" in zh["不确定"]
    assert "or, with no rule broken, such a voice stream is not judged" in en["Inconclusive"]


@pytest.mark.parametrize(("rid", "zh_open", "en_open"), [
    ("TD-AUD-007", "或没有不符合项，而某个这样的数据流的距离模型不可用",
     "or, with no rule broken, such a stream's distance model is not usable"),
    ("TD-DISP-005", "或没有不符合项，而某个亮度数据流不可判定", "or, with no rule broken, a luminance stream cannot be judged"),
])
def test_the_inconclusive_line_names_the_per_stream_state(rid, zh_open, en_open, zh_markdown, en_markdown):
    """Row c9: the line read as a state of the whole capture, while the check records each such stream unjudged."""
    assert zh_open in _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
    assert en_open in _verdict_lines(_cases(en_markdown)[rid], "en")["Inconclusive"]


@pytest.mark.parametrize("rid", ["TD-BIO-001", "TD-BIO-002", "TD-BIO-003", "TD-RATE-001", "TD-RATE-002", "TD-RATE-003"])
def test_every_capture_header_read_before_a_pass(rid, zh_markdown, en_markdown):
    """Row c5: a capture whose header cannot be read beside readable ones was neither judged nor unjudged
    (TD-BIO), or made TD-RATE not applicable; the pass lines now need every header read."""
    assert "每个采集文件的文件头均能读取，且" in _verdict_lines(_cases(zh_markdown)[rid], "zh")["通过"]
    assert "every capture's header can be read, and" in _verdict_lines(_cases(en_markdown)[rid], "en")["Pass"]
    if rid.startswith("TD-RATE"):
        assert "文件头无法读取或无法解析" in _verdict_lines(_cases(zh_markdown)[rid], "zh")["不确定"]
