"""The seventy-fourth reading of issue 76 (read74c), TD-AUD-007's level where the distance model's gain is 0 (part
h139-aud).

c1 (X): with the linear model and a rolloff factor of 1 (Web Audio's default) the gain is 0 at the maximum distance
and beyond, -inf dB; the check took |measured - (-inf)| as the error, inf, so a correct, silent renderer failed R1 at
the maximum distance and R2 beyond it. Now such a distance is not compared in dB: its level is held at least 20 dB
below the reference distance's (1.4: the statement, R1, R2, steps 4 to 6, the expected result, the fail line; the
environment's background noise reckoned against the quietest signal the model does not silence; the 编制说明's 三（三）
row gives the 20 dB's basis). The inverse and exponential models never reach 0 (their levels are computed in dB, so a
steep rolloff does not underflow either). The known-good linear scene passes and a renderer without the clamp at the
maximum distance fails (tests/areas/terminal/test_distance.py, aud-rules/distance-linear-unclamped.ndjson.gz).

The class test: every text of TD-AUD-007 that holds the level to the model within 1 dB (the statement, each rule,
the comparing step, the expected result and the fail line, in both languages) says what holds where the model's gain
is 0, with the figure the check uses.

Fails on db9559929."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from conformance.areas.terminal.distance import SAME_DISTANCE_M, DistanceModel, Heard, compare
from tests.drafting.test_spec_leftovers_twentyfourth_d import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

RID = "TD-AUD-007"
ROOT = Path(__file__).parents[2]


def _check_constant(name: str) -> float:
    """A constant of the check (suites/terminal/test_audio.py), as written there."""
    text = (ROOT / "suites" / "terminal" / "test_audio.py").read_text(encoding="utf-8")
    m = re.search(rf"^{name} = ([\d.]+)$", text, re.M)
    assert m, name
    return float(m.group(1))


def _within_1_db_texts(markdown: str, lang: str) -> dict[str, str]:
    """The texts of the case that hold the level to the model within 1 dB, by where they stand."""
    case = _cases(markdown)[RID]
    purpose = _row(case, "测试目的" if lang == "zh" else "Test purpose").split("<br>")
    rules = {line[:2]: line for line in purpose if line.startswith(("R1", "R2"))}
    steps = _steps(case, lang)
    compared = [s for s in steps if "1 dB" in s and ("R1" in s and "R2" in s)]
    assert len(compared) == 1, steps
    fail = _verdict_lines(case, lang)["不通过" if lang == "zh" else "Fail"]
    return {"statement": purpose[0], **rules, "step": compared[0],
            "expected": _row(case, "预期结果" if lang == "zh" else "Expected result"), "fail": fail}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_c1_class_every_text_holding_the_level_within_1_db_says_what_holds_where_the_gain_is_0(
        zh_markdown, en_markdown, lang):
    texts = _within_1_db_texts(zh_markdown if lang == "zh" else en_markdown, lang)
    below = f"{_check_constant('SILENT_BELOW_DB'):g} dB"
    zero = "增益为 0" if lang == "zh" else "gain is 0"
    assert set(texts) == {"statement", "R1", "R2", "step", "expected", "fail"}, texts
    for where, text in texts.items():
        assert "1 dB" in text or where == "fail", (where, text)
        assert zero in text and below in text, (where, text)
    # the figure is a floor below the reference distance's level, not a difference within 1 dB of -inf
    floor = "低至少 20 dB" if lang == "zh" else "at least 20 dB below"
    assert all(floor in texts[k] for k in ("statement", "R1", "R2", "step", "expected")), texts
    assert ("低不足 20 dB" if lang == "zh" else "less than 20 dB below") in texts["fail"], texts["fail"]


def test_c1_step_4_names_where_the_gain_is_0_to_the_check_s_tolerance(zh_markdown, en_markdown):
    zh = next(s for s in _steps(_cases(zh_markdown)[RID], "zh") if s.startswith("4."))
    assert "*f* 不小于 1（*f*′ 为 1）时线性模型在 *M* 处及远于 *M* 处的增益为 0" in zh, zh
    assert f"与 *M* 相差不超过 {SAME_DISTANCE_M:g} m（本文件规定的容差）的距离视为 *M*" in zh and "反比与指数模型的增益在任何距离上均不为 0" in zh
    en = next(s for s in _steps(_cases(en_markdown)[RID], "en") if s.startswith("4."))
    assert "with *f* at least 1 (*f*′ = 1) the linear model's gain is 0 at *M* and beyond it" in en, en
    assert f"a distance within {SAME_DISTANCE_M:g} m of *M* (a tolerance this document sets) is taken as *M*" in en
    zh5 = next(s for s in _steps(_cases(zh_markdown)[RID], "zh") if s.startswith("5."))
    assert "模型增益为 0 处该差值为负无穷，不予计算" in zh5, zh5


def test_c1_the_environment_reckons_the_noise_against_a_signal_the_model_does_not_silence(zh_markdown, en_markdown):
    zh = _row(_cases(zh_markdown)[RID], "前置条件")
    assert "耳处背景噪声比模型增益不为 0 的测试信号中最弱者的电平低至少 30 dB" in zh, zh
    assert "比最弱测试信号的电平低至少 30 dB" not in zh
    en = _row(_cases(en_markdown)[RID], "Initial conditions")
    assert "at least 30 dB below the level of the quietest test signal the model does not silence" in en, en


def test_c1_the_note_gives_the_20_db_its_basis(note_md):
    (row,) = [line for line in note_md.splitlines() if line.startswith("| TD‑AUD‑007 | 1 dB")]  # 三（三）, not 三（二）
    limits, basis = row.split(" | ")[1:3]
    assert "20 dB" in limits.split("，"), limits
    assert "此处改为要求声级比参考距离上的声级低至少 20 dB，该数值为本文件自定：正确的渲染器在模型增益为 0 处无声" in basis, basis
    assert "比模型增益不为 0 的测试信号中最弱者低至少 30 dB" in basis and "20 dB 在此之下留出 10 dB" in basis, basis


def _heard(distance: float, level: float) -> Heard:
    return Heard("a", distance, level, None)  # type: ignore[arg-type]


@pytest.mark.parametrize("quiet", [-math.inf, -70.0])
def test_c1_the_check_takes_no_db_error_where_the_model_is_silent(quiet):
    """The reader's recomputation: DistanceModel('linear', 1, 8, 1).level_db(10, 1) is -inf, and error_db was inf for
    a measured -inf and for -70 dB. Now 8 and 10 m are silent and judged by the floor; 4 m stays within 1 dB."""
    model = DistanceModel("linear", 1.0, 8.0, 1.0)
    assert model.level_db(10.0, 1.0) == -math.inf and model.silent(10.0) and model.silent(8.0)
    got = compare(model, [_heard(1.0, -20.0), _heard(4.0, -20.0 + model.level_db(4.0, 1.0)),
                          _heard(8.0, quiet), _heard(10.0, quiet)], 3.0)
    assert [(c.rule, c.silent) for c in got] == [("R1", False), ("R1", True), ("R2", True)]
    assert got[0].error_db == pytest.approx(0.0)
    assert all(c.measured_db <= -_check_constant("SILENT_BELOW_DB") for c in got[1:])


@pytest.mark.parametrize("model", [DistanceModel("inverse", 1.0, 8.0, 4.0), DistanceModel("exponential", 1.0, 8.0, 4.0),
                                   DistanceModel("linear", 1.0, 8.0, 0.5)])
def test_c1_no_other_model_or_rolloff_reaches_a_gain_of_0(model):
    """The other models, and the linear one with a rolloff factor below 1, keep a finite level at every distance."""
    assert not any(model.silent(d) for d in (1.0, 8.0, 10.0, 1e6))
    assert all(math.isfinite(model.level_db(d, 1.0)) for d in (1.0, 8.0, 10.0, 1e6))


def test_c1_the_known_good_linear_scene_passes(catalog, run_manifest, monkeypatch, tmp_path):
    """The rig's scene under the linear model, rolloff factor 1, silent from 8 m, played at 2, 4, 8 and 12 m and
    rendered correctly: it failed R1 at 8 m and R2 at 12 m (inf dB off), and now passes."""
    from tests.areas.terminal.test_distance import _linear_capture
    from tests.conftest import manifest_for

    path = _linear_capture(monkeypatch, tmp_path / "linear.ndjson.gz")
    manifest = manifest_for(catalog, "terminal-spatial-audio", features=["distance-attenuation"])
    manifest["targets"]["captures"] = {"adapter": "file", "paths": [str(path)]}
    result = run_manifest(manifest, requirements=[RID])
    (record,) = [r for r in result.report.requirements if r.requirement == RID]
    assert record.verdict.value == "pass", record.evidence
