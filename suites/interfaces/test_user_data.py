"""A user's data moving between platforms (profile data-portability, IF-UDP-001..006).

At each platform of the pair the harness makes two users: the subject and another user, each
with a profile carrying marks of its own (display name, avatar reference, a setting) and two
assets. The subject asks for its data export (the discovery document's user_data.export):

- IF-UDP-001: the export is a UserDataExport and says what the platform's own API says of
  the subject: the same profile, every asset the listing says it holds, each with its history;
- IF-UDP-002: its integrity member seals it as the discovery document declares;
- IF-UDP-003: nothing in it is the other user's (its DID, its marks, its assets), and it
  names no holding the listing does not give the subject;
- IF-UDP-004: the export is refused to the other user (403 or 404) and to no one (401);
- IF-UDP-005: imported at the other platform, the importing identity has the same profile and
  every holding is there with the same history and holder (both directions: the A x B matrix);
- IF-UDP-006: the export is provided within 30 days of the request (GB/T 35273-2020 8.7 c)) on the
  user's test clock: at once, or accepted (202) and served by then;
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
- IF-UDP-012: each purpose that keeps records of the user's profile changes states their retention,
  and a record made at a known instant of the user's test clock leaves the export once that
  retention has passed (PIPL art. 17, 19, 47);
- IF-UDP-013 (feature recommendations): the option not based on personal characteristics answers a
  user who acted and a blank user the same; where their recommendations differ, the habit data
  derived is in the user's export, and gone after its deletion (PIPL art. 24, 45, 47);
- IF-BIO-001 (feature biometric-data): a biometric template is refused without the user's
  separate consent to its sensitive purpose, recorded for that purpose only, and no longer kept
  once the retention the purpose states has passed on the user's test clock, nor once the user
  withdraws its consent (PIPL art. 29, 47).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote, urljoin

import pytest

from conformance import Evidence, Inconclusive, InteropMatrix, NonConformance, Parameters, Targets, msg
from conformance.area import JsonObject, SchemaRegistry
from conformance.areas._shared.dependent import unread
from conformance.areas._shared.minors import set_clock
from conformance.areas._shared.discovery import DISCOVERY
from conformance.areas._shared.problems import check_problem
from conformance.areas._shared.registry import Identity, Session
from conformance.areas.interfaces import userdata
from conformance.areas.interfaces.requestbodies import biometric_request, profile_request, user_import_request

ROLES = ("api", "api_b")
#: The most pages of an asset listing followed for one user (each page is one request).
MAX_PAGES = 50


@dataclass
class User:
    identity: Identity
    profile: dict[str, Any]
    assets: list[str]


@dataclass
class Platform:
    api: Any
    declared: dict[str, Any]
    subject: User
    other: User

    def export(self, who: Identity | None, of: Identity | None = None) -> Any:
        path = userdata.user_path(self.declared["export"], (of or self.subject.identity).did)
        headers = {"Authorization": f"Bearer {who.token}"} if who else {}
        return self.api.request("GET", path, headers=headers, auth=None)


def _as(who: Identity) -> dict[str, str]:
    return {"Authorization": f"Bearer {who.token}"}


def _profile_for(session: Session, label: str) -> dict[str, Any]:
    return profile_request(f"conformance-{session.nonce}-{label}")


def _user(api: Any, session: Session, who: Identity, declared: dict[str, Any], evidence: Any, label: str) -> User:
    profile = _profile_for(session, label)
    path = userdata.user_path(declared["profile"], who.did)
    answer = api.request("PUT", path, json=profile, headers=_as(who), auth=None)
    if answer.status not in (200, 201, 204):
        raise Inconclusive(msg("interfaces.udp-profile-not-set", path=path, status=answer.status))
    assets = [session.issue(evidence, who, label) for _ in range(2)]
    if None in assets:
        raise Inconclusive(msg("interfaces.udp-not-issued"))
    return User(who, profile, [a for a in assets if a])


def platform(targets: Any, role: str, identity_path: str, evidence: Any) -> Platform:
    api = targets[role]
    declared = userdata.declaration(api)
    session = Session({"api": api}, identity_path, count=2)
    subject, other = session.ids[:2]
    return Platform(api, declared, _user(api, session, subject, declared, evidence, "subject"),
                    _user(api, session, other, declared, evidence, "other"))


def exported(place: Platform, evidence: Any) -> dict[str, Any] | None:
    """The subject's own export, or None with a finding."""
    answer = place.export(place.subject.identity)
    body = answer.json() if answer.status == 200 else None
    if not isinstance(body, dict):
        evidence.finding(msg("interfaces.udp-export-answered", status=answer.status), file=f"GET {answer.url}",
                         expected=200, actual=answer.status)
        return None
    return body


def judged_export(place: Platform, role: str, evidence: Any) -> dict[str, Any] | None:
    """The subject's own export, for a requirement about what an export holds (IF-UDP-002, -003):
    None, unjudged, when there is none to read (whether it is served is IF-UDP-001's to judge)."""
    answer = place.export(place.subject.identity)
    body = answer.json() if answer.status == 200 else None
    if not isinstance(body, dict):
        evidence.unjudged(f"user data export at {role}", msg("interfaces.udp-export-unjudged", platform=role,
                                                              status=answer.status))
        return None
    return body


def held_by(api: Any, did: str) -> list[str] | None:
    """The asset IDs the platform's listing gives ``did`` (every page), or None."""
    url: str | None = f"/assets?owner={quote(did, safe=':')}"
    ids: list[str] = []
    for _ in range(MAX_PAGES):
        if url is None:
            return ids
        answer = api.get(url)
        body = answer.json() if answer.status == 200 else None
        if not isinstance(body, dict) or not isinstance(body.get("items"), list):
            return None
        ids += [str(item["asset_id"]) for item in body["items"] if isinstance(item, dict) and "asset_id" in item]
        url = body.get("next") if isinstance(body.get("next"), str) else None
    return ids


def history_events(answer: Any) -> Any:
    """The events of an asset's history answer; None when it is not a 200 object with events."""
    body = answer.json() if answer.status == 200 else None
    events = body.get("events") if isinstance(body, dict) else None
    return events if isinstance(events, list) else None


@pytest.mark.requirement("IF-UDP-001")
def test_a_users_export_is_complete(targets: Targets, params: Parameters, schemas: SchemaRegistry, evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        package = exported(place, evidence)
        path = userdata.user_path(place.declared["export"], place.subject.identity.did)
        where = f"{place.api.requested('GET', path)} at {role}"
        if package is None or evidence.findings_from(schemas.findings(package, userdata.EXPORT_SCHEMA), file=where):
            continue
        did = place.subject.identity.did
        read = place.api.request("GET", userdata.user_path(place.declared["profile"], did),
                                 headers=_as(place.subject.identity), auth=None)
        held = held_by(place.api, did)
        if read.status != 200 or held is None:
            raise Inconclusive(msg("interfaces.udp-not-reported", platform=role))
        histories = {}
        for asset in held:
            answer = place.api.get(f"/assets/{quote(asset, safe='')}/history")
            events = history_events(answer)
            if events is None:  # a history not served is AS-REG-001's: this holding's events are not compared
                unread(evidence, answer.requested, msg("interfaces.udp-history-of", asset=asset), answer.status,
                       "AS-REG-001")
            else:
                histories[asset] = events
        for pointer, problem in userdata.completeness(package, did, read.json(), held, histories):
            evidence.finding(problem, file=where, pointer=pointer)
        evidence.note(msg("interfaces.udp-export-read", platform=role, did=did, holdings=len(held)))


@pytest.mark.requirement("IF-UDP-002")
def test_a_users_export_is_sealed_as_declared(targets: Targets, params: Parameters, evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        scheme = place.declared.get("integrity")
        if scheme not in userdata.INTEGRITY_SCHEMES:
            raise Inconclusive(msg("interfaces.udp-scheme-unknown", scheme=repr(scheme)))
        package = judged_export(place, role, evidence)
        if package is None:
            continue
        problem = userdata.integrity_problem(package, scheme)
        if problem is not None:
            evidence.finding(problem, file=f"user data export at {role}", pointer="/integrity")
        else:
            evidence.note(msg("interfaces.udp-sealed", platform=role, scheme=scheme))


@pytest.mark.requirement("IF-UDP-003")
def test_a_users_export_carries_nothing_of_another_user(targets: Targets, params: Parameters, evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        package = judged_export(place, role, evidence)
        if package is None:
            continue
        other = place.other
        needles = {other.identity.did: "DID", other.profile["display_name"]: "profile",
                   **{asset: "asset" for asset in other.assets}}
        where = f"user data export of {place.subject.identity.did} at {role}"
        for pointer, label in userdata.mentions(package, needles):
            evidence.finding(msg("interfaces.udp-other-user", what=label, did=other.identity.did), file=where,
                             pointer=pointer)
        held = held_by(place.api, place.subject.identity.did)
        if held is None:  # the listing is what a holding is compared with: without it, unjudged
            evidence.unjudged(where, msg("interfaces.udp-not-reported", platform=role))
            continue
        foreign = [a for a in userdata.holding_ids(package) if a not in held]
        if foreign:
            evidence.finding(msg("interfaces.udp-not-held", assets=", ".join(map(str, foreign[:5]))), file=where,
                             pointer="/holdings")
        evidence.note(msg("interfaces.udp-other-checked", platform=role, did=other.identity.did))


@pytest.mark.requirement("IF-UDP-004")
def test_a_users_export_is_refused_to_anyone_else(targets: Targets, params: Parameters, schemas: SchemaRegistry,
                                                  evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        for who, allowed in ((place.other.identity, {403, 404}), (None, {401})):
            answer = place.export(who)
            if answer.status not in allowed:
                asker = who.did if who else msg("interfaces.udp-anonymous")
                evidence.finding(msg("interfaces.udp-export-not-refused", asker=asker, status=answer.status),
                                 file=f"GET {answer.url}", expected=sorted(allowed), actual=answer.status)
            else:
                check_problem(answer, schemas, evidence)
        evidence.note(msg("interfaces.udp-refusals", platform=role))


@pytest.mark.requirement("IF-UDP-005")
def test_a_users_data_moves_to_the_other_platform(targets: Targets, params: Parameters, evidence: Evidence,
                                                  interop: InteropMatrix):
    for source, target in ((ROLES[0], ROLES[1]), (ROLES[1], ROLES[0])):
        place = platform(targets, source, params.identity_path, evidence)
        package = judged_export(place, source, evidence)  # an export not served is IF-UDP-001's: no cell
        if package is None:
            continue
        there = userdata.declaration(targets[target])
        # The importer must not be the subject's namesake there: holdings keep their holder.
        importer = next(i for i in Session({"api": targets[target]}, params.identity_path, count=2).ids
                        if i.did != place.subject.identity.did)
        answer = targets[target].request("POST", there["import"], json=user_import_request(package),
                                         headers=_as(importer), auth=None)
        if answer.status not in (200, 201):
            interop.record(source, target, "user-data", False,
                           msg("interfaces.iop-import-answered", platform=target, status=answer.status))
            continue
        problems, unjudged = _differences(targets[target], target, there, importer, package, place, evidence)
        if unjudged and not problems:  # a holding read AS-REG-001 judges failed: this cell stays empty
            continue
        detail = _joined(problems) or msg(
            "interfaces.udp-moved", did=place.subject.identity.did, importer=importer.did,
            holdings=len(userdata.holding_ids(package)))
        interop.record(source, target, "user-data", not problems, detail)


def _differences(api: Any, role: str, declared: dict[str, Any], importer: Identity, package: dict[str, Any],
                 place: Platform, evidence: Any) -> tuple[list[str], bool]:
    """What the import at ``api`` did not take over, and whether a holding was left unjudged: a
    state or history answered with a server error there, or a history not served at the source,
    is AS-REG-001's to judge (unread, naming it), not a holding that did not move."""
    problems, unjudged = [], False
    read = api.request("GET", userdata.user_path(declared["profile"], importer.did), headers=_as(importer), auth=None)
    if read.status != 200 or read.json() != package.get("profile"):
        problems.append(msg("interfaces.udp-imported-profile-differs", status=read.status))
    for asset in place.subject.assets:
        state = api.get(f"/assets/{quote(asset, safe='')}/state")
        moved = api.get(f"/assets/{quote(asset, safe='')}/history")
        kept = place.api.get(f"/assets/{quote(asset, safe='')}/history")
        unserved = [(answer, key) for answer, key in ((state, "interfaces.udp-imported-state-of"),
                                                      (moved, "interfaces.udp-imported-history-of"))
                    if answer.status >= 500]
        if history_events(kept) is None:
            unserved.append((kept, "interfaces.udp-history-of"))
        for answer, key in unserved:
            unread(evidence, answer.requested, msg(key, asset=asset, platform=role), answer.status, "AS-REG-001")
        if unserved:
            unjudged = True
            continue
        owner = state.json().get("owner") if state.status == 200 and isinstance(state.json(), dict) else None
        if owner != place.subject.identity.did or history_events(moved) != history_events(kept):
            problems.append(msg("interfaces.udp-holding-not-moved", asset=asset, owner=repr(owner)))
    return problems, unjudged


@pytest.mark.requirement("IF-UDP-006")
def test_the_export_is_provided_within_the_time_limit(targets: Targets, params: Parameters, evidence: Evidence):
    """The export a user asks for is provided within export_response_s (30 days, GB/T 35273-2020
    8.7 c)) on the user's test clock: answered 200 at once, or 202 Accepted with a Location that
    answers 200 with the export once the user's clock stands the limit after the request."""
    limit = int(params.export_response_s)
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        who = place.subject.identity
        asked = datetime.now(timezone.utc).replace(microsecond=0)
        try:  # set-up, needed only when the export is not answered at once
            set_clock(place.api, params.clock_path, who, asked)
            clocked = True
        except NonConformance:
            clocked = False
        answer = place.export(who)
        if answer.status == 200:
            evidence.note(msg("interfaces.udp-export-at-once", platform=role, limit=limit))
            continue
        if answer.status != 202:  # whether the export is served at all is IF-UDP-001's
            unread(evidence, answer.requested, msg("interfaces.udp-export-of", platform=role), answer.status,
                   "IF-UDP-001")
            continue
        location = answer.headers.get("location") or ""
        if not clocked:
            raise Inconclusive(msg("interfaces.udp-export-clock-not-set", platform=role, path=params.clock_path))
        try:
            set_clock(place.api, params.clock_path, who, asked + timedelta(seconds=limit))
        except NonConformance as exc:
            raise Inconclusive(msg("interfaces.udp-export-clock-not-set", platform=role,
                                   path=params.clock_path)) from exc
        later = place.api.request("GET", urljoin(str(answer.url), location) if location else str(answer.url),
                                  headers=_as(who), auth=None)
        body = later.json() if later.status == 200 else None
        if not (isinstance(body, dict) and body.get("type") == "UserDataExport"):
            evidence.finding(msg("interfaces.udp-export-late", platform=role, limit=limit), file=later.requested,
                             expected=msg("interfaces.expect-export-within", limit=limit), actual=later.status)
            continue
        evidence.note(msg("interfaces.udp-export-within", platform=role, limit=limit), location=location)


def _joined(problems: list[str]) -> str:
    """The problems of one cell as one detail ("first; second"), each still in its template."""
    joined = problems[0] if problems else ""
    for problem in problems[1:]:
        joined = msg("interfaces.iop-and", first=joined, then=problem)
    return joined


def done_by(user: User) -> list[tuple[str, str]]:
    """The (action, object) pairs the harness's user did through the platform: its profile set
    (``platform`` PUTs it) and each asset it issued."""
    return [("profile.set", user.identity.did), *(("asset.issue", asset) for asset in user.assets)]


@pytest.mark.requirement("IF-UDP-007")
def test_every_action_the_user_did_is_in_its_export(targets: Targets, params: Parameters, evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
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
        place = platform(targets, role, params.identity_path, evidence)
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
        place = platform(targets, role, params.identity_path, evidence)
        template, subject = place.declared.get("delete"), place.subject
        if not isinstance(template, str) or "{did}" not in template:
            evidence.finding(msg("interfaces.udp-no-delete", platform=role), file=DISCOVERY,
                             pointer="/user_data/delete", actual=template, rule="R1")
            continue
        did = subject.identity.did
        before = held_by(place.api, did)
        if before is None or not set(subject.assets) <= set(before):  # the listing is what R2 reads
            raise Inconclusive(msg("interfaces.udp-not-reported", platform=role))
        answer = place.api.request("DELETE", userdata.user_path(template, did), headers=_as(subject.identity),
                                   auth=None)
        if answer.status not in (200, 204):
            evidence.finding(msg("interfaces.udp-delete-answered", status=answer.status), file=f"DELETE {answer.url}",
                             expected=[200, 204], actual=answer.status, rule="R1")
            continue
        after = place.export(subject.identity)
        where = f"GET {after.url} after the deletion at {role}"
        package = after.json() if after.status == 200 else None
        if isinstance(package, dict):
            marks = {subject.profile["display_name"]: "profile"}
            for pointer, problem in userdata.leftovers(package, marks):
                evidence.finding(problem, file=where, pointer=pointer, rule="R1")
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
    answer = place.export(place.subject.identity)
    package = answer.json() if answer.status == 200 else None
    records = userdata.activity(package) if isinstance(package, dict) else None
    return None if records is None else [r for r in records if r.get("purpose") == purpose]


@pytest.mark.requirement("IF-UDP-010")
def test_processing_for_a_purpose_of_consent_only_while_consent_is_in_force(targets: Targets, params: Parameters,
                                                                            evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        template, subject = place.declared.get("consents"), place.subject
        purpose = userdata.consent_purpose(place.declared.get("purposes"), "profile.set")
        if purpose is None:  # no processing on consent of the action the harness does: nothing to withhold
            evidence.note(msg("interfaces.udp-no-consent-purpose", platform=role))
            continue
        if not isinstance(template, str) or "{did}" not in template or "{purpose}" not in template:
            evidence.finding(msg("interfaces.udp-no-consents", platform=role, purpose=purpose), file=DISCOVERY,
                             pointer="/user_data/consents", actual=template, rule="R2")
            continue
        where = f"user data export of {subject.identity.did} at {role}"
        profile_path = userdata.user_path(place.declared["profile"], subject.identity.did)
        consent_path = userdata.user_path(template, subject.identity.did).replace("{purpose}", quote(purpose, safe=""))

        def act(label: str) -> Any:  # the user's action: its profile set again
            return place.api.request("PUT", profile_path, json=profile_request(f"conformance-{label}"),
                                     headers=_as(subject.identity), auth=None)

        before = records_for(place, purpose)
        if before is None:  # whether an export is served is IF-UDP-001's
            evidence.unjudged(where, msg("interfaces.udp-export-unjudged", platform=role, status="-"))
            continue
        if before:  # rule R1: nothing kept for it before the user consents
            evidence.finding(msg("interfaces.udp-kept-without-consent", purpose=purpose, count=len(before)),
                             file=where, pointer="/activity", actual=before[:3], rule="R1")
        given = place.api.request("PUT", consent_path, headers=_as(subject.identity), auth=None)
        set_under_consent = act("consented")
        if set_under_consent.status not in (200, 201, 204):
            raise Inconclusive(msg("interfaces.udp-profile-not-set", path=profile_path,
                                   status=set_under_consent.status))
        during = records_for(place, purpose) or []
        if given.status not in (200, 201, 204) or len(during) <= len(before):
            raise Inconclusive(msg("interfaces.udp-consent-not-used", platform=role, purpose=purpose,
                                   status=given.status))  # no processing under consent seen: none to stop
        withdrawn = place.api.request("DELETE", consent_path, headers=_as(subject.identity), auth=None)
        if withdrawn.status not in (200, 204):  # rule R2: the withdrawal is taken as simply as the consent
            evidence.finding(msg("interfaces.udp-withdrawal-answered", status=withdrawn.status),
                             file=f"DELETE {withdrawn.url}", expected=[200, 204], actual=withdrawn.status, rule="R2")
            continue
        kept = records_for(place, purpose) or []
        if kept:  # rule R4: what was kept under the consent is deleted with it
            evidence.finding(msg("interfaces.udp-kept-after-withdrawal", purpose=purpose, count=len(kept)),
                             file=where, pointer="/activity", actual=kept[:3], rule="R4")
        set_after = act("withdrawn")
        if set_after.status not in (200, 201, 204):  # rule R5: the service goes on without the consent
            evidence.finding(msg("interfaces.udp-refused-after-withdrawal", status=set_after.status),
                             file=f"PUT {set_after.url}", expected=[200, 201, 204], actual=set_after.status,
                             rule="R5")
        after = records_for(place, purpose) or []
        if len(after) > len(kept):  # rule R3: no new record once the consent is withdrawn
            evidence.finding(msg("interfaces.udp-recorded-after-withdrawal", purpose=purpose,
                                 count=len(after) - len(kept)), file=where, pointer="/activity",
                             actual=after[len(kept):][:3], rule="R3")
        evidence.note(msg("interfaces.udp-consent-checked", platform=role, purpose=purpose))


@pytest.mark.requirement("IF-UDP-011")
def test_a_correction_is_answered_everywhere_the_users_data_is(targets: Targets, params: Parameters,
                                                              evidence: Evidence):
    for role in ROLES:
        place = platform(targets, role, params.identity_path, evidence)
        subject = place.subject
        path = userdata.user_path(place.declared["profile"], subject.identity.did)
        corrected = profile_request(f"conformance-{subject.identity.did[-8:]}-corrected")
        answer = place.api.request("PUT", path, json=corrected, headers=_as(subject.identity), auth=None)
        if answer.status not in (200, 201, 204):  # rule R1: the correction is taken
            evidence.finding(msg("interfaces.udp-correction-answered", status=answer.status), file=f"PUT {answer.url}",
                             expected=[200, 201, 204], actual=answer.status, rule="R1")
            continue
        read = place.api.request("GET", path, headers=_as(subject.identity), auth=None)
        shown = read.json() if read.status == 200 else None
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
ENROLLED_AT = datetime(2026, 3, 2, 12, 0, tzinfo=timezone(timedelta(hours=8)))


def listed_templates(place: Platform, path: str) -> list[JsonObject] | None:
    """The templates the platform lists of the subject (None: no list to read)."""
    answer = place.api.request("GET", path, headers=_as(place.subject.identity), auth=None)
    body = answer.json() if answer.status == 200 else None
    items = body.get("items") if isinstance(body, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else None


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
        place = platform(targets, role, params.identity_path, evidence)
        subject, declared = place.subject, place.declared
        purpose = userdata.consent_purpose(declared.get("purposes"), "biometric.enrol", sensitive=True)
        template, consents = declared.get("biometrics"), declared.get("consents")
        if purpose is None or not isinstance(template, str) or "{did}" not in template \
                or not isinstance(consents, str) or "{purpose}" not in consents:
            raise Inconclusive(msg("interfaces.bio-not-declared", platform=role))  # the feature claimed, no interface
        did = subject.identity.did
        path = userdata.user_path(template, did)
        consent_path = userdata.user_path(consents, did).replace("{purpose}", quote(purpose, safe=""))
        stand_clock(place, role, params.clock_path, ENROLLED_AT)

        def enrol() -> Any:
            return place.api.request("POST", path, json=biometric_request(purpose), headers=_as(subject.identity),
                                     auth=None)

        refused = enrol()  # rule R1: no separate consent yet, no collection
        if refused.status != 403:
            evidence.finding(msg("interfaces.bio-enrolled-without-consent", purpose=purpose, status=refused.status),
                             file=f"POST {refused.url}", expected=403, actual=refused.status, rule="R1")
        else:
            check_problem(refused, schemas, evidence, expected_status=403)
        given = place.api.request("PUT", consent_path, headers=_as(subject.identity), auth=None)
        accepted = enrol()
        body = accepted.json() if accepted.status in (200, 201) else None
        enrolled = body.get("biometric_id") if isinstance(body, dict) else None
        if given.status not in (200, 201, 204) or not isinstance(enrolled, str):
            raise Inconclusive(msg("interfaces.bio-not-enrolled", platform=role, purpose=purpose,
                                   consent=given.status, status=accepted.status))
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
        withdrawn_kept(place, role, path, consent_path, enrol, evidence)  # rule R4
        if retention is not None:
            evidence.note(msg("interfaces.bio-checked", platform=role, purpose=purpose, retention=retention))


def withdrawn_kept(place: Platform, role: str, path: str, consent_path: str, enrol: Any, evidence: Evidence) -> None:
    """IF-BIO-001 R4: one template more under the consent, the consent withdrawn, the list read again
    (PIPL art. 47 (1) 3); unjudged when there is no template or no withdrawal to observe."""
    did, where = place.subject.identity.did, f"the biometric templates of {place.subject.identity.did} at {role}"
    again = enrol()
    body = again.json() if again.status in (200, 201) else None
    enrolled = body.get("biometric_id") if isinstance(body, dict) else None
    withdrawal = place.api.request("DELETE", consent_path, headers=_as(place.subject.identity), auth=None)
    if not isinstance(enrolled, str) or withdrawal.status not in (200, 204):
        evidence.unjudged(where, msg("interfaces.bio-withdrawal-unjudged", platform=role, status=again.status,
                                     withdrawal=withdrawal.status))
        return
    kept = listed_templates(place, path)
    if kept is None:
        evidence.unjudged(where, msg("interfaces.bio-not-listed", platform=role))
    elif any(item.get("biometric_id") == enrolled for item in kept):
        evidence.finding(msg("interfaces.bio-kept-after-withdrawal", id=enrolled, did=did),
                         file=f"GET {path} at {role}", pointer="/items", actual=enrolled, rule="R4")



#: IF-UDP-012's instant of the profile set on the user's test clock (the catalog's own, as IF-BIO-001's);
#: each retention is read from the declared purpose and passed by a minute.
ACTED_AT = ENROLLED_AT


def profile_records(api: Any, declared: dict[str, Any], who: Identity) -> list[JsonObject] | None:
    """The records of ``who``'s profile changes (profile.set on its DID) in its export (None: no export
    or no activity list to read)."""
    answer = api.request("GET", userdata.user_path(declared["export"], who.did), headers=_as(who), auth=None)
    package = answer.json() if answer.status == 200 else None
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
        declared = userdata.declaration(api)
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
                        headers=_as(subject), auth=None)
        path = userdata.user_path(declared["profile"], did)
        answer = api.request("PUT", path, json=profile_request(f"conformance-aged-{did[-12:]}"),
                             headers=_as(subject), auth=None)
        if answer.status not in (200, 201, 204):
            raise Inconclusive(msg("interfaces.udp-profile-not-set", path=path, status=answer.status))
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


def recommended(api: Any, template: str, who: Identity, *, personalised: bool) -> list[str] | None:
    """The items recommended to ``who`` (None: no list served)."""
    path = userdata.user_path(template, who.did) + ("" if personalised else "?personalised=false")
    answer = api.request("GET", path, headers=_as(who), auth=None)
    body = answer.json() if answer.status == 200 else None
    items = body.get("items") if isinstance(body, dict) else None
    return [str(item) for item in items] if isinstance(items, list) else None


@pytest.mark.requirement("IF-UDP-013")
def test_recommendations_have_an_impersonal_option_and_derived_habits_are_the_users(
        targets: Targets, params: Parameters, evidence: Evidence):
    for role in ROLES:
        api = targets[role]
        declared = userdata.declaration(api)
        template, purposes = declared.get("recommendations"), declared.get("purposes")
        if not isinstance(template, str) or "{did}" not in template:
            raise Inconclusive(msg("interfaces.hab-not-declared", platform=role))  # the feature claimed, no path
        session = Session({"api": api}, params.identity_path, count=2)
        user, blank = session.ids[:2]  # the user acts; the blank user has no record at all
        consents, derive = declared.get("consents"), userdata.consent_purpose(purposes, "habit.derive")
        if derive is not None and isinstance(consents, str) and "{purpose}" in consents:
            api.request("PUT", userdata.user_path(consents, user.did).replace("{purpose}", quote(derive, safe="")),
                        headers=_as(user), auth=None)
        _user(api, session, user, declared, evidence, "habits")  # a profile set and two assets issued

        def feeds() -> tuple[list[str] | None, ...]:
            """The blank user's, the user's, then the blank user's again (the registry standing still)."""
            return (recommended(api, template, blank, personalised=True),
                    recommended(api, template, user, personalised=True),
                    recommended(api, template, blank, personalised=True))

        before, mine, after = feeds()
        blank_plain = recommended(api, template, blank, personalised=False)
        mine_plain = recommended(api, template, user, personalised=False)
        blank_again = recommended(api, template, blank, personalised=False)
        if None in (before, mine, after, mine_plain, blank_plain) or before != after or blank_plain != blank_again:
            raise Inconclusive(msg("interfaces.hab-not-served", platform=role, path=template))
        where = f"GET {template} at {role}"
        if mine_plain != blank_plain:  # rule R1: the option not based on the user's characteristics
            evidence.finding(msg("interfaces.hab-option-personalised", did=user.did), file=f"{where}?personalised=false",
                             pointer="/items", expected=blank_plain, actual=mine_plain, rule="R1")
        if mine == before:
            evidence.note(msg("interfaces.hab-none-seen", platform=role))  # nothing derived that the harness sees
            continue
        answer = api.request("GET", userdata.user_path(declared["export"], user.did), headers=_as(user), auth=None)
        package = answer.json() if answer.status == 200 else None
        derived = package.get("derived") if isinstance(package, dict) else None
        if not isinstance(package, dict):
            evidence.unjudged(f"user data export of {user.did} at {role}", msg("interfaces.udp-export-unjudged",
                                                                               platform=role, status=answer.status))
        elif not isinstance(derived, list) or not derived:  # rule R2: what is derived is the user's own
            evidence.finding(msg("interfaces.hab-derived-not-exported", did=user.did),
                             file=f"user data export of {user.did} at {role}", pointer="/derived", actual=derived,
                             rule="R2")
        remove = declared.get("delete")
        deleted = api.request("DELETE", userdata.user_path(remove, user.did), headers=_as(user), auth=None) \
            if isinstance(remove, str) and "{did}" in remove else None
        if deleted is None or deleted.status not in (200, 204):  # how a deletion is answered is IF-UDP-009's
            evidence.unjudged(f"the recommendations of {user.did} at {role} after its deletion",
                              msg("interfaces.hab-not-deleted", platform=role,
                                  status=None if deleted is None else deleted.status))
            continue
        before, mine, after = feeds()  # rule R3: with the user's data, what was derived from it is gone
        if mine is not None and before is not None and before == after and mine != before:
            evidence.finding(msg("interfaces.hab-derived-after-delete", did=user.did), file=where, pointer="/items",
                             expected=before, actual=mine, rule="R3")
        evidence.note(msg("interfaces.hab-checked", platform=role))
