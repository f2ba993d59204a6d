"""The money side of a trade, read on annex D's test accounts (AS-TRADE-011; docs/assets.md,
"Trading"): the test deployment sets an identity's balance (the test-only ``POST /test/account``,
like ``/test/clock``) and a holder reads its own balances with its bearer token (``GET /account``).
Balances are compared as decimal numbers per currency, as the fees are (AS-TRADE-003)."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from conformance import NonConformance, msg, precondition

from .._shared.registry import Identity, Registry
from .requestbodies import account_request

if TYPE_CHECKING:
    from conformance import Evidence, HttpTarget
    from conformance.area import JsonObject

#: annex D's read of the holder's own balances (bearer token)
ACCOUNT_PATH = "/account"
#: currency -> amount
Money = dict[str, Decimal]


def buyer_units(declared: JsonObject, funded: int, price: int) -> int:
    """The smallest units to fund the probe buyer with: ``funded`` plus the buyer's fees the trading terms disclose
    by ``rate`` on the probe ``price``, rounded up to a whole unit (fifty-eighth reading, b4: a fee of over 8 750 units
    on the 1 250 price left a buyer funded with 10 000 unable to pay, so a conforming platform's 409 failed R1)."""
    listed = declared.get("fees")
    rates = Decimal(0)
    for fee in listed if isinstance(listed, list) else []:
        rate = fee.get("rate") if isinstance(fee, dict) and fee.get("payer") == "buyer" else None
        if isinstance(rate, str):
            try:
                rates += max(Decimal(rate), Decimal(0))
            except InvalidOperation:
                continue
    return funded + int((rates * price).to_integral_value(rounding=ROUND_CEILING))


def unrated_buyer_fee(declared: JsonObject) -> bool:
    """Whether the trading terms list a fee the buyer pays without a ``rate``: its amount is disclosed only in the
    order's answer, so no balance set before the order is sure to pay it."""
    listed = declared.get("fees")
    return any(isinstance(fee, dict) and fee.get("payer") == "buyer" and not isinstance(fee.get("rate"), str)
               for fee in (listed if isinstance(listed, list) else []))


def fund(api: HttpTarget, path: str, who: Identity, amount: Decimal, currency: str) -> None:
    """Sets ``who``'s test account balance (set-up: a platform without the test-only operation
    leaves the requirement inconclusive, naming the step)."""
    with precondition(msg("assets.pre-trade-account", path=path), msg("assets.pre-fix-trade-account", path=path)):
        response = api.request("POST", path, headers={"Authorization": f"Bearer {who.token}"},
                               json=account_request(str(amount), currency), auth=None)
        assert response.status == 200, msg("assets.trade-account-not-set", path=path, status=response.status)


def balances(evidence: Evidence, registry: Registry, who: Identity, rule: str | None = None) -> Money | None:
    """``who``'s balances as the holder reads them, or None with a finding: the read is annex D's
    operation the requirement relies on, its own, so a read not answered 200 with a list of
    amounts is a finding under ``rule``, the R-number the balance serves at that step."""
    response = registry.call("GET", ACCOUNT_PATH, who)
    try:
        body = response.json() if response.status == 200 else None
    except NonConformance:
        body = None
    listed = body.get("balances") if isinstance(body, dict) else None
    held: Money = {}
    for item in listed if isinstance(listed, list) else [None]:
        try:
            held[str(item["currency"])] = Decimal(str(item["amount"]))  # type: ignore[index]
        except (TypeError, KeyError, InvalidOperation):
            evidence.finding(msg("assets.trade-balance-unread", who=who.name, status=response.status),
                             file=response.requested, pointer="/balances", actual=body, rule=rule)
            return None
    return held


def change(before: Money, after: Money) -> Money:
    """How each currency's balance moved (only the currencies that moved)."""
    moved = {c: after.get(c, Decimal(0)) - before.get(c, Decimal(0)) for c in set(before) | set(after)}
    return {c: v for c, v in moved.items() if v}


def due(order: JsonObject, payer: str) -> Money:
    """How the party's balance must move at settlement, by the order's disclosed-fee model: the
    buyer pays the price and the fees whose payer is the buyer; the seller receives the price less
    the fees whose payer is the seller."""
    price = order.get("price")
    price = price if isinstance(price, dict) else {}
    sign = -1 if payer == "buyer" else 1
    moved: Money = {str(price.get("currency")): sign * Decimal(str(price.get("amount")))}
    fees = order.get("fees")
    for fee in fees if isinstance(fees, list) else []:
        if isinstance(fee, dict) and fee.get("payer") == payer:
            currency = str(fee.get("currency"))
            moved[currency] = moved.get(currency, Decimal(0)) - Decimal(str(fee.get("amount")))
    return {c: v for c, v in moved.items() if v}


def negated(money: Money) -> Money:
    return {c: -v for c, v in money.items()}


def shown(money: Money) -> dict[str, str]:
    return {c: str(v) for c, v in sorted(money.items())}


def compare(evidence: Evidence, key: str, where: str, want: Money, got: Money, rule: str, **data: object) -> None:
    """A finding under ``rule`` when a balance moved by ``got`` rather than ``want``."""
    if got != want:
        evidence.finding(msg(key, **data), file=where, pointer="/balances", expected=shown(want),
                         actual=shown(got), rule=rule)
