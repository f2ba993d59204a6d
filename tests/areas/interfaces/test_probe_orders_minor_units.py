"""Probe orders priced in the smallest units of their currency (seventy-eighth reading, h144-iface, b4 and its
class): IF-AUTH-001 placed B's order at a fixed 1.00 in the first declared currency, which a platform declaring JPY
first (no minor unit, ISO 4217) rightly refuses, leaving the order operations unprobed; IF-CODE-003, AS-MINOR-001,
IF-RISK-001 and IF-RISK-004 ordered at the same 1.00 and judged the refusal of the amount as if it were the one they
look for (or its absence). Every probe order now goes through ``probe_price``, as the trade cases' (h97-trade)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conformance.areas._shared.trading import PROBE_PRICE, in_minor_units
from conformance.reference.assets import trading as reference_trading
from tests.conftest import manifest_for

ROOT = Path(__file__).resolve().parents[3]


def test_no_check_sends_an_amount_written_by_hand():
    """The class: an amount sent to a platform written as a literal (``"amount": "1.00"``) in any suite or area
    module; a probe amount is ``probe_price``'s (or ``in_minor_units``'), in the currency's own decimal places."""
    modules = [*ROOT.glob("suites/*/*.py"), *ROOT.glob("src/conformance/areas/**/*.py")]
    written = [str(path.relative_to(ROOT)) for path in modules if "fixtures" not in path.parts
               and re.search(r'"amount":\s*(?:"\d|f")', path.read_text(encoding="utf-8"))]
    assert written == []


#: the checks ordering at a probe price, each with a profile claiming it
PROBING = {"IF-AUTH-001": "interfaces-robustness", "IF-CODE-003": "interfaces-reporting",
           "AS-MINOR-001": "asset-minors", "IF-RISK-001": "interfaces-risk-grade",
           "IF-RISK-004": "interfaces-risk-grade"}


def _orders(record: Any) -> list[dict[str, Any]]:
    """The priced order requests (``POST .../orders`` with a ``price``) of a requirement's evidence."""
    return [item for item in record.evidence if isinstance(item, dict) and item.get("kind") == "http"
            and item["request"]["method"] == "POST" and item["request"]["url"].endswith("/orders")
            and isinstance(item["request"].get("json"), dict) and "price" in item["request"]["json"]]


def _run(catalog: Any, serve_reference: Any, run_manifest: Any, monkeypatch: Any,
         currencies: list[str]) -> dict[str, Any]:
    monkeypatch.setitem(reference_trading.TERMS, "currencies", currencies)
    url = serve_reference()
    records = {}
    for requirement, profile in PROBING.items():
        result = run_manifest(manifest_for(catalog, profile, base_urls={"api": url}), requirements=[requirement])
        (records[requirement],) = [r for r in result.report.requirements if r.requirement == requirement]
    return records


@pytest.mark.parametrize("first", ["JPY", "BHD"])
def test_a_platform_declaring_a_currency_without_two_decimals_first_gets_the_same_verdicts(
        catalog, serve_reference, run_manifest, monkeypatch, first):
    """The reference declaring JPY (no minor unit) or BHD (three) first, refusing amounts finer than it, as a real
    market: every check ordering at a probe price comes to the verdict it comes to with CNY first, its orders priced
    in that currency's own decimal places and none refused for its amount (422). Before the fix, with JPY first,
    IF-AUTH-001 was inconclusive (its order refused, the order operations unprobed) and IF-CODE-003, AS-MINOR-001
    and IF-RISK-001 failed on the refusal of 1.00 JPY."""
    others = [code for code in reference_trading.TERMS["currencies"] if code != first]
    cny = _run(catalog, serve_reference, run_manifest, monkeypatch, ["CNY", *others])
    records = _run(catalog, serve_reference, run_manifest, monkeypatch, [first, *others])
    assert {r: records[r].verdict.value for r in PROBING} == {r: cny[r].verdict.value for r in PROBING}
    assert "error" not in {record.verdict.value for record in records.values()}  # no check broken by the pricing
    for requirement, record in records.items():
        orders = [item for item in _orders(record) if item["request"]["json"]["price"]["currency"] == first]
        assert orders, requirement  # each check places (and keeps the evidence of) an order in that currency
        for item in orders:
            assert item["request"]["json"]["price"]["amount"] == str(in_minor_units(PROBE_PRICE, first)), requirement
            assert item["response"]["status"] != 422, requirement
