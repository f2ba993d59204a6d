"""Trading assets through a registry (docs/assets.md, "Trading"): the client calls, the market's
declared terms, the checks a transparent market keeps, and the model the trading state
machine predicts answers with.

A buyer orders (``POST /assets/{id}/orders`` with ``{"price": {"amount", "currency"}}``); the
order discloses its fees; the seller (the holder) settles it (``POST /orders/{id}/settle``),
which moves the asset and records a settlement; either party cancels an open order; the
buyer asks for a refund within the cooling-off window the platform declares
(``POST /orders/{id}/refund``), which moves the asset back. Each step is an event of the
asset's hash chain carrying the trade (schemas/assets/trade.json).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

import pycountry

from ..._run.findings import Finding
from ...errors import Inconclusive, NonConformance
from ...messages import msg
from ..interfaces.discovery import DISCOVERY
from .ledger import OK, LedgerModel
from .registry import Identity, Registry

ORDER_SCHEMA = "https://metaverse-conformance.org/schemas/assets/trade-order.json"
TERMS_SCHEMA = "https://metaverse-conformance.org/schemas/assets/trade-terms.json"
TRADE_EVENTS = ("order", "settlement", "cancellation", "refund")


class Market(Registry):
    """A registry's trading calls, each made as one identity."""

    def order(self, who: Identity | None, asset_id: str, price: dict[str, str]) -> Any:
        return self.call("POST", self.path(asset_id, "orders"), who, {"price": price})

    @staticmethod
    def order_path(order_id: str, action: str = "") -> str:
        return f"/orders/{quote(order_id, safe='')}" + (f"/{action}" if action else "")

    def show(self, order_id: str) -> Any:
        return self.call("GET", self.order_path(order_id), None)

    def step(self, who: Identity | None, order_id: str, action: str) -> Any:
        """settle, cancel or refund."""
        return self.call("POST", self.order_path(order_id, action), who, {})


def declared_terms(api: Any, members: tuple[str, ...], missing: str) -> dict[str, Any]:
    """The object the discovery document declares at ``members`` (e.g. ``("minors",
    "playtime")``); inconclusive when the discovery document is not served; a non-conformance
    (the message key ``missing``) when it declares no such object."""
    response = api.get(DISCOVERY)
    if response.status != 200:
        raise Inconclusive(msg("assets.trade-no-discovery", path=DISCOVERY, status=response.status))
    declared = response.json()
    for member in members:
        declared = declared.get(member) if isinstance(declared, dict) else None
    if not isinstance(declared, dict):
        raise NonConformance(msg(missing, path=DISCOVERY), file=DISCOVERY, pointer="/" + "/".join(members))
    return declared


def terms(api: Any) -> dict[str, Any]:
    """The market's declared terms (the discovery document's ``trading``)."""
    return declared_terms(api, ("trading",), "assets.trade-no-terms")


def tokens(declared: dict[str, Any]) -> set[str]:
    """The codes of the tokens the market declares (that are not ISO 4217 codes)."""
    listed = declared.get("tokens")
    return {t["code"] for t in listed if isinstance(t, dict) and isinstance(t.get("code"), str)
            and not is_iso4217(t["code"])} if isinstance(listed, list) else set()


def is_iso4217(code: Any) -> bool:
    return isinstance(code, str) and len(code) == 3 and pycountry.currencies.get(alpha_3=code) is not None


def price_currency(declared: dict[str, Any]) -> str:
    """A currency to price probe orders in: the first declared ISO 4217 currency, else a token."""
    for code in declared.get("currencies") or []:
        if is_iso4217(code):
            return str(code)
    for code in sorted(tokens(declared)):
        return code
    raise NonConformance(msg("assets.trade-no-currency"), file=DISCOVERY, pointer="/trading/currencies")


def money_findings(value: Any, declared_tokens: set[str], file: str, pointer: str) -> list[Finding]:
    """A price or fee's currency is an ISO 4217 code or a declared token (its shape is the schema's)."""
    code = value.get("currency") if isinstance(value, dict) else None
    if not isinstance(code, str) or is_iso4217(code) or code in declared_tokens:
        return []
    return [Finding.of(msg("assets.trade-currency-unknown", code=code), file=file, pointer=f"{pointer}/currency",
                       expected=msg("assets.expect-iso4217-or-token", tokens=", ".join(sorted(declared_tokens)) or "-"),
                       actual=code)]


def trade_money(trade: Any) -> list[tuple[str, Any]]:
    """(relative pointer, money object) of a trade's or an order's price and fees."""
    if not isinstance(trade, dict):
        return []
    fees = trade.get("fees")
    fees = fees if isinstance(fees, list) else []
    return [("/price", trade.get("price")), *((f"/fees/{i}", fee) for i, fee in enumerate(fees))]


def fee_key(fee: Any) -> tuple[str, str, str, Decimal] | None:
    """A fee as (kind, payer, currency, amount), amounts compared as numbers; None if malformed."""
    if not isinstance(fee, dict):
        return None
    try:
        return str(fee.get("kind")), str(fee.get("payer")), str(fee.get("currency")), Decimal(str(fee.get("amount")))
    except InvalidOperation:
        return None


def fee_findings(disclosed: Any, charged: Any, file: str, pointer: str) -> list[Finding]:
    """Every fee charged at settlement was disclosed before it, at no higher amount."""
    before = [fee_key(f) for f in disclosed] if isinstance(disclosed, list) else []
    found: list[Finding] = []
    for index, fee in enumerate(charged if isinstance(charged, list) else []):
        key = fee_key(fee)
        if key is None:
            continue
        same = [d for d in before if d is not None and d[:3] == key[:3]]
        if not same:
            found.append(Finding.of(msg("assets.trade-fee-undisclosed", kind=key[0]), file=file,
                                    pointer=f"{pointer}/{index}", expected=disclosed, actual=fee))
        elif key[3] > max(d[3] for d in same):
            found.append(Finding.of(msg("assets.trade-fee-raised", kind=key[0]), file=file,
                                    pointer=f"{pointer}/{index}/amount", expected=str(max(d[3] for d in same)),
                                    actual=fee.get("amount")))
    return found


# -- the model the trading state machine predicts with ----------------------------------


@dataclass
class ModelOrder:
    asset_id: str
    seller: str
    buyer: str
    fees: Any = None  # as disclosed in the order's answer
    status: str = "open"


class MarketModel(LedgerModel):
    """A ledger model with orders, and the event types each asset's history should hold after
    its issue."""

    def __init__(self) -> None:
        super().__init__()
        self.orders: dict[str, ModelOrder] = {}
        self.kinds: dict[str, list[str]] = {}

    def record(self, asset_id: str, kind: str, allowed: frozenset[int]) -> frozenset[int]:
        if allowed <= OK | {201}:
            self.kinds.setdefault(asset_id, []).append(kind)
        return allowed

    def transfer(self, asset_id: str, caller: str, to: str) -> frozenset[int]:
        return self.record(asset_id, "transfer", super().transfer(asset_id, caller, to))

    def burn(self, asset_id: str, caller: str) -> frozenset[int]:
        return self.record(asset_id, "burn", super().burn(asset_id, caller))

    def lock(self, asset_id: str, caller: str, locked: bool) -> frozenset[int]:
        return self.record(asset_id, "lock" if locked else "unlock", super().lock(asset_id, caller, locked))

    def order(self, asset_id: str, buyer: str) -> frozenset[int]:
        """201 (the caller records the order from the answer) or the refusal."""
        asset = self.assets.get(asset_id)
        if asset is None:
            return frozenset({404})
        if asset.burned or asset.owner == buyer or asset.locked_flag or asset.holding or asset.locked:
            return frozenset({409})
        return self.record(asset_id, "order", frozenset({201}))

    def settle(self, order_id: str, caller: str) -> frozenset[int]:
        order = self.orders[order_id]
        asset = self.assets[order.asset_id]
        conflict = order.status != "open" or asset.burned or asset.owner != order.seller or asset.locked
        if caller != order.seller:
            return frozenset({403, 409}) if conflict else frozenset({403})
        if conflict:
            return frozenset({409})
        asset.owner, order.status = order.buyer, "settled"
        return self.record(order.asset_id, "settlement", OK)

    def cancel(self, order_id: str, caller: str) -> frozenset[int]:
        order = self.orders[order_id]
        conflict = order.status != "open" or self.assets[order.asset_id].burned
        if caller not in (order.seller, order.buyer):
            return frozenset({403, 409}) if conflict else frozenset({403})
        if conflict:
            return frozenset({409})
        order.status = "cancelled"
        return self.record(order.asset_id, "cancellation", OK)

    def refund(self, order_id: str, caller: str) -> frozenset[int]:
        order = self.orders[order_id]
        asset = self.assets[order.asset_id]
        conflict = order.status != "settled" or asset.burned or asset.owner != order.buyer or asset.locked
        if caller != order.buyer:
            return frozenset({403, 409}) if conflict else frozenset({403})
        if conflict:
            return frozenset({409})
        asset.owner, order.status = order.seller, "refunded"
        return self.record(order.asset_id, "refund", OK)
