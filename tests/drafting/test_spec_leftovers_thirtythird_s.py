"""The leftovers of the thirty-third reading of issue 76, part s (docs/drafting.md, "Leftovers of the thirty-third
reading, part s"): AS-TRADE-006 names the feature `lifecycle-lock` by clause 3.14's term 特性, as the ICS declares
it (row a1); AS-TRADE-006, -008 and -010 say which events a refused or held order must not record, the ones their
checks look for, not "no event" (row a2). Each test fails on the catalog and the draft as they were before these
fixes."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.drafting.test_spec_sixteenth_reading import _cases

_SUITES = Path(__file__).resolve().parents[2] / "suites" / "assets"
_ROWS = ("AS-TRADE-006", "AS-TRADE-008", "AS-TRADE-010")


def _requirements() -> dict[str, dict]:
    data = yaml.safe_load((_SUITES / "requirements.yaml").read_text(encoding="utf-8"))
    return {r["id"]: r for r in data["requirements"]}


def _case(markdown: str, rid: str) -> str:
    return _cases(markdown)[rid].replace("\u2011", "-")  # the draft's non-breaking hyphens in identifiers


def _text(rid: str, lang: str) -> str:
    """The requirement's statement and rules in one language."""
    req = _requirements()[rid]
    return " ".join([req["statement"][lang]] + [r[lang] for r in req.get("rules", [])])


def test_the_lock_feature_is_a_feature_declared_in_the_ics(zh_markdown, en_markdown):
    """Row a1: AS-TRADE-006 called `lifecycle-lock` 「功能」 in its statement, R3 and steps 1 and 4 (clause 3.14
    defines 特性), where AS-REG-005 and AS-TRADE-007 write 「ICS 声明支持特性 `lifecycle-lock`」."""
    zh, en = _text("AS-TRADE-006", "zh"), _text("AS-TRADE-006", "en")
    assert "功能" not in zh and zh.count("ICS 声明支持特性“持有者能锁定与解锁其资产（锁定与解锁生命周期事件）”（`lifecycle-lock`）") == 2
    assert "claims" not in en and en.count("the ICS declares the feature \"Holders can lock and unlock their assets (lock and unlock lifecycle events)\" (`lifecycle-lock`)") == 2
    zh_case, en_case = _case(zh_markdown, "AS-TRADE-006"), _case(en_markdown, "AS-TRADE-006")
    # the case's purpose row quotes the statement and R3, and steps 1 and 4 name the feature again
    assert "功能" not in zh_case and zh_case.count("ICS 声明支持特性“持有者能锁定与解锁其资产（锁定与解锁生命周期事件）”（`lifecycle-lock`）") == 4
    assert "claims the" not in en_case and en_case.count("the ICS declares the feature \"Holders can lock and unlock their assets (lock and unlock lifecycle events)\" (`lifecycle-lock`)") == 4


def test_refused_requests_name_the_events_the_checks_look_for(zh_markdown, en_markdown):
    """Row a2: the texts said 「不记录任何事件」 / "recording nothing", while the checks look for an `order` event
    (AS-TRADE-006), a `refund` event (AS-TRADE-008) or the trade events (AS-TRADE-010) only."""
    for rid in _ROWS:
        for text in (_text(rid, "zh"), _case(zh_markdown, rid)):
            assert "任何事件" not in text and "无事件记录" not in text, rid
        for text in (_text(rid, "en"), _case(en_markdown, rid)):
            assert "recording nothing" not in text and "nothing is recorded" not in text, rid
    assert "不记录下单事件" in _text("AS-TRADE-006", "zh") and "recording no order event" in _text("AS-TRADE-006", "en")
    assert "未记录下单事件" in _case(zh_markdown, "AS-TRADE-006")
    assert "no order event is recorded" in _case(en_markdown, "AS-TRADE-006")
    assert "不记录退款事件" in _text("AS-TRADE-008", "zh") and "recording no refund event" in _text("AS-TRADE-008", "en")
    assert "未记录退款事件" in _case(zh_markdown, "AS-TRADE-008")
    assert "no refund event is recorded" in _case(en_markdown, "AS-TRADE-008")
    assert "外未记录交易事件" in _case(zh_markdown, "AS-TRADE-010")
    assert "no trade event" in _case(en_markdown, "AS-TRADE-010")
