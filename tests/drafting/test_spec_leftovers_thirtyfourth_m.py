"""The leftovers of the thirty-fourth reading of issue 76, part m (docs/drafting.md, "Leftovers of the thirty-fourth
reading, part m"): a verdict reached with a rule never judged. TD-RUN-006 is inconclusive when no answer is valid
(row c9, as TD-RUN-002, TD-RUN-003 and TD-BODY-004); in the terminal area a declared stream the check cannot judge
for want of frames or samples makes an otherwise passing run inconclusive, as TD-PERF-002 records it (row c11:
TD-MPLAT-003, TD-BCI-007; TD-OLF-003 left open). Each test fails on the draft as it was before these fixes; the checks'
changes are tested in tests/areas/terminal (test_runtime.py, test_platform_response.py, test_calibration.py)."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def test_the_face_weights_never_valid_are_inconclusive(zh_markdown, en_markdown):
    """Row c9: every answer with isValid false left R2 unjudged, yet the case passed (「通过：R1 与 R2 均满足」)."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-RUN-006"], "zh")
    # the case sends one request: its one answer (forty-sixth reading, cx1, part h98-limC)
    assert "该应答的 `isValid` 为真" in zh["通过"]
    assert "该应答的 `isValid` 不为真且没有不符合项（R2 无从判定）" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-RUN-006"], "en")
    assert "the answer's `isValid` is true" in en["Pass"]
    assert "the answer's `isValid` is not true and none departs from a rule (R2 cannot be judged)" in en["Inconclusive"]


def test_a_short_platform_stream_is_unjudged_not_passed(zh_markdown, en_markdown):
    """Row c11: the pass line judged only "every stream judged", so a stream of fewer than 500 frames beside a
    passing one passed, while the inconclusive line named it."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-MPLAT-003"], "zh")
    assert "每个记录于已声明指令运动上的数据流均得到判定，均不少于 500 帧" in zh["通过"]  # 40th c12: and judged
    assert "或没有不符合项，而某个此类数据流的帧少于 500 个" in zh["不确定"] and "该数据流未予判定" in zh["不确定"]  # part r
    en = _verdict_lines(_cases(en_markdown)["TD-MPLAT-003"], "en")
    assert "every stream recorded on a declared commanded motion is judged and has at least 500 frames" in en["Pass"]
    assert "such a stream has fewer than 500 frames" in en["Inconclusive"]
    assert "so that stream is not judged" in en["Inconclusive"]


def test_a_calibration_stream_or_sine_not_judged_is_inconclusive(zh_markdown, en_markdown):
    """Row c11 (TD-BCI-007): the pass line judged only "every stream judged", and a sine too short or too fast
    to measure was only noted, while the inconclusive line read as if any made the run inconclusive."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-BCI-007"], "zh")
    assert "每个声明校准段的数据流均得到判定、其所声明的每个正弦均得到测量" in zh["通过"]
    assert "或没有不符合项，而任一声明校准段的数据流未得到判定" in zh["不确定"]
    assert "或其任一正弦过短（少于 2 个周期）、频率过高而无法测量" in zh["不确定"]  # 2 in digits: the sixty-seventh reading, d1
    en = _verdict_lines(_cases(en_markdown)["TD-BCI-007"], "en")
    assert "every stream declaring a calibration segment is judged and each sine it declares measured" in en["Pass"]
    assert "with no rule broken, a stream declaring one is not judged" in en["Inconclusive"]
