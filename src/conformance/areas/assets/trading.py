"""Trading assets through a registry (docs/assets.md, "Trading"): the checks a transparent
market keeps, and the model the trading state machine predicts answers with (the market's
calls and declared terms are shared: :mod:`conformance.areas._shared.trading`).

A buyer orders (``POST /assets/{id}/orders`` with ``{"price": {"amount", "currency"}}``); the
order discloses its fees; the seller (the holder) settles it (``POST /orders/{order_id}/settle``),
which moves the asset and records a settlement; either party cancels an open order; the
buyer asks for a refund within the cooling-off window the platform declares
(``POST /orders/{order_id}/refund``), which moves the asset back. Each step is an event of the
asset's hash chain carrying the trade (schemas/assets/trade.json).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from conformance import Finding, msg

from .._shared.ownread import own_json
from .._shared.trading import is_iso4217
from .ledger import OK, LedgerModel

if TYPE_CHECKING:
    from conformance.area import JsonObject, JsonValue, Response

ORDER_SCHEMA = "https://metaverse-conformance.org/schemas/assets/trade-order.json"
TERMS_SCHEMA = "https://metaverse-conformance.org/schemas/assets/trade-terms.json"
TRADE_EVENTS = ("order", "settlement", "cancellation", "refund")


def flagged_order(response: Response, kind: str, rule: str | None = None) -> JsonObject | None:
    """The order an answer accepted held under annex D's flag of ``kind`` (201, status held, a flag
    of that kind: trade-order.json), or None: a platform may hold a suspicious order for review
    instead of refusing it, so long as a held order never settles. A 201 whose body does not parse is
    the case's own finding, under ``rule`` (the caller's R-number stating the answer)."""
    if response.status != 201:
        return None
    body = own_json(response, rule)
    order = body.get("order") if isinstance(body, dict) else None
    if not isinstance(order, dict) or order.get("status") != "held":
        return None
    flag = order.get("flag")
    return order if isinstance(flag, dict) and flag.get("kind") == kind else None


def money_findings(value: JsonValue, declared_tokens: set[str], file: str, pointer: str) -> list[Finding]:
    """A price or fee's currency is an ISO 4217 code or a declared token (its shape is the schema's)."""
    code = value.get("currency") if isinstance(value, dict) else None
    if not isinstance(code, str) or is_iso4217(code) or code in declared_tokens:
        return []
    return [Finding.of(msg("assets.trade-currency-unknown", code=code), file=file, pointer=f"{pointer}/currency",
                       expected=msg("assets.expect-iso4217-or-token", tokens=", ".join(sorted(declared_tokens)) or "-"),
                       actual=code)]


def trade_money(trade: JsonValue) -> list[tuple[str, JsonValue]]:
    """(relative pointer, money object) of a trade's or an order's price and fees."""
    if not isinstance(trade, dict):
        return []
    fees = trade.get("fees")
    fees = fees if isinstance(fees, list) else []
    return [("/price", trade.get("price")), *((f"/fees/{i}", fee) for i, fee in enumerate(fees))]


def fee_key(fee: JsonValue) -> tuple[str, str, str, Decimal] | None:
    """A fee as (kind, payer, currency, amount), amounts compared as numbers; None if malformed."""
    if not isinstance(fee, dict):
        return None
    try:
        return str(fee.get("kind")), str(fee.get("payer")), str(fee.get("currency")), Decimal(str(fee.get("amount")))
    except InvalidOperation:
        return None


def fee_findings(disclosed: JsonValue, charged: JsonValue, file: str, pointer: str) -> list[Finding]:
    """The fees charged at settlement are exactly those disclosed before it (AS-TRADE-003): R1 no
    fee that was not disclosed; R2 each disclosed fee charged at its amount, neither higher nor
    lower (a disclosed fee left out is charged at a different amount too)."""
    listed = disclosed if isinstance(disclosed, list) else []
    before = {i: key for i, key in enumerate(fee_key(f) for f in listed) if key is not None}
    found: list[Finding] = []
    for index, fee in enumerate(charged if isinstance(charged, list) else []):
        key = fee_key(fee)
        if key is None:
            continue
        same = [i for i, d in before.items() if d[:3] == key[:3]]
        if not same:
            found.append(Finding.of(msg("assets.trade-fee-undisclosed", kind=key[0]), file=file,
                                    pointer=f"{pointer}/{index}", expected=disclosed, actual=fee, rule="R1"))
            continue
        exact = [i for i in same if before[i][3] == key[3]]
        want = before.pop((exact or same)[0])
        if not exact and isinstance(fee, dict):  # fee_key read an object
            found.append(Finding.of(msg("assets.trade-fee-changed", kind=key[0]), file=file,
                                    pointer=f"{pointer}/{index}/amount", expected=str(want[3]),
                                    actual=fee.get("amount"), rule="R2"))
    for index, left in before.items():  # disclosed, never charged: charged at another amount than disclosed
        found.append(Finding.of(msg("assets.trade-fee-not-charged", kind=left[0]), file=file, pointer=pointer,
                                expected=listed[index], actual=charged, rule="R2"))
    return found


# -- the model the trading state machine predicts with ----------------------------------


@dataclass
class ModelOrder:
    asset_id: str
    seller: str
    buyer: str
    fees: JsonValue = None  # as disclosed in the order's answer
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
