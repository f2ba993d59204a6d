"""The leftovers of the thirty-ninth reading of issue 76, part cT1 (docs/drafting.md, "Leftovers of the
thirty-ninth reading, part cT1"): rows c5, c6, c12, c14 and c16, terminal cases whose text and check disagreed (row
c7 and the checks of c14 are held by tests/areas/terminal/test_streams_unjudged_thirtyninth_cT1.py and the
known-bad cases); these hold the rendered draft and the catalog. Each test fails on the draft as it was before."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.drafting.test_spec_leftovers_thirtyseventh_c2 import _lines, _steps

ROOT = Path(__file__).resolve().parents[2]


def _requirement(rid: str) -> dict:
    doc = yaml.safe_load((ROOT / "suites" / "terminal" / "requirements.yaml").read_text(encoding="utf-8"))
    return next(r for r in doc["requirements"] if r["id"] == rid)


def test_c5_td_bci_002_records_what_the_check_measures(zh_markdown, en_markdown):
    zh, en = _lines(zh_markdown, "TD-BCI-002", "zh"), _lines(en_markdown, "TD-BCI-002", "en")
    assert "最长" not in zh["不通过"] and "longest" not in en["Fail"]
    assert "缺失的样本数" in zh["不通过"] and "the samples missing" in en["Fail"]
    steps_zh, steps_en = _steps(zh_markdown, "TD-BCI-002", "zh"), _steps(en_markdown, "TD-BCI-002", "en")
    assert "最长" not in steps_zh and "longest" not in steps_en
    assert "缺失的样本数" in steps_zh and "the samples they miss" in steps_en


@pytest.mark.parametrize("case", ["TD-FACE-002", "TD-FACE-001", "TD-HAND-001", "TD-HAPT-001", "TD-BODY-001",
                                  "TD-GAZE-001", "TD-OLF-001"])
def test_c6_check_rule_cases_name_no_frame_to_check(zh_markdown, en_markdown, case):
    assert "或没有可检查的帧" in _lines(zh_markdown, case, "zh")["不确定"]
    assert "or no frame to check" in _lines(en_markdown, case, "en")["Inconclusive"]


def test_c6_td_bci_003_names_no_value_to_compare(zh_markdown, en_markdown):
    assert "或没有可比对的值" in _lines(zh_markdown, "TD-BCI-003", "zh")["不确定"]
    assert "or no value to compare" in _lines(en_markdown, "TD-BCI-003", "en")["Inconclusive"]


def test_c12_td_cap_001_r5_states_the_value_count_and_examples(zh_markdown, en_markdown):
    (r5,) = [r for r in _requirement("TD-CAP-001")["rules"] if r["id"] == "R5"]
    assert "eeg or emg frame" in r5["en"] and "for example" in r5["en"] and "pose_t for display" in r5["en"]
    assert "eeg 或 emg 帧" in r5["zh"] and "例如" in r5["zh"] and "display 带 pose_t" in r5["zh"]
    assert "通道数" in _steps(zh_markdown, "TD-CAP-001", "zh") and "channels" in _steps(en_markdown, "TD-CAP-001", "en")
    assert "值个数与通道数不等" in _lines(zh_markdown, "TD-CAP-001", "zh")["不通过"]
    assert "differs from the channel count" in _lines(en_markdown, "TD-CAP-001", "en")["Fail"]


@pytest.mark.parametrize("case", ["TD-CAM-001", "TD-DEPTH-001", "TD-RADAR-001", "TD-TACT-001", "TD-FORCE-002"])
def test_c14_a_frame_that_does_not_parse_is_a_fail(zh_markdown, en_markdown, case):
    assert "数据流的帧存在而无法解析" in _lines(zh_markdown, case, "zh")["不通过"]
    assert "is there but does not parse" in _lines(en_markdown, case, "en")["Fail"]


@pytest.mark.parametrize("case", ["TD-BCI-008", "TD-DISP-009"])
def test_c16_one_english_form_for_nothing_failing(en_markdown, case):
    line = _lines(en_markdown, case, "en")["Inconclusive"]
    assert "with no finding" not in line and "with no rule broken" in line
