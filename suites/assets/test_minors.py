"""AS-MINOR-001: an identity that claims a minor's age band (an age band, never a birth
date) is refused trading (docs/assets.md, "Trading", "Minors")."""

from __future__ import annotations

import pytest

from conformance import msg
from conformance.areas.assets.minors import MINOR_BAND, minor_identity
from conformance.areas.assets.registry import Session, check_state, expect
from conformance.areas.assets.trading import Market, price_currency, terms

#: Members that would disclose more than the band (data minimisation).
BIRTH_MEMBERS = ("birth_date", "birthdate", "date_of_birth", "dob", "birthday", "age")


@pytest.mark.requirement("AS-MINOR-001")
def test_minors_are_refused_trading(targets, schemas, evidence, params):
    s = Session(targets, params.identity_path)
    a, _ = s.ids
    minor, members = minor_identity(targets["api"], params.identity_path)
    evidence.note(msg("assets.minor-provisioned", band=MINOR_BAND), members=members)
    disclosed = [m for m in members if m.lower() in BIRTH_MEMBERS]
    if disclosed:
        evidence.finding(msg("assets.minor-birth-date"), file=f"POST {params.identity_path}",
                         expected=msg("assets.expect-age-band-only"), actual=disclosed)
    asset_id = s.issue(evidence, a, "minor")
    if asset_id is None:
        return
    market = Market(targets["api"])
    price = {"amount": "1.00", "currency": price_currency(terms(targets["api"]))}
    expect(evidence, schemas, market.order(minor, asset_id, price), {403}, msg("assets.step-minor-order"))
    history = s.registry.history(asset_id)
    events = history.json().get("events") if history.status == 200 and isinstance(history.json(), dict) else None
    if isinstance(events, list) and any(isinstance(e, dict) and e.get("type") == "order" for e in events):
        evidence.finding(msg("assets.minor-order-recorded"), file=f"GET {s.registry.path(asset_id, 'history')}",
                         pointer="/events", actual=[e.get("type") for e in events if isinstance(e, dict)])
    check_state(evidence, s.registry, asset_id, {"owner": a.did}, msg("assets.step-after-minor-order"))
