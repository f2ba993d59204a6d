"""AS-TRADE-004 (1.3) and AS-TRADE-008 (1.2) judge refunds by the catalog's seven-day window (the
profile parameter cooling_off_s), never the window the platform declares: a platform declaring
none is no longer outside them (issue 74). The window counts from the settlement's time as the
settle answer's event states it; an answer without one leaves nothing to count from."""

from __future__ import annotations

import importlib.util
from datetime import datetime, timezone
from types import SimpleNamespace

import httpx
import pytest

from conformance import Inconclusive, NonConformance, load_catalog
from conformance.adapters.response import Response
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_trading", ROOT / "suites/assets/test_trading.py")
trading = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trading)

REFUND_TESTS = [trading.test_refund_within_cooling_off_restores_the_seller,
                trading.test_refund_after_cooling_off_is_refused]


def _answer(body):
    return SimpleNamespace(json=lambda: body)


@pytest.mark.parametrize("test", REFUND_TESTS)
@pytest.mark.parametrize("declared", [0, None, "7d"])
def test_the_declared_window_decides_nothing(test, declared, monkeypatch):
    """Before issue 74 a declared cooling_off_s of 0 made both not applicable, and one that is not
    seconds inconclusive; now the test goes on to trade whatever the terms say."""
    traded = []
    monkeypatch.setattr(trading, "Trade", lambda targets, path: SimpleNamespace(
        terms={"cooling_off_s": declared}, session=SimpleNamespace(ids=["A", "B"])))
    monkeypatch.setattr(trading, "_settled_at", lambda *args: traded.append(args[-1]))
    test({}, None, None, SimpleNamespace(identity_path="/identities", cooling_off_s=604800, clock_path="/test/clock"))
    assert len(traded) == 1


def test_the_profile_fixes_seven_days_and_a_claim_can_only_lengthen_them():
    spec = load_catalog().profile("asset-trading").parameters["cooling_off_s"]
    assert spec.default == 7 * 24 * 3600 and spec.stricter == "higher" and spec.bounds.min == spec.default


def test_the_window_counts_from_the_settlement_events_time():
    at = trading.settlement_time(_answer({"event": {"time": "2026-11-26T12:00:00Z"}}))
    assert at == datetime(2026, 11, 26, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize("body", [{}, {"event": {}}, {"event": {"time": "yesterday"}},
                                  {"event": {"time": "2026-11-26T12:00:00"}}, ["not", "an", "object"],
                                  # ISO 8601 forms RFC 3339 5.6 excludes (basic format, an offset without its colon)
                                  {"event": {"time": "20261126T120000Z"}}, {"event": {"time": "2026-11-26T12:00:00+0800"}}])
def test_a_settle_answer_without_a_time_is_inconclusive(body):
    with pytest.raises(Inconclusive):
        trading.settlement_time(_answer(body))


def test_a_settle_answer_that_does_not_parse_is_the_steps_finding():
    """The settle answer is the case's own step: a body that does not parse is a finding under its rule
    (part h94-own), never an error."""
    answer = Response("POST", "https://api.example/orders/o/settle", 200,
                      httpx.Headers({"content-type": "application/json"}), b"<html>", 0.0)
    with pytest.raises(NonConformance) as raised:
        trading.settlement_time(answer, "R1")
    assert raised.value.evidence["rule"] == "R1" and "200" in str(raised.value)
