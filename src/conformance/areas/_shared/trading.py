"""Trading through an asset registry (docs/assets.md, "Trading"), as the tests of several areas
use it: the market's calls, its declared terms and the currencies it prices in."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import quote

import pycountry

from conformance import NonConformance, msg
from ...codecs.currency import minor_unit as currency_places

from .discovery import DISCOVERY, declared_terms
from .registry import Identity, Registry

if TYPE_CHECKING:
    from conformance import HttpTarget
    from conformance.area import JsonObject, Response


class Market(Registry):
    """A registry's trading calls, each made as one identity."""

    def order(self, who: Identity | None, asset_id: str, price: dict[str, str]) -> Response:
        return self.call("POST", self.path(asset_id, "orders"), who, {"price": price})

    @staticmethod
    def order_path(order_id: str, action: str = "") -> str:
        return f"/orders/{quote(order_id, safe='')}" + (f"/{action}" if action else "")

    def show(self, order_id: str) -> Response:
        return self.call("GET", self.order_path(order_id), None)

    def step(self, who: Identity | None, order_id: str, action: str) -> Response:
        """settle, cancel or refund."""
        return self.call("POST", self.order_path(order_id, action), who, {})


def terms(api: HttpTarget) -> JsonObject:
    """The market's declared terms (the discovery document's ``trading``)."""
    return declared_terms(api, ("trading",), "shared.trade-no-terms")


def tokens(declared: JsonObject) -> set[str]:
    """The codes of the tokens the market declares (that are not ISO 4217 codes)."""
    listed = declared.get("tokens")
    codes = [t.get("code") for t in listed if isinstance(t, dict)] if isinstance(listed, list) else []
    return {code for code in codes if isinstance(code, str) and not is_iso4217(code)}


def is_iso4217(code: object) -> bool:
    """An ISO 4217 alphabetic code: three capital letters the standard lists. pycountry looks codes
    up ignoring case, and "usd" is no ISO 4217 code, so the case is checked first."""
    return isinstance(code, str) and len(code) == 3 and code.isascii() and code.isupper() \
        and pycountry.currencies.get(alpha_3=code) is not None


def price_currency(declared: JsonObject) -> str:
    """A currency to price probe orders in: the first declared ISO 4217 currency, else a token."""
    listed = declared.get("currencies")
    for code in listed if isinstance(listed, list) else []:
        if is_iso4217(code):
            return str(code)
    for code in sorted(tokens(declared)):
        return code
    raise NonConformance(msg("shared.trade-no-currency"), file=DISCOVERY, pointer="/trading/currencies")


def minor_unit(code: str, declared: JsonObject | None = None) -> int:
    """The decimal places of an amount in ``code``: an ISO 4217 currency's minor unit, a declared token's
    ``decimals`` (2 where it gives none)."""
    listed = (declared or {}).get("tokens")
    token = next((t for t in listed if isinstance(t, dict) and t.get("code") == code), {}) \
        if isinstance(listed, list) and not is_iso4217(code) else {}
    return currency_places(code, token.get("decimals"))


def in_minor_units(count: int, code: str, declared: JsonObject | None = None) -> Decimal:
    """``count`` of the currency's smallest units as an amount with its decimal places ("12.50" CNY, "1250" JPY,
    "1.250" BHD for 1250): probe amounts every currency can state (forty-fourth reading, bx2)."""
    places = minor_unit(code, declared)
    return (Decimal(count) / (10 ** places)).quantize(Decimal(1).scaleb(-places))


#: the trade cases' probe price in the smallest units of the currency it is in (the catalog's own): 12.50 in a
#: currency of two decimals, 1250 JPY, 1.250 BHD; a fixed 12.50 is no amount in JPY (forty-fourth reading, bx2)
PROBE_PRICE = 1_250


def probe_price(code: str, declared: JsonObject | None = None, count: int = PROBE_PRICE) -> dict[str, str]:
    """An order's ``price`` of ``count`` smallest units of ``code`` (AS-TRADE-001 to -011)."""
    return {"amount": str(in_minor_units(count, code, declared)), "currency": code}


def declared_probe_price(declared: JsonObject) -> dict[str, str]:
    """:func:`probe_price` in the currency the market's terms offer first (:func:`price_currency`): a probe order
    priced as the trade cases price theirs, never a fixed decimal amount (no 1.00 JPY)."""
    return probe_price(price_currency(declared), declared)
