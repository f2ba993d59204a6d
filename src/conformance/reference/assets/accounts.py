"""The reference's test accounts: the money side of a trade (AS-TRADE-011, docs/assets.md, "Trading").

``POST /test/account`` (test environments only, like ``/test/clock``) with an identity's bearer
token and ``{"balance": {"amount": "<decimal>", "currency": "<code>"}}`` sets that identity's
balance in that currency; ``GET /account`` answers the bearer token's own balances
``{"holder": <DID>, "balances": [{"amount", "currency"}]}`` and nobody else's. A settlement debits
the buyer the price plus the fees the order disclosed as the buyer's and credits the seller the
price less the fees disclosed as the seller's; a refund returns the buyer's payment and takes the
seller's proceeds back; an order a buyer with a test account cannot pay is refused (409). An
identity without a test account pays by means the platform does not keep (no balance is read).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .ledger import Refused

DEFECTS: dict[str, str] = {
    "trade-buyer-not-debited": "a settlement moves the asset but leaves the buyer's balance as it was",
    "trade-seller-not-credited": "a settlement moves the asset but credits the seller nothing",
    "trade-debited-twice": "a repeated settle request is refused (409) but debits the buyer the payment again",
    "trade-refund-not-returned": "a refund moves the asset back but returns nothing to the buyer's balance",
    "trade-overdraft-allowed": "an order the buyer's balance cannot pay is accepted, and settling it overdraws it",
}
ACCOUNT_PATH = "/account"
TEST_ACCOUNT_PATH = "/test/account"
_AMOUNT = re.compile(r"^(0|[1-9][0-9]{0,17})(\.[0-9]{1,8})?\Z")


def _total(fees: list[dict[str, str]], payer: str, currency: str) -> Decimal:
    return sum((Decimal(f["amount"]) for f in fees if f.get("payer") == payer and f.get("currency") == currency),
               Decimal(0))


class Accounts:
    """Balances of the identities that have a test account: DID -> currency -> amount."""

    def __init__(self, defects: frozenset[str]) -> None:
        self.defects = defects
        self.balances: dict[str, dict[str, Decimal]] = {}

    def payment(self, price: dict[str, str], fees: list[dict[str, str]]) -> Decimal:
        """What the buyer pays: the price plus the fees whose payer is the buyer."""
        return Decimal(price["amount"]) + _total(fees, "buyer", price["currency"])

    def proceeds(self, price: dict[str, str], fees: list[dict[str, str]]) -> Decimal:
        """What the seller receives: the price less the fees whose payer is the seller."""
        return Decimal(price["amount"]) - _total(fees, "seller", price["currency"])

    def _add(self, did: str, currency: str, amount: Decimal) -> None:
        if did in self.balances:  # an identity without a test account pays by means the platform does not keep
            held = self.balances[did]
            held[currency] = held.get(currency, Decimal(0)) + amount

    def can_pay(self, buyer: str, price: dict[str, str], fees: list[dict[str, str]]) -> None:
        """Refuses (409) an order the buyer's test account cannot pay."""
        if buyer not in self.balances or "trade-overdraft-allowed" in self.defects:
            return
        if self.balances[buyer].get(price["currency"], Decimal(0)) < self.payment(price, fees):
            raise Refused(409, "insufficient-funds", f"the buyer's balance does not cover the price and the buyer's "
                                                     f"fees ({self.payment(price, fees)} {price['currency']})")

    def settle(self, buyer: str, seller: str, price: dict[str, str], fees: list[dict[str, str]]) -> None:
        if "trade-buyer-not-debited" not in self.defects:
            self._add(buyer, price["currency"], -self.payment(price, fees))
        if "trade-seller-not-credited" not in self.defects:
            self._add(seller, price["currency"], self.proceeds(price, fees))

    def settled_again(self, buyer: str, price: dict[str, str], fees: list[dict[str, str]]) -> None:
        """A repeated settle request, refused: moves nothing (but under a planted defect)."""
        if "trade-debited-twice" in self.defects:
            self._add(buyer, price["currency"], -self.payment(price, fees))

    def refund(self, buyer: str, seller: str, price: dict[str, str], fees: list[dict[str, str]]) -> None:
        if "trade-refund-not-returned" not in self.defects:
            self._add(buyer, price["currency"], self.payment(price, fees))
        self._add(seller, price["currency"], -self.proceeds(price, fees))

    def shown(self, did: str) -> dict[str, Any]:
        held = self.balances.get(did, {})
        return {"holder": did, "balances": [{"amount": str(amount), "currency": currency}
                                            for currency, amount in sorted(held.items())]}


def routes(accounts: Accounts, caller: Callable[[Request], str], body: Callable[[Request], Awaitable[Any]],
           refused: Callable[[Refused], Response]) -> list[Route]:
    """``GET /account`` (the holder's own balances) and the test-only ``POST /test/account``."""

    async def read(request: Request) -> Response:
        try:
            return JSONResponse(accounts.shown(caller(request)))
        except Refused as exc:
            return refused(exc)

    async def provision(request: Request) -> Response:
        try:
            who = caller(request)
            data = await body(request)
            balance = data.get("balance") if isinstance(data, dict) else None
            if not (isinstance(balance, dict) and isinstance(balance.get("amount"), str)
                    and _AMOUNT.match(balance["amount"]) and isinstance(balance.get("currency"), str)):
                raise Refused(400, "bad-request", 'the body must be {"balance": {"amount": "<decimal>", '
                                                  '"currency": "<code>"}}')
            accounts.balances.setdefault(who, {})[balance["currency"]] = Decimal(balance["amount"])
        except Refused as exc:
            return refused(exc)
        return JSONResponse(accounts.shown(who))

    return [Route(ACCOUNT_PATH, read), Route(TEST_ACCOUNT_PATH, provision, methods=["POST"])]
