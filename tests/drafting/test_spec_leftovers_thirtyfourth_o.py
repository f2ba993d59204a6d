"""The leftovers of the thirty-fourth reading of issue 76, part o (docs/drafting.md, "Leftovers of the thirty-fourth
reading, part o"): row c11's rest, the bench cases served by `suite.py::benches`. A declared stream in the case's
scope that the check cannot judge makes an otherwise passing run inconclusive (the terminal area's rule, as
TD-PERF-002 and TD-MPLAT-003), and the pass and inconclusive lines say so. Each test fails on the draft as it was
before these fixes; the checks' changes are tested in tests/areas/terminal."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def test_a_detector_not_judged_makes_the_scent_bench_inconclusive(zh_markdown, en_markdown):
    """TD-OLF-003: the pass line judged only "every gas_sensor stream judged", so a detector naming no calibration
    beside a passing one passed, while the inconclusive line named it."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-OLF-003"], "zh")
    assert "指向嗅觉数据流的每个 `gas_sensor` 数据流均得到判定" in zh["通过"]
    assert "任一此类数据流的检测器未声明型号与校准方式或采样率" in zh["不确定"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-OLF-003"], "en")
    assert "every `gas_sensor` stream on an olfactory stream is judged" in en["Pass"]
    assert "any such stream's detector model and calibration or sample rate are not declared" in en["Inconclusive"]
    assert "even beside a stream judged" in en["Inconclusive"]


def test_a_detector_not_judged_makes_the_interface_scent_bench_inconclusive(zh_markdown, en_markdown):
    """TD-OLF-005: as TD-OLF-003, with a log of the scents sent that is not the schedule among the reasons."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-OLF-005"], "zh")
    assert "指向所发送气味记录的每个 `gas_sensor` 数据流均得到判定" in zh["通过"]
    assert "任一此类数据流所测的发送记录不是测试计划" in zh["不确定"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-OLF-005"], "en")
    assert "every `gas_sensor` stream on a log of the scents sent is judged" in en["Pass"]
    assert "for any such stream the scents sent are not the test schedule" in en["Inconclusive"]
    assert "even beside a stream judged" in en["Inconclusive"]


def test_a_meter_not_judged_makes_the_depth_bench_inconclusive(zh_markdown, en_markdown):
    """TD-DEPTH-002: the pass line judged only "every range_target stream judged"."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-DEPTH-002"], "zh")
    assert "指向深度数据流的每个参考靶数据流均得到判定" in zh["通过"]
    # a stream with no hold measured joined the list (thirty-fifth reading's open rows, part k2)
    # and a hold the sensor covers with fewer than 10 frames (the thirty-eighth reading's c11, part cT2)
    # the frames are those of the hold's measurement part (the seventieth reading's c4, part h136-c4)
    assert ("任一此类数据流的测距仪未声明型号与校准方式、其传感器未声明区域、其中没有可测量的保持段或某个保持段的测量段"
            "（第 5 步的 20% 至 95% 段）被传感器少于 10 帧覆盖而无法测量（即使另有数据流得到判定）") in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-DEPTH-002"], "en")
    assert "every `range_target` stream on a depth stream is judged" in en["Pass"]
    assert "(even beside a stream judged)" in en["Inconclusive"]


def test_a_stage_not_judged_makes_the_radar_bench_inconclusive(zh_markdown, en_markdown):
    """TD-RADAR-002: the pass line judged only "every reflector stream judged"."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-RADAR-002"], "zh")
    assert "指向雷达数据流的每个反射器数据流均得到判定" in zh["通过"]
    assert ("任一此类数据流的测距仪或转台未声明型号与校准方式、其雷达未声明视场、其中没有可测量的保持段或某个保持段的测量段"
            "（第 5 步的 20% 至 95% 段）被雷达少于 10 帧覆盖而无法测量（即使另有数据流得到判定）") in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-RADAR-002"], "en")
    assert "every `reflector` stream on a radar stream is judged" in en["Pass"]
    assert "(even beside a stream judged)" in en["Inconclusive"]


def test_a_force_sensor_not_judged_makes_the_force_benches_inconclusive(zh_markdown, en_markdown):
    """TD-FORCE-004 and TD-FORCE-005: the pass lines judged only "every force_sensor stream judged"."""
    for case in ("TD-FORCE-004", "TD-FORCE-005"):
        zh = _verdict_lines(_cases(zh_markdown)[case], "zh")
        assert "指向力反馈数据流的每个力传感器数据流均得到判定" in zh["通过"], case
        assert "即使另有数据流得到判定" in zh["不确定"], case
        en = _verdict_lines(_cases(en_markdown)[case], "en")
        assert "every `force_sensor` stream on a `force_feedback` stream is judged" in en["Pass"], case
        assert "even beside a stream judged" in en["Inconclusive"], case


def test_an_indenter_not_judged_makes_the_touch_bench_inconclusive(zh_markdown, en_markdown):
    """TD-TACT-004: the pass line judged only "every touch_indenter stream judged"."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-TACT-004"], "zh")
    # since the thirty-seventh reading's c15 the line also asks three right-count frames of each touch
    assert "数据流均得到判定" in zh["通过"] and "并满足 R1 至 R5" in zh["通过"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-TACT-004"], "en")
    assert "stream on a `touch` stream is judged" in en["Pass"] and "and it meets R1 to R5" in en["Pass"]
    assert "even beside a stream judged" in en["Inconclusive"]


def test_a_photodiode_not_judged_makes_the_photon_rig_inconclusive(zh_markdown, en_markdown):
    """TD-DISP-009: the inconclusive line read "so nothing can be judged", the check only noting a stream."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-DISP-009"], "zh")
    assert "每个光电二极管数据流均得到判定" in zh["通过"]
    # the bracket says first when a trace shows no lit pulses (sixty-eighth reading, part h131-ttext, c4)
    assert "该数据流未判定，即使另有数据流得到判定）" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-DISP-009"], "en")
    assert "every photodiode stream is judged" in en["Pass"]
    assert "that stream is not judged, even beside a stream judged)" in en["Inconclusive"]


def test_a_spectrum_not_judged_makes_the_blue_light_case_inconclusive(zh_markdown, en_markdown):
    """TD-DISP-010: the pass line judged only "every spectrum stream judged"."""
    zh = _verdict_lines(_cases(zh_markdown)["TD-DISP-010"], "zh")
    assert "数据流均得到判定，其中位数加其 *U* 仍不超过" in zh["通过"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["TD-DISP-010"], "en")
    assert "stream is judged and has a median" in en["Pass"]
    assert "even beside a stream judged" in en["Inconclusive"]
