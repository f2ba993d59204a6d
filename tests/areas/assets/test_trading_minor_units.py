"""AS-TRADE-011's probe amounts in the smallest units of the currency they are priced in (forty-fourth reading, bx2): a
platform whose first declared currency has no decimals (JPY) or three (BHD) rightly refuses 12.50 or a balance one
cent short, and was failed for it; the probe is now 1 250 of the currency's smallest units, one of them short. AS-TRADE-001
to -010 order at the same price (part h97-trade), AS-TRADE-007 at a drawn count of smallest units."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conformance.areas._shared.trading import in_minor_units, minor_unit
from conformance.reference.assets import trading as reference_trading
from conformance.reference.assets.ledger import Refused
from tests.areas.assets.test_trading import B
from tests.areas.assets.test_trading import market as market_of
from tests.conftest import manifest_for, verdicts


@pytest.mark.parametrize(("code", "amount"), [("CNY", "12.50"), ("JPY", "1250"), ("BHD", "1.250"), ("CLF", "0.1250"),
                                              ("XAU", "1250"), ("REFCREDIT", "12.50")])
def test_probe_amounts_have_the_currencys_decimal_places(code, amount):
    """ISO 4217 list one's minor units (N.A. as whole units); a token by its declared ``decimals``."""
    assert str(in_minor_units(1250, code, reference_trading.TERMS)) == amount
    assert minor_unit("ZZZ", {"tokens": [{"code": "ZZZ", "decimals": 0}]}) == 0


def test_the_reference_refuses_an_amount_finer_than_its_currency():
    """As a real market: 12.50 JPY is no amount; 1250 JPY is."""
    market = market_of()
    with pytest.raises(Refused) as refused:
        market.order("x", B, {"amount": "12.50", "currency": "JPY"})
    assert refused.value.status == 422
    assert market.order("x", B, {"amount": str(in_minor_units(1250, "JPY")), "currency": "JPY"})[0].status == "open"


@pytest.mark.parametrize("first", ["JPY", "BHD"])
def test_a_platform_pricing_first_in_a_currency_without_two_decimals_passes(catalog, serve_reference, run_manifest,
                                                                          monkeypatch, first):
    """The reference declaring JPY (or BHD) first, refusing amounts finer than it: AS-TRADE-011 passes (before the fix
    its 12.50 order was refused and R1 failed)."""
    monkeypatch.setitem(reference_trading.TERMS, "currencies", [first, "CNY"])
    url = serve_reference()
    result = run_manifest(manifest_for(catalog, "asset-trading", base_urls={"api": url}), requirements=["AS-TRADE-011"])
    assert verdicts(result)["AS-TRADE-011"] == "pass"


#: the trade cases ordering at the probe price (Trade.price) or at a drawn count of smallest units (AS-TRADE-007)
PRICED = [f"AS-TRADE-{n:03d}" for n in range(1, 11)]


@pytest.mark.parametrize("first", ["JPY", "BHD"])
def test_every_trade_case_orders_in_the_currencys_minor_units(catalog, serve_reference, run_manifest, monkeypatch,
                                                              first):
    """AS-TRADE-001 to -010 against the reference declaring JPY (or BHD) first: each passes (before, their fixed
    12.50 and AS-TRADE-007's two-decimal amounts were refused as amounts finer than the currency, failing them)."""
    monkeypatch.setitem(reference_trading.TERMS, "currencies", [first, "CNY"])
    url = serve_reference()
    result = run_manifest(manifest_for(catalog, "asset-trading", base_urls={"api": url}), requirements=PRICED)
    assert {r: verdicts(result)[r] for r in PRICED} == dict.fromkeys(PRICED, "pass")


def test_no_trade_check_writes_an_amount_of_its_own():
    """The class of bx2: a trade check's amount written as a decimal literal or formatted in hundredths; every probe
    amount goes through ``probe_price`` / ``in_minor_units`` (codecs/currency.py's minor units)."""
    root = Path(__file__).resolve().parents[3]
    checks = [*sorted((root / "suites" / "assets").glob("test_trading*.py")), root / "suites/assets/test_stateful.py",
              root / "src/conformance/areas/assets/trading_stateful.py"]
    for path in checks:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r'"amount":\s*(?:"\d|f")', source), path.name
        assert not re.search(r'"\d+\.\d{2}"', source), path.name
