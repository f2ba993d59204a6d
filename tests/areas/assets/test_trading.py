"""Trading (docs/assets.md, "Trading"): the reference market's rules, the harness's model of
them, the currency and fee checks, and trade events in the hash chain."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from conformance.areas._shared.trading import is_iso4217
from conformance.areas.assets.hashchain import Ledger as Chain
from conformance.areas.assets.ledger import ModelAsset, replayed_state
from conformance.areas.assets.trading import MarketModel, ModelOrder, fee_findings, flagged_order, money_findings
from conformance.reference.assets.ledger import Ledger, Refused
from conformance.reference.assets.trading import Market

A, B, C = (f"did:web:registry.reference.example:holders:h{n}" for n in (1, 2, 3))
PRICE = {"amount": "10.00", "currency": "CNY"}


def meta(asset_id: str, **transfer) -> dict:
    return {"asset_id": asset_id, "transfer": {"locked": False, **transfer}}


def market(*defects: str) -> Market:
    ledger = Ledger("did:web:issuer.example", frozenset(defects))
    ledger.issue(meta("x"), A, A)
    return Market(ledger, frozenset(defects))


def test_a_sale_and_its_refund_move_the_asset_and_chain_every_step():
    m = market()
    order, _ = m.order("x", B, PRICE)
    assert order.fees == [{"kind": "platform", "amount": "0.50", "currency": "CNY", "payer": "buyer"}]
    m.settle(order.order_id, A)
    assert m.ledger.assets["x"].owner == B
    m.refund(order.order_id, B)
    events = m.ledger.assets["x"].events
    assert [e["type"] for e in events] == ["issue", "order", "settlement", "refund"]
    assert replayed_state(events)["owner"] == A
    assert Chain().replay("x", {"events": events}) == []


@pytest.mark.parametrize(("setup", "status"), [
    (lambda m: m.ledger.lock("x", A, True), 409),
    (lambda m: m.ledger.burn("x", A), 409),
])
def test_orders_for_locked_or_burned_assets_are_refused(setup, status):
    m = market()
    setup(m)
    with pytest.raises(Refused) as refused:
        m.order("x", B, PRICE)
    assert refused.value.status == status and [e["type"] for e in m.ledger.assets["x"].events][-1] != "order"


def test_unknown_currency_and_refunds_by_others_are_refused():
    m = market()
    with pytest.raises(Refused) as refused:
        m.order("x", B, {"amount": "1", "currency": "RMB"})
    assert refused.value.status == 422
    order, _ = m.order("x", B, {"amount": "1", "currency": "REFCREDIT"})  # a declared token
    m.settle(order.order_id, A)
    with pytest.raises(Refused) as refused:
        m.refund(order.order_id, C)
    assert refused.value.status == 403


def test_unchained_trade_events_break_the_chain():
    m = market("trade-events-unchained")
    order, _ = m.order("x", B, PRICE)
    m.settle(order.order_id, A)
    found = Chain().replay("x", {"events": m.ledger.assets["x"].events})
    assert found and all(f.pointer.endswith("/prev_hash") for f in found)


def test_model_predicts_the_market_and_accepts_either_refusal_when_two_apply():
    model = MarketModel()
    model.assets["x"] = ModelAsset(A)
    assert model.order("x", A) == {409}  # one's own asset
    assert model.order("x", B) == {201}
    model.orders["o1"] = ModelOrder("x", A, B)
    assert model.settle("o1", B) == {403}
    assert model.cancel("o1", B) == {200}
    assert model.settle("o1", C) == {403, 409}  # not the seller, and the order is cancelled
    assert model.settle("o1", A) == {409}
    assert model.kinds["x"] == ["order", "cancellation"]


def test_currencies_are_iso_4217_or_declared_tokens():
    assert is_iso4217("CNY") and not is_iso4217("RMB")
    assert not is_iso4217("cny") and not is_iso4217("Cny")  # the standard's codes are capital letters
    assert money_findings({"amount": "1", "currency": "REFCREDIT"}, {"REFCREDIT"}, "f", "/price") == []
    (found,) = money_findings({"amount": "1", "currency": "RMB"}, {"REFCREDIT"}, "f", "/price")
    assert found.pointer == "/price/currency"


def test_fees_charged_must_be_the_disclosed_ones_at_their_amounts():
    fee = {"kind": "platform", "amount": "0.50", "currency": "CNY", "payer": "buyer"}
    assert fee_findings([fee], [fee], "f", "/fees") == []
    assert fee_findings([fee], [{**fee, "amount": "0.5"}], "f", "/fees") == []  # the same number
    (raised,) = fee_findings([fee], [{**fee, "amount": "1.00"}], "f", "/fees")
    assert (raised.pointer, raised.rule) == ("/fees/0/amount", "R2")
    (lowered,) = fee_findings([fee], [{**fee, "amount": "0.25"}], "f", "/fees")  # lower fails as well (2.0)
    assert lowered.rule == "R2"
    (left_out,) = fee_findings([fee], [], "f", "/fees")
    assert left_out.rule == "R2" and "leaves out" in left_out.message
    (undisclosed,) = fee_findings([], [fee], "f", "/fees")
    assert undisclosed.rule == "R1" and "did not disclose" in undisclosed.message
    twice = [fee, {**fee, "amount": "0.70"}]  # two fees of one kind: each charged matches one disclosed
    assert fee_findings(twice, list(reversed(twice)), "f", "/fees") == []


@pytest.mark.parametrize(("defects", "refunded"), [((), False), (("trade-refund-after-window",), True)])
def test_a_refund_after_the_cooling_off_window_is_refused(defects, refunded):
    m = market(*defects)
    order, _ = m.order("x", B, PRICE)
    event = m.settle(order.order_id, A)
    settled = datetime.fromisoformat(event["time"].replace("Z", "+00:00"))
    m.people.clocks[B] = settled + timedelta(seconds=7 * 24 * 3600 + 1)  # the buyer's test clock (POST /test/clock)
    if refunded:
        m.refund(order.order_id, B)
        assert m.ledger.assets["x"].owner == A
        return
    with pytest.raises(Refused) as refused:
        m.refund(order.order_id, B)
    assert refused.value.status == 409 and refused.value.kind == "cooling-off-over"
    assert m.ledger.assets["x"].owner == B


@pytest.mark.parametrize(("defects", "refused"), [((), True), (("trade-self-dealing-accepted",), False)])
def test_an_order_between_identities_of_one_user_is_refused(defects, refused):
    m = market(*defects)
    m.same_user = lambda did, other: {did, other} == {A, B}  # B is another identity of A's user
    if refused:
        with pytest.raises(Refused) as refusal:
            m.order("x", B, PRICE)
        assert refusal.value.status == 403 and [e["type"] for e in m.ledger.assets["x"].events] == ["issue"]
    else:
        m.order("x", B, PRICE)
    m.order("x", C, PRICE)  # an unlinked buyer still trades


@pytest.mark.parametrize(("defects", "settled_again"), [((), False), (("trade-settle-twice",), True)])
def test_a_repeated_settle_request_settles_nothing_more(defects, settled_again):
    m = market(*defects)
    order, _ = m.order("x", B, PRICE)
    m.settle(order.order_id, A)
    if settled_again:
        m.settle(order.order_id, A)
    else:
        with pytest.raises(Refused) as refused:
            m.settle(order.order_id, A)
        assert refused.value.status == 409
    kinds = [e["type"] for e in m.ledger.assets["x"].events]
    assert kinds.count("settlement") == (2 if settled_again else 1) and m.ledger.assets["x"].owner == B


@pytest.mark.parametrize(("past_s", "refunded"), [(-60, True), (1, False)])
def test_the_cooling_off_window_counts_on_the_buyers_test_clock(past_s, refunded):
    """AS-TRADE-004/008 stand the buyer's clock (POST /test/clock) 60 s inside or 1 s past the window."""
    m = market()
    order, _ = m.order("x", B, PRICE)
    event = m.settle(order.order_id, A)
    settled = datetime.fromisoformat(event["time"].replace("Z", "+00:00"))
    m.people.clocks[B] = settled + timedelta(seconds=7 * 24 * 3600 + past_s)
    if refunded:
        m.refund(order.order_id, B)
        assert m.ledger.assets["x"].owner == A
        return
    with pytest.raises(Refused) as refused:
        m.refund(order.order_id, B)
    assert refused.value.kind == "cooling-off-over" and m.ledger.assets["x"].owner == B


@pytest.mark.parametrize(("defects", "held"), [((), True), (("trade-circular-accepted",), False)])
def test_an_asset_sold_is_held_from_another_identity_of_the_sellers_user(defects, held):
    """The reference holds a circular trade under annex D's flag (AS-TRADE-010 accepts a refusal or a
    hold): the order is recorded, flagged and never settles."""
    m = market(*defects)
    m.same_user = lambda did, other: {did, other} == {A, C}  # C is another identity of A's user
    order, _ = m.order("x", B, PRICE)
    m.settle(order.order_id, A)  # A sold to B, unlinked
    back, _ = m.order("x", C, PRICE)
    assert (back.status == "held") is held and (back.public(frozenset()).get("flag", {}).get("kind")
                                                == ("circular-trade" if held else None))
    if held:
        with pytest.raises(Refused) as refusal:
            m.settle(back.order_id, B)
        assert refusal.value.status == 409 and refusal.value.kind == "order-held"
        assert m.ledger.assets["x"].owner == B
    m.order("x", A, PRICE)  # a buy-back under the seller's own DID shows itself: not refused


class _Answer:
    def __init__(self, status: int, body: object) -> None:
        self.status, self._body = status, body

    def json(self) -> object:
        return self._body


def test_a_suspicious_order_counts_as_held_only_under_a_flag_of_its_kind():
    """AS-TRADE-009/010 accept a 201 only when annex D's flag of the planted kind holds the order."""
    held = {"order_id": "o1", "status": "held", "flag": {"kind": "wash-trade", "raised": "2026-01-01T00:00:00Z"}}
    assert flagged_order(_Answer(201, {"order": held}), "wash-trade") == held
    assert flagged_order(_Answer(201, {"order": held}), "circular-trade") is None  # another suspicion
    assert flagged_order(_Answer(201, {"order": {**held, "status": "open"}}), "wash-trade") is None  # not held
    assert flagged_order(_Answer(201, {"order": {"order_id": "o1", "status": "held"}}), "wash-trade") is None
    assert flagged_order(_Answer(403, {"order": held}), "wash-trade") is None


@pytest.mark.parametrize(("defects", "held"), [((), True), (("trade-circular-long-accepted",), False)])
def test_a_circle_through_two_intermediaries_is_held(defects, held):
    """AS-TRADE-010 R2: A sells to B, B sells on to D, and C (another identity of A's user) orders."""
    m = market(*defects)
    d = "did:web:registry.reference.example:holders:h4"
    m.same_user = lambda did, other: {did, other} == {A, C}
    for seller, buyer in ((A, B), (B, d)):
        order, _ = m.order("x", buyer, PRICE)
        m.settle(order.order_id, seller)
    back, _ = m.order("x", C, PRICE)
    assert (back.status == "held") is held


def test_a_sale_moves_the_disclosed_money_once_and_an_unpaid_order_is_refused():
    """AS-TRADE-011's reference: the buyer pays the price plus its disclosed fee, the seller
    receives the price, a repeated settle request and a refused order move nothing, a refund
    returns the payment; an identity without a test account is not ledgered."""
    m = market()
    m.accounts.balances.update({A: {"CNY": Decimal("0")}, B: {"CNY": Decimal("10.50")}})
    order, _ = m.order("x", B, PRICE)  # 10.00 and a 0.50 fee paid by the buyer
    m.settle(order.order_id, A)
    assert m.accounts.balances == {A: {"CNY": Decimal("10.00")}, B: {"CNY": Decimal("0.00")}}
    with pytest.raises(Refused):
        m.settle(order.order_id, A)
    assert m.accounts.balances[B] == {"CNY": Decimal("0.00")}
    m.refund(order.order_id, B)
    assert m.accounts.balances == {A: {"CNY": Decimal("0.00")}, B: {"CNY": Decimal("10.50")}}
    m.accounts.balances[B]["CNY"] = Decimal("10.49")
    with pytest.raises(Refused) as refused:
        m.order("x", B, PRICE)
    assert refused.value.status == 409 and m.ledger.assets["x"].events[-1]["type"] == "refund"
    m.accounts.balances.pop(B)
    assert m.order("x", B, PRICE)[0].status == "open"
