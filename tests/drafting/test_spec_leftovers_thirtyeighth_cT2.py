"""The leftovers of the thirty-eighth reading of issue 76, part cT2 (docs/drafting.md, "Leftovers of the
thirty-eighth reading, part cT2"): rows c5, c7, c8, c9, c10, c11, c14 and c15 of
read38c. A rule, a position, an eyepiece
or a play the case's plan names that the check cannot judge is recorded unjudged and named in the case's 不确定
line, so no pass rests on a rule never judged. Each test fails on the draft as it was before these fixes; the
checks' behaviour is tested under tests/areas/terminal/."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases


def _lines(markdown: str, case: str, lang: str) -> dict[str, str]:
    return _verdict_lines(_cases(markdown)[case], lang)


def test_c5_the_tactile_case_names_r3_and_r5_never_judged(zh_markdown, en_markdown):
    """Row c5: a record with no loading and unloading pair (R3) or no timed step (R5) passed."""
    zh = _lines(zh_markdown, "TD-TACT-002", "zh")["不确定"]
    assert "（R3 未判定）" in zh and "（R5 未判定）" in zh, zh
    en = _lines(en_markdown, "TD-TACT-002", "en")["Inconclusive"]
    assert "(R3 not judged)" in en and "(R5 not judged)" in en, en


def test_c9_the_force_bench_cases_name_an_unknown_offer(zh_markdown, en_markdown):
    """Row c9: an offer not in the descriptor was read as 'declares nothing' and the standard's limit applied."""
    for case in ("TD-FORCE-004", "TD-FORCE-005"):
        zh = _lines(zh_markdown, case, "zh")["不确定"]
        assert "无法在设备描述中找到其力反馈数据流所属的提供项" in zh, (case, zh)
        en = _lines(en_markdown, case, "en")["Inconclusive"]
        assert "holds no `offers` item for its `force_feedback` stream" in en, (case, en)


def test_c10_the_eyepiece_cases_need_both_eyepieces(zh_markdown, en_markdown):
    """Row c10: "at each eyepiece" was judged at one."""
    for case in ("TD-DISP-010", "TD-DISP-011"):
        zh = _lines(zh_markdown, case, "zh")
        assert zh["通过"].startswith("通过：左右两个目镜处各有得到判定的"), case
        assert "只有一个目镜的数据流" in zh["不确定"], case
        en = _lines(en_markdown, case, "en")
        assert "at the left and at the right eyepiece" in en["Pass"] and "at one eyepiece only" in en["Inconclusive"]


def test_c11_the_range_benches_judge_every_hold(zh_markdown, en_markdown):
    """Row c11: part k2's 'at least one position measured' passed on one of the plan's four distances."""
    for case in ("TD-DEPTH-002", "TD-RADAR-002"):
        zh = _lines(zh_markdown, case, "zh")
        assert "至少测得一个" not in zh["通过"] and "少于 10 帧覆盖而无法测量" in zh["不确定"], case
        en = _lines(en_markdown, case, "en")
        assert "at least one" not in en["Pass"] and "fewer than 10 of the" in en["Inconclusive"], case


def test_c14_the_rate_cases_name_a_short_stream_per_stream(zh_markdown, en_markdown):
    """Row c14: a rated stream of fewer than two frames beside a measured one passed."""
    for case in ("TD-RATE-001", "TD-RATE-002"):
        zh = _lines(zh_markdown, case, "zh")["不确定"]
        assert "某个声明了 `rate_hz` 的数据流少于两帧" in zh and "即使另有数据流得到判定" in zh, (case, zh)
        en = _lines(en_markdown, case, "en")["Inconclusive"]
        assert "a stream declaring `rate_hz` has fewer than two frames" in en, (case, en)


def test_c15_the_voice_case_names_too_few_wake_word_plays(zh_markdown, en_markdown):
    """Row c15: with no wake-word play R3 was never judged and the case passed."""
    assert "唤醒词播放少于 4 次，致使 R3 无法作出判定" in _lines(zh_markdown, "TD-VOICE-004", "zh")["不确定"]
    assert "played fewer than 4 times, so R3 cannot be judged" in \
        _lines(en_markdown, "TD-VOICE-004", "en")["Inconclusive"]


def test_c8_the_gaze_case_names_a_declared_target_it_cannot_use(zh_markdown, en_markdown):
    """Row c8: a declared target not longer than settle_ms was dropped silently under 「所有目标均已测量」."""
    assert "或某个所声明的目标无法使用" in _lines(zh_markdown, "TD-GAZE-002", "zh")["不确定"]
    assert "a declared target cannot be used" in _lines(en_markdown, "TD-GAZE-002", "en")["Inconclusive"]


def test_c7_the_haptic_cases_name_vibrations_not_measured(zh_markdown, en_markdown):
    """Row c7: vibrations the trace did not cover, or too short, were only counted in a note."""
    assert "或有指令未落在其记录之内或稳态段过短而无法测量" in _lines(zh_markdown, "TD-HAPT-003", "zh")["不确定"]
    assert "或有振动未落在其记录之内或稳态段过短而无法测量" in _lines(zh_markdown, "TD-HAPT-004", "zh")["不确定"]
    assert "a vibration falls outside its trace or is too short to measure" in \
        _lines(en_markdown, "TD-HAPT-004", "en")["Inconclusive"]
