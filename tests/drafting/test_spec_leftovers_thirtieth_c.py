"""The leftovers of the thirtieth reading of issue 76, part c (docs/drafting.md, "Leftovers of the thirtieth reading,
part c"): reports and clocks. IF-CODE-001's fail line names the problem details step 4 asks for (row a10); the test
clock of clause 3.19 called by its term (row a11); IF-MOD-002 takes annex D's 201 alone as acceptance, in its text
and its check (row a12); IF-REPORT-001 names the report schema it validates against (row a13); annex A's durations
as numbers and unit symbols (row a24); table B.4's report deadline on the test clock, 86 400 s (row a25). Each test
fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

import pytest

from tests.conftest import manifest_for
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def _step(case: str, lang: str, words: str) -> str:
    return next(step for step in _steps(case, lang) if words in step)


def _setting_rows(markdown: str, name: str) -> list[str]:
    """Annex A's rows of an IXIT setting or a test parameter, in every table that lists it."""
    return [line for line in markdown.splitlines()
            if any(line.startswith(f"| {label} `{name}` |")
                   for label in ("配置项", "参数", "Setting", "setting", "Parameter", "parameter"))]


def test_the_code_of_conduct_fail_line_names_the_problem_details(zh_markdown, en_markdown):
    """Row a10: step 4 asks for a `4xx` with RFC 9457 problem details and the check fails a bare `400`, while the
    fail line named only the status."""
    assert "未以 `4xx` 及 RFC 9457 问题详情被拒绝（R3）" in _verdict_lines(_cases(zh_markdown)["IF-CODE-001"], "zh")["不通过"]
    assert "not refused with a `4xx` and RFC 9457 problem details (R3)" in \
        _verdict_lines(_cases(en_markdown)["IF-CODE-001"], "en")["Fail"]


@pytest.mark.parametrize(("lang", "words"), [
    ("zh", ["T 的时钟", "身份的时钟", "买方时钟", "测试部署的时钟", "未设置时钟"]),
    ("en", ["T's clock", "the user's clock", "the buyer's clock", "test deployment's clock", "not set the clock",
            ", set the clock", "the clocks of the identities"]),
])
def test_the_test_clock_is_called_by_its_term(zh_markdown, en_markdown, lang, words):
    """Row a11: clause 3.19's test clock was called 「T 的时钟」, 「测试部署的时钟」, "the user's clock" and the
    like, where clause 3.20 defines a second per-identity clock."""
    markdown = zh_markdown if lang == "zh" else en_markdown
    assert [w for w in words if w in markdown] == []
    minor = _cases(markdown)["AS-MINOR-004"]
    step = _step(minor, lang, "23:30")
    assert ("配置项 `clock_path` 给出的路径" in step and "身份的测试时钟" in step) if lang == "zh" else \
        ("the setting `clock_path` gives" in step and "the test clocks of the identities" in step)
    assert all(("设置测试时钟的操作" if lang == "zh" else "The operation setting the test clock") in row
               for row in _setting_rows(markdown, "clock_path"))
    assert len(_setting_rows(markdown, "clock_path")) >= 5


def test_the_removal_case_accepts_a_report_with_201_alone(zh_markdown, en_markdown):
    """Row a12, the text: IF-MOD-002 took 200, 201 or 202 as acceptance where IF-REPORT-001 and IF-CODE-001 fail
    a 200 or a 202 (annex D's contract acknowledges with 201)."""
    zh = _cases(zh_markdown)["IF-MOD-002"]
    assert "202" not in zh and "状态码不是附录 D 接口契约规定的 201" in _step(zh, "zh", "提交一份举报")
    assert "状态码不是 201" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["IF-MOD-002"]
    assert "202" not in en and "step 3's status is not 201" in _verdict_lines(en, "en")["Inconclusive"]


def test_a_report_acknowledged_with_200_leaves_the_removal_inconclusive(catalog, run_manifest, serve_reference):
    """Row a12, the check: with a report acknowledged 200 and the marked item never withdrawn, IF-MOD-002 went
    on and failed R1 on a report the contract does not acknowledge; now it stops inconclusive, as its text says
    (the acknowledgement is IF-REPORT-001's and IF-CODE-001's to fail; their known-bad cases plant this defect)."""
    url = serve_reference(["report-acknowledged-200", "report-marker-ignored"])
    result = run_manifest(manifest_for(catalog, "interfaces-reporting", base_urls={"api": url}),
                          requirements=["IF-MOD-002"])
    (record,) = [r for r in result.report.requirements if r.requirement == "IF-MOD-002"]
    assert record.verdict.value == "inconclusive", record.message
    assert "201" in record.message and "answered 200" in record.message


def test_the_report_case_names_the_schema_it_validates_against(zh_markdown, en_markdown):
    """Row a13: the check validates the acknowledgement (R1) and the report read back (R3) against annex D's
    misconduct-report schema, while steps 3 and 4 and the fail line named three members and readability only."""
    zh = _cases(zh_markdown)["IF-REPORT-001"]
    assert "`misconduct-report` 模式" in _step(zh, "zh", "3. ") and "`misconduct-report` 模式" in _step(zh, "zh", "4. ")
    failed = _verdict_lines(zh, "zh")["不通过"]
    assert "缺少任一项" not in failed and "读取所得不符合 `misconduct-report` 模式（R3）" in failed
    en = _cases(en_markdown)["IF-REPORT-001"]
    assert "`misconduct-report` schema" in _step(en, "en", "3. ") and "`misconduct-report` schema" in _step(en, "en", "4. ")
    failed = _verdict_lines(en, "en")["Fail"]
    assert "lacks an item" not in failed and "what is read is not valid against the `misconduct-report` schema (R3)" in failed


def test_annex_a_gives_its_durations_as_numbers_and_unit_symbols(zh_markdown, en_markdown):
    """Row a24: 「七日」, 「30 日」, 「秒数」 / "seven days", "30 days", "a number of seconds" beside rows writing
    604 800 s and 「以 s 计」."""
    for markdown, words in ((zh_markdown, ("七日", "30 日", "秒数")),
                            (en_markdown, ("seven days", "30 days", "a number of seconds"))):
        rows = [row for name in ("cooling_off_s", "export_response_s", "moderation_path", "moderation_clock_path")
                for row in _setting_rows(markdown, name)]
        assert len(rows) >= 4 and [w for w in words for row in rows if w in row] == []
        assert "604 800 s" in _setting_rows(markdown, "cooling_off_s")[0]
        assert "2 592 000 s" in _setting_rows(markdown, "export_response_s")[0]


def test_table_b4_puts_the_report_deadline_on_the_test_clock(zh_markdown, en_markdown):
    """Row a25: table B.4's moderation row kept the deadline on the test moderation clock and in days."""
    zh = next(line for line in zh_markdown.splitlines() if line.startswith("| 内容审核与监管 |"))
    assert "测试处罚时钟" not in zh and "一天" not in zh and "举报人的测试时钟上 86 400 s 内" in zh
    en = next(line for line in en_markdown.splitlines() if line.startswith("| Content review and moderation |"))
    assert "moderation clock" not in en and "one day" not in en and "within 86 400 s on the reporter's test clock" in en
