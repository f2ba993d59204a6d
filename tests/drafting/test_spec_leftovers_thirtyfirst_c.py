"""The leftovers of the thirty-first reading of issue 76, part c (docs/drafting.md, "Leftovers of the thirty-first
reading, part c"): the discovery, interop and rate-limit cases against their checks. IF-DISC-002 gives a document
declaring no endpoint one verdict, not applicable, and names a value that is not an http(s) URL (row a10); the
IF-IOP cases name their IXIT inputs in annex A's terms (row a11); IF-IOP-003 leaves a direction without a usable
credential or without its issuer's verdict unjudged, as its check does (row a12); IF-RATE-001 judges the first 429
alone (row a13). Each test fails on the draft or the check as they were before."""

from __future__ import annotations

from conformance import NotApplicable
from tests.areas.interfaces.test_discovery import _if_disc_002
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_a_document_declaring_no_endpoint_is_not_applicable():
    """Row a10: the check left a document with no endpoint inconclusive while the 不适用 line named it (3.24)."""
    evidence, raised = _if_disc_002({})
    assert isinstance(raised, NotApplicable) and not evidence.findings_count


def test_the_discovery_case_names_a_value_that_is_not_a_url(zh_markdown, en_markdown):
    """Row a10: a declared value that is not an http(s) URL is a finding no step and no fail line named."""
    zh = _cases(zh_markdown)["IF-DISC-002"]
    # the last written step (a last step recording 不适用 follows it since part h102-na)
    assert "所声明的值不是 `http` 或 `https` URL 的端点" in _steps(zh, "zh")[-2]
    lines = _verdict_lines(zh, "zh")
    assert "值不是 `http` 或 `https` URL" in lines["不通过"] and "无 `endpoints` 成员或其为空" in lines["不适用"]
    en = _cases(en_markdown)["IF-DISC-002"]
    assert "whose declared value is not an `http` or `https` URL" in _steps(en, "en")[-2]
    assert "value is not an `http` or `https` URL" in _verdict_lines(en, "en")["Fail"]


def test_the_interop_cases_name_their_ixit_inputs_as_annex_a_does(zh_markdown, en_markdown):
    """Row a11: the IXIT line named the inputs in words, and in IF-IOP-001 test identities no step uses."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for rid, setting in (("IF-IOP-001", "did_method"), ("IF-IOP-002", "identity_path"), ("IF-IOP-003", "identity_path")):
        line = _row(zh[rid], "前置条件")
        assert f"已按 IXIT（附录 A）提供：平台 A；平台 B；配置项 `{setting}`" in line and "测试身份" not in line, rid
        english = _row(en[rid], "Initial conditions")
        assert f"provides: platform A; platform B; setting `{setting}`" in english, rid
        assert "test identities" not in english, rid


def test_an_unjudged_interop_direction_is_inconclusive(zh_markdown, en_markdown):
    """Row a12: the check leaves a direction without a usable credential, or whose issuer does not verify its own,
    unjudged; the text failed the first and named the second in no verdict line."""
    zh = _cases(zh_markdown)["IF-IOP-003"]
    lines = _verdict_lines(zh, "zh")
    assert "无法使用" not in lines["不通过"]
    assert "签发答复中没有能使用的凭证" in lines["不确定"] and "签发平台未以“已验证”判定其自身的凭证" in lines["不确定"]
    assert any("平台 A 未以“已验证”判定其自身签发的凭证" in step for step in _steps(zh, "zh"))
    en = _cases(en_markdown)["IF-IOP-003"]
    english = _verdict_lines(en, "en")
    assert "cannot be used" not in english["Fail"]
    assert "the issuing platform does not judge its own credential verified" in english["Inconclusive"]
    assert any("does not judge its own credential verified" in step for step in _steps(en, "en"))


def test_the_rate_limit_case_judges_the_first_429_alone(zh_markdown, en_markdown):
    """Row a13: the check stops the burst at the first 429 and judges it alone; the text judged every 429."""
    zh = _cases(zh_markdown)["IF-RATE-001"]
    steps = " ".join(_steps(zh, "zh"))
    assert "得到第一个 429 响应即停止发送" in steps and "每个 429" not in steps
    assert "第一个 429 响应" in _verdict_lines(zh, "zh")["不通过"] and "任一 429" not in zh
    en = _cases(en_markdown)["IF-RATE-001"]
    english = " ".join(_steps(en, "en"))
    assert "stop at the first 429 response" in english and "For each 429" not in english
    assert "the first 429 response of the burst" in _verdict_lines(en, "en")["Fail"]
