"""AS-MINOR-001: an identity that claims a minor's age band (an age band, never a birth
date) is refused trading; AS-MINOR-002: the play-time limits a platform declares for minors
are honoured (docs/assets.md, "Minors", "Play-time limits")."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, NonConformance, NotApplicable, Parameters, Targets, msg, precondition
from conformance.area import SchemaRegistry
from conformance.areas._shared.discovery import DISCOVERY, declared_terms
from conformance.areas._shared.minors import MINOR_BAND, PLAYTIME_SCHEMA, minor_identity, play_probes
from conformance.areas._shared.registry import Session
from conformance.areas._shared.trading import Market, price_currency, terms
from conformance.areas.assets.registry import check_state, expect
from conformance.areas.assets.review import instant


def playtime_declared(api) -> bool:
    """False when the discovery document is served and declares no minors.playtime (a document
    not served or not JSON is :func:`declared_terms`' inconclusive verdict, so True here)."""
    response = api.get(DISCOVERY)
    if response.status != 200:
        return True
    try:
        document = response.json()
    except NonConformance:
        return True
    minors = document.get("minors") if isinstance(document, dict) else None
    return isinstance(minors, dict) and "playtime" in minors


#: Members that would disclose more than the band (data minimisation).
BIRTH_MEMBERS = ("birth_date", "birthdate", "date_of_birth", "dob", "birthday", "age")


@pytest.mark.requirement("AS-MINOR-001")
def test_minors_are_refused_trading(targets: Targets, schemas: SchemaRegistry, evidence: Evidence, params: Parameters):
    s = Session(targets, params.identity_path)
    a, _ = s.ids
    minor, members = minor_identity(targets["api"], params.identity_path)
    evidence.note(msg("assets.minor-provisioned", band=MINOR_BAND), members=members)
    disclosed = [m for m in members if m.lower() in BIRTH_MEMBERS]
    if disclosed:
        evidence.finding(msg("assets.minor-birth-date"), file=targets["api"].requested("POST", params.identity_path),
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
        evidence.finding(msg("assets.minor-order-recorded"), file=history.requested,
                         pointer="/events", actual=[e.get("type") for e in events if isinstance(e, dict)])
    check_state(evidence, s.registry, asset_id, {"owner": a.did}, msg("assets.step-after-minor-order"))


@pytest.mark.requirement("AS-MINOR-002")
def test_play_time_limits_are_honoured(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                       params: Parameters):
    api = targets["api"]
    if not playtime_declared(api):  # the statement applies to declared terms: none declared, none apply
        raise NotApplicable(msg("assets.playtime-no-terms", path=DISCOVERY))
    terms = declared_terms(api, ("minors", "playtime"), "assets.playtime-no-terms")
    if evidence.findings_from(schemas.findings(terms, PLAYTIME_SCHEMA), file=DISCOVERY, pointer="/minors/playtime"):
        return
    if terms.get("test_clock") is not True:
        raise Inconclusive(msg("assets.playtime-no-test-clock"))
    s = Session(targets, params.identity_path)
    with precondition(msg("shared.pre-minor-provisioned", path=params.identity_path, band=MINOR_BAND),
                      msg("shared.pre-fix-minor")):  # the identity is set-up; the play-time limits are judged
        minor, _ = minor_identity(api, params.identity_path)
    probes = play_probes(terms)
    path = terms["sessions"]
    reg = s.registry

    def start(who, at):
        return reg.call("POST", path, who, {"at": at.isoformat()})

    for at in (probes.other_day, probes.other_hour):  # rule outside: refused
        if at is not None:
            expect(evidence, schemas, start(minor, at), {403}, msg("assets.step-play-outside", at=at.isoformat()))
    if probes.other_day is not None:  # rule others: no minor's band, no limit
        expect(evidence, schemas, start(s.ids[0], probes.other_day), {201},
               msg("assets.step-play-other", at=probes.other_day.isoformat()))
    if not probes.playable:  # no served day or no play time: no session inside a window to judge
        if not evidence.findings_count:
            raise Inconclusive(msg("assets.playtime-not-playable"))
        return
    response = start(minor, probes.inside)  # rule inside: served, until the window or the limit ends
    if not expect(evidence, schemas, response, {201}, msg("assets.step-play-inside", at=probes.inside.isoformat())):
        return
    body = response.json()
    ends = instant(body.get("ends_at")) if isinstance(body, dict) else None
    latest = min(probes.window_end, probes.inside + timedelta(seconds=terms["daily_limit_s"]))
    where = response.requested
    if ends is None or ends > latest:
        evidence.finding(msg("assets.playtime-ends-late", latest=latest.isoformat()), file=where,
                         pointer="/ends_at", expected=f"<= {latest.isoformat()}",
                         actual=body.get("ends_at") if isinstance(body, dict) else body)
    session = body.get("session_id") if isinstance(body, dict) else None
    if not isinstance(session, str):
        return
    beat = f"{path}/{quote(session, safe='')}/heartbeat"
    during = probes.inside + min(timedelta(minutes=1), (latest - probes.inside) / 2)  # before the session's end
    expect(evidence, schemas, reg.call("POST", beat, minor, {"at": during.isoformat()}), {200},
           msg("assets.step-play-heartbeat", at=during.isoformat()))
    expect(evidence, schemas, reg.call("POST", beat, minor, {"at": latest.isoformat()}), {403},
           msg("assets.step-play-over", at=latest.isoformat()))  # rule over: refused at the end
    evidence.note(msg("assets.playtime-checked", basis=terms.get("basis") or "-", limit=terms["daily_limit_s"]))
