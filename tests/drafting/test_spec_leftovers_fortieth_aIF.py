"""The leftovers of the fortieth reading of issue 76, part aIF (docs/drafting.md, "Leftovers of the fortieth
reading, part aIF"): IF-CODE-001's R3 states the refusal its step and fail line name, and its findings name R3;
IF-REPORT-001 records no problem-details finding its lines do not state (a9); IF-PAGE-001's whole listing follows
`next` (a10); IF-ROB-003's steps and fail line name the `Content-Type` and body the check judges (a11); IF-UDP-013's
R4 states annex D's object, which the check now fails (a12). Each test fails on the sources before these fixes."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.drafting.test_spec_leftovers_thirtyninth_aif import _release
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

SUITES = Path(__file__).resolve().parents[2] / "suites" / "interfaces"


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def _check_problem_calls(name: str) -> dict[str, list[ast.Call]]:
    """The ``check_problem`` calls of each test function of a suite file."""
    tree = ast.parse((SUITES / name).read_text(encoding="utf-8"))
    return {f.name: [c for c in ast.walk(f) if isinstance(c, ast.Call) and getattr(c.func, "id", "") == "check_problem"]
            for f in tree.body if isinstance(f, ast.FunctionDef) and f.name.startswith("test_")}


def test_a9_if_code_001_r3_states_the_4xx_problem_refusal(catalog):
    """R3 said only 「应拒绝」 while step 4 and the fail line name a `4xx` with RFC 9457 problem details."""
    (r3,) = [rule for rule in catalog.requirement("IF-CODE-001").rules if rule.id == "R3"]
    assert "`4xx`" in r3.zh and "RFC 9457 问题详情" in r3.zh, r3.zh
    assert "`4xx`" in r3.en and "RFC 9457 problem details" in r3.en, r3.en


def test_a9_the_refusal_problem_findings_name_a_rule_or_are_gone():
    """IF-CODE-001 called `check_problem` without `rule` (an empty 规则 column though R3 states it); IF-REPORT-001
    called it on a refusal R1 already fails, a finding no line of that case states."""
    calls = _check_problem_calls("test_reporting.py")
    (code,) = calls["test_reports_follow_the_published_code_of_conduct"]
    assert [(k.arg, getattr(k.value, "value", None)) for k in code.keywords] == [("rule", "R3")]
    assert calls["test_reports_are_recorded_and_answered_in_time"] == []


def test_a10_if_page_001_step_1_follows_next_for_the_whole_listing(zh_markdown, en_markdown):
    """Step 1 called the first page of GET /assets the whole listing; annex D's contract lets it be paged."""
    zh, en = _cases(zh_markdown)["IF-PAGE-001"], _cases(en_markdown)["IF-PAGE-001"]
    zh_steps, en_steps = ([s.replace("`", "") for s in _steps(case, lang)] for case, lang in ((zh, "zh"), (en, "en")))
    assert any("GET /assets" in s and "只要其 next 为链接即依次对其发送 GET 请求" in s for s in zh_steps)
    assert any("GET /assets" in s and "while its next is a link, send GET to each link in turn" in s for s in en_steps)
    assert "经 1 000 页后仍链接下一页（读取界限“跟随的列表页数”，见 5.1）" in _verdict_lines(zh, "zh")["不确定"]
    assert "after 1 000 pages (the reading bound \"list pages followed\", see 5.1)" in _verdict_lines(en, "en")["Inconclusive"]


def test_a10_the_bound_stated_is_the_check_s():
    from conformance.areas.interfaces import pagination
    assert pagination.MAX_LISTING_PAGES == 1000


def test_a11_if_rob_003_names_the_content_type_and_body_it_judges(zh_markdown, en_markdown):
    """Step 4, the expected result and the fail line named status codes only; the check also fails an
    undocumented `Content-Type` and a body off the documented schema."""
    zh, en = _cases(zh_markdown)["IF-ROB-003"], _cases(en_markdown)["IF-ROB-003"]
    zh_step = next(s for s in _steps(zh, "zh") if "检查每个状态码" in s)
    en_step = next(s for s in _steps(en, "en") if "Check that no status" in s)
    assert "`Content-Type`" in zh_step and "模式" in zh_step
    assert "`Content-Type`" in en_step and "schema" in en_step
    assert "`Content-Type` 不是契约为该状态码记录的媒体类型" in _verdict_lines(zh, "zh")["不通过"]
    assert "whose `Content-Type` is not one the contract documents" in _verdict_lines(en, "en")["Fail"]


def test_a12_if_udp_013_r4_states_the_contract_s_object(catalog, zh_markdown, en_markdown):
    """R4 said the body conforms to annex D's contract while a 200 JSON body off it was inconclusive."""
    (r4,) = [rule for rule in catalog.requirement("IF-UDP-013").rules if rule.id == "R4"]
    assert "`items` 列表（由非空字符串组成）的 JSON 对象" in r4.zh, r4.zh
    assert "JSON object with an `items` list of non-empty strings" in r4.en, r4.en
    zh, en = _cases(zh_markdown)["IF-UDP-013"], _cases(en_markdown)["IF-UDP-013"]
    assert sum("带 `items` 列表（由非空字符串组成）的对象时，记录“不通过”（规则 R4）" in s for s in _steps(zh, "zh")) == 2
    assert sum("`items` list of non-empty strings annex D's contract gives, record \"fail\" (rule R4)" in s
               for s in _steps(en, "en")) == 2


def test_the_changed_cases_carry_their_version_notes(catalog):
    for rid, version in (("IF-CODE-001", "1.5.1"), ("IF-REPORT-001", "1.4.1"), ("IF-PAGE-001", "1.3.0"),
                         ("IF-ROB-003", "1.2.3"), ("IF-UDP-013", "1.7.0")):
        requirement = catalog.requirement(rid)
        # a later reading may step it again; the step this part took stays in the notes
        assert _release(requirement.version) >= _release(version), rid
        assert f"{version} (issue 76, fortieth reading's leftovers, part aIF)" in requirement.notes.en, rid
        assert f"{version} 版（议题 76，第四十次审读遗留问题，第 aIF 部分）" in requirement.notes.zh, rid
