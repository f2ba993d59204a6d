"""The leftovers of the thirty-fifth reading of issue 76, part o2 (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part o2"): the rest of the thirty-fourth reading's row c11, the bench cases served by `suite.py::benches`
that part o left. A declared stream in the case's scope that the check cannot judge makes an otherwise passing run
inconclusive (the terminal area's rule), and step 1 and the pass and inconclusive lines say so. Each test fails on
the draft as it was before these fixes; the checks' changes are tested in tests/areas/terminal."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def _lines(zh_markdown, en_markdown, case):
    return (_verdict_lines(_cases(zh_markdown)[case], "zh"), _verdict_lines(_cases(en_markdown)[case], "en"),
            _cases(zh_markdown)[case], _cases(en_markdown)[case])


def test_an_accelerometer_not_judged_makes_the_haptic_bench_inconclusive(zh_markdown, en_markdown):
    """TD-HAPT-003: the pass line judged only "every acceleration stream judged"."""
    zh, en, zh_case, en_case = _lines(zh_markdown, en_markdown, "TD-HAPT-003")
    assert "指向触觉数据流的每个加速度数据流均得到判定" in zh["通过"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    assert "记录原因并不予判定，结果至多为不确定；未指向触觉数据流者不属本测试" in zh_case
    assert "every acceleration stream on a haptic stream is judged" in en["Pass"]
    assert "even beside a stream judged" in en["Inconclusive"]
    assert "the result being at best inconclusive; one naming no haptic stream is not part of this test" in en_case


def test_an_accelerometer_not_judged_makes_the_interface_haptic_bench_inconclusive(zh_markdown, en_markdown):
    """TD-HAPT-004: as TD-HAPT-003, a log of the vibrations sent that is not the schedule among the reasons."""
    zh, en, zh_case, en_case = _lines(zh_markdown, en_markdown, "TD-HAPT-004")
    assert "指向所发送振动记录的每个加速度数据流均得到判定" in zh["通过"]
    assert "任一此类数据流所测的发送振动不是测试计划" in zh["不确定"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    assert "不相符时记录第一处不同并不予判定，结果至多为不确定" in zh_case
    assert "every acceleration stream on a log of the vibrations sent is judged" in en["Pass"]
    assert "for any such stream the vibrations sent are not the test schedule" in en["Inconclusive"]
    assert "do not judge the stream, the result being at best inconclusive" in en_case


def test_an_indenter_not_judged_makes_the_tactile_bench_inconclusive(zh_markdown, en_markdown):
    """TD-TACT-002: the pass line judged only "every indenter stream judged"."""
    zh, en, zh_case, en_case = _lines(zh_markdown, en_markdown, "TD-TACT-002")
    assert "压在触觉数据流上的每个压头数据流均得到判定" in zh["通过"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    assert "或其阵列未声明布局者记录原因并不予判定，结果至多为不确定" in zh_case
    assert "stream pressing on a tactile stream is judged, each of its holds is measured and meets" in en["Pass"]
    assert "even beside a stream judged" in en["Inconclusive"]
    assert "is recorded with the reason and not judged, the result being at best inconclusive" in en_case


def test_an_indenter_not_judged_makes_the_interface_tactile_bench_inconclusive(zh_markdown, en_markdown):
    """TD-TACT-005: step 1 said only that an indenter on no log of the answers is not judged."""
    zh, en, zh_case, en_case = _lines(zh_markdown, en_markdown, "TD-TACT-005")
    assert "指向经接口读取记录的每个压头数据流均得到判定" in zh["通过"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    assert "结果至多为不确定；未指向此类数据流者不属本测试" in zh_case
    assert "every indenter stream annotating a log of the interface's answers is judged" in en["Pass"]
    assert "even beside a stream judged" in en["Inconclusive"]
    assert "the result being at best inconclusive; one naming no such stream is not part of this test" in en_case


def test_a_board_not_judged_makes_the_camera_bench_inconclusive(zh_markdown, en_markdown):
    """TD-CAM-002: the pass line judged only "every board stream judged"."""
    zh, en, zh_case, en_case = _lines(zh_markdown, en_markdown, "TD-CAM-002")
    assert "对着相机数据流的每个标定板数据流均得到判定" in zh["通过"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    assert "结果至多为不确定；未指向相机数据流者不属本测试" in zh_case
    assert "board stream facing a camera stream is judged, each of its holds is measured, every place meets" in en["Pass"]
    assert "even beside a stream judged" in en["Inconclusive"]
    assert "the result being at best inconclusive; one naming no camera stream is not part of this test" in en_case


def test_a_luminance_stream_not_judged_makes_the_eyepiece_case_inconclusive(zh_markdown, en_markdown):
    """TD-DISP-011: the pass line judged only "every eyepiece_luminance stream judged"."""
    zh, en, zh_case, en_case = _lines(zh_markdown, en_markdown, "TD-DISP-011")
    assert "数据流均得到判定，其中心亮度中位数减其 *U* 仍不小于" in zh["通过"]
    assert "即使另有数据流得到判定" in zh["不确定"]
    assert "未声明者记录原因并不予判定，结果至多为不确定" in zh_case
    assert "stream is judged and has a median centre luminance" in en["Pass"]
    assert "even beside a stream judged" in en["Inconclusive"]
    assert "one declaring none is recorded with the reason and not judged, the result being at best inconclusive" \
        in en_case
