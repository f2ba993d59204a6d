"""The leftovers of the thirty-second reading of issue 76, part l (docs/drafting.md, "Leftovers of the thirty-second
reading, part l"): the identity rows. ID-CAT-001 judges the credentials presentations embed, as its step 2 says, and
names a credential without a subject (row a9); ID-CERT-001 takes the certificate from annex D's 201 alone and names
the status in its fail line (row a10); ID-DOC-001's verdict lines cover step 1, a file that is not JSON and a member
name repeated in one object (row a11); ID-RES-001, ID-RES-003 and ID-PRIV-001 say which DIDs the check resolves and
name a `known_did` that is not a DID (row a12). Each test fails on the draft as it was before these fixes; the
checks' changes (rows a9, a10) fail their new known-bad cases in tests/e2e/test_known_bad.py."""

from __future__ import annotations

from conformance.areas.identity.resolution import MAX_EXAMPLE_DIDS
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_the_category_case_names_a_credential_without_a_subject(zh_markdown, en_markdown):
    """Row a9: the check fails a credential with no `credentialSubject` (identity.cat-no-subject), a state no verdict
    line named; its step 2 reads embedded credentials, which the check now reads too (known-bad case)."""
    zh = _verdict_lines(_cases(zh_markdown)["ID-CAT-001"], "zh")
    assert "任一凭证没有 `credentialSubject`" in zh["不通过"] and "每份凭证均有 `credentialSubject`" in zh["通过"]
    en = _verdict_lines(_cases(en_markdown)["ID-CAT-001"], "en")
    assert "a credential has no `credentialSubject`" in en["Fail"]
    assert "every credential has a `credentialSubject`" in en["Pass"]


def test_the_certificate_case_names_the_status_annex_d_gives(zh_markdown, en_markdown):
    """Row a10: the check took the certificate from 200 as well as 201; the fail line named no status."""
    zh = _verdict_lines(_cases(zh_markdown)["ID-CERT-001"], "zh")["不通过"]
    assert "证书未签发（第 5 步未返回 201 及 `certificate`）" in zh
    en = _verdict_lines(_cases(en_markdown)["ID-CERT-001"], "en")["Fail"]
    assert "no certificate is issued (step 5 is not answered 201 with `certificate`)" in en


def test_the_did_document_case_judges_step_1(zh_markdown, en_markdown):
    """Row a11: the parser fails a file that is not JSON and a member name twice in one object, found in step 1,
    while the pass and fail lines looked at steps 2 to 6 only."""
    case = _cases(zh_markdown)["ID-DOC-001"]
    zh = _verdict_lines(case, "zh")
    assert "第 1 步至第 6 步" in zh["通过"] and "第 1 步至第 6 步" in zh["不通过"]
    assert "文件不能按 RFC 8259 解析为 JSON，或同一对象中有重复的成员名" in zh["不通过"]
    assert "记录同一对象中重复出现的成员名" not in _steps(case, "zh")[0]
    en = _verdict_lines(_cases(en_markdown)["ID-DOC-001"], "en")
    assert "steps 1 to 6" in en["Pass"] and "steps 1 to 6" in en["Fail"]
    assert "a file that does not parse as JSON by RFC 8259, or a member name repeated within one object" in en["Fail"]


def test_the_resolving_cases_name_the_dids_the_check_takes(zh_markdown, en_markdown):
    """Row a12: the checks take `known_did` (inconclusive when it is not a DID) or the first five `example_dids`
    that are DIDs (resolution.dids_to_resolve); the steps took every DID listed, or one, and no 不确定 line named
    a `known_did` that is not a DID."""
    assert MAX_EXAMPLE_DIDS == 5  # the number the texts state
    zh_cases, en_cases = _cases(zh_markdown), _cases(en_markdown)
    for rid in ("ID-RES-001", "ID-RES-003", "ID-PRIV-001"):
        zh, en = zh_cases[rid], en_cases[rid]
        assert "`example_dids` 所列条目中前 5 个语法有效的 DID" in _steps(zh, "zh")[0], rid
        assert "the first five" in _steps(en, "en")[0] and "syntactically valid DIDs" in _steps(en, "en")[0], rid
        assert "配置项 `known_did` 不是语法有效的 DID（DID Core 第 3.1 节）" in _verdict_lines(zh, "zh")["不确定"], rid
        assert "the setting `known_did` is not a syntactically valid DID" in _verdict_lines(en, "en")["Inconclusive"], rid
    assert "对每个 DID 执行第 2 步至第 4 步" in _steps(zh_cases["ID-RES-003"], "zh")[0]
    assert "do steps 2 to 4 for each DID" in _steps(en_cases["ID-RES-003"], "en")[0]
