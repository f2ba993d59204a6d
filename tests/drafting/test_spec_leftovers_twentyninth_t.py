"""The leftovers of the twenty-ninth reading of issue 76, part t (docs/drafting.md, "Leftovers of the twenty-ninth
reading, part t"): sessions, codes and robustness. IF-CODE-008's linked-identity body in its siblings' form (row a9);
IF-CODE-009 and -010 state their own join instead of citing IF-SES-001's steps (a10); 被测对象 in IF-DISC-002 (a11);
IF-ROB-003's verdict lines and step 2 as its check decides (a14); one term for the late joiner (a15) and a step using
the late joiner IF-SES-002's 前置条件 names (a16); IF-SES-001 no longer promises answered snapshots no rule holds
and IF-ROB-001's inconclusive line says what its check decides of a 401 or 403 (the two leftovers). Each test fails
on the draft as it was before these fixes."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

REQUIREMENTS = Path(__file__).resolve().parents[2] / "suites" / "interfaces" / "requirements.yaml"


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_the_linked_identity_body_has_one_form(zh_markdown, en_markdown):
    """Row a9: IF-CODE-008 wrote {`"linked_to"`:A 的 DID} where IF-CODE-005/-006 write the whole object as code."""
    for markdown, body in ((zh_markdown, '（请求体 `{"linked_to": A 的 DID}`）'),
                           (en_markdown, '(body `{"linked_to": A\'s DID}`)')):
        cases = _cases(markdown)
        lang = "zh" if markdown is zh_markdown else "en"
        for case in ("IF-CODE-005", "IF-CODE-006", "IF-CODE-008"):
            assert any(body in step for step in _steps(cases[case], lang)), case


def test_the_block_and_harassment_cases_state_their_own_join(zh_markdown, en_markdown):
    """Row a10: IF-CODE-009 step 3 and IF-CODE-010 step 2 cited IF-SES-001's steps, which now provision a late
    joiner and settle 2000 ms; their checks join three participants and no late joiner."""
    for markdown, lang, cited, path in ((zh_markdown, "zh", "IF‑SES‑001 的步骤", "`sessions.join` 声明的路径"),
                                        (en_markdown, "en", "IF‑SES‑001's steps", "declared as `sessions.join`")):
        cases = _cases(markdown)
        for case, step in (("IF-CODE-009", 2), ("IF-CODE-010", 1)):
            text = _steps(cases[case], lang)[step]
            assert cited not in text and path in text and "session.join" in text, (case, lang)


def test_the_discovery_case_names_the_implementation_under_test(zh_markdown):
    """Row a11: IF-DISC-002's 不确定 said 产品 where 3.11's term is 被测对象."""
    line = _verdict_lines(_cases(zh_markdown)["IF-DISC-002"], "zh")["不确定"]
    assert "不属于被测对象的不符合" in line and "产品" not in line


def test_the_generated_path_case_says_what_its_check_decides(zh_markdown, en_markdown):
    """Row a14: IF-ROB-003's 不适用 named a state its check records as inconclusive, its 不确定 a state no step
    observes, and step 2 promised `..` and very long strings the check never generates."""
    zh = _cases(zh_markdown)["IF-ROB-003"]
    en = _cases(en_markdown)["IF-ROB-003"]
    assert _verdict_lines(zh, "zh")["不适用"].startswith("不适用：无")
    assert _verdict_lines(en, "en")["Not applicable"].startswith("Not applicable: none")
    assert "测试网络" not in _verdict_lines(zh, "zh")["不确定"] and "首个响应" in _verdict_lines(zh, "zh")["不确定"]
    assert "test network" not in _verdict_lines(en, "en")["Inconclusive"]
    assert "未得到响应" in _verdict_lines(zh, "zh")["不通过"] and "not answered" in _verdict_lines(en, "en")["Fail"]
    assert "non-`5xx`" in _verdict_lines(en, "en")["Pass"]
    assert "极长" not in _row(zh, "测试步骤") and "1 至 64 个字符" in _row(zh, "测试步骤")
    assert "very long" not in _row(en, "Test procedure") and "1 to 64 characters" in _row(en, "Test procedure")


def test_the_late_joiner_has_one_chinese_term(zh_markdown):
    """Row a15: IF-SES-001 called the late joiner 迟到参与者, everywhere else 后加入者."""
    assert "迟到参与者" not in zh_markdown
    assert "后加入者" in _row(_cases(zh_markdown)["IF-SES-001"], "测试步骤")


def test_the_latency_case_uses_the_late_joiner_it_names(zh_markdown, en_markdown):
    """Row a16: IF-SES-002's 前置条件 named a late joiner no step used (its check provisions one)."""
    assert "后加入者" in _steps(_cases(zh_markdown)["IF-SES-002"], "zh")[0]
    assert "late joiner" in _steps(_cases(en_markdown)["IF-SES-002"], "en")[0]


def test_the_session_case_promises_no_snapshot_answer_it_does_not_judge(zh_markdown, en_markdown):
    """Leftover 1: IF-SES-001's statement and verdict lines said each snapshot request is answered, which no rule
    held and the check never judged; IF-SES-005 judges it."""
    requirement = next(r for r in yaml.safe_load(REQUIREMENTS.read_text(encoding="utf-8"))["requirements"]
                       if r["id"] == "IF-SES-001")
    assert "session.snapshot" not in requirement["statement"]["en"]
    assert "session.snapshot" not in requirement["statement"]["zh"]
    zh = _verdict_lines(_cases(zh_markdown)["IF-SES-001"], "zh")
    en = _verdict_lines(_cases(en_markdown)["IF-SES-001"], "en")
    assert "快照" not in zh["通过"] + zh["不通过"] and "snapshot" not in en["Pass"] + en["Fail"]
    assert "IF‑SES‑005" in _row(_cases(zh_markdown)["IF-SES-001"], "测试步骤")


def test_the_robustness_case_does_not_call_a_401_inconclusive(zh_markdown, en_markdown):
    """Leftover 2: IF-ROB-001's 不确定 spoke of credentials refused with 401/403, which its check judges as any
    other 4xx refusal."""
    zh = _verdict_lines(_cases(zh_markdown)["IF-ROB-001"], "zh")["不确定"]
    en = _verdict_lines(_cases(en_markdown)["IF-ROB-001"], "en")["Inconclusive"]
    assert "无法取得操作所需的凭证" not in zh and "不记为不确定" in zh
    assert "cannot be obtained" not in en and "not as inconclusive" in en
