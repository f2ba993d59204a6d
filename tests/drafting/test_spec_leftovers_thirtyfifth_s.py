"""The leftovers of the thirty-fifth reading of issue 76, part s (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part s"): ID-REG-003 names the status its check takes for the signed update, and its set-up siblings say
what a successful update or deactivation is (row a1); IF-UDP-009 and IF-UDP-010 take annex D's 204 alone for the
deletions they judge, and IF-UDP-013 sets R3 aside on any other answer (row a13). Each test fails on the draft or
the reference platform as they were before these fixes."""

from __future__ import annotations

import pytest

from conformance.reference.interfaces import userdata
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_OK_ZH = "附录 D 所给的 200"
_OK_EN = "annex D's 200"
_FINISHED_ZH, _FINISHED_EN = "`didState.state` 为 `finished`", "`didState.state` `finished`"


def _named(line: str, ok: str) -> bool:
    """Whether a verdict line names annex D's 200 and the `finished` state (either way round: met or not)."""
    return ok in line and "`didState.state`" in line and "`finished`" in line


def _labels(lang: str) -> tuple[str, str, str, str]:
    return ("测试目的", "测试步骤", "预期结果", "不通过") if lang == "zh" else \
        ("Test purpose", "Test procedure", "Expected result", "Fail")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_registrar_update_names_annex_d_s_200(lang, zh_markdown, en_markdown):
    """Row a1: the check (`registrar_state`, `ok=(200,)`) fails a signed update answered 201 or not `finished`,
    yet the case named no status for the update anywhere."""
    case = _cases(zh_markdown if lang == "zh" else en_markdown)["ID-REG-003"]
    ok, finished = (_OK_ZH, _FINISHED_ZH) if lang == "zh" else (_OK_EN, _FINISHED_EN)
    purpose, steps, expected, fail = _labels(lang)
    for text in (_row(case, purpose), _row(case, steps), _row(case, expected)):
        assert ok in text or "200" in text, text
        assert finished in text, text
    assert _named(_verdict_lines(case, lang)[fail], ok)
    assert "201" not in _row(case, purpose) + _row(case, steps) + _row(case, expected)


@pytest.mark.parametrize("case", ["ID-REG-004", "ID-PORT-004", "ID-PORT-005"])
def test_the_set_up_siblings_say_what_success_is(case, zh_markdown, en_markdown):
    """Row a1: 「停用成功」 / 「更新或停用未成功」 left a 201 answer to a laboratory's reading of 「成功」."""
    zh = _verdict_lines(_cases(zh_markdown)[case], "zh")["不确定"]
    en = _verdict_lines(_cases(en_markdown)[case], "en")["Inconclusive"]
    assert _named(zh, _OK_ZH), zh
    assert _named(en, _OK_EN), en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_deactivation_step_says_what_success_is(lang, zh_markdown, en_markdown):
    case = _cases(zh_markdown if lang == "zh" else en_markdown)["ID-REG-004"]
    steps = _row(case, _labels(lang)[1])
    assert ((_OK_ZH + " 应答且 " + _FINISHED_ZH) if lang == "zh" else (_OK_EN + " with " + _FINISHED_EN)) in steps


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("rid", ["IF-UDP-009", "IF-UDP-010"])
def test_the_judged_deletions_take_annex_d_s_204_alone(rid, lang, zh_markdown, en_markdown):
    """Row a13: table D.3 gives `DELETE /users/{did}/data` and `DELETE /users/{did}/consents/{purpose}` 204 alone,
    yet the statements, rules and expected results made 200 a conforming answer."""
    case = _cases(zh_markdown if lang == "zh" else en_markdown)[rid]
    purpose, _, expected, _ = _labels(lang)
    for text in (_row(case, purpose), _row(case, expected)):
        assert "204" in text and "200 或 204" not in text and "200 or 204" not in text, text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_habits_deletion_step_names_annex_d_s_204(lang, zh_markdown, en_markdown):
    """Row a13: IF-UDP-013's deletion step set R3 aside 「非 200 或 204 时」."""
    steps = _row(_cases(zh_markdown if lang == "zh" else en_markdown)["IF-UDP-013"], _labels(lang)[1])
    assert ("未以附录 D 所给的 204 应答时 R3 不予判定" if lang == "zh" else
            "R3 is unjudged on an answer other than annex D's 204") in steps
    assert "200 或 204" not in steps and "200 or 204" not in steps


def test_the_reference_has_defects_answering_the_deletions_200():
    """Row a13: the known-bad cases of the new checks (IF-UDP-009 R1, IF-UDP-010 R2) need a platform answering 200."""
    assert {"user-delete-200", "user-consent-withdrawal-200"} <= set(userdata.DEFECTS)
