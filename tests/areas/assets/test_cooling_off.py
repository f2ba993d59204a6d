"""AS-TRADE-004 and AS-TRADE-008 open "Where the platform declares a cooling-off window": a
platform that declares none (cooling_off_s 0) is outside them, not applicable; a window that is
not a number of seconds is unknown, inconclusive (issue 59)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest

from conformance import Inconclusive, NotApplicable
from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("suite_trading", ROOT / "suites/assets/test_trading.py")
trading = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(trading)

REFUND_TESTS = [trading.test_refund_within_cooling_off_restores_the_seller,
                trading.test_refund_after_cooling_off_is_refused]


def _declaring(monkeypatch, **declared):
    """The suite's Trade session replaced by one whose terms are ``declared`` (nothing else is reached
    before the window is read)."""
    monkeypatch.setattr(trading, "Trade", lambda targets, path: SimpleNamespace(terms=declared))


@pytest.mark.parametrize("test", REFUND_TESTS)
def test_no_declared_window_is_not_applicable(test, monkeypatch):
    _declaring(monkeypatch, cooling_off_s=0, test_clock="/orders/{order_id}/clock")
    with pytest.raises(NotApplicable):
        test({}, None, None, SimpleNamespace(identity_path="/identities"))


@pytest.mark.parametrize("test", REFUND_TESTS)
@pytest.mark.parametrize("window", [None, "7d", -1, True, 1.5])
def test_a_window_that_is_not_seconds_is_inconclusive(test, window, monkeypatch):
    _declaring(monkeypatch, cooling_off_s=window, test_clock="/orders/{order_id}/clock")
    with pytest.raises(Inconclusive):
        test({}, None, None, SimpleNamespace(identity_path="/identities"))


def test_a_declared_window_is_read():
    assert trading.cooling_off_window({"cooling_off_s": 604800}) == 604800
