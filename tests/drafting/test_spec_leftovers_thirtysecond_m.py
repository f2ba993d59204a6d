"""The leftovers of the thirty-second reading of issue 76, part m (docs/drafting.md, "Leftovers of the thirty-second
reading, part m"): interfaces cases whose text said more or less than their checks. IF-ERR-001 judges the answer to
one request (row a13); the 不确定 lines of IF-UDP-007/-008/-009/-011 and IF-TDX-001 name the set-up states the
user-data checks reach (row a14); IF-UDP-008 reads each platform's own purposes, records and names its failing
states (row a15); IF-CODE-006 without `max_period_s` (row a16) and IF-CODE-009 without a snapshot (row a17) leave a
rule unjudged and say so. Each test fails on the draft as it was before these fixes (the checks' own tests are in
tests/areas/interfaces/test_rules_unjudged_part_m.py)."""

from __future__ import annotations

import pytest

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_the_error_case_judges_the_answer_to_its_one_request(zh_markdown, en_markdown):
    """Row a13: the check sends one GET to one unknown path and judges that answer alone; the case collected
    every other error response of the run and was inconclusive only when there was none."""
    zh = _cases(zh_markdown)["IF-ERR-001"]
    assert "本用例仅判定该请求的响应" in _steps(zh, "zh")[0] and "另收集" not in zh
    lines = _verdict_lines(zh, "zh")
    assert "第 1 步请求的错误响应" in lines["通过"] and "对第 1 步的请求未以" in lines["不确定"]
    assert "测试期间" not in lines["不确定"]
    en = _cases(en_markdown)["IF-ERR-001"]
    assert "the case judges the answer to this request alone" in _steps(en, "en")[0] and "also collect" not in en
    lines = _verdict_lines(en, "en")
    assert "the error response to the request of step 1" in lines["Pass"]
    assert "answers the request of step 1 with neither" in lines["Inconclusive"]


@pytest.mark.parametrize("case", ["IF-UDP-007", "IF-UDP-008", "IF-UDP-009", "IF-UDP-011", "IF-TDX-001"])
def test_the_user_data_cases_name_the_set_up_states_their_checks_reach(zh_markdown, en_markdown, case):
    """Row a14: `userplatform.platform` is inconclusive without a declared `user_data`, a provisioned identity, a
    profile set (200, 201 or 204) or an asset issued; the lines named fewer states, or only an unreachable base URL."""
    zh = _verdict_lines(_cases(zh_markdown)[case], "zh")["不确定"]
    assert "未声明 `user_data` 的 `profile`" in zh  # the paths each case calls: the forty-first reading's h94-k5
    # annex D's 200 alone since the thirty-fifth reading's part d (row a10)
    en = _verdict_lines(_cases(en_markdown)[case], "en")["Inconclusive"]
    assert "does not declare `user_data` with its `profile`" in en
    assert "IXIT 给出的接口基础地址" not in zh
    if case == "IF-UDP-011":  # since 1.5 (part h109-cases55, b1) its R1 judges its own first profile set
        assert "资料未能设置" not in zh and "资产未能发行" in zh, zh
        assert "profile set" not in en and "an asset issued" in en, en
        return
    assert "资料未能设置（未按附录 D 以 200 应答" in zh and "）或资产未能发行" in zh
    assert "a profile set (not answered 200 as annex D gives" in en and ") or an asset issued" in en


def test_the_user_data_cases_name_their_own_further_states(zh_markdown):
    """Row a14: IF-UDP-008 leaves a platform unjudged without an export or an activity list, IF-UDP-009 without
    the asset listing, IF-UDP-011's R3 without an export."""
    cases = _cases(zh_markdown)
    assert "该导出不含 `activity` 列表（由 IF‑UDP‑007 判定）" in _verdict_lines(cases["IF-UDP-008"], "zh")["不确定"]
    assert "第 1 步的资产列表未被提供" in _verdict_lines(cases["IF-UDP-009"], "zh")["不确定"]
    assert "规则 R3 未经判定" in _verdict_lines(cases["IF-UDP-011"], "zh")["不确定"]


def test_the_purposes_case_reads_each_platform_records_and_names_what_fails(zh_markdown, en_markdown):
    """Row a15: step 1 read "the" discovery document for a pair, no step recorded, and the fail line restated
    the title."""
    zh = _cases(zh_markdown)["IF-UDP-008"]
    steps = _steps(zh, "zh")
    assert steps[0].startswith("1. 在平台 A 与平台 B 上分别读取其服务发现文档")
    assert steps[-1] == "4. 记录每条不符合的记录，注明平台、`action` 与 `purpose`。"
    failed = _verdict_lines(zh, "zh")["不通过"]
    assert "任一被检对象" not in failed and "不是该平台所声明的目的" in failed
    en = _cases(en_markdown)["IF-UDP-008"]
    assert "that platform's own discovery document" in _steps(en, "en")[0]
    assert "names a `purpose` that platform does not declare" in _verdict_lines(en, "en")["Fail"]


def test_the_ban_case_says_r3_is_unjudged_without_a_longest_period(zh_markdown, en_markdown):
    """Row a16: with no declared `max_period_s` step 6 had no value to advance by and no line said what follows;
    the item A or B cannot issue (`interfaces.sanction-no-item`) was named nowhere."""
    zh = _cases(zh_markdown)["IF-CODE-006"]
    assert "所声明的处罚均未给出 `max_period_s` 时，跳过本步，规则 R3 未经判定" in _steps(zh, "zh")[5]
    unjudged = _verdict_lines(zh, "zh")["不确定"]
    assert "A 或 B 未能发行第 3 步的资产" in unjudged and "致使规则 R3 未经判定（第 6 步）" in unjudged
    en = _cases(en_markdown)["IF-CODE-006"]
    assert "skip this step: rule R3 is not judged" in _steps(en, "en")[5]
    assert "A or B cannot issue the item of step 3" in _verdict_lines(en, "en")["Inconclusive"]


def test_the_block_case_says_r4_is_unjudged_without_a_snapshot(zh_markdown, en_markdown):
    """Row a17: a snapshot answered with an error or not at all passed R4 and the case; no line named it."""
    zh = _cases(zh_markdown)["IF-CODE-009"]
    assert "未得到快照时，规则 R4 未经判定" in _steps(zh, "zh")[4]
    assert "A 得到快照" in _verdict_lines(zh, "zh")["通过"]
    assert "A 未得到快照（第 5 步，规则 R4 未经判定）" in _verdict_lines(zh, "zh")["不确定"]
    en = _cases(en_markdown)["IF-CODE-009"]
    assert "rule R4 is not judged" in _steps(en, "en")[4]
    assert "A is given no snapshot (step 5, rule R4 not judged)" in _verdict_lines(en, "en")["Inconclusive"]
