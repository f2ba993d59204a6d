"""The leftovers of the thirty-seventh reading of issue 76, part a1 (docs/drafting.md, "Leftovers of the
thirty-seventh reading, part a1"): the assets cases. A model or history file the test equipment refuses to read is
unjudged and the lines say so (rows a1, a2; the behaviour in tests/areas/assets/test_refused_files.py); AS-REG-001
makes no request its text does not name (a3); the assets checks record the R-number they break (a4); AS-REG-004's
and AS-REG-005's lines and steps name what their checks do (a5, a6); AS-CONT-002's step 1 names the assets left out
(a19). Each test fails on the draft or the checks as they were before these fixes."""

from __future__ import annotations

import ast

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT

MODEL_CASES = ("AS-GLTF-001", "AS-GLTF-002", "AS-GLTF-003", "AS-VRM-001")


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_a_refused_model_file_is_inconclusive_in_every_model_case(zh_markdown, en_markdown):
    """Row a1: the four model cases called an unreadable file 不确定 while the check recorded the adapter's refusal
    (over `max_file_bytes`, not a regular file, a link outside its folder) as a finding; the lines now name it."""
    for rid in MODEL_CASES:
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
        assert "大于测试设备读取文件的上限 `max_file_bytes`，或被拒绝读取" in zh["不确定"], rid
        assert "即使另有文件得到判定" in zh["不确定"], rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")
        assert "larger than the test equipment reads, `max_file_bytes`, or refused" in en["Inconclusive"], rid


def test_a_refused_history_file_is_inconclusive_in_both_history_cases(zh_markdown, en_markdown):
    """Row a2: a history file refused (not a regular file, a link outside its folder) failed AS-HIST-001 and -002
    while their lines said 不确定 and 不适用 / 「不确定：无」."""
    for rid in ("AS-HIST-001", "AS-HIST-002"):
        zh = _verdict_lines(_cases(zh_markdown)[rid], "zh")
        assert "历史文件被拒绝读取（不是普通文件，或是指向其所声明目录之外的链接），该文件未作判定" in zh["不确定"], rid
        en = _verdict_lines(_cases(en_markdown)[rid], "en")
        assert "a history file is refused (not a regular file, or a link outside its declared folder)" \
            in en["Inconclusive"], rid


def test_as_reg_001_requests_only_what_its_steps_name():
    """Row a3: the check also sent `GET /assets/{asset_id}` after the issue and failed the metadata served, a
    request no step names; how metadata is served is AS-API-001's."""
    source = (ROOT / "suites" / "assets" / "test_registry_lifecycle.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    check = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "test_issue_transfer_burn_and_history")
    body = ast.get_source_segment(source, check) or ""
    assert "reg.path(asset_id)" not in body and "metadata-not-issued" not in body


def _rules_given(path: str, function: str) -> set[str]:
    """The ``rule=`` literals a check function (and nothing else) passes, a conditional's branches included."""
    source = (ROOT / path).read_text(encoding="utf-8")
    node = next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == function)
    given = [k.value for c in ast.walk(node) if isinstance(c, ast.Call) for k in c.keywords if k.arg == "rule"]
    branches = [b for v in given for b in ((v.body, v.orelse) if isinstance(v, ast.IfExp) else (v,))]
    return {b.value for b in branches if isinstance(b, ast.Constant) and isinstance(b.value, str)}


def test_the_assets_checks_name_the_rule_their_lines_promise():
    """Row a4: AS-REG-001/-006, AS-CONT-001 and AS-HIST-001 record 「记录指明……规则」 yet recorded no rule."""
    lifecycle = "suites/assets/test_registry_lifecycle.py"
    assert _rules_given(lifecycle, "test_issue_transfer_burn_and_history") == {"R1", "R2", "R3", "R4"}
    # R6 since part h94-cases (forty-second reading, AS-REG-006 R6)
    assert _rules_given(lifecycle, "test_lifecycle_lock") == {"R1", "R2", "R3", "R4", "R5", "R6"}
    assert _rules_given("suites/assets/test_content.py", "test_content_hashes_match") == {"R1", "R2", "R3"}
    assert _rules_given("suites/assets/test_history.py", "test_asset_history_is_a_valid_chain") == {"R1", "R2", "R3"}


def test_as_reg_004_names_its_set_up_and_the_history_without_events(zh_markdown, en_markdown):
    """Row a5: identities and the probe's issue (set-ups) were missing from 不确定; a history answered 200 without
    `events` failed under no line."""
    zh = _verdict_lines(_cases(zh_markdown)["AS-REG-004"], "zh")
    assert "无法按 IXIT 取得两个测试身份" in zh["不确定"] and "未以 201 应答（由 AS\u2011REG\u2011001 判定）" in zh["不确定"]
    assert "以 200 应答而不含 `events` 数组" in zh["不通过"]
    en = _verdict_lines(_cases(en_markdown)["AS-REG-004"], "en")
    assert "the two test identities cannot be obtained" in en["Inconclusive"]
    assert "answered 200 without an `events` array" in en["Fail"]


def test_as_reg_005_names_what_its_machine_does(zh_markdown, en_markdown):
    """Row a6: AS-REG-005 runs AS-TRADE-007's machine, yet named none of its retry, replay and 5xx states."""
    case = _cases(zh_markdown)["AS-REG-005"]
    zh = _verdict_lines(case, "zh")
    assert "写入请求没有应答" in zh["不通过"] and "再次执行时得到不同的应答" in zh["不通过"]
    assert "服务器错误（`5xx`）" in zh["不确定"] and "AS\u2011REG\u2011001" in zh["不确定"]
    assert any("在新连接上再发送一次，写入请求不重发" in step for step in _steps(case, "zh"))
    en = _verdict_lines(_cases(en_markdown)["AS-REG-005"], "en")
    assert "a write request gets no answer" in en["Fail"] and "server error (`5xx`)" in en["Inconclusive"]


def test_as_cont_002_names_every_asset_it_leaves_out(zh_markdown, en_markdown):
    """Row a19: step 1 said only this run's probes are left out; the check leaves out every probe of any run and
    every asset ID off the metadata schema's pattern."""
    zh = _steps(_cases(zh_markdown)["AS-CONT-002"], "zh")
    assert any("本次或以往测试中为探测而发行的资产" in s and "`asset_id` 模式" in s for s in zh)
    en = _steps(_cases(en_markdown)["AS-CONT-002"], "en")
    assert any("in this run or an earlier one" in s and "`asset_id` pattern" in s for s in en)
