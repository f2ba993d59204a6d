"""The leftovers of the thirtieth reading of issue 76, part e (docs/drafting.md, "Leftovers of the thirtieth reading,
part e"): RB-TRACK-002 names the joints its check leaves unjudged (row a19); no version note in a verdict line, and
SC-BIM-006's not-applicable condition with its subject (a20); SC-FEED-003 does not call the test equipment's clock
3.19's test clock (a21); TD-AUD-002's verdict lines as its check and step 4 (a22); English rates in the symbol form
(a23). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_the_tracker_case_names_short_captures_and_unordered_stamps(zh_markdown, en_markdown):
    """Row a19: the check leaves a joint unjudged with fewer than 20 tracker frames a cycle or controller stamps
    that do not increase; step 4 and the inconclusive line named only an untracked joint."""
    zh = _cases(zh_markdown)["RB-TRACK-002"]
    assert "每个周期不足 20 帧或控制器时间戳不递增" in _steps(zh, "zh")[3]
    assert "每个周期不足 20 个跟踪帧或其控制器时间戳不递增" in _verdict_lines(zh, "zh")["不确定"]
    assert "不足 20 帧的周期不计" in _steps(zh, "zh")[4]
    en = _cases(en_markdown)["RB-TRACK-002"]
    assert "fewer than 20 frames a cycle or with controller stamps that do not increase" in _steps(en, "en")[3]
    assert "fewer than 20 tracker frames a cycle or controller stamps that do not increase" in \
        _verdict_lines(en, "en")["Inconclusive"]
    assert "a cycle with fewer is left out" in _steps(en, "en")[4]


def test_no_verdict_line_carries_a_version_note(zh_markdown, en_markdown):
    """Row a20: SC-BIM-006's English not-applicable line printed its 1.1.1 change note."""
    for markdown, lang in ((zh_markdown, "zh"), (en_markdown, "en")):
        for rid, case in _cases(markdown).items():
            for line in _verdict_lines(case, lang).values():
                assert not re.search(r"\d+\.\d+\.\d+ ?版|\b\d+\.\d+\.\d+:", line), (rid, line)
    na = _verdict_lines(_cases(en_markdown)["SC-BIM-006"], "en")["Not applicable"]
    assert na.endswith(", or no file declares the Reference View; files declaring another view are not judged.")


def test_the_feed_case_reads_the_test_equipments_clock(zh_markdown, en_markdown):
    """Row a21: 3.19's 测试时钟 is the platform's per-identity clock; SC-FEED-003 step 3 reads the test
    equipment's own clock, as annex A's `max_feed_latency_s` row says."""
    zh = _steps(_cases(zh_markdown)["SC-FEED-003"], "zh")[2]
    assert "测试时钟" not in zh and "测试设备的时钟读数" in zh
    en = _steps(_cases(en_markdown)["SC-FEED-003"], "en")[2]
    assert "test clock" not in en and "the test equipment's clock reading" in en


def test_the_audio_case_names_a_missing_sample_rate_and_the_pose_like_streams(zh_markdown, en_markdown):
    """Row a22: the check leaves a stream without a positive `sample_rate_hz` unjudged; the pass line spoke of the
    first pose frame where step 4 and the fail line take the pose-like streams'."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-AUD-002"], "zh")
    assert "`sample_rate_hz` 缺失或不为正数" in zh["不确定"]
    assert "首块与位姿类数据流首帧相差不超过 500 ms" in zh["通过"]
    en = _verdict_lines(_cases(en_markdown)["TD-AUD-002"], "en")
    assert "a `sample_rate_hz` missing or not positive" in en["Inconclusive"]
    assert "within 500 ms of the first frame of the pose-like streams" in en["Pass"]


def test_english_rates_are_written_with_the_unit_symbol(en_markdown, catalog):
    """Row a23: the English wrote 1 min⁻¹ and 0.5 h⁻¹ as "1 a minute" and "0.5 an hour" beside annex A's
    parameter lines in the symbol form."""
    cases = _cases(en_markdown)
    for rid, symbol in (("TD-FACE-005", "1 min⁻¹"), ("TD-FACE-007", "1 min⁻¹"), ("TD-HAND-004", "1 min⁻¹"),
                        ("TD-PWR-001", "0.5 h⁻¹")):
        req = catalog.requirements[rid]
        text = " ".join([cases[rid], req.statement.en, *(r.en for r in req.rules)])
        assert not re.search(r"\ba minute\b|\ban hour\b", text), rid
        assert symbol in _verdict_lines(cases[rid], "en")["Fail"] and symbol in req.statement.en, rid
    assert "its inverse an hour" not in en_markdown
