"""The leftovers of the thirty-seventh reading of issue 76 the lead fixed (docs/drafting.md, "Leftovers of the
thirty-seventh reading, part lead"): AS-AIGC-012's literal written one way (a20) and IR-RES-001's inconclusive line
naming a list of malformed identifiers (a16). Each test fails on the draft as it was before."""

from __future__ import annotations

from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_the_ai_literal_is_quoted_as_its_companions_in_both_languages(zh_markdown, en_markdown):
    """a20: the English statement marked `"AI"` as code (the Chinese marks of JSON strings were counted before the
    Chinese quotation marks the writer gives a short quoted string), and step 2 wrote it `AI` in both languages."""
    zh, en = _cases(zh_markdown)["AS-AIGC-012"], _cases(en_markdown)["AS-AIGC-012"]
    assert zh.count("（“人工智能”或“AI”）") == 2 and "`AI`" not in zh
    assert en.count('("人工智能" or "AI")') == 2 and '`"AI"`' not in en and "`AI`" not in en


def test_resolution_names_a_list_of_malformed_identifiers_inconclusive(zh_markdown, en_markdown):
    """a16: a list whose identifiers are all malformed gave IR-RES-001 a pass with nothing resolved."""
    zh = _row(_cases(zh_markdown)["IR-RES-001"], "判定准则")
    assert "所列标识均格式不正确（由 IR‑SYN‑001 判定）" in zh
    en = _row(_cases(en_markdown)["IR-RES-001"], "Verdict criteria")
    assert "every identifier it lists is malformed (IR‑SYN‑001 judges them)" in en
