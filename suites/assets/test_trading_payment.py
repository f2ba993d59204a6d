"""The money side of a trade observed on annex D's test accounts (docs/assets.md, "Trading"): a
settlement debits the buyer the price plus the fees disclosed as the buyer's and credits the seller
the price less the fees disclosed as the seller's; a repeated settle request moves no more money; a
refund returns the buyer's payment; an order the buyer cannot pay is refused and moves nothing
(AS-TRADE-011). Trade records, fees and refunds on the asset: test_trading.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import unread
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.registry import Session
from conformance.areas._shared.trading import PROBE_PRICE, Market, in_minor_units, price_currency, probe_price, terms
from conformance.areas.assets.accounts import (ACCOUNT_PATH, balances, buyer_units, change, compare, due, fund, negated,
                                               unrated_buyer_fee)
from conformance.areas.assets.registry import check_state, expect, history_read

#: the probe amounts in the smallest units of the currency the probe orders are priced in (the catalog's own): every
#: test account starts with 10 000 of them (100.00 in a currency of two decimals), the buyer's with the buyer's fees
#: the terms disclose by rate on the price on top, the probe orders cost PROBE_PRICE (1 250), and for R5 the buyer's balance is set one of them below a payment; in whole units they would be amounts a currency
#: of no or three decimals does not have (forty-fourth reading, bx2: 12.50 JPY)
FUNDED, SHORT = 10_000, 1
#: the requirement judging how an asset's state and history are served: a trade requirement reads them
SERVED = "AS-REG-001"


@pytest.mark.requirement("AS-TRADE-011")
def test_trade_moves_the_money_it_discloses(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                           params: Parameters):
    session, market = Session(targets, params.identity_path), Market(targets["api"])
    declared = terms(targets["api"])
    currency = price_currency(declared)
    price = probe_price(currency, declared)
    a, b = session.ids
    for who, units in ((a, FUNDED), (b, buyer_units(declared, FUNDED, PROBE_PRICE))):
        fund(targets["api"], params.account_path, who, in_minor_units(units, currency, declared), currency)
    where = market.api.requested("GET", ACCOUNT_PATH)
    asset_id = session.issue(evidence, a, "paid")
    seller0, buyer0 = ((balances(evidence, market, a, "R2"), balances(evidence, market, b, "R1")) if asset_id
                       else (None, None))
    if asset_id is None or seller0 is None or buyer0 is None:
        return
    ordered = market.order(b, asset_id, price)
    if ordered.status == 409 and unrated_buyer_fee(declared):  # a fee disclosed only now may exceed what was funded
        raise Inconclusive(msg("assets.trade-fee-unfunded", request=ordered.requested))
    if not expect(evidence, schemas, ordered, {201}, msg("assets.step-order", asset=asset_id), "R1"):
        return
    body = own_json(ordered, "R1")
    order: dict[str, Any] = (body.get("order") if isinstance(body, dict) else None) or {}
    order_id = str(order.get("order_id"))
    if not expect(evidence, schemas, market.step(a, order_id, "settle"), {200}, msg("assets.step-settle"), "R1"):
        return
    seller1, buyer1 = balances(evidence, market, a, "R2"), balances(evidence, market, b, "R1")
    if seller1 is None or buyer1 is None:
        return
    compare(evidence, "assets.trade-buyer-debit", where, due(order, "buyer"), change(buyer0, buyer1), "R1",
            order=order_id)
    compare(evidence, "assets.trade-seller-credit", where, due(order, "seller"), change(seller0, seller1), "R2",
            order=order_id)
    market.step(a, order_id, "settle")  # a retry after a lost answer: its status is AS-TRADE-002's
    seller2, buyer2 = balances(evidence, market, a, "R3"), balances(evidence, market, b, "R3")
    if seller2 is None or buyer2 is None:
        return
    for who, was, now in ((b, buyer1, buyer2), (a, seller1, seller2)):
        compare(evidence, "assets.trade-retry-moved", where, {}, change(was, now), "R3", who=who.name)
    refunded = market.step(b, order_id, "refund")  # at once: inside every cooling-off window
    if refunded.status != 200:
        unread(evidence, refunded.requested, msg("assets.step-refund"), refunded.status, "AS-TRADE-004")
    elif (buyer3 := balances(evidence, market, b, "R4")) is not None:
        compare(evidence, "assets.trade-refund-unpaid", where, negated(due(order, "buyer")), change(buyer2, buyer3),
                "R4", order=order_id)
    unaffordable(evidence, schemas, session, market, targets, params.account_path, order, where,
                 in_minor_units(SHORT, currency, declared))
    evidence.note(msg("assets.trade-money-checked"), order=order_id, price=order.get("price"),
                  disclosed=order.get("fees"))


def unaffordable(evidence: Evidence, schemas: SchemaRegistry, session: Session, market: Market, targets: Targets,
                 account_path: str, paid: dict[str, Any], where: str, short: Decimal) -> None:
    """R5: the buyer's balance set ``short`` (the currency's smallest unit) below the payment the settled order took
    (its price plus its buyer's fees), the buyer orders another asset at the same price: refused with 409 problem
    details, no order recorded, the holder and both balances unchanged."""
    a, b = session.ids
    price = paid.get("price") or {}
    payment = -due(paid, "buyer").get(str(price.get("currency")), Decimal(0))
    fund(targets["api"], account_path, b, payment - short, str(price.get("currency")))
    asset_id = session.issue(evidence, a, "unpaid")
    before = (balances(evidence, market, a, "R5"), balances(evidence, market, b, "R5"))
    if asset_id is None or before[0] is None or before[1] is None:
        return
    response = market.order(b, asset_id, price)
    if response.status < 300:
        evidence.finding(msg("assets.trade-overdraft-accepted", balance=str(payment - short), payment=str(payment)),
                         file=response.requested, expected=409, actual=response.status, rule="R5")
    else:
        expect(evidence, schemas, response, {409}, msg("assets.step-order-unpaid"), "R5")
    found = history_read(evidence, schemas, session.registry, asset_id)
    if found is not None and any(e.get("type") == "order" for e in found[1]):
        evidence.finding(msg("assets.trade-unpaid-order-recorded"), file=found[0], pointer="/events",
                         actual=[e.get("type") for e in found[1]], rule="R5")
    check_state(evidence, session.registry, asset_id, {"owner": a.did}, msg("assets.step-after-unpaid"),
                judged_by=SERVED, rule="R5")
    for who, was in ((a, before[0]), (b, before[1])):
        if (now := balances(evidence, market, who, "R5")) is not None:
            compare(evidence, "assets.trade-unpaid-moved", where, {}, change(was, now), "R5", who=who.name)
