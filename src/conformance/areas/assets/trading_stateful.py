"""The registry's market against a model, driven by random operation sequences (AS-TRADE-007).

The machine of :mod:`.stateful` (issue, transfer, burn, lock, unlock) with orders,
settlements, cancellations and refunds added, predicted by :class:`.trading.MarketModel`.
After every step it also reads the history of the assets the step touched: the event types
in order, an unbroken hash chain over them, and settlements that charge no fee the order
did not disclose. Trading rules that only a sequence reaches (a lock after a trade, a refund
after a resale, a settlement after a cancellation) are what it is for; they all start from a
sale, so a sale and what may follow it (a refund, a resale then a refund, a lock then another
order) is also one rule, as is an order cancelled then settled. With these, each planted
trading defect of the reference is found with every seed tried (tests/areas/assets/test_trading_seeds.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from conformance import msg

from .._shared.dependent import served_body
from .._shared.registry import Session
from .._shared.trading import Market, probe_price
from .hashchain import Ledger
from .ledger import ModelAsset
from .sequences import Divergence, Recorded, Run, Sequences, served
from .stateful import MAX_ASSETS, machine_for, planned
from .trading import MarketModel, ModelOrder, fee_findings

if TYPE_CHECKING:
    from conformance.area import JsonObject

STEP_KEYS = {"settle": "assets.stateful-settles", "cancel": "assets.stateful-cancels",
             "refund": "assets.stateful-refunds"}
ORDER_PICKS = 4  # orders are picked among the last few, where the action is


class Trading(Protocol):
    """A trading machine as its preconditions read it: the model of the market it predicts."""

    @property
    def model(self) -> MarketModel: ...


def trading_machine_for(s: Session, lock: bool, currency: str, log: Sequences,
                        declared: JsonObject | None = None) -> type[RuleBasedStateMachine]:
    """The machine ordering in ``currency``, its amounts in the currency's smallest units (a token's by the
    ``declared`` terms' decimals)."""
    base: Any = machine_for(s, lock, log)
    ids = s.ids
    market = Market(Recorded(s.registry.api, log))  # the registry's calls too: every answer is recorded
    who_st = st.sampled_from(range(len(ids)))
    pick_st = st.integers(min_value=0, max_value=max(MAX_ASSETS, ORDER_PICKS) - 1)
    party_st = st.sampled_from([True, True, True, False])

    def has_assets(self: Trading) -> bool:
        return bool(self.model.assets)

    def has_orders(self: Trading) -> bool:
        return bool(self.model.orders)

    class TradingMachine(base):
        def __init__(self, sends: Run | None = None) -> None:
            super().__init__(sends)
            self.model: MarketModel = MarketModel()

        def pick_order(self, pick: int, status: str | None = None) -> str:
            """One of the last few orders; of those in ``status`` first, when there are any."""
            recent = list(self.model.orders)[-ORDER_PICKS:]
            fitting = [o for o in recent if self.model.orders[o].status == status]
            return (fitting or recent)[pick % len(fitting or recent)]

        @precondition(has_assets)
        @rule(pick=pick_st, who=who_st, units=st.integers(min_value=1, max_value=10**7), tradable=party_st)
        @planned
        def order(self, pick: int, who: int, units: int, tradable: bool) -> None:
            # Mostly an asset the model says can be traded, else one it says cannot (a lock after a
            # trade is reached this way): refusals are rules too.
            def closed(m: ModelAsset) -> bool:
                return bool(m.burned or m.locked_flag or m.holding or m.locked)

            fitting = [a for a, m in self.model.assets.items() if closed(m) != tradable]
            pool = fitting or list(self.model.assets)
            asset_id = pool[pick % len(pool)]
            if ids[who].did == self.model.assets[asset_id].owner and len(ids) > 1:  # mostly someone else's
                who = (who + 1) % len(ids)
            self.order_asset(asset_id, who, units)

        def tradable(self, pick: int) -> str:
            """An asset the model says can be traded, else any."""
            live = [a for a, m in self.model.assets.items()
                    if not (m.burned or m.locked_flag or m.holding or m.locked)]
            return (live or list(self.model.assets))[pick % len(live or self.model.assets)]

        def order_asset(self, asset_id: str, who: int, units: int) -> str | None:
            """``who`` orders the asset; the new order's ID, None when it was refused."""
            owner = self.model.assets[asset_id].owner
            price = probe_price(currency, declared, units)  # in the currency's minor units: no 12.50 JPY
            allowed = self.model.order(asset_id, ids[who].did)
            response = self.send(msg("assets.stateful-orders", who=ids[who].name, asset=asset_id,
                                     amount=price["amount"], currency=currency),
                                 lambda: market.order(ids[who], asset_id, price), allowed, ids[who],
                                 (asset_id,), (who,), {"price": price})
            if response.status != 201:
                return None
            if not self.live:  # planned: the order the model predicts, under an ID of the plan's
                order_id, fees = f"planned-order-{len(self.model.orders) + 1}", None
            else:
                body, answered = served_body(response, ok=201)  # a body that does not parse: the status named
                order = body.get("order") if isinstance(body, dict) else None
                want = {"seller": owner, "buyer": ids[who].did, "price": price}
                got = {k: order.get(k) for k in want} if isinstance(order, dict) \
                    else order if body is not None else answered
                if got != want or not isinstance(order, dict) or not isinstance(order.get("order_id"), str):
                    raise Divergence(msg("assets.stateful-order-differs", step=len(self.steps), got=str(got),
                                         want=str(want)))
                order_id, fees = str(order["order_id"]), order.get("fees")
            self.model.orders[order_id] = ModelOrder(asset_id, owner or "", ids[who].did, fees)
            return order_id

        # A sale played out in one rule, and what may follow it: the rules only a sequence reaches
        # (a refund, a refund after a resale, an order after the buyer locked the asset) come from a
        # sale, and hypothesis picks rules uniformly.
        def place_order(self, pick: int, who: int, units: int) -> tuple[str, str, int, int] | None:
            """(asset, order, buyer, seller) of an order for a tradable asset by someone other than
            its owner; None when the order is refused (as the model predicts)."""
            asset_id = self.tradable(pick)
            if ids[who].did == self.model.assets[asset_id].owner:
                who = (who + 1) % len(ids)
            order_id = self.order_asset(asset_id, who, units)
            if order_id is None:
                return None
            return asset_id, order_id, who, [i.did for i in ids].index(self.model.orders[order_id].seller)

        @precondition(has_assets)
        @rule(pick=pick_st, who=who_st, units=st.integers(min_value=1, max_value=10**7),
              then=st.sampled_from(["hold", "refund", "resell", "lock"]), to=who_st)
        @planned
        def sell(self, pick: int, who: int, units: int, then: str, to: int) -> None:
            placed = self.place_order(pick, who, units)
            if placed is None:
                return
            asset_id, order_id, who, seller = placed
            self.order_step("settle", 0, seller, False, order_id)
            if self.model.orders[order_id].status != "settled" or then == "hold":
                return
            if then == "resell":
                # to a third party where there is one: passed back to its seller, a refund that
                # wrongly leaves its holder would move nothing, and the defect would stay unseen
                others = [i for i in range(len(ids)) if i not in (who, seller)] or \
                    [i for i in range(len(ids)) if i != who]
                to = others[to % len(others)]
                allowed = self.model.transfer(asset_id, ids[who].did, ids[to].did)
                self.send(msg("assets.stateful-transfers", who=ids[who].name, asset=asset_id, to=ids[to].name),
                          lambda: market.transfer(ids[who], asset_id, ids[to].did), allowed, ids[who], (asset_id,),
                          (who, to), {"to": ids[to].did})
            elif then == "lock" and lock:
                allowed = self.model.lock(asset_id, ids[who].did, True)
                self.send(msg("assets.stateful-locks", who=ids[who].name, asset=asset_id),
                          lambda: market.act(ids[who], asset_id, "lock"), allowed, ids[who], (asset_id,), (who,), {})
                self.order_asset(asset_id, to if to != who else (to + 1) % len(ids), units)
                return
            self.order_step("refund", 0, who, False, order_id)

        # Sales weigh twice as much as the other rules (hypothesis picks rules uniformly): three of
        # the defects a market can have show only after a sale and what follows it.
        @precondition(has_assets)
        @rule(pick=pick_st, who=who_st, units=st.integers(min_value=1, max_value=10**7),
              then=st.sampled_from(["hold", "refund", "resell", "lock"]), to=who_st)
        @planned
        def sell_more(self, pick: int, who: int, units: int, then: str, to: int) -> None:
            self.sell(pick, who, units, then, to)

        @precondition(has_assets)
        @rule(pick=pick_st, who=who_st, units=st.integers(min_value=1, max_value=10**7), by_buyer=st.booleans())
        @planned
        def cancel_then_settle(self, pick: int, who: int, units: int, by_buyer: bool) -> None:
            placed = self.place_order(pick, who, units)
            if placed is None:
                return
            _, order_id, who, seller = placed
            self.order_step("cancel", 0, who if by_buyer else seller, False, order_id)
            self.order_step("settle", 0, seller, False, order_id)

        def order_step(self, action: str, pick: int, who: int, as_party: bool, order_id: str | None = None) -> None:
            # As a party: mostly an order the action fits (open to settle or cancel, settled to refund).
            order_id = order_id or self.pick_order(pick, ("settled" if action == "refund" else "open")
                                                   if as_party else None)
            order = self.model.orders[order_id]
            if as_party:
                either = (order.seller, order.buyer)[who % 2]
                party = {"settle": order.seller, "refund": order.buyer}.get(action, either)
                who = [i.did for i in ids].index(party)
            allowed = getattr(self.model, action)(order_id, ids[who].did)
            self.send(msg(STEP_KEYS[action], who=ids[who].name, order=order_id),
                      lambda: market.step(ids[who], order_id, action), allowed,
                      ids[who], (order.asset_id,), tuple({who, *(i for i, x in enumerate(ids)
                                                              if x.did in (order.seller, order.buyer))}), {})

        @precondition(has_orders)
        @rule(pick=pick_st, who=who_st, as_party=party_st)
        @planned
        def settle(self, pick: int, who: int, as_party: bool) -> None:
            self.order_step("settle", pick, who, as_party)

        @precondition(has_orders)
        @rule(pick=pick_st, who=who_st, as_party=party_st)
        @planned
        def cancel(self, pick: int, who: int, as_party: bool) -> None:
            self.order_step("cancel", pick, who, as_party)

        @precondition(has_orders)
        @rule(pick=pick_st, who=who_st, as_party=party_st)
        @planned
        def refund(self, pick: int, who: int, as_party: bool) -> None:
            self.order_step("refund", pick, who, as_party)

        def checks(self) -> None:
            self.history_matches_model()  # before the listings and the states, as hypothesis ordered them
            super().checks()

        def history_matches_model(self) -> None:
            for asset_id in sorted(self.touched):
                response = served(market.history(asset_id), msg("assets.history-of", asset=asset_id))
                where = response.requested
                body, answered = served_body(response)
                events = body.get("events") if isinstance(body, dict) else None
                if not isinstance(events, list):
                    raise Divergence(msg("assets.stateful-history-status", step=len(self.steps), asset=asset_id,
                                         status=answered))
                kinds = [e.get("type") if isinstance(e, dict) else None for e in events]
                want = ["issue", *self.model.kinds.get(asset_id, [])]
                if kinds != want:
                    raise Divergence(msg("assets.stateful-history-differs", step=len(self.steps), asset=asset_id,
                                         got=str(kinds), want=str(want)))
                broken = Ledger().replay(where, body)
                for index, event in enumerate(events):
                    settled = isinstance(event, dict) and event.get("type") == "settlement"
                    trade = event.get("trade") if settled else None
                    if isinstance(trade, dict) and str(trade.get("order_id")) in self.model.orders:
                        order = self.model.orders[str(trade.get("order_id"))]
                        broken += fee_findings(order.fees, trade.get("fees"), where, f"/events/{index}/trade/fees")
                if broken:
                    raise Divergence(msg("assets.stateful-history-broken", step=len(self.steps), asset=asset_id,
                                         problem=broken[0].message, where=broken[0].where()))

    return TradingMachine
