"""Trading assets through the registry over HTTP (docs/assets.md, "Trading"): trade records,
settlement of every transfer for consideration, fees disclosed before settlement, refunds
within the cooling-off window, trade events in the hash chain, no orders for locked assets,
and no self-dealing or circular trades (the market against its model under random sequences,
AS-TRADE-007: test_stateful.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest

from conformance import Evidence, Inconclusive, Parameters, Targets, msg, precondition
from conformance.area import SchemaRegistry
from conformance.areas._shared.dependent import unread
from conformance.areas._shared.minors import set_clock
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.registry import Session, linked_identity
from conformance.areas._shared.times import rfc3339_instant
from conformance.areas._shared.trading import Market, price_currency, probe_price, terms, tokens
from conformance.areas.assets.hashchain import Ledger
from conformance.areas.assets.registry import check_state, expect, history_read
from conformance.areas.assets.trading import (
    ORDER_SCHEMA,
    TERMS_SCHEMA,
    TRADE_EVENTS,
    fee_findings,
    flagged_order,
    money_findings,
    trade_money,
)

YEAR_S = 365 * 24 * 3600
#: AS-TRADE-004 asks for its refund this long before the cooling-off window ends
LAST_MINUTE_S = 60
OK, CREATED, CONFLICT = {200}, {201}, {409}
#: the requirement judging how an asset's state and history are served: a trade requirement reads them
SERVED = "AS-REG-001"
STEPS = {"cancel": "assets.step-cancel", "settle": "assets.step-settle", "refund": "assets.step-refund"}


class Trade:
    """A session on the market: identities A (seller) and B (buyer), the declared terms; with
    ``count=1``, A alone (a case whose steps name no buyer of its own, AS-TRADE-009)."""

    def __init__(self, targets: Any, identity_path: str, count: int = 2) -> None:
        self.session = Session(targets, identity_path, count=count)
        self.market = Market(targets["api"])
        self.terms = terms(targets["api"])
        self.currency = price_currency(self.terms)
        self.price = probe_price(self.currency, self.terms)

    def order(self, evidence: Any, schemas: Any, asset_id: str, what: str = "assets.step-order",
              rule: str | None = None) -> tuple[str, dict[str, Any]] | None:
        """B orders the asset; (order ID, the order as answered) or None with a finding under ``rule``."""
        a, b = self.session.ids
        response = self.market.order(b, asset_id, self.price)
        if not expect(evidence, schemas, response, CREATED, msg(what, asset=asset_id), rule):
            return None
        body = own_json(response, rule)
        order = body.get("order") if isinstance(body, dict) else None
        found = (replace(f, pointer=f"/order{f.pointer or ''}") for f in schemas.findings(order, ORDER_SCHEMA, rule))
        if evidence.findings_from(found, file=response.requested):
            return None
        return order["order_id"], order

    def history(self, evidence: Any, schemas: Any, asset_id: str, own: bool = False) -> tuple[str, list[Any]] | None:
        """The trade's record as the history shows it (``own``: the case judges it, :func:`history_read`)."""
        return history_read(evidence, schemas, self.session.registry, asset_id, own=own)


def _settled(evidence: Any, schemas: Any, t: Trade, label: str, rule: str | None = None) -> tuple | None:
    """A issues an asset, B orders it, A settles (``rule``: the step's): (asset ID, order ID, the order)."""
    a, _ = t.session.ids
    asset_id = t.session.issue(evidence, a, label)
    ordered = t.order(evidence, schemas, asset_id, rule=rule) if asset_id else None
    if asset_id is None or ordered is None:
        return None
    order_id, order = ordered
    if not expect(evidence, schemas, t.market.step(a, order_id, "settle"), OK, msg("assets.step-settle"), rule):
        return None
    return asset_id, order_id, order


@pytest.mark.requirement("AS-TRADE-001")
def test_trade_records(targets: Targets, schemas: SchemaRegistry, evidence: Evidence, params: Parameters):
    t = Trade(targets, params.identity_path)
    evidence.findings_from(schemas.findings(t.terms, TERMS_SCHEMA), file="/.well-known/metaverse-interop",
                           pointer="/trading")
    declared = tokens(t.terms)
    a, b = t.session.ids
    settled = _settled(evidence, schemas, t, "record")
    if settled is None:
        return
    asset_id, order_id, order = settled
    where = t.market.api.requested("POST", t.market.path(asset_id, "orders"))
    for pointer, money in trade_money(order):
        evidence.findings_from(money_findings(money, declared, where, f"/order{pointer}"))
    parties = {"seller": a.did, "buyer": b.did, "price": t.price}
    for key, want in parties.items():
        if order.get(key) != want:
            evidence.finding(msg("assets.trade-order-member", key=key), file=where, pointer=f"/order/{key}",
                             expected=want, actual=order.get(key))
    found = t.history(evidence, schemas, asset_id, own=True)
    if found is None:
        return
    where, events = found
    trades = [(i, e) for i, e in enumerate(events) if e.get("type") in TRADE_EVENTS]
    for index, event in trades:
        for pointer, money in trade_money(event.get("trade")):
            evidence.findings_from(money_findings(money, declared, where, f"/events/{index}/trade{pointer}"))
    evidence.note(msg("assets.trade-records-checked", count=len(trades)), order=order_id)


@pytest.mark.requirement("AS-TRADE-002")
def test_every_sale_has_a_settlement_record(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                            params: Parameters):
    t = Trade(targets, params.identity_path)
    a, b = t.session.ids
    settled = _settled(evidence, schemas, t, "settle", "R1")
    if settled is None:
        return
    asset_id, order_id, order = settled
    check_state(evidence, t.session.registry, asset_id, {"owner": b.did}, msg("assets.step-after-settle"),
                judged_by=SERVED, rule="R1")
    found = t.history(evidence, schemas, asset_id)
    if found is None:
        return
    where, events = found
    moves = [(i, e) for i, e in enumerate(events) if e.get("type") != "issue" and e.get("to")]
    want = {"type": "settlement", "from": a.did, "to": b.did}
    if len(moves) != 1 or {k: moves[0][1].get(k) for k in want} != want:
        evidence.finding(msg("assets.trade-no-settlement"), file=where, pointer="/events", expected=want,
                         actual=[{k: e.get(k) for k in want} for _, e in moves], rule="R1")
        return
    index, event = moves[0]
    trade = event.get("trade") or {}
    expected = {"order_id": order_id, "seller": a.did, "buyer": b.did, "price": order.get("price")}
    for key, value in expected.items():
        if trade.get(key) != value:
            evidence.finding(msg("assets.trade-settlement-member", key=key), file=where,
                             pointer=f"/events/{index}/trade/{key}", expected=value, actual=trade.get(key), rule="R1")
    orders = [e for e in events[:index] if e.get("type") == "order" and (e.get("trade") or {}).get("order_id")
              == order_id]
    if not orders:
        evidence.finding(msg("assets.trade-settlement-without-order"), file=where, pointer=f"/events/{index}",
                         expected=msg("assets.expect-order-event", order=order_id),
                         actual=[e.get("type") for e in events], rule="R1")
    settled_twice(evidence, schemas, t, asset_id, order_id)


def settled_twice(evidence: Any, schemas: Any, t: Trade, asset_id: str, order_id: str) -> None:
    """AS-TRADE-002 R2: the seller's settle request sent again (a client's retry after a lost answer)
    is refused with 409, adds no settlement to the history and leaves the asset with the buyer."""
    a, b = t.session.ids
    expect(evidence, schemas, t.market.step(a, order_id, "settle"), CONFLICT, msg("assets.step-settle-again"), "R2")
    found = t.history(evidence, schemas, asset_id)
    if found is not None:
        where, events = found
        settlements = [e.get("type") for e in events if e.get("type") == "settlement"]
        if len(settlements) != 1:
            evidence.finding(msg("assets.trade-settled-twice", order=order_id, count=len(settlements)), file=where,
                             pointer="/events", expected=1, actual=len(settlements), rule="R2")
    check_state(evidence, t.session.registry, asset_id, {"owner": b.did}, msg("assets.step-after-settle-again"),
                judged_by=SERVED, rule="R2")


@pytest.mark.requirement("AS-TRADE-003")
def test_fees_are_disclosed_before_settlement(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                              params: Parameters):
    t = Trade(targets, params.identity_path)
    a, _ = t.session.ids
    asset_id = t.session.issue(evidence, a, "fees")
    ordered = t.order(evidence, schemas, asset_id, rule="R1") if asset_id else None
    if asset_id is None or ordered is None:
        return
    order_id, order = ordered
    shown = t.market.show(order_id)  # what the buyer sees before paying
    if expect(evidence, schemas, shown, OK, msg("assets.step-order-shown"), "R3"):  # step 2's own read
        body = own_json(shown, "R3")
        if isinstance(body, dict) and body.get("fees") != order.get("fees"):
            evidence.finding(msg("assets.trade-fees-shown-differ"), file=shown.requested,
                             pointer="/fees", expected=order.get("fees"), actual=body.get("fees"), rule="R3")
    response = t.market.step(a, order_id, "settle")
    if not expect(evidence, schemas, response, OK, msg("assets.step-settle"), "R1"):
        return
    found = t.history(evidence, schemas, asset_id)
    if found is None:
        return
    where, events = found
    settlements = [(i, e) for i, e in enumerate(events) if e.get("type") == "settlement"]
    if not settlements:
        raise Inconclusive(msg("assets.trade-no-settlement-to-judge"))
    for index, event in settlements:
        evidence.findings_from(fee_findings(order.get("fees"), (event.get("trade") or {}).get("fees"), where,
                                            f"/events/{index}/trade/fees"))
    evidence.note(msg("assets.trade-fees-compared", count=len(order.get("fees") or [])), disclosed=order.get("fees"))


def settlement_time(response: Any, rule: str | None = None) -> datetime:
    """When the settlement happened, as its event in the settle answer records it (the time the
    cooling-off window counts from); inconclusive when the answer states no RFC 3339 time. The
    answer is the caller's own step (``rule``: the step's), so a body that does not parse is its finding."""
    body = own_json(response, rule)
    event = body.get("event") if isinstance(body, dict) else None
    stated = event.get("time") if isinstance(event, dict) else None
    at = rfc3339_instant(stated)
    if at is None:
        raise Inconclusive(msg("assets.trade-settlement-time-unread", time=stated))
    return at


def _settled_at(evidence: Any, schemas: Any, t: Trade, label: str, rule: str | None = None) -> tuple | None:
    """A issues an asset, B orders it, A settles (``rule``: the step's): (asset ID, order ID, the settlement's time)."""
    a, _ = t.session.ids
    asset_id = t.session.issue(evidence, a, label)
    ordered = t.order(evidence, schemas, asset_id, rule=rule) if asset_id else None
    if asset_id is None or ordered is None:
        return None
    response = t.market.step(a, ordered[0], "settle")
    if not expect(evidence, schemas, response, OK, msg("assets.step-settle"), rule):
        return None
    return asset_id, ordered[0], settlement_time(response, rule)


def buyer_clock_at(targets: Targets, clock_path: str, who: Any, at: datetime) -> None:
    """Stands the buyer's test clock at ``at`` (set-up: the test clock is no obligation of the
    requirement judged, so a platform without one leaves it inconclusive, naming the step)."""
    with precondition(msg("assets.pre-trade-clock", clock=clock_path),
                      msg("shared.pre-fix-verified", clock=clock_path)):
        set_clock(targets["api"], clock_path, who, at)


@pytest.mark.requirement("AS-TRADE-004")
def test_refund_within_cooling_off_restores_the_seller(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                                       params: Parameters):
    t = Trade(targets, params.identity_path)
    window = int(params.cooling_off_s)
    a, b = t.session.ids
    settled = _settled_at(evidence, schemas, t, "refund", "R1")
    if settled is None:
        return
    asset_id, order_id, at = settled
    buyer_clock_at(targets, params.clock_path, b, at + timedelta(seconds=window - LAST_MINUTE_S))
    reg = t.session.registry
    expect(evidence, schemas, t.market.step(a, order_id, "refund"), {403}, msg("assets.step-refund-by-seller"), "R3")
    if not expect(evidence, schemas, t.market.step(b, order_id, "refund"), OK,
                  msg("assets.step-refund-in-window", seconds=window - LAST_MINUTE_S), "R1"):
        return
    check_state(evidence, reg, asset_id, {"owner": a.did}, msg("assets.step-after-refund"),
                judged_by=SERVED, rule="R2")
    expect(evidence, schemas, t.market.step(b, order_id, "refund"), CONFLICT, msg("assets.step-refund-again"), "R4")
    found = t.history(evidence, schemas, asset_id)
    if found is None:
        return
    where, events = found
    last = events[-1] if events else {}
    want = {"type": "refund", "from": b.did, "to": a.did}
    if {k: last.get(k) for k in want} != want or (last.get("trade") or {}).get("order_id") != order_id:
        evidence.finding(msg("assets.trade-no-refund-record", order=order_id), file=where,
                         pointer=f"/events/{len(events) - 1}", expected=want,
                         actual={k: last.get(k) for k in want}, rule="R2")
    evidence.note(msg("assets.trade-refund-window", window=window))


@pytest.mark.requirement("AS-TRADE-008")
def test_refund_after_cooling_off_is_refused(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                             params: Parameters):
    t = Trade(targets, params.identity_path)
    window = int(params.cooling_off_s)
    _, b = t.session.ids
    settled = _settled_at(evidence, schemas, t, "late-refund")
    if settled is None:
        return
    asset_id, order_id, at = settled
    buyer_clock_at(targets, params.clock_path, b, at + timedelta(seconds=window + 1))
    expect(evidence, schemas, t.market.step(b, order_id, "refund"), CONFLICT, msg("assets.step-refund-late"))
    check_state(evidence, t.session.registry, asset_id, {"owner": b.did}, msg("assets.step-after-late-refund"),
                judged_by=SERVED)
    found = t.history(evidence, schemas, asset_id)
    if found is not None and any(e.get("type") == "refund" for e in found[1]):
        evidence.finding(msg("assets.trade-late-refund-recorded"), file=found[0], pointer="/events",
                         actual=[e.get("type") for e in found[1]])
    evidence.note(msg("assets.trade-late-refund-checked", window=window))


@pytest.mark.requirement("AS-TRADE-005")
def test_hash_chain_covers_trade_events(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                        params: Parameters):
    t = Trade(targets, params.identity_path)
    a, b = t.session.ids
    asset_id = t.session.issue(evidence, a, "chain")
    if asset_id is None:
        return
    for steps in ((("cancel", b),), (("settle", a), ("refund", b))):  # one order cancelled, one refunded
        ordered = t.order(evidence, schemas, asset_id)
        if ordered is None:
            return
        for action, who in steps:
            if not expect(evidence, schemas, t.market.step(who, ordered[0], action), OK, msg(STEPS[action])):
                return
    found = t.history(evidence, schemas, asset_id, own=True)
    if found is None:
        return
    where, events = found
    kinds = [e.get("type") for e in events]
    want = ["issue", "order", "cancellation", "order", "settlement", "refund"]
    if kinds != want:
        evidence.finding(msg("assets.trade-events-missing"), file=where, pointer="/events", expected=want, actual=kinds)
    evidence.findings_from(Ledger().replay(where, {"events": events}))


@pytest.mark.requirement("AS-TRADE-006")
def test_orders_for_locked_assets_are_refused(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                              params: Parameters, features: frozenset[str]):
    t = Trade(targets, params.identity_path)
    a, _ = t.session.ids
    reg = t.session.registry
    cases: list[tuple[str, dict[str, Any], str]] = [("nontransferable", {"locked": True}, "R1"),
                                                   ("holding", {"holding_s": YEAR_S}, "R2")]  # the lock's rule
    if "lifecycle-lock" in features:
        cases.append(("lifecycle-lock", {}, "R3"))
    for label, rules, rule in cases:
        asset_id = t.session.issue(evidence, a, label, **rules)
        if asset_id is None:
            continue
        if label == "lifecycle-lock":  # a set-up step: the holder's lock is AS-REG-006's to judge
            locked = reg.act(a, asset_id, "lock")
            if locked.status not in OK:
                unread(evidence, locked.requested, msg("assets.lock-of", asset=asset_id), locked.status,
                       "AS-REG-006")
                continue
        expect(evidence, schemas, t.market.order(t.session.ids[1], asset_id, t.price), CONFLICT,
               msg("assets.step-order-locked", kind=label), rule)
        found = t.history(evidence, schemas, asset_id)
        if found is not None and any(e.get("type") == "order" for e in found[1]):
            evidence.finding(msg("assets.trade-refused-order-recorded", kind=label), file=found[0],
                             pointer="/events", actual=[e.get("type") for e in found[1]], rule=rule)
        check_state(evidence, reg, asset_id, {"owner": a.did}, msg("assets.step-after-refused-order", kind=label),
                    judged_by=SERVED, rule=rule)


def suspicious_order(evidence: Any, schemas: Any, t: Trade, who: Any, holder: Any, asset_id: str, kind: str,
                     what: Any, rule: str | None = None) -> str | None:
    """A suspicious order planted by ``who``: refused (403 problem details), or held under annex D's
    flag of ``kind``, when the holder's settle request must be refused (409): a held order never
    settles. The held order's ID, or None when refused (or a finding says it was neither); findings carry ``rule``."""
    response = t.market.order(who, asset_id, t.price)
    held = flagged_order(response, kind)
    if held is None:
        expect(evidence, schemas, response, {403}, what, rule)
        return None
    found = schemas.findings(held, ORDER_SCHEMA)
    evidence.findings_from((replace(f, pointer=f"/order{f.pointer or ''}", rule=rule) for f in found),
                           file=response.requested)
    order_id = str(held.get("order_id"))
    expect(evidence, schemas, t.market.step(holder, order_id, "settle"), CONFLICT,
           msg("assets.step-settle-flagged", kind=kind), rule)
    evidence.note(msg("assets.trade-flag-held", kind=kind), order=order_id, flag=held.get("flag"))
    return order_id


def unheld(events: list[dict[str, Any]], held: str | None) -> list[dict[str, Any]]:
    """The trade events but the held order's own order event (a flagged order is recorded; it settles nothing)."""
    return [e for e in events if e.get("type") in TRADE_EVENTS
            and not (held and e.get("type") == "order" and (e.get("trade") or {}).get("order_id") == held)]


@pytest.mark.requirement("AS-TRADE-009")
def test_self_dealing_is_refused(targets: Targets, schemas: SchemaRegistry, evidence: Evidence, params: Parameters):
    """A wash trade planted through the platform's own interface: A's asset ordered by another
    identity of A's user. The case is the feature linked-identities: a platform declaring it and refusing
    the link fails (as IF-CODE-005), one not declaring it is not applicable."""
    t = Trade(targets, params.identity_path, count=1)  # step 2: A, and the linked B below
    (a,) = t.session.ids
    linked = linked_identity(targets["api"], params.identity_path, a, evidence)
    if linked is None:  # the feature declares the link: a refusal is the finding
        return
    asset_id = t.session.issue(evidence, a, "self-dealing")
    if asset_id is None:
        return
    held = suspicious_order(evidence, schemas, t, linked, a, asset_id, "wash-trade",
                            msg("assets.step-order-self-dealing"))
    found = t.history(evidence, schemas, asset_id)
    if found is not None and unheld(found[1], held):
        evidence.finding(msg("assets.trade-self-dealing-recorded"), file=found[0], pointer="/events",
                         actual=[e.get("type") for e in found[1]])
    check_state(evidence, t.session.registry, asset_id, {"owner": a.did}, msg("assets.step-after-self-dealing"),
                judged_by=SERVED)
    evidence.note(msg("assets.trade-self-dealing-checked"), seller=a.did, buyer=linked.did)


@pytest.mark.requirement("AS-TRADE-010")
def test_circular_trade_is_refused(targets: Targets, schemas: SchemaRegistry, evidence: Evidence, params: Parameters):
    """Circular trades planted through the platform's own interface: A sells an asset to B (unlinked),
    then another identity of A's user orders it from B (R1); A sells another to B, B sells it on to C,
    and A's other identity orders it from C (R2). The link is the feature's, as in AS-TRADE-009; the sales
    are not: a sale's order not answered 201 or its settlement not 200 is a finding here (``_settled``,
    as the fail line names it), and the rule it sets up is then not tried. C's resale order is judged
    by its 201 alone (its ``order`` is not validated against the trade-order schema)."""
    t = Trade(targets, params.identity_path)
    a, b = t.session.ids
    linked = linked_identity(targets["api"], params.identity_path, a, evidence, "R1")
    if linked is None:  # the feature declares the link: a refusal is the finding (R1, whose set-up it is)
        return
    settled = _settled(evidence, schemas, t, "circular", "R1")
    if settled is not None:
        asset_id, order_id, _ = settled
        circled(evidence, schemas, t, linked, b, asset_id, msg("assets.step-order-circular"), "R1")
        evidence.note(msg("assets.trade-circular-checked"), seller=a.did, buyer=b.did, returning=linked.did,
                      order=order_id)
    settled = _settled(evidence, schemas, t, "circular-long")
    if settled is None:
        return
    asset_id = settled[0]
    (c,) = Session(targets, params.identity_path, count=1).ids  # step 6's one further identity, not linked
    resold = t.market.order(c, asset_id, t.price)
    what = msg("assets.step-order-resale", asset=asset_id)  # step 5's own order: its findings are R2's
    if not expect(evidence, schemas, resold, CREATED, what, "R2"):
        return
    body = own_json(resold, "R2")
    order = body.get("order") if isinstance(body, dict) else None
    resale = str(order.get("order_id")) if isinstance(order, dict) else ""
    if not expect(evidence, schemas, t.market.step(b, resale, "settle"), OK, msg("assets.step-settle")):
        return
    circled(evidence, schemas, t, linked, c, asset_id, msg("assets.step-order-circular-long"), "R2")
    evidence.note(msg("assets.trade-circular-long-checked"), seller=a.did, through=[b.did, c.did],
                  returning=linked.did)


def circled(evidence: Any, schemas: Any, t: Trade, linked: Any, holder: Any, asset_id: str, what: Any,
            rule: str) -> None:
    """The linked identity's order for ``asset_id`` (held by ``holder``) is refused or held, and the
    history after the last sale records nothing but a held order's own order event."""
    held = suspicious_order(evidence, schemas, t, linked, holder, asset_id, "circular-trade", what, rule)
    found = t.history(evidence, schemas, asset_id)
    if found is not None:
        where, events = found
        sold = max((i for i, e in enumerate(events) if e.get("type") == "settlement"), default=len(events))
        after = [e.get("type") for e in unheld(events[sold + 1:], held)]
        if after:
            evidence.finding(msg("assets.trade-circular-recorded"), file=where, pointer=f"/events/{sold + 1}",
                             expected=[], actual=after, rule=rule)
    check_state(evidence, t.session.registry, asset_id, {"owner": holder.did}, msg("assets.step-after-circular"),
                judged_by=SERVED, rule=rule)

