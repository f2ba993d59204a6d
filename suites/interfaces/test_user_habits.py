"""The retention of a user's activity records, and recommendations with the habit data behind
them, at each platform of the pair (profile data-portability; the users are made as for
IF-UDP-001..006: conformance.areas.interfaces.userplatform):

- IF-UDP-012: each purpose that keeps records of the user's profile changes states their retention,
  and a record made at a known instant of the user's test clock leaves the export once that
  retention has passed (PIPL art. 17, 19, 47);
- IF-UDP-013 (feature recommendations): the option not based on personal characteristics answers a
  user who acted and a blank user the same; where their recommendations differ, the habit data
  derived is in the user's export, and gone after its deletion (PIPL art. 24, 45, 47).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, NonConformance, Parameters, Targets, msg
from conformance.area import JsonObject
from conformance.areas._shared.dependent import served_body, unparsed
from conformance.areas._shared.discovery import DISCOVERY
from conformance.areas._shared.minors import set_clock
from conformance.areas._shared.registry import Identity, Session
from conformance.areas.interfaces import userdata
from conformance.areas.interfaces.requestbodies import profile_request
from conformance.areas.interfaces.userplatform import USER_PATHS, as_user, make_user, set_profile

ROLES = ("api", "api_b")


#: IF-UDP-012's instant of the profile set on the user's test clock (the catalog's own, as IF-BIO-001's);
#: each retention is read from the declared purpose and passed by a minute.
ACTED_AT = datetime(2026, 3, 2, 12, 0, tzinfo=timezone(timedelta(hours=8)))  # IF-BIO-001's instant too


def profile_records(api: Any, declared: dict[str, Any], who: Identity) -> list[JsonObject] | None:
    """The records of ``who``'s profile changes (profile.set on its DID) in its export (None: no export
    or no activity list to read)."""
    answer = api.request("GET", userdata.user_path(declared["export"], who.did), headers=as_user(who), auth=None)
    package, _ = served_body(answer)  # an export not served, or not JSON, is IF-UDP-001's: nothing to read
    records = userdata.activity(package) if isinstance(package, dict) else None
    return None if records is None else [r for r in records
                                         if r.get("action") == "profile.set" and r.get("object") == who.did]


def _pointer(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


@pytest.mark.requirement("IF-UDP-012")
def test_activity_records_are_kept_no_longer_than_their_purposes_retention(targets: Targets, params: Parameters,
                                                                           evidence: Evidence):
    for role in ROLES:
        api = targets[role]
        declared = userdata.declaration(api, USER_PATHS)
        purposes = declared.get("purposes")
        subject = Session({"api": api}, params.identity_path, count=1).ids[0]
        did = subject.did

        def stand(at: datetime) -> None:
            try:
                set_clock(api, params.clock_path, subject, at)
            except NonConformance as exc:  # set-up: no clock, no retention passed without waiting
                raise Inconclusive(msg("interfaces.udp-clock-not-set", platform=role, path=params.clock_path,
                                       at=at.isoformat())) from exc

        stand(ACTED_AT)
        consents, consented = declared.get("consents"), userdata.consent_purpose(purposes, "profile.set")
        if consented is not None and isinstance(consents, str) and "{purpose}" in consents:
            # the consent too, so that a purpose of consent keeps its records and they are seen to age
            api.request("PUT", userdata.user_path(consents, did).replace("{purpose}", quote(consented, safe="")),
                        headers=as_user(subject), auth=None)
        path = userdata.user_path(declared["profile"], did)
        set_profile(api, path, profile_request(f"conformance-aged-{did[-12:]}"), subject)
        kept = profile_records(api, declared, subject)
        if not kept:  # whether the action is kept at all is IF-UDP-007's
            evidence.unjudged(f"user data export of {did} at {role}", msg("interfaces.udp-no-record-to-age",
                                                                          platform=role, at=ACTED_AT.isoformat()))
            continue
        retentions: dict[str, int] = {}
        for purpose in sorted({r["purpose"] for r in kept if isinstance(r.get("purpose"), str)}):
            if not isinstance(purposes, dict) or purpose not in purposes:
                continue  # a purpose not declared is IF-UDP-008's
            retention = userdata.retention_of(purposes, purpose)  # rule R1: each stated
            if retention is None:
                evidence.finding(msg("interfaces.udp-retention-unstated", purpose=purpose), file=DISCOVERY,
                                 pointer=f"/user_data/purposes/{_pointer(purpose)}/retention_s",
                                 actual=purposes[purpose].get("retention_s") if isinstance(purposes[purpose], dict)
                                 else None, rule="R1")
            else:
                retentions[purpose] = retention
        for purpose, retention in sorted(retentions.items(), key=lambda item: item[1]):
            try:
                later = ACTED_AT + timedelta(seconds=retention + 60)
            except OverflowError:  # a retention past the calendar's end: no clock stands after it
                evidence.unjudged(f"the records kept for {purpose} at {role}", msg(
                    "interfaces.udp-retention-beyond-clock", purpose=purpose, retention=retention))
                break
            stand(later)
            records = profile_records(api, declared, subject)  # rule R2: gone once the retention has passed
            if records is None:
                evidence.unjudged(f"user data export of {did} at {role} at {later.isoformat()}",
                                  msg("interfaces.udp-activity-unjudged", platform=role))
                break
            for record in records:
                if record.get("purpose") == purpose:
                    evidence.finding(msg("interfaces.udp-kept-past-retention", action="profile.set", object=did,
                                         purpose=purpose, at=later.isoformat(), retention=retention),
                                     file=f"user data export of {did} at {role}", pointer="/activity",
                                     actual=record, rule="R2")
        evidence.note(msg("interfaces.udp-retention-checked", platform=role, count=len(kept),
                          at=ACTED_AT.isoformat(), retentions=", ".join(f"{p} {r} s" for p, r in retentions.items())))


class Unparsed(Exception):
    """A read of the recommendations answered 200 with a body that does not parse or is off annex D's
    contract (args: the request, its state): R4's finding; the rules that read the items are then not judged on a list never read."""


def recommended(api: Any, template: str, who: Identity, *, personalised: bool) -> list[str] | None:
    """The items recommended to ``who`` (None: not answered 200; Unparsed: a 200 not JSON, or JSON
    without the contract's `items` list of strings)."""
    path = userdata.user_path(template, who.did) + ("" if personalised else "?personalised=false")
    answer = api.request("GET", path, headers=as_user(who), auth=None)
    try:
        body = answer.json() if answer.status == 200 else None
    except NonConformance as exc:
        raise Unparsed(answer.requested, unparsed(exc)) from exc
    if body is None:
        return None
    items = body.get("items") if isinstance(body, dict) else None
    if not (isinstance(items, list) and all(isinstance(item, str) and item for item in items)):
        # annex D's contract answers {"items": [non-empty strings]}: another JSON body is R4's finding too
        raise Unparsed(answer.requested, msg("interfaces.hab-off-contract", status=answer.status))
    return list(items)


@pytest.mark.requirement("IF-UDP-013")
def test_recommendations_have_an_impersonal_option_and_derived_habits_are_the_users(
        targets: Targets, params: Parameters, evidence: Evidence):
    for role in ROLES:
        api = targets[role]
        declared = userdata.declaration(api, USER_PATHS)
        template, purposes = declared.get("recommendations"), declared.get("purposes")
        if not isinstance(template, str) or "{did}" not in template:  # the feature claimed, no path: no option (R1)
            evidence.finding(msg("interfaces.hab-not-declared", platform=role), file=DISCOVERY,
                             pointer="/user_data/recommendations", actual=template, rule="R1")
            continue
        session = Session({"api": api}, params.identity_path, count=2)
        user, blank = session.ids[:2]  # the user acts; the blank user has no record at all
        consents, derive = declared.get("consents"), userdata.consent_purpose(purposes, "habit.derive")
        if derive is not None and isinstance(consents, str) and "{purpose}" in consents:
            api.request("PUT", userdata.user_path(consents, user.did).replace("{purpose}", quote(derive, safe="")),
                        headers=as_user(user), auth=None)
        make_user(api, session, user, declared, evidence, "habits")  # a profile set and two assets issued

        def feeds() -> tuple[list[str] | None, ...]:
            """The blank user's, the user's, then the blank user's again (the registry standing still)."""
            return (recommended(api, template, blank, personalised=True),
                    recommended(api, template, user, personalised=True),
                    recommended(api, template, blank, personalised=True))

        try:
            before, mine, after = feeds()
            blank_plain = recommended(api, template, blank, personalised=False)
            mine_plain = recommended(api, template, user, personalised=False)
            blank_again = recommended(api, template, blank, personalised=False)
        except Unparsed as exc:
            _unparsed(evidence, role, exc, ("R1", "R2", "R3"))
            continue
        if None in (before, mine, after, mine_plain, blank_plain) or before != after or blank_plain != blank_again:
            raise Inconclusive(msg("interfaces.hab-not-served", platform=role, path=template))
        where = f"GET {template} at {role}"
        if mine_plain != blank_plain:  # rule R1: the option not based on the user's characteristics
            evidence.finding(msg("interfaces.hab-option-personalised", did=user.did), file=f"{where}?personalised=false",
                             pointer="/items", expected=blank_plain, actual=mine_plain, rule="R1")
        if mine == before:
            evidence.note(msg("interfaces.hab-none-seen", platform=role))  # nothing derived that the harness sees
            continue
        answer = api.request("GET", userdata.user_path(declared["export"], user.did), headers=as_user(user), auth=None)
        package, state = served_body(answer)  # an export not served, or not JSON, is IF-UDP-001's
        derived = package.get("derived") if isinstance(package, dict) else None
        if not isinstance(package, dict):
            evidence.unjudged(f"user data export of {user.did} at {role}", msg("interfaces.udp-export-unjudged",
                                                                               platform=role, status=state))
        elif not isinstance(derived, list) or not derived:  # rule R2: what is derived is the user's own
            evidence.finding(msg("interfaces.hab-derived-not-exported", did=user.did),
                             file=f"user data export of {user.did} at {role}", pointer="/derived", actual=derived,
                             rule="R2")
        remove = declared.get("delete")
        deleted = api.request("DELETE", userdata.user_path(remove, user.did), headers=as_user(user), auth=None) \
            if isinstance(remove, str) and "{did}" in remove else None
        if deleted is None or deleted.status != 204:  # annex D's 204 alone; how a deletion is answered is IF-UDP-009's
            evidence.unjudged(f"the recommendations of {user.did} at {role} after its deletion",
                              msg("interfaces.hab-not-deleted", platform=role,
                                  status=None if deleted is None else deleted.status))
            continue
        try:
            before, mine, after = feeds()  # rule R3: with the user's data, what was derived from it is gone
        except Unparsed as exc:
            _unparsed(evidence, role, exc, ("R3",))
            continue
        if before is None or before != after:  # no steady blank feed to compare with: R3 unjudged, not passed
            evidence.unjudged(f"the recommendations of {user.did} at {role} after its deletion",
                              msg("interfaces.hab-unsteady-after-delete", platform=role, path=template))
            continue
        if mine is not None and mine != before:
            evidence.finding(msg("interfaces.hab-derived-after-delete", did=user.did), file=where, pointer="/items",
                             expected=before, actual=mine, rule="R3")
        evidence.note(msg("interfaces.hab-checked", platform=role))


def _unparsed(evidence: Evidence, role: str, exc: Unparsed, rules: tuple[str, ...]) -> None:
    """R4's finding for a read of the recommendations answered 200 not JSON (annex D's contract answers
    it as JSON), and the rules that read the items left unjudged at that platform."""
    request, state = exc.args
    evidence.finding(msg("interfaces.hab-not-json", platform=role, request=request, state=state), file=request,
                     expected="application/json", actual=state, rule="R4")
    for rule in rules:
        evidence.unjudged(f"rule {rule} at {role}", msg("interfaces.hab-rule-unread", rule=rule, platform=role),
                          rule=rule)
