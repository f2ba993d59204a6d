"""The leftovers of the thirty-second reading of issue 76, part k (docs/drafting.md, "Leftovers of the thirty-second
reading, part k"): the AS-TRADE inconclusive lines name every state their checks leave unjudged, a history or state
AS-REG-001 judges (row a2), AS-TRADE-003's missing settlement event, AS-TRADE-004/-008's settle answer without an
RFC 3339 time and a discovery document not served (row a3); AS-TRADE-010 provisions A and B before A's token is
used (row a8). Each test fails on the draft as it was before these fixes."""

from __future__ import annotations

from pathlib import Path

from tests.drafting.test_spec_leftovers_thirtyfirst_a import _steps
from tests.drafting.test_spec_leftovers_twentythird_j import _verdict_lines
from tests.drafting.test_spec_sixteenth_reading import _cases

_SUITES = Path(__file__).resolve().parents[2] / "suites" / "assets"
#: the AS-TRADE checks reading the history only (`history_read`), and those reading the state as well (`check_state`)
_HISTORY_ONLY = ("AS-TRADE-001", "AS-TRADE-003", "AS-TRADE-005")
_STATE_TOO = ("AS-TRADE-002", "AS-TRADE-004", "AS-TRADE-006", "AS-TRADE-008", "AS-TRADE-009", "AS-TRADE-010",
              "AS-TRADE-011")


def _inconclusive(markdown: str, rid: str, lang: str) -> str:
    line = _verdict_lines(_cases(markdown)[rid], lang)["不确定" if lang == "zh" else "Inconclusive"]
    return line.replace("\u2011", "-")  # the draft's non-breaking hyphens in identifiers


def test_trade_inconclusive_lines_name_the_reads_as_reg_001_judges(zh_markdown, en_markdown):
    """Row a2: a history or state not answered 200 is left unread (`unread`, judged by AS-REG-001), and no
    AS-TRADE inconclusive line named it."""
    for rid in _HISTORY_ONLY + _STATE_TOO:
        zh, en = _inconclusive(zh_markdown, rid, "zh"), _inconclusive(en_markdown, rid, "en")
        assert "`GET /assets/{asset_id}/history`" in zh and "（由 AS-REG-001 判定）" in zh, rid
        assert "`GET /assets/{asset_id}/history`" in en and "(AS-REG-001 judges it)" in en, rid
        state = rid in _STATE_TOO
        assert ("`GET /assets/{asset_id}/state`" in zh) == state and ("`GET /assets/{asset_id}/state`" in en) == state, rid


def test_trade_inconclusive_lines_name_the_states_the_checks_raise(zh_markdown, en_markdown):
    """Row a3: AS-TRADE-003 raises Inconclusive on a history without a settlement event, AS-TRADE-004/-008 on a
    settle answer whose `event` states no RFC 3339 `time`; `declared_terms` also on a discovery document not
    answered 200, where the lines said only 「不是 JSON」 (and AS-TRADE-009/-010/-011 said nothing)."""
    assert "历史中没有结算事件" in _inconclusive(zh_markdown, "AS-TRADE-003", "zh")
    assert "the history holds no settlement event" in _inconclusive(en_markdown, "AS-TRADE-003", "en")
    for rid in ("AS-TRADE-004", "AS-TRADE-008"):
        assert "未以 RFC 3339 载明时间（`time`）" in _inconclusive(zh_markdown, rid, "zh"), rid
        assert "states no RFC 3339 `time`" in _inconclusive(en_markdown, rid, "en"), rid
    for rid in _HISTORY_ONLY + _STATE_TOO:
        assert "服务发现文档未以 200 应答或不是 JSON" in _inconclusive(zh_markdown, rid, "zh"), rid
        assert "the discovery document is not answered 200 or is not JSON" in _inconclusive(en_markdown, rid, "en"), rid


def test_the_circular_trade_provisions_a_before_its_token_is_used(zh_markdown, en_markdown):
    """Row a8: AS-TRADE-010 step 1 used A's token before any step provisioned A; the check provisions A and B
    first (`Trade`), then A2, as AS-TRADE-009 step 1 words it."""
    # step 1 checks the ICS since the case became the feature linked-identities (forty-first reading, b12)
    zh = _steps(_cases(zh_markdown)["AS-TRADE-010"], "zh")[1]
    assert zh.index("开通测试身份 A 与不关联的身份 B") < zh.index("再以 A 的令牌") < zh.index("另一身份 A2")
    en = _steps(_cases(en_markdown)["AS-TRADE-010"], "en")[1]
    assert en.index("provision a test identity A and an unlinked identity B") < en.index("with A's token") \
        < en.index("another identity A2")


def test_the_circular_trade_check_says_it_judges_its_sales():
    """Part i's leftover: the docstring said the sales were 'judged by AS-TRADE-002' while `_settled` records a
    sale not answered 201/200 as this requirement's finding; C's resale order is judged by its 201 alone."""
    source = (_SUITES / "test_trading.py").read_text(encoding="utf-8")
    doc = source.split("def test_circular_trade_is_refused", 1)[1].split('"""')[1]
    assert "judged by AS-TRADE-002" not in doc
    assert "``_settled``" in doc and "201 alone" in doc
