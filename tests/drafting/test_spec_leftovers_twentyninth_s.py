"""The leftovers of the twenty-ninth reading of issue 76, part s (docs/drafting.md, "Leftovers of the twenty-ninth
reading, part s"): reports and clocks. IF-CODE-001's statuses as annex D's contract gives them (row a8);
IF-REPORT-001 files under a declared category, not the probe's own `other` (row a12); its limit written one way,
86 400 s (row a13); a report's time limit runs on the test clock, in clause 3, annex A and every case (row a24).
Each test fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

import pytest

from conformance import Inconclusive
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def _step(case: str, lang: str, words: str) -> str:
    return next(step for step in _steps(case, lang) if words in step)


def test_the_code_of_conduct_case_names_the_contract_statuses(zh_markdown, en_markdown):
    """Row a8: step 3 asked for any `2xx` where the check takes 200, 201, 202, and step 4 for a `4xx` where a
    `5xx` passed R3 unseen; annex D's contract acknowledges with 201 and refuses with a 4XX problem."""
    zh = _cases(zh_markdown)["IF-CODE-001"]
    assert "201 受理确认（规则 R2）" in _step(zh, "zh", "每个已公布类别") and "2xx 受理确认" not in zh
    assert "`5xx` 不算拒绝" in _step(zh, "zh", "未公布的类别")
    assert "未以 `4xx` 及 RFC 9457 问题详情被拒绝（R3）" in _verdict_lines(zh, "zh")["不通过"]
    assert "测试时钟未能设置" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["IF-CODE-001"]
    assert "acknowledged with the 201 annex D's interface contract gives (rule R2)" in en
    assert "a `5xx` is no refusal" in en and "acknowledged with a 2xx" not in en
    assert "the test clock cannot be set" in _verdict_lines(en, "en")["Inconclusive"]


def test_a_refusal_is_a_4xx_and_an_acknowledgement_a_201():
    """Row a8, the check: the reference planted with a 5xx refusal or a 200 acknowledgement has its known-bad
    cases (the check judged neither before)."""
    import yaml

    from conformance.reference.interfaces.reporting import DEFECTS
    from tests.conftest import ROOT

    known = yaml.safe_load((ROOT / "suites" / "interfaces" / "known_bad.yaml").read_text(encoding="utf-8"))
    planted = {(case["rule"], d) for case in known["IF-CODE-001"] for d in case["defects"]}
    assert {("R3", "report-unpublished-category-5xx"), ("R2", "report-acknowledged-200")} <= planted
    assert {"report-unpublished-category-5xx", "report-acknowledged-200"} <= set(DEFECTS)


def test_the_report_case_files_under_a_declared_category(zh_markdown, en_markdown):
    """Row a12: step 2 took 「所公布行为规范的类别之一」 that no step reads, while the check filed the probe's
    `other`, which a code not publishing it must refuse (IF-CODE-001 R3)."""
    from conformance.areas.interfaces.reporting import first_category

    assert first_category({"endpoint": "/reports", "categories": ["harassment", "other"]}) == "harassment"
    with pytest.raises(Inconclusive):
        first_category({"endpoint": "/reports"})
    zh = _cases(zh_markdown)["IF-REPORT-001"]
    assert "`reporting.categories` 所声明的第一个类别" in _step(zh, "zh", "提交一份举报")
    assert "201 受理确认（规则 R1）" in zh and "reporting.categories" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["IF-REPORT-001"]
    assert "the first one `reporting.categories` declares" in _step(en, "en", "file a report")
    assert "reporting.categories" in _verdict_lines(en, "en")["Inconclusive"]


@pytest.mark.parametrize("rid", ["IF-REPORT-001", "IF-MOD-002"])
def test_the_report_limit_is_written_one_way(zh_markdown, en_markdown, rid):
    """Row a13: 「一天」 / "one day" beside 86 400 s in the title, statement, 预期结果 and verdict lines."""
    zh, en = _cases(zh_markdown)[rid], _cases(en_markdown)[rid]
    assert "一天" not in zh and "86 400 s" in zh.splitlines()[0]
    assert "one day" not in en.lower() and "86 400 s" in en.splitlines()[0]
    assert "86 400 s" in _row(zh, "预期结果") and "86 400 s" in _row(en, "Expected result")


def test_a_report_limit_runs_on_the_test_clock(zh_markdown, en_markdown):
    """Row a24: clause 3.20 and annex A's `moderation_clock_path` row gave report handling to the test moderation
    clock, while IF-REPORT-001, IF-CODE-001 and IF-CODE-010 set the test clock and IF-MOD-002 advanced the
    moderation clock."""
    assert "举报处理的期限" not in zh_markdown and "所提交举报的处理期限" not in zh_markdown
    assert "of handling reports" not in en_markdown and "the period for handling the reports" not in en_markdown
    assert "（包括该身份所提交举报的处理时限）" in zh_markdown
    for lang, markdown in (("zh", zh_markdown), ("en", en_markdown)):
        case = _cases(markdown)["IF-MOD-002"]
        assert "moderation_clock_path" not in case and "advance_s" not in case, lang
        assert "`clock_path`" in case, lang
    assert "测试处罚时钟" not in _cases(zh_markdown)["IF-MOD-002"]
    assert "moderation clock" not in _cases(en_markdown)["IF-MOD-002"]


def test_the_lint_reads_a_grouped_number_whole():
    """Row a24's lint: a statement writing 86 400 s (digits grouped as GB 3101 writes them) states the default
    86400, not 86 and 400."""
    from conformance.drafting.changes import _NUMBER

    assert [n.replace(" ", "") for n in _NUMBER.findall("no later than 86 400 s, with 401, 403 or 3.5")] == \
        ["86400", "401", "403", "3.5"]
