"""AS-MINOR-001: an identity that claims a minor's age band (an age band, never a birth
date) is refused trading; AS-MINOR-002 (deprecated): the play-time limits a platform declares
for minors are honoured (docs/assets.md, "Minors", "Play-time limits"); AS-MINOR-003 and
AS-RATING-003: the play windows the NPPA's notice fixes and the rating gate, observed with
identities of each age band on the platform's test clock ("Anti-addiction"); AS-MINOR-004: minors'
payments held to the caps of the NPPA's 2019 notice, with the same identities."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, NonConformance, NotApplicable, Parameters, Targets, msg, precondition
from conformance.area import SchemaRegistry
from conformance.areas._shared.discovery import DISCOVERY, declared_terms
from conformance.areas._shared.minors import (
    MINOR_BAND,
    PLAY_SESSIONS,
    PLAYTIME_SCHEMA,
    minor_identity,
    play_probes,
    set_clock,
    unverified_identity,
    verified_identity,
)
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_problem
from conformance.areas._shared.registry import Registry, Session
from conformance.areas._shared.requestbodies import payment_request
from conformance.areas._shared.trading import Market, declared_probe_price, terms
from conformance.areas.assets import antiaddiction
from conformance.areas.assets.registry import check_state, expect, history_read
from conformance.areas.assets.review import instant, issue_rated


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
                         expected=msg("assets.expect-age-band-only"), actual=disclosed, rule="R1")
    asset_id = s.issue(evidence, a, "minor")
    if asset_id is None:
        return
    market = Market(targets["api"])
    price = declared_probe_price(terms(targets["api"]))
    expect(evidence, schemas, market.order(minor, asset_id, price), {403}, msg("assets.step-minor-order"), "R2")
    # the history is a set-up read: how it is served is AS-REG-001's, a history not read leaves R2 unjudged
    found = history_read(evidence, schemas, s.registry, asset_id)
    if found is not None and any(e.get("type") == "order" for e in found[1]):
        evidence.finding(msg("assets.minor-order-recorded"), file=found[0],
                         pointer="/events", actual=[e.get("type") for e in found[1]], rule="R2")
    check_state(evidence, s.registry, asset_id, {"owner": a.did}, msg("assets.step-after-minor-order"), rule="R2")


@pytest.mark.requirement("AS-MINOR-002")
def test_play_time_limits_are_honoured(targets: Targets, schemas: SchemaRegistry, evidence: Evidence,
                                       params: Parameters):
    api = targets["api"]
    if not playtime_declared(api):  # the statement applies to declared terms: none declared, none apply
        raise NotApplicable(msg("assets.playtime-no-terms", path=DISCOVERY))
    terms = declared_terms(api, ("minors", "playtime"), "assets.playtime-no-terms")
    if evidence.findings_from(schemas.findings(terms, PLAYTIME_SCHEMA), file=DISCOVERY, pointer="/minors/playtime",
                              rule="R5"):
        return
    if terms.get("request_time") is not True:
        raise Inconclusive(msg("assets.playtime-no-request-time"))
    s = Session(targets, params.identity_path)
    with precondition(msg("shared.pre-minor-provisioned", path=params.identity_path, band=MINOR_BAND),
                      msg("shared.pre-fix-minor")):  # the identity is set-up; the play-time limits are judged
        minor, _ = minor_identity(api, params.identity_path)
    probes = play_probes(terms)
    path = PLAY_SESSIONS
    reg = s.registry

    def start(who, at):
        return reg.call("POST", path, who, {"at": at.isoformat()})

    for at in (probes.other_day, probes.other_hour):  # rule outside: refused
        if at is not None:
            expect(evidence, schemas, start(minor, at), {403}, msg("assets.step-play-outside", at=at.isoformat()),
                   "R1")
    if probes.other_day is not None:  # rule others: no minor's band, no limit
        expect(evidence, schemas, start(s.ids[0], probes.other_day), {201},
               msg("assets.step-play-other", at=probes.other_day.isoformat()), "R4")
    if not probes.playable:  # no served day or no play time: no session inside a window to judge
        if not evidence.findings_count:
            raise Inconclusive(msg("assets.playtime-not-playable"))
        return
    response = start(minor, probes.inside)  # rule inside: served, until the window or the limit ends
    if not expect(evidence, schemas, response, {201}, msg("assets.step-play-inside", at=probes.inside.isoformat()),
                  "R2"):
        return
    body = own_json(response, "R2")
    ends = instant(body.get("ends_at")) if isinstance(body, dict) else None
    latest = min(probes.window_end, probes.inside + timedelta(seconds=terms["daily_limit_s"]))
    where = response.requested
    if ends is None or ends > latest:
        evidence.finding(msg("assets.playtime-ends-late", latest=latest.isoformat()), file=where,
                         pointer="/ends_at", expected=f"<= {latest.isoformat()}",
                         actual=body.get("ends_at") if isinstance(body, dict) else body, rule="R2")
    session = body.get("session_id") if isinstance(body, dict) else None
    if not isinstance(session, str):
        return
    beat = f"{path}/{quote(session, safe='')}/heartbeat"
    during = probes.inside + min(timedelta(minutes=1), (latest - probes.inside) / 2)  # before the session's end
    expect(evidence, schemas, reg.call("POST", beat, minor, {"at": during.isoformat()}), {200},
           msg("assets.step-play-heartbeat", at=during.isoformat()))
    expect(evidence, schemas, reg.call("POST", beat, minor, {"at": latest.isoformat()}), {403},
           msg("assets.step-play-over", at=latest.isoformat()), "R3")  # rule over: refused at the end
    evidence.note(msg("assets.playtime-checked", basis=terms.get("basis") or "-", limit=terms["daily_limit_s"]))


def verified_identities(api, identity_path, clock_path, births):
    """Test identities with these birth dates (name -> (birth date, declared band or None)): a
    set-up step, so a platform that does not provision them leaves the test inconclusive. The
    paths are the tests' own parameter reads, so the lint ties each to its requirement."""
    with precondition(msg("shared.pre-verified-provisioned", path=identity_path, clock=clock_path),
                      msg("shared.pre-fix-verified", clock=clock_path)):
        return {name: verified_identity(api, identity_path, born, band) for name, (born, band) in births.items()}


def unverified_identities(api, identity_path, clock_path):
    """Users who registered without real-name verification, one declaring no band and one
    declaring itself adult (None for one the platform refused to register); set-up, as above."""
    with precondition(msg("shared.pre-verified-provisioned", path=identity_path, clock=clock_path),
                      msg("shared.pre-fix-verified", clock=clock_path)):
        return {who: unverified_identity(api, identity_path, band) for who, band in
                (("no age band declared", None), ("declaring itself adult", "adult"))}


def at_clock(api, identity_path, clock_path, who, at):
    """Stands ``who``'s test clock at ``at`` (set-up, as the identities are)."""
    with precondition(msg("shared.pre-verified-provisioned", path=identity_path, clock=clock_path),
                      msg("shared.pre-fix-verified", clock=clock_path)):
        set_clock(api, clock_path, who, at)


@pytest.mark.requirement("AS-MINOR-003")
def test_minors_play_only_in_the_windows_the_notice_fixes(targets, schemas, evidence, params):
    api = targets["api"]
    identity_path, clock_path = params.identity_path, params.clock_path
    reg = Registry(api)  # the identities are step 1's alone: the registry object provisions none
    probes = antiaddiction.probes(params.play_windows)
    people = verified_identities(api, identity_path, clock_path, {
        **{band: (born, None) for band, born in antiaddiction.MINORS.items()},
        "adult": (antiaddiction.ADULT, None), "coming-of-age": (antiaddiction.COMING_OF_AGE, None),
        "self-declared": (antiaddiction.MINORS["12-15"], "adult")})

    def start(who, probe):
        at_clock(api, identity_path, clock_path, people[who], probe.at)
        return reg.call("POST", PLAY_SESSIONS, people[who])

    for band in antiaddiction.MINORS:
        for probe in probes.outside:  # rule R1: refused outside the windows
            expect(evidence, schemas, start(band, probe), {403},
                   msg("assets.step-window-outside", band=band, at=probe.at.isoformat()), "R1")
        for probe in probes.inside:  # rule R2 (R6 in February): served inside them, until the window's end
            if antiaddiction.years(antiaddiction.MINORS[band], probe.at.date()) >= 18:
                continue  # 18 by February: no minor's window to judge
            response = start(band, probe)
            rule = "R6" if probe.why in (antiaddiction.LUNAR_HOLIDAY, antiaddiction.WORKING_SATURDAY) else "R2"
            if not expect(evidence, schemas, response, {201},
                          msg("assets.step-window-inside", band=band, at=probe.at.isoformat()), rule):
                continue
            body = own_json(response, rule)
            ends = instant(body.get("ends_at")) if isinstance(body, dict) else None
            latest = probes.latest_end[probe.at]
            if ends is None or ends > latest:
                evidence.finding(msg("assets.window-ends-late", band=band, latest=latest.isoformat()),
                                 file=response.requested, pointer="/ends_at", expected=f"<= {latest.isoformat()}",
                                 actual=body.get("ends_at") if isinstance(body, dict) else body, rule=rule)
    for who in ("adult", "coming-of-age"):  # rule R3: an adult is served outside the windows
        for probe in probes.adult:
            expect(evidence, schemas, start(who, probe), {201},
                   msg("assets.step-window-adult", who=who, at=probe.at.isoformat()), "R3")
    for probe in probes.outside[:1]:  # rule R4: the verified birth date governs, not the declared band
        expect(evidence, schemas, start("self-declared", probe), {403},
               msg("assets.step-window-self-declared", at=probe.at.isoformat()), "R4")
    guests = unverified_identities(api, identity_path, clock_path)
    for who, guest in guests.items():  # rule R5: no real-name verification, no game service at any time
        if guest is None:
            evidence.note(msg("assets.unverified-refused-registration", path=identity_path, who=who))
            continue
        for probe in probes.inside[:1] + probes.adult[:1]:
            at_clock(api, identity_path, clock_path, guest, probe.at)
            expect(evidence, schemas, reg.call("POST", PLAY_SESSIONS, guest), {403},
                   msg("assets.step-window-unverified", who=who, at=probe.at.isoformat(), why=probe.why), "R5")
    evidence.note(msg("assets.windows-checked", count=len(probes.inside) + len(probes.outside),
                      bands=", ".join(antiaddiction.MINORS)))


#: (reader, the rating's minimum age, the day the reader's clock stands at): AS-RATING-003's probes.
#: "turning-16" is born 3 January 2010: 15 on 2 January 2026, 16 on the 3rd.
WITHHELD = [("under-8", 8, 2), ("8-11", 12, 2), ("12-15", 16, 2), ("turning-16", 16, 2)]
ADMITTED = [("12-15", 12, 2), ("16-17", 16, 2), ("turning-16", 16, 3), ("adult", 16, 2)]
TURNING_16 = date(2010, 1, 3)
#: Beijing time (UTC+08:00): the zone of the NPPA's notices, in which AS-MINOR-004's instants are given.
NOON_ZONE = timezone(timedelta(hours=8))
#: AS-RATING-003's reading time, 18:30 Beijing time (10:30 UTC): on each day read, the same calendar date
#: at every offset from UTC-10:00 to UTC+13:00 (Beijing time and UTC among them), so the age a platform
#: counts does not hang on which zone of that range it counts in. The zones in use in January 2026 span
#: UTC-11:00 to UTC+14:00, 25 hours, so no instant is one date in all of them (noon Beijing time, 04:00
#: UTC, fell on one calendar date only from UTC-04:00 to UTC+14:00).
READ_AT = time(18, 30)


@pytest.mark.requirement("AS-RATING-003")
def test_rated_content_is_withheld_by_the_verified_age(targets, schemas, evidence, params):
    api = targets["api"]
    identity_path, clock_path = params.identity_path, params.clock_path
    s = Session(targets, identity_path, count=1)  # step 1's one test identity, the probe contents' holder
    (holder,) = s.ids
    people = verified_identities(api, identity_path, clock_path, {
        **{band: (born, None) for band, born in antiaddiction.MINORS.items()},
        "adult": (antiaddiction.ADULT, None), "turning-16": (TURNING_16, None)})
    items = {age: issue_rated(s, evidence, holder, f"rated-{age}", f"{age}+", age) for age in (8, 12, 16)}
    def read(who, age, day):
        at = datetime.combine(date(2026, 1, day), READ_AT, NOON_ZONE)
        at_clock(api, identity_path, clock_path, people[who], at)
        return s.registry.call("GET", s.registry.path(items[age]), people[who]), at

    for who, age, day in WITHHELD:  # rule R1: below the rating's minimum age, refused
        response, at = read(who, age, day)
        expect(evidence, schemas, response, {403}, msg("assets.step-rated-under-age", who=who, age=age,
                                                       at=at.date().isoformat()))
    for who, age, day in ADMITTED:  # rule R2: at or above it, served
        response, at = read(who, age, day)
        expect(evidence, schemas, response, {200}, msg("assets.step-rated-of-age", who=who, age=age,
                                                       at=at.date().isoformat()))
    evidence.note(msg("assets.rating-verified-checked", count=len(WITHHELD) + len(ADMITTED)))


#: AS-MINOR-004's probes: (who, amount in yuan, the status expected, rule), in order, each identity's
#: clock at noon Beijing time on Friday 2 January 2026. The caps are the NPPA's 2019 notice's, item 3:
#: none under 8; 50 a payment and 200 a month from 8 to under 16; 100 and 400 from 16 to under 18.
PAYMENTS = [
    ("under-8", "1.00", 403, "R1"),
    *[step for band, single, over in (("8-11", "50.00", "50.01"), ("12-15", "50.00", "50.01"),
                                      ("16-17", "100.00", "100.01"))
      for step in ((band, over, 403, "R2"), *((band, single, 201, "R4"),) * 4, (band, "0.01", 403, "R3"))],
    ("adult", "500.00", 201, "R4"),
]
#: Then across the turn of the month, Beijing time (the notice's jurisdiction): (who, the clock, amount,
#: status, rule). At 23:30 on 31 January the month's total still stands at the cap; at 00:30 on 1 February
#: (16:30 UTC on 31 January) a new month starts from nothing. The 17-year-old is 18 from 8 January.
MONTH_TURN = [
    *[(band, datetime(2026, 1, 31, 23, 30, tzinfo=NOON_ZONE), "0.01", 403, "R3") for band in ("8-11", "12-15")],
    *[(band, datetime(2026, 2, 1, 0, 30, tzinfo=NOON_ZONE), "50.00", 201, "R5") for band in ("8-11", "12-15")],
]


@pytest.mark.requirement("AS-MINOR-004")
def test_minors_payments_are_held_to_the_caps_of_their_age(targets, schemas, evidence, params):
    api = targets["api"]
    identity_path, clock_path = params.identity_path, params.clock_path
    reg = Registry(api)  # the identities are step 1's alone: the registry object provisions none
    people = verified_identities(api, identity_path, clock_path, {
        **{band: (born, None) for band, born in antiaddiction.MINORS.items()}, "adult": (antiaddiction.ADULT, None)})
    noon = datetime(2026, 1, 2, 12, 0, tzinfo=NOON_ZONE)
    for who in people.values():
        at_clock(api, identity_path, clock_path, who, noon)
    for who, amount, status, rule in PAYMENTS:
        response = reg.call("POST", "/payments", people[who], payment_request(amount))
        if response.status != status:
            evidence.finding(msg("assets.payment-answered", who=who, amount=amount, status=response.status),
                             file=response.requested, expected=status, actual=response.status, rule=rule)
        elif status == 403:
            check_problem(response, schemas, evidence, expected_status=403, rule=rule)
    for who, at, amount, status, rule in MONTH_TURN:
        at_clock(api, identity_path, clock_path, people[who], at)
        response = reg.call("POST", "/payments", people[who], payment_request(amount))
        if response.status != status:
            evidence.finding(msg("assets.payment-answered-at", who=who, amount=amount, at=at.isoformat(),
                                 status=response.status),
                             file=response.requested, expected=status, actual=response.status, rule=rule)
        elif status == 403:
            check_problem(response, schemas, evidence, expected_status=403, rule=rule)
    evidence.note(msg("assets.payments-checked", count=len(PAYMENTS), at=noon.isoformat()))
    evidence.note(msg("assets.payments-month-turn-checked", count=len(MONTH_TURN)))
