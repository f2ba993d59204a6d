"""The leftovers of the thirty-fifth reading of issue 76, part t (docs/drafting.md, "Leftovers of the thirty-fifth
reading, part t"): texts against their steps and checks. TD-OLF-006's statement and R2 leave out the co-eluting
scents its step 4 and check leave out (row c14); TD-AUD-005, TD-AUD-007 and TD-ACC-004 cite ITU-T P.58 for the
head and torso simulator they apply (c15); TD-BIO-001's English marks the member `biometric` (c19); IF-PAGE-001
names the listing and pages without items its check fails (a7); IF-SES-004 and -005 record their findings by N,
without rules their cases do not state (a9). Each test fails on the draft, the catalog or the check as they were
before these fixes."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row

_SESSIONS = Path(__file__).resolve().parents[2] / "suites" / "interfaces" / "test_sessions.py"


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_td_olf_006_judges_only_the_scents_eluting_apart(catalog):
    """c14: the statement and R2 said "every other scent" while step 4 and the check leave out a scent whose
    marker co-elutes within 5 s of the commanded one."""
    req = catalog.requirements["TD-OLF-006"]
    r2 = next(rule for rule in req.rules if rule.id == "R2")
    assert "相差超过 5 秒的其他每个气味" in r2.zh and "相差超过 5 秒的其他每个气味" in req.statement.zh
    assert "by more than 5 s" in r2.en and "eluting more than 5 s from it" in req.statement.en


def test_each_head_and_torso_simulator_is_one_p58_specifies(zh_markdown, en_markdown):
    """c15: three cases applied the simulator without naming the document that specifies it."""
    for markdown, term, lang in ((zh_markdown, "头和躯干模拟器", "zh"), (en_markdown, "head and torso simulator", "en")):
        for rid, case in _cases(markdown).items():
            if term in case.lower():
                assert "P.58" in case, (rid, lang)
    zh = _cases(zh_markdown)
    assert "佩戴设备、符合 ITU-T P.58（2023-03）的头和躯干模拟器在转台上转动" in zh["TD-AUD-005"]
    assert "或佩戴设备、符合 ITU-T P.58（2023-03）的头和躯干模拟器，" in zh["TD-AUD-007"]
    assert "置于设备耳机下、符合 ITU-T P.58（2023-03）的头和躯干模拟器" in zh["TD-ACC-004"]


def test_td_bio_001_marks_the_member_not_the_adjective(en_markdown):
    """c19: "declared `biometric` (biometric `true`)" marked the adjective and left the member plain."""
    case = _cases(en_markdown)["TD-BIO-001"]
    assert "declared biometric (`biometric` `true`)" in _row(case, "Expected result")
    lines = _verdict_lines(case, "en")
    assert lines["Pass"].endswith("is declared biometric.")
    assert "its declaration's `biometric` is not `true`" in lines["Fail"]
    assert "declared `biometric`" not in case


def test_if_page_001_names_the_pages_without_items(zh_markdown, en_markdown):
    """a7: the check fails a listing answered 200 without `items` and a page not answered 200 or without
    `items`; neither the steps nor the fail line named them."""
    zh, en = _cases(zh_markdown)["IF-PAGE-001"], _cases(en_markdown)["IF-PAGE-001"]
    assert "以 200 响应而不含 `items` 列表时" in _steps(zh, "zh")[0]
    assert "未以 200 响应或不含 `items` 列表时" in _steps(zh, "zh")[3]
    assert "without an `items` list" in _steps(en, "en")[0]
    assert "does not answer 200 or holds no `items` list" in _steps(en, "en")[3]
    failed = _verdict_lines(zh, "zh")["不通过"]
    assert "完整列表以 200 响应而不含 `items` 列表" in failed and "某页未以 200 响应或不含 `items` 列表" in failed
    failed = _verdict_lines(en, "en")["Fail"]
    assert "the whole listing answers 200 without an `items` list" in failed
    assert "a page does not answer 200 or holds no `items` list" in failed


def _finding_rules(function: str) -> list[str]:
    """The `rule=` of each evidence.finding call in one check of test_sessions.py (None where it names none)."""
    tree = ast.parse(_SESSIONS.read_text(encoding="utf-8"))
    body = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == function)
    calls = [node for node in ast.walk(body) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Attribute) and node.func.attr == "finding"]
    assert calls, function
    return [next((ast.unparse(k.value) for k in call.keywords if k.arg == "rule"), None) for call in calls]


def test_if_ses_004_and_005_record_no_rule_their_cases_do_not_state(catalog, zh_markdown):
    """a9: the checks recorded findings under R1 (N = 8) and R2 (N = 32), rules the cases do not define."""
    for rid, function in (("IF-SES-004", "test_each_senders_updates_arrive_in_order"),
                          ("IF-SES-005", "test_every_participant_and_a_late_joiner_converge_to_the_same_state")):
        assert not catalog.requirements[rid].rules, rid
        assert "其规则为" not in _row(_cases(zh_markdown)[rid], "测试目的"), rid
        assert _finding_rules(function) == [None], rid
