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


def test_the_first_auth_case_names_identities_and_probe_asset_as_its_siblings(zh_markdown, en_markdown):
    """a18: IF-AUTH-001's set-up provisions two identities and issues a probe asset before any probe (as IF-AUTH-002
    and -003, whose lines say so); its line named neither the identities nor that nothing is probed then."""
    # part m3 named the probe asset's state read beside its issue, in both cases
    # the asset issued (发行) since the fiftieth reading's b2
    for lang, markdown, words in (("zh", zh_markdown, ("无法开通两个测试身份，或无法发行探测资产", "致使无法探测")),
                                  ("en", en_markdown, ("two test identities cannot be provisioned, or no probe asset "
                                                       "can be issued", "so nothing can be probed"))):
        for case in ("IF-AUTH-001", "IF-AUTH-002"):
            line = _row(_cases(markdown)[case], "判定准则" if lang == "zh" else "Verdict criteria")
            assert all(w in line for w in words), case
