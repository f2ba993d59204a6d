"""The leftovers of the twenty-ninth reading of issue 76, part u (docs/drafting.md, "Leftovers of the twenty-ninth
reading, part u"): the scenes and terminal cases. SC-BIM-006 marks both RepresentationType values as code and its
not-applicable line has a subject (row a17); SC-FEED-003 takes ages from the one instant its check reads (a18);
TD-BCI-004 has one verdict for a stream without range_uv (a19); TD-HAND-002's window starts at the first usable
frame (a20); TD-MPLAT-002 has its environment line (a21); (25 ± 2) °C and "25 %" in the English (a22);
TD-RUN-003 is inconclusive with no hand tracked (a23, its check in tests/areas/terminal/test_runtime.py);
TD-RADAR-002's 2° (a6). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_both_representation_types_are_code_and_the_not_applicable_line_has_its_subject(zh_markdown, en_markdown):
    """Row a17: 「类型为 CSG 或 `Clipping`」 marked one value as code; "or where none declares" had no subject."""
    zh, en = _cases(zh_markdown)["SC-BIM-006"], _cases(en_markdown)["SC-BIM-006"]
    assert "CSG 或 `Clipping`" not in zh.replace("`CSG` 或 `Clipping`", "")
    assert "类型为 `CSG` 或 `Clipping` 的形状表示" in _row(zh, "测试目的")
    assert "CSG or `Clipping`" not in en.replace("`CSG` or `Clipping`", "")
    assert "type `CSG` or `Clipping`" in _row(en, "Test purpose")
    not_applicable = _verdict_lines(en, "en")["Not applicable"]
    assert "none declares" not in not_applicable and "no file declares the Reference View" in not_applicable


def test_feed_ages_are_taken_from_the_instant_the_check_reads(zh_markdown, en_markdown):
    """Row a18: the steps said each age was taken from the time of its own read; the check reads its clock once,
    before the first Datastream is read."""
    zh = _row(_cases(zh_markdown)["SC-FEED-003"], "测试步骤")
    assert "记录读取时刻" not in zh and "距读取时刻" not in zh and "读取首个 `Datastream` 之前" in zh
    en = _row(_cases(en_markdown)["SC-FEED-003"], "Test procedure")
    assert "time of reading" not in en and "before the reading" not in en
    assert "before the first `Datastream` is read in step" in en


def test_a_stream_without_a_range_has_one_verdict(zh_markdown, en_markdown):
    """Row a19: the check judges a stream without range_uv for flat lines (and passes it), the line said 不确定."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-BCI-004"], "zh")
    assert "range_uv" not in zh["不确定"] and "只判定平线" in zh["通过"]
    en = _verdict_lines(_cases(en_markdown)["TD-BCI-004"], "en")
    assert "range_uv" not in en["Inconclusive"] and "judged for flat lines only" in en["Pass"]


def test_the_reference_window_starts_at_the_first_usable_frame(zh_markdown, en_markdown):
    """Row a20: the statement started the window at the stream's start, its parenthesis, step 3 and check at the
    first frame where the hand is active and every joint position valid."""
    zh = _row(_cases(zh_markdown)["TD-HAND-002"], "测试目的")
    assert "数据流开始后" not in zh and "首个此类帧起的 1 s 内" in zh
    en = _row(_cases(en_markdown)["TD-HAND-002"], "Test purpose")
    assert "first 1 s of the stream" not in en and "within 1 s of the first such frame" in en


def test_the_acceleration_case_states_its_environment(zh_markdown, en_markdown):
    """Row a21: TD-MPLAT-002 was the one measuring case without an environment line."""
    for markdown, label, line in ((zh_markdown, "前置条件", "测试环境：温度 (23 ± 5) ℃，相对湿度 25% 至 75%；平台安放在水平、刚性的地面上"),
                                  (en_markdown, "Initial conditions", "Environment: (23 ± 5) °C and a relative humidity of 25 % to 75 %; the platform on a level, rigid floor")):
        cases = _cases(markdown)
        for rid in ("TD-MPLAT-001", "TD-MPLAT-002", "TD-MPLAT-003"):
            assert line in _row(cases[rid], label), rid


def test_a_tolerance_has_its_parentheses_and_the_percent_its_space(en_markdown):
    """Row a22: "25 ± 2 °C" in TD-PWR-001 and "25% (…, to 1% at the strictest)" in annex A's English."""
    assert "(25 ± 2) °C" in _row(_cases(en_markdown)["TD-PWR-001"], "Initial conditions")
    assert "of 25 ± 2 °C" not in en_markdown
    row = next(line for line in en_markdown.splitlines() if line.startswith("| Parameter `max_crosstalk_percent`"))
    assert "25 % (may only be lowered, to 1 % at the strictest)" in row


def test_hands_never_tracked_are_inconclusive(zh_markdown, en_markdown):
    """Row a23: TD-RUN-003 passed with no hand tracked, where TD-BODY-004 records 不确定."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-RUN-003"], "zh")
    assert "至少一次应答处于激活状态" in zh["通过"] and "跟踪器未定位到手部" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-RUN-003"], "en")
    assert "at least one answer is active" in en["Pass"] and "the tracker located no hand" in en["Inconclusive"]


def test_the_radar_angle_limit_is_written_with_its_symbol(en_markdown):
    """Row a6 (TD-RADAR-002): "a quarter of the 2-degree limit" beside 「2°限值」."""
    row = _row(_cases(en_markdown)["TD-RADAR-002"], "Initial conditions")
    assert "2-degree" not in row and "a quarter of the 2° limit" in row
