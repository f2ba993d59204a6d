"""The leftovers of the thirty-second reading of issue 76, part n (docs/drafting.md, "Leftovers of the thirty-second
reading, part n"): IF-CODE-010 accepts a filed report by annex D's 201 alone and a filing not accepted leaves its rule
unjudged (row a18); IF-MOD-002 leaves R2 unjudged on an owner listing not answered 200 (row a19); IF-SES-002's
inconclusive line names an N at which no update arrives (row a20); IF-AUTH-002 and IF-AUTH-003 name the operations
their check probes (lead row L1). Each test fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

from tests.conftest import manifest_for
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _step(case: str, lang: str, words: str) -> str:
    steps = _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")
    return next(step for step in steps if words in step)


def _record(result, requirement):
    (record,) = [r for r in result.report.requirements if r.requirement == requirement]
    return record


def test_the_harassment_case_states_the_filings_status_and_its_verdict(zh_markdown, en_markdown):
    """Row a18, the text: step 5 stated no status for the filing and no verdict line named a filing not accepted."""
    zh = _cases(zh_markdown)["IF-CODE-010"]
    assert "附录 D 接口契约规定的 201" in _step(zh, "zh", "举报端点分别提交两份举报")
    lines = _verdict_lines(zh, "zh")
    assert "对 H 的举报未被受理（第" in lines["不确定"]
    assert "对 C 的举报未被受理或无处理结果时 R2 不予检查" in lines["不确定"]
    assert "已受理的对 H 的举报在 86 400 s 的处理时限（测试参数 `report_response_s`）内未施加处罚（R1）" in lines["不通过"]
    en = _cases(en_markdown)["IF-CODE-010"]
    assert "the 201 annex D's interface contract gives" in _step(en, "en", "files two reports")
    lines = _verdict_lines(en, "en")
    assert "R1 is left unchecked when the report of H is not accepted" in lines["Inconclusive"]
    assert "R2 when the report of C is not accepted or shows no outcome" in lines["Inconclusive"]


def test_a_report_acknowledged_with_200_leaves_the_harassment_case_inconclusive(catalog, run_manifest,
                                                                                  serve_reference):
    """Row a18, the check: a filing answered 200 was taken as accepted (IF-MOD-002 takes 201 alone); now neither
    report is accepted, so R1 and R2 are unjudged and the case is inconclusive (the acknowledgement is IF-REPORT-001's
    and IF-CODE-001's to fail: their known-bad cases plant this defect)."""
    url = serve_reference(["report-acknowledged-200"])
    result = run_manifest(manifest_for(catalog, "interfaces-sessions", base_urls={"api": url}),
                          requirements=["IF-CODE-010"])
    record = _record(result, "IF-CODE-010")
    assert record.verdict.value == "inconclusive", record.message
    assert "rule R1" in record.message and "answered 200" in record.message


def test_the_removal_case_leaves_r2_unjudged_on_a_listing_not_read(zh_markdown, en_markdown):
    """Row a19, the text: the pass line read a listing not answered 200 as one without the item."""
    zh = _cases(zh_markdown)["IF-MOD-002"]
    assert "最后一次读取未得到 200 或响应体不是资产列表" in _step(zh, "zh", "规则 R2")
    lines = _verdict_lines(zh, "zh")
    assert "以 200 给出的 A 的资产列表不含该资产（R2）" in lines["通过"]
    assert "A 的资产列表未得到 200 或不是资产列表（R2 无法检查）" in lines["不确定"]
    en = _cases(en_markdown)["IF-MOD-002"]
    assert "does not answer 200 with a listing" in _step(en, "en", "rule R2")
    lines = _verdict_lines(en, "en")
    assert "answers 200 with a listing that does not hold the item (R2)" in lines["Pass"]
    assert "does not answer 200 with a listing (R2 cannot be checked)" in lines["Inconclusive"]


def test_a_listing_failing_after_the_report_leaves_the_removal_inconclusive(catalog, run_manifest,
                                                                              serve_reference):
    """Row a19, the check: a listing answered 500 after the report recorded nothing, so R2 passed on it."""
    url = serve_reference(["removal-listing-fails"])
    result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                          requirements=["IF-MOD-002"])
    record = _record(result, "IF-MOD-002")
    assert record.verdict.value == "inconclusive", record.message
    assert "rule R2" in record.message and "answered 500" in record.message


def test_the_session_latency_case_names_an_n_without_deliveries(zh_markdown, en_markdown):
    """Row a20: the check is inconclusive when no update arrives at some N; the inconclusive line did not say so."""
    assert "或某一 *N* 下没有任何更新到达，无从测量时延（转发由 IF\u2011SES\u2011003 判定）" in \
        _verdict_lines(_cases(zh_markdown)["IF-SES-002"], "zh")["不确定"]
    assert "or with one *N* no update arrives anywhere, so there is no latency to measure" in \
        _verdict_lines(_cases(en_markdown)["IF-SES-002"], "en")["Inconclusive"]


def test_the_auth_cases_name_the_operations_they_probe(zh_markdown, en_markdown):
    """Lead row L1: IF-AUTH-002 and IF-AUTH-003 said every operation the contract secures with a bearer token,
    while their check probes only table D.3's bearer-only operations whose path takes {asset_id} alone (or none)."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    assert "仅限资产持有者”、且路径只取 `{asset_id}`" in _step(zh["IF-AUTH-002"], "zh", "保护：不记名令牌")  # h106-contracts b1
    assert "whose path takes `{asset_id}` alone" in _step(en["IF-AUTH-002"], "en", "Protection: bearer token")
    zh3 = _step(zh["IF-AUTH-003"], "zh", "保护：不记名令牌")
    assert "路径不取参数或只取 `{asset_id}`" in zh3 and "以不记名令牌保护的每个操作" not in zh3
    en3 = _step(en["IF-AUTH-003"], "en", "Protection: bearer token")
    assert "whose path takes no parameter or `{asset_id}` alone" in en3
    assert "secures with a bearer token" not in en3
