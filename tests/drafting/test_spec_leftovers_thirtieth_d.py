"""The leftovers of the thirtieth reading of issue 76, part d (docs/drafting.md, "Leftovers of the thirtieth reading,
part d"): the sessions and user-data cases against their checks. IF-SES-001 step 3 names the path it joins on
(row a14); IF-SES-002 reads the `sessions.join` its fail line names (row a15); IF-SES-005's verdict lines say what
`sessions.divergences` fails and what leaves it inconclusive (row a16); IF-UDP-001, -003 and -004 name the set-up
states `userplatform.make_user` leaves inconclusive (row a17). Each test fails on the draft as it was before."""

from __future__ import annotations

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def _steps(case: str, lang: str) -> list[str]:
    return _row(case, "测试步骤" if lang == "zh" else "Test procedure").split("<br>")


def test_the_session_join_step_names_its_path(zh_markdown, en_markdown):
    """Row a14: step 2 (provisioning at `identity_path`) stood between step 1's `sessions.join` and step 3's
    「该路径」 / "that path"."""
    zh = _steps(_cases(zh_markdown)["IF-SES-001"], "zh")[2]
    assert "对 `sessions.join` 声明的路径发起升级" in zh and "该路径" not in zh
    en = _steps(_cases(en_markdown)["IF-SES-001"], "en")[2]
    assert "on the path declared as `sessions.join`" in en and "that path" not in en


def test_the_latency_case_reads_the_join_path_its_fail_line_names(zh_markdown, en_markdown):
    """Row a15: IF-SES-002's fail line named an undeclared `sessions.join` (R1) that no step read."""
    zh = _cases(zh_markdown)["IF-SES-002"]
    assert "服务发现文档未声明 `sessions.join`（R1）" in _verdict_lines(zh, "zh")["不通过"]
    # after the round trip the laboratory measures first (forty-eighth reading, b3)
    assert "读取服务发现文档的 `sessions.join`，未声明时记录“不通过”（规则 R1）" in _steps(zh, "zh")[0]
    en = _cases(en_markdown)["IF-SES-002"]
    assert "Read the discovery document's `sessions.join`; when none is declared, record \"fail\" (rule R1) and stop." \
        in _steps(en, "en")[0]


def test_an_unanswered_snapshot_has_one_verdict(zh_markdown, en_markdown):
    """Row a16: the check fails a snapshot not answered and a late joiner's answer without a state (a refused join
    among them); the fail line named neither and the inconclusive line named any late joiner that cannot join."""
    zh = _verdict_lines(_cases(zh_markdown)["IF-SES-005"], "zh")
    assert "任一快照请求未得到答复或其答复未载明状态（第 2 步）" in zh["不通过"]
    assert "后加入者的 `session.join` 答复未载明状态（含拒绝加入的错误答复，第 3 步）" in zh["不通过"]
    assert "含后加入者" not in zh["不确定"]
    # the time limit with its value since the forty-eighth reading (bx1)
    assert "后加入者的 WebSocket 连接未能在 10 s 内建立或其 `session.join` 请求在 10 s 内未得到任何答复" in zh["不确定"]
    en = _verdict_lines(_cases(en_markdown)["IF-SES-005"], "en")
    assert "a snapshot request is not answered or its answer holds no state (step 2)" in en["Fail"]
    assert "the late joiner's `session.join` answer holds no state" in en["Fail"]
    assert "the late joiner included" not in en["Inconclusive"]


def test_the_user_data_cases_name_their_set_up_states(zh_markdown, en_markdown):
    """Row a17: the checks leave a profile not set, an asset not issued or an identity not provisioned
    inconclusive; the three 不确定 lines named only one unreachable base address, where the pair has two platforms."""
    zh, en = _cases(zh_markdown), _cases(en_markdown)
    for rid in ("IF-UDP-001", "IF-UDP-003", "IF-UDP-004"):
        line = _verdict_lines(zh[rid], "zh")["不确定"]
        assert "接口基础地址" not in line, rid
        assert "在平台对的任一平台上" in line and "测试身份未能开通、资料未能设置" in line and "资产未能发行" in line, rid
        english = _verdict_lines(en[rid], "en")["Inconclusive"]
        # annex D's 200 alone since the thirty-fifth reading's part d (row a10)
        assert "a profile set (not answered 200 as annex D gives" in english and ") or an asset issued" in english, rid
    for step in _steps(zh["IF-UDP-004"], "zh")[1:3]:
        assert "（`GET` `user_data.export`）" in step
    for step in _steps(en["IF-UDP-004"], "en")[1:3]:
        assert "(`GET` `user_data.export`)" in step
