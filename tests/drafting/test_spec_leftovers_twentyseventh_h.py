"""The leftovers of the twenty-seventh reading of issue 76, part h (docs/drafting.md, "Leftovers of the
twenty-seventh reading, part h"): one verdict for a linked identity the platform refuses (row 5); annex A's test
moderation clock and sanction period as the cases use them, and IF-CODE-005's steps using both (row 6); the English
fail lines of SC-FEED-005 and -007 with their verb (row 8); English counts without "(s)" (row 13); table A.15's
`api` row completed (row 14); IF-SES-001's verdict lines as its check judges a connection (part d's leftover). Each
test fails on the draft or the harness as they were before these fixes."""

from __future__ import annotations

import re

from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases, _row
from tests.paths import ROOT


def _ixit_row(markdown: str, item: str) -> str:
    """The annex A row whose first cell is ``item`` (one such row in the draft)."""
    (row,) = re.findall(rf"^\| {re.escape(item)} \| (.*) \|$", markdown, re.M)
    return row


def test_a_refused_linked_identity_fails_in_every_sanction_case(zh_markdown, en_markdown):
    """Row 5: IF-CODE-008 failed a refused linked identity, IF-CODE-005 and -006 called it inconclusive, and all
    three checks record it as a finding (sanctions.linked_identity)."""
    for case in ("IF-CODE-005", "IF-CODE-006", "IF-CODE-008"):
        zh = _verdict_lines(_cases(zh_markdown)[case], "zh")
        en = _verdict_lines(_cases(en_markdown)[case], "en")
        assert "平台拒绝开通" in zh["不通过"] and "关联身份" not in zh["不确定"], case
        assert "refuses to provision" in en["Fail"] and "linked identity" not in en["Inconclusive"], case


def test_the_test_moderation_clock_and_sanction_period_name_what_the_cases_do(zh_markdown, en_markdown):
    """Row 6: annex A credited IF-CODE-005 with a lapse it never observes, and its 前置条件 named the clock and
    `sanction_period_s`, which no step used."""
    zh_clock = _ixit_row(zh_markdown, "配置项 `moderation_clock_path`")
    assert "处罚到期解除（IF‑CODE‑005）" not in zh_clock and "IF‑CODE‑005 施加的禁言或暂停期限取 1 h" in zh_clock
    assert "到期解除" not in _ixit_row(zh_markdown, "参数 `sanction_period_s`")
    en_clock = _ixit_row(en_markdown, "Setting `moderation_clock_path`")
    assert "lapse (IF‑CODE‑005)" not in en_clock and "IF‑CODE‑005 imposes its mute or suspension for 1 h" in en_clock
    assert "lapse" not in _ixit_row(en_markdown, "Parameter `sanction_period_s`")
    for markdown, label in ((zh_markdown, "测试步骤"), (en_markdown, "Test procedure")):
        steps = _row(_cases(markdown)["IF-CODE-005"], label)
        assert "`moderation_clock_path`" in steps and "`sanction_period_s`" in steps and "1 h" in steps


def test_the_mqtt_fail_lines_say_what_a_refused_subscription_records(en_markdown):
    """Row 8: "when the broker refuses the subscription of step 4 to a topic, the rule that topic checks (…)" had
    no verb."""
    for case in ("SC-FEED-005", "SC-FEED-007"):
        fail = _verdict_lines(_cases(en_markdown)[case], "en")["Fail"]
        assert "the rule that topic checks is recorded as broken (" in fail, case


def test_no_english_count_is_followed_by_an_unresolved_plural(en_markdown, note_en):
    """Row 13: clause 15 wrote "the 1 SHOULD normative requirement(s)", "10 draft or candidate requirement(s)"."""
    note = "\n".join(block.text for block in note_en if isinstance(getattr(block, "text", None), str))
    for text in (en_markdown, note):
        assert not re.findall(r"\b\d+ (?:[A-Za-z-]+ ){0,4}[A-Za-z]+\(s\)", text)
    assert "The test cases of the 1 SHOULD normative requirement the profile also selects" in en_markdown
    assert re.search(r"The profile also selects \d+ draft or candidate requirements \(annex", en_markdown)
    from conformance.drafting.plural import counted, noun_for  # new with the fix

    assert (counted(1, "further case"), counted(3, "further case")) == ("1 further case", "3 further cases")
    assert noun_for(1, "was", "were") == "was"


def test_the_minors_api_row_says_where_each_endpoint_lies(zh_markdown, en_markdown):
    """Row 14: 「（登记接口位于 `/assets`，订单、游戏会话、支付与测试开通端点）」 listed endpoints without saying
    where."""
    zh = _ixit_row(zh_markdown.split("表 A.15　")[1].split("表 A.16　")[0], "被测目标 `api`")
    for path in ("`/assets`", "`/assets/{asset_id}/orders`", "`/play-sessions`", "`/payments`", "`identity_path`"):
        assert path in zh, path
    en = _ixit_row(en_markdown.split("Table A.15 — ")[1].split("Table A.16 — ")[0], "Target `api`")
    # marked as code as the Chinese marks them since the thirty-first reading (a26)
    assert "play sessions at `/play-sessions`" in en and "payments at `/payments`" in en


def test_the_session_join_lines_match_the_check(zh_markdown, en_markdown):
    """Part d's leftover: IF-SES-001's 不确定 named 「连接因测试网络而中断」, which its check records as a failure
    (the statement asks that each participant be let join); the check named its findings by N (R1 at 8, R2 at
    32) where R1 is joining and R2 the messages."""
    zh = _verdict_lines(_cases(zh_markdown)["IF-SES-001"], "zh")
    assert "测试网络" not in zh["不确定"] and "WebSocket 连接被拒绝" in zh["不通过"]
    en = _verdict_lines(_cases(en_markdown)["IF-SES-001"], "en")
    assert "network" not in en["Inconclusive"] and "WebSocket connection to that path is refused" in en["Fail"]
    check = (ROOT / "suites" / "interfaces" / "test_sessions.py").read_text(encoding="utf-8")
    judged = check.split('@pytest.mark.requirement("IF-SES-001")')[1].split("@pytest.mark.requirement")[0]
    assert 'rule="R1")' in judged and 'rule="R2")' in judged and "rule=rule" not in judged
