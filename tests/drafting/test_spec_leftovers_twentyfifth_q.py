"""The leftovers of the twenty-fifth reading of issue 76, part q (docs/drafting.md, "Leftovers of the twenty-fifth
reading, part q"): the terminal rows 7 to 16. TD-DISP-009's set-up among its initial conditions and its
not-applicable line without a state of the device (row 7), 「不予判定」 for a rule left unjudged (row 8), a unit by
its symbol (row 9), a laboratory's unfit luminance trace not judged (row 10), the no-observable-effect level in
numbers (row 11), the English boundary of TD-DISP-011 (row 12), one English name for the rotary stage (row 13), the
apparatus bound and the environment line of the measuring cases (row 14), the accessibility captures needed and
named whole (row 15) and TD-GAZE-003's Chinese title (row 16). Each test fails on the draft or the harness as they
were before these fixes."""

from __future__ import annotations

import pytest

from tests.conftest import manifest_for, verdicts
from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps, _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_the_photon_rig_set_up_is_an_initial_condition(zh_markdown, en_markdown):
    """Row 7: step 1 checked the ICS and then described how the capture is made; the ICS step and the
    not-applicable line equated the undeclared feature with a device that is not a near-eye display."""
    zh = _cases(zh_markdown)["TD-DISP-009"]
    step1 = next(s for s in _steps(zh, "zh") if "核对 ICS" in s)
    assert "仪器与环境" not in step1 and "近眼显示设备" not in step1
    assert "近眼显示设备" not in _verdict_lines(zh, "zh")["不适用"]
    assert "头戴设备夹持在转台上" in _row(zh, "前置条件")
    en = _cases(en_markdown)["TD-DISP-009"]
    step1 = next(s for s in _steps(en, "en") if "Check the ICS" in s)
    assert "Apparatus and setting" not in step1 and "near-eye display" not in step1
    assert "near-eye display" not in _verdict_lines(en, "en")["Not applicable"]
    assert "The headset is clamped on a rotary stage" in _row(en, "Initial conditions")


def test_a_rule_left_unjudged_is_not_called_not_applicable(zh_markdown, en_markdown):
    """Row 8: TD-BCI-007's pass line said 「R4 不适用」 / "R4 does not apply" for a rule left unjudged. Since part
    h122-lim (TD-BCI-007 1.7) an undeclared set-up no longer passes with R4 left unjudged: the case is inconclusive,
    its line naming the rule 「无从判定」 / "cannot be judged", never 不适用."""
    zh, en = _cases(zh_markdown)["TD-BCI-007"], _cases(en_markdown)["TD-BCI-007"]
    assert "不适用" not in _verdict_lines(zh, "zh")["通过"] and "不适用" not in _verdict_lines(zh, "zh")["不确定"]
    assert "R4、R5 或 R6 无从判定" in _verdict_lines(zh, "zh")["不确定"]
    assert "（R4 无从判定）" in _row(zh, "测试步骤") and "R4 不适用" not in zh
    assert "does not apply" not in _verdict_lines(en, "en")["Pass"]
    assert "not apply" not in _verdict_lines(en, "en")["Inconclusive"]
    assert "R4, R5 or R6 cannot be judged" in _verdict_lines(en, "en")["Inconclusive"]


def test_the_touch_position_has_its_unit_symbol(zh_markdown):
    """Row 9: 「[*x*, *y*]，毫米」 named the unit in words beside 「以 N 计」."""
    zh = _row(_cases(zh_markdown)["TD-TACT-004"], "前置条件")
    assert "毫米" not in zh and "以 mm 计，与 `force_n`，以 N 计" in zh


def test_a_trace_the_laboratory_cannot_give_is_not_the_products_failure(zh_markdown, en_markdown, catalog):
    """Row 10: a luminance stream naming no instrument, or sampled under 2000 Hz, failed TD-DISP-005's R1,
    while TD-DISP-009 and TD-DISP-011 judge the same defect of the capture inconclusive."""
    requirement = catalog.requirement("TD-DISP-005")
    assert not any("2000 Hz" in rule.en or "instrument" in rule.en for rule in requirement.rules)
    zh = _cases(zh_markdown)["TD-DISP-005"]
    assert "未写明仪器" not in _verdict_lines(zh, "zh")["不通过"]
    assert "未写明仪器或采样率" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["TD-DISP-005"]
    assert "no instrument" not in _verdict_lines(en, "en")["Fail"]
    assert "names no instrument" in _verdict_lines(en, "en")["Inconclusive"]


@pytest.mark.parametrize("capture", ["luminance-no-instrument", "luminance-slow"])
def test_the_unfit_trace_is_inconclusive(capture, catalog, run_manifest):
    """Row 10, the check: the two captures that were TD-DISP-005's R1 cases are now not judged."""
    manifest = manifest_for(catalog, "terminal-comfort", features=["flicker-measured"],
                            files={"captures": [f"disp-rules/{capture}.ndjson.gz"]})
    assert verdicts(run_manifest(manifest, requirements=["TD-DISP-005"]))["TD-DISP-005"] == "inconclusive"


def test_the_no_observable_effect_level_is_given_in_numbers(zh_markdown, en_markdown):
    """Row 11: the last step counted windows beyond a level the case never gave."""
    zh = next(s for s in _steps(_cases(zh_markdown)["TD-DISP-005"], "zh") if "无观察效应水平" in s)
    assert "0.01 倍" in zh and "0.0333 倍" in zh and "3000 Hz" in zh
    en = next(s for s in _steps(_cases(en_markdown)["TD-DISP-005"], "en") if "no-observable-effect" in s)
    assert "0.01 times" in en and "0.0333 times" in en and "3000 Hz" in en


def test_the_english_pass_boundary_is_the_chinese(en_markdown):
    """Row 12: TD-DISP-011's English pass line failed equality ("above … by more than its U")."""
    en = _verdict_lines(_cases(en_markdown)["TD-DISP-011"], "en")["Pass"]
    assert "by more than" not in en and "less its *U*, is still at least 50" in en


def test_the_photon_rig_stage_has_one_english_name(en_markdown):
    """Row 13: 转台 was "a rotary stage" and "a motion stage" in one case, annex E and annex A."""
    assert "motion stage" not in _cases(en_markdown)["TD-DISP-009"]
    assert "the motion stage of the photon rig" not in en_markdown
    assert "photodiodes at the eyepieces, a motion stage" not in en_markdown


def test_the_gaze_latency_title_names_who_measures(zh_markdown):
    """Row 16: 「……人工眼，并测量其时延与采样率」 made the eye tracking the one measuring."""
    assert "并测量其时延与采样率" not in zh_markdown
    assert "其时延与采样率经实验室测量" in zh_markdown


@pytest.mark.parametrize("rid", ["TD-ACC-004", "TD-ACC-005", "TD-ACC-006"])
def test_the_accessibility_capture_is_needed_and_named_whole(rid, zh_markdown, en_markdown):
    """Row 15: the cases read only the capture and are inconclusive without it, yet called it optional and named
    the device descriptor no step uses; the English left out the mono audio, seated mode and magnification."""
    zh = _row(_cases(zh_markdown)[rid], "前置条件")
    assert "可选" not in zh and "设备描述 JSON 文件" not in zh and "开启单声道音频、坐姿模式或放大功能时" in zh
    en = _row(_cases(en_markdown)[rid], "Initial conditions")
    assert "optional" not in en and "descriptor JSON" not in en
    assert "while its mono audio or seated mode or magnification is switched on" in en


@pytest.mark.parametrize(("rid", "bound"), [("TD-DISP-010", "不大于 25 W"), ("TD-FORCE-005", "所测力的 2.5"),
                                            ("TD-PWR-003", "不大于 0.025 W"), ("TD-OLF-006", "不大于 1.25 s")])
def test_the_apparatus_has_its_uncertainty_bound(rid, bound, zh_markdown, en_markdown):
    """Row 14: four measuring cases gave their apparatus no expanded-uncertainty bound (5.9, table 8)."""
    zh = _row(_cases(zh_markdown)[rid], "前置条件")
    assert bound in zh and "四分之一" in zh and "扩展不确定度" in zh
    assert "a quarter of" in _row(_cases(en_markdown)[rid], "Initial conditions")


@pytest.mark.parametrize("rid", ["TD-DISP-010", "TD-DISP-011", "TD-FORCE-005", "TD-OLF-006", "TD-PERF-003",
                                 "TD-PWR-002", "TD-PWR-003"])
def test_the_measuring_case_has_its_environment_line(rid, zh_markdown, en_markdown):
    """Row 14: seven measuring cases had no 测试环境 line (TD-PWR-002/-003 put the ambient in a free line)."""
    assert "测试环境：温度 (2" in _row(_cases(zh_markdown)[rid], "前置条件")
    assert "Environment: (2" in _row(_cases(en_markdown)[rid], "Initial conditions")
    assert "摄氏度环境中" not in _row(_cases(zh_markdown)[rid], "前置条件")
