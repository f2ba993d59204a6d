"""The reference registry's market: orders for assets, their settlement, cancellation and refund.

A buyer orders an asset at a price (``POST /assets/{id}/orders``); the order discloses the
fees before anything is paid; the holder settles it (``POST /orders/{order_id}/settle``), which
moves the asset to the buyer and records a settlement; either party cancels an open order;
the buyer may ask for a refund within the declared cooling-off window while still holding
the asset, which moves it back to the seller. Every step is an event of the asset's hash
chain carrying the trade (docs/assets.md, "Trading"). The market's terms (currencies, tokens,
cooling-off window) are declared in the discovery document (:data:`TERMS`).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pycountry
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ...codecs.currency import minor_unit
from .. import clock as reference_clock
from .accounts import Accounts
from .ledger import Asset, Ledger, Refused, now
from .realname import RealNames

DEFECTS: dict[str, str] = {
    "trade-order-locked-accepted": "an order for a locked asset (lifecycle lock, non-transferable, holding "
    "period) is accepted",
    "trade-order-locked-after-trade": "an order for a locked asset is accepted once the asset has been "
    "traded before",
    "trade-order-holding-accepted": "an order for an asset within its minimum holding period is accepted",
    "trade-order-holder-lock-accepted": "an order for an asset its holder has locked is accepted",
    "trade-settlement-unrecorded": "a settlement moves the asset but records a plain transfer, without "
    "the trade",
    "trade-settle-twice": "a settle request repeated for a settled order is answered 200 and records a second "
    "settlement",
    "trade-fees-undisclosed": "an order discloses no fees, yet its settlement charges the platform fee",
    "trade-fees-raised": "a settlement charges a higher fee than the order disclosed",
    "trade-fees-lowered": "a settlement charges a lower fee than the order disclosed (the record is not what was "
    "agreed)",
    "trade-fees-shown-differ": "the order read before settlement shows no fees, though its answer disclosed the "
    "platform fee",
    "trade-refund-keeps-holder": "a refund within the cooling-off window is recorded but the buyer keeps "
    "the asset",
    "trade-refund-refused": "a refund within the cooling-off window is refused with 409",
    "trade-refund-after-resale": "a refund is granted after the buyer passed the asset on (it leaves "
    "its new holder)",
    "trade-events-unchained": "trade events are recorded with prev_hash null, outside the asset's hash chain",
    "trade-currency-invalid": "orders state their price in 'RMB', neither an ISO 4217 code nor a declared token",
    "trade-party-not-did": "orders and trade events name the buyer by a display name instead of a DID",
    "trade-settle-after-cancel": "a cancelled order can still be settled",
    "trade-refund-after-window": "a refund asked for after the cooling-off window is granted",
    "trade-refund-by-anyone": "a refund asked for by someone other than the buyer is granted",
    "trade-refund-twice": "an order already refunded is refunded again",
    "trade-self-dealing-accepted": "an order between two identities of the same user (a wash trade) is accepted",
    "trade-circular-accepted": "an order that returns an asset, through another identity, to the user who sold it "
    "within seven days (a circular trade) is accepted, neither refused nor held under a flag",
    "trade-flag-settles": "a circular trade is held under a flag, but its seller can still settle it",
    "trade-wash-held-settles": "a wash trade is held under a flag instead of refused, but its seller can still "
    "settle it",
    "trade-circular-long-accepted": "a circular trade is caught only when the seller's user sold the asset to its "
    "present holder: through two intermediaries it is accepted",
    "minor-trading-allowed": "an identity whose age band is a minor's can order assets",
    "minor-claim-with-birth-date": "an identity provisioned with an age band is answered with a birth date too",
    "minor-band-refused": "the test provisioning endpoint refuses an identity asked for with an age band (400)",
    "linked-identities-refused": "the test provisioning endpoint refuses another identity of the same user "
    "(linked_to, 403): the platform declares it links identities but makes no link",
}

#: The market's declared terms (the discovery document's ``trading``).
TERMS: dict[str, Any] = {
    "currencies": ["CNY", "USD", "EUR"],
    "tokens": [{"code": "REFCREDIT", "name": "Reference platform credits", "decimals": 2}],
    "cooling_off_s": 7 * 24 * 3600,
    "fees": [{"kind": "platform", "rate": "0.05", "payer": "buyer"}],
}
FEE_RATE = Decimal("0.05")
#: AS-TRADE-010: how long after a sale the asset is refused to another identity of the seller's user
#: (the catalog's cooling-off window, inside which the way back to the seller is a refund)
CIRCULAR_WINDOW_S = 7 * 24 * 3600
_AMOUNT = re.compile(r"^(0|[1-9][0-9]{0,17})(\.[0-9]{1,8})?\Z")


def known_currency(code: Any) -> bool:
    """An ISO 4217 alphabetic code, or one of the market's declared tokens."""
    if not isinstance(code, str):
        return False
    return pycountry.currencies.get(alpha_3=code) is not None if len(code) == 3 and code.isupper() \
        else code in {t["code"] for t in TERMS["tokens"]}


@dataclass
class Order:
    order_id: str
    asset_id: str
    seller: str
    buyer: str
    price: dict[str, str]
    fees: list[dict[str, str]]
    status: str = "open"  # open -> settled -> refunded | open -> cancelled | held -> cancelled
    #: annex D's flag on a suspicious order, held for the platform's review instead of refused
    flag: dict[str, str] | None = None
    created: str = field(default_factory=now)
    settled: str | None = None

    def public(self, defects: frozenset[str]) -> dict[str, Any]:
        body = {"order_id": self.order_id, "asset_id": self.asset_id, "seller": self.seller,
                "buyer": _party(self.buyer, defects), "price": self.price, "fees": self.fees,
                "status": self.status, "created": self.created}
        if self.settled:
            body["settled"] = self.settled
        if self.flag:
            body["flag"] = self.flag
        return body


def _party(did: str, defects: frozenset[str]) -> str:
    return "Holder " + did.rsplit(":", 1)[-1] if "trade-party-not-did" in defects else did


class Market:
    """Orders over a :class:`Ledger`; every step checks its preconditions before changing anything."""

    def __init__(self, ledger: Ledger, defects: frozenset[str]) -> None:
        self.ledger, self.defects = ledger, defects
        self.orders: dict[str, Order] = {}
        self.bands: dict[str, str] = {}  # DID -> the age band its identity claims
        self.people = RealNames(defects)  # DID -> the birth date its real-name verification gave
        self.banned: Callable[[str], bool] = lambda did: False  # a trading ban on the DID's user
        #: whether two DIDs are identities of one user (the registry links them; AS-TRADE-009)
        self.same_user: Callable[[str, str], bool] = lambda did, other: did == other
        self.accounts = Accounts(defects)  # the money side of a trade (AS-TRADE-011)

    def get(self, order_id: str) -> Order:
        if order_id not in self.orders:
            raise Refused(404, "order-not-found", f"no order {order_id}")
        return self.orders[order_id]

    def _record(self, asset: Asset, kind: str, order: Order, actor: str, to: str | None = None,
                fees: list[dict[str, str]] | None = None) -> dict[str, Any]:
        trade = {"order_id": order.order_id, "seller": order.seller, "buyer": _party(order.buyer, self.defects),
                 "price": order.price, "fees": order.fees if fees is None else fees}
        if kind == "settlement" and "trade-settlement-unrecorded" in self.defects:
            return self.ledger.move(asset, "transfer", to or "", actor)
        if kind in ("settlement", "refund"):
            event = self.ledger.move(asset, kind, to or "", actor, trade=trade)
        else:
            event = self.ledger._append(asset, kind, asset.owner, None, actor, trade=trade)
        if "trade-events-unchained" in self.defects:
            event["prev_hash"] = None
        return event

    def order(self, asset_id: str, buyer: str, price: Any) -> tuple[Order, dict[str, Any]]:
        if not (isinstance(price, dict) and isinstance(price.get("amount"), str)
                and _AMOUNT.match(price["amount"]) and isinstance(price.get("currency"), str)):
            raise Refused(400, "bad-request", 'the body must be {"price": {"amount": "<decimal>", "currency": '
                                              '"<ISO 4217 code or declared token>"}}')
        if not known_currency(price["currency"]):
            raise Refused(422, "unknown-currency", f"{price['currency']} is neither an ISO 4217 code nor a token "
                                                   "this market declares")
        places = minor_unit(price["currency"], next((t.get("decimals") for t in TERMS["tokens"]
                                                     if t["code"] == price["currency"]), None))
        if -Decimal(price["amount"]).as_tuple().exponent > places:  # as a real market: no 12.50 JPY
            raise Refused(422, "amount-precision", f"{price['currency']} amounts have {places} decimal places")
        age = self.people.age(buyer, self.bands)
        if age is not None and age < 18 and "minor-trading-allowed" not in self.defects:
            raise Refused(403, "minor-restricted", "identities of minors do not trade assets")
        if self.banned(buyer):
            raise Refused(403, "trading-banned", "a trading ban is in force on this user")
        asset = self.ledger.get(asset_id)
        if asset.burned:
            raise Refused(409, "asset-burned", f"asset {asset_id} is burned")
        if asset.owner == buyer:
            raise Refused(409, "own-asset", "the buyer already holds the asset")
        wash = bool(asset.owner) and self.same_user(buyer, asset.owner or "")
        if wash and "trade-self-dealing-accepted" not in self.defects and "trade-wash-held-settles" not in self.defects:
            # a trade between accounts one user controls changes no owner, only the price and volume shown
            raise Refused(403, "self-dealing", "the buyer and the seller are identities of the same user")
        # a circular trade (the asset back to the user who sold it, under another name: two sales, no new
        # owner) is held under annex D's flag for review rather than refused: the buyer's identity may be
        # linked by mistake, and a held order settles nothing while a person looks at it
        held = self._circular(asset, buyer) and "trade-circular-accepted" not in self.defects
        flagged = "circular-trade" if held else "wash-trade" if wash and "trade-wash-held-settles" in self.defects \
            else None
        if not ("trade-order-locked-accepted" in self.defects
                or ("trade-order-locked-after-trade" in self.defects and asset.transfers > 0)):
            self.ledger.check_movable(asset, frozenset(
                code for defect, code in (("trade-order-holding-accepted", "holding-period"),
                                          ("trade-order-holder-lock-accepted", "asset-locked"))
                if defect in self.defects))
        amount = Decimal(price["amount"])
        currency = "RMB" if "trade-currency-invalid" in self.defects else price["currency"]
        fee = (amount * FEE_RATE).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        fees = [] if "trade-fees-undisclosed" in self.defects else \
            [{"kind": "platform", "amount": str(fee), "currency": currency, "payer": "buyer"}]
        order = Order(f"ord-{len(self.orders) + 1:06d}", asset_id, asset.owner or "", buyer,
                      {"amount": price["amount"], "currency": currency}, fees)
        self.accounts.can_pay(buyer, order.price, fees)  # an order the buyer cannot pay is refused
        if flagged:
            order.status, order.flag = "held", {"kind": flagged, "raised": now()}
        self.orders[order.order_id] = order
        return order, self._record(asset, "order", order, buyer)

    def _circular(self, asset: Asset, buyer: str) -> bool:
        """Whether another identity of ``buyer``'s user sold ``asset`` within :data:`CIRCULAR_WINDOW_S`
        (a buy-back under the seller's own DID shows itself in the history and is not refused)."""
        now = reference_clock.now()
        sales = [event for event in asset.events if event["type"] == "settlement"]
        if "trade-circular-long-accepted" in self.defects:
            sales = sales[-1:]  # only the sale to the present holder is looked at
        return any(event["from"] != buyer and self.same_user(buyer, event["from"])
                   and (now - datetime.fromisoformat(event["time"].replace("Z", "+00:00"))).total_seconds()
                   <= CIRCULAR_WINDOW_S for event in sales)

    def settle(self, order_id: str, caller: str) -> dict[str, Any]:
        order = self.get(order_id)
        if caller != order.seller:
            raise Refused(403, "not-seller", "only the seller settles an order")
        if order.status == "held" and not {"trade-flag-settles", "trade-wash-held-settles"} & self.defects:
            raise Refused(409, "order-held", "the order is held under a flag for review")
        if order.status == "settled":  # a retried request moves no more money (but under a planted defect)
            self.accounts.settled_again(order.buyer, order.price, order.fees)
        if order.status == "settled" and "trade-settle-twice" in self.defects:  # a retried request settles again
            return self._record(self.ledger.get(order.asset_id), "settlement", order, caller, to=order.buyer)
        if order.status not in ("open", "held") \
                and not (order.status == "cancelled" and "trade-settle-after-cancel" in self.defects):
            raise Refused(409, "order-state", f"the order is {order.status}")
        asset = self.ledger.get(order.asset_id)
        if asset.burned or asset.owner != order.seller:
            raise Refused(409, "order-stale", "the seller no longer holds the asset")
        self.ledger.check_movable(asset)
        charged = order.fees
        if "trade-fees-undisclosed" in self.defects or "trade-fees-raised" in self.defects:
            fee = (Decimal(order.price["amount"]) * FEE_RATE * 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            charged = [{"kind": "platform", "amount": str(fee), "currency": order.price["currency"], "payer": "buyer"}]
        if "trade-fees-lowered" in self.defects:
            fee = (Decimal(order.price["amount"]) * FEE_RATE / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            charged = [{"kind": "platform", "amount": str(fee), "currency": order.price["currency"], "payer": "buyer"}]
        event = self._record(asset, "settlement", order, caller, to=order.buyer, fees=charged)
        self.accounts.settle(order.buyer, order.seller, order.price, charged)
        order.status, order.settled = "settled", event["time"]
        return event

    def cancel(self, order_id: str, caller: str) -> dict[str, Any]:
        order = self.get(order_id)
        if caller not in (order.seller, order.buyer):
            raise Refused(403, "not-party", "only the buyer or the seller cancels an order")
        if order.status not in ("open", "held"):
            raise Refused(409, "order-state", f"the order is {order.status}")
        asset = self.ledger.get(order.asset_id)
        if asset.burned:
            raise Refused(409, "asset-burned", f"asset {order.asset_id} is burned")
        order.status = "cancelled"
        return self._record(asset, "cancellation", order, caller)

    def refund(self, order_id: str, caller: str) -> dict[str, Any]:
        order = self.get(order_id)
        if caller != order.buyer and "trade-refund-by-anyone" not in self.defects:
            raise Refused(403, "not-buyer", "only the buyer asks for a refund")
        twice = "trade-refund-twice" in self.defects and order.status == "refunded"
        if "trade-refund-refused" in self.defects or (order.status != "settled" and not twice) \
                or order.settled is None:
            raise Refused(409, "order-state", f"the order is {order.status}, not refundable")
        # counted on the buyer's clock (its test clock, POST /test/clock, where one is set), so a test
        # passes the window without waiting
        held = (self.people.now(order.buyer)
                - datetime.fromisoformat(order.settled.replace("Z", "+00:00"))).total_seconds()
        if held > TERMS["cooling_off_s"] and "trade-refund-after-window" not in self.defects:
            raise Refused(409, "cooling-off-over", "the cooling-off window is over")
        asset = self.ledger.get(order.asset_id)
        if asset.burned:
            raise Refused(409, "asset-burned", f"asset {order.asset_id} is burned")
        if asset.owner != order.buyer and "trade-refund-after-resale" not in self.defects and not twice:
            raise Refused(409, "not-held", "the buyer no longer holds the asset")
        if asset.locked:
            raise Refused(409, "asset-locked", "the asset is locked; unlock it first")
        order.status = "refunded"
        if "trade-refund-keeps-holder" in self.defects:  # recorded, but nothing moves
            return self._record(asset, "cancellation", order, caller)
        self.accounts.refund(order.buyer, order.seller, order.price, order.fees)
        return self._record(asset, "refund", order, caller, to=order.seller)


def routes(market: Market, caller: Callable[[Request], str], body: Callable[[Request], Awaitable[Any]],
           refused: Callable[[Refused], Response]) -> list[Route]:
    """``POST /assets/{asset_id}/orders``, ``GET /orders/{order_id}`` and the order's settle,
    cancel and refund; ``caller``, ``body`` and ``refused`` are the registry's (registry.py)."""
    defects = market.defects

    def answer(order: Order, event: dict[str, Any], status: int = 200) -> Response:
        asset = market.ledger.assets[order.asset_id]
        return JSONResponse({"order": order.public(defects), "state": asset.state(defects), "event": event},
                            status_code=status)

    async def place(request: Request) -> Response:
        try:
            who = caller(request)
            data = await body(request)
            order, event = market.order(request.path_params["asset_id"], who,
                                        data.get("price") if isinstance(data, dict) else None)
        except Refused as exc:
            return refused(exc)
        return answer(order, event, 201)

    async def show(request: Request) -> Response:
        try:
            shown = market.get(request.path_params["order_id"]).public(defects)
            if "trade-fees-shown-differ" in defects and shown["status"] == "open":
                shown["fees"] = []
            return JSONResponse(shown)
        except Refused as exc:
            return refused(exc)

    def step(action: Callable[[str, str], dict[str, Any]]) -> Callable[[Request], Awaitable[Response]]:
        async def handle(request: Request) -> Response:
            order_id = request.path_params["order_id"]
            try:
                event = action(order_id, caller(request))
            except Refused as exc:
                return refused(exc)
            return answer(market.orders[order_id], event)
        return handle

    return [
        Route("/assets/{asset_id}/orders", place, methods=["POST"]),
        Route("/orders/{order_id}", show),
        Route("/orders/{order_id}/settle", step(market.settle), methods=["POST"]),
        Route("/orders/{order_id}/cancel", step(market.cancel), methods=["POST"]),
        Route("/orders/{order_id}/refund", step(market.refund), methods=["POST"]),
    ]
