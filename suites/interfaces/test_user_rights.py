"""What a user may ask of its data at each platform of the pair, beyond moving it (profile
data-portability, IF-UDP-007..011; IF-BIO-001 with the feature biometric-data). Each platform's
subject is made as for IF-UDP-001..006 (test_user_data.py; conformance.areas.interfaces.userplatform), with
its profile set and two assets issued, and no other user: none of these cases reads one (IF-BIO-001's
subject has nothing set or issued):

- IF-UDP-007: every action the harness's user did (its profile set, each asset issued) is in the
  export's activity (the platform's behavioural record of the user);
- IF-UDP-008: each activity record is kept for a purpose the discovery document declares, one
  that lists its action: nothing is recorded beyond the declared purposes;
- IF-UDP-009: after the user deletes its data, its export carries none of it and the asset
  listing names the user as holder of nothing (PIPL art. 47);
- IF-UDP-010: nothing is kept for a purpose of consent before the user consents, and after it
  withdraws the consent nothing more, what was kept is gone and the service goes on (PIPL
  art. 13-16, 47);
- IF-UDP-011: a profile the user corrects is answered corrected by the profile and the export,
  the earlier value nowhere in it (PIPL art. 46);
- IF-BIO-001 (feature biometric-data): a biometric template is refused without the user's
  separate consent to its sensitive purpose, recorded for that purpose only, and no longer kept
  once the retention the purpose states has passed on the user's test clock, nor once the user
  withdraws its consent (PIPL art. 29, 47).

IF-UDP-012 and IF-UDP-013 (the retention of activity records, recommendations and the habit data
behind them) are in test_user_habits.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

import pytest

from conformance import Evidence, Inconclusive, NonConformance, NotApplicable, Parameters, Targets, msg
from conformance.area import JsonObject, SchemaRegistry
from conformance.areas._shared.dependent import served_body
from conformance.areas._shared.discovery import DISCOVERY
from conformance.areas._shared.minors import set_clock
from conformance.areas._shared.ownread import own_json
from conformance.areas._shared.problems import check_problem
from conformance.areas.interfaces import userdata
from conformance.areas.interfaces.requestbodies import biometric_request, profile_request
from conformance.areas.interfaces.userplatform import (
    Platform,
    ProfileNotSet,
    User,
    as_user,
    enrolling_platform,
    give_consent,
    held_by,
    judged_export,
    set_profile,
    subject_platform,
)

ROLES = ("api", "api_b")


def done_by(user: User) -> list[tuple[str, str]]:
    """The (action, object) pairs the harness's user did through the platform: its profile set
    (``platform`` PUTs it) and each asset it issued."""
    return [("profile.set", user.identity.did), *(("asset.issue", asset) for asset in user.assets)]


@pytest.mark.requirement("IF-UDP-007")
def test_every_action_the_user_did_is_in_its_export(targets: Targets, params: Parameters, evidence: Evidence):
    for role in ROLES:
        place = subject_platform(targets, role, params.identity_path, evidence)
        package = judged_export(place, role, evidence)
        if package is None:
            continue
        where = f"user data export of {place.subject.identity.did} at {role}"
        if userdata.activity(package) is None:
            evidence.finding(msg("interfaces.udp-no-activity"), file=where, pointer="/activity",
                             actual=package.get("activity"))
            continue
        done = done_by(place.subject)
        for action, obj in userdata.actions_missing(package, done):
            evidence.finding(msg("interfaces.udp-action-missing", action=action, object=obj), file=where,
                             pointer="/activity", expected=f"{action} {obj}")
        evidence.note(msg("interfaces.udp-actions-compared", platform=role, count=len(done)))


@pytest.mark.requirement("IF-UDP-008")
def test_the_users_activity_is_kept_for_declared_purposes_only(targets: Targets, params: Parameters,
                                                              evidence: Evidence):
    for role in ROLES:
        place = subject_platform(targets, role, params.identity_path, evidence)
        package = judged_export(place, role, evidence)
        records = userdata.activity(package) if package is not None else None
        if package is None or records is None:  # no activity to read is IF-UDP-007's
            if package is not None:
                evidence.unjudged(f"user data export at {role}", msg("interfaces.udp-activity-unjudged",
                                                                      platform=role))
            continue
        where = f"user data export of {place.subject.identity.did} at {role}"
        for pointer, problem in userdata.purpose_problems(package, place.declared.get("purposes")):
            evidence.finding(problem, file=where, pointer=pointer)
        evidence.note(msg("interfaces.udp-purposes-checked", platform=role, count=len(records)))


@pytest.mark.requirement("IF-UDP-009")
def test_a_users_data_is_deleted_on_its_request(targets: Targets, params: Parameters, evidence: Evidence):
    for role in ROLES:
        place = subject_platform(targets, role, params.identity_path, evidence)
        template, subject = place.declared.get("delete"), place.subject
        if not isinstance(template, str) or "{did}" not in template:
            evidence.finding(msg("interfaces.udp-no-delete", platform=role), file=DISCOVERY,
                             pointer="/user_data/delete", actual=template, rule="R1")
            continue
        did = subject.identity.did
        before = held_by(place.api, did)
        if before is None or not set(subject.assets) <= set(before):  # the listing is what R2 reads
            raise Inconclusive(msg("interfaces.udp-not-reported", platform=role))
        answer = place.api.request("DELETE", userdata.user_path(template, did), headers=as_user(subject.identity),
                                   auth=None)
        if answer.status != 204:  # rule R1: annex D's contract gives 204 alone for the deletion
            evidence.finding(msg("interfaces.udp-delete-answered", status=answer.status), file=f"DELETE {answer.url}",
                             expected=204, actual=answer.status, rule="R1")
            continue
        after = place.export(subject.identity)
        where = f"GET {after.url} after the deletion at {role}"
        package, state = served_body(after)  # how an export is served is IF-UDP-001's to judge
        if isinstance(package, dict):
            marks = {subject.profile["display_name"]: "profile"}
            for pointer, problem in userdata.leftovers(package, marks):
                evidence.finding(problem, file=where, pointer=pointer, rule="R1")
        elif after.status == 200:  # served, but no export to look for leftovers in
            evidence.unjudged(where, msg("interfaces.udp-export-unjudged", platform=role, status=state))
        elif after.status not in (401, 404, 410):
            evidence.finding(msg("interfaces.udp-export-after-delete", status=after.status), file=where,
                             expected=[200, 401, 404, 410], actual=after.status, rule="R1")
        listed = held_by(place.api, did)
        if listed is None:
            evidence.unjudged(f"the asset listing of {did} at {role}", msg("interfaces.udp-not-reported",
                                                                           platform=role))
        elif listed:
            evidence.finding(msg("interfaces.udp-still-listed", count=len(listed), assets=", ".join(listed[:5])),
                             file=f"GET /assets?owner={did} at {role}", pointer="/items", actual=listed[:5],
                             rule="R2")
        evidence.note(msg("interfaces.udp-deletion-checked", platform=role, did=did))


def records_for(place: Platform, purpose: str) -> list[JsonObject] | None:
    """The subject's activity records kept for ``purpose`` in its export now (None: no export to read)."""
    package, _ = served_body(place.export(place.subject.identity))  # how it is served is IF-UDP-001's
    records = userdata.activity(package) if isinstance(package, dict) else None
    return None if records is None else [r for r in records if r.get("purpose") == purpose]


@pytest.mark.requirement("IF-UDP-010")
def test_processing_for_a_purpose_of_consent_only_while_consent_is_in_force(targets: Targets, params: Parameters,
                                                                            evidence: Evidence):
    declaring = []  # the platforms declaring a purpose of consent recording a profile set: the statement's subject
    for role in ROLES:
        place = subject_platform(targets, role, params.identity_path, evidence)
        template, subject = place.declared.get("consents"), place.subject
        purpose = userdata.consent_purpose(place.declared.get("purposes"), "profile.set")
        if purpose is None:  # no processing on consent of the action the harness does: nothing to withhold
            evidence.note(msg("interfaces.udp-no-consent-purpose", platform=role))
            continue
        declaring.append(role)
        if not isinstance(template, str) or "{did}" not in template or "{purpose}" not in template:
            evidence.finding(msg("interfaces.udp-no-consents", platform=role, purpose=purpose), file=DISCOVERY,
                             pointer="/user_data/consents", actual=template, rule="R2")
            continue
        where = f"user data export of {subject.identity.did} at {role}"
        profile_path = userdata.user_path(place.declared["profile"], subject.identity.did)
        consent_path = userdata.user_path(template, subject.identity.did).replace("{purpose}", quote(purpose, safe=""))

        def act(label: str) -> Any:  # the user's action: its profile set again
            return place.api.request("PUT", profile_path, json=profile_request(f"conformance-{label}"),
                                     headers=as_user(subject.identity), auth=None)

        before = records_for(place, purpose)
        if before is None:  # whether an export is served is IF-UDP-001's
            evidence.unjudged(where, msg("interfaces.udp-export-unjudged", platform=role, status="-"))
            continue
        if before:  # rule R1: nothing kept for it before the user consents
            evidence.finding(msg("interfaces.udp-kept-without-consent", purpose=purpose, count=len(before)),
                             file=where, pointer="/activity", actual=before[:3], rule="R1")
        given = give_consent(place.api, consent_path, subject.identity, purpose)  # set-up: annex D's 204
        set_profile(place.api, profile_path, profile_request("conformance-consented"), subject.identity)
        during = records_for(place, purpose) or []
        if len(during) <= len(before):
            raise Inconclusive(msg("interfaces.udp-consent-not-used", platform=role, purpose=purpose,
                                   status=given.status))  # no processing under consent seen: none to stop
        withdrawn = place.api.request("DELETE", consent_path, headers=as_user(subject.identity), auth=None)
        if withdrawn.status != 204:  # rule R2: the withdrawal taken, with the 204 annex D's contract gives alone
            evidence.finding(msg("interfaces.udp-withdrawal-answered", status=withdrawn.status),
                             file=f"DELETE {withdrawn.url}", expected=204, actual=withdrawn.status, rule="R2")
            continue
        kept = records_for(place, purpose) or []
        if kept:  # rule R4: what was kept under the consent is deleted with it
            evidence.finding(msg("interfaces.udp-kept-after-withdrawal", purpose=purpose, count=len(kept)),
                             file=where, pointer="/activity", actual=kept[:3], rule="R4")
        set_after = act("withdrawn")
        if set_after.status != 200:  # rule R5: the service goes on without the consent (annex D: 200 alone)
            evidence.finding(msg("interfaces.udp-profile-set-not-200" if 200 < set_after.status < 300 else
                                 "interfaces.udp-refused-after-withdrawal", status=set_after.status),
                             file=f"PUT {set_after.url}", expected=200, actual=set_after.status, rule="R5")
        after = records_for(place, purpose) or []
        if len(after) > len(kept):  # rule R3: no new record once the consent is withdrawn
            evidence.finding(msg("interfaces.udp-recorded-after-withdrawal", purpose=purpose,
                                 count=len(after) - len(kept)), file=where, pointer="/activity",
                             actual=after[len(kept):][:3], rule="R3")
        evidence.note(msg("interfaces.udp-consent-checked", platform=role, purpose=purpose))
    if not declaring:  # neither platform keeps records on consent of what the harness can do: the case does not arise
        raise NotApplicable(msg("interfaces.udp-no-consent-purpose-anywhere"))


@pytest.mark.requirement("IF-UDP-011")
def test_a_correction_is_answered_everywhere_the_users_data_is(targets: Targets, params: Parameters,
                                                              evidence: Evidence):
    for role in ROLES:
        try:
            place = subject_platform(targets, role, params.identity_path, evidence)
        except ProfileNotSet as refused:  # rule R1: the first set too (annex D gives 200 alone for a profile set)
            evidence.finding(msg("interfaces.udp-profile-set-answered", status=refused.answer.status),
                             file=f"PUT {refused.answer.url}", expected=200, actual=refused.answer.status, rule="R1")
            continue
        subject = place.subject
        path = userdata.user_path(place.declared["profile"], subject.identity.did)
        corrected = profile_request(f"conformance-{subject.identity.did[-8:]}-corrected")
        answer = place.api.request("PUT", path, json=corrected, headers=as_user(subject.identity), auth=None)
        if answer.status != 200:  # rule R1: the correction is taken (annex D gives 200 alone for a profile set)
            evidence.finding(msg("interfaces.udp-correction-answered", status=answer.status), file=f"PUT {answer.url}",
                             expected=200, actual=answer.status, rule="R1")
            continue
        read = place.api.request("GET", path, headers=as_user(subject.identity), auth=None)
        shown = own_json(read, "R2") if read.status == 200 else None
        if not isinstance(shown, dict) or shown.get("display_name") != corrected["display_name"]:
            evidence.finding(msg("interfaces.udp-correction-not-in-profile"), file=f"GET {read.url}",
                             pointer="/display_name", expected=corrected["display_name"],
                             actual=shown.get("display_name") if isinstance(shown, dict) else read.status, rule="R2")
        package = judged_export(place, role, evidence)
        if package is None:
            continue
        where = f"user data export of {subject.identity.did} at {role}"
        exported_profile = package.get("profile")
        if not isinstance(exported_profile, dict) or exported_profile.get("display_name") != corrected["display_name"]:
            evidence.finding(msg("interfaces.udp-correction-not-in-export"), file=where,
                             pointer="/profile/display_name", expected=corrected["display_name"],
                             actual=exported_profile.get("display_name") if isinstance(exported_profile, dict)
                             else exported_profile, rule="R3")
        # the profile's members, not the holdings: an asset the harness issued may carry the same mark
        for pointer, _ in userdata.mentions(exported_profile, {subject.profile["display_name"]: "earlier"}):
            evidence.finding(msg("interfaces.udp-earlier-value-kept"), file=where, pointer=f"/profile{pointer}",
                             actual=subject.profile["display_name"], rule="R3")
        evidence.note(msg("interfaces.udp-correction-checked", platform=role))


#: IF-BIO-001's instant of enrolment on the user's test clock (any would do: a fixed one, so two
#: laboratories stand at the same instant); the retention is read from the declared purpose.
#: the one status table D.3 gives an enrolment (``POST /users/{did}/biometrics``): no rule judges it, so the
#: enrolment is a set-up and any other answer leaves R2-R4 unobserved
ENROLLED = 201
ENROLLED_AT = datetime(2026, 3, 2, 12, 0, tzinfo=timezone(timedelta(hours=8)))


def listed_templates(place: Platform, path: str) -> list[JsonObject] | None:
    """The templates the platform lists of the subject (None: no list to read)."""
    answer = place.api.request("GET", path, headers=as_user(place.subject.identity), auth=None)
    body, _ = served_body(answer)  # a list not served, or not JSON, leaves R3/R4 unjudged (the case's 不确定)
    items = body.get("items") if isinstance(body, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else None


def enrolled_id(answer: Any) -> tuple[str | None, object]:
    """The ``biometric_id`` of an enrolment (a set-up no rule judges) and the state to name when
    there is none: its status, or a 201 whose body does not parse (R2-R4 unobserved, never a fail)."""
    body, state = served_body(answer, ok=ENROLLED)
    enrolled = body.get("biometric_id") if isinstance(body, dict) else None
    return (enrolled, state) if isinstance(enrolled, str) else (None, state)


def stand_clock(place: Platform, role: str, clock_path: str, at: datetime) -> None:
    """The subject's test clock at ``at``: set-up, so a clock not set leaves the test inconclusive."""
    try:
        set_clock(place.api, clock_path, place.subject.identity, at)
    except NonConformance as exc:
        raise Inconclusive(msg("interfaces.bio-clock-not-set", platform=role, path=clock_path,
                               at=at.isoformat())) from exc


@pytest.mark.requirement("IF-BIO-001")
def test_biometric_data_is_collected_on_separate_consent_and_kept_no_longer_than_stated(
        targets: Targets, schemas: SchemaRegistry, params: Parameters, evidence: Evidence):
    for role in ROLES:
        place = enrolling_platform(targets, role, params.identity_path)  # step 1: one identity, nothing more
        subject, declared = place.subject, place.declared
        purpose = userdata.consent_purpose(declared.get("purposes"), "biometric.enrol", sensitive=True)
        template, consents = declared.get("biometrics"), declared.get("consents")
        if purpose is None or not isinstance(template, str) or "{did}" not in template \
                or not isinstance(consents, str) or "{purpose}" not in consents:
            # the feature claimed, no interface: the collection the feature offers is missing (R1), as IF-UDP-013's
            evidence.finding(msg("interfaces.bio-not-declared", platform=role), file=DISCOVERY, pointer="/user_data",
                             rule="R1")
            continue
        did = subject.identity.did
        path = userdata.user_path(template, did)
        consent_path = userdata.user_path(consents, did).replace("{purpose}", quote(purpose, safe=""))
        stand_clock(place, role, params.clock_path, ENROLLED_AT)

        def enrol() -> Any:
            return place.api.request("POST", path, json=biometric_request(purpose), headers=as_user(subject.identity),
                                     auth=None)

        refused = enrol()  # rule R1: no separate consent yet, no collection
        if refused.status != 403:
            evidence.finding(msg("interfaces.bio-enrolled-without-consent", purpose=purpose, status=refused.status),
                             file=f"POST {refused.url}", expected=403, actual=refused.status, rule="R1")
        else:
            check_problem(refused, schemas, evidence, expected_status=403, rule="R1")
        given = give_consent(place.api, consent_path, subject.identity, purpose)  # set-up: annex D's 204
        accepted = enrol()
        enrolled, state = enrolled_id(accepted)  # set-up: table D.3's 201 alone
        if enrolled is None:
            raise Inconclusive(msg("interfaces.bio-not-enrolled", platform=role, purpose=purpose,
                                   consent=given.status, status=state))
        package = judged_export(place, role, evidence)  # rule R2: recorded for its purpose, and for no other
        where = f"user data export of {did} at {role}"
        records = (userdata.activity(package) if package is not None else None) or []
        for index, record in enumerate(records):
            if record.get("object") == enrolled and record.get("purpose") != purpose:
                evidence.finding(msg("interfaces.bio-other-purpose", purpose=repr(record.get("purpose")),
                                     declared=purpose), file=where, pointer=f"/activity/{index}/purpose", rule="R2")
        retention = userdata.retention_of(declared["purposes"], purpose)
        if retention is None:
            evidence.finding(msg("interfaces.bio-no-retention", purpose=purpose), file=DISCOVERY,
                             pointer=f"/user_data/purposes/{purpose}/retention_s",
                             actual=declared["purposes"][purpose].get("retention_s"), rule="R3")
        else:
            later = ENROLLED_AT + timedelta(seconds=retention + 60)
            stand_clock(place, role, params.clock_path, later)
            kept = listed_templates(place, path)  # rule R3: gone once the stated retention has passed
            if kept is None:
                evidence.unjudged(f"the biometric templates of {did} at {role}", msg("interfaces.bio-not-listed",
                                                                                       platform=role))
            elif any(item.get("biometric_id") == enrolled for item in kept):
                evidence.finding(msg("interfaces.bio-kept-past-retention", id=enrolled, retention=retention,
                                     at=later.isoformat()), file=f"GET {path} at {role}", pointer="/items",
                                 actual=enrolled, rule="R3")
        withdrawn_kept(place, role, path, consent_path, enrol, evidence)  # rules R4, R5
        if retention is not None:
            evidence.note(msg("interfaces.bio-checked", platform=role, purpose=purpose, retention=retention))


def withdrawn_kept(place: Platform, role: str, path: str, consent_path: str, enrol: Any, evidence: Evidence) -> None:
    """IF-BIO-001 R4 and R5: one template more under the consent, the consent withdrawn, the list read again
    (PIPL art. 47 (1) 3); a withdrawal answered other than 204, the one status table D.3 gives, fails R5;
    unjudged when there is no template to observe."""
    did, where = place.subject.identity.did, f"the biometric templates of {place.subject.identity.did} at {role}"
    enrolled, state = enrolled_id(enrol())
    withdrawal = place.api.request("DELETE", consent_path, headers=as_user(place.subject.identity), auth=None)
    if withdrawal.status != 204:  # rule R5: annex D gives 204 alone (no other case judges this purpose's withdrawal)
        evidence.finding(msg("interfaces.bio-withdrawal-answered", status=withdrawal.status),
                         file=f"DELETE {withdrawal.url}", expected=204, actual=withdrawal.status, rule="R5")
        return
    if enrolled is None:
        evidence.unjudged(where, msg("interfaces.bio-withdrawal-unjudged", platform=role, status=state,
                                     withdrawal=withdrawal.status))
        return
    kept = listed_templates(place, path)
    if kept is None:
        evidence.unjudged(where, msg("interfaces.bio-not-listed", platform=role))
    elif any(item.get("biometric_id") == enrolled for item in kept):
        evidence.finding(msg("interfaces.bio-kept-after-withdrawal", id=enrolled, did=did),
                         file=f"GET {path} at {role}", pointer="/items", actual=enrolled, rule="R4")
