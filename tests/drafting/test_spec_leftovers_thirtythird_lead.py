"""The lead's follow-ups of the thirty-third reading's parts (issue 76; docs/drafting.md, "Leftovers of the
thirty-third reading, the lead")."""

from __future__ import annotations

from tests.drafting.test_spec_sixteenth_reading import _cases, _row


def test_as_trade_009_names_the_trade_events_its_check_looks_for(zh_markdown, en_markdown):
    """Part s's a2, its sibling: AS-TRADE-009 said 「未新增任何事件」, its check (`unheld`) looks at trade events only."""
    zh = _row(_cases(zh_markdown)["AS-TRADE-009"], "测试步骤")
    en = _row(_cases(en_markdown)["AS-TRADE-009"], "Test procedure")
    assert "未新增任何事件" not in zh and "未新增交易事件（下单、结算、取消、退款）" in zh
    assert "no new trade event (order, settlement, cancellation, refund)" in en
