"""The open rows of the thirty-fifth reading of issue 76, part k1 (docs/drafting.md, "Open rows of the thirty-fifth
reading, part k1"): IF-BIO-001 R4's consent withdrawal, which counted 200 or 204 where table D.3 gives
`DELETE /users/{did}/consents/{purpose}` 204 alone (the tests of IF-BIO-001 fail on the catalog as it was before;
the check's change is tested in tests/areas/interfaces/test_biometric_withdrawal.py); and the sessions cases'
undeclared `sessions.join`, which their checks fail (never leave inconclusive): a guard that every case reaching
that state names it in its fail line and no inconclusive line does (it held before; no text changed)."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

#: the cases whose check reads the discovery document's sessions.join (sessions.declaration) and fails without it
SESSIONS = ["IF-SES-001", "IF-SES-002", "IF-SES-003", "IF-SES-004", "IF-SES-005", "IF-SES-006", "IF-CODE-009",
            "IF-CODE-010"]


def test_bio_001_r4_counts_annex_ds_204_alone(zh_markdown, en_markdown):
    """The withdrawal judged: R4, the withdrawing step and the inconclusive line name 204, never 200 or 204."""
    zh, en = _cases(zh_markdown)["IF-BIO-001"], _cases(en_markdown)["IF-BIO-001"]
    assert "R4：用户撤回对该目的的同意得到 204 响应（附录 D 的接口契约）后" in _row(zh, "测试目的"), zh
    assert "R4: Once the user's withdrawal of its consent to the purpose is answered 204 (annex D's contract)" \
        in _row(en, "Test purpose"), en
    # since 1.7 (part h109-cases55, b2) R5 judges the withdrawal's answer: step 8 records it under R5, and the
    # inconclusive line no longer names it (it fails R5 instead of being left to IF-UDP-010)
    assert "撤回同意，记录状态码（规则 R5" in _row(zh, "测试步骤"), zh
    assert "withdraw the consent, recording the status code (rule R5" in _row(en, "Test procedure"), en
    assert "撤回" not in _verdict_lines(zh, "zh")["不确定"]
    assert "withdrawal" not in _verdict_lines(en, "en")["Inconclusive"]
    for text in (zh, en):
        assert "200 或 204" not in text and "200 or 204" not in text, text


def test_bio_001_notes_the_changed_check(catalog):
    """A changed check: a minor step with its note line in both languages, and the notes' own sentence on it."""
    requirement = catalog.requirement("IF-BIO-001")
    assert requirement.version >= "1.3.0"  # a later part may step it again (thirty-seventh reading, part a2: 1.4.0)
    # the step also carries the thirty-sixth reading's parts o (the consent's 204) and t (the enrolment's 201), joined
    assert "1.3.0 (issue 76, thirty-fifth reading's open rows, part k1; thirty-sixth reading's leftovers, part o; " \
           "thirty-sixth reading's leftovers, part t): " \
           "R4 is judged only after a withdrawal answered annex D's 204" in requirement.notes.en
    assert "1.3.0 版（议题 76，第三十五次审读的未决问题，第 k1 部分；第三十六次审读遗留问题，第 o 部分；" \
           "第三十六次审读遗留问题，第 t 部分）：" \
           "仅在撤回同意以附录 D 所给的 204 应答" in requirement.notes.zh
    # since 1.7 (part h109-cases55, b2) the withdrawal's answer is R5's, no longer IF-UDP-010's
    assert "a withdrawal not answered annex D's 204 fails R5" in requirement.notes.en
    assert "撤回未得到附录 D 所给的 204 响应即不满足 R5" in requirement.notes.zh


@pytest.mark.parametrize("rid", SESSIONS)
def test_an_undeclared_join_path_is_named_where_the_check_puts_it(rid, zh_markdown, en_markdown):
    """Guard: the check fails an undeclared `sessions.join` (interfaces.ses-no-declaration, a non-conformance),
    so the fail line names it in both languages and no inconclusive line does."""
    zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
    en = _verdict_lines(_cases(en_markdown)[rid], "en")
    assert "未声明 `sessions.join`" in zh["不通过"], zh
    assert "declares no `sessions.join`" in en["Fail"], en
    assert "sessions" not in zh["不确定"] and "sessions" not in en["Inconclusive"], (zh, en)


def test_the_recommendations_deletion_is_inconclusive_off_annex_d_s_204(zh_markdown, en_markdown):
    """The lead: IF-UDP-013's inconclusive line still named 200 or 204 for the deletion its step and check (1.3.0)
    take at annex D's 204 alone."""
    zh = _cases(zh_markdown)["IF-UDP-013"]
    en = _cases(en_markdown)["IF-UDP-013"]
    assert "删除请求未以附录 D 所给的 204 应答" in zh and "200 或 204" not in zh
    assert "not answered annex D's 204" in en and "200 or 204" not in en
